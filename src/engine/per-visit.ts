/**
 * "Each stay at most N days (or N calendar months) from entry, the entry day being day 1": US Visa
 * Waiver Program, 90 days per admission (arrived 2014-04-04, admitted until 2014-07-02); Kazakhstan,
 * 30 calendar days from crossing the border; the UK Standard Visitor, 6 months per visit. Months end
 * the day before the same date N months later, clamped to the month's end (entry 2023-08-31 + 6
 * months: last day 2024-02-28), the earlier and so conservative reading. Presence before the rule's
 * `countFrom` is not counted, so a stay running across it counts from `countFrom` (conservative: it
 * is not ignored). Pure; no I/O, no clock.
 *
 * **Visits.** Recorded stays that overlap (one enters before the other's exit) are one visit from
 * the earliest entry: nobody enters while already inside, and overlapping records are merged (a
 * date counts once, as the EC short-stay calculator merges them). A same-day exit and re-entry (an exit on the day of the next entry) starts
 * a new visit, as recorded. A visit's authorised last day (`Stay.until`: an I-94 "Admit Until", a
 * stamped date, `--admit-until`) is the one given with the record entered last that gives one: a
 * later record of the same visit is no new admission, so its date can only be a later word on the
 * same one (an extension, a corrected I-94, `--admit-until`, which goes to the latest record).
 *
 * **Side trips.** A stay that continues a visit (`ContinuingStay`: back from a side trip, readmitted
 * for the balance, 9 FAM 201.1-4(C)(e)(2)) joins the visit before it however long the trip: the
 * visit's days run on through the trip (the clock does not stop), but only days present can break
 * the cap. Whatever the trip's length, the return is no new admission (the conservative reading).
 */
import { addMonths, isoOf } from '../day.js'
import { constraintId } from '../rules/describe.js'
import type { PerVisitConstraint } from '../rules/types.js'
import { type DayRange, rangeCount } from './day-set.js'
import { inForce, validityOf } from '../rules/validity.js'
import { baselineVisits, NOT_ASKED } from './extension.js'
import { brokenDays, lastAtOrBefore, type StayLengthSpec, stayLengthLatestExit, stayLengthViolations, type Stretch } from './stay-length.js'
import { reportOf } from './constraint-report.js'
import type { ConstraintReport, EvalContext } from './types.js'

/** The last day of a stay entered on `entry`. @example isoOf(lastDayOfVisit(day('2014-04-04'), 90, 'days')) //=> '2014-07-02' */
export function lastDayOfVisit(entry: number, limit: number, unit: 'days' | 'months'): number {
  return unit === 'days' ? entry + limit - 1 : addMonths(entry, limit) - 1
}

/**
 * One visit: `start` is its entry day (before any `countFrom`), `until` its authorised last day,
 * `parts` its runs of days present (more than one after a side trip), in order.
 */
export interface Visit extends DayRange {
  readonly until: number | undefined
  readonly parts: readonly DayRange[]
}

/**
 * Recorded stays (sorted by entry, then end) merged into visits: a stay joins the visit before it
 * when it enters on that visit's entry day or before its last day. One entering on the last day is
 * a same-day exit and re-entry, a new visit, except on the reference day when that last day is only
 * where an open stay was closed (`reenteredOn` false: some stay present that day does not end). A
 * stay entered on a day of `continuedOn` (back from a side trip) joins the visit before it anyway.
 * @example mergeVisits([{ start: 1, end: 80 }, { start: 60, end: 141 }], 200, false, new Map()) //=> [{ start: 1, end: 141, until: undefined, parts: [{ start: 1, end: 141 }] }]
 */
export function mergeVisits(
  stays: readonly DayRange[],
  on: number,
  reenteredOn: boolean,
  untilByEntry: ReadonlyMap<number, number>,
  continuedOn: ReadonlySet<number> = new Set(),
): Visit[] {
  const out: { start: number; end: number; until: number | undefined; parts: { start: number; end: number }[] }[] = []
  for (const s of stays) {
    const last = out[out.length - 1]
    const until = untilByEntry.get(s.start)
    const overlaps = last !== undefined && (s.start < last.end || s.start === last.start || (s.start === on && last.end === on && !reenteredOn))
    if (last && (overlaps || continuedOn.has(s.start))) {
      const part = last.parts[last.parts.length - 1] as { start: number; end: number }
      if (s.start <= part.end) part.end = Math.max(part.end, s.end)
      else last.parts.push({ start: s.start, end: s.end })
      if (s.end > last.end) last.end = s.end
      if (until !== undefined) last.until = until
    } else {
      out.push({ start: s.start, end: s.end, until, parts: [{ start: s.start, end: s.end }] })
    }
  }
  return out
}

/** Whether a visit entered on `entry` is one the constraint applies to (`entriesFrom` ... `entriesUntil`). */
export function appliesToEntry(c: PerVisitConstraint, entry: number): boolean {
  return entry >= (c.entriesFrom ?? entry) && entry <= (c.entriesUntil ?? entry)
}

export function evaluatePerVisit(c: PerVisitConstraint, ctx: EvalContext): ConstraintReport {
  const { on, countFrom } = ctx
  const unit = c.unit ?? 'days'
  const id = constraintId(c)
  const continued = ctx.continuedOn ?? new Set<number>()
  const visits = mergeVisits(ctx.visits, on, ctx.reenteredOn === true, ctx.visitUntil ?? new Map<number, number>(), continued)
  // The visits the cap applies to, as counted from `countFrom`: their days present, each part
  // knowing the visit's first day; each visit keeps its own document's last day (Stay.until),
  // which replaces the default length.
  const lastByStart = new Map<number, number>()
  const stretchesOf = (list: readonly Visit[]): Stretch[] => {
    const stretches: Stretch[] = []
    for (const v of list) {
      if (!appliesToEntry(c, v.start)) continue
      const first = Math.max(v.start, countFrom)
      if (first > v.end) continue
      // A document cannot extend a hard cap (ESTA, INA §217(a)(1): "not exceeding ninety days").
      const last = v.until !== undefined && c.hardCap === true ? Math.min(v.until, lastDayOfVisit(first, c.limit, unit)) : v.until
      for (const p of v.parts) {
        const start = Math.max(p.start, countFrom)
        if (start > p.end) continue
        const stretch: Stretch = start === first ? { start, end: p.end } : { start, end: p.end, first }
        stretches.push(last === undefined ? stretch : { ...stretch, last })
      }
      // Two visits start on one counted day only when one ended on `countFrom` and the next entered
      // that day. Each keeps its own document's date for its days (`last` above); asked by its
      // first day (the visit one is in, or joins), the later one answers: the earlier is over by
      // then. (A mutation pass found the earlier visit's date cutting the later one short, or
      // standing in for the rule's length when the later had none.)
      if (list === visits) {
        if (last === undefined) lastByStart.delete(first)
        else lastByStart.set(first, last)
      }
    }
    return stretches
  }
  const stretches = stretchesOf(visits)
  const { validFrom, validTo } = validityOf(c)
  const spec: StayLengthSpec = { validFrom, validTo, lastAllowed: (start) => lastByStart.get(start) ?? lastDayOfVisit(start, c.limit, unit) }

  // The visit the reference day belongs to (days away on a side trip included: coming back continues
  // it). On the day of a same-day exit and re-entry the visit that ends that day is over: the new
  // one counts, unless the entry that day continues the visit (a return from a side trip).
  const reentered = ctx.reenteredOn === true && !continued.has(on)
  const starts = visits.map((v) => v.start)
  let current: Visit | undefined
  for (const v of visits) {
    if (v.start <= on && on <= v.end && (!reentered || v.start === on) && (current === undefined || v.start < current.start)) current = v
  }
  // Away on a side trip on `on` with no return recorded: entering then is coming back to the last visit.
  if (current === undefined && continued.has(on)) current = visits[lastAtOrBefore(starts, on - 1)]
  // Staying on from `on` continues the current visit, or (outside one) is a visit entered on `on`.
  const entry = current ? current.start : on
  const subject = appliesToEntry(c, entry)
  // The latest exit is worked out on the baseline (./extension.ts, "the extension model"): leaving
  // on `on` when inside then (the current visit keeps its entry, and its document's last day).
  const baseRecords = baselineVisits(ctx)
  const base = baseRecords === ctx.visits ? visits : mergeVisits(baseRecords, on, ctx.reenteredOn === true, ctx.visitUntil ?? new Map<number, number>(), continued)
  const baseStarts = base.map((v) => v.start)
  const maxEnd: number[] = []
  base.forEach((v, i) => maxEnd.push(Math.max(v.end, maxEnd[i - 1] ?? Number.NEGATIVE_INFINITY)))
  const exit = ctx.countsOnly === true
    ? NOT_ASKED
    : subject
    ? stayLengthLatestExit(
        spec,
        {
          on,
          start: Math.max(entry, countFrom),
          firstCounted: Math.max(on, countFrom),
          // Visits entered on or before X-1 are absorbed; one entered on X itself is a new visit,
          // unless it is a return from a side trip: that goes on with the visit before it, the stay
          // to X when no recorded one comes first (only the first visit can start with a return).
          joinedEnd: (x) => {
            const i = lastAtOrBefore(baseStarts, x - 1)
            const next = base[i + 1]
            const end = Math.max(x, maxEnd[i] ?? Number.NEGATIVE_INFINITY)
            return next !== undefined && continued.has(next.start) ? Math.max(end, next.end) : end
          },
          // Days away on a side trip within a visit are not present: only with side trips is it needed.
          ...(continued.size > 0 ? { present: rangeCount(baseRecords, countFrom) } : {}) },
        brokenDays(spec, base === visits ? stretches : stretchesOf(base)),
        ctx.brokenByRule,
      )
    : // A visit entered outside `entriesFrom` ... `entriesUntil` is not capped by this constraint,
      // and any planned visit it absorbs stops being one entered within them.
      ({ latestExit: null, bound: 'none' } as const)

  const counted = current !== undefined && on >= countFrom
  const visitStart = counted ? Math.max(entry, countFrom) : on
  const limit = spec.lastAllowed(visitStart) - visitStart + 1
  const daysUsed = counted ? on - visitStart + 1 : 0
  // Staying on, or entering on `on`, before `countFrom`: the days count from then, as the latest
  // exit says (QA: 2023-02-18 was given from 2023-01-20 for kz-visa-free's 2023-02-25).
  const lastAllowed = spec.lastAllowed(Math.max(entry, countFrom))
  return reportOf(c, {
    id,
    on,
    limit,
    daysUsed,
    periodStart: visitStart,
    exit,
    violations: ctx.figuresOnly === true ? [] : stayLengthViolations(spec, stretches, id),
    inForce: subject && inForce(c, on),
    details: {
      unit,
      visitEntry: counted ? isoOf(visitStart) : null,
      visitDay: daysUsed,
      lastAllowedDay: isoOf(lastAllowed) } })
}
