/**
 * The planning part of a run: every answer the command line asked for, as one plain object for the
 * renderers. Pure; no I/O, no clock.
 */
import { buildTimeline, type Explanation, explainLatestExit, type Timeline } from './explain.js'
import {
  checkPlans,
  countPlans,
  daysComeBack,
  type DaysComeBack,
  type EntryAnswer,
  fullReentry,
  type FullReentry,
  type PlanCheck,
  Planner,
  type PlanInput,
  reentryCalendar,
  type ReentryCalendar,
  type StayOption,
} from './plan.js'
import type { CalendarDay, Stay } from '../types.js'

export interface ForStay {
  readonly answer: EntryAnswer
  /** The longest stay entering (staying on, when inside) on the reference day. */
  readonly longest: StayOption
  /**
   * Inside on the reference day: the day the earliest entry assumes you leave (the recorded exit
   * of the stay you are in, or the reference day when it is open); `null` when outside. Staying on
   * instead uses days the entry may need (QA: the two answers read as a plan together).
   */
  readonly leaving: CalendarDay | null
}

export interface Planning {
  /** `--for K`. */
  readonly forStay: ForStay | null
  /** Stays entering after the reference day, checked. */
  readonly plans: readonly PlanCheck[]
  /** Plans in the input; only the first MAX_PLAN_CHECKS are in `plans`. */
  readonly plansTotal: number
  /** Asked for with `summary`. */
  readonly daysComeBack: DaysComeBack | null
  /** Asked for with `summary`. Inside: after leaving on the latest legal exit or the recorded exit, whichever is later (the reference day when there is neither). */
  readonly fullReentry: FullReentry | null
  /** `--explain`. */
  readonly explain: Explanation | null
  /** `plan`: the re-entry calendar. */
  readonly calendar: ReentryCalendar | null
  /** `--explain` / `--timeline` / `--chart`. */
  readonly timeline: Timeline | null
}

export interface PlanningRequest {
  /** Days coming back and the earliest full re-entry. */
  readonly summary?: boolean
  readonly forDays?: number
  readonly explain?: boolean
  readonly calendarDays?: number
  readonly timeline?: boolean
}

/**
 * The stays times days `--for` may assess (1–2 s) under a rule whose search cannot keep to the
 * stays near each day (a cap per visit, a weighted test: src/engine/plan.ts `nearStays`), where
 * each day tried reads every stay: past it the answer is `not-computed`. Thousands of planned stays
 * reach it, or dozens over centuries (QA timed 5,000 such plans at 25 s under ru, and 51 stays over
 * 1900–2199 at 4.7 s); a search that keeps to the stays near each day costs what the days tried do,
 * and has no such bound (20,000 plans: 6 s).
 */
export const FOR_SEARCH_BUDGET = 2_000_000

/**
 * `--for K`: staying on from `on` when that lasts K days; otherwise a new stay, entering on the day
 * one leaves the stay one is in (a same-day exit and re-entry) or later, never on a day inside a
 * planned stay (the trip would be that plan, cut or stretched: QA found 90 days "from" a 99-day
 * plan's entry, and entries while still inside before a recorded exit).
 */
function forStay(planner: Planner, days: number, longest: StayOption): ForStay {
  const { on } = planner
  const leaving = longest.inside ? (planner.currentExit() ?? on) : null
  const budget = planner.trims ? undefined : { left: FOR_SEARCH_BUDGET }
  // A search given up still tells the longest stay the rule allows, as one that ran to its end does
  // (differential QA: exceeds-rule and its maximum were lost).
  const told = (a: EntryAnswer): EntryAnswer => {
    if (a.reason !== 'not-computed') return a
    const most = planner.ruleMaximum()
    return { ...a, ruleMaximum: most === null ? null : planner.maximumFrom(a.from, most) }
  }
  if (longest.days === null || longest.days >= days) return { answer: told(planner.earliestEntry(days, on, planner.stays, budget === undefined ? {} : { budget })), longest, leaving }
  const planned: Stay[] = [...planner.plans()]
  // Still inside until a recorded exit: its days are no entry, its exit day a re-entry, as a plan's.
  if (leaving !== null && leaving > on) planned.push({ entry: on, exit: leaving, source: { flag: 'staying on' } })
  // Leaving on `on` itself, entering again that day is a same-day exit and re-entry too, not staying
  // on (QA: under ESTA the fresh 90-day visit was put a day later, from the day after `on`).
  const reenters = leaving === on ? { reentersOn: on } : {}
  const answer = planner.earliestEntry(days, leaving ?? on, planner.stays, { planned, ...reenters, ...(budget === undefined ? {} : { budget }) })
  return { answer: { ...told(answer), from: on }, longest, leaving }
}

export function buildPlanning(input: PlanInput, request: PlanningRequest = {}): Planning {
  const planner = new Planner(input)
  const longest = planner.longest(input.on)
  const leaving = longest.inside && longest.latestExit !== null ? longest.latestExit : input.on
  return {
    forStay: request.forDays === undefined ? null : forStay(planner, request.forDays, longest),
    plans: checkPlans(input),
    plansTotal: countPlans(input),
    daysComeBack: request.summary === true ? daysComeBack(input) : null,
    fullReentry: request.summary === true ? fullReentry(input, leaving) : null,
    explain: request.explain === true ? explainLatestExit(input) : null,
    calendar: request.calendarDays === undefined ? null : reentryCalendar(input, request.calendarDays),
    timeline: request.timeline === true ? buildTimeline(input) : null,
  }
}
