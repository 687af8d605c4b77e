/**
 * Crossings (entry or exit events) → stays: sort by date, pair each entry with the next exit.
 * One person's crossings from several files are one list (`mergeCrossings`): monthly exports
 * put an entry in January's file and its exit in February's.
 * Pure; the rows were read and their dates checked by `csv.ts`.
 */
import { isoOf } from '../day.js'
import { formatSource, problems, warningMessages, type DirectionWords, type InputProblem, type ProblemText } from '../errors.js'
import type { CalendarDay, Crossing, Direction, SourceRef, Stay, Warning } from '../types.js'

/** Accepted values of a direction column, lower-case. */
export const DIRECTION_WORDS: DirectionWords = {
  entry: ['in', 'entry', 'arrival', 'enter', 'entered'],
  exit: ['out', 'exit', 'departure', 'leave', 'exited'],
}

/** `undefined` when the text is not one of DIRECTION_WORDS (case-insensitive). */
export function directionOf(text: string): Direction | undefined {
  const word = text.trim().toLowerCase()
  if (DIRECTION_WORDS.entry.includes(word)) return 'entry'
  if (DIRECTION_WORDS.exit.includes(word)) return 'exit'
  return undefined
}

interface Open {
  readonly crossing: Crossing
  /** Part of a reported problem: pairs with the next exit, but yields no stay. */
  readonly tainted: boolean
}

/**
 * A dated row of a list of border events: a crossing, or a country log's crossing or move
 * (src/zones/log.ts).
 */
export interface DatedEvent {
  readonly day: CalendarDay
  readonly source: SourceRef
}

/** A crossing as `mergeCrossings` names it: `entry` or `exit`. */
export const describeCrossing = (crossing: Crossing): string => crossing.direction

/**
 * The crossings of several files (each in row order, the files in the order given) as one list,
 * in that order. A crossing that an earlier file has too (same date, same event) is dropped
 * with a warning: overlapping exports, or a file given twice, repeat rows, and read twice they
 * would be two entries without an exit between them. Within one file nothing is dropped: two
 * entries on one day there are a contradiction to report, not a copy. Per date and event the
 * most any one file has is kept, so a file given three times is still read once.
 * @param describe what makes two crossings of one date the same, and names it in the warning:
 *   `describeCrossing` (`entry`; the default, for plain crossings), or a country log's (`entry
 *   into FR (France)`, `move from FR (France) to DE (Germany)`: src/zones/log.ts).
 */
export function mergeCrossings(files: readonly (readonly Crossing[])[]): { crossings: Crossing[]; warnings: Warning[] }
export function mergeCrossings<T extends DatedEvent>(files: readonly (readonly T[])[], describe: (crossing: T) => string): { crossings: T[]; warnings: Warning[] }
export function mergeCrossings(
  files: readonly (readonly DatedEvent[])[],
  describe: (crossing: DatedEvent) => string = describeCrossing as (crossing: DatedEvent) => string,
): { crossings: DatedEvent[]; warnings: Warning[] } {
  if (files.length === 1) return { crossings: [...files[0]!], warnings: [] }
  const crossings: DatedEvent[] = []
  const warnings: Warning[] = []
  /** The crossings kept so far, by date and event. */
  const kept = new Map<string, DatedEvent[]>()
  for (const file of files) {
    const seen = new Map<string, number>()
    const added: [string, DatedEvent][] = []
    for (const crossing of file) {
      const what = describe(crossing)
      const key = `${crossing.day} ${what}`
      const n = seen.get(key) ?? 0
      seen.set(key, n + 1)
      const earlier = kept.get(key)?.[n]
      if (earlier === undefined) {
        crossings.push(crossing)
        added.push([key, crossing])
      } else {
        warnings.push({ code: 'W_DUPLICATE', message: warningMessages.duplicateCrossing(what, isoOf(crossing.day)), sources: [earlier.source, crossing.source] })
      }
    }
    // Only after the file: its own rows are no copies of each other.
    for (const [key, crossing] of added) {
      const list = kept.get(key)
      if (list === undefined) kept.set(key, [crossing])
      else list.push(crossing)
    }
  }
  return { crossings, warnings }
}

/**
 * One traveller's crossings from several files (each in row order, the files in the order given)
 * merged (`mergeCrossings`) and paired once: `pairCrossings`, or a country log's walker
 * (src/zones/log.ts), each with its `describe`.
 */
export function pairAcrossFiles<T extends DatedEvent, S extends Stay>(
  files: readonly (readonly T[])[],
  pair: (crossings: readonly T[]) => { stays: S[]; problems: InputProblem[] },
  describe: (crossing: T) => string,
): { stays: S[]; problems: InputProblem[]; warnings: Warning[] } {
  // Every row an earlier file has too is read once, even where the rows read as they are would
  // also make a consistent log: doubled rows of a date with an entry and an exit can nearly always
  // be put in such an order (out, in, out), and reading them so hid a stay still open.
  const merged = mergeCrossings(files, describe)
  return { ...pair(merged.crossings), warnings: merged.warnings }
}

/**
 * Where an earlier crossing is, for a message at `here`: `line 4` in the same file, `jan.csv:4`
 * in another.
 */
export function crossingAt(earlier: SourceRef, here: SourceRef): string {
  return earlier.file === here.file ? `line ${earlier.line ?? 0}` : formatSource(earlier)
}

/**
 * Sorting is stable, so crossings on the same date keep their order (file order, then row order):
 * `out` then `in` on one day is an exit and a same-day re-entry, `in` then `out` a one-day stay.
 * A final entry without exit is an open stay (`exit: null`). Problems come in the order the
 * crossings were given (file, then line), as a reader works down the files.
 */
export function pairCrossings(crossings: readonly Crossing[]): { stays: Stay[]; problems: InputProblem[] } {
  const sorted = [...crossings].sort((a, b) => a.day - b.day)
  const stays: Stay[] = []
  const found: InputProblem[] = []
  const report = (source: SourceRef, text: ProblemText) => found.push({ source, ...text })
  let open: Open | undefined
  let lastExit: Crossing | undefined
  for (const crossing of byDayAlternating(sorted, () => open !== undefined)) {
    if (crossing.direction === 'entry') {
      if (open !== undefined) {
        const first = open.crossing
        report(crossing.source, problems.entryTwice(crossingAt(first.source, crossing.source), isoOf(first.day), isoOf(crossing.day)))
      }
      open = { crossing, tainted: open !== undefined }
      continue
    }
    if (open === undefined) report(crossing.source, problems.exitWithoutEntry(isoOf(crossing.day), lastExit && crossingAt(lastExit.source, crossing.source)))
    else if (!open.tainted) stays.push(closedStay(open.crossing, crossing))
    open = undefined
    lastExit = crossing
  }
  if (open !== undefined && !open.tainted) stays.push({ entry: open.crossing.day, exit: null, source: open.crossing.source })
  return { stays, problems: inGivenOrder(found, crossings) }
}

/** Problems sorted as their crossings were given (stable). */
export function inGivenOrder(found: InputProblem[], crossings: readonly { readonly source: SourceRef }[]): InputProblem[] {
  if (found.length < 2) return found
  const order = new Map<SourceRef, number>()
  crossings.forEach((c, i) => order.set(c.source, i))
  return found.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0))
}

/**
 * Rows may come in any order, also within a day: on a date with both an exit and an entry, the
 * only consistent reading alternates from the state before it (inside: out first, so an "in, out"
 * written for a same-day border run still reads as out and back in). Same directions keep file order.
 */
function* byDayAlternating(sorted: readonly Crossing[], inside: () => boolean): Generator<Crossing> {
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j < sorted.length && sorted[j]!.day === sorted[i]!.day) j++
    const entries = sorted.slice(i, j).filter((c) => c.direction === 'entry')
    const exits = sorted.slice(i, j).filter((c) => c.direction === 'exit')
    while (entries.length + exits.length > 0) {
      const wantExit = inside()
      const pool = wantExit ? (exits.length > 0 ? exits : entries) : entries.length > 0 ? entries : exits
      yield pool.shift()!
    }
    i = j
  }
}

function closedStay(entry: Crossing, exit: Crossing): Stay {
  return { entry: entry.day, exit: exit.day, source: entry.source, exitSource: exit.source }
}
