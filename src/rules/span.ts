/**
 * How many days, from a day, a rule's count reaches: the re-entry calendar's default length
 * (`stay-calc plan`), long enough for every day the rule counts on that day to have come back. Pure.
 */
import { addMonths } from '../day.js'
import type { CalendarDay } from '../types.js'
import type { Constraint, Rule } from './types.js'

/** A year, as a year rule's count starts again within one whatever its start. */
const YEAR = 366

function constraintSpan(c: Constraint, from: CalendarDay): number {
  const days = (n: number, unit: 'days' | 'months') => (unit === 'days' ? n : addMonths(from, n) - from)
  switch (c.kind) {
    case 'rolling':
      return days(c.window, c.unit ?? 'days')
    case 'absence':
      return days(c.window, c.unit ?? 'months')
    case 'per-visit':
      return days(c.limit, c.unit ?? 'days')
    case 'continuous':
      return c.limit
    case 'year':
      return YEAR
    case 'weighted':
      // Days of each year the weights reach back over still count.
      return YEAR * c.divisors.length
  }
}

/** The longest span of the constraints of `rules` from `from` (a rolling 90/180: 180 days). */
export function ruleSpan(rules: readonly Rule[], from: CalendarDay): number {
  return Math.max(1, ...rules.flatMap((r) => r.constraints.map((c) => constraintSpan(c, from))))
}
