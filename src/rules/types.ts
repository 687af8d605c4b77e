/**
 * The rule model: a rule is a set of constraints that must all hold, each with dates of validity.
 * Rules are data; the engine dispatches on `Constraint['kind']`.
 */
import type { CalendarDay } from '../types.js'

interface ConstraintBase {
  /** First day on which the constraint is checked (inclusive); `null`: always. */
  readonly validFrom?: CalendarDay | null
  /** Last day on which the constraint is checked (inclusive); `null`: open-ended. */
  readonly validTo?: CalendarDay | null
}

/** At most `limit` days of presence in any `window`-day window ending on a day of presence. */
export interface RollingConstraint extends ConstraintBase {
  readonly kind: 'rolling'
  readonly limit: number
  readonly window: number
}

export type Constraint = RollingConstraint

/** How confident the project is in its reading of the law (see rules-reference labels). */
export type Confidence = 'official' | 'secondary' | 'unverified'

export interface Rule {
  /** Stable identifier, used by `--rule`. */
  readonly id: string
  /** One-line name, e.g. "Schengen area short stay (90/180)". */
  readonly label: string
  /** Presence before this day is ignored (non-retroactive rule changes); `null`: all counts. */
  readonly countFrom: CalendarDay | null
  readonly constraints: readonly Constraint[]
  /** Legal source, cited in `rules ID` and the README. */
  readonly source: string
  readonly confidence: Confidence
  /** Interpretation notes shown by `rules ID` (what is assumed, what is contested). */
  readonly notes?: readonly string[]
}
