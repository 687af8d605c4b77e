/**
 * Gathers stays from every source the user gave (files, stdin, --trip) through the Io, and
 * reports every problem of every source together as one InputError.
 */
import { InputError, type InputProblem, problems as messages, UsageError } from './errors.js'
import { isoOf } from './day.js'
import type { Io } from './io.js'
import { checkStays, parseCsv, parseTripFlag, type ParseOptions } from './parse/index.js'
import type { CalendarDay, Stay, Warning } from './types.js'

export interface InputSpec {
  readonly files: readonly string[]
  readonly trips: readonly string[]
  readonly dateFormat?: string
}

export const STDIN_NAME = '<stdin>'

export async function readSource(path: string, io: Io, expected?: string): Promise<{ text: string; name: string } | InputProblem> {
  if (path === '-') return { text: await io.readStdin(), name: STDIN_NAME }
  try {
    return { text: await io.readFile(path), name: path }
  } catch (error) {
    return { source: { file: path }, code: 'E_FILE_UNREADABLE', ...messages.fileUnreadable(path, error, expected) }
  }
}

/** Stays from all sources, checked against the reference day; throws InputError listing every problem. */
export async function gatherStays(spec: InputSpec, on: CalendarDay, io: Io): Promise<{ stays: Stay[]; warnings: Warning[] }> {
  if (spec.files.filter((f) => f === '-').length > 1) throw new UsageError(messages.stdinTwice())
  const options: ParseOptions = spec.dateFormat === undefined ? {} : { dateFormat: spec.dateFormat }
  const found: InputProblem[] = []
  const stays: Stay[] = []
  for (const path of spec.files) {
    const source = await readSource(path, io)
    if ('code' in source) {
      found.push(source)
      continue
    }
    const parsed = parseCsv(source.text, source.name, options)
    for (const item of parsed.stays) stays.push(item)
    for (const item of parsed.problems) found.push(item)
  }
  spec.trips.forEach((value, i) => {
    const parsed = parseTripFlag(value, i + 1, options)
    if (parsed.stay) stays.push(parsed.stay)
    for (const item of parsed.problems) found.push(item)
  })
  const checked = checkStays(stays, on)
  for (const item of checked.problems) found.push(item)
  if (found.length > 0) throw new InputError(found)
  return { stays: checked.stays, warnings: checked.warnings }
}

/**
 * `--admit-until DATE`: the authorised last day of the visit in progress on the reference day, or
 * else of the latest visit entered by then (the one a traveller has the document for).
 */
export function withAdmitUntil(stays: readonly Stay[], on: CalendarDay, until: CalendarDay): Stay[] {
  const candidates = stays.filter((s) => s.entry <= on)
  const inside = candidates.filter((s) => (s.exit ?? on) >= on)
  const pool = inside.length > 0 ? inside : candidates
  const target = pool.reduce<Stay | undefined>((best, s) => (best === undefined || s.entry > best.entry ? s : best), undefined)
  if (target === undefined) throw new UsageError(messages.admitUntilWithoutStay(isoOf(on)))
  if (until < target.entry) throw new UsageError(messages.untilBeforeEntry(isoOf(until), isoOf(target.entry)).message)
  return stays.map((s) => (s === target ? { ...s, until } : s))
}
