/**
 * Crossings (entry or exit events) → stays: sort by date, pair each entry with the next exit.
 * Pure; the rows were read and their dates checked by `csv.ts`.
 */
import { isoOf } from '../day.js'
import { problems, type DirectionWords, type InputProblem, type ProblemText } from '../errors.js'
import type { Crossing, Direction, SourceRef, Stay } from '../types.js'

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
 * Sorting is stable, so crossings on the same date keep their file order: `out` then `in` on one
 * day is an exit and a same-day re-entry, `in` then `out` a one-day stay.
 * A final entry without exit is an open stay (`exit: null`).
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
        report(crossing.source, problems.entryTwice(first.source.line ?? 0, isoOf(first.day), isoOf(crossing.day)))
      }
      open = { crossing, tainted: open !== undefined }
      continue
    }
    if (open === undefined) report(crossing.source, problems.exitWithoutEntry(isoOf(crossing.day), lastExit?.source.line))
    else if (!open.tainted) stays.push(closedStay(open.crossing, crossing))
    open = undefined
    lastExit = crossing
  }
  if (open !== undefined && !open.tainted) stays.push({ entry: open.crossing.day, exit: null, source: open.crossing.source })
  return { stays, problems: found }
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
