/**
 * "No continuous stay longer than N days": Russia, Federal Law 115-FZ Art. 5(1) ("the continuous
 * period of temporary stay ... may not exceed ninety days"), before and after the 2025 change.
 * Recorded stays join into one continuous presence when one begins on or before the day the
 * previous one ends: a same-day exit and re-entry does not interrupt it (conservative: no night was
 * spent outside); leaving on D and returning on D+1 does. Entry day = day 1: entering 2025-11-01, the
 * 90th day is 2026-01-29. Presence before the rule's `countFrom` is not counted. Pure; no I/O.
 */
import { isoOf } from '../day.js'
import { constraintId } from '../rules/describe.js'
import type { ContinuousConstraint } from '../rules/types.js'
import { validityOf } from '../rules/validity.js'
import { baselineVisits, NOT_ASKED } from './extension.js'
import { brokenDays, lastAtOrBefore, type StayLengthSpec, stayLengthLatestExit, stayLengthViolations, type Stretch } from './stay-length.js'
import { reportOf } from './constraint-report.js'
import type { ConstraintReport, EvalContext } from './types.js'

/** Stays (sorted by entry) joined into continuous stretches, counted from `countFrom`. */
export function continuousStretches(visits: readonly { start: number; end: number }[], countFrom: number): Stretch[] {
  const out: { start: number; end: number }[] = []
  for (const v of visits) {
    const start = Math.max(v.start, countFrom)
    if (start > v.end) continue
    const last = out[out.length - 1]
    if (last && start <= last.end) last.end = Math.max(last.end, v.end)
    else out.push({ start, end: v.end })
  }
  return out
}

export function evaluateContinuous(c: ContinuousConstraint, ctx: EvalContext): ConstraintReport {
  const { on, countFrom } = ctx
  const id = constraintId(c)
  const { validFrom, validTo } = validityOf(c)
  const spec: StayLengthSpec = { validFrom, validTo, lastAllowed: (start) => start + c.limit - 1 }
  const stretches = continuousStretches(ctx.visits, countFrom)
  const firstCounted = Math.max(on, countFrom)
  const stretchAround = (list: readonly Stretch[], starts: readonly number[]): Stretch | undefined => {
    const around = list[lastAtOrBefore(starts, firstCounted)]
    return around && around.end >= firstCounted ? around : undefined
  }

  // The latest exit is worked out on the baseline (./extension.ts, "the extension model"): leaving on
  // `on` when inside then. Leaving on X joins its stretch around `on` with every stretch entered by X.
  const base = continuousStretches(baselineVisits(ctx), countFrom)
  const baseStarts = base.map((s) => s.start)
  const joined = stretchAround(base, baseStarts)
  const exit = ctx.countsOnly === true ? NOT_ASKED : stayLengthLatestExit(
    spec,
    {
      on,
      start: joined ? joined.start : firstCounted,
      firstCounted,
      // The stretch entered last on or before X joins when it reaches the extension's first day.
      joinedEnd: (x) => {
        const s = base[lastAtOrBefore(baseStarts, x)]
        return s && s.end >= firstCounted ? Math.max(x, s.end) : x
      } },
    brokenDays(spec, base),
    ctx.brokenByRule,
  )

  const recorded = stretchAround(stretches, stretches.map((s) => s.start))
  const current = on >= countFrom && recorded && recorded.start <= on ? recorded : undefined
  const stayStart = current ? current.start : on
  const daysUsed = current ? on - current.start + 1 : 0
  return reportOf(c, {
    id,
    on,
    limit: c.limit,
    daysUsed,
    periodStart: stayStart,
    exit,
    violations: ctx.figuresOnly === true ? [] : stayLengthViolations(spec, stretches, id),
    details: {
      stayStart: current ? isoOf(current.start) : null,
      stayDay: daysUsed,
      lastAllowedDay: isoOf(spec.lastAllowed(stayStart)) } })
}
