/**
 * Why the answer is what it is: the window that binds the latest legal exit, the stays counted in
 * it, and the day on which the limit binds; and the day-by-day count behind the timeline and the
 * chart. Built on `assess()` like the planning answers (rule-generic). Pure; no I/O, no clock.
 */
import { dayFromIso } from '../day.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay, SourceRef, Stay } from '../types.js'
import { assess } from './assess.js'
import { closeOpenStays, type PlanInput, Planner } from './plan.js'
import type { ConstraintReport, DayPeriod, ExitBound, Report, Violation } from './types.js'

export type PresenceKind = 'recorded' | 'planned' | 'hypothetical'

/** One stay's share of a window. */
export interface Contribution {
  /**
   * The first and last day of the stay counted in the window: its dates clipped to the window and
   * to the days the constraint counts (from `countFrom`; counting midnights, not the day left;
   * whole days, neither the day left nor the day back), so that `days` is the days from `entry` to
   * `exit` (README, "Planning and explanation": the stays counted in it with their days).
   */
  readonly entry: CalendarDay
  readonly exit: CalendarDay
  /** Days of the stay counted in the window: `exit - entry + 1`. */
  readonly days: number
  /** The stay's own first and last day in the scenario explained (the hypothetical presence: its days). */
  readonly stay: DayPeriod
  readonly kind: PresenceKind
  /** `null` for the hypothetical presence (staying on, or entering on the reference day). */
  readonly source: SourceRef | null
}

export interface Explanation {
  /** The reference day. */
  readonly on: CalendarDay
  readonly latestExit: CalendarDay | null
  readonly bound: ExitBound
  /** Present on the reference day (the hypothetical presence is "staying on", not "entering"). */
  readonly inside: boolean
  /** The presence assumed from the reference day through the binding day; `null` when none is needed. */
  readonly hypothetical: DayPeriod | null
  /**
   * The day on which the limit would be broken: the day after the latest exit (counting midnights
   * or whole days, the latest exit itself when its night is the one too many), a planned day, the
   * reference day, or (a threshold that planned stays reach whatever the exit) the day they reach it.
   */
  readonly bindingDay: CalendarDay
  /** The constraint broken on that day (`ConstraintReport.id`), its wording and limit. */
  readonly constraint: string
  readonly label: string
  readonly limit: number
  /** The period counted on the binding day. */
  readonly window: DayPeriod
  /** Days counted in that window with the hypothetical presence (above `limit`). */
  readonly daysCounted: number
  /** Stays with at least one counted day in the window, in order of entry. */
  readonly stays: readonly Contribution[]
}

const inRange = (d: number, ranges: readonly DayPeriod[]): boolean => ranges.some((r) => r.start <= d && d <= r.end)

/**
 * The days of [entry, exit] a constraint counts: every date, nights (not the exit day) or whole days
 * only. A cap on the length of a stay (per visit, continuous) counts calendar days whatever the
 * rule's day counting (src/rules/types.ts).
 */
function countedRange(rule: Rule, kind: string, entry: number, exit: number): [number, number] {
  const counting = kind === 'per-visit' || kind === 'continuous' ? 'calendar' : (rule.dayCounting ?? 'calendar')
  if (counting === 'midnight') return [entry, exit - 1]
  if (counting === 'whole') return [entry + 1, exit - 1]
  return [entry, exit]
}

/**
 * Staying on through `until`: the stays running through `on` are extended (the same visit goes
 * on, which matters to per-visit and continuous constraints); `until` before their exit changes nothing.
 */
export function stayingOn(stays: readonly Stay[], on: number, until: number): Stay[] {
  return stays.map((s) => (s.entry <= on && on <= (s.exit ?? on) && until > (s.exit ?? on) ? { ...s, exit: until as CalendarDay } : s))
}

/**
 * Leaving on `until` (>= `on`) as the latest exit reads it (./extension.ts, "the extension model"):
 * the stay one is in on `on` ends on `until`. Its records (those running through `on`; one entering
 * after `on` is a plan, kept as recorded) are extended to `until` (the same visit goes on, which
 * matters to per-visit and continuous constraints) or cut there, their recorded days after it gone:
 * counting midnights, `until` itself is then not counted (Finance Act 2013 Sch. 45 para 22: not
 * present at the end of the day one leaves). After a same-day exit
 * and re-entry on `on`, the stay left that day is over: the one entered then is the stay one is in
 * (counting whole days, `on` is its departure day, no day away).
 */
export function leavingOn(stays: readonly Stay[], on: number, until: number): Stay[] {
  const exitOf = (s: Stay): number => s.exit ?? on
  const present = stays.filter((s) => s.entry <= on && on <= exitOf(s))
  const reentered = present.some((s) => s.entry === on) && present.every((s) => s.entry === on || s.exit === on)
  const inside = new Set(reentered ? present.filter((s) => s.entry === on) : present)
  // One record goes on to `until` (the one that runs longest; of two as long, the one entered
  // first, whose days before are the stay's: counting whole days, a record entered on `on` beside
  // one entered before would make `on` an arrival day, not counted); the others end as recorded,
  // or at `until` when later (QA: a 5-day record beside a longer one was listed as 20 days recorded).
  const longest = [...inside].reduce<Stay | undefined>(
    (a, s) => (a === undefined || exitOf(s) > exitOf(a) || (exitOf(s) === exitOf(a) && s.entry < a.entry) ? s : a),
    undefined,
  )
  return stays.map((s) => {
    if (!inside.has(s)) return s
    const exit = exitOf(s)
    if (s === longest) return exit === until ? s : { ...s, exit: until as CalendarDay }
    return exit > until ? { ...s, exit: until as CalendarDay } : s
  })
}

/**
 * Each stay's counted days in the window, as the first and last of them (see `Contribution`). A
 * stay extended by staying on is split at its recorded exit: the recorded part and the hypothetical
 * part, counted as one stay (the constraint's day counting).
 */
function contributions(rule: Rule, kind: string, stays: readonly Stay[], on: number, window: DayPeriod, hypothetical: DayPeriod | null): Contribution[] {
  const from = Math.max(window.start, rule.countFrom ?? window.start)
  const out: Contribution[] = []
  for (const s of [...stays].sort((a, b) => a.entry - b.entry)) {
    const exit = s.exit ?? on
    const [a, b] = countedRange(rule, kind, s.entry, exit)
    const whole: PresenceKind = s.source === HYPOTHETICAL ? 'hypothetical' : s.entry > on ? 'planned' : 'recorded'
    const split = hypothetical !== null && whole !== 'hypothetical' && s.entry <= on && s.entry < hypothetical.start && exit === hypothetical.end
    const parts: [number, number, PresenceKind][] = split
      ? [
          [s.entry, hypothetical.start - 1, whole],
          [hypothetical.start, exit, 'hypothetical'],
        ]
      : [[s.entry, exit, whole]]
    for (const [start, end, part] of parts) {
      const first = Math.max(start, a, from)
      const last = Math.min(end, b, window.end)
      if (first > last) continue
      out.push({
        entry: first as CalendarDay,
        exit: last as CalendarDay,
        days: last - first + 1,
        stay: { start: start as CalendarDay, end: end as CalendarDay },
        kind: part,
        source: part === 'hypothetical' ? null : s.source,
      })
    }
  }
  return out
}

const HYPOTHETICAL = { flag: 'hypothetical' } as const

/**
 * Why the latest legal exit from `on` is what it is; `null` when no limit applies.
 * @example explainLatestExit({ stays: [stay('2024-01-01', '2024-03-30')], rule: schengen, on: day('2024-03-30') })?.bindingDay //=> day('2024-03-31')
 */
export function explainLatestExit(input: PlanInput): Explanation | null {
  const { rule, on } = input
  const planner = new Planner(input)
  // On `on` itself an open stay does not end (no same-day exit and re-entry then): as given.
  const stays = planner.given
  const report = assess({ stays, rule, on })
  const { latestExit, latestExitBound: bound, inside } = report
  if (bound === 'none') return null

  // The presence that would break the rule: staying on (or entering) and leaving on the day after
  // the latest exit (on the reference day when there is none). Inside, the stay is extended to that
  // day or cut there, before a recorded exit (the days after it are not those of that scenario).
  const probe = latestExit === null ? on : latestExit + 1
  const current = planner.currentExit()
  const start = current === null ? on : Math.max(on, current) + 1
  let hypothetical: DayPeriod | null = probe >= start ? { start: start as CalendarDay, end: probe as CalendarDay } : null
  let scenario: readonly Stay[] =
    current !== null
      ? leavingOn(stays, on, probe)
      : hypothetical === null
        ? stays
        : [...stays, { entry: on, exit: probe as CalendarDay, source: HYPOTHETICAL }]
  let after = assess({ stays: scenario, rule, on: probe as CalendarDay })
  const preferred = report.constraints.find((c) => c.latestExit === latestExit && c.latestExitBound === bound)?.id

  // The day the limit breaks (`bindingDay`).
  let brokenOn: number = bound === 'over' ? on : probe
  // A day breaks anew when it breaks in this scenario, not in a threshold year the baseline of the
  // latest exit (leaving on `on` when inside, else as recorded: ./extension.ts) already reaches.
  const baseline = current !== null ? assess({ stays: leavingOn(stays, on, on), rule, on }) : report
  const years = new YearsDecided(scenario, rule, after, baseline)
  if (bound === 'plan') {
    // A plan is harmed by a day it breaks that kept the rule in the baseline, under every one of
    // its constraints (EvalContext `brokenByRule`); for a threshold, only in a year the baseline
    // does not reach.
    brokenOn = firstHarmed(after, baseline, years, probe) ?? probe
  }
  if (bound === 'limit') {
    // Counting midnights or whole days, leaving on the day after the latest exit may already be too
    // late because of the night of the latest exit itself (present at its end, Finance Act 2013 Sch.
    // 45 para 22): the rule breaks on that day. Calendar days: on the day after the latest exit.
    for (let d = Math.max(on, probe - 1); d <= probe; d++) {
      if (after.violations.some((v) => v.start <= d && d <= v.end && !years.decided(v.constraint, d).decided)) {
        brokenOn = d
        break
      }
    }
  }
  if (bound === 'over') {
    // No legal exit though the reference day's own window keeps the limit: a threshold that planned
    // stays reach in its year whatever the exit (./extension.ts, "Thresholds are judged per
    // period"). The day it is reached leaving on `on` (inside), or not entering (outside), binds.
    const k = assess({ stays: scenario, rule, on }).constraints.find((x) => x.id === preferred)
    const reached = k !== undefined && k.daysUsed <= k.limit ? baseline.violations.find((v) => v.constraint === preferred && v.end >= on) : undefined
    if (reached !== undefined) {
      scenario = current !== null ? leavingOn(stays, on, on) : stays
      hypothetical = null
      after = baseline
      brokenOn = Math.max(reached.start, on)
    }
  }
  const breaking: Violation[] = after.violations.filter((v) => v.start <= brokenOn && brokenOn <= v.end)
  const id = breaking.find((v) => v.constraint === preferred)?.constraint ?? breaking[0]?.constraint ?? preferred ?? report.binding
  const at = assess({ stays: scenario, rule, on: brokenOn as CalendarDay })
  let c = at.constraints.find((k) => k.id === id) ?? at.constraints[0]!
  // A cap on one stay, told on a day a stay enters (a same-day exit and re-entry): that day's report
  // is of the visit entered then, on its first day, not of the one left that day, which breaks
  // (QA: "1 day would count … over the limit of 90 days per visit"). Told without the entry.
  if ((c.kind === 'per-visit' || c.kind === 'continuous') && c.daysUsed <= c.limit) {
    const left = scenario.filter((s) => s.entry !== brokenOn || s.source === HYPOTHETICAL)
    const broken = assess({ stays: left, rule, on: brokenOn as CalendarDay }).constraints.find((k) => k.id === c.id)
    if (broken !== undefined && broken.daysUsed > broken.limit) {
      c = broken
      scenario = left
    }
  }

  return {
    on,
    latestExit,
    bound,
    inside,
    hypothetical,
    bindingDay: brokenOn as CalendarDay,
    constraint: c.id,
    label: c.label,
    limit: c.limit,
    window: c.window,
    daysCounted: c.daysUsed,
    stays: contributions(rule, c.kind, scenario, on, c.window, current === null ? null : hypothetical),
  }
}

/**
 * Threshold tests (tax residence) are judged per year (./extension.ts, "Thresholds are judged per
 * period"): a day that breaks one in a scenario is no new break when the baseline already reaches
 * the threshold in that day's year.
 */
class YearsDecided {
  constructor(
    private readonly scenario: readonly Stay[],
    private readonly rule: Rule,
    private readonly after: Report,
    private readonly baseline: Report,
  ) {}

  isThreshold(id: string): boolean {
    return typeof this.after.constraints.find((k) => k.id === id)?.details?.threshold === 'number'
  }

  /** Whether d's year is decided for constraint `id` (never, for a kind judged per day), and its last day. */
  decided(id: string, d: number): { decided: boolean; end: number } {
    if (!this.isThreshold(id)) return { decided: false, end: d }
    // The year of d, from the constraint's own figures on that day.
    const k = this.constraintOn(id, d)
    const from = k?.window.start ?? d
    const periodEnd = k?.details?.periodEnd
    const end = (typeof periodEnd === 'string' ? dayFromIso(periodEnd) : null) ?? d
    return { decided: this.baseline.violations.some((b) => b.constraint === id && b.end >= from && b.start <= end), end }
  }

  private constraintOn(id: string, d: number): ConstraintReport | undefined {
    return assess({ stays: this.scenario, rule: this.rule, on: d as CalendarDay, countsOnly: true }).constraints.find((x) => x.id === id)
  }
}

/**
 * The first day after `probe` that breaks a constraint in `after` and is harm against `baseline`:
 * no constraint broke the rule that day in the baseline, and for a threshold test, that one kept
 * it in every day of that day's year. `null` when none.
 */
function firstHarmed(after: Report, baseline: Report, years: YearsDecided, probe: number): number | null {
  let best: number | null = null
  const kept = baseline.violations
  for (const v of after.violations) {
    const threshold = years.isThreshold(v.constraint)
    for (let d = Math.max(v.start, probe + 1); d <= v.end && (best === null || d < best); d++) {
      if (!threshold) {
        if (!inRange(d, kept)) best = d
        continue
      }
      const year = years.decided(v.constraint, d)
      if (!year.decided) best = d
      else d = year.end
    }
  }
  return best
}

/** One day of the timeline. */
export interface TimelineDay {
  readonly day: CalendarDay
  /** Days counted in the binding constraint's window ending on this day. */
  readonly used: number
  /** Presence on this day: recorded, planned, the possible stay through the latest exit, or none. */
  readonly presence: PresenceKind | null
  /** A day of presence on which the rule is broken. */
  readonly over: boolean
}

export interface Timeline {
  readonly from: CalendarDay
  readonly to: CalendarDay
  readonly on: CalendarDay
  /** Inside on `on`: the latest legal exit, staying on through it shown as `hypothetical` presence; else `null`. */
  readonly latestExit: CalendarDay | null
  readonly constraint: string
  readonly label: string
  readonly limit: number
  readonly days: readonly TimelineDay[]
  readonly violations: readonly Violation[]
}

export interface TimelineOptions {
  /** Longest period shown (default three years); the end is kept, the start cut. */
  readonly maxDays?: number
  /** Days shown after the last presence of interest (default 14). */
  readonly pad?: number
}

/**
 * The count of the binding constraint for each day of the relevant period: from the window of the
 * reference day (or the first overstay) to past the latest exit and the last plan. When inside on
 * the reference day, staying on through the latest exit is shown as hypothetical presence.
 */
export function buildTimeline(input: PlanInput, options: TimelineOptions = {}): Timeline {
  const { rule, on } = input
  const maxDays = options.maxDays ?? 3 * 366
  const pad = options.pad ?? 14
  const closed = closeOpenStays(input.stays, on)
  const planner = new Planner(input)
  const report: Report = assess({ stays: input.stays, rule, on })
  const binding = report.constraints.find((k) => k.id === report.binding) ?? report.constraints[0]!
  // Inside: staying on through the latest exit, the days after the recorded exit shown as hypothetical.
  const current = planner.currentExit()
  const until = report.inside && current !== null && report.latestExit !== null && report.latestExit > current ? report.latestExit : null
  const scenario = until === null ? closed : stayingOn(closed, on, until)
  const possible: DayPeriod | null = until === null || current === null ? null : { start: (current + 1) as CalendarDay, end: until }

  let last: number = closed.reduce((m, s) => Math.max(m, s.exit as number), Math.max(on, until ?? on))
  // At most `maxDays` shown, the reference day among them with its padding before (QA: a latest
  // exit years ahead pushed the first day shown past it, and its ^ mark off the timeline).
  last = Math.max(on, Math.min(last, on + maxDays - 1 - 2 * pad))
  const to = last + pad
  // From the window of the reference day, or of the first overstay (its cause), whichever is
  // earlier; but not long before the first presence in it, and not more than `maxDays` in all.
  const windowLength = binding.window.end - binding.window.start + 1
  const firstOver = report.violations[0]?.start
  let from = Math.max(Math.min(binding.window.start, firstOver === undefined ? on : firstOver - windowLength + 1), to - maxDays + 1)
  const firstPresence = scenario.reduce((m, s) => ((s.exit as number) >= from ? Math.min(m, Math.max(s.entry, from)) : m), Number.POSITIVE_INFINITY)
  if (Number.isFinite(firstPresence)) from = Math.max(from, Math.min(firstPresence - pad, on))

  const violations = assess({ stays: scenario, rule, on }).violations
  // Older stays cannot change a count in the period when every constraint says how far back it looks.
  const relevant = planner.trims ? scenario.filter((s) => (s.exit as number) >= from - planner.memory && s.entry <= to) : scenario
  const days: TimelineDay[] = []
  for (let d = from; d <= to; d++) {
    const at = assess({ stays: relevant, rule, on: d as CalendarDay, countsOnly: true })
    const used = at.constraints.find((k) => k.id === binding.id)?.daysUsed ?? at.daysUsed
    const present = (kind: (s: Stay) => boolean) => relevant.some((s) => kind(s) && s.entry <= d && d <= (s.exit as number))
    const presence: PresenceKind | null =
      possible !== null && inRange(d, [possible]) && !closed.some((s) => s.entry <= d && d <= (s.exit as number))
        ? 'hypothetical'
        : present((s) => s.entry <= on)
          ? 'recorded'
          : present((s) => s.entry > on)
            ? 'planned'
            : null
    days.push({ day: d as CalendarDay, used, presence, over: presence !== null && inRange(d, violations) })
  }
  return {
    from: from as CalendarDay,
    to: to as CalendarDay,
    on,
    latestExit: report.inside ? report.latestExit : null,
    constraint: binding.id,
    label: binding.label,
    limit: binding.limit,
    days,
    violations: violations.filter((v) => v.end >= from && v.start <= to),
  }
}
