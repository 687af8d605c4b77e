/**
 * Gathers stays from every source the user gave (files, stdin, --trip) through the Io, and
 * reports every problem of every source together as one InputError.
 */
import { InputError, type InputProblem, problems as messages, UsageError, zoneProblems } from './errors.js'
import { isoOf } from './day.js'
import type { Io } from './io.js'
import { readAhead } from './read-ahead.js'
import { describeCrossing, pairAcrossFiles, pairCrossings } from './parse/crossings.js'
import { readCsv } from './parse/csv.js'
import { checkStays, parseTripFlag, type ParseOptions } from './parse/index.js'
import type { CalendarDay, Crossing, Stay, Warning } from './types.js'
import { describeCountryCrossing, describeMove, oneLog, walkCountryCrossings, walkCountryMoves, type CountryCrossing, type CountryMove } from './zones/log.js'
import { isCountryStay } from './zones/types.js'

export interface InputSpec {
  readonly files: readonly string[]
  readonly trips: readonly string[]
  readonly dateFormat?: string
}

export const STDIN_NAME = '<stdin>'

export async function readSource(path: string, io: Io, expected?: string): Promise<{ text: string; name: string } | InputProblem> {
  const name = path === '-' ? STDIN_NAME : path
  try {
    return { text: await (path === '-' ? io.readStdin() : io.readFile(path)), name }
  } catch (error) {
    return { source: { file: name }, code: 'E_FILE_UNREADABLE', ...messages.fileUnreadable(name, error, expected) }
  }
}

/** The names of standard input: `-`, and the paths that open it again. */
const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'])

/**
 * Refuses an input that can be read only once given twice: `-` twice, or two names of one pipe
 * (`- /dev/stdin`); the second would read nothing, and be told it has no header (QA). Standard
 * input from a file (`< trips.csv`) or a terminal is refused under two names too (`- /dev/stdin`,
 * `/dev/stdin trips.csv`): `/dev/stdin` opens the file again from its start, so it was read twice,
 * or read as the rules file (QA). A file named twice by its path is read twice, each row once
 * (README), as a device such as /dev/null is.
 */
export async function checkReadOnce(files: readonly string[], io: Io): Promise<void> {
  if (files.filter((f) => f === '-').length > 1) throw new UsageError(messages.stdinTwice())
  if (io.streamKey === undefined) return
  const seen = new Map<string, string>()
  const shown = (path: string): string => (path === '-' ? STDIN_NAME : path)
  // Looked up ahead (src/read-ahead.ts): a folder of 10,000 files waited 0.4 s for them one after the other.
  const keys = readAhead(files, async (path) => ({ path, found: await io.streamKey!(path) }))
  for await (const { path, found } of keys) {
    if (found === undefined) continue
    const first = seen.get(found.key)
    if (first !== undefined && found.once) throw new UsageError(messages.streamTwice(shown(first), shown(path)))
    if (first !== undefined && (STDIN_NAMES.has(first) || STDIN_NAMES.has(path))) throw new UsageError(messages.stdinFileTwice(shown(first), shown(path)))
    if (first === undefined || !STDIN_NAMES.has(first)) seen.set(found.key, path)
  }
}

/**
 * Stays from all sources, checked against the reference day; throws InputError listing every problem.
 * The crossings of all files are paired together (an entry in jan.csv, its exit in feb.csv), and
 * only when every row that may be a crossing was read: a file with a bad row in crossings form, or
 * one whose form is unknown (a header without the needed columns, a file that cannot be read),
 * may hold a crossing the pairing would miss, and blame its innocent neighbours for. So are the
 * crossings of `date,country,direction` country logs and the moves of `date,from,to` ones (one log
 * per form, the same crossing or move in two files read once). The two forms are walked by
 * different rules and cannot be one log; read apart, a stay one leaves open would run on through
 * the other: a run with both is refused.
 */
export async function gatherStays(spec: InputSpec, on: CalendarDay, io: Io): Promise<{ stays: Stay[]; warnings: Warning[] }> {
  if (spec.files.filter((f) => f === '-').length > 1) throw new UsageError(messages.stdinTwice())
  const options: ParseOptions = spec.dateFormat === undefined ? {} : { dateFormat: spec.dateFormat }
  const found: InputProblem[] = []
  const stays: Stay[] = []
  const crossings: Crossing[][] = []
  const countryCrossings: CountryCrossing[][] = []
  const countryMoves: CountryMove[][] = []
  /** The first file of each country log form of events, to refuse a mix of them. */
  const eventLogs = new Map<'crossings' | 'moves', string>()
  let pairable = true
  /** The first input with countries and the first without: a run cannot have both (refused first). */
  let withCountries: string | undefined
  let without: string | undefined
  for (const path of spec.files) {
    const source = await readSource(path, io)
    if ('code' in source) {
      found.push(source)
      pairable = false
      continue
    }
    const read = readCsv(source.text, source.name, options)
    for (const item of read.stays) stays.push(item)
    for (const item of read.problems) found.push(item)
    if (read.crossings.length > 0) crossings.push(read.crossings)
    if (read.countryCrossings.length > 0) countryCrossings.push(read.countryCrossings)
    if (read.moves.length > 0) countryMoves.push(read.moves)
    if ((read.countryForm === 'crossings' || read.countryForm === 'moves') && !eventLogs.has(read.countryForm)) eventLogs.set(read.countryForm, source.name)
    if (read.form !== 'stays' && read.problems.length > 0) pairable = false
    if (read.countryForm !== undefined) withCountries ??= source.name
    else if (read.form !== undefined) without ??= source.name
  }
  // Before any pairing or check: problems found in an input that cannot be used anyway would send
  // the user to fix rows that are fine (a plain file's crossings paired on their own).
  without ??= spec.trips.length > 0 ? `--trip ${spec.trips[0]}` : undefined
  if (withCountries !== undefined && without !== undefined) throw new UsageError(zoneProblems.countriesMixed(withCountries, without))
  // Both forms: the problem is placed at the first file of the later form, naming the earlier.
  const [earlier, later] = [...eventLogs]
  if (earlier !== undefined && later !== undefined) {
    found.push({ source: { file: later[1] }, ...zoneProblems.logFormsMixed(later[0], earlier[1]) })
    pairable = false
  }
  const warnings: Warning[] = []
  if (pairable) {
    for (const paired of [
      pairAcrossFiles(crossings, pairCrossings, describeCrossing),
      pairAcrossFiles(countryCrossings, walkCountryCrossings, describeCountryCrossing),
      pairAcrossFiles(countryMoves, walkCountryMoves, describeMove),
    ]) {
      for (const item of paired.stays) stays.push(item)
      for (const item of paired.problems) found.push(item)
      for (const item of paired.warnings) warnings.push(item)
    }
  }
  spec.trips.forEach((value, i) => {
    const parsed = parseTripFlag(value, i + 1, options)
    if (parsed.stay) stays.push(parsed.stay)
    for (const item of parsed.problems) found.push(item)
  })
  const checked = checkStays(stays, on)
  for (const item of checked.problems) found.push(item)
  // A duplicate the merge left out may explain a pairing problem (the exit asked for is that row): shown with them.
  if (found.length > 0) throw new InputError(found, { warnings })
  for (const item of checked.warnings) warnings.push(item)
  // Country stays of several files are one log: a move from one file's stay to the next file's
  // joins a visit; a stay given twice (warned of above) counts once.
  const { stays: all } = checked
  return { stays: withCountries !== undefined && all.every(isCountryStay) ? oneLog(all) : all, warnings }
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
