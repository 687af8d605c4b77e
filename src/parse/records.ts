/**
 * CSV text → a header and rows of fields, each with the physical line it starts on; syntax errors
 * become problems at their row. Knows nothing of stays or dates.
 *
 * Rows are split here first (quote-aware, RFC 4180) and only their fields are left to csv-parse:
 * csv-parse reports the *last* line of a multi-line record, and after a syntax error its recovery
 * can blame the same row twice or swallow the next one. Splitting first gives exact line numbers
 * and lets one bad row be reported without disturbing the others.
 *
 * What the lines are, for both readers (this one and stream.ts):
 * - an Excel `sep=;` first line (`sep=,`, `sep=` and a tab) sets the delimiter and is no row;
 * - a header line with NUL characters is not UTF-8 text (UTF-16, or a spreadsheet): one problem
 *   for the file, and nothing read;
 * - blank lines are skipped, and so are lines starting with `#` (comments), but for two cases:
 *   after the header, a `#` line with the header's number of fields may be a row whose first value
 *   starts with `#`: any such line when the first column holds free text (`firstColumnFree`: a
 *   traveller `#12`), one starting with a spreadsheet's error value (`#N/A`) when it holds dates or
 *   directions (`hashRowProblem`). That is reported, never dropped unseen.
 */
import { CsvError, parse, type Options } from 'csv-parse/sync'
import { problems, type InputProblem, type ProblemText } from '../errors.js'
import { firstColumnFree, recogniseColumns } from './columns.js'
import { directionOf } from './crossings.js'
import { findCountry } from '../zones/countries.js'
import { nulEncoding } from './encoding.js'
import { MAX_YEAR, MIN_YEAR } from './date.js'
import { withoutStacks } from './without-stacks.js'
import { SPREADSHEET_ERROR } from './spreadsheet-error.js'

export type Delimiter = ',' | ';' | '\t'

export interface CsvRow {
  /** 1-based physical line the row starts on, counting blank and comment lines. */
  readonly line: number
  readonly fields: readonly string[]
}

export interface CsvTable {
  readonly delimiter: Delimiter
  /** `undefined` when the file has no rows at all, or its first row cannot be read (a problem says why). */
  readonly header: CsvRow | undefined
  /** Data rows with as many fields as the header; rows of only empty fields are left out. */
  readonly rows: CsvRow[]
  readonly problems: InputProblem[]
  /** The line of a quote never closed: every row after it was lost in that field. */
  readonly unclosedAt?: number
  /**
   * Rows that could not be read and run over several lines (a quote closed on a later line, text
   * after it): their first and last lines. The lines after the first may be rows of their own.
   * `fields`: a row read but refused for the rows in its values (`rowsInValue`), as read.
   */
  readonly spans?: readonly { readonly line: number; readonly lastLine: number; readonly rowLike?: readonly number[]; readonly fields?: readonly string[] }[]
}

interface RawRecord {
  readonly line: number
  readonly text: string
}

export function readTable(text: string, file: string): CsvTable {
  const lines = physicalLines(text)
  const head = readHead(lines, true)!
  const { delimiter } = head
  if (head.problem !== undefined) return { delimiter, header: undefined, rows: [], problems: [{ source: { file }, ...head.problem }] }
  const { records, comments, unclosed } = splitRecords(lines, delimiter, head.separatorLine ? 1 : 0)
  const found: InputProblem[] = []
  if (unclosed) found.push({ source: { file, line: unclosed.line }, ...problems.csvUnclosedQuote(unclosed.lastLine) })
  const parsed = parseFields(records, delimiter)
  const [header, ...rest] = parsed.rows
  for (const item of parsed.bad.map(({ line, reason }) => ({ source: { file, line }, ...problems.csvSyntax(reason) }))) found.push(item)
  const spans: { line: number; lastLine: number; rowLike?: readonly number[]; fields?: readonly string[] }[] = parsed.bad.filter((b) => b.lastLine > b.line).map(({ line, lastLine }) => ({ line, lastLine }))
  // An unreadable first row leaves no header: the rows cannot be interpreted, only reported.
  if (header === undefined || header.line !== records[0]?.line) return { delimiter, header: undefined, rows: [], problems: found }
  const rows: CsvRow[] = []
  // Problems of rows and of `#` lines, in line order, as the streaming reader meets them.
  const byRow: InputProblem[] = []
  const hashed = comments.filter((c) => c.line > header.line)
  let next = 0
  const hashRowsBefore = (line: number) => {
    for (; next < hashed.length && hashed[next]!.line < line; next++) {
      const comment = hashed[next]!
      const problem = hashRowProblem(comment.text, delimiter, header.fields)
      if (problem !== undefined) byRow.push({ source: { file, line: comment.line }, ...problem.text })
    }
  }
  for (const row of rest) {
    hashRowsBefore(row.line)
    if (row.fields.every((f) => f === '')) continue
    const width = header.fields.length
    // Before the count of fields: a quote left open makes a row of any width (QA: swallowed lines
    // of two fields under a header of three vanished from a row that then had three).
    const swallowing = rowsInValue(row.fields, delimiter, header.fields, row.line)
    if (swallowing !== undefined) {
      byRow.push({ source: { file, line: row.line }, ...problems.csvRowsInValue(swallowing.lastLine, swallowing.rowLike) })
      // Only the lines that read as rows may be someone's: the rest is the value (its closing line too).
      // The row itself was read: its own fields name its traveller, a name over lines whole (QA).
      spans.push({ line: row.line, lastLine: swallowing.lastLine, rowLike: swallowing.rowLike, fields: row.fields })
    } else if (row.fields.length !== width) byRow.push({ source: { file, line: row.line }, ...fieldCount(row, header, delimiter) })
    else rows.push(row)
  }
  hashRowsBefore(Number.POSITIVE_INFINITY)
  for (const item of byRow) found.push(item)
  return { delimiter, header, rows, problems: found, ...(unclosed === undefined ? {} : { unclosedAt: unclosed.line }), ...(spans.length === 0 ? {} : { spans }) }
}

/**
 * A `#` line after a header whose first column holds free text: its fields and the problem when
 * it may be a row (it reads, alone, as one record with the header's number of fields), else
 * `undefined` (a comment). Both readers ask this of the same line text.
 */
export function hashRowProblem(
  line: string,
  delimiter: Delimiter,
  header: readonly string[],
): { fields: string[]; text: ProblemText } | undefined {
  const free = firstColumnFreeOf(header)
  // A date or direction first: only a spreadsheet's error value may start a row (below), so any
  // other comment is no row, told without reading it as CSV (QA: 30,000 comments cost 0.5 s).
  if (!free) {
    const cut = line.indexOf(delimiter)
    if (!isErrorValue((cut < 0 ? line : line.slice(0, cut)).trim())) return undefined
  }
  let records: string[][]
  try {
    records = parse(line, csvOptions(delimiter))
  } catch (error) {
    if (error instanceof CsvError) return undefined
    throw error
  }
  const [fields, extra] = records
  if (fields === undefined || extra !== undefined || fields.length !== header.length) return undefined
  if (free) return { fields, text: problems.csvHashRow(fields[0] ?? '', header[0] ?? '', fields.length) }
  // A date or direction first: `#` makes no value there, so the line is a row commented out, unless
  // it starts with what a spreadsheet writes for a formula that failed, as checked above (QA:
  // `#N/A,#N/A,Berlin` and `#VALUE!,2024-03-20` vanished, and with them a stay).
  return { fields, text: problems.csvErrorValueRow(fields[0]!.trim(), header[0] ?? '', fields.length) }
}

/** `firstColumnFree` once per header: a file of many comments asks it for each. */
const freeFirst = new WeakMap<readonly string[], boolean>()
function firstColumnFreeOf(header: readonly string[]): boolean {
  let free = freeFirst.get(header)
  if (free === undefined) freeFirst.set(header, (free = firstColumnFree(header)))
  return free
}

/** A spreadsheet's error value (`#NA` too, as a sheet may write `#N/A`), starting a row. */
const isErrorValue = (text: string): boolean => SPREADSHEET_ERROR.test(text) || text === '#NA'

/**
 * A cell holding a date: numeric in any order (2024-01-05, 05.01.2024, 1/5/2024), maybe with a
 * time after it (`T10:30`, ` 10:30:00 +01:00`; nothing else: "2024-01-12 (Paris)" and
 * "2024-01-05 15:00 check-in" are a note's), or with a month name, in any alphabet (5 Jan 2024,
 * 05-Jan-2024, 2024-Jan-05, Jan 5 2024, 1 Mär 2024). A year of four digits outside the years read
 * (`06-12-3456`, a phone number) is none: `isDateCell`.
 */
const DATE_CELL =
  /^\s*"?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[ -]\p{L}{3,9}\.?[ -]\d{4}|\d{4}-\p{L}{3,9}-\d{1,2}|\p{L}{3,9}\.? \d{1,2},? \d{4})(?:[T ]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|\p{Lu}{2,5})?)?"?\s*$/u

function isDateCell(text: string): boolean {
  if (!DATE_CELL.test(text)) return false
  const year = /\d{4}/.exec(text)
  return year === null || (Number(year[0]) >= MIN_YEAR && Number(year[0]) <= MAX_YEAR)
}

/** Delimiters of other exports, most likely first: a row of one may come in a file of another. */
export const OTHER_DELIMITERS = [';', '\t', '|', ','] as const

/**
 * Whether a line cut from its row reads as a row of this header: split at the file's delimiter or
 * another export's, its values where the header's columns are read as those columns' values — a
 * date (numeric, or with a month name) where a date is read, a direction word where a direction
 * is, an exit empty or a date (parse/columns.ts). A note's line does not (QA: "Hotel bookings:
 * 2024-01-05, 2024-01-12 (Paris)" and "Paris | 5 Jan 2024" were refused as rows). A header whose
 * columns are not recognised reads no row at all: a line of its width with a date among its values
 * then stands for one.
 */
function rowReader(header: readonly string[]): (cells: readonly string[]) => boolean {
  const recognised = recogniseColumns(header)
  const value = (cells: readonly string[], at: number) => (cells[at] ?? '').replaceAll('"', '').trim()
  const isDate = (cells: readonly string[], at: number) => at < cells.length && isDateCell(value(cells, at))
  if ('problem' in recognised) return (cells) => cells.length === header.length && cells.some((cell) => isDateCell(cell))
  const c = recognised.columns
  switch (c.form) {
    case 'stays':
      return (cells) => isDate(cells, c.entry) && c.exit < cells.length && (value(cells, c.exit) === '' || isDate(cells, c.exit))
    case 'crossings':
      return (cells) => isDate(cells, c.date) && directionOf(value(cells, c.direction)) !== undefined
    case 'moves':
      // Countries where countries are read (QA: "12 Mar 2024, Hotel Ritz, Place Vendome" is a note's).
      return (cells) => isDate(cells, c.date) && findCountry(value(cells, c.from)) !== undefined && findCountry(value(cells, c.to)) !== undefined
  }
}

/** `rowReader` once per header (both readers keep theirs): a file of many notes over lines asks for every one. */
const readers = new WeakMap<readonly string[], (cells: readonly string[]) => boolean>()
function readerOf(header: readonly string[]): (cells: readonly string[]) => boolean {
  let reads = readers.get(header)
  if (reads === undefined) readers.set(header, (reads = rowReader(header)))
  return reads
}

function readsAsRow(text: string, delimiter: Delimiter, reads: (cells: readonly string[]) => boolean): boolean {
  for (const split of [delimiter, ...OTHER_DELIMITERS]) {
    if (text.includes(split) && reads(text.split(split))) return true
  }
  return false
}

/**
 * A row over several lines (`\n` in its values, as both readers join a record's lines) of which two
 * lines or more, alone, read as rows of `header` (`rowReader`): a quote most likely left open,
 * swallowing rows into a note or a name, whichever column it opened in and however wide the row
 * (QA: three crossings vanished into a note, and an overstay was reported; then rows without the
 * note's column, or separated by semicolons; then a quote opened in a first column, the rest of
 * its line a row too): the line a quote opens on is read whole (`recordLines`). Its last line and the row-like lines after its first, or
 * `undefined`: a multi-line note or name holds at most the one line of its row ("Paris, France,
 * 2 nights" has no date; `"Ada` then `Lovelace",2024-01-05,in` is one row).
 */
export function rowsInValue(fields: readonly string[], delimiter: Delimiter, header: readonly string[], line: number): { lastLine: number; rowLike: number[] } | undefined {
  // One column: every line of a note would read as a row of it.
  if (header.length < 2 || !fields.some((field) => field.includes('\n'))) return undefined
  const reads = readerOf(header)
  const lines = recordLines(fields, delimiter)
  const rows = lines.flatMap((l, k) => (reads(l.cells) || readsAsRow(l.text, delimiter, reads) ? [k] : []))
  if (rows.length < 2) return undefined
  return { lastLine: line + lines.length - 1, rowLike: rows.filter((k) => k > 0).map((k) => line + k) }
}

/**
 * A record's physical lines, each as cells: whole values as they are (`"Lovelace, Ada"` stays one),
 * and the text of a value over lines, where a quote swallowed whatever was written, split at the
 * delimiter; with each line's text, to try other delimiters on.
 */
function recordLines(fields: readonly string[], delimiter: Delimiter): { cells: string[]; text: string }[] {
  const lines: { cells: string[]; text: string }[] = []
  let cells: string[] = []
  const end = () => lines.push({ cells, text: cells.join(delimiter) })
  for (const field of fields) {
    const parts = field.split('\n')
    if (parts.length === 1) {
      cells.push(field)
      continue
    }
    cells.push(...parts[0]!.split(delimiter))
    end()
    for (let k = 1; k < parts.length - 1; k++) lines.push({ cells: parts[k]!.split(delimiter), text: parts[k]! })
    cells = parts.at(-1)!.split(delimiter)
  }
  end()
  return lines
}

function fieldCount(row: CsvRow, header: CsvRow, delimiter: Delimiter) {
  return problems.csvFieldCount(row.fields.length, header.fields.length, delimiter)
}

/** Lines without their terminators (`\r\n`, `\n` or `\r`); a BOM and a final line break are dropped. */
export function physicalLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const lines = body.split(/\r\n|\n|\r/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** Blank, or a `#` comment after optional spaces. Only ever asked at the start of a row. */
export function isSkippable(line: string): boolean {
  return /^\s*(#|$)/.test(line)
}

/** Blank, spaces only. */
function isBlank(line: string): boolean {
  return /^\s*$/.test(line)
}

/**
 * The delimiter an Excel `sep=` line names (`sep=;`, `sep=,`, `sep=` and a tab), as the first line
 * of a file; `undefined` for any other line.
 */
export function separatorOf(line: string | undefined): Delimiter | undefined {
  const match = line === undefined ? null : /^"?sep=([,;\t])"?$/i.exec(line)
  return (match?.[1] as Delimiter | undefined) ?? undefined
}

export interface Head {
  readonly delimiter: Delimiter
  /** The first line is a `sep=` line: no row, whatever follows. */
  readonly separatorLine: boolean
  /** The header line (the first line that is not blank, a comment or a `sep=` line); '' when none. */
  readonly headerLine: string
  /** The file is not UTF-8 text: nothing in it can be read. */
  readonly problem?: ProblemText
}

/**
 * What the first lines of a file say: its delimiter (a `sep=` first line's, else the one seen most
 * in the header line) and whether it is UTF-8 text at all. `lines` are complete lines, without a
 * BOM; `undefined` while they do not reach the header line and more may come (`atEnd` false).
 */
export function readHead(lines: readonly string[], atEnd: boolean): Head | undefined {
  if (lines.length === 0 && !atEnd) return undefined
  const sep = separatorOf(lines[0])
  let headerLine: string | undefined
  for (let i = sep === undefined ? 0 : 1; i < lines.length && headerLine === undefined; i++) if (!isSkippable(lines[i]!)) headerLine = lines[i]
  if (headerLine === undefined && !atEnd) return undefined
  const header = headerLine ?? ''
  const problem = encodingProblem(header)
  const head = { delimiter: sep ?? detectDelimiter(header), separatorLine: sep !== undefined, headerLine: header }
  return problem === undefined ? head : { ...head, problem }
}

/** A header line with NUL characters is no UTF-8 text (`nulEncoding`). */
function encodingProblem(line: string): ProblemText | undefined {
  const found = nulEncoding(line)
  return found === undefined ? undefined : found === 'binary' ? problems.notText() : problems.encodingUnicode(found === 'utf16' ? 16 : 32)
}

/**
 * The head of a stream read so far (`text`), after its latest `chunk`: `readHead` of its complete
 * lines, tried only when the chunk brings a line break (a long line is not split again and again:
 * QA, 50 MB without one took minutes); or, at a NUL in the line still open, the head as it is,
 * for no text is there and a device of them (/dev/zero) never ends a line. `undefined`: read on.
 */
export function headAfter(text: string, chunk: string): Head | undefined {
  const found = /[\r\n]/.test(chunk) ? readHead(text.split(/\r\n|\n|\r/).slice(0, -1), false) : undefined
  return found ?? (chunk.includes('\u0000') ? readHead(text.split(/\r\n|\n|\r/), true) : undefined)
}

/**
 * The header line (see `readHead`: not blank, a comment or a `sep=` first line), once it is known
 * to be complete (or at the end). `undefined` while the text (the head of a stream) may not hold a
 * whole such line yet; '' when the text has none.
 */
export function firstContentLine(text: string, atEnd: boolean): string | undefined {
  const lines = text.split(/\r\n|\n|\r/)
  return readHead(atEnd ? lines : lines.slice(0, -1), atEnd)?.headerLine
}

/** The candidate seen most often outside quotes in the header line; comma when none is. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[',']) return '\t'
  return ','
}

/**
 * The records of `lines` from index `from` on (a `sep=` line before it is no record), and the
 * `#` comment lines between them.
 */
function splitRecords(
  lines: readonly string[],
  delimiter: Delimiter,
  from: number,
): { records: RawRecord[]; comments: RawRecord[]; unclosed?: { line: number; lastLine: number } } {
  const records: RawRecord[] = []
  const comments: RawRecord[] = []
  let current: { line: number; parts: string[] } | undefined
  let quoted = false
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!
    if (current === undefined) {
      if (isSkippable(text)) {
        if (!isBlank(text)) comments.push({ line: i + 1, text })
        continue
      }
      current = { line: i + 1, parts: [] }
    }
    current.parts.push(text)
    quoted = endsQuoted(text, delimiter, quoted)
    if (!quoted) {
      records.push({ line: current.line, text: current.parts.join('\n') })
      current = undefined
    }
  }
  return current === undefined ? { records, comments } : { records, comments, unclosed: { line: current.line, lastLine: lines.length } }
}

/** Whether a quoted field is still open at the end of `line`. Quotes open only at a field's start. */
function endsQuoted(line: string, delimiter: Delimiter, startsQuoted: boolean): boolean {
  let quoted = startsQuoted
  let fieldStart = !startsQuoted
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') i++
      else if (ch === '"') quoted = false
    } else if (ch === delimiter) fieldStart = true
    else if (ch === '"' && fieldStart) quoted = true
    else if (ch !== ' ' && ch !== '\t') fieldStart = false
  }
  return quoted
}

function csvOptions(delimiter: Delimiter): Options {
  // Records are split at line breaks here (`physicalLines`) and joined with `\n`: saying so spares
  // csv-parse its search for the line break, which costs a Buffer per character of a line that has
  // none (QA: a 50 MB file of one line took two minutes).
  return { delimiter, trim: true, relax_column_count: true, record_delimiter: '\n' }
}

/**
 * Fields of every record: one csv-parse call for the whole file when it is clean (the common
 * case, and much faster), else one call per record so each error lands on its own row.
 */
function parseFields(
  records: readonly RawRecord[],
  delimiter: Delimiter,
): { rows: CsvRow[]; bad: { line: number; lastLine: number; reason: string }[] } {
  try {
    const all = withoutStacks(() => parse(records.map((r) => r.text).join('\n'), csvOptions(delimiter)))
    if (all.length === records.length) return { rows: records.map((r, i) => ({ line: r.line, fields: all[i] ?? [] })), bad: [] }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
  }
  const rows: CsvRow[] = []
  const bad: { line: number; lastLine: number; reason: string }[] = []
  for (const record of records) {
    const fields = parseRecord(record, delimiter)
    if (Array.isArray(fields)) rows.push({ line: record.line, fields })
    else bad.push({ line: record.line, lastLine: record.line + (record.text.match(/\n/g)?.length ?? 0), reason: fields.reason })
  }
  return { rows, bad }
}

function parseRecord(record: RawRecord, delimiter: Delimiter): string[] | { reason: string } {
  try {
    const [fields, extra] = parse(record.text, csvOptions(delimiter))
    if (fields !== undefined && extra === undefined) return fields
    return { reason: problems.notOneRecord() }
  } catch (error) {
    if (error instanceof CsvError) return { reason: csvErrorReason(error) }
    throw error
  }
}

/**
 * csv-parse's message, minus its line number (relative to the row here, so misleading). Typed by
 * the fields it reads, not as csv-parse's CsvError: the library's types then need no Node typings
 * (csv-parse's refer to them; QA: a project without @types/node failed to compile against ours).
 */
export function csvErrorReason(error: { readonly code: string; readonly message: string }): string {
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows the closing quote of a field'
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside a field that does not start with one'
    default:
      return error.message.replace(/ (at|on) line \d+/g, '')
  }
}
