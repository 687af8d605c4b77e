/**
 * A CSV file's text → stays with their source lines, in either form:
 * - stays: one row per stay, an entry and an exit column (empty exit: still inside);
 * - crossings: one row per border crossing, a date and a direction column.
 * Never throws for bad data: every problem is collected, and a bad row never yields a stay.
 */
import { isoOf } from '../day.js'
import { problems, withEncodingHint, type InputProblem } from '../errors.js'
import type { CalendarDay, Crossing, SourceRef, Stay } from '../types.js'
import { recogniseColumns, type Columns } from './columns.js'
import { DIRECTION_WORDS, directionOf, pairCrossings } from './crossings.js'
import { dateProblem, parseDate } from './date.js'
import { readTable, type CsvRow } from './records.js'
import { countryLog, hasCountries, walkCountryCrossings, walkCountryMoves, type CountryColumns, type CountryCrossing, type CountryMove } from '../zones/log.js'

export interface ParseOptions {
  /** Luxon tokens, e.g. `dd.MM.yyyy`; without it dates are ISO (or another unambiguous form). */
  readonly dateFormat?: string
}

export interface ParsedFile {
  readonly stays: Stay[]
  readonly problems: InputProblem[]
  /**
   * `stays` also when the header matched neither form (then `problems` says so). A country log
   * (src/zones/log.ts) is `crossings`, or `stays` for `entry,exit,country`; its stays are CountryStays.
   */
  readonly form: 'stays' | 'crossings'
}

interface RowsResult {
  readonly stays: Stay[]
  readonly problems: InputProblem[]
}

/**
 * A file read but its crossings not paired yet: one person's crossings from several files are
 * paired together (src/input.ts).
 */
export interface ReadFile {
  /**
   * `undefined` when the header matched neither form, or the file could not be read: its rows may
   * have been crossings. A country log is `stays` or `crossings` as `ParsedFile`; an
   * `entry,exit,country` log has its stays in `stays`, a `date,country,direction` log its rows in
   * `countryCrossings`, a `date,from,to` log in `moves`.
   */
  readonly form: 'stays' | 'crossings' | undefined
  /** Stays-form rows (and a country log's stays). */
  readonly stays: Stay[]
  /** Crossings-form rows, in row order; every row read, or none when any has a problem. */
  readonly crossings: Crossing[]
  /** A `date,country,direction` log's rows, unwalked, as `crossings`. */
  readonly countryCrossings: CountryCrossing[]
  /** A `date,from,to` log's rows, unwalked, as `crossings`. */
  readonly moves: CountryMove[]
  /** A country log's form (its rows read or not), `undefined` without countries. */
  readonly countryForm?: CountryColumns['form']
  /** In line order. */
  readonly problems: InputProblem[]
}

/**
 * @param file the name used in messages (`<stdin>` for standard input)
 * @example parseCsv('entry,exit\n2024-01-05,2024-01-10\n', 'trips.csv').stays
 * //=> [{ entry: 19727, exit: 19732, source: { file: 'trips.csv', line: 2 } }]
 */
export function parseCsv(text: string, file: string, options: ParseOptions = {}): ParsedFile {
  const read = readCsv(text, file, options)
  if (read.countryCrossings.length > 0) return { form: 'crossings', ...walkCountryCrossings(read.countryCrossings) }
  if (read.moves.length > 0) return { form: 'crossings', ...walkCountryMoves(read.moves) }
  if (read.form !== 'crossings' || read.crossings.length === 0) return { form: read.form ?? 'stays', stays: read.stays, problems: read.problems }
  const paired = pairCrossings(read.crossings)
  return { form: 'crossings', stays: paired.stays, problems: paired.problems }
}

/**
 * A file's rows, its crossings unpaired. Crossings are kept only when the whole file read cleanly
 * (no problem at all, a malformed row included): a row dropped would shift the pairing and blame
 * its innocent neighbours ("two entries …").
 */
export function readCsv(text: string, file: string, options: ParseOptions = {}): ReadFile {
  const table = readTable(text, file)
  const { header } = table
  if (header === undefined) {
    const found = table.problems.length > 0 ? table.problems : [{ source: { file }, ...problems.columnsMissing([]) }]
    return { form: undefined, stays: [], crossings: [], countryCrossings: [], moves: [], problems: found }
  }
  const recognised = recogniseColumns(header.fields)
  if ('problem' in recognised) {
    const missing = { source: { file, line: header.line }, ...recognised.problem }
    return { form: undefined, stays: [], crossings: [], countryCrossings: [], moves: [], problems: byLine([...table.problems, missing]) }
  }
  const { columns } = recognised
  // A country column, or date,from,to: a log across countries; its stays carry their `country`.
  if (hasCountries(columns)) {
    const log = countryLog(table.rows, columns, file, options)
    const found = byLine([...table.problems, ...log.problems.map(withEncodingHint)])
    const clean = found.length === 0
    return {
      form: columns.form === 'stays' ? 'stays' : 'crossings',
      countryForm: columns.form,
      stays: log.stays,
      crossings: [],
      countryCrossings: clean ? log.crossings : [],
      moves: clean ? log.moves : [],
      problems: found,
    }
  }
  if (columns.form === 'stays') {
    const result = staysFromRows(table.rows, columns, file, options)
    return { form: 'stays', stays: result.stays, crossings: [], countryCrossings: [], moves: [], problems: byLine([...table.problems, ...result.problems]) }
  }
  const result = crossingsFromRows(table.rows, columns, file, options)
  const found = byLine([...table.problems, ...result.problems])
  return { form: 'crossings', stays: [], crossings: found.length > 0 ? [] : result.crossings, countryCrossings: [], moves: [], problems: found }
}

/** Problems in file order, so the user can work down the file (stable for one line). */
function byLine(found: InputProblem[]): InputProblem[] {
  return found.sort((a, b) => (a.source.line ?? 0) - (b.source.line ?? 0))
}

function staysFromRows(
  rows: readonly CsvRow[],
  columns: Extract<Columns, { form: 'stays' }>,
  file: string,
  options: ParseOptions,
): RowsResult {
  const stays: Stay[] = []
  const found: InputProblem[] = []
  for (const row of rows) {
    const source = { file, line: row.line }
    const untilText = columns.until === undefined ? '' : (row.fields[columns.until] ?? '')
    const result = stayFromDates(row.fields[columns.entry] ?? '', row.fields[columns.exit] ?? '', source, options, untilText)
    if ('stay' in result) stays.push(result.stay)
    else for (const item of result.problems) found.push(item)
  }
  return { stays, problems: found }
}

/**
 * One stay from its entry and exit text (empty exit: still inside). Shared with `--trip`.
 * Both dates are checked before giving up, so a row with two bad dates reports both.
 */
export function stayFromDates(
  entryText: string,
  exitText: string,
  source: SourceRef,
  options: ParseOptions,
  untilText = '',
): { stay: Stay } | { problems: InputProblem[] } {
  const entry = parseDate(entryText, 'entry date', options.dateFormat)
  const exit = exitText.trim() === '' ? null : parseDate(exitText, 'exit date', options.dateFormat)
  const until = untilText.trim() === '' ? null : parseDate(untilText, 'authorised-until date', options.dateFormat)
  const found: InputProblem[] = []
  for (const d of [entry, exit, until]) if (d !== null && !d.ok) found.push(fromFile(dateProblem(d, source)))
  if (!entry.ok || (exit !== null && !exit.ok) || (until !== null && !until.ok)) return { problems: found }
  const exitDay: CalendarDay | null = exit === null ? null : exit.day
  if (exitDay !== null && exitDay < entry.day) {
    return { problems: [{ source, ...problems.exitBeforeEntry(isoOf(exitDay), isoOf(entry.day)) }] }
  }
  if (until !== null && until.day < entry.day) {
    return { problems: [{ source, ...problems.untilBeforeEntry(isoOf(until.day), isoOf(entry.day)) }] }
  }
  return { stay: { entry: entry.day, exit: exitDay, source, ...(until === null ? {} : { until: until.day }) } }
}

/** Rows checked one by one, every problem kept. */
function crossingsFromRows(
  rows: readonly CsvRow[],
  columns: Extract<Columns, { form: 'crossings' }>,
  file: string,
  options: ParseOptions,
): { crossings: Crossing[]; problems: InputProblem[] } {
  const crossings: Crossing[] = []
  const found: InputProblem[] = []
  for (const row of rows) {
    const source = { file, line: row.line }
    const result = crossingFromRow(row.fields[columns.date] ?? '', row.fields[columns.direction] ?? '', source, options)
    if ('crossing' in result) crossings.push(result.crossing)
    else for (const item of result.problems) found.push(item)
  }
  return { crossings, problems: found }
}

export function crossingFromRow(
  dateText: string,
  directionText: string,
  source: SourceRef,
  options: ParseOptions,
): { crossing: Crossing } | { problems: InputProblem[] } {
  const direction = directionOf(directionText)
  // The direction names the date in messages ("invalid exit date …") when it is known.
  const what = direction === undefined ? 'crossing date' : `${direction} date`
  const date = parseDate(dateText, what, options.dateFormat)
  const found: InputProblem[] = []
  if (direction === undefined) {
    const word = directionText.trim()
    const text = word === '' ? problems.directionMissing(DIRECTION_WORDS) : problems.directionUnknown(word, DIRECTION_WORDS)
    found.push(fromFile({ source, ...text }))
  }
  if (!date.ok) found.push(fromFile(dateProblem(date, source)))
  if (direction === undefined || !date.ok) return { problems: found }
  return { crossing: { direction, day: date.day, source } }
}

/**
 * A value refused in a file that holds U+FFFD (a byte that is not UTF-8: Latin-1 `Österreich`)
 * gets a hint that the file is not UTF-8. Not for a `--trip` value: no file to save again.
 */
function fromFile(problem: InputProblem): InputProblem {
  return problem.source.file === undefined ? problem : withEncodingHint(problem)
}
