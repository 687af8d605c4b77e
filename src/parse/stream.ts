/**
 * A CSV file as a stream of chunks → its header and rows, each with the physical line it starts
 * on, handed to a sink one by one and never kept: the reader of batch mode, for inputs of any size.
 * Uses csv-parse's streaming API; the same rows and lines as `readTable` (records.ts) for every
 * readable file: same delimiter detection (and `sep=` first line), BOM, blank and `#` comment lines
 * (and `#` lines that may be rows, reported), mixed line breaks, rows of only empty fields skipped,
 * rows with the wrong number of fields reported. A file that is not UTF-8 text stops at its head.
 *
 * A syntax error (a stray quote) stops the reading: csv-parse's recovery may swallow the rows after
 * it, and a dropped row must never go unnoticed. The caller then reads the file whole with
 * `readTable`, whose splitter reports each bad row on its own (see records.ts).
 */
import { CsvError, parse, type Parser } from 'csv-parse'
import { InternalError, problems, type InputProblem, type ProblemText } from '../errors.js'
import { withoutStacks } from './without-stacks.js'
import { csvErrorReason, hashRowProblem, headAfter, isSkippable, readHead, rowsInValue, type Delimiter, type Head } from './records.js'

export interface RowSink {
  /** The header row. Return `false` to stop reading (the file cannot be used). */
  header(fields: readonly string[], line: number): boolean
  /** A data row with as many fields as the header. `fields` is only valid during the call. */
  row(fields: readonly string[], line: number): void
  /**
   * A row with another number of fields than the header, or a `#` line that may be a row (see
   * records.ts); `problem` says so.
   */
  badRow(fields: readonly string[], line: number, problem: InputProblem): void
}

export interface StreamOutcome {
  /** Whether a header row was found (a file of blank and comment lines has none). */
  readonly header: boolean
  /**
   * The first syntax error, when one stopped the reading; or, with no header, the reason the file
   * could not be read at all (it is not UTF-8 text). Either way `readTable` says the same.
   */
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
    // 1. Enough of the head to see the header line, and so the delimiter (records.ts `readHead`).
    const decoder = new TextDecoder() // drops a UTF-8 BOM, as `physicalLines` does
    const head: Buffer[] = []
    let text = ''
    let found: Head | undefined
    let ended = false
    while (found === undefined) {
      const next = await iterator.next()
      if (next.done === true) {
        ended = true
        text += decoder.decode()
        found = readHead(text.split(/\r\n|\n|\r/), true)!
        break
      }
      const buffer = toBuffer(next.value)
      onBytes?.(buffer.length)
      head.push(buffer)
      const decoded = decoder.decode(buffer, { stream: true })
      text += decoded
      found = headAfter(text, decoded)
    }
    if (found.problem !== undefined) return { header: false, damaged: { source: { file }, ...found.problem } }
    // 2. Everything through csv-parse, but a `sep=` line: it is no record.
    const bytes = Buffer.concat(head)
    const skip = found.separatorLine ? separatorLineBytes(bytes, text) : 0
    const reader = new StreamReader(file, sink, found.delimiter, skip > 0 ? 1 : 0)
    await reader.ready()
    if (bytes.length > skip && !(await reader.write(bytes.subarray(skip)))) return reader.outcome()
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

/**
 * The bytes of a `sep=` first line and its line break, with a BOM before it. `text` is the head
 * decoded, through the header line at least, so the line break is whole in it.
 */
function separatorLineBytes(bytes: Buffer, text: string): number {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  const end = /\r\n|\n|\r/.exec(text)
  return bom + (end === null ? Buffer.byteLength(text) : Buffer.byteLength(text.slice(0, end.index + end[0].length)))
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
  private lastLine: number
  /** csv-parse's `lines` at the previous record: it counts a CR LF inside quotes twice. */
  private parserLines = 0
  private skippedLines = 0
  /**
   * After the header, a `#` line may be a row (records.ts `hashRowProblem`).
   * csv-parse drops comment lines unseen, so their text is taken from the bytes it was given:
   * those since the end of the previous record (`recordEnd`, csv-parse's `info.bytes` then).
   */
  private hashRows = false
  private readonly kept: Buffer[] = []
  /** csv-parse's byte offset of `kept[0]`. */
  private keptStart = 0
  private recordEnd = 0
  /** The problem of the last row with the wrong number of fields. */
  private widthText: { readonly found: number; readonly text: ProblemText } | undefined

  /** @param linesBefore physical lines before the text csv-parse is given (a `sep=` line). */
  constructor(
    private readonly file: string,
    private readonly sink: RowSink,
    private readonly delimiter: Delimiter,
    linesBefore: number,
  ) {
    this.lastLine = linesBefore
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
    // Kept only while comment lines may be needed: up to the header, and after it for `hashRows`.
    if (this.header === undefined || this.hashRows) this.kept.push(buffer)
    if (!withoutStacks(() => this.parser.write(buffer))) {
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
      withoutStacks(() => this.parser.end())
    })
    // Lines after the last record are all blank or comments (any other line would be a record).
    if (!this.stopped && this.hashRows) this.commentLines(this.lastLine + 1, Number.POSITIVE_INFINITY, this.keptBytes())
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
    if (this.hashRows) {
      // The bytes from the previous record's end to this one's: the lines skipped, then this record.
      if (start > this.lastLine + 1) this.commentLines(this.lastLine + 1, start - this.lastLine - 1, this.keptBytes(info.bytes))
      if (this.stopped) return
      this.recordEnd = info.bytes
      this.forget()
    }
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
      else {
        this.hashRows = true
        this.recordEnd = info.bytes
        this.forget()
      }
      return
    }
    if (fields[0] === '' && fields.every((f) => f === '')) return
    // Of any width (readTable checks it first too): read again whole (src/batch/read.ts), where
    // readTable tells the travellers those lines name.
    const swallowing = single ? undefined : rowsInValue(fields, this.delimiter, header, start)
    if (swallowing !== undefined) {
      this.damaged = { source: { file: this.file, line: start }, ...problems.csvRowsInValue(swallowing.lastLine, swallowing.rowLike) }
      this.stopped = true
    } else if (fields.length === header.length) this.sink.row(fields, start)
    else {
      // One text for every row of the same width, shared: a file whose every row has a field too many keeps one.
      if (this.widthText?.found !== fields.length) this.widthText = { found: fields.length, text: problems.csvFieldCount(fields.length, header.length, this.delimiter) }
      this.sink.badRow(fields, start, { source: { file: this.file, line: start }, ...this.widthText.text })
    }
  }

  /** The bytes given to csv-parse from the end of the previous record up to `end` (default: all). */
  private keptBytes(end?: number): Buffer {
    const all = this.kept.length === 1 ? this.kept[0]! : Buffer.concat(this.kept)
    return all.subarray(this.recordEnd - this.keptStart, end === undefined ? undefined : end - this.keptStart)
  }

  /** Lets go of the bytes before the end of the last record. */
  private forget(): void {
    while (this.kept.length > 0 && this.keptStart + this.kept[0]!.length <= this.recordEnd) this.keptStart += this.kept.shift()!.length
  }

  /**
   * The `count` lines skipped before a record (or all at the end), from physical line `first` on,
   * in `bytes` (which start with them): a `#` line that may be a row goes to the sink as a bad row.
   */
  private commentLines(first: number, count: number, bytes: Buffer): void {
    const lines = bytes.toString('utf8').split(/\r\n|\n|\r/)
    const n = Math.min(count, lines.length)
    for (let i = 0; i < n && !this.stopped; i++) {
      const text = lines[i]!
      if (!isSkippable(text) || /^\s*$/.test(text)) continue
      const found = hashRowProblem(text, this.delimiter, this.header ?? [])
      if (found !== undefined) this.sink.badRow(found.fields, first + i, { source: { file: this.file, line: first + i }, ...found.text })
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
