/**
 * Shared machinery for the presence-based kinds (rolling by months or with a non-calendar day
 * count, year, weighted, absence): violations as runs of days, and the latest exit under an
 * extended stay. Pure; no I/O, no clock. Cost is linear in the days spanned (prefix sums).
 *
 * **The extension model** (the same for every kind; see `latestExit` in ./types.ts). The latest
 * exit X answers "leaving on X instead of the recorded exit, what is the latest X that breaks
 * nothing". Leaving on X means one continuous stay from `on` to `X` that
 * - ends the stay one is in on `on` on X: the records present that day. Their recorded days after X
 *   are gone, not kept (a record entering after `on` is a plan, even one entering before their
 *   recorded exit);
 * - absorbs every other planned stay (entered after `on`) beginning on or before X-1, kept as
 *   planned: staying on into it means being there for it, through its own exit;
 * - leaves a stay that begins on X itself separate: a same-day exit and re-entry, as recorded stays
 *   are read.
 * Under each `dayCounting`, the counted days this adds are exactly [a, X - shift], where
 * - `shift` is 0 for `calendar` and 1 for `midnight` and `whole` (the exit day does not count:
 *   counting midnights, a day counts only if present at the end of it, Finance Act 2013 Sch. 45
 *   para 22(1)-(2); counting whole days, the return day is no whole day away);
 * - `a` is `on`, or `on + 1` under `whole` when no stay that began before `on` reaches `on` (the
 *   departure day of a new stay is not a whole day), and never before the rule's `countFrom`.
 *
 * Cutting the current stay at X changes only days after X - shift, and only by removing presence:
 * no verdict on a day up to X - shift moves (every kind is backward-looking), and a later day can
 * only count less. Counting midnights or whole days the cut matters on the day X itself too, which
 * the recorded tail of the stay being cut short counts and leaving on X does not (see
 * `presenceLatestExit`).
 *
 * A same-day return and departure on `on` (`reenteredOn`) is read as recorded: the stay one came
 * back from ends on `on`, and the one entered that day is the stay one is in, so counting whole
 * days `on` is no day away (it is the departure day). The days away before it still count: when
 * they put `on`'s window over, there is no legal exit, as when still away (`presenceLatestExit`,
 * "Already over").
 *
 * **Harm is judged against leaving on `on`.** The latest exit must not make a planned stay break the
 * rule, and "make" is measured against the baseline `B`: the recorded itinerary with the stay one
 * is in on `on` cut at `on` (its recorded days after `on` gone), every other stay as recorded. A
 * later day breaks "because of" the exit X when it breaks leaving on X and kept the rule in `B`.
 * - Inside on `on`, `B` is leaving on `on` itself, the least presence still open to the traveller:
 *   being there on `on` is a fact. A recorded exit after `on` is only the traveller's intention,
 *   the very thing the latest exit replaces, so a plan that the recorded exit breaks must still be
 *   protected (judging against the recorded itinerary left it unprotected). A plan that breaks
 *   even leaving on `on` is broken whatever the exit: under SBC Art. 6(1) each day of stay is
 *   judged on its own 180-day window, so that day is an overstay no exit cures (listed under
 *   violations), and it does not pin the answer to `on`: the latest exit is the last day that breaks
 *   no other day (staying on into that plan, its broken days still bound the exit, as days of
 *   [on, X]). Harm is per day, as the rule is: a day already over stays over, whatever its count.
 * - Outside on `on`, `B` is the recorded itinerary: not entering is open to the traveller, so
 *   when entering at all breaks a plan there is no legal stay entering on `on` (`'plan'`, none).
 * With `B` so chosen, the presence leaving on X only grows with X (it is `B` plus the extension's
 * days, and the plans it absorbs), and so does the harm; leaving on `on` harms nothing when inside.
 * A threshold (tax residence) is no cap on days: it is judged per period against `B`, not per day
 * (`presenceLatestExit`, "Thresholds are judged per period").
 */
import type { DayCounting } from '../rules/types.js'
import type { CalendarDay } from '../types.js'
import { buildDaySet, countIn, type DayRange, type DaySet, has, lastDay } from './day-set.js'
import type { EvalContext, ExitBound, Violation } from './types.js'

export interface Extension {
  /** First day the extension adds (`a`). */
  readonly start: number
  /** The extension to X adds [start, X - shift]. */
  readonly shift: 0 | 1
}

export function extensionOf(ctx: EvalContext): Extension {
  const counting: DayCounting = ctx.dayCounting ?? 'calendar'
  const { on } = ctx
  // After a same-day return and departure on `on` (`reenteredOn`) the stay that began before `on`
  // ended that day: `on` is the departure day of the stay one is in, no whole day away.
  const continuing = ctx.reenteredOn !== true && ctx.visits.some((v) => v.start < on && on <= v.end)
  const start = counting === 'whole' && !continuing ? on + 1 : on
  return { start: Math.max(start, ctx.countFrom), shift: counting === 'calendar' ? 0 : 1 }
}

/** Counted days in [from, to] (inclusive; 0 when to < from). */
export type Counter = (from: number, to: number) => number

/** Counted days in [from, to] of `presence` plus the days [a, b] (added once). */
export function counterWith(presence: DaySet, a: number, b: number): Counter {
  return (from, to) => {
    if (to < from) return 0
    const lo = Math.max(from, a)
    const hi = Math.min(to, b)
    const base = countIn(presence, from, to)
    return hi < lo ? base : base + (hi - lo + 1) - countIn(presence, lo, hi)
  }
}

/** A presence-based constraint, described by what it counts and how much it allows. */
export interface PresenceTest {
  readonly validFrom: number
  readonly validTo: number
  /** The figure checked on day `d` (days in its window, period ...). */
  readonly used: (d: number, count: Counter) => number
  /** The most `used(d)` may be on day `d`. */
  readonly allowed: (d: number, count: Counter) => number
  /** The last day whose verdict can depend on presence on day `x` (over-approximations are fine). */
  readonly reach: (x: number) => number
  /**
   * If presence on every day from `s` on breaks nothing in [s, s + scanDays], it never breaks
   * anything: the constraint sets no bound.
   */
  readonly scanDays: number
  /**
   * Threshold tests only (tax residence: `year` with a `threshold`, `weighted`): the period (tax or
   * calendar year) day `d` belongs to. Reaching the threshold is a status of the whole period, not
   * an overstay of the days after it, so the latest exit judges such a test per period (see
   * `presenceLatestExit`). Within a period `used` never falls as `d` goes on and `allowed` does not
   * change (both kinds count the period from its first day; the allowance depends on earlier
   * periods only).
   */
  readonly period?: (d: number) => DayRange
}

/** Collects maximal runs of consecutive days, each with its peak figure. */
export class RunCollector {
  readonly runs: Violation[] = []
  private start = 0
  private end = Number.NEGATIVE_INFINITY
  private peak = 0
  constructor(private readonly id: string) {}

  add(d: number, used: number): void {
    if (d === this.end + 1) {
      this.end = d
      if (used > this.peak) this.peak = used
      return
    }
    this.flush()
    this.start = d
    this.end = d
    this.peak = used
  }

  /** A run of days [from, to] whose peak is `peak`; joins the current run when adjacent or overlapping. */
  addRange(from: number, to: number, peak: number): void {
    if (to < from) return
    if (from <= this.end + 1) {
      if (to > this.end) this.end = to
      if (peak > this.peak) this.peak = peak
      return
    }
    this.flush()
    this.start = from
    this.end = to
    this.peak = peak
  }

  done(): Violation[] {
    this.flush()
    return this.runs
  }

  private flush(): void {
    if (Number.isFinite(this.end)) {
      this.runs.push({ start: this.start as CalendarDay, end: this.end as CalendarDay, peakDaysUsed: this.peak, constraint: this.id })
    }
    this.end = Number.NEGATIVE_INFINITY
  }
}

/** First day that can break the test: counted, on or after `countFrom`, within validity. */
function checkedRange(test: PresenceTest, ctx: EvalContext): [number, number] {
  return [Math.max(ctx.presence.first, test.validFrom, ctx.countFrom), Math.min(lastDay(ctx.presence), test.validTo)]
}

/** Every maximal run of counted days on which `used > allowed`, over the whole input. */
export function presenceViolations(test: PresenceTest, ctx: EvalContext, id: string): Violation[] {
  if (ctx.figuresOnly === true) return []
  const { presence } = ctx
  const count: Counter = (from, to) => countIn(presence, from, to)
  const runs = new RunCollector(id)
  const [lo, hi] = checkedRange(test, ctx)
  for (let d = lo; d <= hi; d++) {
    if (!has(presence, d)) continue
    const used = test.used(d, count)
    if (used > test.allowed(d, count)) runs.add(d, used)
  }
  return runs.done()
}

export interface ExitAnswer {
  readonly latestExit: CalendarDay | null
  readonly bound: ExitBound
}

/** The latest exit not worked out (EvalContext `countsOnly`). */
export const NOT_ASKED: ExitAnswer = { latestExit: null, bound: 'none' }

/**
 * The days a stay counts under a rule's day-counting convention (rules/types.ts `DayCounting`):
 * calendar E...X; midnight E...X-1; whole E+1...X-1. May be empty (start > end).
 */
export function countedRange(v: DayRange, counting: DayCounting): DayRange {
  if (counting === 'midnight') return { start: v.start, end: v.end - 1 }
  if (counting === 'whole') return { start: v.start + 1, end: v.end - 1 }
  return v
}

/**
 * The stay one is in on `on`, as leaving on X cuts it short: the records present that day; `end`
 * is its recorded exit (-Infinity when outside). `others` are the rest: earlier stays and plans,
 * kept as recorded. A record entering after `on` is a plan even when it enters before that exit:
 * the recorded exit is only an intention, the very thing the latest exit replaces, and leaving on X
 * keeps the plan (QA: a plan from 08-20 beside a recorded exit of 08-21 was cut with the stay, and
 * the latest exit let the two together run 55 days over).
 */
export function stayInOn(ctx: EvalContext): { end: number; others: DayRange[] } {
  const { on } = ctx
  let end = Number.NEGATIVE_INFINITY
  const others: DayRange[] = []
  for (const v of ctx.visits) {
    if (v.start <= on && on <= v.end) end = Math.max(end, v.end)
    else others.push(v)
  }
  return { end, others }
}

/**
 * The stays of the baseline that harm is judged against (the extension model above): inside on
 * `on`, the records of the stay one is in cut at `on`, the others (plans among them) as recorded;
 * outside, every record as recorded. Sorted by entry, as `ctx.visits`.
 */
export function baselineVisits(ctx: EvalContext): readonly DayRange[] {
  const { on, visits } = ctx
  const current = stayInOn(ctx)
  if (current.end <= on) return visits
  const others = new Set(current.others)
  const out: DayRange[] = []
  for (const v of visits) {
    if (others.has(v)) out.push(v)
    else if (v.start <= on) out.push(v.end > on ? { start: v.start, end: on } : v)
  }
  return out
}

/**
 * The latest exit X >= on: the largest X such that leaving on X (the extension model above) keeps
 * the test on every counted day of [on, X] and breaks no later counted day that kept it before.
 *
 * Every kind is backward-looking and only gets worse with more presence, so a day d's verdict when
 * leaving on X is the same for every X >= d + shift: call it s(d). The days kept form a prefix:
 * with f the first day with s(f) broken, X = f - 1 is the last, or X = f itself when the exit day
 * is not counted (`shift` 1) and leaving on f leaves f uncounted: f is no day of presence, or only
 * one of the recorded tail of the stay being cut short. Counting midnights, that is the UK SRT's
 * reading: a day counts only if one is present at the end of it (Finance Act 2013 Sch. 45 para
 * 22(1)-(2)), and leaving on f one is not. Only a planned stay can keep f counted (one entering on
 * f counting midnights, or one the stay runs into), and then X = f - 1.
 *
 * **Already over.** When the exit day does not count (`shift` 1), leaving on `on` adds no counted
 * day, yet there is no legal exit when the days already counted (those before `on`) put `on`'s own
 * period over: a threshold already reached (UK SRT, Finance Act 2013 Sch. 45 para 7: the 183rd
 * midnight makes you resident for the tax year, whenever you then leave), midnights already over a
 * limit, or whole days abroad already over (UK settlement, Appendix Continuous Residence CR 2.1:
 * more than 180 days absent in a 12-month period breaks continuity, and no return restores it).
 * That holds whatever one does on `on`: still away since before it, back and away again that day
 * (a same-day return and departure), or at home and leaving that day. It is the answer a
 * calendar-day test gives on that day, where `on` itself counts.
 *
 * **Thresholds are judged per period** (`test.period`: UK SRT's tax year, US SPT's calendar year).
 * Residence is a status of the whole period (Finance Act 2013 Sch. 45 para 7: "resident ... for the
 * year"; 26 U.S.C. §7701(b)(3): resident "with respect to any calendar year"), not a day over a cap:
 * once a period reaches the threshold in the baseline (leaving on `on`, planned stays kept whole),
 * nothing done now changes it, and a longer stay that only brings the day it is reached earlier
 * does no harm. A period is *decided* when some checked, counted day of it breaks the test in the
 * baseline. So:
 * - `on`'s own period decided: no legal exit (`'over'`), as when the threshold is already reached
 *   (README, "Thresholds"): whatever the exit, the period is one of residence;
 * - the days of a later decided period neither bound the stay nor count as harm: only turning a
 *   period that stayed under the threshold in the baseline into one that reaches it does.
 *
 * Harm to later days: leaving on X, the counted days after X - shift are those of the other stays
 * when X comes before the recorded exit of the stay one is in, and the recorded ones from that exit
 * on. A day harmed is one that breaks so and kept the test in the baseline (the extension model
 * above): leaving on `on` when inside then, else the recorded days. The presence only grows with
 * X, so harm only grows with X (a day it harms and X then passes is one of [on, X] that breaks),
 * and a binary search over [on, that X] finds the largest X that does none.
 */
export function presenceLatestExit(test: PresenceTest, ctx: EvalContext): ExitAnswer {
  if (ctx.countsOnly === true) return NOT_ASKED
  const { on, presence } = ctx
  const ext = extensionOf(ctx)
  const onChecked = on >= test.validFrom && on <= test.validTo && on >= ctx.countFrom
  if (ext.shift === 1 && onChecked) {
    // Already over (above): the days counted before `on`, whatever is recorded from `on` on.
    const before: Counter = (from, to) => countIn(presence, from, Math.min(to, on - 1))
    if (test.used(on, before) > test.allowed(on, before)) return { latestExit: null, bound: 'over' }
  }

  // Leaving on the exit day ends the stay one is in; the others (earlier stays, plans) stay as
  // recorded, and only they can count the exit day (`shift` 1).
  const current = stayInOn(ctx)
  let othersSet: DaySet | undefined
  const others = (): DaySet => {
    const counting = ctx.dayCounting ?? 'calendar'
    return (othersSet ??= buildDaySet(current.others.map((v) => countedRange(v, counting)), ctx.countFrom))
  }
  /** Leaving on X: the counted days, and those after X - shift. */
  const leaving = (x: number): { count: Counter; later: DaySet } => {
    const upTo = x - ext.shift
    const extended = counterWith(presence, ext.start, upTo)
    // Leaving before the recorded exit of the stay one is in: after X - shift only the others count.
    if (!(x < current.end)) return { count: extended, later: presence }
    const later = others()
    return { count: (from, to) => extended(from, Math.min(to, upTo)) + countIn(later, Math.max(from, upTo + 1), to), later }
  }
  // The baseline (the extension model above): leaving on `on` when inside then, else the recorded
  // days. Made once, when first needed (one counter, so the kinds' memos keep working).
  let baseCount: Counter | undefined
  const base = (): Counter => (baseCount ??= current.end >= on ? leaving(on).count : (from, to) => countIn(presence, from, to))
  const lastPresent = lastDay(presence)
  const { period } = test
  const decidedByStart = new Map<number, boolean>()
  // The period asked last, and its answer: the scans ask day after day.
  let last = { start: 0, end: -1, reached: false }
  /** Threshold tests: whether the baseline reaches the threshold in d's period (above). */
  const decided = (d: number): boolean => {
    if (period === undefined) return false
    if (d >= last.start && d <= last.end) return last.reached
    const p = period(d)
    let reached = decidedByStart.get(p.start)
    if (reached === undefined) {
      reached = false
      const count = base()
      // The baseline's days: up to `on`, then (inside) only those of the other stays.
      const lastBase = current.end >= on ? Math.max(on, lastDay(others())) : lastPresent
      let lo = Math.max(p.start, test.validFrom, ctx.countFrom)
      let hi = Math.min(p.end, test.validTo, lastBase)
      if (lo <= hi && count(lo, hi) > 0) {
        // Within a period the count only grows and the allowance holds (`period`): the last checked
        // day counted in it decides. Found by halving: the last e with a counted day in [e, hi].
        while (lo < hi) {
          const mid = lo + Math.ceil((hi - lo) / 2)
          if (count(mid, hi) > 0) lo = mid
          else hi = mid - 1
        }
        reached = test.used(lo, count) > test.allowed(lo, count)
      }
      decidedByStart.set(p.start, reached)
    }
    last = { start: p.start, end: p.end, reached }
    return reached
  }
  if (onChecked && decided(on)) return { latestExit: null, bound: 'over' }

  // Decided periods set no bound, so a threshold test scans on past the baseline's last day.
  const scanFrom = Math.max(on, test.validFrom, ext.start)
  const scanEnd = Math.min(test.validTo, Math.max(scanFrom, period === undefined ? scanFrom : lastPresent) + test.scanDays)
  let first: number | null = null
  // Days up to `open` are in periods known to be undecided.
  let open = Number.NEGATIVE_INFINITY
  for (let d = Math.max(on, test.validFrom, ctx.countFrom); d <= scanEnd; d++) {
    if (!has(presence, d) && d < ext.start) continue
    if (period !== undefined && d > open) {
      // A decided period is passed over whole.
      if (decided(d)) {
        d = last.end
        continue
      }
      open = last.end
    }
    const count = counterWith(presence, ext.start, d)
    if (test.used(d, count) > test.allowed(d, count)) {
      first = d
      break
    }
  }
  if (first === null) return { latestExit: null, bound: 'none' }

  const notCounted = ext.shift === 1 && (!has(presence, first) || !has(others(), first))
  const byLimit = notCounted ? first : first - 1
  if (byLimit < on) return { latestExit: null, bound: 'over' }

  const harms = (x: number): boolean => {
    const { count, later } = leaving(x)
    const end = Math.min(test.reach(x), test.validTo, lastPresent)
    for (let e = Math.max(x + 1, test.validFrom, ctx.countFrom); e <= end; e++) {
      if (!has(later, e) || decided(e)) continue
      if (test.used(e, base()) > test.allowed(e, base())) continue
      if (test.used(e, count) > test.allowed(e, count) && !brokenByRuleOn(ctx, e)) return true
    }
    return false
  }
  return searchHarmless(on, byLimit, harms)
}

/** Whether the rule breaks day `d` in the baseline under one of its constraints (EvalContext `brokenByRule`): over whatever the exit. */
export function brokenByRuleOn(ctx: EvalContext, d: number): boolean {
  return ctx.brokenByRule !== undefined && ctx.brokenByRule(d, d) > 0
}

/**
 * The largest X in [on, byLimit] with `harms(X)` false, given that harm only grows with X. Inside on
 * `on`, harm is judged against leaving on `on` (the extension model above), so `harms(on)` is false;
 * outside, entering at all may harm a plan, and then there is no legal exit (`'plan'`, none).
 */
export function searchHarmless(on: number, byLimit: number, harms: (x: number) => boolean): ExitAnswer {
  if (!harms(byLimit)) return { latestExit: byLimit as CalendarDay, bound: 'limit' }
  if (harms(on)) return { latestExit: null, bound: 'plan' }
  let lo = on
  let hi = byLimit
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2)
    if (harms(mid)) hi = mid
    else lo = mid
  }
  return { latestExit: lo as CalendarDay, bound: 'plan' }
}

