/**
 * "At most L counted days in any window of W days or W calendar months" for the cases the
 * day-window engine in ./rolling.ts does not cover: windows in months (OECD Model Art. 15(2)(a):
 * "any twelve month period"), rules that count midnights or whole days, and the `absence` kind.
 * Pure; no I/O, no clock.
 *
 * The window ending on day D:
 * - `days`: D-(W-1) ... D;
 * - `months`: from the day after the same date W months earlier (clamped to the month's end) to D.
 *   For D = 2025-02-28 and W = 12 that is 2024-02-29 ... 2025-02-28 (366 days): every twelve-month
 *   period ending on or after D is checked, and "29 Feb + 12 months" is read as 28 Feb (the longer,
 *   conservative window).
 */
import { addMonths } from '../day.js'
import type { PeriodUnit } from '../rules/types.js'
import { countIn } from './day-set.js'
import { validityOf } from '../rules/validity.js'
import { presenceLatestExit, presenceViolations, type PresenceTest } from './extension.js'
import { constraintReport } from './constraint-report.js'
import type { ConstraintReport, EvalContext } from './types.js'

export interface SlidingSpec {
  readonly limit: number
  readonly window: number
  readonly unit: PeriodUnit
  readonly validFrom?: number | null
  readonly validTo?: number | null
}

/** First day of the window ending on `d`. */
export function windowStart(spec: Pick<SlidingSpec, 'window' | 'unit'>, d: number): number {
  return spec.unit === 'days' ? d - spec.window + 1 : addMonths(d, -spec.window) + 1
}

export function slidingTest(spec: SlidingSpec): PresenceTest {
  const { limit, window, unit } = spec
  const { validFrom, validTo } = validityOf(spec)
  return {
    validFrom,
    validTo,
    used: (d, count) => count(windowStart(spec, d), d),
    allowed: () => limit,
    // The last window that still contains x ends at most W months (W days) later.
    reach: (x) => (unit === 'days' ? x + window - 1 : addMonths(x, window) + 1),
    // Windows in months vary in length (a 12-month window holds 365 or 366 days); within nine years
    // every length has occurred, so a full stay that breaks nothing by then never will.
    scanDays: unit === 'days' ? window + 1 : 9 * 366 + 31 * window }
}

/** Figures for a sliding-window constraint; `id` and `label` come from the caller. */
export function evaluateSliding(spec: SlidingSpec, ctx: EvalContext, id: string, label: string, kind: string): ConstraintReport {
  const { on, presence } = ctx
  const test = slidingTest(spec)
  const start = windowStart(spec, on)
  const daysUsed = countIn(presence, start, on)
  const exit = presenceLatestExit(test, ctx)
  return constraintReport({
    id,
    kind: kind,
    label: label,
    validity: spec,
    on,
    limit: spec.limit,
    daysUsed,
    periodStart: start,
    exit,
    violations: presenceViolations(test, ctx, id),
    details: { window: spec.window, unit: spec.unit, windowDays: on - start + 1 } })
}
