/**
 * An authorised last day (`Stay.until`: an I-94 "Admit Until", a stamped date, `--admit-until`)
 * that the rule cannot use is said so rather than passed over in silence: only per-visit caps read
 * it (per-visit.ts). Under a rule without one (Schengen 90/180) a visa may still authorise fewer
 * days than the rule allows (a C visa's own duration of stay), so the date binds the traveller though the
 * count cannot show it; and a date past the longest visit a per-visit cap allows is more likely a
 * typo than an admission: used as given where a document may extend the visit (an I-94 after an
 * extension), not where none can (a hard cap: ESTA's 90 days), and said so either way. Pure.
 */
import { isoOf } from '../day.js'
import { warningMessages } from '../errors.js'
import type { Rule } from '../rules/types.js'
import type { Report } from './types.js'
import type { Stay, Warning } from '../types.js'
import type { DayRange } from './day-set.js'
import { appliesToEntry, lastDayOfVisit, mergeVisits } from './per-visit.js'
import { lastAtOrBefore } from './stay-length.js'

/**
 * The authorised last day of the stay running through the reference day, if its document gives
 * one (null when none does, or the traveller is not inside): under a rule without a per-visit cap
 * the count cannot use it (`untilWarnings`), so the renderers say it beside the latest exit when it
 * is earlier, and the JSON gives it (QA: a Schengen visa's own last day was 54 days before the
 * latest exit a calendar file gave).
 */
export function authorisedUntil(report: Pick<Report, 'on' | 'stays' | 'inside'>): number | null {
  if (!report.inside) return null
  let until: number | null = null
  for (const s of report.stays) if (s.entry <= report.on && (s.exit === null || s.exit >= report.on) && s.until !== undefined) until = Math.min(until ?? s.until, s.until)
  return until
}

/**
 * @param visits the stays as `assess` resolves them (`resolveVisits`: sorted, open ones closed on `on`)
 * @param reenteredOn as for per-visit caps: a same-day exit and re-entry on `on`
 */
export function untilWarnings(stays: readonly Stay[], rule: Rule, on: number, visits: readonly DayRange[], reenteredOn: boolean): Warning[] {
  const warnings: Warning[] = []
  if (!stays.some((s) => s.until !== undefined)) return warnings
  const caps = rule.constraints.flatMap((c) => (c.kind === 'per-visit' ? [c] : []))
  // Visits as per-visit caps merge them: a record within an overlapping visit is no new admission.
  const merged = mergeVisits(visits, on, reenteredOn, new Map())
  const starts = merged.map((v) => v.start)
  for (const stay of stays) {
    const until = stay.until
    if (until === undefined) continue
    if (caps.length === 0) {
      // A visit over: the date matters only if it was passed; one going on or to come: leave by it.
      if (stay.exit !== null && stay.exit < on) {
        if (stay.exit > until) warnings.push({ code: 'W_UNTIL_NOT_CHECKED', message: warningMessages.untilPassed(isoOf(stay.exit), isoOf(until), rule.id), sources: [stay.source] })
      } else if (stay.entry <= on && until < on) {
        warnings.push({ code: 'W_UNTIL_NOT_CHECKED', message: warningMessages.untilPassedInside(isoOf(on), isoOf(until), rule.id), sources: [stay.source] })
      } else warnings.push({ code: 'W_UNTIL_NOT_CHECKED', message: warningMessages.untilNotChecked(isoOf(until), rule.id), sources: [stay.source] })
      continue
    }
    // The most a cap that could apply to the visit allows, from its first counted day as the caps
    // count (per-visit.ts); a cap for other entries says nothing. A hard cap binds at its last day
    // whatever the date (the earliest such binds); a cap a document may extend, at the date.
    const entry = merged[lastAtOrBefore(starts, stay.entry)]?.start ?? stay.entry
    const first = Math.max(entry, rule.countFrom ?? Number.NEGATIVE_INFINITY)
    const lasts = caps.filter((c) => appliesToEntry(c, entry)).map((c) => ({ hard: c.hardCap === true, last: lastDayOfVisit(first, c.limit, c.unit ?? 'days') }))
    // No cap of a kind: no day of it (Infinity for the hard, and the soft beyond any date).
    const hard = Math.min(...lasts.filter((c) => c.hard).map((c) => c.last))
    const soft = lasts.some((c) => !c.hard) ? Math.max(...lasts.filter((c) => !c.hard).map((c) => c.last)) : Number.POSITIVE_INFINITY
    const beyond = until > hard ? { last: hard, hard: true } : until > soft ? { last: soft, hard: false } : undefined
    if (beyond !== undefined) {
      warnings.push({ code: 'W_UNTIL_BEYOND_CAP', message: warningMessages.untilBeyondCap(isoOf(until), rule.id, isoOf(beyond.last), beyond.hard), sources: [stay.source] })
    }
  }
  return warnings
}
