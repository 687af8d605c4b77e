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
 * - latest exit: the largest X >= on such that, leaving on X, no day of [on, X] breaks the
 *   constraint and no later day breaks it that did not in the baseline; and none when `on` is not a
 *   counted day (midnight, whole) but the days already counted put its period over (`alreadyOver`).
 *   Threshold tests (tax residence) are judged per year: a year the baseline reaches is decided
 *   (none when it is the reference day's; no day of a later one bounds or is harmed).
 *   The baseline is leaving on `on` itself when inside then (the recorded days after `on` of the
 *   stay one is in gone: a recorded exit is what the latest exit replaces), and the records as they
 *   are when outside (not entering at all is open).
 *   After a same-day exit and re-entry on `on` the stay left that day is not the one left on X.
 *   Leaving on X means one stay over [on, X] (`extendedVisits`) that
 *   - replaces the stay one is in on `on`: the records present that day and those entering while
 *     inside by them (overlapping records are one stay; for a per-visit cap, after a same-day exit
 *     and re-entry on `on`, not the one that ended then). Leaving on X ends it on X, so its recorded
 *     days after X are gone (not kept: under midnight or whole counting the day X is then not
 *     counted, Finance Act 2013 Sch. 45 para 22: present at the end of the day);
 *   - absorbs the other planned stays (entered after `on`) that begin on or before X-1, kept as
 *     planned: staying on into one means being there for it, through its own exit;
 *   - leaves a stay that begins on X or later separate (entering on X is a same-day exit and re-entry).
 */
import type { Constraint, DayCounting } from '../../src/rules/types.js'

export interface OracleVisit {
  readonly start: number
  readonly end: number
  /** Back from a side trip: for a per-visit cap the visit before goes on (`ContinuingStay`). */
  readonly continues?: boolean
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

/** The days the presence-based kinds count: calendar E..X, midnight E..X-1, whole E+1..X-1; none before countFrom. */
export function countedDays(rule: OracleRule, visits: readonly OracleVisit[]): Set<number> {
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

/**
 * Visits for a per-visit cap: records that share a day are one visit (nobody enters while inside),
 * unless one enters on the very day the other is left (a same-day exit and re-entry). On `joinAt`
 * (the reference day, when it is no same-day re-entry: an open stay was only closed there) touching
 * records are one visit too. Repeated until nothing joins, so the order of the records does not matter.
 */
function recordGroups(visits: readonly OracleVisit[], joinAt: number | undefined): { start: number; end: number; days: Set<number> }[] {
  let out = visits.map((v) => ({ start: v.start, end: v.end, days: daysOf(v) }))
  const oneVisit = (a: OracleVisit, b: OracleVisit): boolean => {
    const [first, second] = a.start <= b.start ? [a, b] : [b, a]
    if (second.start > first.end) return false
    if (second.start < first.end || first.start === second.start) return true
    return second.start === joinAt // touching: second enters on the day first is left
  }
  for (let joined = true; joined; ) {
    joined = false
    outer: for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!
        const b = out[j]!
        if (!oneVisit(a, b)) continue
        out[i] = { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), days: new Set([...a.days, ...b.days]) }
        out = out.filter((_, k) => k !== j)
        joined = true
        break outer
      }
    }
  }
  return out.sort((a, b) => a.start - b.start)
}

function daysOf(v: OracleVisit): Set<number> {
  const days = new Set<number>()
  for (let d = v.start; d <= v.end; d++) days.add(d)
  return days
}

/** A per-visit visit: its entry, its last day, and the days present (not those of a side trip). */
interface PerVisit {
  readonly start: number
  readonly end: number
  readonly days: ReadonlySet<number>
}

/**
 * `recordGroups`, then a group entered by a return from a side trip (a record that `continues`
 * entering on its first day) is part of the visit before it, days away in between included in its
 * span but not in its days.
 */
function perVisitVisits(visits: readonly OracleVisit[], joinAt: number | undefined): PerVisit[] {
  const out: { start: number; end: number; days: Set<number> }[] = []
  for (const g of recordGroups(visits, joinAt)) {
    const last = out[out.length - 1]
    if (last && visits.some((v) => v.continues === true && v.start === g.start)) {
      last.end = Math.max(last.end, g.end)
      for (const d of g.days) last.days.add(d)
    } else out.push(g)
  }
  return out
}

/** `reentered`, unless the stay entering on `on` is a return from a side trip (no new visit). */
const newVisitOn = (visits: readonly OracleVisit[], on: number, reentered: boolean): boolean =>
  reentered && !visits.some((v) => v.continues === true && v.start === on)

/** Whether a per-visit cap applies to a visit entered on `entry`. */
function capsEntry(c: Constraint, entry: number): boolean {
  if (c.kind !== 'per-visit') return true
  return (c.entriesFrom == null || entry >= c.entriesFrom) && (c.entriesUntil == null || entry <= c.entriesUntil)
}

/**
 * The stays a stay-length kind checks, moved to countFrom: per-visit visits the cap applies to, or
 * continuous stretches; each with its first day and the days present in it.
 */
function lengthStays(rule: OracleRule, visits: readonly OracleVisit[], joinAt: number | undefined): PerVisit[] {
  const c = rule.constraint
  const stays = c.kind === 'per-visit' ? perVisitVisits(visits, joinAt).filter((v) => capsEntry(c, v.start)) : stretchesOf(visits).map((v) => ({ ...v, days: daysOf(v) }))
  const out: PerVisit[] = []
  for (const v of stays) {
    const start = rule.countFrom === null ? v.start : Math.max(v.start, rule.countFrom)
    if (start <= v.end) out.push({ start, end: v.end, days: new Set([...v.days].filter((d) => d >= start)) })
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
export function oracleBrokenDays(rule: OracleRule, visits: readonly OracleVisit[], from = Number.NEGATIVE_INFINITY, joinAt?: number): Map<number, number> {
  const c = rule.constraint
  const broken = new Map<number, number>()
  if (c.kind === 'per-visit' || c.kind === 'continuous') {
    for (const s of lengthStays(rule, visits, joinAt)) {
      const last = lastAllowedDay(c, s.start)
      for (const d of s.days) {
        if (d >= from && d > last && validOn(c, d)) broken.set(d, Math.max(broken.get(d) ?? 0, d - s.start + 1))
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

/** `on` and `reentered`: whether records touching on the reference day are one visit (see `perVisitVisits`). */
export function oracleViolations(rule: OracleRule, visits: readonly OracleVisit[], on?: number, reentered = false): OracleRun[] {
  const joinAt = on === undefined || newVisitOn(visits, on, reentered) ? undefined : on
  const broken = oracleBrokenDays(rule, visits, Number.NEGATIVE_INFINITY, joinAt)
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

/**
 * `returning`: away on a side trip on `on` (`AssessInput.returnsOn`): with no visit around `on`, the
 * figures are those of the last visit entered before it, which an entry on `on` goes on with.
 */
export function oracleFigures(rule: OracleRule, visits: readonly OracleVisit[], on: number, reentered = false, returning = false): OracleFigures {
  const c = rule.constraint
  const counted = rule.countFrom === null || on >= rule.countFrom
  if (c.kind === 'per-visit' || c.kind === 'continuous') {
    // The figures are the current visit's (a side trip in progress included), whether or not the
    // cap applies to it (see `inForce`).
    const fresh = c.kind === 'per-visit' && newVisitOn(visits, on, reentered)
    const all = c.kind === 'per-visit' ? perVisitVisits(visits, fresh ? undefined : on) : visits
    const stays = c.kind === 'per-visit' ? clampedVisits(rule, all) : stretchesOf(clampedVisits(rule, all))
    // Coming back goes on with the last visit entered before `on`, counted from countFrom (a visit
    // that ended before it is no longer all before it: the return is part of it).
    const left = returning && c.kind === 'per-visit' ? all.filter((s) => s.start < on).sort((a, b) => b.start - a.start)[0] : undefined
    const back = left && { start: rule.countFrom === null ? left.start : Math.max(left.start, rule.countFrom), end: on }
    const around =
      stays.filter((s) => s.start <= on && on <= s.end && (!fresh || s.start === on)).sort((a, b) => a.start - b.start)[0] ?? back
    const start = counted && around ? around.start : on
    const daysUsed = counted && around ? on - around.start + 1 : 0
    return { daysUsed, limit: lastAllowedDay(c, start) - start + 1, window: { start, end: on } }
  }
  const f = presenceFigure(c, countedDays(rule, visits), on)
  return { daysUsed: f.used, limit: f.allowed, window: { start: f.from, end: on } }
}

// ---------------------------------------------------------------- the latest exit

/**
 * The records of the stay one is in on `on`: those present that day (one entering after `on` is a
 * plan, even before their recorded exit). After a same-day exit and re-entry on `on`, the stay that
 * ended that day is not one.
 */
function stayInOn(visits: readonly OracleVisit[], on: number, reentered: boolean): Set<OracleVisit> {
  return new Set(visits.filter((v) => v.start <= on && v.end >= on && !(reentered && v.start < on && v.end === on)))
}

/**
 * The stays when leaving on x: one stay over [on, x] in place of the records of the stay one is in
 * (`stayInOn`, cut at x: their recorded days after x are gone), absorbing the planned stays (the
 * others entered after `on`) that begin by x-1, which run to their own exit. It enters when the
 * absorbed stay that begins first enters, and is a return from a side trip (`continues`) when that
 * one is; when none begins by `on`, it is one if `on` is a day away within a per-visit visit's span
 * (coming back early from a side trip).
 */
export function extendedVisits(visits: readonly OracleVisit[], on: number, x: number, reentered = false, returning = false): OracleVisit[] {
  const inside = stayInOn(visits, on, reentered)
  const current = (v: OracleVisit) => inside.has(v)
  const planned = (v: OracleVisit) => !inside.has(v) && v.start > on && v.start <= x - 1
  const joins = (v: OracleVisit) => current(v) || planned(v)
  const absorbed = visits.filter(joins)
  const kept = visits.filter((v) => !joins(v))
  const start = Math.min(on, ...absorbed.map((v) => v.start))
  const end = Math.max(x, ...absorbed.filter(planned).map((v) => v.end))
  const onSideTrip = perVisitVisits(visits, undefined).some((v) => v.start < on && on <= v.end && !v.days.has(on))
  const first = absorbed.filter((v) => v.start === start)
  const continues = first.length > 0 ? first.some((v) => v.continues === true) : onSideTrip || returning
  return [...kept, continues ? { start, end, continues } : { start, end }]
}

export interface OracleExitCheck {
  /** No day of [on, x] breaks the constraint. */
  readonly holds: boolean
  /** No day after x breaks it that did not before. */
  readonly harmless: boolean
}

/** Whether the reference day is one the constraint is checked on (validity, countFrom). */
const checkedOn = (rule: OracleRule, on: number): boolean => validOn(rule.constraint, on) && (rule.countFrom === null || on >= rule.countFrom)

/**
 * Under midnight or whole-day counting the reference day does not count when leaving on it, yet
 * staying on it is no legal exit when the days already counted put `on`'s own period over the limit
 * (a threshold already reached in the year; more than 180 whole days abroad in the 12 months, after
 * which no return restores continuous residence). That is so whatever `on` is for the traveller:
 * away since before it, a same-day return and departure, or a departure from home. Presence-based
 * kinds only; `on` must be checked (validity, countFrom).
 */
function alreadyOver(rule: OracleRule, visits: readonly OracleVisit[], on: number, reentered: boolean): boolean {
  const c = rule.constraint
  if (rule.dayCounting === 'calendar' || c.kind === 'per-visit' || c.kind === 'continuous') return false
  if (!checkedOn(rule, on)) return false
  // The days counted when leaving on `on` (which never counts `on` itself): a recorded exit after
  // it is cut there.
  const set = countedDays(rule, extendedVisits(visits, on, on, reentered))
  const f = presenceFigure(c, set, on)
  return f.used > f.allowed
}

/**
 * Threshold tests (tax residence) are a status of a whole year, so they are judged per year: the
 * first day of d's year, or `null` for the other kinds (judged per day).
 */
export function thresholdYear(c: Constraint, d: number): number | null {
  if (!((c.kind === 'year' && c.threshold !== undefined) || c.kind === 'weighted')) return null
  const s = c.yearStart ?? { month: 1, day: 1 }
  return yearStartOn(d, s.month, s.day)
}

/**
 * `oracleCheckExit` for a rule of several constraints: leaving on x keeps each, and harms no later
 * day that kept the whole rule in the baseline (a day another constraint breaks even then is over
 * whatever the exit).
 */
export function oracleCheckRuleExit(rules: readonly OracleRule[], visits: readonly OracleVisit[], on: number, x: number, reentered = false): OracleExitCheck[] {
  const elsewhere = new Set<number>()
  for (const rule of rules) for (const d of oracleBaseline(rule, visits, on, reentered).before.keys()) elsewhere.add(d)
  return rules.map((rule) => oracleCheckExit(rule, visits, on, x, reentered, false, elsewhere))
}

/** The baseline harm is judged against (leaving on `on` when inside then; else the records as they are), and its broken days. */
function oracleBaseline(rule: OracleRule, visits: readonly OracleVisit[], on: number, reentered: boolean, returning = false) {
  // After a same-day exit and re-entry the visit that ended on `on` is history: its own overstay
  // is reported as a violation, and says nothing about how long the new visit may last.
  const perVisit = rule.constraint.kind === 'per-visit'
  const fresh = newVisitOn(visits, on, reentered)
  const ended = fresh && perVisit
  const current = ended ? visits.filter((v) => !(v.start < on && v.end === on)) : visits
  const joinAt = fresh ? undefined : on
  const back = returning && perVisit
  // Other kinds: after a same-day exit and re-entry on `on` the stay that ended then is not the one
  // left on x either (it matters only counting whole days: `on` is then a departure day).
  const cutOn = perVisit ? ended : reentered
  const inside = current.some((v) => v.start <= on && on <= v.end)
  const base = inside ? extendedVisits(current, on, on, cutOn, back) : current
  return { current, joinAt, back, cutOn, base, before: oracleBrokenDays(rule, base, on, joinAt) }
}

/** @param elsewhere days the rule's other constraints break in the baseline (`oracleCheckRuleExit`) */
export function oracleCheckExit(rule: OracleRule, visits: readonly OracleVisit[], on: number, x: number, reentered = false, returning = false, elsewhere: ReadonlySet<number> = new Set()): OracleExitCheck {
  const { current, joinAt, back, cutOn, base, before } = oracleBaseline(rule, visits, on, reentered, returning)
  const after = oracleBrokenDays(rule, extendedVisits(current, on, x, cutOn, back), on, joinAt)
  // A threshold year the baseline already reaches (on any day of it, before `on` too) is decided:
  // no exit changes it. The reference day's year decided: no legal exit; a later one: no day of it
  // bounds the stay or is harmed.
  const decidedYears = new Set<number | null>()
  for (const d of oracleBrokenDays(rule, base, Number.NEGATIVE_INFINITY, joinAt).keys()) decidedYears.add(thresholdYear(rule.constraint, d))
  const decided = (d: number): boolean => thresholdYear(rule.constraint, d) !== null && decidedYears.has(thresholdYear(rule.constraint, d))
  let holds = !alreadyOver(rule, current, on, reentered) && !(checkedOn(rule, on) && decided(on))
  let harmless = true
  for (const d of after.keys()) {
    if (decided(d)) continue
    if (d <= x) holds = false
    else if (!before.has(d) && !elsewhere.has(d)) harmless = false
  }
  return { holds, harmless }
}
