/**
 * CSV text → a header and rows of fields, each with the physical line it starts on; syntax errors
 * become problems at their row. Knows nothing of stays or dates.
 *
 * Rows are split here first (quote-aware, RFC 4180) and only their fields are left to csv-parse:
 * csv-parse reports the *last* line of a multi-line record, and after a syntax error its recovery
 * can blame the same row twice or swallow the next one. Splitting first gives exact line numbers
 * and lets one bad row be reported without disturbing the others.
 */
import { CsvError, parse, type Options } from 'csv-parse/sync'
import { problems, type InputProblem } from '../errors.js'

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
}

interface RawRecord {
  readonly line: number
  readonly text: string
}

export function readTable(text: string, file: string): CsvTable {
  const lines = physicalLines(text)
  const delimiter = detectDelimiter(lines.find((l) => !isSkippable(l)) ?? '')
  const { records, unclosed } = splitRecords(lines, delimiter)
  const found: InputProblem[] = []
  if (unclosed) found.push({ source: { file, line: unclosed.line }, ...problems.csvUnclosedQuote(unclosed.lastLine) })
  const parsed = parseFields(records, delimiter)
  const [header, ...rest] = parsed.rows
  for (const item of parsed.bad.map(({ line, reason }) => ({ source: { file, line }, ...problems.csvSyntax(reason) }))) found.push(item)
  // An unreadable first row leaves no header: the rows cannot be interpreted, only reported.
  if (header === undefined || header.line !== records[0]?.line) return { delimiter, header: undefined, rows: [], problems: found }
  const rows: CsvRow[] = []
  for (const row of rest) {
    if (row.fields.every((f) => f === '')) continue
    if (row.fields.length === header.fields.length) rows.push(row)
    else found.push({ source: { file, line: row.line }, ...fieldCount(row, header, delimiter) })
  }
  return { delimiter, header, rows, problems: found }
}

function fieldCount(row: CsvRow, header: CsvRow, delimiter: Delimiter) {
  return problems.csvFieldCount(row.fields.length, header.fields.length, delimiter)
}

/** Lines without their terminators (`\r\n`, `\n` or `\r`); a BOM and a final line break are dropped. */
function physicalLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const lines = body.split(/\r\n|\n|\r/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** Blank, or a `#` comment after optional spaces. Only ever asked at the start of a row. */
export function isSkippable(line: string): boolean {
  return /^\s*(#|$)/.test(line)
}

/**
 * The first line that is not blank or a comment, once it is known to be complete (or at the end).
 * Its delimiters decide the file's, as in `readTable`.
 * `undefined` while the text (the head of a stream) may not hold a whole such line yet.
 */
export function firstContentLine(text: string, atEnd: boolean): string | undefined {
  const lines = text.split(/\r\n|\n|\r/)
  const complete = atEnd ? lines : lines.slice(0, -1)
  return complete.find((line) => !isSkippable(line)) ?? (atEnd ? '' : undefined)
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

function splitRecords(
  lines: readonly string[],
  delimiter: Delimiter,
): { records: RawRecord[]; unclosed?: { line: number; lastLine: number } } {
  const records: RawRecord[] = []
  let current: { line: number; parts: string[] } | undefined
  let quoted = false
  lines.forEach((text, i) => {
    if (current === undefined) {
      if (isSkippable(text)) return
      current = { line: i + 1, parts: [] }
    }
    current.parts.push(text)
    quoted = endsQuoted(text, delimiter, quoted)
    if (!quoted) {
      records.push({ line: current.line, text: current.parts.join('\n') })
      current = undefined
    }
  })
  return current === undefined ? { records } : { records, unclosed: { line: current.line, lastLine: lines.length } }
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
  return { delimiter, trim: true, relax_column_count: true }
}

/**
 * Fields of every record: one csv-parse call for the whole file when it is clean (the common
 * case, and much faster), else one call per record so each error lands on its own row.
 */
function parseFields(
  records: readonly RawRecord[],
  delimiter: Delimiter,
): { rows: CsvRow[]; bad: { line: number; reason: string }[] } {
  try {
    const all = parse(records.map((r) => r.text).join('\n'), csvOptions(delimiter))
    if (all.length === records.length) return { rows: records.map((r, i) => ({ line: r.line, fields: all[i] ?? [] })), bad: [] }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
  }
  const rows: CsvRow[] = []
  const bad: { line: number; reason: string }[] = []
  for (const record of records) {
    const fields = parseRecord(record, delimiter)
    if (Array.isArray(fields)) rows.push({ line: record.line, fields })
    else bad.push({ line: record.line, reason: fields.reason })
  }
  return { rows, bad }
}

function parseRecord(record: RawRecord, delimiter: Delimiter): string[] | { reason: string } {
  try {
    const [fields, extra] = parse(record.text, csvOptions(delimiter))
    if (fields !== undefined && extra === undefined) return fields
    return { reason: 'the row cannot be read as one CSV record' }
  } catch (error) {
    if (error instanceof CsvError) return { reason: csvErrorReason(error) }
    throw error
  }
}

/** csv-parse's message, minus its line number (relative to the row here, so misleading). */
export function csvErrorReason(error: CsvError): string {
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
