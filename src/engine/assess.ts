/**
 * The engine's entry point: stays + rule + reference day in, a plain Report out.
 * Pure: no I/O, no clock, no luxon. Cost is linear in the days spanned plus the stays.
 */
import { InternalError } from '../errors.js'
import type { Constraint, Rule } from '../rules/types.js'
import type { CalendarDay, Stay, Warning } from '../types.js'
import { buildDaySet, type DayRange } from './day-set.js'
import { evaluateRolling } from './rolling.js'
import type { ConstraintReport, EvalContext, Report, StayReport, Violation } from './types.js'

type Evaluators = { [K in Constraint['kind']]: (c: Extract<Constraint, { kind: K }>, ctx: EvalContext) => ConstraintReport }

const EVALUATORS: Evaluators = {
  rolling: evaluateRolling,
}

export function evaluateConstraint(c: Constraint, ctx: EvalContext): ConstraintReport {
  const evaluate = EVALUATORS[c.kind] as (c: Constraint, ctx: EvalContext) => ConstraintReport
  return evaluate(c, ctx)
}

export interface AssessInput {
  readonly stays: readonly Stay[]
  readonly rule: Rule
  readonly on: CalendarDay
  readonly warnings?: readonly Warning[]
}

/** Close open stays at the reference day; the parser has already refused open stays after it. */
export function resolveVisits(stays: readonly Stay[], on: CalendarDay): DayRange[] {
  return stays
    .map((s) => {
      const end = s.exit ?? on
      if (end < s.entry) throw new InternalError(`stay from day ${s.entry} ends before it starts (${end})`)
      return { start: s.entry, end }
    })
    .sort((a, b) => a.start - b.start || a.end - b.end)
}

/**
 * Assess a person's stays against a rule on a reference day.
 * @example assess({ stays: [stay('2024-01-01', '2024-01-10')], rule: schengen, on: day('2024-01-10') }).daysUsed //=> 10
 */
export function assess({ stays, rule, on, warnings = [] }: AssessInput): Report {
  const visits = resolveVisits(stays, on)
  const countFrom = rule.countFrom ?? Number.NEGATIVE_INFINITY
  const ctx: EvalContext = { on, countFrom, presence: buildDaySet(visits, countFrom), visits }
  const constraints = rule.constraints.map((c) => evaluateConstraint(c, ctx))
  if (constraints.length === 0) throw new InternalError(`rule ${rule.id} has no constraints`)

  const headline = pickBinding(constraints)
  const exit = earliestExit(constraints)
  const violations: Violation[] = constraints.flatMap((c) => c.violations).sort((a, b) => a.start - b.start || a.end - b.end)
  const stayReports: StayReport[] = [...stays]
    .sort((a, b) => a.entry - b.entry || (a.exit ?? on) - (b.exit ?? on))
    .map((s) => ({ entry: s.entry, exit: s.exit, days: (s.exit ?? on) - s.entry + 1, source: s.source }))

  return {
    on,
    rule,
    inside: visits.some((v) => v.start <= on && on <= v.end),
    daysUsed: headline.daysUsed,
    window: headline.window,
    daysRemaining: headline.daysRemaining,
    overstayDays: headline.overstayDays,
    latestExit: exit.latestExit,
    latestExitBound: exit.latestExitBound,
    binding: headline.id,
    violations,
    constraints,
    stays: stayReports,
    warnings,
  }
}

/** The constraint in force on the reference day with the fewest days left (ties: the first). */
function pickBinding(constraints: readonly ConstraintReport[]): ConstraintReport {
  const pool = constraints.some((c) => c.inForce) ? constraints.filter((c) => c.inForce) : constraints
  return pool.reduce((best, c) => (c.daysRemaining < best.daysRemaining || (c.overstayDays > best.overstayDays) ? c : best))
}

/** The earliest of the constraints' latest exits: every constraint must hold. */
function earliestExit(constraints: readonly ConstraintReport[]): Pick<ConstraintReport, 'latestExit' | 'latestExitBound'> {
  let best: Pick<ConstraintReport, 'latestExit' | 'latestExitBound'> = { latestExit: null, latestExitBound: 'none' }
  for (const c of constraints) {
    if (c.latestExitBound === 'none') continue
    if (c.latestExit === null) return { latestExit: null, latestExitBound: c.latestExitBound }
    if (best.latestExitBound === 'none' || c.latestExit < (best.latestExit as number)) best = c
  }
  return { latestExit: best.latestExit, latestExitBound: best.latestExitBound }
}
