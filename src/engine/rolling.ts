/**
 * "At most L days of presence in any W-day window": Schengen Borders Code Art. 6(1) ("90 days in
 * any 180-day period, which entails considering the 180-day period preceding each day of stay").
 * Counting (Art. 6(2)): entry and exit days are days of stay; the window for day D is
 * D-(W-1) ... D inclusive (Swiss SEM worked examples 5 and 6). Pure; no I/O, no clock.
 */
import type { RollingConstraint } from '../rules/types.js'
import type { CalendarDay } from '../types.js'
import { buildDaySet, countIn, type DaySet, lastDay } from './day-set.js'
import { constraintReport } from './constraint-report.js'
import { brokenByRuleOn, type ExitAnswer, NOT_ASKED, RunCollector, searchHarmless, stayInOn } from './extension.js'
import type { ConstraintReport, EvalContext, Violation } from './types.js'
import { plural } from '../words.js'

export function rollingId(c: RollingConstraint): string {
  return `rolling:${c.limit}/${c.window}`
}

/** Every maximal run of consecutive days of presence on which `used(d) > limit`. */
export function rollingViolations(c: RollingConstraint, presence: DaySet, id: string = rollingId(c)): Violation[] {
  const { limit, window } = c
  const { first, prefix } = presence
  // No window holds more days than the whole set: most histories need no scan at all.
  if (prefix[prefix.length - 1]! <= limit) return []
  const lo = Math.max(first, c.validFrom ?? first)
  const hi = Math.min(lastDay(presence), c.validTo ?? Number.POSITIVE_INFINITY)
  const runs = new RunCollector(id)
  // A window of whole days gains at most one day a day: from a day with k days to spare, the next
  // k are legal and need no look.
  const skips = Number.isInteger(window)
  for (let d = lo; d <= hi; ) {
    const i = d - first
    const used = prefix[i + 1]! - prefix[Math.max(0, i - window + 1)]!
    if (used > limit) {
      if (prefix[i + 1]! - prefix[i]! === 1) runs.add(d, used)
      d++
    } else d += skips ? Math.floor(limit - used) + 1 : 1
  }
  return runs.done()
}

/**
 * The largest X >= on such that presence extended over [on, X] keeps `used(d) <= limit` on every
 * day d of [on, X] and breaks no later (planned) day of presence that was legal before.
 *
 * For d in [on, X] with all of [on, d] present, used(d) = |P ∩ [d-W+1, on-1]| + |ext ∩ [d-W+1, d]|.
 * The first term loses at most one day per step while the second gains at most one, so the sum
 * never decreases and rises by at most one a day: the legal days form a prefix, and from a day with
 * k days to spare the next k days are legal too, so the forward scan (at most W+L days) skips them.
 * Harm to later plans also only grows with X, so a binary search finds the largest X that does none.
 * Leaving on X ends the stay one is in on `on` there (./extension.ts, "the extension model"): its
 * recorded days after `on` (the tail) are not in the baseline B that harm is judged against
 * (leaving on `on`, inside), and the presence leaving on X is B plus [max(on, countFrom), X].
 */
export function rollingLatestExit(c: RollingConstraint, ctx: EvalContext): ExitAnswer {
  const { limit, window } = c
  const { on, presence } = ctx
  const validFrom = c.validFrom ?? Number.NEGATIVE_INFINITY
  const validTo = c.validTo ?? Number.POSITIVE_INFINITY
  const extStart = Math.max(on, ctx.countFrom)

  let d = Math.max(on, validFrom)
  const stopAt = Math.min(validTo, Math.max(d, extStart) + window + 1)
  const skips = Number.isInteger(window)
  while (d <= stopAt) {
    const windowStart = d - window + 1
    const used = countIn(presence, windowStart, on - 1) + Math.max(0, d - Math.max(extStart, windowStart) + 1)
    if (!(used <= limit)) break
    d += skips ? Math.floor(limit - used) + 1 : 1
  }
  if (d > stopAt) return { latestExit: null, bound: 'none' }
  const byLimit = d - 1
  if (byLimit < on) return { latestExit: null, bound: 'over' }

  // Days after the set's last one hold no plan that could be harmed.
  if (lastDay(presence) <= on) return { latestExit: byLimit as CalendarDay, bound: 'limit' }
  // After `on` the baseline holds only the other stays (plans): the recorded days after `on` of the
  // stay one is in are gone leaving on any X before them, but a plan entering among them (before
  // that recorded exit, or on it: a same-day exit and re-entry) keeps its own days.
  const current = stayInOn(ctx)
  const later = current.end > on ? buildDaySet(current.others, ctx.countFrom) : presence
  const base = (from: number, to: number): number => (later === presence ? countIn(presence, from, to) : countIn(presence, from, Math.min(to, on)) + countIn(later, Math.max(from, on + 1), to))
  const lastLater = lastDay(later)
  if (lastLater <= on) return { latestExit: byLimit as CalendarDay, bound: 'limit' }
  const harmsPlans = (x: number): boolean => {
    const end = Math.min(x + window - 1, validTo, lastLater)
    // Leaving on X, the days after it are the plans' alone.
    for (let e = x + 1; e <= end; e++) {
      if (e < validFrom || countIn(later, e, e) === 0) continue
      const before = base(e - window + 1, e)
      if (before > limit) continue
      const a = Math.max(extStart, e - window + 1)
      const added = x >= a ? x - a + 1 - base(a, x) : 0
      if (before + added > limit && !brokenByRuleOn(ctx, e)) return true
    }
    return false
  }
  return searchHarmless(on, byLimit, harmsPlans)
}

export function evaluateRolling(c: RollingConstraint, ctx: EvalContext): ConstraintReport {
  const { on, presence } = ctx
  const id = rollingId(c)
  const daysUsed = countIn(presence, on - c.window + 1, on)
  return constraintReport({
    id,
    kind: c.kind,
    label: `${plural(c.limit, 'day')} in any ${c.window}-day window`,
    validity: c,
    on,
    limit: c.limit,
    daysUsed,
    periodStart: on - c.window + 1,
    exit: ctx.countsOnly === true ? NOT_ASKED : rollingLatestExit(c, ctx),
    violations: ctx.figuresOnly === true ? [] : rollingViolations(c, presence, id),
  })
}
