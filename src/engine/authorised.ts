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

export function untilWarnings(stays: readonly Stay[], rule: Rule): Warning[] {
  const warnings: Warning[] = []
  if (!stays.some((s) => s.until !== undefined)) return warnings
  const caps = rule.constraints.flatMap((c) => (c.kind === 'per-visit' ? [c] : []))
  for (const stay of stays) {
    const until = stay.until
    if (until === undefined) continue
    if (caps.length === 0) {
      warnings.push({ code: 'W_UNTIL_NOT_CHECKED', message: warningMessages.untilNotChecked(isoOf(until), rule.id), sources: [stay.source] })
      continue
    }
    // The most a cap that could apply to this entry allows (a cap for other entries says nothing).
    const applying = caps.filter((c) => (c.entriesFrom ?? stay.entry) <= stay.entry && stay.entry <= (c.entriesUntil ?? stay.entry))
    const longest = Math.max(...applying.map((c) => lastDayOfVisit(stay.entry, c.limit, c.unit ?? 'days')))
    if (applying.length > 0 && until > longest) {
      warnings.push({ code: 'W_UNTIL_BEYOND_CAP', message: warningMessages.untilBeyondCap(isoOf(until), rule.id, isoOf(longest)), sources: [stay.source] })
    }
  }
  return warnings
}
