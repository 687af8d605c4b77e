/**
 * An authorised last day (`Stay.until`: an I-94 "Admit Until", a stamped date, `--admit-until`)
 * that the rule cannot use is said so rather than passed over in silence: only per-visit caps read
 * it (per-visit.ts). Under a rule without one (Schengen 90/180) a visa may still authorise fewer
 * days than the rule allows (rules-reference §4.10), so the date binds the traveller though the
 * count cannot show it; and a date past the longest visit a per-visit cap allows (ESTA: 90 days,
 * never extended) is used as given, but is more likely a typo than an admission. Pure.
 */
import { isoOf } from '../day.js'
import { warningMessages } from '../errors.js'
import type { Rule } from '../rules/types.js'
import type { Stay, Warning } from '../types.js'
import { lastDayOfVisit } from './per-visit.js'

export function untilWarnings(stays: readonly Stay[], rule: Rule, on: number): Warning[] {
  const warnings: Warning[] = []
  if (!stays.some((s) => s.until !== undefined)) return warnings
  const caps = rule.constraints.flatMap((c) => (c.kind === 'per-visit' ? [c] : []))
  const entries = visitEntries(stays)
  for (const stay of stays) {
    const until = stay.until
    if (until === undefined) continue
    if (caps.length === 0) {
      // A visit over: the date matters only if it was passed; one going on or to come: leave by it.
      if (stay.exit !== null && stay.exit < on) {
        if (stay.exit > until) warnings.push({ code: 'W_UNTIL_NOT_CHECKED', message: warningMessages.untilPassed(isoOf(stay.exit), isoOf(until), rule.id), sources: [stay.source] })
      } else warnings.push({ code: 'W_UNTIL_NOT_CHECKED', message: warningMessages.untilNotChecked(isoOf(until), rule.id), sources: [stay.source] })
      continue
    }
    // The most a cap that could apply to the visit allows, from the visit's entry (a record within
    // an overlapping visit is no new admission); a cap for other entries says nothing.
    const entry = entries.get(stay) ?? stay.entry
    const applying = caps.filter((c) => (c.entriesFrom ?? entry) <= entry && entry <= (c.entriesUntil ?? entry))
    const longest = Math.max(...applying.map((c) => lastDayOfVisit(entry, c.limit, c.unit ?? 'days')))
    if (applying.length > 0 && until > longest) {
      warnings.push({ code: 'W_UNTIL_BEYOND_CAP', message: warningMessages.untilBeyondCap(isoOf(until), rule.id, isoOf(longest)), sources: [stay.source] })
    }
  }
  return warnings
}

/** Each stay's visit entry: a stay entering before the exit of the visit so far joins it (per-visit.ts). */
function visitEntries(stays: readonly Stay[]): Map<Stay, number> {
  const entries = new Map<Stay, number>()
  let entry = Number.NEGATIVE_INFINITY
  let reach = Number.NEGATIVE_INFINITY
  for (const stay of [...stays].sort((a, b) => a.entry - b.entry)) {
    if (stay.entry >= reach) entry = stay.entry
    reach = Math.max(reach, stay.exit ?? Number.POSITIVE_INFINITY)
    entries.set(stay, entry)
  }
  return entries
}
