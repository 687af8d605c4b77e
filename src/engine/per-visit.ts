/**
 * "Each stay at most N days (or N calendar months) from entry, the entry day being day 1": US Visa
 * Waiver Program, 90 days per admission (arrived 2014-04-04, admitted until 2014-07-02); Kazakhstan,
 * 30 calendar days from crossing the border; the UK Standard Visitor, 6 months per visit. Months end
 * the day before the same date N months later, clamped to the month's end (entry 2023-08-31 + 6
 * months: last day 2024-02-28), the earlier and so conservative reading. Stays are counted as
 * recorded: a same-day exit and re-entry starts a new stay. Presence before the rule's `countFrom`
 * is not counted, so a stay running across it counts from `countFrom` (conservative: it is not
 * ignored). Pure; no I/O, no clock.
 */
import { addMonths, isoOf } from '../day.js'
import { constraintId } from '../rules/describe.js'
import type { PerVisitConstraint } from '../rules/types.js'
import { validityOf } from './extension.js'
import { brokenDays, lastAtOrBefore, type StayLengthSpec, stayLengthLatestExit, stayLengthViolations, type Stretch } from './stay-length.js'
import { reportOf } from './constraint-report.js'
import type { ConstraintReport, EvalContext } from './types.js'

/** The last day of a stay entered on `entry`. @example isoOf(lastDayOfVisit(day('2014-04-04'), 90, 'days')) //=> '2014-07-02' */
export function lastDayOfVisit(entry: number, limit: number, unit: 'days' | 'months'): number {
  return unit === 'days' ? entry + limit - 1 : addMonths(entry, limit) - 1
}

export function evaluatePerVisit(c: PerVisitConstraint, ctx: EvalContext): ConstraintReport {
  const { on, countFrom, visits } = ctx
  const unit = c.unit ?? 'days'
  const id = constraintId(c)
  // A visit's own document (Stay.until: the I-94 "Admit Until" date …) replaces the default length.
  const until = ctx.visitUntil ?? new Map<number, number>()
  const { validFrom, validTo } = validityOf(c)
  const spec: StayLengthSpec = { validFrom, validTo, lastAllowed: (start) => until.get(start) ?? lastDayOfVisit(start, c.limit, unit) }
  const stretches: Stretch[] = []
  for (const v of visits) {
    const start = Math.max(v.start, countFrom)
    if (start <= v.end) stretches.push({ start, end: v.end })
  }

  // The stay the reference day belongs to (the earliest entry among overlapping records). On the
  // day of a same-day exit and re-entry the visit that ends that day is over: the new one counts.
  const atOn = visits.filter((v) => v.start <= on && on <= v.end)
  const reentered = ctx.reenteredOn === true
  let current: number | null = null
  let joinStart: number = on
  for (const v of reentered ? atOn.filter((x) => x.start === on) : atOn) {
    if (current === null || v.start < current) current = v.start
    if (v.start < on && v.start < joinStart) joinStart = v.start
  }
  const starts = visits.map((v) => v.start)
  const maxEnd: number[] = []
  visits.forEach((v, i) => maxEnd.push(Math.max(v.end, maxEnd[i - 1] ?? Number.NEGATIVE_INFINITY)))
  const exit = stayLengthLatestExit(
    spec,
    {
      on,
      start: Math.max(joinStart, countFrom),
      firstCounted: Math.max(on, countFrom),
      // Stays entered on or before X-1 are absorbed; one entered on X itself is a new visit.
      joinedEnd: (x) => Math.max(x, maxEnd[lastAtOrBefore(starts, x - 1)] ?? Number.NEGATIVE_INFINITY) },
    brokenDays(spec, stretches),
  )

  const counted = current !== null && on >= countFrom
  const visitStart = counted ? Math.max(current as number, countFrom) : on
  const lastAllowed = spec.lastAllowed(visitStart)
  const limit = lastAllowed - visitStart + 1
  const daysUsed = counted ? on - visitStart + 1 : 0
  return reportOf(c, {
    id,
    on,
    limit,
    daysUsed,
    periodStart: visitStart,
    exit,
    violations: stayLengthViolations(spec, stretches, id),
    details: {
      unit,
      visitEntry: counted ? isoOf(visitStart) : null,
      visitDay: daysUsed,
      lastAllowedDay: isoOf(lastAllowed) } })
}
