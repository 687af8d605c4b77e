/**
 * The engine's entry point: stays + rule + reference day in, a plain Report out.
 * Pure: no I/O, no clock, no luxon. Cost is linear in the days spanned plus the stays.
 */
import { InternalError } from '../errors.js'
import { constraintId, constraintLabel } from '../rules/describe.js'
import type { Constraint, DayCounting, RollingConstraint, Rule } from '../rules/types.js'
import type { CalendarDay, Stay, Warning } from '../types.js'
import { evaluateAbsence } from './absence.js'
import { untilWarnings } from './authorised.js'
import { evaluateContinuous } from './continuous.js'
import { borrowDaySet, buildDaySet, type DayRange, type DaySet, type RangeCount, rangeCount, returnDaySet } from './day-set.js'
import { baselineVisits, countedRange } from './extension.js'
import { evaluatePerVisit } from './per-visit.js'
import { evaluateRolling } from './rolling.js'
import { evaluateSliding } from './sliding.js'
import { continuesVisit, type ConstraintReport, type EvalContext, type Report, type StayReport, type Violation } from './types.js'
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
function uniqueIds(reports: ConstraintReport[]): ConstraintReport[] {
  if (reports.length === 1) return reports
  const seen = new Map<string, number>()
  return reports.map((r) => {
    const n = (seen.get(r.id) ?? 0) + 1
    seen.set(r.id, n)
    if (n === 1) return r
    const id = `${r.id}#${n}`
    return { ...r, id, violations: r.violations.map((v) => ({ ...v, constraint: id })) }
  })
}

/**
 * The context of one `assess` call. Presence is built on first use (per-visit and continuous rules
 * never ask) in memory lent for the call only: nothing the evaluators return refers to it.
 */
class AssessContext implements EvalContext {
  private days: DaySet | undefined
  brokenByRule: RangeCount | undefined
  /** Once the call is over, a late reader gets a set of its own. */
  private lending = true

  constructor(
    readonly on: CalendarDay,
    readonly countFrom: number,
    private readonly counted: readonly DayRange[],
    readonly visits: readonly DayRange[],
    readonly dayCounting: DayCounting,
    readonly visitUntil: ReadonlyMap<number, number>,
    readonly reenteredOn: boolean,
    readonly continuedOn: ReadonlySet<number>,
    readonly figuresOnly: boolean,
    readonly countsOnly: boolean,
  ) {}

  get presence(): DaySet {
    return (this.days ??= this.lending ? borrowDaySet(this.counted, this.countFrom) : buildDaySet(this.counted, this.countFrom))
  }

  done(): void {
    if (this.days !== undefined && this.lending) returnDaySet(this.days)
    this.days = undefined
    this.lending = false
  }
}

export interface AssessInput {
  readonly stays: readonly Stay[]
  readonly rule: Rule
  readonly on: CalendarDay
  readonly warnings?: readonly Warning[]
  /**
   * Away on a side trip on `on` (zones, `Zone.sideTrips`): an entry that day is a return, no new
   * visit, like a `ContinuingStay` entering then.
   */
  readonly returnsOn?: boolean
  /**
   * Only the figures on `on` and the latest exit are wanted: `violations` are left empty (they
   * cover the whole history, so working them out costs the days spanned). For the planning
   * searches, which assess day after day and read only the latest exit.
   */
  readonly figuresOnly?: boolean
  /** Only the figures on `on`: no latest exit, no violations (EvalContext `countsOnly`). */
  readonly countsOnly?: boolean
}

/** Close open stays at the reference day; the parser has already refused open stays after it. */
export function resolveVisits(stays: readonly Stay[], on: CalendarDay): DayRange[] {
  const visits: DayRange[] = []
  let sorted = true
  for (const s of stays) {
    const end = s.exit ?? on
    // The command never gets here (the parser refuses such stays); a library caller's own stay may (QA).
    if (end < s.entry) throw new RangeError(`a stay entering on day ${s.entry} ends before it starts (day ${end}): pass the stays through checkStays first, which reports such stays as problems`)
    const last = visits[visits.length - 1]
    if (last !== undefined && byStartThenEnd(last, s.entry, end) > 0) sorted = false
    visits.push({ start: s.entry, end })
  }
  // Stays mostly come sorted (checkStays sorts them); a stable sort would leave them as they are.
  return sorted ? visits : visits.sort((a, b) => byStartThenEnd(a, b.start, b.end))
}

function byStartThenEnd(a: DayRange, start: number, end: number): number {
  return a.start - start || a.end - end
}

/**
 * Assess a person's stays against a rule on a reference day.
 * @example assess({ stays: [stay('2024-01-01', '2024-01-10')], rule: schengen, on: day('2024-01-10') }).daysUsed //=> 10
 */
export function assess({ stays, rule, on, warnings = [], returnsOn = false, figuresOnly = false, countsOnly = false }: AssessInput): Report {
  const visits = resolveVisits(stays, on)
  const countFrom = rule.countFrom ?? Number.NEGATIVE_INFINITY
  const dayCounting = rule.dayCounting ?? 'calendar'
  const counted = dayCounting === 'calendar' ? visits : visits.map((v) => countedRange(v, dayCounting))
  const reentered = reenteredOn(stays, on)
  const ctx = new AssessContext(on, countFrom, counted, visits, dayCounting, untilByEntry(stays), reentered, continuedOn(stays, returnsOn ? on : null), figuresOnly || countsOnly, countsOnly)
  let constraints: ConstraintReport[]
  try {
    if (!countsOnly) ctx.brokenByRule = brokenByRuleOf(rule, ctx)
    // `map`, not `push`: the array is kept in the report, and `map` sizes it exactly.
    constraints = uniqueIds(rule.constraints.map((c) => evaluateConstraint(withinRule(c, rule), ctx)))
  } finally {
    ctx.done()
  }
  if (constraints.length === 0) throw new InternalError(`rule ${rule.id} has no constraints`)

  const headline = pickBinding(constraints)
  const exit = earliestExit(constraints)
  return {
    on,
    rule,
    inside: isInside(visits, on),
    daysUsed: headline.daysUsed,
    window: headline.window,
    daysRemaining: headline.daysRemaining,
    overstayDays: headline.overstayDays,
    latestExit: exit.latestExit,
    latestExitBound: exit.latestExitBound,
    binding: headline.id,
    violations: allViolations(constraints),
    constraints,
    stays: stayReports(stays, on),
    warnings: withUntilWarnings(warnings, untilWarnings(stays, rule, on, visits, reentered)),
  }
}

/**
 * EvalContext `brokenByRule` for a rule of several constraints: the violations of each with the
 * stay one is in on `on` cut there (./extension.ts `baselineVisits`), worked out when first asked.
 */
function brokenByRuleOf(rule: Rule, ctx: EvalContext): RangeCount | undefined {
  if (rule.constraints.length < 2) return undefined
  let count: RangeCount | undefined
  return (from, to) => (count ??= rangeCount(brokenInBaseline(rule, ctx)))(from, to)
}

function brokenInBaseline(rule: Rule, ctx: EvalContext): DayRange[] {
  const visits = baselineVisits(ctx)
  const dayCounting = ctx.dayCounting ?? 'calendar'
  const counted = dayCounting === 'calendar' ? visits : visits.map((v) => countedRange(v, dayCounting))
  const base = new AssessContext(ctx.on, ctx.countFrom, counted, visits, dayCounting, ctx.visitUntil ?? new Map(), ctx.reenteredOn === true, ctx.continuedOn ?? new Set(), false, true)
  try {
    return rule.constraints.flatMap((c) => evaluateConstraint(withinRule(c, rule), base).violations)
  } finally {
    base.done()
  }
}

/**
 * `assess({ stays, rule, on: t }).daysRemaining` for every day t of [from, to], as one array from
 * `from`. When every stay has an exit the presence is the same on every day: it is built once, and
 * each day is evaluated for its figures and latest exit only (`figuresOnly`), not for the
 * violations of the whole history, which do not move the days remaining. `assess` day after day
 * cost the days spanned on every day, so a stay recorded for a century took seconds. An open stay
 * (closed on each day in turn) is assessed day by day.
 */
export function daysRemainingSeries(stays: readonly Stay[], rule: Rule, from: number, to: number): number[] {
  const out: number[] = []
  if (stays.some((s) => s.exit === null)) {
    for (let t = from; t <= to; t++) out.push(assess({ stays, rule, on: t as CalendarDay }).daysRemaining)
    return out
  }
  if (rule.constraints.length === 0) throw new InternalError(`rule ${rule.id} has no constraints`)
  const visits = resolveVisits(stays, from as CalendarDay)
  const countFrom = rule.countFrom ?? Number.NEGATIVE_INFINITY
  const dayCounting = rule.dayCounting ?? 'calendar'
  const presence = buildDaySet(dayCounting === 'calendar' ? visits : visits.map((v) => countedRange(v, dayCounting)), countFrom)
  const constraints = rule.constraints.map((c) => withinRule(c, rule))
  const visitUntil = untilByEntry(stays)
  const continued = continuedOn(stays, null)
  for (let t = from; t <= to; t++) {
    const ctx: EvalContext = {
      on: t as CalendarDay,
      countFrom,
      presence,
      visits,
      dayCounting,
      visitUntil,
      reenteredOn: reenteredOn(stays, t),
      continuedOn: continued,
      figuresOnly: true,
    }
    // The binding constraint, whose days remaining these are, is chosen by latest exit: as in `assess`.
    const brokenByRule = brokenByRuleOf(rule, ctx)
    const asked = brokenByRule === undefined ? ctx : { ...ctx, brokenByRule }
    out.push(pickBinding(constraints.map((c) => evaluateConstraint(c, asked))).daysRemaining)
  }
  return out
}

function withUntilWarnings(warnings: readonly Warning[], more: readonly Warning[]): readonly Warning[] {
  return more.length === 0 ? warnings : [...warnings, ...more]
}

function isInside(visits: readonly DayRange[], on: number): boolean {
  for (const v of visits) if (v.start <= on && on <= v.end) return true
  return false
}

/** Every constraint's violations, by start then end. */
function allViolations(constraints: readonly ConstraintReport[]): Violation[] {
  const out: Violation[] = []
  let sorted = true
  for (const c of constraints) {
    for (const v of c.violations) {
      const last = out[out.length - 1]
      if (last !== undefined && (last.start - v.start || last.end - v.end) > 0) sorted = false
      out.push(v)
    }
  }
  return sorted ? out : out.sort((a, b) => a.start - b.start || a.end - b.end)
}

/** The stays by entry, then end (open ones ending on the reference day), then open last. */
function stayReports(stays: readonly Stay[], on: number): StayReport[] {
  let sorted = true
  for (let i = 1; i < stays.length && sorted; i++) sorted = stayOrder(stays[i - 1]!, stays[i]!, on) <= 0
  return (sorted ? stays : [...stays].sort((a, b) => stayOrder(a, b, on))).map((s) => {
    const days = (s.exit ?? on) - s.entry + 1
    return s.until === undefined ? { entry: s.entry, exit: s.exit, days, source: s.source } : { entry: s.entry, exit: s.exit, days, source: s.source, until: s.until }
  })
}

function stayOrder(a: Stay, b: Stay, on: number): number {
  return a.entry - b.entry || (a.exit ?? on) - (b.exit ?? on) || Number(a.exit === null) - Number(b.exit === null)
}

function reenteredOn(stays: readonly Stay[], on: number): boolean {
  let enters = false
  for (const s of stays) {
    if (!(s.entry <= on && on <= (s.exit ?? on))) continue
    if (s.entry === on) enters = true
    else if (s.exit !== on) return false
  }
  return enters
}

const NO_DAYS: ReadonlySet<number> = new Set()

/** Entry days of stays that continue a visit (returns from side trips), and `returning` if given. */
function continuedOn(stays: readonly Stay[], returning: number | null): ReadonlySet<number> {
  let set: Set<number> | undefined
  for (const s of stays) if (continuesVisit(s)) (set ??= new Set()).add(s.entry)
  if (returning !== null) (set ??= new Set()).add(returning)
  return set ?? NO_DAYS
}

const NO_DATES: ReadonlyMap<number, number> = new Map()

/** Authorised last days by entry day; two records entering the same day keep the earlier date. */
function untilByEntry(stays: readonly Stay[]): ReadonlyMap<number, number> {
  let map: Map<number, number> | undefined
  for (const s of stays) {
    if (s.until === undefined) continue
    map ??= new Map()
    map.set(s.entry, Math.min(s.until, map.get(s.entry) ?? s.until))
  }
  return map ?? NO_DATES
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
  const anyInForce = constraints.some((c) => c.inForce)
  let best: ConstraintReport | undefined
  for (const c of constraints) {
    if (anyInForce && !c.inForce) continue
    if (best === undefined) {
      best = c
      continue
    }
    const rank = exitRank(c.latestExit, c.latestExitBound)
    const bestRank = exitRank(best.latestExit, best.latestExitBound)
    if (rank < bestRank || (rank === bestRank && c.daysRemaining - c.overstayDays < best.daysRemaining - best.overstayDays)) best = c
  }
  return best as ConstraintReport
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
