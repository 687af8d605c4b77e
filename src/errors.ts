/**
 * Every error class, exit code and user-facing message of stay-calc lives here, so wording is
 * reviewed in one place and tests can import the exact strings. Nothing here does I/O.
 */
import type { SourceRef, Warning } from './types.js'

/** grep/diff convention (0 fine, 1 a result to react to, 2 trouble) plus sysexits' EX_SOFTWARE. */
export const ExitCode = { Ok: 0, LimitExceeded: 1, BadInput: 2, Internal: 70 } as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

export abstract class StayCalcError extends Error {
  abstract readonly exitCode: ExitCode
}

/** Misuse of flags or arguments. */
export class UsageError extends StayCalcError {
  readonly exitCode = ExitCode.BadInput
  override readonly name = 'UsageError'
}

/** One problem found in the input data: where, what (stable code + short text), why, expected. */
export interface InputProblem {
  readonly source: SourceRef
  /** Stable identifier, e.g. `E_DATE_INVALID`. */
  readonly code: string
  /** Short statement of what is wrong, e.g. `invalid exit date "2024-02-30"`. */
  readonly message: string
  /** Explanation with data, e.g. `day 30 is out of range for February 2024`. */
  readonly detail?: string
  /** What was expected, with a valid example. */
  readonly expected?: string
}

/** Problems an InputError's `message` lists (all are in `problems`). */
const MESSAGE_PROBLEMS = 100

/** Bad input data. Holds every problem found, so the user can fix them all in one round trip. */
export class InputError extends StayCalcError {
  readonly exitCode = ExitCode.BadInput
  override readonly name = 'InputError'
  readonly problems: readonly InputProblem[]
  /**
   * Warnings about the same input that may explain a problem: a row read once as a copy of
   * another file's (W_DUPLICATE) is not there for the pairing. Shown after the problems, not
   * counted as problems.
   */
  readonly warnings: readonly Warning[]
  constructor(problems: readonly InputProblem[], options?: ErrorOptions & { readonly warnings?: readonly Warning[] }) {
    // The message lists the first problems only: a million rows in the wrong date format made two
    // million problems, and all of them joined went past the longest string V8 can make (a crash,
    // exit 70, QA). The CLI writes them all (`userErrorPieces`), a piece at a time.
    const shown = problems.slice(0, MESSAGE_PROBLEMS).map(formatProblem)
    const more = problems.length - MESSAGE_PROBLEMS
    if (more > 0) shown.push(`… and ${more} more problem${more === 1 ? '' : 's'}`)
    super(shown.join('\n'), options)
    this.problems = problems
    this.warnings = options?.warnings ?? []
  }
}

/**
 * A file the run was asked to write (`--chart`, `--ics`) that cannot be: not a problem in the
 * input, so said on one line (`formatUserError`), as standard output's failures are.
 */
export class OutputError extends StayCalcError {
  readonly exitCode = ExitCode.BadInput
  override readonly name = 'OutputError'
}

/** A broken invariant: a bug in stay-calc, not the user's fault. */
export class InternalError extends StayCalcError {
  readonly exitCode = ExitCode.Internal
  override readonly name = 'InternalError'
}

/** `trips.csv:4`, `<stdin>:2`, `--trip 2024-01-05..x`, or `input` when nothing is known. */
export function sourceText(source: SourceRef): string {
  if (source.flag !== undefined) return source.flag
  if (source.file !== undefined) return source.line === undefined ? source.file : `${source.file}:${source.line}`
  return 'input'
}

/**
 * `sourceText` to be shown (a terminal, a CI log, a chart): a file's name is the user's text, and
 * may hold an escape sequence or a line break (`printable`). JSON keeps the name as it is.
 */
export const formatSource = (source: SourceRef): string => printable(sourceText(source))

/**
 * Quote a received value for a message; long values are cut so one bad cell cannot flood stderr.
 * JSON escapes C0 controls but leaves C1 controls, line separators and bidi overrides raw:
 * `printable` takes those too, so a quoted value is safe wherever the message goes (JSON included).
 */
export function quote(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value
  return printable(JSON.stringify(cut))
}

/** Control characters, line separators and bidirectional overrides (see `printable`). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Whether `printable` would change `text`: a character that could drive a terminal or start a line. */
export const hasUnprintable = (text: string): boolean => text.search(UNPRINTABLE) >= 0

/** A UTF-16 unit as `\u` and four hex digits, as JSON writes those it escapes (`\u001b`). */
export const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * Text from the input (a traveller's name) as it may be shown on a terminal or a CI log: control
 * characters, line separators and bidirectional overrides written as escapes, so a name can neither
 * move the cursor, set a window title, reverse the text after it nor start a line of its own (a
 * GitHub workflow command on stderr, say).
 * @example printable('ann\n::error::x') //=> 'ann\\n::error::x'
 */
export function printable(text: string): string {
  // Nearly every text has nothing to replace: a search is cheaper than a replace that finds nothing.
  if (!hasUnprintable(text)) return text
  return text.replace(UNPRINTABLE, (c) =>
    // JSON's short escapes where it has them (\n, \t); \u00XX for the rest, which JSON leaves raw from U+007F on.
    c < '\u0020' ? JSON.stringify(c).slice(1, -1) : unicodeEscape(c),
  )
}

/**
 * commander's own message (an unknown option, a missing value) in stay-calc's voice, `stay-calc: …`
 * as every other error, with the commands that have an option the one used lacks (QA: `plan
 * --explain` said only "unknown option"). Each line made printable: commander echoes values raw.
 * @param ownersOf the commands (`stay-calc`, `stay-calc plan`) that have a flag
 * @param isSwitch whether a flag takes no value
 */
export function commanderMessage(text: string, ownersOf: (flag: string) => string[], isSwitch: (flag: string) => boolean = () => false): string {
  const lines = text.split('\n').map(printable)
  const first = lines[0]!.replace(/^error: /, 'stay-calc: ')
  const [, given, flag, value] = /^stay-calc: unknown option '(([^'=]+)(=)?[^']*)'/.exec(first) ?? []
  const owners = flag === undefined ? [] : ownersOf(flag)
  // A flag that takes no value, given one (`--exit-zero=true`): commander calls it unknown, and
  // may ask "Did you mean --exit-zero?" of the very flag (QA).
  if (value !== undefined && owners.length > 0 && isSwitch(flag!)) {
    lines[0] = `stay-calc: ${flag} takes no value (got '${given}'; an option of ${owners.join(' and ')})`
    return lines.filter((line) => line !== `(Did you mean ${flag}?)`).join('\n')
  }
  lines[0] = owners.length === 0 ? first : `${first} (an option of ${owners.join(' and ')})`
  return lines.join('\n')
}

/**
 * Text that begins a line of human-readable output (a traveller heading, a table row, a file name
 * before its problem): a leading `::` (after spaces) has its first colon escaped, since a CI runner
 * reads a line that starts with `::`, spaces aside, as a workflow command (GitHub's runner trims
 * the line's start, then looks for `::`; QA: a traveller named `::warning title=x::all ok` made a
 * warning annotation from stderr).
 * @example lineStart('::error::x') //=> '\\u003a:error::x'
 */
export function lineStart(text: string): string {
  return text.replace(/^(\s*):(?=:)/, '$1\\u003a')
}

/**
 * A problem as lines of text. Every part goes through `printable`: a message may carry text from
 * the input (a cell quoted, a parser's explanation of it), and a line break in it would otherwise
 * start a line that reads as a problem of its own.
 */
export function formatProblem(problem: InputProblem): string {
  const lines = [`${lineStart(printable(formatSource(problem.source)))}: ${printable(problem.message)}`]
  if (problem.detail) lines.push(`  ${printable(problem.detail)}`)
  if (problem.expected) lines.push(`  expected ${printable(problem.expected)}`)
  return lines.join('\n')
}

/** Why a file could not be read or written, in words: the usual system errors plainly, others as Node says them. */
export function errnoText(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string }
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder'
    case 'EISDIR':
      return 'it is a directory'
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder'
    case 'EFOLDERNAME':
      return 'the name ends in / (a folder)'
    case 'ENOFOLDER':
      return 'no such folder'
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied'
    case 'ENOSPC':
      return 'no space left on device'
  }
  // Node's message is `EIO: i/o error, write` or `…, open 'x'`: the middle part says it.
  const what = String(message ?? error).replace(/^[A-Z]+: /, '').replace(/, (?:write|open|read)\b.*$/, '')
  return code === undefined ? what : `${what} (${code})`
}

/** Standard output failed for another reason than its reader leaving (a full disk, an I/O error). */
export function formatOutputError(error: { readonly code?: string | undefined; readonly message: string }): string {
  const text = errnoText(error)
  return `stay-calc: cannot write the output: ${error.code === undefined || text.endsWith(`(${error.code})`) ? text : `${text} (${error.code})`}\n`
}

/** The whole stderr text for an error the user can act on (no stack). */
export function formatUserError(error: StayCalcError): string {
  return [...userErrorPieces(error)].join('')
}

/**
 * `formatUserError` in pieces of about 64 KB, to write as they are made: a file of a million rows
 * in the wrong date format has two million problems, 500 MB of text, which as one string was past
 * what V8 can make (QA: exit 70).
 */
export function* userErrorPieces(error: StayCalcError): Generator<string> {
  if (!(error instanceof InputError)) {
    yield error instanceof UsageError ? `stay-calc: ${error.message}\n(run stay-calc --help for usage)\n` : `stay-calc: ${error.message}\n`
    return
  }
  const n = error.problems.length
  let piece = n === 1 ? 'stay-calc: 1 problem in the input\n' : `stay-calc: ${n} problems in the input\n`
  for (const p of error.problems) {
    piece += `${indent(formatProblem(p))}\n`
    if (piece.length >= 1 << 16) {
      yield piece
      piece = ''
    }
  }
  piece += formatNotes(error.warnings)
  if (piece !== '') yield piece
}

/**
 * A warning as lines of text, as `formatProblem` writes a problem: placed at its last row (the
 * one a duplicate leaves out), naming the others.
 */
export function formatWarning(warning: Warning): string {
  const last = warning.sources.at(-1)
  const lines = [`${lineStart(printable(last === undefined ? 'input' : formatSource(last)))}: ${printable(warning.message)}`]
  const others = warning.sources.slice(0, -1).map(formatSource)
  if (others.length > 0) lines.push(`  ${warning.code === 'W_DUPLICATE' ? 'read from' : 'see'} ${printable(others.join(', '))}${warning.code === 'W_DUPLICATE' ? ', not from this row' : ''}`)
  return lines.join('\n')
}

/**
 * The warnings that come with problems (`InputError.warnings`), after them: notes that may
 * explain one, not problems themselves. Empty without any.
 */
export function formatNotes(warnings: readonly Warning[], depth: 1 | 2 = 1): string {
  if (warnings.length === 0) return ''
  const n = warnings.length
  const head = `${n === 1 ? '1 warning' : `${n} warnings`} with ${depth === 1 ? 'these problems' : 'them'} (${n === 1 ? 'not a problem; it may explain one' : 'not problems; each may explain one'})`
  // Single mode: a heading of its own, as the problems'; batch: under the traveller, as its problems.
  const body = warnings.map((w) => (depth === 1 ? indent(formatWarning(w)) : indent(formatWarning(w), 3)))
  return `${depth === 1 ? `stay-calc: ${head}` : `    ${head}:`}\n${body.join('\n')}\n`
}

/** Each warning once: several rules may give one alike. */
function uniqueWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>()
  return warnings.filter((w) => {
    const key = JSON.stringify([w.code, w.message, w.sources])
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

/**
 * With `--json`, the report's warnings told on standard error too, each once (several rules may
 * give one alike): the JSON keeps them in `warnings`, but whoever runs a script sees only standard
 * error (QA: `stay-calc a.csv a.csv --json > out.json` told nobody of the rows read once).
 */
export function formatJsonWarnings(warnings: readonly Warning[]): string {
  const unique = uniqueWarnings(warnings)
  if (unique.length === 0) return ''
  const n = unique.length
  return `stay-calc: ${n === 1 ? '1 warning' : `${n} warnings`} (in the JSON's "warnings" too)\n${unique.map((w) => indent(formatWarning(w))).join('\n')}\n`
}

/** Each line of `text` moved right by `depth` steps of two spaces. */
function indent(text: string, depth = 1): string {
  const pad = '  '.repeat(depth)
  return pad + text.replaceAll('\n', `\n${pad}`)
}

export const ISSUES_URL = 'https://github.com/stay-calc/stay-calc/issues/new'

export function formatInternalError(error: unknown, version: string, nodeVersion: string, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error)
  const lines = [
    `stay-calc: internal error: ${message}`,
    'This is a bug in stay-calc. Please report it with the command you ran:',
    `  ${ISSUES_URL}?title=${encodeURIComponent(`Internal error: ${message}`.slice(0, 120))}&body=${encodeURIComponent(`stay-calc ${version}, Node ${nodeVersion}`)}`,
  ]
  if (debug && error instanceof Error && error.stack) lines.push(error.stack)
  else lines.push('(set DEBUG=stay-calc to print the stack)')
  return `${lines.join('\n')}\n`
}

/** Date formats in messages: the expectation every date message ends with. */
export const EXPECTED_ISO_DATE = 'a calendar date like 2024-02-28 (YYYY-MM-DD)'

/**
 * Message factories. Each returns the parts of an InputProblem (minus `source`), so callers
 * attach the location and tests can compare the exact words.
 */
export const problems = {
  fileUnreadable: (path: string, error: unknown, expected = 'a readable CSV file, or - for standard input') => {
    // Reading, a missing path is a missing file (the folder too, maybe, but the file is what was named).
    const detail = (error as { code?: string } | null)?.code === 'ENOENT' ? 'no such file' : errnoText(error)
    return { message: `cannot read ${quote(path, 80)}`, detail, expected }
  },
  stdinTwice: () => 'standard input (-) can be given once: it can only be read once',
  /** Two names of standard input, from a file or a terminal: the second would read it again. */
  stdinFileTwice: (first: string, second: string) =>
    `${quote(first, 80)} and ${quote(second, 80)} are both standard input (the file it is read from): give it once, or it is read twice`,
  streamTwice: (first: string, second: string) =>
    `${quote(first, 80)} and ${quote(second, 80)} are one stream (a pipe, standard input): it can be given once, as it can only be read once`,
  rulesFileTwice: (first: string, second: string) => `one rules file only: ${quote(first, 80)} and ${quote(second, 80)} given; put the rules in one file`,
  optionTwice: (flag: string, first: string, second: string) => `${flag} given twice (${quote(first)} and ${quote(second)}): it takes one value, and the second would silently replace the first`,
  optionNotForCommand: (flag: string, command: string) => `${flag} is not an option of stay-calc ${command}; see stay-calc ${command} --help`,
  // No input is refused, not read as no stays: a script that lost its file name must not be told 90 days remain.
  noInput: () => 'no stays given: name a CSV file, use - for standard input, or give --trip ENTRY..EXIT (no stays yet: a file of only the header line entry,exit)',
  badDateFlag: (flag: string, text: string, detail?: string) => `invalid ${flag} date ${quote(text)}${detail ? `: ${detail}` : ''}`,
  badNumber: (flag: string, text: string) => `${flag} takes a whole number of days ≥ 1, got ${quote(text)}`,
  tooManyDays: (flag: string, text: string, max: number) => `${flag} takes at most ${max} days, got ${quote(text)}`,
  limitNotBelowWindow: (limit: number, window: number) => `--limit ${limit} must be smaller than --window ${window}`,
  ruleAndCustom: () => '--limit/--window define their own rule; drop --rule or drop --limit/--window',
  unknownRule: (id: string, known: readonly string[]) =>
    `unknown rule ${quote(id)}; expected one of: ${known.join(', ')}`,

  // Input data (src/parse/): each returns a ProblemText with a stable code.
  dateMissing: (what: string, expected: string): ProblemText => ({ code: 'E_DATE_MISSING', message: `missing ${what}`, expected }),
  dateInvalid: (what: string, text: string, detail: string, expected: string): ProblemText => ({
    code: 'E_DATE_INVALID',
    message: `invalid ${what} ${quote(text)}`,
    detail,
    expected,
  }),
  dateAmbiguous: (what: string, text: string, detail: string, expected: string): ProblemText => ({
    code: 'E_DATE_AMBIGUOUS',
    message: `ambiguous ${what} ${quote(text)}`,
    detail,
    expected,
  }),
  /** One reading only (13/04/2024, or 01/01/2024 read either way), refused all the same: the file's other dates may not be. */
  dateOrderUnsaid: (what: string, text: string, detail: string, expected: string): ProblemText => ({
    code: 'E_DATE_AMBIGUOUS',
    message: `${what} ${quote(text)} without the order of its day and month`,
    detail,
    expected,
  }),
  exitBeforeEntry: (exit: string, entry: string): ProblemText => ({
    code: 'E_EXIT_BEFORE_ENTRY',
    message: `exit ${exit} is before entry ${entry}`,
    detail: 'the entry and exit dates may be swapped',
    expected: `an exit date on or after ${entry}`,
  }),
  untilBeforeEntry: (until: string, entry: string): ProblemText => ({
    code: 'E_UNTIL_BEFORE_ENTRY',
    message: `authorised until ${until}, before entry ${entry}`,
    detail: 'the admit-until date is the last day the visit is authorised, so it cannot come before the entry',
    expected: `an admit-until date on or after ${entry}, or an empty cell`,
  }),
  admitUntilWithoutStay: (on: string) => `--admit-until needs a stay: none is recorded on or before ${on}`,
  columnsMissing: (found: readonly string[]): ProblemText => ({
    code: 'E_COLUMNS_MISSING',
    message: 'missing required column(s)',
    detail:
      found.length === 0
        ? 'the file has no header line'
        : `the header has ${found.map((name) => quote(name)).join(', ')}; a stays file needs an entry and an exit column, a crossings file a date and a direction column` +
          // A date among them: the header line is missing, or was read as a comment (QA: a row-number column named `#`).
          (found.some((name) => /\d[-/.]\d{1,2}[-/.]\d/.test(name)) ? '; this line reads as a row: is the header line missing, or does it start with # (a column named #), which makes it a comment?' : ''),
    expected: EXPECTED_HEADER,
  }),
  columnsAmbiguous: (role: string, first: string, second: string): ProblemText => ({
    code: 'E_COLUMNS_AMBIGUOUS',
    message: `two ${role} columns: ${quote(first)} and ${quote(second)}`,
    detail: 'stay-calc cannot tell which one to use',
    expected: `one ${role} column; rename or remove the other`,
  }),
  columnsOfTwoForms: (stays: string, crossings: string): ProblemText => ({
    code: 'E_COLUMNS_AMBIGUOUS',
    message: `columns of two forms: ${quote(stays)} (a stay's entry or exit) and ${quote(crossings)} (a crossing's date or direction)`,
    detail: 'stay-calc cannot tell whether a row is a stay or a crossing, and would leave one of these columns unread',
    expected: 'entry and exit columns (one row per stay), or date and direction columns (one row per crossing); rename or remove the others',
  }),
  untilInCrossings: (name: string): ProblemText => ({
    code: 'E_COLUMNS_AMBIGUOUS',
    message: `an authorised-until column (${quote(name)}) in a crossings file`,
    detail: 'the last day a visit is authorised is read with its stay, and a crossings row is not a stay: the column would be left unread',
    expected: 'a stays file with entry, exit and until columns, or --admit-until DATE for the visit in progress',
  }),
  directionMissing: (accepted: DirectionWords): ProblemText => ({
    code: 'E_DIRECTION_MISSING',
    message: 'missing direction',
    expected: expectedDirection(accepted),
  }),
  directionUnknown: (text: string, accepted: DirectionWords): ProblemText => ({
    code: 'E_DIRECTION_UNKNOWN',
    message: `unknown direction ${quote(text)}`,
    expected: expectedDirection(accepted),
  }),
  /** `firstAt`: where the first entry is, `line 4` in the same file, else `jan.csv:4` (see `crossingAt`). */
  entryTwice: (firstAt: string, first: string, second: string): ProblemText => ({
    code: 'E_ENTRY_TWICE',
    message: 'two entries without an exit between them',
    detail: `entry on ${first} (${firstAt}), then entry again on ${second}`,
    expected: `an exit row between them, dated from ${first} to ${second}`,
  }),
  /** `previousExitAt`: as `firstAt` of `entryTwice`. */
  exitWithoutEntry: (exit: string, previousExitAt: string | undefined): ProblemText => ({
    code: 'E_EXIT_WITHOUT_ENTRY',
    message: 'exit without an entry before it',
    detail:
      previousExitAt === undefined
        ? `exit on ${exit} is the first crossing in date order`
        : `exit on ${exit} follows the exit on ${previousExitAt}`,
    expected: `an entry row dated on or before ${exit}`,
  }),
  csvUnclosedQuote: (lastLine: number): ProblemText => ({
    code: 'E_CSV_SYNTAX',
    message: 'unterminated quoted field',
    detail: `a quote opened on this line is never closed, so everything up to line ${lastLine} was read as one field`,
    expected: 'a closing quote at the end of the field, like "Paris, France"',
  }),
  csvFieldCount: (found: number, header: number, delimiter: string): ProblemText => ({
    code: 'E_CSV_SYNTAX',
    message: 'wrong number of fields',
    detail: `found ${found} field${found === 1 ? '' : 's'}, the header has ${header}`,
    // The example fits the file: a comma inside quotes is no help in a file separated by semicolons.
    expected: `one value per column, separated by ${delimiterName(delimiter)}; ${
      delimiter === '\t' ? 'quote values that contain a tab' : `quote values that contain it, like "Paris${delimiter} France"`
    }`,
  }),
  csvRowsInValue: (lastLine: number, rowLike: readonly number[]): ProblemText => ({
    code: 'E_CSV_SYNTAX',
    message: `a quoted value runs on to line ${lastLine}, over lines that read as rows`,
    detail: `line${rowLike.length === 1 ? '' : 's'} ${rowLike.join(', ')} alone ${rowLike.length === 1 ? 'reads' : 'read'} as a row (values where the header's columns are, a date among them), but inside the quotes ${rowLike.length === 1 ? 'it is' : 'they are'} part of this row's value: a quote is most likely missing`,
    expected: 'the quote closed on the line it opens (a quoted note may hold line breaks, but not rows)',
  }),
  csvHashRow: (first: string, column: string, fields: number): ProblemText => ({
    code: 'E_CSV_HASH_ROW',
    message: 'a line starting with # that reads as a row',
    detail: `lines starting with # are comments, but this one has the header's ${fields} fields, and ${quote(first)} may be a value of the ${quote(column)} column`,
    expected: `${csvQuoted(first)} in quotes if it is a row; if it is a comment, the line above the header line, or deleted`,
  }),
  csvErrorValueRow: (first: string, column: string, fields: number): ProblemText => ({
    code: 'E_CSV_HASH_ROW',
    message: `a row starting with the spreadsheet error ${quote(first)}`,
    detail: `lines starting with # are comments, but this one has the header's ${fields} fields, and ${quote(first)} is what a spreadsheet writes in the ${quote(column)} column for a formula that failed, not a row commented out`,
    expected: `the ${quote(column)} cell mended in the spreadsheet and the file saved again; if it is a comment, the line above the header line, or deleted`,
  }),
  encodingUnicode: (bits: 16 | 32): ProblemText => ({
    code: 'E_ENCODING',
    message: `the file is UTF-${bits} text; stay-calc reads UTF-8`,
    detail:
      bits === 16
        ? 'in UTF-16 each letter of the header comes with a NUL byte (Excel\'s "Unicode Text" is UTF-16)'
        : 'in UTF-32 each letter of the header comes with three NUL bytes',
    expected: 'the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor',
  }),
  notText: (): ProblemText => ({
    code: 'E_ENCODING',
    message: 'not a text file',
    detail: 'its first line holds NUL bytes, or starts as a PDF or an image does: a spreadsheet (.xlsx, .xls) or another file that is not text',
    expected: 'a CSV file saved as text, like Excel\'s "CSV UTF-8" (Save As)',
  }),
  /** A row csv-parse reads as no record, or as more than one (csvSyntax's reason). */
  notOneRecord: () => 'the row cannot be read as one CSV record',
  csvSyntax: (reason: string): ProblemText => ({
    code: 'E_CSV_SYNTAX',
    message: 'malformed CSV row',
    detail: reason,
    expected: 'quotes only around a whole field, like "Paris, France", with "" for a quote inside it',
  }),
  tripMalformed: (detail: string): ProblemText => ({
    code: 'E_TRIP_MALFORMED',
    message: 'malformed --trip value',
    detail,
    expected: EXPECTED_TRIP,
  }),
  openAfterOn: (entry: string, on: string): ProblemText => ({
    code: 'E_OPEN_AFTER_ON',
    message: 'stay without an exit starts after the report date',
    detail: `entry ${entry} is after ${on}, the date the report is for`,
    expected: 'an exit date for planned stays, or a later --on',
  }),
  openNotLast: (entry: string, next: string, nextSource: string, nextOpen: boolean): ProblemText => ({
    code: 'E_OPEN_NOT_LAST',
    message: 'stay without an exit is not the last stay',
    detail: nextOpen
      ? `entry ${entry} has no exit, and ${nextSource} enters on ${next} without an exit too`
      : `entry ${entry} has no exit, but ${nextSource} enters later, on ${next}`,
    expected: 'an exit date on every stay but the last',
  }),
}

/** The words of an InputProblem, without its location; parsers attach `source`. */
export type ProblemText = Omit<InputProblem, 'source'>

/** Accepted words for each direction of a crossing, as listed in messages. */
export interface DirectionWords {
  readonly entry: readonly string[]
  readonly exit: readonly string[]
}

function expectedDirection(accepted: DirectionWords): string {
  return `one of ${accepted.entry.join(', ')} (entering) or ${accepted.exit.join(', ')} (leaving)`
}

function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tabs' : delimiter === ';' ? 'semicolons' : delimiter === '|' ? 'vertical bars' : 'commas'
}

/** A value as a CSV field in quotes (`""` for a quote inside it), cut as `quote` cuts. */
function csvQuoted(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value
  return `"${cut.replaceAll('"', '""')}"`
}

/** The `detail` added to a problem about a value holding U+FFFD, what a byte that is not UTF-8 decodes to. */
export const NOT_UTF8_HINT = '"\uFFFD" stands for bytes that are not UTF-8: the file may be Latin-1 or Windows-1252; save it as UTF-8'

/**
 * A problem about a value of a file with bytes that are not UTF-8 (`unknown country "�sterreich"`,
 * a date), with a hint saying so; any other problem as it is. Adds the hint once.
 * @example withEncodingHint(zoneProblems.countryUnknown('\uFFFDsterreich', [])).detail
 * //=> 'not an ISO 3166-1 code or a country name stay-calc knows; "�" stands for bytes that are not UTF-8: …'
 */
export function withEncodingHint<T extends ProblemText>(problem: T): T {
  const text = `${problem.message}\n${problem.detail ?? ''}`
  if (!text.includes('\uFFFD') || text.includes(NOT_UTF8_HINT)) return problem
  const detail = problem.detail === undefined ? NOT_UTF8_HINT : `${problem.detail}${/[?.!]$/.test(problem.detail) ? ' ' : '; '}${NOT_UTF8_HINT}`
  return { ...problem, detail }
}

export const EXPECTED_HEADER = 'a header like "entry,exit" (one row per stay) or "date,direction" (one row per crossing)'
export const EXPECTED_TRIP = 'ENTRY..EXIT like 2024-01-05..2024-02-20, or ENTRY.. if still inside'

/** Explanations for a date that was refused (the `detail` line), see `src/parse/date.ts`. */
export const dateDetails = {
  yearOutOfRange: (year: string, min: number, max: number) => `year ${year} is out of range (${min} to ${max})`,
  monthOutOfRange: (month: number) => `month ${month} is out of range`,
  dayOutOfRange: (day: number, monthName: string, year: number) => `day ${day} is out of range for ${monthName} ${year}`,
  withTime: () => 'a time of day is not accepted, only the calendar day',
  textAfter: (after: string) => `${quote(after)} follows the date, and only the date is read (in a file, a note goes in a column of its own)`,
  dayCutShort: (text: string, longer: readonly [number, number] | null, padded: string | null) => {
    const cut = longer === null ? [] : [`a date cut short (${longer[0] === longer[1] ? `${text}${longer[0] % 10}` : `${text}${longer[0] % 10} … ${text}${longer[1] % 10}`}?)`]
    const zero = padded === null ? [] : [`written without its zero (${padded}?)`]
    return `the month has a leading zero but the day one digit: ${[...cut, ...zero].join(', or ')}`
  },
  weekDate: () => 'week dates are not accepted',
  ordinalDate: () => 'ordinal (day-of-year) dates are not accepted',
  twoDigitYear: () => 'the year needs four digits',
  unrecognised: () => 'not a date in a form stay-calc recognises',
  eitherOrder: (first: string, second: string) => `it could be ${first} or ${second}`,
  rewrite: (iso: string, format: string) => `write it as ${iso}, or say the order with --date-format ${format}`,
  noOrder: () => 'neither order of day and month gives a calendar date',
  incompleteFormat: (format: string) => `--date-format ${quote(format)} does not give a full date (day, month and year)`,
  invalidFormat: (format: string, reason: string) => `--date-format ${quote(format)} cannot be used: ${reason.replace(/\.$/, '')}`,
}

/** Expectations for dates: ISO by default, or the user's `--date-format` with an example. */
export const expectedDates = {
  inFormat: (format: string, example: string) => `a date like ${example} (--date-format ${format})`,
  eitherOrder: (dayFirst: string, monthFirst: string) =>
    `${EXPECTED_ISO_DATE}, or --date-format ${dayFirst} or ${monthFirst}`,
}

/** Why a `--trip` value is malformed (the `detail` of problems.tripMalformed). */
export const tripShape = {
  noDots: () => 'no ".." between the entry and the exit',
  threeDots: () => 'three dots; entry and exit are separated by exactly two',
  manyDots: () => 'more than one ".."',
  noEntry: () => 'the entry date before ".." is missing',
  notDate: (text: string) => `${quote(text)} is not a date`,
}

/** Non-fatal remarks about stays (Warning.message); the sources are listed by the renderer. */
export const warningMessages = {
  duplicate: (range: string) => `duplicate stay ${range}; each day is counted once`,
  /** The same stay without an exit twice (a file given twice, say). */
  duplicateOpen: (entry: string) => `duplicate stay from ${entry}, still inside; each day is counted once`,
  overlap: (range: string) => `stays overlap on ${range}; each day is counted once`,
  /**
   * The same crossing in two files (overlapping exports, a file given twice): `what` is `entry`,
   * `exit from FR (France)`, `move from FR (France) to DE (Germany)` (`mergeCrossings`).
   */
  duplicateCrossing: (what: string, day: string) => `duplicate ${what} on ${day}, also in an earlier file (or the same file given twice); it is read once`,
  /** A country log: two countries on the same days (more than a day of travel between them). */
  overlapCountries: (range: string, first: string, second: string) =>
    `stays in ${first} and ${second} overlap on ${range} (check the dates): each zone counts the days of its own countries`,
  untilNotChecked: (until: string, rule: string) =>
    `authorised until ${until}: ${rule} has no per-visit cap to check it against, so the count does not show it; leave by that date all the same`,
  joinsZone: (country: string, zone: string, from: string, leaveBy: string, rule: string) =>
    leaveBy < from
      ? `${country} joins ${zone} on ${from}: from then your days there count toward ${rule} with no border crossed, and with the days already counted the first would break it: leave by ${leaveBy}`
      : `${country} joins ${zone} on ${from}: from then your days there count toward ${rule} with no border crossed; staying on, leave by ${leaveBy}`,
  untilPassedInside: (on: string, until: string, rule: string) =>
    `still inside on ${on}, after the authorised ${until}: ${rule} has no per-visit cap to count that overstay, so the count does not show it`,
  untilPassed: (exit: string, until: string, rule: string) =>
    `left on ${exit}, after the authorised ${until}: ${rule} has no per-visit cap to count that overstay, so the count does not show it`,
  untilBeyondCap: (until: string, rule: string, last: string, hard: boolean) =>
    hard
      ? `authorised until ${until}, after the longest visit ${rule} allows from this entry (last day ${last}), which no document extends: ${last} is used; check the date against the entry stamp or admission record`
      : `authorised until ${until}, after the longest visit ${rule} allows from this entry (last day ${last}): the date is used as given; check it against the entry stamp or admission record (a typo, or an extension where the rule allows one)`,
}

/** What each value of a rules file must be (src/rules/load.ts): messages read "expected <this>, got <value>". */
export function ruleFileExpected(limits: { maxDays: number; maxDivisors: number; maxMultiple: number; kinds: readonly string[]; dayCountings: readonly string[]; confidences: readonly string[]; purposes: readonly string[] }) {
  return {
    file: 'a mapping with a "rules" list, like rules: [{ id: my-rule, ... }]',
    rules: 'a list of rules',
    rule: 'a mapping with id, label and constraints',
    id: 'a lowercase id like my-rule (letters, digits and hyphens)',
    ids: 'a list of lowercase ids',
    text: 'a non-empty text, on one line, without control characters',
    texts: 'a list of texts',
    date: EXPECTED_ISO_DATE,
    whole: `a whole number from 1 to ${limits.maxDays}`,
    unit: 'days or months',
    boolean: 'true or false',
    dayCounting: `one of ${limits.dayCountings.join(', ')}`,
    confidence: `one of ${limits.confidences.join(', ')}`,
    purpose: `one of ${limits.purposes.join(', ')}`,
    yearStart: 'a month and day like "04-06" (MM-DD)',
    divisors: `a list of 1 to ${limits.maxDivisors} whole numbers from 1 to ${limits.maxDays}, like [1, 3, 6]`,
    reachable: (most: number) => `a threshold the years counted can reach (at most ${most} weighted days in years of 366)`,
    divisorsMultiple: `divisors whose least common multiple is at most ${limits.maxMultiple.toLocaleString('en-US')} (the weighted total is counted exactly in multiples of it), like [1, 3, 6]`,
    constraints: 'a list of at least one constraint',
    constraint: 'a mapping with a kind',
    kind: `one of ${limits.kinds.join(', ')}`,
  } as const
}

/**
 * Messages for a rules file (`--rules-file`, src/rules/load.ts). Each names the path inside the
 * file (`rules[0].constraints[1].limit`); the file and line go in the problem's `source`.
 */
export const ruleFileProblems = {
  empty: (expected: string) => `empty file; expected ${expected}`,
  /** NUL bytes: UTF-16 (Notepad's "Unicode") or UTF-32, or no text at all (src/parse/encoding.ts). */
  notUtf8Text: (found: 'utf16' | 'utf32' | 'binary'): ProblemText =>
    found === 'binary'
      ? { code: 'E_ENCODING', message: 'not a text file', detail: 'it holds NUL bytes, or starts as a PDF or an image does', expected: 'a JSON or YAML rules file saved as UTF-8 text' }
      : {
          code: 'E_ENCODING',
          message: `the file is UTF-${found === 'utf16' ? 16 : 32} text; stay-calc reads UTF-8`,
          detail: `in UTF-${found === 'utf16' ? '16 each letter comes with a NUL byte' : '32 each letter comes with three NUL bytes'}`,
          expected: 'the file saved as UTF-8 (the UTF-8 encoding in a text editor)',
        },
  /**
   * Bytes that are not UTF-8 (Latin-1 `Österreich`) read as U+FFFD. A U+FFFD written as such is
   * refused too: it cannot be told apart once read, and a label is no place for it.
   */
  notUtf8: (line: string): ProblemText => ({
    code: 'E_ENCODING',
    message: `bytes that are not UTF-8: ${quote(line, 60)}`,
    detail: 'each shows as \uFFFD (a \uFFFD written as such is refused too)',
    expected: 'the file saved as UTF-8 (a Latin-1 or Windows-1252 file is not)',
  }),
  syntax: (format: 'JSON' | 'YAML', reason: string) => `invalid ${format}: ${reason}`,
  keyTwice: (key: string) => `key ${quote(key)} is given twice in one object (only one value can hold)`,
  /** `got` is `null` when the key is missing. */
  schema: (path: string, expected: string, got: string | null) => {
    const where = path === '' ? '' : `${path}: `
    return got === null ? `${where}missing; expected ${expected}` : `${where}expected ${expected}, got ${got}`
  },
  unknownKey: (path: string, known: readonly string[]) => `${path}: unknown key; expected one of: ${known.join(', ')}`,
  presetName: (path: string, name: string) => `${path}: expected a name that is not a preset, got ${quote(name)}`,
  duplicateName: (path: string, name: string, first: string) =>
    `${path}: expected a name not used before, got ${quote(name)} (already at ${first})`,
  dateOrder: (path: string, from: string, to: string) => `${path}: expected a date on or after validFrom (${from}), got ${quote(to)}`,
  entriesOrder: (path: string, from: string, to: string) => `${path}: expected a date on or after entriesFrom (${from}), got ${quote(to)}`,
  limitOrThreshold: (path: string, both: boolean) => `${path}: expected exactly one of limit or threshold, got ${both ? 'both' : 'neither'}`,
  limitNotBelowWindow: (path: string, limit: number, window: number) =>
    `${path}: expected a whole number smaller than window (${window}), got ${limit}`,
  tooManyMonths: (path: string, n: number, max: number) => `${path}: expected at most ${max} months, got ${n}`,
}

/** Messages for the planning flags (`--for`, `--days`, `--chart`, `--ics`; src/planning-output.ts). */
export const planningProblems = {
  chartExtension: (path: string) => `--chart takes a file name ending in .svg or .html, got ${quote(path, 80)}`,
  /** `--ics -`: not standard output, which has the report; a file named `-` is surely not meant. */
  outputDash: (flag: string): string => `${flag} needs a file name: "-" is not standard output here (the report is written there); give a file name`,
  /** `--chart`/`--ics` naming a file the run reads, or the other output: one would be lost. */
  outputTaken: (flag: string, path: string, taken: string): string => `${flag} ${quote(path, 80)} is ${taken}: writing it would lose that; give another file name`,
  timelineWithJson: (): string =>
    '--timeline draws text for a terminal and has no JSON form; with --json, --explain gives the binding window and its stays, and --chart FILE.svg draws the timeline to a file',
  /** An output file that cannot be written (OutputError): the file, why, and what would do. */
  fileUnwritable: (flag: string, path: string, error: unknown): string => {
    const why = errnoText(error)
    return `cannot write the ${flag} file ${quote(path, 80)}: ${why}; give a file name in a folder you can write to`
  },
}

/** Where a country log has the traveller at a row, for messages (src/zones/log.ts). */
export interface SinceRef {
  readonly date: string
  /** Where that row is: `line 4` in the file of the row reported, else `jan.csv:4` (see `crossingAt`). */
  readonly at: string
}
export interface PlaceSince extends SinceRef {
  /** The country, as `FR (France)`. */
  readonly country: string
}
export type LogState = { readonly first: true } | { readonly outsideSince: PlaceSince } | { readonly insideSince: PlaceSince }

export const EXPECTED_COUNTRY = 'an ISO 3166-1 code like DE or DEU, or an English name like Germany'

/** `a`, `a or b`, `a, b or c`. */
const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`

/**
 * Messages for country logs and zones (src/zones/). Countries are named as `FR (France)`.
 * Problems in a log are ProblemTexts; misuse of `--rule ZONE=ID` and `--home` are UsageError texts.
 */
export const zoneProblems = {
  countryMissing: (what: string): ProblemText => ({ code: 'E_COUNTRY_MISSING', message: `missing ${what}`, expected: EXPECTED_COUNTRY }),
  countryUnknown: (text: string, suggestions: readonly string[]): ProblemText => ({
    code: 'E_COUNTRY_UNKNOWN',
    message: `unknown country ${quote(text)}`,
    detail: suggestions.length > 0 ? `did you mean ${orList(suggestions)}?` : 'not an ISO 3166-1 code or a country name stay-calc knows',
    expected: EXPECTED_COUNTRY,
  }),
  countryNotAvailable: (text: string): ProblemText => ({
    code: 'E_COUNTRY_UNKNOWN',
    message: `unknown country ${quote(text)}`,
    detail: "that is a spreadsheet's or a form's \"not available\" (or another error value), not a country",
    expected: EXPECTED_COUNTRY,
  }),
  entryTwice: (country: string, since: SinceRef, day: string): ProblemText => ({
    code: 'E_ENTRY_TWICE',
    message: `two entries into ${country} without an exit between them`,
    detail: `entry on ${since.date} (${since.at}), then entry again on ${day}`,
    expected: `an exit from ${country} between them, dated from ${since.date} to ${day}`,
  }),
  entryWhileInside: (into: string, inside: string, since: SinceRef, day: string): ProblemText => ({
    code: 'E_ENTRY_WHILE_INSIDE',
    message: `entry into ${into} while the log has you in ${inside}`,
    detail: `${inside} was entered on ${since.date} (${since.at}) and no exit from it is recorded before ${day}`,
    expected: `an exit from ${inside} dated from ${since.date} to ${day}, before this row`,
  }),
  arrivalWhileInside: (into: string, inside: string, since: SinceRef, day: string): ProblemText => ({
    code: 'E_ENTRY_WHILE_INSIDE',
    message: `arrival in ${into} from outside while the log has you in ${inside}`,
    detail: `${inside} was entered on ${since.date} (${since.at}) and not left since`,
    expected: `${inside} in the from column, or a move out of it dated from ${since.date} to ${day}`,
  }),
  exitNotEntered: (country: string, day: string, state: LogState): ProblemText => ({
    code: 'E_EXIT_NOT_ENTERED',
    message: `exit from ${country} without an entry into it`,
    detail:
      'first' in state
        ? `exit on ${day} is the first crossing in date order`
        : 'insideSince' in state
          ? `the log has you in ${state.insideSince.country} since ${state.insideSince.date} (${state.insideSince.at})`
          : `the log has you outside since leaving ${state.outsideSince.country} on ${state.outsideSince.date} (${state.outsideSince.at})`,
    expected: `an entry into ${country} dated on or before ${day}, before this row`,
  }),
  moveEmpty: (): ProblemText => ({
    code: 'E_MOVE_EMPTY',
    message: 'a move with neither a from nor a to country',
    expected: 'at least one country, like 2024-01-05,,FR (arriving in France from outside)',
  }),
  moveSame: (country: string): ProblemText => ({
    code: 'E_MOVE_SAME',
    message: `a move from ${country} to itself`,
    expected: 'two different countries, or a blank side for outside (or home)',
  }),

  // Usage (UsageError messages).
  ruleValue: (value: string) => `--rule ${quote(value)}: expected ID or ZONE=ID, like kz=kz-visa-free`,
  zoneUnknown: (zone: string, known: readonly string[]) => `unknown zone ${quote(zone)} in --rule; expected one of: ${known.join(', ')}`,
  zoneRuleTwice: (zone: string, first: string, second: string) => `two rules for zone ${zone}: --rule ${first} and --rule ${second}; give one`,
  zoneRuleAbsence: (zone: string, id: string) => `rule ${quote(id)} counts days abroad, so it cannot count the days in zone ${zone}`,
  ruleWithCountries: (id: string, zone: string | undefined, isDefault: boolean) =>
    isDefault
      ? `--rule ${id} is for input without a country column; with countries, zone ${zone} is counted under ${id} already: leave --rule out`
      : `--rule ${id} is for input without a country column; with countries each zone has its own rule: name the zone, like --rule ${zone ?? 'ZONE'}=${id}`,
  customWithCountries: () => '--limit/--window are for input without a country column; with countries each zone has its own rule (--rule ZONE=ID)',
  zoneRuleWithoutCountries: (value: string) => `--rule ${value} sets the rule of a zone, but no input has a country column`,
  homeWithoutCountries: () => '--home needs input with a country column',
  homeUnknown: (text: string, suggestions: readonly string[]) =>
    `unknown --home country ${quote(text)}${suggestions.length > 0 ? `: did you mean ${orList(suggestions)}?` : ''}; expected ${EXPECTED_COUNTRY}`,
  countriesMixed: (withCountries: string, without: string) =>
    `${withCountries} names countries (a country column, or from and to) but ${without} does not: give a country for every stay, or for none`,
  /** A `date,from,to` log and a `date,country,direction` log in one run: `form` is this file's, `other` the file of the other form. */
  logFormsMixed: (form: 'crossings' | 'moves', other: string): ProblemText => {
    const [here, there] = form === 'moves' ? ['date,from,to', 'date,country,direction'] : ['date,country,direction', 'date,from,to']
    return {
      code: 'E_LOG_FORMS_MIXED',
      message: `a ${here} log beside the ${there} log ${other}`,
      detail:
        'a traveller\'s logs are one log, read in date order, but a move and a crossing are read by different rules; ' +
        'read apart, a stay one log leaves open would run on through the other',
      expected: 'every log in one form: as crossings, the move 2024-01-20,FR,DE is the rows 2024-01-20,FR,out and 2024-01-20,DE,in (a blank from or to: no row for it)',
    }
  },
  untilWithCountries: (): ProblemText => ({
    code: 'E_UNTIL_WITH_COUNTRIES',
    message: 'an authorised-until column cannot be read with a country column yet',
    detail: 'the per-visit caps of the zones do not take an authorised last day yet, and dropping it would show a later deadline than your document allows',
    expected: 'the file without the until column (check the authorised date by hand), or one country at a time without the country column',
  }),
  notWithCountries: (what: string) => `${what} does not read input with a country column yet; check one zone at a time without the country column`,
}

/**
 * Batch mode (src/batch/): many travellers in one run. Input problems are reported per traveller,
 * each with its `file:line`; a problem that no traveller can be told for belongs to its file.
 */
export const batchProblems = {
  travellerMissing: (column: string): ProblemText => ({
    code: 'E_TRAVELLER_MISSING',
    message: 'missing traveller',
    detail: `the ${quote(column)} column is empty on this row`,
    expected: `a value in the ${quote(column)} column naming who crossed, like P001 or "Ada Lovelace"`,
  }),
  groupByMissing: (column: string, found: readonly string[]): ProblemText => ({
    code: 'E_GROUP_BY_MISSING',
    message: `no column ${quote(column)} (--group-by)`,
    detail: found.length === 0 ? 'the file has no header line' : `the header has ${found.map((name) => quote(name)).join(', ')}`,
    expected: 'a column of that name in every file, or --group-by naming one of the header columns',
  }),
  /** `--group-by date`: a column read for its dates cannot also name the travellers (a usage error). */
  groupByReadAsData: (column: string, file: string) =>
    `--group-by ${quote(column)}: ${quote(file, 80)} reads that column as its dates or directions; name the column of travellers (a name or an id)`,
  countriesInBatch: (): ProblemText => ({
    code: 'E_BATCH_COUNTRIES',
    message: 'a country log cannot be checked in batch mode yet',
    detail: 'a log of countries (a country column, or a move log with from and to columns) is answered zone by zone, one traveller per run',
    expected: 'one run per traveller for logs of countries',
  }),
  /**
   * A traveller cell with U+FFFD, what bytes that are not UTF-8 read as: Latin-1 `Müller` and
   * `Möller` both read `M�ller`, so the name cannot tell people apart and is not used as it is.
   */
  travellerNotUtf8: (name: string): ProblemText =>
    withEncodingHint({
      code: 'E_TRAVELLER_ENCODING',
      message: `traveller ${quote(name)} is not UTF-8 text`,
      detail: 'names that differ only in those bytes (Müller and Möller) read the same, so their rows would be counted as one person\'s',
      expected: 'the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor',
    }),
  /**
   * A traveller whose name a cell that is not UTF-8 may stand for (`M�ller` for `Müller`): that
   * row may be theirs, so their answer may miss it. The problem is placed at that row.
   */
  travellerLookalike: (unreadable: string): ProblemText =>
    withEncodingHint({
      code: 'E_TRAVELLER_ENCODING',
      message: 'rows of this traveller may be missing',
      detail: `${quote(unreadable)} in this file is read from bytes that are not UTF-8: its rows may be this traveller's, and are counted for no one`,
      expected: 'the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor',
    }),
  /** A traveller named in a file whose header cannot be used (`why`: that problem's message). */
  rowsUnread: (file: string, headerLine: number, why: string): ProblemText => ({
    code: 'E_ROWS_UNREAD',
    message: 'rows of this traveller cannot be read',
    detail: `the header of ${file} (line ${headerLine}) cannot be used: ${why}; so no row of that file is read, this one included`,
    expected: `that problem of the header solved (it is listed under ${file}, the traveller named by the file)`,
  }),
  /**
   * Every traveller of a batch, when a file with rows has no traveller column that can be used (the
   * `--group-by` column is missing there): any of them may have rows in it.
   */
  rowsAnywhere: (file: string, headerLine: number, why: string): ProblemText => ({
    code: 'E_ROWS_UNREAD',
    message: 'rows of this traveller may be missing',
    detail: `${file} has rows, but its header (line ${headerLine}) cannot be used: ${why}; none of its rows can be told to be one traveller's, so any traveller may have rows there`,
    expected: `that problem of the header solved (it is listed under ${file}, the traveller named by the file)`,
  }),
  rowsInUnreadFile: (file: string): ProblemText => ({
    code: 'E_ROWS_UNREAD',
    message: 'rows of this traveller may be missing',
    detail: `${file} could not be read, so none of its rows can be told to be one traveller's: any traveller may have rows there`,
    expected: `that file readable (its problem is listed under ${file}, the traveller named by the file)`,
  }),
  rowSwallowed: (file: string, line: number, lastLine: number): ProblemText => ({
    code: 'E_CSV_DAMAGED',
    message: 'a row of this traveller may be missing',
    detail: `${file} line ${line} opens a quote that closes only on line ${lastLine}, so lines ${line}–${lastLine} read as one malformed row, this one included`,
    expected: `the quote on line ${line} closed on that line`,
  }),
  /** A bad row whose traveller cell names `named`, which may be a row of this traveller (src/batch/maybe-theirs.ts). */
  rowMaybeTheirs: (file: string, line: number, named: string, how: { readonly split: string } | { readonly hash: true } | { readonly quote: true }): ProblemText => ({
    code: 'E_CSV_SYNTAX',
    message: 'a row of this traveller may be missing',
    detail:
      'split' in how
        ? `${file} line ${line} is read as one value, so as a row of traveller ${quote(named)}; separated by ${delimiterName(how.split)}, it is a row of this traveller`
        : 'hash' in how
          ? `${file} line ${line} starts with "#", so it is read as a row of traveller ${quote(named)}, though it may be a row of this traveller, commented out`
          : `${file} line ${line} has a stray quote in its traveller value, so it is read as a row of traveller ${quote(named)}; with the quote mended, it may be a row of this traveller`,
    expected:
      'split' in how
        ? 'the row separated as the header is'
        : 'hash' in how
          ? `the line deleted if it is a comment, or its first value in quotes if it is a row of ${quote(named)}`
          : 'the quotes of that row mended (a quoted value starts and ends with a quote; a quote inside one is written twice)',
  }),
  rowsLost: (file: string, line: number): ProblemText => ({
    code: 'E_CSV_DAMAGED',
    message: 'rows of this traveller may be missing',
    detail: `${file} line ${line} opens a quote that is never closed, so no row after it can be read`,
    expected: 'the quote on that line closed',
  }),
  inputDamaged: (line: number, file?: string): ProblemText => ({
    code: 'E_CSV_DAMAGED',
    message: 'rows of this traveller may be missing',
    detail:
      file === undefined
        ? `standard input has a malformed row at line ${line}, rows after it may have been lost, and standard input cannot be read again`
        : `${file} (a pipe) has a malformed row at line ${line}, rows after it may have been lost, and a pipe cannot be read again`,
    expected: 'the malformed row fixed, or the input given as a regular file',
  }),

  // Usage (UsageError messages).
  tripInBatch: () => '--trip is for one traveller; batch input (a folder, a traveller column, --group-by, --batch or --format jsonl/csv/github/junit) reads files only',
  planningInBatch: (flag: string) => `${flag} answers for one traveller; it cannot be combined with batch input`,
  groupByEmpty: () => '--group-by needs the name of the column of travellers, like --group-by "Employee No"',
  columnReadAsTravellers: (file: string, column: string) =>
    `stay-calc: note: column ${quote(column)} of ${printable(file)} names travellers, each answered on its own (batch mode). Rename the column if it means something else; --batch (or -q) silences this note.\n`,
  /** A batch of no travellers passes, as nothing is broken: said, for a CI job checking an export that came out empty (QA). */
  noTravellers: () => 'stay-calc: note: the input names no traveller (no row after the header): nothing was checked.\n',
  zoneRuleInBatch: (value: string) => `--rule ${value} sets the rule of a zone, for country logs; batch input does not read country logs yet`,
  planOnBatch: (file: string) => `stay-calc plan answers for one traveller, but ${file} has a traveller column; check one traveller's rows at a time`,
  unknownFormat: (format: string, known: readonly string[]) => `unknown --format ${quote(format)}; expected one of: ${known.join(', ')}`,
  emptyFolder: (path: string) => `${quote(path, 80)} is a folder without .csv, .tsv or .txt files to read; name the files to read, or a folder that has some`,
  folderExpected: () => 'a folder you can read, or its files named one by one',
  jsonFormatDisagree: (format: string) => `--json and --format ${quote(format)} disagree; give one`,
}

/** A traveller's name as a heading: whole up to 200 characters (QA: a 20 MB name made a 20 MB line). */
function shortName(name: string): string {
  if (name.length <= 200) return name
  const cut = /[\uD800-\uDBFF]$/.test(name.slice(0, 199)) ? name.slice(0, 198) : name.slice(0, 199)
  return `${cut}…`
}

/** Input problems of a batch on stderr, per traveller: `file:line` first, as `formatProblem` writes them. */
export function formatBatchProblems(travellers: readonly TravellerProblems[], total: number): string {
  const counts = { travellers: travellers.length, problems: travellers.reduce((sum, t) => sum + t.problems.length, 0) }
  return [...batchProblemPieces(travellers, counts, total)].join('')
}

interface TravellerProblems {
  readonly traveller: string
  readonly problems: readonly InputProblem[]
  readonly warnings?: readonly Warning[]
}

/**
 * The warnings of the travellers a batch answered (a row read once, stays overlapping), on standard
 * error as single mode tells them, under each traveller: the table and the CSV have no room for
 * them, and a script reading JSON sees only standard error (QA: the same file given twice told
 * nobody of its rows read once). `inJson`: the output carries them too.
 */
export function* batchWarningPieces(
  travellers: Iterable<{ readonly traveller: string; readonly warnings: readonly Warning[] }>,
  count: number,
  total: number,
  inJson: boolean,
): Generator<string> {
  let piece = `stay-calc: warnings for ${count} of ${total} traveller${total === 1 ? '' : 's'} (their answers stand${inJson ? '; in the JSON\'s "warnings" too' : ''})\n`
  for (const t of travellers) {
    piece += `  ${lineStart(printable(shortName(t.traveller)))}:\n`
    for (const w of uniqueWarnings(t.warnings)) piece += `${indent(formatWarning(w), 2)}\n`
    if (piece.length >= 1 << 16) {
      yield piece
      piece = ''
    }
  }
  if (piece !== '') yield piece
}

/**
 * `formatBatchProblems` in pieces of about 64 KB, to write as they are made, the travellers taken
 * one at a time (counted beforehand, for the heading): a million bad rows (dates without
 * --date-format) made one string of 240 MB, with its lines besides (QA).
 */
export function* batchProblemPieces(
  travellers: Iterable<TravellerProblems>,
  counts: { readonly travellers: number; readonly problems: number },
  total: number,
): Generator<string> {
  const { travellers: n, problems: count } = counts
  let piece = `stay-calc: ${count === 1 ? '1 problem' : `${count} problems`} in the input of ${n} of ${total} traveller${total === 1 ? '' : 's'} (marked as errors in the output)\n`
  for (const t of travellers) {
    piece += `  ${lineStart(printable(shortName(t.traveller)))}:\n`
    for (const p of t.problems) piece += `${indent(formatProblem(p), 2)}\n`
    const notes = formatNotes(t.warnings ?? [], 2)
    if (notes !== '') piece += `${notes.trimEnd()}\n`
    if (piece.length >= 1 << 16) {
      yield piece
      piece = ''
    }
  }
  if (piece !== '') yield piece
}
