/**
 * A brute-force oracle for the rolling rule ("at most L days of presence in any W-day window"),
 * written straight from the definitions in ../shared/rules-reference.md §1.4 and issue 2:
 * a Set of day numbers, loops day by day and window by window. No prefix sums, and nothing from
 * src/engine, so a bug there cannot hide here. Slow on purpose; keep inputs small.
 */
import type { Rule } from '../../src/rules/types.js'

export interface OracleStay {
  readonly entry: number
  /** `null`: still inside, presence runs through `on`. */
  readonly exit: number | null
}

/** The one rolling constraint of a rule, flattened. */
export interface RollingSpec {
  readonly limit: number
  readonly window: number
  readonly countFrom: number | null
  readonly validFrom: number | null
  readonly validTo: number | null
}

export function specOf(rule: Rule): RollingSpec {
  const [c, ...rest] = rule.constraints
  if (!c || rest.length > 0 || c.kind !== 'rolling') throw new Error(`oracle: rule ${rule.id} is not one rolling constraint`)
  return { limit: c.limit, window: c.window, countFrom: rule.countFrom, validFrom: c.validFrom ?? null, validTo: c.validTo ?? null }
}

export interface OracleViolation {
  readonly start: number
  readonly end: number
  readonly peakDaysUsed: number
}

export type OracleBound = 'limit' | 'plan' | 'over' | 'none'

export interface OracleReport {
  readonly inside: boolean
  readonly daysUsed: number
  readonly daysRemaining: number
  readonly overstayDays: number
  readonly window: { readonly start: number; readonly end: number }
  readonly violations: readonly OracleViolation[]
  readonly latestExit: number | null
  readonly latestExitBound: OracleBound
}

/** Is day `d` counted at all (on or after `countFrom`)? */
const counted = (spec: RollingSpec, d: number): boolean => spec.countFrom === null || d >= spec.countFrom

/** Is the constraint checked on day `d` (within validFrom/validTo)? */
export const checkedOn = (spec: RollingSpec, d: number): boolean =>
  (spec.validFrom === null || d >= spec.validFrom) && (spec.validTo === null || d <= spec.validTo)

/** P: every day of every stay (an open stay through `on`), minus days before `countFrom`. */
export function presence(stays: readonly OracleStay[], on: number, spec: RollingSpec): Set<number> {
  const days = new Set<number>()
  for (const s of stays) {
    const exit = s.exit ?? on
    for (let d = s.entry; d <= exit; d++) if (counted(spec, d)) days.add(d)
  }
  return days
}

/** |days ∩ [d − W + 1, d]|, by looking at each of the W days. */
export function usedOn(days: ReadonlySet<number>, d: number, window: number): number {
  let n = 0
  for (let x = d - window + 1; x <= d; x++) if (days.has(x)) n++
  return n
}

/** Every maximal run of consecutive days of presence (checked days only) with used > L. */
export function violations(days: ReadonlySet<number>, spec: RollingSpec): OracleViolation[] {
  const out: OracleViolation[] = []
  let run: { start: number; end: number; peakDaysUsed: number } | null = null
  for (const d of [...days].sort((a, b) => a - b)) {
    const used = checkedOn(spec, d) ? usedOn(days, d, spec.window) : 0
    const over = checkedOn(spec, d) && used > spec.limit
    if (over && run !== null && run.end === d - 1) {
      run.end = d
      run.peakDaysUsed = Math.max(run.peakDaysUsed, used)
    } else {
      if (run !== null) out.push(run)
      run = over ? { start: d, end: d, peakDaysUsed: used } : null
    }
  }
  if (run !== null) out.push(run)
  return out
}

/**
 * B, the presence leaving on `on` itself: the stay one is in on `on` (the records present that day)
 * is cut at `on`, its recorded days after `on` gone; every other stay is kept as recorded, a plan
 * entering before that stay's recorded exit too (that exit is only an intention). Outside on `on` that is P. A recorded exit after `on`
 * is what the latest exit replaces, so harm to a plan is judged against B, not P.
 */
export function baseline(stays: readonly OracleStay[], on: number, spec: RollingSpec): Set<number> {
  return presenceCutAt(stays, on, on, (d) => counted(spec, d))
}

/**
 * The days `counted` keeps of the stays (open ones closed at `on`) with the stay one is in on `at`
 * (the records present that day) cut at `at`; every other stay is kept as recorded.
 */
export function presenceCutAt(stays: readonly OracleStay[], on: number, at: number, counted: (day: number) => boolean): Set<number> {
  const exitOf = (s: OracleStay) => s.exit ?? on
  const inside = new Set(stays.filter((s) => s.entry <= at && at <= exitOf(s)))
  const days = new Set<number>()
  for (const s of stays) {
    const last = inside.has(s) ? Math.min(exitOf(s), at) : exitOf(s)
    for (let d = s.entry; d <= last; d++) if (counted(d)) days.add(d)
  }
  return days
}

/** Which condition staying on from `on` through `x` breaks, or `null` if it breaks neither. */
export type Fault = 'limit' | 'plan' | null

/**
 * The full legality check of one candidate exit `x`, with nothing carried over. Leaving on x ends
 * the stay one is in on `on` there (./rule-oracle.ts `extendedVisits`): the presence is
 * P' = B ∪ ([on, x] minus days before countFrom), with B the presence leaving on `on` (`baseline`);
 * planned stays entered by x are in B already, whole;
 * (a) 'limit': some checked day d in [on, x] has used'(d) > L;
 * (b) 'plan': some checked day e > x of B with used_B(e) ≤ L gets used'(e) > L.
 */
export function extensionFault(stays: readonly OracleStay[], spec: RollingSpec, on: number, x: number): Fault {
  const before = baseline(stays, on, spec)
  const after = new Set(before)
  for (let d = on; d <= x; d++) if (counted(spec, d)) after.add(d)
  for (let d = on; d <= x; d++) if (checkedOn(spec, d) && usedOn(after, d, spec.window) > spec.limit) return 'limit'
  for (const e of before) {
    if (e <= x || !checkedOn(spec, e)) continue
    if (usedOn(before, e, spec.window) <= spec.limit && usedOn(after, e, spec.window) > spec.limit) return 'plan'
  }
  return null
}

/**
 * The largest legal x ≥ on: try x = on, on+1, ... and stop at the first that breaks (a) or (b)
 * (of `extensionFault`, against B).
 * Legal exits form a prefix (a shorter stay adds a subset of the days of a longer one), so the
 * first illegal x ends the search. Two shortcuts, each a one-liner:
 * - (a): adding day x changes only the windows that contain x; among d ≤ x that is d = x alone,
 *   and every earlier d was checked on an earlier round.
 * - (b): a day e ≥ x + W has a window that starts after x, so the stay cannot touch it.
 * Unbounded (`'none'`): once x passes validTo nothing later is checked; with no validTo, a run of
 * W present days from the first counted, checked day reaches used' = W, so a limit L < W stops
 * the search before `cap`, and with L ≥ W nothing ever will.
 */
export function latestExit(stays: readonly OracleStay[], spec: RollingSpec, on: number): { latestExit: number | null; latestExitBound: OracleBound } {
  const before = baseline(stays, on, spec)
  const plan = [...before].sort((a, b) => a - b)
  const usedBefore = new Map<number, number>()
  const after = new Set(before)
  const lastPresent = plan.length > 0 ? (plan[plan.length - 1] as number) : on
  const cap = spec.validTo ?? Math.max(on, spec.countFrom ?? on, spec.validFrom ?? on, lastPresent) + spec.window
  for (let x = on; ; x++) {
    if (x > cap) return { latestExit: null, latestExitBound: 'none' }
    if (counted(spec, x)) after.add(x)
    let fault: Fault = null
    if (checkedOn(spec, x) && usedOn(after, x, spec.window) > spec.limit) fault = 'limit'
    for (const e of plan) {
      if (fault !== null || e >= x + spec.window) break
      if (e <= x || !checkedOn(spec, e)) continue
      let was = usedBefore.get(e)
      if (was === undefined) usedBefore.set(e, (was = usedOn(before, e, spec.window)))
      if (was <= spec.limit && usedOn(after, e, spec.window) > spec.limit) fault = 'plan'
    }
    if (fault === null) continue
    if (x === on) return { latestExit: null, latestExitBound: fault === 'limit' ? 'over' : 'plan' }
    return { latestExit: x - 1, latestExitBound: fault }
  }
}

/** Everything the engine reports for one rolling constraint, computed the slow way. */
export function oracle(stays: readonly OracleStay[], rule: Rule | RollingSpec, on: number): OracleReport {
  const spec = 'constraints' in rule ? specOf(rule) : rule
  const days = presence(stays, on, spec)
  const daysUsed = usedOn(days, on, spec.window)
  return {
    inside: stays.some((s) => s.entry <= on && on <= (s.exit ?? on)),
    daysUsed,
    daysRemaining: Math.max(0, spec.limit - daysUsed),
    // Over only where the rule is law on `on` (a rule not yet or no longer in force breaks nothing).
    overstayDays: checkedOn(spec, on) ? Math.max(0, daysUsed - spec.limit) : 0,
    window: { start: on - spec.window + 1, end: on },
    violations: violations(days, spec),
    ...latestExit(stays, spec, on),
  }
}
