/**
 * iCalendar (RFC 5545) with the latest legal exit and the earliest full re-entry as all-day events.
 * Deterministic: DTSTAMP is midnight UTC of the reference day and UIDs are derived from the input,
 * never from the clock or a random source. CRLF line ends, lines folded at 75 octets (never inside
 * a UTF-8 sequence), TEXT values escaped (§3.3.11). Pure: data in, string out.
 */
import { isoOf } from '../day.js'
import { authorisedUntil } from '../engine/authorised.js'
import type { FullReentry } from '../engine/plan.js'
import type { Report } from '../engine/types.js'
import { lower, plural } from '../words.js'
import { breachWords } from './breach-words.js'

const CRLF = '\r\n'
const MAX_OCTETS = 75

/** `20240612` (DATE value). */
const icsDate = (day: number): string => isoOf(day).replaceAll('-', '')

/**
 * TEXT escaping: backslash, semicolon, comma, newline (RFC 5545 §3.3.11); a line break written
 * any way (CR LF, CR, LF) is a newline. TEXT allows no other control character but HTAB (§3.3.11
 * TSAFE-CHAR): they are written as `\u001b` (text from a rules file's label: QA).
 */
export function escapeText(text: string): string {
  return (
    text
      .replace(/[\\;,]/g, (ch) => `\\${ch}`)
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => `\\\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  )
}

const octets = (s: string): number => new TextEncoder().encode(s).length

/** Split a content line into lines of at most 75 octets, continuation lines starting with a space (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const n = octets(ch)
    const room = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1
    if (size + n > room) {
      parts.push(current)
      current = ''
      size = 0
    }
    current += ch
    size += n
  }
  parts.push(current)
  return parts.join(`${CRLF} `)
}

/** FNV-1a, 32 bits, as 8 hex digits: a stable fingerprint of the input for UIDs. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

interface CalendarEvent {
  readonly key: string
  readonly day: number
  readonly summary: string
  readonly description: string
  /** Remind this many days before (a display alarm). */
  readonly remindDays?: number
}

function eventsOf(report: Report, full: FullReentry | null): CalendarEvent[] {
  const { rule, on, latestExit, latestExitBound: bound, inside } = report
  const onIso = isoOf(on)
  const events: CalendarEvent[] = []
  // An absence rule's deadline is a return (uk-ilr); a tax threshold's day makes no stay unlawful.
  const words = breachWords(report)
  if (latestExit !== null) {
    const days = latestExit - on + 1
    const binds = bound === 'plan' ? ' A planned stay binds: staying longer would make it break the rule.' : ''
    events.push(
      inside
        ? {
            key: 'latest-exit',
            day: latestExit,
            summary: `${words.latest} – ${rule.label}`,
            description: `${words.deadline(onIso, isoOf(latestExit), plural(days, 'day'))}${binds}`,
            remindDays: 7,
          }
        : {
            key: 'latest-exit',
            day: latestExit,
            summary: `Last day of ${words.nouns.aStay} ${lower(words.nouns.Entering)} on ${onIso} – ${rule.label}`,
            description: `${words.mayStayUntil(onIso)} ${isoOf(latestExit)} (${plural(days, 'day')}).${binds}`,
          },
    )
    // A document's earlier last day the rule cannot count: in the calendar too, a week's warning before.
    const until = authorisedUntil(report)
    if (until !== null && until < on) {
      // Already passed: said on the reference day, with no reminder before a past date (QA).
      events.push({
        key: 'authorised-until',
        day: on,
        summary: `Authorised stay ended on ${isoOf(until)} – ${rule.label}`,
        description: `Your document authorised this visit only until ${isoOf(until)}: inside on ${onIso}, you have stayed past it. ${rule.id} cannot count it, so its latest exit (${isoOf(latestExit)}) does not show it.`,
      })
    } else if (until !== null && until < latestExit) {
      events.push({
        key: 'authorised-until',
        day: until,
        summary: `Authorised stay ends – ${rule.label}`,
        description: `Your document authorises this visit until ${isoOf(until)}, before the latest exit ${rule.id} allows (${isoOf(latestExit)}), which cannot count it: leave by ${isoOf(until)}.`,
        remindDays: 7,
      })
    }
  } else if (bound !== 'none') {
    events.push({
      key: 'no-stay',
      day: on,
      summary: `${words.noDayTitle} – ${rule.label}`,
      description: words.noDayLeft(inside, onIso),
    })
  }
  if (full !== null && full.entry !== null) {
    const after = full.leaving === null ? '' : ` after leaving on ${isoOf(full.leaving)}`
    events.push({
      key: 'full-reentry',
      day: full.entry,
      summary: `Earliest full re-entry for ${plural(full.days, 'day')} – ${rule.label}`,
      description: `From ${isoOf(full.entry)} you may enter and stay ${plural(full.days, 'day')}${after}, counting the stays recorded and planned on ${onIso}.`,
    })
  }
  if (events.length === 0) {
    events.push({ key: 'no-limit', day: on, summary: `No limit applies – ${rule.label}`, description: `No limit applies from ${onIso}.` })
  }
  return events
}

/**
 * The calendar for a report and its full re-entry answer.
 * @example renderIcs(report, full).startsWith('BEGIN:VCALENDAR\r\n') //=> true
 */
export function renderIcs(report: Report, full: FullReentry | null): string {
  const input = JSON.stringify([report.rule.id, report.on, report.stays.map((s) => [s.entry, s.exit])])
  const id = fingerprint(input)
  const stamp = `${icsDate(report.on)}T000000Z`
  const note = `Computed by stay-calc for ${isoOf(report.on)} under: ${report.rule.label}. Not legal advice.`
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//stay-calc//stay-calc//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']
  lines.push(`X-WR-CALNAME:${escapeText(`stay-calc: ${report.rule.label}`)}`)
  for (const e of eventsOf(report, full)) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.key}-${icsDate(report.on)}-${id}@stay-calc`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(e.day)}`,
      `DTEND;VALUE=DATE:${icsDate(e.day + 1)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(`${e.description}\n${note}`)}`,
      'TRANSP:TRANSPARENT',
    )
    if (e.remindDays !== undefined) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(e.summary)}`, `TRIGGER:-P${e.remindDays}D`, 'END:VALARM')
    }
    lines.push('END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join(CRLF) + CRLF
}
