/**
 * Planning answers: the longest stay entering on a day, the earliest entry for a stay of K days,
 * the re-entry calendar, checks of planned stays, the days coming back and the earliest full
 * re-entry. Pure; no I/O, no clock.
 *
 * Every answer is built from `assess()` on modified stays, so it holds for any rule the engine
 * knows (new constraint kinds plan correctly without changes here):
 * - the longest stay entering on E is `assess({ stays, rule, on: E }).latestExit`;
 * - a hypothetical stay [E, X] is legal when that latest exit is X or later, which also means it
 *   makes no legal planned stay illegal (`latestExitBound: 'plan'`).
 *
 * Conventions (README, "Planning and explanation"):
 * - stays entering after the reference day `on` are plans; the others are the history;
 * - an open stay is closed at `on`: answers for later days read "if you leave on `on`";
 * - a hypothetical stay is added to the history and the plans, and a day counts once.
 */
import type { Constraint, Rule } from '../rules/types.js'
import type { CalendarDay, SourceRef, Stay } from '../types.js'
import { assess, daysRemainingSeries } from './assess.js'
import { bindingIndex } from './binding.js'
import { continuesVisit, type ExitBound, type Report } from './types.js'

export interface PlanInput {
  readonly stays: readonly Stay[]
  /** The rule explained (with several `--rule`s, the binding one). */
  readonly rule: Rule
  /** Every rule a stay must keep (default: `[rule]`); each answer is the strictest of them. */
  readonly rules?: readonly Rule[]
  /** The reference day: stays entering after it are plans. */
  readonly on: CalendarDay
}

/** The longest stay entering (or, when already inside, staying on) on a day. */
export interface StayOption {
  readonly entry: CalendarDay
  /** Last legal day; `null` when no stay is possible (`days` 0) or no limit applies (`days` null). */
  readonly latestExit: CalendarDay | null
  /** Days of the longest legal stay, entry day included; `null`: no limit applies. */
  readonly days: number | null
  readonly bound: ExitBound
  /** Already present on `entry` (a recorded or planned stay runs through it). */
  readonly inside: boolean
  /** `entry` is a planned stay's exit day: a same-day exit and re-entry (reentryCalendar). */
  readonly reenters?: true
  /** The stay, entered on `entry` and left on `latestExit`, runs into a planned stay: a day they share counts once (reentryCalendar). */
  readonly joins?: true
}

/** How `Planner.earliestEntry` searches, beyond its defaults. */
export interface EntrySearch {
  /** A same-day exit and re-entry on this day (the stay one is in on `on` ends then). */
  readonly reentersOn?: number | undefined
  /** The other planned stays, when a plan is moved: no start inside one. */
  readonly planned?: readonly Stay[]
  /** Stays times days assessed that the search may still spend, shared by several searches. */
  readonly budget?: { left: number }
}

/** Why an earliest-entry search found nothing. */
export type NoEntryReason =
  /** Longer than the rule allows in one stay even with no other presence. */
  | 'exceeds-rule'
  /** Not found before the horizon, after which nothing recorded or planned can matter. */
  | 'not-found'
  /** Not searched: only the first MAX_START_ADVICE breaking plans get an earliest start. */
  | 'not-computed'

export interface EntryAnswer {
  /** The stay length asked for. */
  readonly days: number
  /** The first day considered. */
  readonly from: CalendarDay
  /** The earliest day on or after `from` on which a stay of `days` days may begin; `null`: never. */
  readonly entry: CalendarDay | null
  /** `entry + days - 1`. */
  readonly exit: CalendarDay | null
  readonly reason: NoEntryReason | null
  /**
   * The longest single stay the rule allows with no other presence, on the best day of entry on or
   * after `from`: once every rule change is over (`Planner.ruleMaximum`), or before, where a day
   * then allows more (entering before a rule's `countFrom`); `null`: no limit.
   */
  readonly ruleMaximum: number | null
}

/** Consecutive entry days of the re-entry calendar with the same answer. */
export interface CalendarGroup {
  readonly from: CalendarDay
  readonly to: CalendarDay
  /** Longest stay entering on `from` / on `to` (equal when the group shares its length). */
  readonly daysFrom: number | null
  readonly daysTo: number | null
  /** Latest exit entering on `from` / on `to` (equal when the group shares its exit). */
  readonly exitFrom: CalendarDay | null
  readonly exitTo: CalendarDay | null
  readonly bound: ExitBound
  /** Already inside on these days (staying on, or in a planned stay). */
  readonly inside: boolean
  /** A planned stay's exit day, entered again that day (StayOption `reenters`): a group of its own. */
  readonly reenters: boolean
  /** Every stay of the group runs into a planned stay (StayOption `joins`). */
  readonly joins: boolean
}

export interface ReentryCalendar {
  readonly from: CalendarDay
  /** Number of entry days covered. */
  readonly count: number
  readonly days: readonly StayOption[]
  readonly groups: readonly CalendarGroup[]
}

/** A planned stay (entry after `on`) checked against everything else recorded and planned. */
export interface PlanCheck {
  readonly entry: CalendarDay
  readonly exit: CalendarDay
  readonly days: number
  readonly source: SourceRef
  /** The plan keeps the rule and makes no other legal plan break it. */
  readonly ok: boolean
  /** Days too long: plan length minus the longest legal stay from its entry (0 when ok). */
  readonly excessDays: number
  /** The longest legal stay entering on the plan's entry day. */
  readonly longest: StayOption
  /** Breaking plan: the latest exit that makes it legal (`null`: no day of it is legal). */
  readonly shortenedExit: CalendarDay | null
  /** Breaking plan: the earliest start that keeps its length: after `on`, or on the recorded exit of the stay one is in on `on` (`on` itself when it is left then). */
  readonly earliestStart: EntryAnswer | null
}

/** A run of consecutive days on which the days remaining grow as old days leave the window. */
export interface Comeback {
  readonly from: CalendarDay
  readonly to: CalendarDay
  /** Days remaining on `from` and on `to`. */
  readonly daysFrom: number
  readonly daysTo: number
}

export interface DaysComeBack {
  /** Days remaining on the reference day. */
  readonly daysRemaining: number
  /** The last day of the history: the reference day, or the recorded exit of the stay it is in. */
  readonly after: CalendarDay
  /**
   * Days remaining on `after`: fewer than on the reference day when the stay one is in runs on to a
   * recorded exit (QA: "72 days remaining" then "60 days again" read as days lost, not regained).
   */
  readonly daysRemainingAfter: number
  /** Planned stays are left out: the runs assume no presence after the history. */
  readonly runs: readonly Comeback[]
  /** The last day told, when days still come back after ten years from `on` (MAX_COMEBACK_DAYS); else `null`. */
  readonly cutAt: CalendarDay | null
  /** The last day the rules limit a stay, when they end within the days told (a rules file's `validTo`): no days come back after it, none are counted; else `null`. */
  readonly ruleEnds: CalendarDay | null
}

export interface FullReentry {
  /** Inside on the reference day: the day of leaving assumed (`null`: not inside, entry from `on`). */
  readonly leaving: CalendarDay | null
  /** Earliest day after `leaving` (or from `on`) on which a stay of `days` days may begin. */
  readonly entry: CalendarDay | null
  /** The longest single stay the rule allows. */
  readonly days: number
}

/** Constraint kinds without a `window` may look back this far (three calendar years: yearly and weighted tests). */
const DEFAULT_MEMORY = 3 * 366

/**
 * Days in four Gregorian years: the calendar (month lengths, leap days, the start of a year) repeats
 * every 1461 days between century years that are not leap years (1901-2099, 2101-2199, ...).
 */
const LEAP_CYCLE = 1461

/**
 * Whether how long a stay may last depends on where it falls in the calendar, not only on its
 * length: a cap per calendar or tax year (180 in each of two years: 360 days entering on 5 July,
 * `am`), a weighted yearly test, or a period in months (6 months from 1 July are 184 days, from
 * 1 February 181 in a common year).
 */
function calendarBound(c: Constraint): boolean {
  if (c.kind === 'year' || c.kind === 'weighted') return true
  const unit = (c as { readonly unit?: unknown }).unit
  return unit === 'months' || (c.kind === 'absence' && unit === undefined)
}

/** `Planner.ruleMaximum` by rules (the same objects in the same order) and first entry day tried. */
const maximumCache = new WeakMap<Rule, { readonly rules: readonly Rule[]; readonly from: number; readonly days: number | null }[]>()

/**
 * How far back presence can matter to a constraint, or `null` when the kind does not say. A
 * `window` counts days only for a rolling constraint without `unit: 'months'`; otherwise it is read
 * as months (31 days each), the longer and so safe reading.
 */
function memoryOf(c: Constraint): number | null {
  const { window, unit } = c as { readonly window?: unknown; readonly unit?: unknown }
  if (typeof window !== 'number') return null
  return c.kind === 'rolling' && unit !== 'months' ? window : window * 31 + 1
}

/** Open stays closed at `on`. */
export function closeOpenStays(stays: readonly Stay[], on: CalendarDay): Stay[] {
  return stays.map((s) => (s.exit === null ? { ...s, exit: on } : s))
}

/**
 * The planner for one input: open stays closed at `on`, stays that cannot matter after `on`
 * dropped (only when every constraint says how far back it looks).
 */
export class Planner {
  readonly stays: readonly Stay[]
  /**
   * `stays` with open stays left open, for answers on `on` itself: an open stay does not end then,
   * so a record entering on `on` is no same-day exit and re-entry (./assess.ts `reenteredOn`).
   */
  readonly given: readonly Stay[]
  /** `stays` without identical records. */
  readonly distinct: readonly Stay[]
  readonly rules: readonly Rule[]
  readonly on: CalendarDay
  /** Days after the last presence and the last rule change after which answers no longer change. */
  readonly memory: number
  /** Every constraint says how far back it looks, so stays older than `memory` were dropped. */
  readonly trims: boolean

  constructor({ stays, rule, rules = [rule], on }: PlanInput) {
    const memories = rules.flatMap((r) => r.constraints.map(memoryOf))
    const known = memories.every((m): m is number => m !== null)
    this.memory = Math.max(0, ...memories.map((m) => m ?? DEFAULT_MEMORY))
    const closed = closeOpenStays(stays, on)
    this.trims = known
    const matters = (s: Stay): boolean => !known || (s.exit ?? on) >= on - this.memory
    this.stays = known ? closed.filter(matters) : closed
    this.given = known ? stays.filter(matters) : stays
    // Identical records change no day-based answer (a day counts once, a visit is its dates);
    // the day-by-day searches use one of each, so their cost follows the distinct stays.
    const seen = new Set<string>()
    this.distinct = this.stays.filter((s) => {
      const key = `${s.entry}:${s.exit}:${s.until ?? ''}:${continuesVisit(s) ? 'back' : ''}`
      return seen.has(key) ? false : (seen.add(key), true)
    })
    this.rules = rules
    this.on = on
  }

  /** The day from which none of `stays` and no rule change matters to an answer any more. */
  horizon(from: number, stays: readonly Stay[] = this.stays): CalendarDay {
    let last = from
    for (const s of stays) last = Math.max(last, s.exit ?? s.entry)
    for (const { countFrom, validFrom, validTo, constraints } of this.rules) {
      for (const change of [countFrom, validFrom, validTo]) last = Math.max(last, change ?? last)
      for (const c of constraints) {
        last = Math.max(last, c.validFrom ?? last, c.validTo ?? last)
        // A per-visit cap that changes for visits entered from a day changes the answers up to it.
        if (c.kind === 'per-visit') last = Math.max(last, c.entriesFrom ?? last, c.entriesUntil ?? last)
      }
    }
    return (last + this.memory + 1) as CalendarDay
  }

  /** The planned stays: those entering after `on`, open stays closed. */
  plans(): readonly Stay[] {
    return this.stays.filter((s) => s.entry > this.on)
  }

  /** Inside on `on`: the last day of the stay it is in (the recorded exit, or `on` for an open stay); else `null`. */
  currentExit(): CalendarDay | null {
    const current = this.stays.filter((s) => s.entry <= this.on && this.on <= (s.exit as number))
    return current.length === 0 ? null : (Math.max(...current.map((s) => s.exit as number)) as CalendarDay)
  }

  longest(entry: number, stays: readonly Stay[] = this.stays): StayOption {
    const r = this.assess(entry === this.on && stays === this.stays ? this.given : stays, entry)
    const days = r.latestExit === null ? (r.latestExitBound === 'none' ? null : 0) : r.latestExit - entry + 1
    return { entry: entry as CalendarDay, latestExit: r.latestExit, days, bound: r.latestExitBound, inside: r.inside }
  }

  /**
   * The strictest of the rules' reports on `on` (the binding one: the earliest latest exit), for
   * its latest exit: without violations (`figuresOnly`), which the searches day by day do not read.
   */
  assess(stays: readonly Stay[], on: number): Report {
    const reports = this.rules.map((rule) => assess({ stays, rule, on: on as CalendarDay, figuresOnly: true }))
    return reports[bindingIndex(reports)]!
  }

  /** Whether `stays` as they are break a rule on some day. */
  private brokenBy(stays: readonly Stay[]): boolean {
    return this.rules.some((rule) => assess({ stays, rule, on: this.on }).violations.length > 0)
  }

  /**
   * The first day from which every rule change is over and an entry with no presence before it is
   * answered as on any later day in the same place of the calendar.
   */
  private settled(): number {
    return this.horizon(this.on, [])
  }

  /**
   * The longest single stay the rules allow with no other presence, entering on any day once every
   * rule change is over; `null`: no limit. Where the calendar matters (`calendarBound`), every entry
   * day of a leap cycle is tried, as the longest stay may begin on some days of the year only (`am`,
   * 180 per calendar year: 360 days entering on 5 July, 180 in each year; `us-b2`, 6 months: 184
   * entering on 1 July); otherwise every entry day gives the same answer. The cycle breaks at a
   * century year without 29 February (2100): the answer is that of the entry days tried, the
   * years after `on`. Cached: a run asks it for every earliest-entry search.
   */
  ruleMaximum(): number | null {
    const from = this.settled()
    const cached = maximumCache.get(this.rules[0]!)?.find((m) => m.from === from && m.rules.length === this.rules.length && m.rules.every((r, i) => r === this.rules[i]))
    if (cached !== undefined) return cached.days
    const span = this.rules.some((r) => r.constraints.some(calendarBound)) ? LEAP_CYCLE : 1
    let days: number | null = 0
    for (let e = from; e < from + span && days !== null; e++) {
      const n = this.longest(e, []).days
      days = n === null ? null : Math.max(days, n)
    }
    // A few reference days per rule (a long-lived process may ask for many): the oldest go first.
    const list = (maximumCache.get(this.rules[0]!) ?? []).slice(-15)
    list.push({ rules: this.rules, from, days })
    maximumCache.set(this.rules[0]!, list)
    return days
  }

  /**
   * The earliest entry on or after `from` for a stay of `days` days. An entry on `reentersOn` is a
   * same-day exit and re-entry (a stay ends that day): a one-day record of it says so, as for a plan
   * entering on another stay's exit (`checkPlans`). Moving a plan, the other plans are `planned`:
   * a day inside one (its entry to the day before its exit) is no start, for the trip would add no
   * day there (README, "Planned stays"); its exit day is a same-day exit and re-entry. With a
   * `budget` (stays times days assessed, shared by several searches), a search that would spend
   * more is given up: `not-computed`.
   */
  earliestEntry(days: number, from: number, stays: readonly Stay[] = this.stays, search: EntrySearch = {}): EntryAnswer {
    const { reentersOn, planned = [], budget } = search
    const horizon = this.horizon(from, stays)
    const ruleMaximum = this.ruleMaximum()
    // Before a rule change a day may allow more than the rule once settled: the answer's maximum
    // is then the longest such day's, whatever the length asked (QA: kz from 2022-12-01 gave a
    // 120-day stay beside a "ruleMaximum" of 90, and 90 for --for 30).
    const maximum = (): number | null => (ruleMaximum === null ? null : this.maximumFrom(from, ruleMaximum))
    // After the horizon nothing recorded or planned matters: a stay the rules allow at all begins
    // within a leap cycle of it (the entry days `ruleMaximum` tries, in the same places of the calendar).
    // Longer than any day allows once every rule change is over: only a day before it may, unless
    // the other stays break a rule somewhere, whose days a stay may then overlap at no harm (QA: a
    // 200-day plan under 90/180 was searched for until the horizon of a plan in 2199; us-spt,
    // where a year already over lets a longer stay through).
    const longer = ruleMaximum !== null && ruleMaximum < days
    const last = !longer ? Math.max(horizon, this.settled()) + LEAP_CYCLE - 1 : this.brokenBy(stays) ? horizon : Math.min(horizon, this.settled() - 1)
    const near = this.trims ? nearStays(stays, this.memory, days) : undefined
    for (let e = from; e <= last; e++) {
      // QA: a plan's first day was given as another plan's earliest start (read as staying on in it).
      if (planned.some((p) => p.entry <= e && e < (p.exit as number))) continue
      const around = near === undefined || e === this.on ? stays : near(e)
      // Charged for every stay even when only those near are read: each day tried also scans its
      // window, and a budget counting the near ones only let the plan checks run 15 s (differential QA).
      if (budget !== undefined && e <= horizon) {
        budget.left -= stays.length + 1
        if (budget.left < 0) return { days, from: from as CalendarDay, entry: null, exit: null, reason: 'not-computed', ruleMaximum: null }
      }
      const reenters = e === reentersOn || planned.some((p) => p.exit === e && p.entry < e)
      const reentry: Stay[] = reenters ? [reentryOn(e)] : []
      const n = this.longest(e, e > horizon ? [] : reentry.length === 0 ? around : [...around, ...reentry]).days
      if (n === null || n >= days) {
        return { days, from: from as CalendarDay, entry: e as CalendarDay, exit: (e + days - 1) as CalendarDay, reason: null, ruleMaximum: maximum() }
      }
    }
    const most = maximum()
    const reason: NoEntryReason = most !== null && most < days ? 'exceeds-rule' : 'not-found'
    return { days, from: from as CalendarDay, entry: null, exit: null, reason, ruleMaximum: most }
  }

  /**
   * `ruleMaximum`, or longer when a day from `from` on, before every rule change is over, allows
   * more: a stay entered before a rule's `countFrom` counts only from then (kz on 2023-01-20: 97
   * days, not 90). A day-by-day look from `from` to the last rule change: none for a day after it.
   */
  maximumFrom(from: number, ruleMaximum: number): number | null {
    let days: number | null = ruleMaximum
    const settled = this.settled()
    for (let e = from; e < settled && days !== null; e++) {
      const n = this.longest(e, []).days
      days = n === null ? null : Math.max(days, n)
    }
    return days
  }
}

/**
 * The longest stay entering on `entry` (staying on, when already inside), given the history and plans.
 * @example longestStay({ stays: [stay('2024-01-01', '2024-03-29')], rule: schengen, on: day('2024-04-01') }, day('2024-04-01')).days //=> 1
 */
export function longestStay(input: PlanInput, entry: CalendarDay): StayOption {
  return new Planner(input).longest(entry)
}

/**
 * The earliest day on or after `from` (default: `on`) on which a stay of `days` consecutive days
 * may begin, given the history and the plans. `entry: null` with a reason when there is none.
 * @example earliestEntry({ stays: [stay('2024-01-01', '2024-03-30')], rule: schengen, on: day('2024-04-01') }, 10).entry //=> day('2024-06-29')
 */
export function earliestEntry(input: PlanInput, days: number, from: CalendarDay = input.on): EntryAnswer {
  return new Planner(input).earliestEntry(days, from)
}

/** Group consecutive days sharing the stay length or the exit day (and the reason for it, and being inside or not). */
export function groupCalendar(days: readonly StayOption[]): CalendarGroup[] {
  const alike = (a: StayOption, b: StayOption): boolean =>
    a.bound === b.bound && a.inside === b.inside && a.reenters === b.reenters && a.joins === b.joins && b.entry === a.entry + 1
  const groups: CalendarGroup[] = []
  let i = 0
  while (i < days.length) {
    const first = days[i]!
    let j = i
    const next = days[i + 1]
    const sameBound = next !== undefined && alike(first, next)
    const by = !sameBound ? null : next.days === first.days ? 'days' : next.latestExit !== null && next.latestExit === first.latestExit ? 'exit' : null
    if (by !== null) {
      while (j + 1 < days.length) {
        const n = days[j + 1]!
        if (!alike(days[j]!, n)) break
        if (by === 'days' ? n.days !== first.days : n.latestExit !== first.latestExit) break
        j++
      }
    }
    const last = days[j]!
    groups.push({
      from: first.entry,
      to: last.entry,
      daysFrom: first.days,
      daysTo: last.days,
      exitFrom: first.latestExit,
      exitTo: last.latestExit,
      bound: first.bound,
      inside: first.inside,
      reenters: first.reenters === true,
      joins: first.joins === true,
    })
    i = j + 1
  }
  return groups
}

/**
 * For a day-by-day search of entries of a stay of `days` days, rising from day to day: the stays
 * that can matter to an entry on `e`, those ending on or after `e - memory` and entering by
 * `e + days - 1 + memory`, in their order. Whether staying from `e` through `e + days - 1` breaks
 * a rule (and so whether the longest stay from `e` is that long, the search's only question) reads
 * no count of a window beyond that, nor any presence before its first window: the same answer, at
 * the cost of the stays near `e` rather than of all of them (QA: 10,000 planned stays made
 * `--for 90` take 25 s, 20,000 three minutes). Only where every constraint says how far back it
 * looks (`Planner.trims`).
 */
function nearStays(stays: readonly Stay[], memory: number, days: number): (e: number) => readonly Stay[] {
  const order = stays.map((s, i) => i).sort((a, b) => stays[a]!.entry - stays[b]!.entry || a - b)
  const entry = order.map((i) => stays[i]!.entry as number)
  // A loop, not Math.max(...): a spread of a million stays overflows the stack.
  let longest = 0
  for (const s of stays) longest = Math.max(longest, (s.exit ?? s.entry) - s.entry)
  let lo = 0
  let hi = 0
  return (e) => {
    const first = e - memory
    // No stay entering before `first - longest` ends by `first`; entries rise with `e`, so both ends only move on.
    while (lo < entry.length && entry[lo]! < first - longest) lo++
    while (hi < entry.length && entry[hi]! <= e + days - 1 + memory) hi++
    if (lo === 0 && hi === stays.length) return stays
    const near: number[] = []
    for (let k = lo; k < hi; k++) if ((stays[order[k]!]!.exit ?? stays[order[k]!]!.entry) >= first) near.push(order[k]!)
    // In the given order, as the whole list is read.
    return near.sort((a, b) => a - b).map((i) => stays[i]!)
  }
}

/** A one-day record of leaving and entering again on day `e`: the stay that ends then is one visit, the one from `e` another (./assess.ts `reenteredOn`). */
function reentryOn(e: number): Stay {
  return { entry: e as CalendarDay, exit: e as CalendarDay, source: { flag: 're-entry' } }
}

/**
 * For each of `count` days from `on`, the longest stay entering that day (after leaving on `on`
 * when inside then), with consecutive days of the same answer grouped.
 */
export function reentryCalendar(input: PlanInput, count: number): ReentryCalendar {
  const planner = new Planner(input)
  const plans = planner.plans()
  const longest = longestNear(planner)
  const days: StayOption[] = []
  for (let k = 0; k < count; k++) {
    const e = input.on + k
    // A plan's exit day is no day inside it but a same-day exit and re-entry, as `earliestEntry`
    // reads it (README, "Planned stays"): a new visit under a per-visit cap (QA: us-esta gave 1 day
    // entering on a 90-day plan's last day, where --for gave 90).
    // Where that gives no longer stay than staying on (a rolling rule), the day stays in the plan's row.
    const staying = longest(e)
    const again = plans.some((p) => p.exit === e && p.entry < e) ? longest(e, reentryOn(e)) : undefined
    const longer = again !== undefined && staying.days !== null && (again.days === null || again.days > staying.days)
    const option: StayOption = longer ? { ...again, inside: false, reenters: true } : staying
    days.push(joinsPlan(option, plans) ? { ...option, joins: true } : option)
  }
  return { from: input.on, count, days, groups: groupCalendar(days) }
}

/**
 * `Planner.longest` for entry days rising from day to day, reading the stays near each (`nearStays`)
 * where every constraint says how far back it looks: exact while the answer ends within the span
 * those stays decide (a stay ending sooner reads nothing beyond it), else asked again of all the
 * stays. A `plan` calendar of 3,660 days tried every stay for every day (QA: 20,000 planned stays, 11.6 s).
 */
function longestNear(planner: Planner): (e: number, extra?: Stay) => StayOption {
  const span = 2 * planner.memory + 1
  const near = planner.trims ? nearStays(planner.stays, planner.memory, span) : undefined
  const all = (e: number, extra?: Stay): StayOption => (extra === undefined ? planner.longest(e) : planner.longest(e, [...planner.stays, extra]))
  return (e, extra) => {
    if (near === undefined || e === planner.on) return all(e, extra)
    const around = near(e)
    const got = planner.longest(e, extra === undefined ? around : [...around, extra])
    const exact = got.latestExit !== null ? got.latestExit < e + span - 1 : got.days === 0
    return exact ? got : all(e, extra)
  }
}

/**
 * Whether a stay entered on `o.entry` (not already inside) and left on its latest exit runs into a
 * planned stay: on past its first day (README, "Planned stays": one that ends on that day leaves
 * and enters again), and not merely entered again on its last day (`reenters`), which runs on from
 * that plan rather than joining it (QA: the note was the group's last day's, on days that never met the plan).
 */
function joinsPlan(o: StayOption, plans: readonly Stay[]): boolean {
  const exit = o.latestExit
  if (o.inside || exit === null) return false
  return plans.some((p) => p.entry < exit && (p.exit ?? Number.POSITIVE_INFINITY) >= o.entry && !(o.reenters === true && p.exit === o.entry))
}

/** Days coming back are told for this many days from `on` at most (ten years; every preset's come back sooner). */
export const MAX_COMEBACK_DAYS = 3660

/**
 * The earliest start of a breaking plan is a day-by-day search, each day one assessment of every
 * stay: it is made for the first MAX_START_ADVICE breaking plans of inputs of at most
 * MAX_START_SEARCH_STAYS stays, while the searches together assess at most START_SEARCH_BUDGET
 * stays times days (about a second) for inputs of more than MAX_START_FULL_SEARCH stays, and
 * otherwise left out (reason `not-computed`), so a long list of planned stays cannot make a run
 * quadratic (QA: a weekly commuter's 500 stays under `ru` took 13 s).
 */
export const MAX_START_ADVICE = 20
export const MAX_START_SEARCH_STAYS = 500
export const START_SEARCH_BUDGET = 1_000_000
export const MAX_START_FULL_SEARCH = 50

/**
 * Each plan is checked against all other stays (one assessment each); past this many plans the
 * rest are left to the report's violations, which cover every day, so a run stays near-linear.
 */
export const MAX_PLAN_CHECKS = 200

/**
 * The recorded exit of the stay one is in on `on`: the latest of the stays present that day (a stay
 * entering after `on` is a plan, ./extension.ts `stayInOn`); `null` when outside.
 */
export function exitOfStayOn(stays: readonly Stay[], on: number): number | null {
  let end = Number.NEGATIVE_INFINITY
  for (const s of stays) if (s.entry <= on && on <= (s.exit ?? on)) end = Math.max(end, s.exit ?? on)
  return end === Number.NEGATIVE_INFINITY ? null : end
}

/** How many stays in the input are plans (enter after the reference day). */
export const countPlans = (input: PlanInput): number => input.stays.filter((s) => s.entry > input.on).length

/** Stays entering after `on`, in order of entry, each checked against all the other stays. */
export function checkPlans(input: PlanInput): PlanCheck[] {
  const planner = new Planner(input)
  const { on } = input
  const all = planner.stays
  const checks: PlanCheck[] = []
  let advised = all.length <= MAX_START_SEARCH_STAYS ? 0 : MAX_START_ADVICE
  // A few stays are searched in full, however long the rule's window (QA: 7 stays under a custom
  // window of 100 years were given up): the budget holds back long lists of stays.
  const budget = all.length <= MAX_START_FULL_SEARCH ? undefined : { left: START_SEARCH_BUDGET }
  // The plan moves; every other stay keeps its recorded dates, as in the check itself. So it cannot
  // start inside the stay one is in on `on` (that would be staying on and leaving before its
  // recorded exit): on that stay's recorded exit at the earliest, a same-day exit and re-entry
  // (README, "Planned stays"), `on` itself when that stay is left on `on` (an open one is closed
  // then). Outside on `on`, `on` itself: entering that day is legal when `--for` says so, though
  // such a stay is no plan any more but the one you are in (QA: the earliest start was a day late).
  const earliestStart = (days: number, others: readonly Stay[], plan: Stay): EntryAnswer => {
    const held = exitOfStayOn(others, on)
    const from = held ?? on
    if (advised++ >= MAX_START_ADVICE) return { days, from: from as CalendarDay, entry: null, exit: null, reason: 'not-computed', ruleMaximum: null }
    const search = (start: number) => planner.earliestEntry(days, start, others, { reentersOn: held ?? undefined, planned: others.filter((s) => s.entry > on), ...(budget === undefined ? {} : { budget }) })
    const answer = search(from)
    // On its own entry day the plan's document holds (its until, under which it breaks): a start
    // that day is no move; a later entry is another admission, of the rule's length.
    return plan.until !== undefined && answer.entry === plan.entry ? { ...search(plan.entry + 1), from: from as CalendarDay } : answer
  }
  const checked = new Set(
    all
      .map((s, index) => ({ s, index }))
      .filter(({ s }) => s.entry > on)
      .sort((a, b) => a.s.entry - b.s.entry || (a.s.exit as number) - (b.s.exit as number))
      .slice(0, MAX_PLAN_CHECKS)
      .map(({ index }) => index),
  )
  all.forEach((plan, index) => {
    if (!checked.has(index)) return
    const exit = plan.exit as CalendarDay
    const others = all.filter((_, k) => k !== index)
    const days = exit - plan.entry + 1
    // Entering on the day another stay ends is a same-day exit and re-entry, a new visit (per-visit.ts),
    // not staying on in that one: a one-day record of the entry says so. It adds no counted day, as
    // the stay that ends that day already counts it (or, counting midnights, neither does).
    const touching = others.some((s) => s.exit === plan.entry && s.entry < plan.entry)
    // The plan's own authorised last day (an until column) holds for it too (QA: a plan authorised
    // until 07-20 "could stay until 09-30"): its entry's record keeps it.
    const entry: Stay[] = touching || plan.until !== undefined ? [{ entry: plan.entry, exit: plan.entry, source: plan.source, ...(plan.until === undefined ? {} : { until: plan.until }) }] : []
    const longest = planner.longest(plan.entry, [...others, ...entry])
    const fits = longest.days === null || longest.days >= days
    checks.push({
      entry: plan.entry,
      exit,
      days,
      source: plan.source,
      ok: fits,
      excessDays: fits ? 0 : days - (longest.days ?? days),
      longest,
      shortenedExit: fits ? null : longest.latestExit,
      earliestStart: fits ? null : earliestStart(days, others, plan),
    })
  })
  return checks.sort((a, b) => a.entry - b.entry || a.exit - b.exit)
}

/**
 * The days on which old days leave the window and the days remaining grow, assuming no presence
 * after the history (plans left out), as runs of consecutive days.
 */
export function daysComeBack(input: PlanInput): DaysComeBack {
  const { on } = input
  const planner = new Planner(input)
  const history = planner.distinct.filter((s) => s.entry <= on)
  const after = history.reduce((m, s) => Math.max(m, s.exit as number), on as number) as CalendarDay
  // Each day weighs every constraint's latest exit (the binding one's days remaining), so a custom
  // window of decades took half a minute (QA): ten years of days coming back are told at most.
  const reach = planner.horizon(on, history)
  // After the rules' last day in force nothing is counted, so nothing comes back (QA: a rules
  // file's rule ended on 12-31 and days still "came back" in January, where the calendar said no limit).
  const ends = lastDayInForce(planner.rules)
  const horizon = Math.min(reach, on + MAX_COMEBACK_DAYS - 1, Math.max(ends, on))
  // The history is closed (open stays end on `on`): one series per rule, the presence built once.
  const remainingFrom = (stays: readonly Stay[], from: number, to: number): ((t: number) => number) => {
    const series = planner.rules.map((rule) => daysRemainingSeries(stays, rule, from, to))
    return (t) => Math.min(...series.map((s) => s[t - from]!))
  }
  const remaining = remainingFrom(history, on, horizon)
  // Days come back when the history holds fewer of them, not when the calendar alone allows more:
  // 6 months per visit are 181 to 184 days by the month of entry, a calendar year's days start
  // again on 1 January (QA: uk-visitor told 182 days "again" after 184). So the days the rules
  // allow with nothing recorded are the measure; for a rolling window they are its limit.
  const allowed = remainingFrom([], on, horizon)
  const usedOn = (t: number): number => allowed(t) - remaining(t)
  const start = remaining(on)
  const runs: Comeback[] = []
  let previous = usedOn(on)
  let run: { from: number; daysFrom: number } | null = null
  for (let t = on + 1; t <= horizon + 1; t++) {
    const used = t <= horizon ? usedOn(t) : previous
    if (used < previous) run ??= { from: t, daysFrom: remaining(t) }
    else if (run !== null) {
      runs.push({ from: run.from as CalendarDay, to: (t - 1) as CalendarDay, daysFrom: run.daysFrom, daysTo: remaining(t - 1) })
      run = null
    }
    previous = used
  }
  // Cut short only if the days used still change after the last day told: as on the day the
  // history stops mattering.
  const cut = reach > horizon && ends > horizon && remainingFrom([], reach, reach)(reach) - remainingFrom(history, reach, reach)(reach) !== usedOn(horizon)
  const ruleEnds = ends <= horizon ? (ends as CalendarDay) : null
  return { daysRemaining: start, after, daysRemainingAfter: remaining(Math.min(after, horizon)), runs, cutAt: cut ? (horizon as CalendarDay) : null, ruleEnds }
}

/** The last day any of `rules` limits a stay: the latest end of a rule's constraints within its own validity; Infinity when one never ends. */
function lastDayInForce(rules: readonly Rule[]): number {
  return Math.max(...rules.map((r) => Math.min(r.validTo ?? Number.POSITIVE_INFINITY, Math.max(...r.constraints.map((c) => c.validTo ?? Number.POSITIVE_INFINITY)))))
}

/**
 * The earliest day on which a stay as long as the rule allows may begin, given the history and the
 * plans: when inside on `on`, after leaving on `leaving` (a later day means staying on until then)
 * or on the recorded exit, whichever is later; else from `on`. `null` when no limit applies.
 */
export function fullReentry(input: PlanInput, leaving?: CalendarDay): FullReentry | null {
  const planner = new Planner(input)
  // A day-by-day search over every stay (see MAX_START_SEARCH_STAYS): not made for huge inputs.
  if (planner.distinct.length > MAX_START_SEARCH_STAYS) return null
  const { on } = input
  const current = planner.currentExit()
  const last = current === null ? null : (Math.max(leaving ?? on, current) as CalendarDay)
  const staying: Stay[] = last !== null && last > on ? [{ entry: on, exit: last, source: { flag: 'staying on' } }] : []
  const stays = [...planner.distinct, ...staying]
  const days = planner.ruleMaximum()
  if (days === null) return null
  // Never on a day inside a planned stay: the stay would be that plan, cut or stretched (QA).
  // Beyond MAX_START_FULL_SEARCH stays within the plan checks' budget, as the README says (QA: 499
  // stays took 11 s): past it, no answer rather than a guess.
  const budget = stays.length <= MAX_START_FULL_SEARCH ? {} : { budget: { left: START_SEARCH_BUDGET } }
  const answer = planner.earliestEntry(days, last === null ? on : last + 1, stays, { planned: planner.plans(), ...budget })
  if (answer.reason === 'not-computed') return null
  return { leaving: last, entry: answer.entry, days }
}
