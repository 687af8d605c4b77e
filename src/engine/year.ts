/**
 * "At most N counted days per year", or "reaching N days in a year breaks the rule" (a tax
 * residence threshold). The year is the calendar year or starts on a month and day: Russia, Federal
 * Law 115-FZ Art. 5(1) as amended by 260-FZ (90 days "within one calendar year" from 2025); the UK
 * Statutory Residence Test, Finance Act 2013 Sch. 45 (183 days in the tax year from 6 April,
 * counting midnights). On each counted day d the count runs from the start of d's year to d.
 * Pure; no I/O, no clock.
 */
import { dayFromYmd, daysInMonth, isoOf, ymdOf } from '../day.js'
import { constraintId } from '../rules/describe.js'
import type { YearConstraint, YearStart } from '../rules/types.js'
import { countIn, type DaySet } from './day-set.js'
import { validityOf } from '../rules/validity.js'
import { presenceLatestExit, presenceViolations, type PresenceTest } from './extension.js'
import { reportOf } from './constraint-report.js'
import type { ConstraintReport, EvalContext } from './types.js'

export const JANUARY_FIRST: YearStart = { month: 1, day: 1 }

/** First day of the year (starting on `start`) that contains day `d`. */
export function periodStartOf(d: number, start: YearStart): number {
  const { year } = ymdOf(d)
  const thisYear = dayFromYmd(year, start.month, start.day)
  return d >= thisYear ? thisYear : dayFromYmd(year - 1, start.month, start.day)
}

/**
 * `periodStartOf` for one year start, remembering the last year found: the latest-exit and
 * violation scans ask day after day, and the calendar maths per day was most of their cost. (Only
 * for a start that falls within its own calendar year, as every real one does: then each year runs
 * exactly to the day before the next one starts.)
 */
export function periodStarts(start: YearStart): (d: number) => number {
  const { month, day } = start
  const real = Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(day) && day >= 1 && day <= daysInMonth(2000, month)
  if (!real) return (d) => periodStartOf(d, start)
  let first = 0
  let last = -1
  return (d) => {
    if (d < first || d > last) {
      first = periodStartOf(d, start)
      last = shiftPeriod(first, start, 1) - 1
    }
    return first
  }
}

/** The start of the year `k` years after the one starting on `periodStart` (k may be negative). */
export function shiftPeriod(periodStart: number, start: YearStart, k: number): number {
  return dayFromYmd(ymdOf(periodStart).year + k, start.month, start.day)
}

/** The most counted days allowed in a year: `limit`, or one less than `threshold`. */
export function yearAllowed(c: YearConstraint): number {
  return c.threshold === undefined ? c.limit : c.threshold - 1
}

export function yearTest(c: YearConstraint): PresenceTest {
  const start = c.yearStart ?? JANUARY_FIRST
  const allowed = yearAllowed(c)
  const { validFrom, validTo } = validityOf(c)
  const periodOf = periodStarts(start)
  return {
    validFrom,
    validTo,
    used: (d, count) => count(periodOf(d), d),
    allowed: () => allowed,
    reach: (x) => shiftPeriod(periodOf(x), start, 1) - 1,
    // A fresh year holds 365 or 366 days; a leap year comes within nine.
    scanDays: 10 * 366,
    // A threshold makes one resident for the whole year (Finance Act 2013 Sch. 45 para 7): judged
    // per year (./extension.ts `presenceLatestExit`). A limit is a cap on days, each one over an overstay.
    ...(c.threshold === undefined ? {} : { period: (d: number) => yearOf(periodOf(d), start) }) }
}

/** The year starting on `periodStart`, as a range of days. */
export function yearOf(periodStart: number, start: YearStart): { start: number; end: number } {
  return { start: periodStart, end: shiftPeriod(periodStart, start, 1) - 1 }
}

/** The first day in [from, to] on which the count from `from` reaches `n`, or `null`. */
export function dayCountReaches(presence: DaySet, from: number, to: number, n: number): number | null {
  if (countIn(presence, from, to) < n) return null
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2)
    if (countIn(presence, from, mid) >= n) hi = mid
    else lo = mid + 1
  }
  return lo
}

export function evaluateYear(c: YearConstraint, ctx: EvalContext): ConstraintReport {
  const { on, presence } = ctx
  const id = constraintId(c)
  const test = yearTest(c)
  const start = c.yearStart ?? JANUARY_FIRST
  const periodStart = periodStartOf(on, start)
  const periodEnd = shiftPeriod(periodStart, start, 1) - 1
  const daysUsed = countIn(presence, periodStart, on)
  const limit = yearAllowed(c)
  const exit = presenceLatestExit(test, ctx)
  const details: Record<string, number | string | boolean | null> = {
    periodStart: isoOf(periodStart),
    periodEnd: isoOf(periodEnd),
    periodDays: countIn(presence, periodStart, periodEnd) }
  if (c.threshold !== undefined) {
    const reached = dayCountReaches(presence, periodStart, periodEnd, c.threshold)
    details.threshold = c.threshold
    details.crossed = daysUsed >= c.threshold
    details.crossedOn = reached === null ? null : isoOf(reached)
  }
  return reportOf(c, {
    id,
    on,
    limit,
    daysUsed,
    periodStart: periodStart,
    exit,
    violations: presenceViolations(test, ctx, id),
    details })
}
