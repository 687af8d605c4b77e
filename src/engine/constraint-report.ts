/** The one place a ConstraintReport is assembled, so every constraint kind derives its figures alike. */
import { constraintId, constraintLabel } from '../rules/describe.js'
import type { Constraint } from '../rules/types.js'
import type { CalendarDay } from '../types.js'
import { inForce } from '../rules/validity.js'
import type { ExitAnswer } from './extension.js'
import type { ConstraintReport, Violation } from './types.js'

export interface ConstraintFigures {
  readonly id: string
  readonly kind: string
  readonly label: string
  readonly validity: { readonly validFrom?: number | null; readonly validTo?: number | null }
  readonly on: CalendarDay
  readonly limit: number
  readonly daysUsed: number
  /** First day of the period counted on the reference day (window, year, visit …). */
  readonly periodStart: number
  readonly exit: ExitAnswer
  readonly violations: readonly Violation[]
  readonly details?: ConstraintReport['details'] | undefined
  /** Whether the constraint applies on the reference day, when its validity alone does not say (per-visit `entriesUntil`). */
  readonly inForce?: boolean | undefined
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// No object spread here: spreading into a literal copies through a generic slow path, and this
// runs for every constraint of every assessment (measured: nearly half of a batch under a per-visit rule).
export function constraintReport(f: ConstraintFigures): ConstraintReport {
  const applies = f.inForce ?? inForce(f.validity, f.on)
  const report: Mutable<ConstraintReport> = {
    id: f.id,
    kind: f.kind,
    label: f.label,
    inForce: applies,
    limit: f.limit,
    daysUsed: f.daysUsed,
    window: { start: f.periodStart as CalendarDay, end: f.on },
    daysRemaining: Math.max(0, f.limit - f.daysUsed),
    // Nobody is over a limit on a day it is not law (Ukraine's 90/180 from 8 April 2015, Cabinet
    // Resolution No. 163; a rules file's validTo): the days it would count are told, not an overstay (QA).
    overstayDays: applies ? Math.max(0, f.daysUsed - f.limit) : 0,
    latestExit: f.exit.latestExit,
    latestExitBound: f.exit.bound,
    violations: f.violations,
  }
  if (f.details !== undefined) report.details = f.details
  return report
}

/** `constraintReport` for a constraint of the catalogue: its id, kind, label and validity from the rule data. */
export function reportOf(
  c: Constraint,
  f: Omit<ConstraintFigures, 'id' | 'kind' | 'label' | 'validity'> & { readonly id?: string },
): ConstraintReport {
  return constraintReport({
    id: f.id ?? constraintId(c),
    kind: c.kind,
    label: constraintLabel(c),
    validity: c,
    on: f.on,
    limit: f.limit,
    daysUsed: f.daysUsed,
    periodStart: f.periodStart,
    exit: f.exit,
    violations: f.violations,
    details: f.details,
    inForce: f.inForce,
  })
}
