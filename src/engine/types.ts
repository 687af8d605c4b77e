/** The engine's report types: plain data with integer day numbers, rendered elsewhere. */
import type { DayCounting, Rule } from '../rules/types.js'
import type { CalendarDay, SourceRef, Stay, Warning } from '../types.js'
import type { DayRange, DaySet, RangeCount } from './day-set.js'

/**
 * A stay whose entry starts no new visit: a return from a side trip, readmitted for the balance of
 * the visit left on the day the side trip began (US Visa Waiver Program: a side trip to Canada,
 * Mexico or the adjacent islands does not reset the 90 days, 9 FAM 201.1-4(C)(e)(2); 8 CFR 217.3(b)).
 * Per-visit caps count the visit from its first entry on, through the side trip; presence-based
 * constraints count only the days present. Set by the zone attribution (`Zone.sideTrips`).
 */
export interface ContinuingStay extends Stay {
  readonly continuesVisit: true
}

export const continuesVisit = (stay: Stay): stay is ContinuingStay => (stay as Partial<ContinuingStay>).continuesVisit === true

export interface DayPeriod {
  readonly start: CalendarDay
  readonly end: CalendarDay
}

/** A maximal run of days of presence on which a constraint's count exceeds its limit. */
export interface Violation extends DayPeriod {
  readonly peakDaysUsed: number
  /** Id of the constraint broken (see `ConstraintReport.id`). */
  readonly constraint: string
}

/** Why the latest legal exit is where it is. */
export type ExitBound =
  /** Staying one more day would break the limit. */
  | 'limit'
  /**
   * Staying one more day would make a planned (later) stay break the limit on a day that kept it
   * leaving on the reference day (or, outside then, not entering); for a threshold, in a period
   * that stayed under it then. Inside, never with no exit.
   */
  | 'plan'
  /**
   * No legal exit: being present on the reference day already breaks the limit (counting midnights
   * or whole days: the days before it put its period over), or a threshold is reached in its period
   * whatever the exit, planned stays included (./extension.ts, "Thresholds are judged per period").
   */
  | 'over'
  /** No constraint in force limits the stay. */
  | 'none'

export interface ConstraintReport {
  /** Stable id, e.g. `rolling:90/180`. */
  readonly id: string
  readonly kind: string
  /** Human wording, e.g. `90 days in any 180-day window`. */
  readonly label: string
  /** Whether the constraint is checked on the reference day. */
  readonly inForce: boolean
  readonly limit: number
  readonly daysUsed: number
  /** The period counted on the reference day. */
  readonly window: DayPeriod
  readonly daysRemaining: number
  readonly overstayDays: number
  /**
   * The latest legal exit: the last day X >= the reference day such that leaving on X breaks
   * nothing. Leaving on X, the stay one is in on the reference day ends on X (its recorded days
   * after it are gone), planned stays entered by X-1 are joined and kept as planned, and no counted
   * day up to X may break the constraint, nor any later day that kept it leaving on the reference
   * day (inside then; outside, as recorded: ./extension.ts, "the extension model"). A threshold
   * (tax residence) is judged per period instead: only a period that stayed under it that way may
   * not reach it. Counting calendar days X is the last day of presence; counting midnights or whole
   * days X itself is not counted. `null` when none.
   */
  readonly latestExit: CalendarDay | null
  readonly latestExitBound: ExitBound
  readonly violations: readonly Violation[]
  /** Kind-specific figures (a threshold test's weighted total, a visit's length ...), rendered as-is in JSON. */
  readonly details?: Readonly<Record<string, number | string | boolean | null>>
}

export interface StayReport {
  readonly entry: CalendarDay
  /** `null`: still inside. */
  readonly exit: CalendarDay | null
  /** Days of this stay, entry and exit included (an open stay through the reference day). */
  readonly days: number
  readonly source: SourceRef
  /** The visit's authorised last day, when its document gives one (`Stay.until`). */
  readonly until?: CalendarDay
}

export interface Report {
  readonly on: CalendarDay
  readonly rule: Rule
  /** Present on the reference day. */
  readonly inside: boolean
  readonly daysUsed: number
  readonly window: DayPeriod
  readonly daysRemaining: number
  readonly overstayDays: number
  readonly latestExit: CalendarDay | null
  readonly latestExitBound: ExitBound
  /** Id of the constraint whose figures the headline fields show. */
  readonly binding: string
  readonly violations: readonly Violation[]
  readonly constraints: readonly ConstraintReport[]
  readonly stays: readonly StayReport[]
  readonly warnings: readonly Warning[]
}

/** What every constraint evaluator receives. */
export interface EvalContext {
  readonly on: CalendarDay
  /** First counted day (`rule.countFrom`), or -Infinity. */
  readonly countFrom: number
  /** Days of presence, counted from `countFrom`. */
  readonly presence: DaySet
  /**
   * The reference day is a same-day exit and re-entry: every stay present that day either enters
   * on it or has its recorded exit on it (an open stay does not end), and one enters on it.
   */
  readonly reenteredOn?: boolean
  /** Authorised last day by entry day, for visits whose document gives one (`Stay.until`). */
  readonly visitUntil?: ReadonlyMap<number, number>
  /**
   * Entry days of stays that continue the visit before them (`ContinuingStay`); with `on` among them
   * and no stay present then, an entry on `on` continues the last visit before it (a side trip now).
   */
  readonly continuedOn?: ReadonlySet<number>
  /** Recorded stays as closed ranges (open stays closed at `on`), sorted by entry. */
  readonly visits: readonly DayRange[]
  /**
   * How `presence` was built from `visits` (the rule's `dayCounting`); evaluators that extend
   * presence need it. Absent means `calendar`.
   */
  readonly dayCounting?: DayCounting
  /**
   * Only the figures on `on` and the latest exit are asked for, not the violations (left empty):
   * they cover the whole history, the same on every day of a series (`daysRemainingSeries`).
   */
  readonly figuresOnly?: boolean
  /**
   * Only the figures on `on` (days used, window): no latest exit (`none`) and no violations. For a
   * series of days that reads the count alone (the timeline of `--explain`), where the latest exit of
   * each day would cost a search of its own (QA: a custom rule's timeline took 28 s). With
   * `figuresOnly` false it asks for the violations and no latest exit (the baseline's broken days).
   */
  readonly countsOnly?: boolean
  /**
   * How many days of [from, to] the rule already breaks in the baseline harm is judged against
   * (./extension.ts, "the extension model"), under any of its constraints; absent when it has one
   * constraint. A later day one of them breaks even then is over whatever the exit, so no
   * constraint's latest exit is held back to spare it (QA: kz-visa-free's 90/180 guarded a planned
   * day past its 30 per visit). Worked out when first asked: only a day found harmed asks.
   */
  readonly brokenByRule?: RangeCount | undefined
}
