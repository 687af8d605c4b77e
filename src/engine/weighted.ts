/**
 * A weighted count over consecutive years: the US Substantial Presence Test (26 U.S.C. §7701(b)(3);
 * IRS Publication 519): resident once the days of the current year plus 1/3 of the year before plus
 * 1/6 of the year before that reach 183, with at least 31 days in the current year. Exact integer
 * arithmetic: every count is multiplied by the LCM of the divisors, so 121/183/0 (182 exactly) is
 * below 183 and 122/183/0 (183 exactly) reaches it. Pure; no I/O, no clock.
 *
 * On a counted day d: `used` = days of d's year up to d; `allowed` = one less than the current-year
 * days needed given the full earlier years, max(minCurrent, ceil((threshold·L - Σ earlier·w) / w0)).
 */
import { isoOf } from '../day.js'
import { constraintId } from '../rules/describe.js'
import type { WeightedConstraint } from '../rules/types.js'
import { countIn } from './day-set.js'
import { validityOf } from '../rules/validity.js'
import { type Counter, presenceLatestExit, presenceViolations, type PresenceTest } from './extension.js'
import { reportOf } from './constraint-report.js'
import type { ConstraintReport, EvalContext } from './types.js'
import { JANUARY_FIRST, periodStartOf, periodStarts, shiftPeriod, yearOf } from './year.js'

/** Greatest common divisor of two whole numbers. */
export const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** Integer weights scaled by the LCM of the divisors: [1, 3, 6] → scale 6, weights [6, 2, 1]. */
export function scaledWeights(divisors: readonly number[]): { scale: number; weights: number[] } {
  const scale = divisors.reduce((l, d) => (l / gcd(l, d)) * d, 1)
  return { scale, weights: divisors.map((d) => scale / d) }
}

/** `a/b` in lowest terms, or `a` when whole: 1097/6 → "1097/6", 1098/6 → "183". */
export function fractionText(numerator: number, denominator: number): string {
  const g = gcd(numerator, denominator)
  const [n, d] = [numerator / g, denominator / g]
  return d === 1 ? String(n) : `${n}/${d}`
}

interface YearCounts {
  /** Days of the current year up to the day asked. */
  readonly current: number
  /** Full earlier years, most recent first. */
  readonly earlier: readonly number[]
}

export function weightedTest(c: WeightedConstraint): PresenceTest & { counts: (d: number, count: Counter) => YearCounts } {
  const start = c.yearStart ?? JANUARY_FIRST
  const periodOf = periodStarts(start)
  const { scale, weights } = scaledWeights(c.divisors)
  const w0 = weights[0] ?? scale
  const target = c.threshold * scale
  // Starts of the years counted with the one starting on `boundsOf` (k years back at k), asked for
  // on every day scanned: remembered for the last year.
  let boundsOf = Number.NaN
  const bounds: number[] = []
  const counts = (d: number, count: Counter): YearCounts => {
    const ps = periodOf(d)
    if (ps !== boundsOf) {
      for (let k = 0; k < weights.length; k++) bounds[k] = shiftPeriod(ps, start, -k)
      boundsOf = ps
    }
    const earlier: number[] = []
    for (let k = 1; k < weights.length; k++) earlier.push(count(bounds[k]!, bounds[k - 1]! - 1))
    return { current: count(ps, d), earlier }
  }
  // The allowance depends only on the year and the counts of earlier years: remember the last one.
  let memo: { count: Counter; periodStart: number; allowed: number } | null = null
  const { validFrom, validTo } = validityOf(c)
  return {
    validFrom,
    validTo,
    counts,
    used: (d, count) => count(periodOf(d), d),
    allowed: (d, count) => {
      const ps = periodOf(d)
      if (memo && memo.count === count && memo.periodStart === ps) return memo.allowed
      const { earlier } = counts(d, count)
      const rest = earlier.reduce((sum, n, i) => sum + n * (weights[i + 1] ?? 0), 0)
      const needed = Math.max(c.minCurrent, Math.ceil((target - rest) / w0))
      memo = { count, periodStart: ps, allowed: needed - 1 }
      return needed - 1
    },
    reach: (x) => shiftPeriod(periodOf(x), start, weights.length) - 1,
    scanDays: (weights.length + 9) * 366,
    // Resident "with respect to any calendar year" (26 U.S.C. §7701(b)(3)): judged per year
    // (./extension.ts `presenceLatestExit`).
    period: (d) => yearOf(periodOf(d), start) }
}

/** The `details` key of the days of the `i`-th year before the current one (0: the previous year). */
export const earlierYearKey = (i: number): string => (i === 0 ? 'previousYearDays' : i === 1 ? 'yearBeforeDays' : `yearMinus${i + 1}Days`)

export function evaluateWeighted(c: WeightedConstraint, ctx: EvalContext): ConstraintReport {
  const { on, presence } = ctx
  const id = constraintId(c)
  const test = weightedTest(c)
  const count: Counter = (from, to) => countIn(presence, from, to)
  const start = c.yearStart ?? JANUARY_FIRST
  const periodStart = periodStartOf(on, start)
  const { current, earlier } = test.counts(on, count)
  const { scale, weights } = scaledWeights(c.divisors)
  const scaledTotal = current * (weights[0] ?? scale) + earlier.reduce((sum, n, i) => sum + n * (weights[i + 1] ?? 0), 0)
  const limit = test.allowed(on, count)
  const crossed = current >= c.minCurrent && scaledTotal >= c.threshold * scale
  const exit = presenceLatestExit(test, ctx)
  const violations = presenceViolations(test, ctx, id)
  const periodEnd = shiftPeriod(periodStart, start, 1) - 1
  const crossing = violations.find((v) => v.start >= periodStart && v.start <= periodEnd)
  const details: Record<string, number | string | boolean | null> = {
    periodStart: isoOf(periodStart),
    periodEnd: isoOf(periodEnd),
    threshold: c.threshold,
    minCurrent: c.minCurrent,
    currentYearDays: current }
  earlier.forEach((n, i) => {
    details[earlierYearKey(i)] = n
  })
  details.weightedTotal = fractionText(scaledTotal, scale)
  details.weightedTotalFloor = Math.floor(scaledTotal / scale)
  details.crossed = crossed
  details.crossedOn = crossing ? isoOf(crossing.start) : null
  return reportOf(c, {
    id,
    on,
    limit,
    daysUsed: current,
    periodStart: periodStart,
    exit,
    violations,
    details })
}
