/**
 * A CSV file as a stream of chunks → its header and rows, each with the physical line it starts
 * on, handed to a sink one by one and never kept: the reader of batch mode, for inputs of any size.
 * Uses csv-parse's streaming API; the same rows and lines as `readTable` (records.ts) for every
 * readable file: same delimiter detection, BOM, blank and `#` comment lines, mixed line breaks,
 * rows of only empty fields skipped, rows with the wrong number of fields reported.
 *
 * A syntax error (a stray quote) stops the reading: csv-parse's recovery may swallow the rows after
 * it, and a dropped row must never go unnoticed. The caller then reads the file whole with
 * `readTable`, whose splitter reports each bad row on its own (see records.ts).
 */
import { CsvError, parse, type Parser } from 'csv-parse'
import { InternalError, problems, type InputProblem } from '../errors.js'
import { csvErrorReason, detectDelimiter, firstContentLine, type Delimiter } from './records.js'

export interface RowSink {
  /** The header row. Return `false` to stop reading (the file cannot be used). */
  header(fields: readonly string[], line: number): boolean
  /** A data row with as many fields as the header. `fields` is only valid during the call. */
  row(fields: readonly string[], line: number): void
  /** A row with another number of fields than the header; `problem` says so. */
  badRow(fields: readonly string[], line: number, problem: InputProblem): void
}

export interface StreamOutcome {
  /** Whether a header row was found (a file of blank and comment lines has none). */
  readonly header: boolean
  /** The first syntax error, when one stopped the reading. */
  readonly damaged?: InputProblem
}

const CSV_OPTIONS = {
  bom: true,
  trim: true,
  relax_column_count: true,
  skip_empty_lines: true,
  comment: '#',
  comment_no_infix: true,
  skip_records_with_error: true,
  // As records.ts: any of the three line breaks, mixed in one file if need be.
  record_delimiter: ['\r\n', '\n', '\r'],
} as const

function toBuffer(chunk: Uint8Array | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
}

/** Line breaks inside a record's fields (quoted values may hold them); CR LF counts once. */
function lineBreaks(fields: readonly string[]): number {
  let n = 0
  for (const field of fields) n += field.match(/\r\n|\r|\n/g)?.length ?? 0
  return n
}

/**
 * Streams `chunks` through csv-parse into `sink`. `onBytes` hears of every chunk read (progress).
 * @param file the name used in messages (`<stdin>` for standard input)
 */
export async function streamCsv(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
  sink: RowSink,
  onBytes?: (bytes: number) => void,
): Promise<StreamOutcome> {
  const iterator = chunks[Symbol.asyncIterator]()
  try {
    // 1. Enough of the head to see the header line and so the delimiter.
    const decoder = new TextDecoder()
    const head: Buffer[] = []
    let text = ''
    let delimiter: Delimiter | undefined
    let ended = false
    while (delimiter === undefined) {
      const next = await iterator.next()
      if (next.done === true) {
        ended = true
        delimiter = detectDelimiter(firstContentLine(text + decoder.decode(), true) ?? '')
        break
      }
      const buffer = toBuffer(next.value)
      onBytes?.(buffer.length)
      head.push(buffer)
      text += decoder.decode(buffer, { stream: true })
      const line = firstContentLine(text, false)
      if (line !== undefined) delimiter = detectDelimiter(line)
    }
    // 2. Everything through csv-parse.
    const reader = new StreamReader(file, sink, delimiter)
    await reader.ready()
    for (const buffer of head) if (!(await reader.write(buffer))) return reader.outcome()
    while (!ended) {
      const next = await iterator.next()
      if (next.done === true) break
      const buffer = toBuffer(next.value)
      onBytes?.(buffer.length)
      if (!(await reader.write(buffer))) return reader.outcome()
    }
    await reader.end()
    return reader.outcome()
  } finally {
    // Stop reading a file left early (a damaged or unusable one): releases its descriptor.
    await iterator.return?.()
  }
}

/** One csv-parse stream and the bookkeeping that turns its counters into physical line numbers. */
class StreamReader {
  private readonly parser: Parser
  private header: readonly string[] | undefined
  private stopped = false
  private damaged: InputProblem | undefined
  /** Anything but a syntax error (a bug): rethrown by `outcome`. */
  private failure: Error | undefined
  private records = 0
  /** Last physical line of the previous record, as the user counts lines. */
  private lastLine = 0
  /** csv-parse's `lines` at the previous record: it counts a CR LF inside quotes twice. */
  private parserLines = 0
  private skippedLines = 0

  constructor(
    private readonly file: string,
    private readonly sink: RowSink,
    private readonly delimiter: Delimiter,
  ) {
    this.parser = parse({ ...CSV_OPTIONS, record_delimiter: [...CSV_OPTIONS.record_delimiter], delimiter })
    this.parser.on('data', (fields: string[]) => this.record(fields))
    this.parser.on('skip', (error: CsvError) => this.syntaxError(error))
    this.parser.on('error', (error: Error) => {
      if (error instanceof CsvError) this.syntaxError(error)
      else this.fail(error)
    })
  }

  /**
   * Records must reach `record` while csv-parse's counters still describe them: that holds once the
   * stream flows, which starts on the tick after the 'data' listener is added.
   */
  async ready(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
  }

  /** `false` once reading should stop. */
  async write(buffer: Buffer): Promise<boolean> {
    if (this.stopped) return false
    if (!this.parser.write(buffer)) {
      await new Promise<void>((resolve) => {
        this.parser.once('drain', resolve)
        this.parser.once('close', resolve)
      })
    }
    return !this.stopped
  }

  async end(): Promise<void> {
    if (this.stopped) return
    await new Promise<void>((resolve) => {
      this.parser.once('end', resolve)
      this.parser.once('error', () => resolve())
      this.parser.once('close', resolve)
      this.parser.end()
    })
  }

  outcome(): StreamOutcome {
    if (this.stopped) this.parser.destroy()
    if (this.failure !== undefined) throw this.failure
    return this.damaged === undefined ? { header: this.header !== undefined } : { header: this.header !== undefined, damaged: this.damaged }
  }

  /** The physical line a record starts on: after the previous one and the blank and comment lines between. */
  private startLine(): number {
    const info = this.parser.info
    const skipped = info.empty_lines + info.comment_lines
    return this.lastLine + 1 + skipped - this.skippedLines
  }

  private record(raw: string[]): void {
    if (this.stopped) return
    let fields = raw
    const info = this.parser.info
    if (++this.records !== info.records) throw new InternalError('csv-parse emitted a record late; line numbers would be wrong')
    const skipped = info.empty_lines + info.comment_lines
    const start = this.lastLine + 1 + skipped - this.skippedLines
    const single = info.lines - this.parserLines === 1 + skipped - this.skippedLines
    if (!single) {
      this.lastLine = start + lineBreaks(fields)
      // As readTable joins a record's lines: a line break inside a quoted value is `\n`.
      fields = fields.map((f) => f.replace(/\r\n?/g, '\n'))
    } else this.lastLine = start
    this.parserLines = info.lines
    this.skippedLines = skipped
    const header = this.header
    if (header === undefined) {
      this.header = fields
      if (!this.sink.header(fields, start)) this.stopped = true
      return
    }
    if (fields[0] === '' && fields.every((f) => f === '')) return
    if (fields.length === header.length) this.sink.row(fields, start)
    else {
      const text = problems.csvFieldCount(fields.length, header.length, this.delimiter)
      this.sink.badRow(fields, start, { source: { file: this.file, line: start }, ...text })
    }
  }

  private fail(error: Error): void {
    this.failure ??= error
    this.stopped = true
  }

  private syntaxError(error: CsvError): void {
    if (this.stopped) return
    const line = this.startLine()
    const text =
      error.code === 'CSV_QUOTE_NOT_CLOSED' ? problems.csvUnclosedQuote(Math.max(line, this.parser.info.lines)) : problems.csvSyntax(csvErrorReason(error))
    this.damaged = { source: { file: this.file, line }, ...text }
    this.stopped = true
  }
}
