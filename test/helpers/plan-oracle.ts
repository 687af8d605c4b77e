/**
 * A brute-force oracle for the planning answers, written from the definitions (rules-reference
 * §1.2-1.4) with plain sets of day numbers and no prefix sums, for one rolling constraint:
 *
 * - presence P: the days of the stays (open stays closed at the reference day), from `countFrom` on;
 * - used(P, d) = |P ∩ [d-W+1, d]|; a day d of P (from `validFrom` on) breaks the rule if used > L;
 * - the baseline B(E) of a stay entering (or staying on) on E: P with the stay one is in on E (the
 *   records present that day and, repeatedly, those entering while inside by them) cut at E, its
 *   recorded days after E gone; P itself when outside on E. A recorded exit after E is what the
 *   stay's own exit replaces (./rule-oracle.ts `extendedVisits`);
 * - a stay [E, E+n-1] is legal when, with presence P' = B(E) ∪ [E, E+n-1], no day of it breaks the
 *   rule and no later day of B(E) that kept the rule there breaks it now (planned stays are
 *   protected, judged against leaving on E).
 */
import fc from 'fast-check'
import type { Rule } from '../../src/rules/types.js'
import type { CalendarDay, Stay } from '../../src/types.js'
import { presenceCutAt } from './oracle.js'

export interface OracleRule {
  readonly limit: number
  readonly window: number
  readonly countFrom: number | null
  /** The constraint is checked from this day on (kz: the same as countFrom). */
  readonly validFrom: number | null
}

export function toRule(r: OracleRule): Rule {
  return {
    id: 'oracle',
    label: `${r.limit} in ${r.window}`,
    countFrom: r.countFrom as CalendarDay | null,
    constraints: [{ kind: 'rolling', limit: r.limit, window: r.window, validFrom: r.validFrom as CalendarDay | null }],
    source: 'test',
    confidence: 'official',
  }
}

export type Days = ReadonlySet<number>

/** Presence from stays, open stays closed at `on`, days before `countFrom` left out. */
export function presenceOf(r: OracleRule, stays: readonly Stay[], on: number): Set<number> {
  const days = new Set<number>()
  for (const s of stays) for (let d = s.entry; d <= (s.exit ?? on); d++) if (r.countFrom === null || d >= r.countFrom) days.add(d)
  return days
}

/**
 * B(entry): the presence when staying on (or entering) on `entry` and leaving that same day: the
 * stays (open ones closed at `on`) with the stay one is in on `entry` cut at `entry`.
 */
export function baselineOf(r: OracleRule, stays: readonly Stay[], on: number, entry: number): Set<number> {
  return presenceCutAt(stays, on, entry, (d) => r.countFrom === null || d >= r.countFrom)
}

/**
 * The last recorded day of the stay one is in on `on` (the stays present then), or `null` when
 * outside: a moved plan may start on it at the earliest, as the other stays keep their dates.
 */
export function stayOnExit(stays: readonly Stay[], on: number): number | null {
  const exitOf = (s: Stay): number => s.exit ?? on
  const inside = stays.filter((s) => s.entry <= on && on <= exitOf(s))
  return inside.length === 0 ? null : Math.max(...inside.map(exitOf))
}

export function used(r: OracleRule, p: Days, d: number): number {
  let n = 0
  for (let k = d - r.window + 1; k <= d; k++) if (p.has(k)) n++
  return n
}

const checked = (r: OracleRule, d: number): boolean => r.validFrom === null || d >= r.validFrom

/** A day of presence that breaks the rule. */
export function breaks(r: OracleRule, p: Days, d: number): boolean {
  return p.has(d) && checked(r, d) && used(r, p, d) > r.limit
}

function withStay(r: OracleRule, p: Days, entry: number, n: number): Set<number> {
  const q = new Set(p)
  for (let d = entry; d < entry + n; d++) if (r.countFrom === null || d >= r.countFrom) q.add(d)
  return q
}

/**
 * Whether a stay of `n` days entering on `entry` is legal (n = 0: staying away always is); `p` is
 * its baseline (`baselineOf`).
 */
export function legalStay(r: OracleRule, p: Days, entry: number, n: number): boolean {
  if (n === 0) return true
  const q = withStay(r, p, entry, n)
  const exit = entry + n - 1
  for (let d = entry; d <= exit; d++) if (checked(r, d) && used(r, q, d) > r.limit) return false
  for (const d of p) if (d > exit && !breaks(r, p, d) && breaks(r, q, d)) return false
  return true
}

/** An upper bound on any legal stay: the limit past the days that are not counted or not checked. */
export function stayCap(r: OracleRule, entry: number): number {
  return Math.max(0, (r.countFrom ?? entry) - entry, (r.validFrom ?? entry) - entry) + r.limit + 1
}

/** The largest legal n (every n up to the cap is tried: no monotonicity is assumed); `p` as for `legalStay`. */
export function maxStay(r: OracleRule, p: Days, entry: number): number {
  let best = 0
  for (let n = 1; n <= stayCap(r, entry); n++) if (legalStay(r, p, entry, n)) best = n
  return best
}

/** The first day up to which an entry search must look: after it nothing recorded can matter. */
export function searchEnd(r: OracleRule, p: Days, from: number): number {
  return Math.max(from, ...p, r.countFrom ?? from, r.validFrom ?? from) + r.window + 1
}

/** The first day from `from` on which a stay of `n` days is legal, each day against its own baseline. */
export function earliestEntry(r: OracleRule, stays: readonly Stay[], on: number, from: number, n: number): number | null {
  const end = searchEnd(r, presenceOf(r, stays, on), from)
  for (let e = from; e <= end; e++) if (legalStay(r, baselineOf(r, stays, on, e), e, n)) return e
  return null
}

/**
 * The earliest start of a plan moved, keeping its length `n`, the other stays keeping their dates:
 * as `earliestEntry`, but never on a day inside another plan (its entry to the day before its
 * exit), where the trip would add no day (README, "Planned stays"). Its exit day is a start.
 */
export function earliestStart(r: OracleRule, stays: readonly Stay[], on: number, from: number, n: number): number | null {
  const end = searchEnd(r, presenceOf(r, stays, on), from)
  const insidePlan = (e: number): boolean => stays.some((s) => s.entry > on && s.entry <= e && e < (s.exit ?? e))
  for (let e = from; e <= end; e++) if (!insidePlan(e) && legalStay(r, baselineOf(r, stays, on, e), e, n)) return e
  return null
}

/** Days remaining on t with no presence after the history: max(0, L - used(t)). */
export function remaining(r: OracleRule, history: Days, t: number): number {
  return Math.max(0, r.limit - used(r, history, t))
}

// ---------------------------------------------------------------------------------------------
// Generators

export interface Scenario {
  readonly rule: OracleRule
  readonly stays: readonly Stay[]
  readonly on: CalendarDay
}

const BASE = 19_700 // 2023-12-08: any day works; a realistic one reads better in failures.

export const ruleArb: fc.Arbitrary<OracleRule> = fc
  .record({
    limit: fc.integer({ min: 1, max: 12 }),
    extra: fc.integer({ min: 1, max: 20 }),
    cut: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
    cutChecks: fc.boolean(),
  })
  .map(({ limit, extra, cut, cutChecks }) => ({
    limit,
    window: limit + extra,
    countFrom: cut === null ? null : BASE + cut,
    validFrom: cut !== null && cutChecks ? BASE + cut : null,
  }))

/**
 * Stays from gaps and lengths (gap 0: a same-day exit and re-entry), a reference day somewhere
 * among them; the stay running through it is sometimes left open ("still inside").
 */
export const scenarioArb: fc.Arbitrary<Scenario> = scenariosOf(6)

/** `scenarioArb` with up to `maxStays` stays. */
export function scenariosOf(maxStays: number): fc.Arbitrary<Scenario> {
  return fc
  .record({
    rule: ruleArb,
    parts: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 1, max: 15 }) }), { maxLength: maxStays }),
    onAt: fc.integer({ min: 0, max: 120 }),
    open: fc.boolean(),
  })
  .map(({ rule, parts, onAt, open }) => {
    const on = (BASE + onAt) as CalendarDay
    let cursor = BASE
    const stays: Stay[] = parts.map(({ gap, len }, i) => {
      const entry = cursor + gap
      const exit = entry + len - 1
      cursor = exit
      return { entry: entry as CalendarDay, exit: exit as CalendarDay, source: { file: 't.csv', line: i + 2 } }
    })
    const current = stays.findIndex((s) => s.entry <= on && on <= (s.exit as number))
    if (open && current >= 0 && stays.filter((s) => s.entry <= on && on <= (s.exit as number)).length === 1) {
      stays[current] = { ...stays[current]!, exit: null }
    }
    return { rule, stays, on }
  })
}
