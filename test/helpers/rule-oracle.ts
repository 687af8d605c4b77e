/**
 * A brute-force oracle for every constraint kind, written straight from the definitions in
 * src/rules/types.ts and ../shared/rules-reference.md: Sets of day numbers and loops day by day. No
 * prefix sums and nothing from src/engine or src/day.ts (month and year arithmetic goes through
 * `Date.UTC` here), so a bug there cannot hide here. Slow on purpose; keep inputs small.
 *
 * Definitions used:
 * - counted days of a stay [E, X]: calendar E..X, midnight E..X-1, whole E+1..X-1; none before countFrom;
 * - a day can break a constraint only if it is within validity and on or after countFrom, and for
 *   the presence-based kinds only if it is a counted day;
 * - latest exit: the largest X >= on such that, with the stays extended by one stay over [on, X]
 *   (absorbing every stay that begins on or before X-1 and ends on or after `on`), no day of [on, X]
 *   breaks the constraint and no later day breaks it that did not before.
 */
import type { Constraint, DayCounting } from '../../src/rules/types.js'

export interface OracleVisit {
  readonly start: number
  readonly end: number
}

export interface OracleRule {
  readonly countFrom: number | null
  readonly dayCounting: DayCounting
  readonly constraint: Constraint
}

// ---------------------------------------------------------------- dates through Date.UTC

const MS = 86_400_000
const ymd = (n: number) => {
  const d = new Date(n * MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }
}
const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / MS
const monthLength = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** The same date `k` months later (k may be negative), clamped to the month's last day. */
export function oracleShiftMonths(n: number, k: number): number {
  const { y, m, d } = ymd(n)
  let month = m - 1 + k
  let year = y
  while (month < 0) {
    month += 12
    year -= 1
  }
  while (month > 11) {
    month -= 12
    year += 1
  }
  return dayOf(year, month + 1, Math.min(d, monthLength(year, month + 1)))
}

/** The last day on or before `n` that is `month`-`day` (the start of n's year). */
function yearStartOn(n: number, month: number, day: number): number {
  let y = ymd(n).y
  while (dayOf(y, month, day) > n) y -= 1
  return dayOf(y, month, day)
}

// ---------------------------------------------------------------- presence

function countedDays(rule: OracleRule, visits: readonly OracleVisit[]): Set<number> {
  const set = new Set<number>()
  for (const v of visits) {
    const from = rule.dayCounting === 'whole' ? v.start + 1 : v.start
    const to = rule.dayCounting === 'calendar' ? v.end : v.end - 1
    for (let d = from; d <= to; d++) if (rule.countFrom === null || d >= rule.countFrom) set.add(d)
  }
  return set
}

function countBetween(set: Set<number>, from: number, to: number): number {
  let n = 0
  for (let d = from; d <= to; d++) if (set.has(d)) n++
  return n
}

const validOn = (c: Constraint, d: number): boolean => (c.validFrom == null || d >= c.validFrom) && (c.validTo == null || d <= c.validTo)

/** Stays as the stay-length kinds count them: moved to countFrom, those wholly before it dropped. */
function clampedVisits(rule: OracleRule, visits: readonly OracleVisit[]): OracleVisit[] {
  const out: OracleVisit[] = []
  for (const v of visits) {
    const start = rule.countFrom === null ? v.start : Math.max(v.start, rule.countFrom)
    if (start <= v.end) out.push({ start, end: v.end })
  }
  return out
}

/** Continuous stretches: a stay joins the one before if it begins on or before the day that one ends. */
function stretchesOf(visits: readonly OracleVisit[]): OracleVisit[] {
  const sorted = [...visits].sort((a, b) => a.start - b.start)
  const out: { start: number; end: number }[] = []
  for (const v of sorted) {
    const last = out[out.length - 1]
    if (last && v.start <= last.end) last.end = Math.max(last.end, v.end)
    else out.push({ start: v.start, end: v.end })
  }
  return out
}

function lastAllowedDay(c: Constraint, start: number): number {
  if (c.kind === 'per-visit' && c.unit === 'months') return oracleShiftMonths(start, c.limit) - 1
  if (c.kind === 'per-visit' || c.kind === 'continuous') return start + c.limit - 1
  throw new Error(`oracle: ${c.kind} has no stay length`)
}

// ---------------------------------------------------------------- the figure checked on a day

interface DayFigure {
  /** The count checked on this day (days in window, in year, day of stay ...). */
  readonly used: number
  /** The most it may be. */
  readonly allowed: number
  /** First day of the counted period. */
  readonly from: number
}

function windowFrom(c: Constraint & { window: number; unit?: 'days' | 'months' }, d: number, defaultUnit: 'days' | 'months'): number {
  return (c.unit ?? defaultUnit) === 'days' ? d - c.window + 1 : oracleShiftMonths(d, -c.window) + 1
}

/** Counted days of each whole year before `start` (most recent first), by loops. */
function earlierYears(set: Set<number>, start: number, years: number, month: number, day: number): number[] {
  const out: number[] = []
  let end = start - 1
  for (let k = 1; k <= years; k++) {
    const from = yearStartOn(end, month, day)
    out.push(countBetween(set, from, end))
    end = from - 1
  }
  return out
}

/** The current-year days the weighted test needs, found by counting up (no formula). */
function weightedNeeded(c: Extract<Constraint, { kind: 'weighted' }>, earlier: readonly number[]): number {
  const product = c.divisors.reduce((p, d) => p * d, 1)
  const rest = earlier.reduce((sum, n, i) => sum + (n * product) / (c.divisors[i + 1] as number), 0)
  let current = 0
  while (current < c.minCurrent || (current * product) / (c.divisors[0] as number) + rest < c.threshold * product) current++
  return current
}

/** The figure of a presence-based kind on day d. */
function presenceFigure(c: Constraint, set: Set<number>, d: number): DayFigure {
  switch (c.kind) {
    case 'rolling':
    case 'absence': {
      const from = windowFrom(c, d, c.kind === 'rolling' ? 'days' : 'months')
      return { used: countBetween(set, from, d), allowed: c.limit, from }
    }
    case 'year': {
      const s = c.yearStart ?? { month: 1, day: 1 }
      const from = yearStartOn(d, s.month, s.day)
      return { used: countBetween(set, from, d), allowed: c.threshold === undefined ? c.limit : c.threshold - 1, from }
    }
    case 'weighted': {
      const s = c.yearStart ?? { month: 1, day: 1 }
      const from = yearStartOn(d, s.month, s.day)
      const earlier = earlierYears(set, from, c.divisors.length - 1, s.month, s.day)
      return { used: countBetween(set, from, d), allowed: weightedNeeded(c, earlier) - 1, from }
    }
    default:
      throw new Error(`oracle: ${c.kind} is not presence-based`)
  }
}

/** Every day that breaks the constraint, with its figure (the peak of its run). */
export function oracleBrokenDays(rule: OracleRule, visits: readonly OracleVisit[], from = Number.NEGATIVE_INFINITY): Map<number, number> {
  const c = rule.constraint
  const broken = new Map<number, number>()
  if (c.kind === 'per-visit' || c.kind === 'continuous') {
    const clamped = clampedVisits(rule, visits)
    const stays = c.kind === 'per-visit' ? clamped : stretchesOf(clamped)
    for (const s of stays) {
      const last = lastAllowedDay(c, s.start)
      for (let d = Math.max(s.start, from); d <= s.end; d++) {
        if (d > last && validOn(c, d)) broken.set(d, Math.max(broken.get(d) ?? 0, d - s.start + 1))
      }
    }
    return broken
  }
  const set = countedDays(rule, visits)
  for (const d of set) {
    if (d < from || !validOn(c, d)) continue
    const f = presenceFigure(c, set, d)
    if (f.used > f.allowed) broken.set(d, f.used)
  }
  return broken
}

export interface OracleRun {
  readonly start: number
  readonly end: number
  readonly peakDaysUsed: number
}

export function oracleViolations(rule: OracleRule, visits: readonly OracleVisit[]): OracleRun[] {
  const broken = oracleBrokenDays(rule, visits)
  const days = [...broken.keys()].sort((a, b) => a - b)
  const runs: { start: number; end: number; peakDaysUsed: number }[] = []
  for (const d of days) {
    const last = runs[runs.length - 1]
    const used = broken.get(d) as number
    if (last && last.end === d - 1) {
      last.end = d
      last.peakDaysUsed = Math.max(last.peakDaysUsed, used)
    } else runs.push({ start: d, end: d, peakDaysUsed: used })
  }
  return runs
}

export interface OracleFigures {
  readonly daysUsed: number
  readonly limit: number
  readonly window: { readonly start: number; readonly end: number }
}

/** The figures on the reference day: the counted period, the count and its limit. */
/**
 * Whether `on` is a same-day exit and re-entry: a stay enters on it, and every other stay present
 * that day has its recorded exit on it (an open stay never ends). The old visit is then over.
 */
export function oracleReentered(stays: readonly { readonly entry: number; readonly exit: number | null }[], on: number): boolean {
  const present = stays.filter((s) => s.entry <= on && on <= (s.exit ?? on))
  return present.some((s) => s.entry === on) && present.every((s) => s.entry === on || s.exit === on)
}

export function oracleFigures(rule: OracleRule, visits: readonly OracleVisit[], on: number, reentered = false): OracleFigures {
  const c = rule.constraint
  const counted = rule.countFrom === null || on >= rule.countFrom
  if (c.kind === 'per-visit' || c.kind === 'continuous') {
    const clamped = clampedVisits(rule, visits)
    const stays = c.kind === 'per-visit' ? clamped : stretchesOf(clamped)
    const around = stays
      .filter((s) => s.start <= on && on <= s.end && (!reentered || c.kind !== 'per-visit' || s.start === on))
      .sort((a, b) => a.start - b.start)[0]
    const start = counted && around ? around.start : on
    const daysUsed = counted && around ? on - around.start + 1 : 0
    return { daysUsed, limit: lastAllowedDay(c, start) - start + 1, window: { start, end: on } }
  }
  const f = presenceFigure(c, countedDays(rule, visits), on)
  return { daysUsed: f.used, limit: f.allowed, window: { start: f.from, end: on } }
}

// ---------------------------------------------------------------- the latest exit

/** The stays with one more stay over [on, x], absorbing those that begin by x-1 and reach `on`. */
export function extendedVisits(visits: readonly OracleVisit[], on: number, x: number, reentered = false): OracleVisit[] {
  // After a same-day exit and re-entry on `on`, the visit that ended that day is not continued.
  const joins = (v: OracleVisit) => v.start <= x - 1 && v.end >= on && !(reentered && v.start < on && v.end === on)
  const absorbed = visits.filter(joins)
  const kept = visits.filter((v) => !joins(v))
  const start = Math.min(on, ...absorbed.map((v) => v.start))
  const end = Math.max(x, ...absorbed.map((v) => v.end))
  return [...kept, { start, end }]
}

export interface OracleExitCheck {
  /** No day of [on, x] breaks the constraint. */
  readonly holds: boolean
  /** No day after x breaks it that did not before. */
  readonly harmless: boolean
}

export function oracleCheckExit(rule: OracleRule, visits: readonly OracleVisit[], on: number, x: number, reentered = false): OracleExitCheck {
  // After a same-day exit and re-entry the visit that ended on `on` is history: its own overstay
  // is reported as a violation, and says nothing about how long the new visit may last.
  const ended = reentered && rule.constraint.kind === 'per-visit'
  const current = ended ? visits.filter((v) => !(v.start < on && v.end === on)) : visits
  const before = oracleBrokenDays(rule, current, on)
  const after = oracleBrokenDays(rule, extendedVisits(current, on, x, ended), on)
  let holds = true
  let harmless = true
  for (const d of after.keys()) {
    if (d <= x) holds = false
    else if (!before.has(d)) harmless = false
  }
  return { holds, harmless }
}
