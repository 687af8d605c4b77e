/**
 * Checks across all stays, once every source is read and the report date is known: duplicates
 * and overlaps (warnings: the engine counts each day once), and open stays that cannot be right
 * (problems). Stays are kept as recorded; per-visit rules need the visits as the user gave them.
 */
import { isoOf } from '../day.js'
import { formatSource, problems, warningMessages, type InputProblem } from '../errors.js'
import type { CalendarDay, Stay, Warning } from '../types.js'

/**
 * @param on the report date: an open stay runs through it, so it must not start after it.
 * @returns the stays sorted by entry (then exit, open last; ties keep their input order).
 */
export function checkStays(
  stays: readonly Stay[],
  on: CalendarDay,
): { stays: Stay[]; warnings: Warning[]; problems: InputProblem[] } {
  const sorted = stays.slice()
  // Usually sorted already; a stable sort would keep that order.
  for (let i = 1; i < sorted.length; i++) {
    if (byEntryThenExit(sorted[i - 1]!, sorted[i]!) > 0) {
      sorted.sort(byEntryThenExit)
      break
    }
  }
  const warnings: Warning[] = []
  const found: InputProblem[] = []
  let previous: Stay | undefined
  // Of the stays seen so far, the one reaching furthest: a stay that overlaps any earlier one
  // overlaps this one, so one comparison per stay finds every stay that overlaps (n log n overall).
  let reach: Stay | undefined
  let open: Stay | undefined
  for (const stay of sorted) {
    // A stay recorded twice (the same file given twice, say) is a duplicate, open or not: an open
    // stay followed by its own copy is still the last stay.
    const copyOf = previous !== undefined && previous.entry === stay.entry && previous.exit === stay.exit && sameCountry(previous, stay) ? previous : undefined
    if (open !== undefined && copyOf === undefined) {
      found.push(openNotLast(open, stay))
      open = undefined
    } else if (copyOf !== undefined) {
      const message = stay.exit === null ? warningMessages.duplicateOpen(isoOf(stay.entry)) : warningMessages.duplicate(rangeOf(stay.entry, stay.exit))
      warnings.push(pairWarning('W_DUPLICATE', message, copyOf, stay))
    } else if (reach !== undefined && reach.exit !== null && stay.entry < reach.exit) {
      // Strictly before: an entry on the day of an earlier exit is a same-day exit and re-entry,
      // two visits sharing one day, which is legitimate (and counted once).
      const range = rangeOf(stay.entry, Math.min(reach.exit, endOf(stay)))
      const [a, b] = [countryOf(reach), countryOf(stay)]
      const message = a !== undefined && b !== undefined && a !== b ? warningMessages.overlapCountries(range, a, b) : warningMessages.overlap(range)
      warnings.push(pairWarning('W_OVERLAP', message, reach, stay))
    }
    if (stay.exit === null && stay.entry > on) {
      found.push({ source: stay.source, ...problems.openAfterOn(isoOf(stay.entry), isoOf(on)) })
    }
    // The parsers refuse such a row; a library caller's own stay reaches here (QA).
    if (stay.exit !== null && stay.exit < stay.entry) found.push({ source: stay.source, ...problems.exitBeforeEntry(isoOf(stay.exit), isoOf(stay.entry)) })
    // The first of duplicate open stays is the one named if a later stay follows them.
    if (stay.exit === null && !(copyOf !== undefined && open !== undefined)) open = stay
    if (reach === undefined || endOf(stay) > endOf(reach)) reach = stay
    previous = stay
  }
  return { stays: sorted, warnings, problems: found }
}

/**
 * Stays of a country log (src/zones/) carry a `country`: passing through two countries on one day
 * gives two one-day stays in different countries, which is no duplicate.
 */
function sameCountry(a: Stay, b: Stay): boolean {
  return countryOf(a) === countryOf(b)
}

const countryOf = (stay: Stay): string | undefined => (stay as { country?: string }).country

function byEntryThenExit(a: Stay, b: Stay): number {
  if (a.entry !== b.entry) return a.entry - b.entry
  if (a.exit === b.exit) return 0
  return endOf(a) < endOf(b) ? -1 : 1
}

/** An open stay is inside for good: it ends after every recorded day. */
function endOf(stay: Stay): number {
  return stay.exit ?? Number.POSITIVE_INFINITY
}

function rangeOf(start: number, end: number): string {
  return `${isoOf(start)}..${isoOf(end)}`
}

function pairWarning(code: string, message: string, first: Stay, second: Stay): Warning {
  return { code, message, sources: [first.source, second.source] }
}

function openNotLast(open: Stay, next: Stay): InputProblem {
  const text = problems.openNotLast(isoOf(open.entry), isoOf(next.entry), formatSource(next.source), next.exit === null)
  return { source: open.source, ...text }
}
