/**
 * The engine's entry point: stays + rule + reference day in, a plain Report out.
 * Pure: no I/O, no clock, no luxon. Cost is linear in the days spanned plus the stays.
 */
import { InternalError } from '../errors.js'
import { constraintId, constraintLabel } from '../rules/describe.js'
import type { Constraint, DayCounting, RollingConstraint, Rule } from '../rules/types.js'
import type { CalendarDay, Stay, Warning } from '../types.js'
import { evaluateAbsence } from './absence.js'
import { evaluateContinuous } from './continuous.js'
import { buildDaySet, type DayRange } from './day-set.js'
import { evaluatePerVisit } from './per-visit.js'
import { evaluateRolling } from './rolling.js'
import { evaluateSliding } from './sliding.js'
import type { ConstraintReport, EvalContext, Report, StayReport, Violation } from './types.js'
import { evaluateWeighted } from './weighted.js'
import { evaluateYear } from './year.js'

type Evaluators = { [K in Constraint['kind']]: (c: Extract<Constraint, { kind: K }>, ctx: EvalContext) => ConstraintReport }

/**
 * Day windows on calendar days go to the original engine (./rolling.ts); windows in months, and
 * rules that count midnights or whole days, to the general sliding window (./sliding.ts).
 */
function evaluateRollingAny(c: RollingConstraint, ctx: EvalContext): ConstraintReport {
  if ((c.unit ?? 'days') === 'days' && (ctx.dayCounting ?? 'calendar') === 'calendar') return evaluateRolling(c, ctx)
  const spec = { limit: c.limit, window: c.window, unit: c.unit ?? 'days', validFrom: c.validFrom ?? null, validTo: c.validTo ?? null }
  return evaluateSliding(spec, ctx, constraintId(c), constraintLabel(c), c.kind)
}

const EVALUATORS: Evaluators = {
  rolling: evaluateRollingAny,
  'per-visit': evaluatePerVisit,
  year: evaluateYear,
  continuous: evaluateContinuous,
  weighted: evaluateWeighted,
  absence: evaluateAbsence,
}

export function evaluateConstraint(c: Constraint, ctx: EvalContext): ConstraintReport {
  const evaluate = EVALUATORS[c.kind] as (c: Constraint, ctx: EvalContext) => ConstraintReport
  return evaluate(c, ctx)
}

/**
 * The days a stay counts under a rule's day-counting convention (rules/types.ts `DayCounting`):
 * calendar E...X; midnight E...X-1; whole E+1...X-1. May be empty (start > end).
 */
export function countedRange(v: DayRange, counting: DayCounting): DayRange {
  if (counting === 'midnight') return { start: v.start, end: v.end - 1 }
  if (counting === 'whole') return { start: v.start + 1, end: v.end - 1 }
  return v
}

/** A constraint checked only within the rule's own validity too. */
function withinRule(c: Constraint, rule: Rule): Constraint {
  const from = rule.validFrom ?? null
  const to = rule.validTo ?? null
  if (from === null && to === null) return c
  const validFrom = from === null ? (c.validFrom ?? null) : Math.max(from, c.validFrom ?? from)
  const validTo = to === null ? (c.validTo ?? null) : Math.min(to, c.validTo ?? to)
  return { ...c, validFrom: validFrom as CalendarDay | null, validTo: validTo as CalendarDay | null }
}

/** Two constraints of one rule with the same id get `#2`, `#3` ... so violations stay attributable. */
function uniqueIds(reports: readonly ConstraintReport[]): ConstraintReport[] {
  const seen = new Map<string, number>()
  return reports.map((r) => {
    const n = (seen.get(r.id) ?? 0) + 1
    seen.set(r.id, n)
    if (n === 1) return r
    const id = `${r.id}#${n}`
    return { ...r, id, violations: r.violations.map((v) => ({ ...v, constraint: id })) }
  })
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
  const dayCounting = rule.dayCounting ?? 'calendar'
  const counted = dayCounting === 'calendar' ? visits : visits.map((v) => countedRange(v, dayCounting))
  const ctx: EvalContext = { on, countFrom, presence: buildDaySet(counted, countFrom), visits, dayCounting, visitUntil: untilByEntry(stays), reenteredOn: reenteredOn(stays, on) }
  const constraints = uniqueIds(rule.constraints.map((c) => evaluateConstraint(withinRule(c, rule), ctx)))
  if (constraints.length === 0) throw new InternalError(`rule ${rule.id} has no constraints`)

  const headline = pickBinding(constraints)
  const exit = earliestExit(constraints)
  const violations: Violation[] = constraints.flatMap((c) => c.violations).sort((a, b) => a.start - b.start || a.end - b.end)
  const stayReports: StayReport[] = [...stays]
    .sort((a, b) => a.entry - b.entry || (a.exit ?? on) - (b.exit ?? on) || Number(a.exit === null) - Number(b.exit === null))
    .map((s) => ({ entry: s.entry, exit: s.exit, days: (s.exit ?? on) - s.entry + 1, source: s.source, ...(s.until === undefined ? {} : { until: s.until }) }))

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

function reenteredOn(stays: readonly Stay[], on: number): boolean {
  const present = stays.filter((s) => s.entry <= on && on <= (s.exit ?? on))
  return present.some((s) => s.entry === on) && present.every((s) => s.entry === on || s.exit === on)
}

/** Authorised last days by entry day; two records entering the same day keep the earlier date. */
function untilByEntry(stays: readonly Stay[]): ReadonlyMap<number, number> {
  const map = new Map<number, number>()
  for (const s of stays) if (s.until !== undefined) map.set(s.entry, Math.min(s.until, map.get(s.entry) ?? s.until))
  return map
}

/** Order of latest exits: no legal stay first, then by date, then constraints that set no limit. */
export function exitRank(latestExit: number | null, bound: ConstraintReport['latestExitBound']): number {
  if (latestExit !== null) return latestExit
  return bound === 'none' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
}

/**
 * The constraint whose figures head the report: among those in force on the reference day, the one
 * that sets the earliest latest exit; ties go to the one with the fewest days left, then the first.
 */
function pickBinding(constraints: readonly ConstraintReport[]): ConstraintReport {
  const pool = constraints.some((c) => c.inForce) ? constraints.filter((c) => c.inForce) : constraints
  const key = (c: ConstraintReport): [number, number] => [exitRank(c.latestExit, c.latestExitBound), c.daysRemaining - c.overstayDays]
  return pool.reduce((best, c) => {
    const [a, b] = [key(c), key(best)]
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? c : best
  })
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
