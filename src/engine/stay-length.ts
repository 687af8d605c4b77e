/**
 * Shared machinery for the kinds that cap the length of one stay from its first day (per-visit,
 * continuous): each stay may run until a last allowed day fixed by its start, and every later day of
 * it breaks the constraint. Pure; no I/O, no clock. Cost: O(stays log stays), whatever the days spanned.
 */
import { type DayRange, rangeCount, type RangeCount } from './day-set.js'
import { type ExitAnswer, RunCollector, searchHarmless } from './extension.js'
import type { Violation } from './types.js'

/**
 * Days present of a stay as the constraint counts it: `start` is day 1 (already moved to the rule's
 * `countFrom`), unless `first` says the stay began earlier (the part after a side trip).
 */
export interface Stretch extends DayRange {
  /** Day 1 of the stay this part belongs to, when earlier than `start`. */
  readonly first?: number
  /** The stay's own last allowed day (its document's, Stay.until), when it has one: not looked up by its first day. */
  readonly last?: number
}

export interface StayLengthSpec {
  readonly validFrom: number
  readonly validTo: number
  /** The last day a stay starting on `start` may last. */
  readonly lastAllowed: (start: number) => number
}

/** The days of `s` that break the constraint, or `null`. */
function brokenPart(spec: StayLengthSpec, s: Stretch): DayRange | null {
  const from = Math.max((s.last ?? spec.lastAllowed(s.first ?? s.start)) + 1, spec.validFrom, s.start)
  const to = Math.min(s.end, spec.validTo)
  return from <= to ? { start: from, end: to } : null
}

/** Maximal runs of days that break the constraint; the peak is the day number within its stay. */
export function stayLengthViolations(spec: StayLengthSpec, stretches: readonly Stretch[], id: string): Violation[] {
  const parts = stretches
    .map((s) => {
      const part = brokenPart(spec, s)
      return part && { start: part.start, end: part.end, peak: part.end - (s.first ?? s.start) + 1 }
    })
    .filter((p): p is DayRange & { peak: number } => p !== null)
    .sort((a, b) => a.start - b.start)
  const runs = new RunCollector(id)
  for (const p of parts) runs.addRange(p.start, p.end, p.peak)
  return runs.done()
}

/** Every day that breaks the constraint, counted by range. */
export function brokenDays(spec: StayLengthSpec, stretches: readonly Stretch[]): RangeCount {
  return rangeCount(stretches.map((s) => brokenPart(spec, s)).filter((p): p is DayRange => p !== null))
}

export interface StayExtension {
  readonly on: number
  /** First day of the stay the extension joins (day 1), after `countFrom`. */
  readonly start: number
  /** First day the extension counts: max(on, countFrom). */
  readonly firstCounted: number
  /**
   * Last day of the joined stay when the extension runs to X (at least X). Leaving on X ends the
   * stay one is in on `on` there (./extension.ts, "the extension model"): its recorded days after
   * `on` are not in the baseline the stays are taken from. Planned stays it absorbs run to their
   * own exit.
   */
  readonly joinedEnd: (x: number) => number
  /**
   * The recorded days present, when a joined stay may have days away in it (side trips); without
   * it every day of the joined stay is present.
   */
  readonly present?: RangeCount
}

/**
 * The largest X >= on such that staying from `on` to X keeps the constraint on every day of [on, X]
 * and breaks no later day that kept it in the baseline (leaving on `on` when inside then, else the
 * recorded stays; ./extension.ts). The joined stay starts on `ext.start` whatever X is, so its days
 * after `lastAllowed(ext.start)` break the constraint: the first such checked day bounds X, and a
 * later stay the extension absorbs is harmed when it reaches past that day on a day that kept the
 * constraint in the baseline (`broken`: the baseline's broken days).
 * @param byRule the baseline's broken days of the whole rule (EvalContext `brokenByRule`, these
 *   among them), asked only of a span where this constraint alone would see harm
 */
export function stayLengthLatestExit(spec: StayLengthSpec, ext: StayExtension, broken: RangeCount, byRule?: RangeCount): ExitAnswer {
  const last = spec.lastAllowed(ext.start)
  const first = Math.max(last + 1, spec.validFrom, ext.firstCounted)
  if (first > spec.validTo) return { latestExit: null, bound: 'none' }
  const byLimit = first - 1
  if (byLimit < ext.on) return { latestExit: null, bound: 'over' }
  const harms = (x: number): boolean => {
    const from = Math.max(x, last) + 1
    const to = Math.min(ext.joinedEnd(x), spec.validTo)
    const lo = Math.max(from, spec.validFrom)
    if (to < lo) return false
    // Beyond the allowed last day (after X) every day present of the joined stay breaks the constraint.
    const present = ext.present === undefined ? to - lo + 1 : ext.present(lo, to)
    const own = broken(lo, to)
    // A day another of the rule's constraints breaks even so is over whatever the exit.
    return present > own && (byRule === undefined || present > Math.max(own, byRule(lo, to)))
  }
  return searchHarmless(ext.on, byLimit, harms)
}

/** The index of the last element of sorted `starts` that is <= x, or -1. */
export function lastAtOrBefore(starts: readonly number[], x: number): number {
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((starts[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}
