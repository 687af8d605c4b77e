/**
 * The rule model: a rule is a set of constraints that must all hold, each with dates of validity.
 * Rules are data; the engine dispatches on `Constraint['kind']` (one evaluator per kind in
 * `src/engine/<kind>.ts`). Each preset cites its legal source (`source`, src/rules/presets.ts).
 *
 * Every kind is *backward-looking*: whether a day breaks a constraint depends only on the days up
 * to it. A day can only break a constraint if it is a counted day (a day of presence, or for
 * `absence` a whole day abroad), lies on or after the rule's `countFrom`, and lies within the
 * constraint's `validFrom` ... `validTo`.
 */
import type { CalendarDay } from '../types.js'

interface ConstraintBase {
  /** First day on which the constraint is checked (inclusive); `null`: always. */
  readonly validFrom?: CalendarDay | null
  /** Last day on which the constraint is checked (inclusive); `null`: open-ended. */
  readonly validTo?: CalendarDay | null
}

/**
 * The longest period (a limit, window or threshold) a rule may count in days: 100 years, a
 * lifetime. No stay regime counts over more (the longest the presets know is 5 years), and the
 * engine's work and answers grow with it (a window of 10^11 days ran out of memory after minutes,
 * with dates before year 0: QA). In months, the same 100 years.
 */
export const MAX_RULE_DAYS = 36_525

/**
 * A weighted test's divisors: at most five years, and a least common multiple of at most 10^9.
 * Real tests use three ([1, 3, 6]); each year more makes every latest exit scan a year longer, and
 * a planning answer hundreds of them (QA: 100 divisors made `plan` take minutes, 10 about 8 s).
 * The engine counts exactly by scaling every day by that multiple (weighted.ts), far below 2^53
 * (QA: divisors whose multiple passed 2^53 gave a total of 45 as 44.99…, under the threshold).
 */
export const MAX_DIVISORS = 5
export const MAX_DIVISOR_LCM = 1_000_000_000
export const MAX_RULE_MONTHS = 1_200
/**
 * A window in months, at most 10 years (the longest a preset uses is 12 months; UK long
 * residence counts absences over 10 years). Windows in months vary in length, so the latest exit
 * looks years ahead for each (src/engine/sliding.ts `scanDays`): 1200 months took minutes.
 */
export const MAX_WINDOW_MONTHS = 120

/** `days`: a count of calendar days; `months`: calendar months (clamped to the month's end). */
export type PeriodUnit = 'days' | 'months'

/**
 * At most `limit` counted days in any `window`-day window ending on the day checked
 * (D-(window-1) ... D). With `unit: 'months'` the window ending on D starts the day after the same
 * date `window` months earlier, clamped to the month's end: for D = 2025-02-28 and 12 months that
 * is 2024-02-29 (366 days), the longer, conservative reading of "any twelve-month period".
 */
export interface RollingConstraint extends ConstraintBase {
  readonly kind: 'rolling'
  readonly limit: number
  readonly window: number
  /** Default `days`. */
  readonly unit?: PeriodUnit
}

/**
 * Each visit lasts at most `limit` days or months from its entry, the entry day being day 1: 90 days
 * from 2014-04-04 end on 2014-07-02; 6 months from 2024-01-15 end on 2024-07-14 (the day before the
 * same date `limit` months later, clamped to the month's end). A visit is a recorded stay, or
 * overlapping stays merged: nobody enters while already inside (a date counts once). A same-day
 * exit and re-entry starts a new visit. Counted on calendar days whatever the rule's `dayCounting`.
 *
 * `entriesFrom` / `entriesUntil` say which visits the cap applies to, by their entry day: a regime
 * that changed for new entries (Thailand: 30 days for entries up to 2024-07-14, 60 after) keeps
 * applying the old cap to the whole of a visit entered before the change. `validFrom` / `validTo`
 * still say on which days it is checked.
 */
export interface PerVisitConstraint extends ConstraintBase {
  readonly kind: 'per-visit'
  readonly limit: number
  /** Default `days`. */
  readonly unit?: PeriodUnit
  /** Only visits entered on or after this day (inclusive); `null`: from any day. */
  readonly entriesFrom?: CalendarDay | null
  /** Only visits entered on or before this day (inclusive); `null`: until any day. */
  readonly entriesUntil?: CalendarDay | null
  /**
   * No document extends a visit past the cap (ESTA: 90 days, "no extension"): an authorised last
   * day after it (`Stay.until`) is not used, the cap's last day binds. Otherwise the document's
   * date replaces the cap's (an I-94 after an extension, a Thai stamp after one).
   */
  readonly hardCap?: boolean
}

/** Month and day a year starts on: `{ month: 1, day: 1 }` (calendar year), `{ month: 4, day: 6 }` (UK tax year). */
export interface YearStart {
  readonly month: number
  readonly day: number
}

/**
 * Counted days per year (a calendar year, or the year from `yearStart`). Either a `limit` (at most
 * `limit` days: the day after the limit breaks it) or a `threshold` (reaching `threshold` days
 * breaks it, as in a tax residence test: 183 midnights make a UK resident). Exactly one is set.
 */
export type YearConstraint = ConstraintBase & {
  readonly kind: 'year'
  /** Default 1 January. */
  readonly yearStart?: YearStart
} & ({ readonly limit: number; readonly threshold?: undefined } | { readonly threshold: number; readonly limit?: undefined })

/**
 * No single continuous presence longer than `limit` days (entry day = day 1). Consecutive stays join
 * into one continuous presence when one begins on or before the day the other ends: a same-day exit
 * and re-entry does not interrupt it (conservative); leaving on D and returning on D+1 does.
 */
export interface ContinuousConstraint extends ConstraintBase {
  readonly kind: 'continuous'
  readonly limit: number
}

/**
 * A weighted count over consecutive years, as the US Substantial Presence Test: days of the current
 * year count 1/divisors[0], the year before 1/divisors[1], and so on. The threshold is reached on a
 * day when the weighted total is at least `threshold` and the current year has at least
 * `minCurrent` days. Computed with exact integer arithmetic (everything scaled by the divisors' LCM).
 */
export interface WeightedConstraint extends ConstraintBase {
  readonly kind: 'weighted'
  readonly threshold: number
  /** US SPT: [1, 3, 6], i.e. weights 1, 1/3, 1/6. */
  readonly divisors: readonly number[]
  /** Days needed in the current year before the weighted total matters (US SPT: 31). */
  readonly minCurrent: number
  /** Default 1 January. */
  readonly yearStart?: YearStart
}

/**
 * At most `limit` counted days *abroad* in any window of `window` days or months (UK settlement:
 * 180 in any 12 months). The input stays are then periods abroad (leave on entry, return on exit),
 * and the rule's `dayCounting` is normally `whole`, so departure and return days are not absence.
 */
export interface AbsenceConstraint extends ConstraintBase {
  readonly kind: 'absence'
  readonly limit: number
  readonly window: number
  /** Default `months`. */
  readonly unit?: PeriodUnit
}

export type Constraint =
  | RollingConstraint
  | PerVisitConstraint
  | YearConstraint
  | ContinuousConstraint
  | WeightedConstraint
  | AbsenceConstraint

export type ConstraintKind = Constraint['kind']

export const CONSTRAINT_KINDS: readonly ConstraintKind[] = ['rolling', 'per-visit', 'year', 'continuous', 'weighted', 'absence']

/**
 * Which days of a stay from entry E to exit X are counted by presence-based constraints
 * (rolling, year, weighted, absence):
 * - `calendar` (default): every date with any presence, E ... X (Schengen Borders Code Art. 6(2));
 * - `midnight`: present at the end of the day, E ... X-1 (UK Statutory Residence Test: the
 *   departure day does not count);
 * - `whole`: whole days only, E+1 ... X-1 (UK settlement absences: travel days are not absence).
 */
export type DayCounting = 'calendar' | 'midnight' | 'whole'

export const DAY_COUNTINGS = ['calendar', 'midnight', 'whole'] as const satisfies readonly DayCounting[]

/** How confident the project is in its reading of the law: from the official text, a secondary source, or unverified. */
export type Confidence = 'official' | 'secondary' | 'unverified'

export const CONFIDENCES = ['official', 'secondary', 'unverified'] as const satisfies readonly Confidence[]

export const PURPOSES = ['stay', 'tax'] as const
export type Purpose = (typeof PURPOSES)[number]

export interface Rule {
  /** Stable identifier, used by `--rule`; lowercase. */
  readonly id: string
  /** Other names `--rule` accepts (lowercase). */
  readonly aliases?: readonly string[]
  /** One-line name, e.g. "Schengen area short stay (90/180)". */
  readonly label: string
  /** The constraints in a few words, for listings, e.g. `per visit 30 + rolling 90/180`. */
  readonly kindSummary?: string
  /** Presence before this day is ignored (non-retroactive rule changes); `null`: all counts. */
  readonly countFrom: CalendarDay | null
  /** The rule as a whole applies from / until these days (each constraint is checked within them). */
  readonly validFrom?: CalendarDay | null
  readonly validTo?: CalendarDay | null
  /** Default `calendar`. */
  readonly dayCounting?: DayCounting
  /**
   * What the days are counted for, for the words only (src/render/breach-words.ts): `stay` (the
   * default) caps a lawful stay, so passing it is an overstay; `tax` counts days for a tax rule
   * (OECD Model Art. 15(2)(a)), where passing the cap loses an exemption and no stay is unlawful.
   */
  readonly purpose?: Purpose
  readonly constraints: readonly Constraint[]
  /** Legal source, cited in `rules ID` and the README. */
  readonly source: string
  readonly confidence: Confidence
  /** Interpretation notes shown by `rules ID` (what is assumed, what is contested, the conservative choice). */
  readonly notes?: readonly string[]
}
