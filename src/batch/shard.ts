/**
 * One byte range ("shard") of a big batch file, read through csv-parse on its own thread
 * (src/batch/parallel.ts), and what decides where the ranges start. A range other than the first
 * is read after the file's head through its header line (the `prefix`), so every range sees the
 * same header, delimiter and columns as the whole file. Line numbers come back counted from the
 * range's first line; the caller adds the line breaks of the ranges before it.
 *
 * A range is usable only when it read cleanly: a header, no syntax error (so no range ends inside
 * a quoted value), no bad row, nothing read twice. Anything else and the whole file is read again
 * by the one-thread reader, whose messages are the reference. Pure, but for the chunks it is given.
 */
import { isSkippable } from '../parse/records.js'
import { streamCsv } from '../parse/stream.js'
import { BatchInput, FileSink, parseOptionsOf, type FileForm, type FileInfo, type ReadSettings } from './read.js'

export interface ShardJob {
  /** The file as messages name it. */
  readonly name: string
  /** Every range but the first: the file's bytes up to the end of its header line. */
  readonly prefix?: Uint8Array
  readonly settings: Pick<ReadSettings, 'dateFormat' | 'groupBy'>
}

/**
 * Rows as a RowStore keeps them (store.ts), as plain arrays that can be sent to a thread, with
 * their travellers' names: `traveller` indexes `names`.
 */
export interface RowArrays {
  readonly names: readonly string[]
  readonly length: number
  readonly traveller: Int32Array
  readonly first: Int32Array
  readonly second: Int32Array
  readonly line: Int32Array
  readonly until: Int32Array
}

/** A range's rows, travellers numbered in order of first sight in the range, line 1 its first line. */
export interface ShardRows extends RowArrays {
  readonly usable: true
  readonly form: FileForm
  readonly header: readonly string[]
  /** Line breaks in the range (`\r\n`, `\n` or `\r` each count once). */
  readonly lineBreaks: number
  /** Travellers (indexes into `names`) named by the file, not by a cell: the file's own (BatchInput `fileTraveller`). */
  readonly fileNamed: readonly number[]
}

export type ShardOutcome = ShardRows | { readonly usable: false }

const LF = 10
const CR = 13

/** Counts line breaks over a sequence of chunks, a CR LF split between two chunks counting once. */
export class LineBreakCounter {
  count = 0
  private pendingCr = false

  add(chunk: Uint8Array): void {
    let n = 0
    if (this.pendingCr && chunk.length > 0 && chunk[0] !== LF) n++
    this.pendingCr = false
    const last = chunk.length - 1
    for (let i = 0; i <= last; i++) {
      const c = chunk[i]
      if (c === LF) n++
      else if (c === CR) {
        if (i === last) this.pendingCr = true
        else if (chunk[i + 1] !== LF) n++
      }
    }
    this.count += n
  }

  end(): number {
    if (this.pendingCr) this.count++
    this.pendingCr = false
    return this.count
  }
}

function lineBreaksIn(bytes: Uint8Array): number {
  const counter = new LineBreakCounter()
  counter.add(bytes)
  return counter.end()
}

/**
 * The byte offset just after the header line in `head` (the first line that is not blank or a
 * comment, as `readTable` sees lines), or `undefined` when `head` does not hold all of it or the
 * header has a quote (a quoted name could span lines): such a file is read on one thread.
 */
export function headerEnd(head: Uint8Array): number | undefined {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(head, { stream: true })
  const breaks = /\r\n|\n|\r/g
  let lineStart = 0
  for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
    // A CR at the very end may be the first half of a CR LF.
    if (m[0] === '\r' && m.index === text.length - 1) return undefined
    const line = text.slice(lineStart, m.index).replace(/^\uFEFF/, '')
    lineStart = m.index + m[0].length
    if (isSkippable(line)) continue
    return line.includes('"') ? undefined : Buffer.byteLength(text.slice(0, lineStart), 'utf8')
  }
  return undefined
}

/**
 * The offset just after the first line break in `bytes` (LF, CR LF or a lone CR, as csv-parse and
 * `LineBreakCounter` read them), or `undefined` when there is none, or when `bytes` ends on a CR
 * (an LF may follow: a range must not start between the two).
 * @example afterLineBreak(Buffer.from('ab\r\ncd')) //=> 4
 */
export function afterLineBreak(bytes: Uint8Array): number | undefined {
  const lf = bytes.indexOf(LF)
  const cr = bytes.indexOf(CR)
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf < 0 ? undefined : lf + 1
  if (cr === bytes.length - 1) return undefined
  return bytes[cr + 1] === LF ? cr + 2 : cr + 1
}

/**
 * The first range's share against another's: this thread reads it while the workers are still
 * starting (a worker takes ~50 ms to boot and load its module). Measured on the 1M-row benchmark:
 * 1.1 took ~3% off the run against equal shares.
 */
const FIRST_SHARE = 1.1

/**
 * Where the ranges of a file of `size` bytes start: near `parts` equal shares (the first a little
 * bigger), each just after a
 * line break found by `lineBreakAfter` (the offset after the first line break at or after a position, or
 * `undefined`), never before `firstAllowed` (the end of the header line). Ranges too small to be
 * worth a thread are left out, so fewer (or no) starts may come back.
 */
export async function rangeStarts(
  size: number,
  parts: number,
  firstAllowed: number,
  minBytes: number,
  lineBreakAfter: (position: number) => Promise<number | undefined>,
): Promise<number[]> {
  const starts: number[] = []
  let previous = 0
  for (let k = 1; k < parts; k++) {
    const target = Math.max(firstAllowed, Math.floor(((k - 1 + FIRST_SHARE) * size) / (parts - 1 + FIRST_SHARE)), previous + minBytes)
    if (target >= size - minBytes) break
    const start = await lineBreakAfter(target)
    if (start === undefined || start >= size - minBytes) break
    starts.push(start)
    previous = start
  }
  return starts
}

/** What reading a range into a BatchInput tells, besides the rows it added. */
export interface RangeRead {
  readonly usable: boolean
  readonly header: readonly string[]
  readonly lineBreaks: number
}

/**
 * Reads one range (`chunks`: its bytes) as `job` says into `input`, as its file `file`; rows
 * of the prefix, if any, keep their line numbers there (the caller checks and moves them).
 */
export async function readRange(job: ShardJob, chunks: AsyncIterable<Uint8Array | string>, input: BatchInput, file: number, info: FileInfo): Promise<RangeRead> {
  const sink = new FileSink(input, file, info, job.settings)
  const counter = new LineBreakCounter()
  const prefix = job.prefix
  async function* all(): AsyncGenerator<Uint8Array | string> {
    if (prefix !== undefined) yield prefix
    for await (const chunk of chunks) {
      counter.add(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)
      yield chunk
      // A range with a row that could not be read is not used (the file is read again whole, on
      // one thread): reading on would be wasted (a million bad rows: seconds).
      if (input.badFiles.has(file)) return
    }
  }
  const outcome = await streamCsv(all(), job.name, sink)
  input.settle()
  const header = sink.headerFields ?? []
  const clean = outcome.header && outcome.damaged === undefined && !input.badFiles.has(file) && ![...input.problems.values()].some((list) => list.some((p) => p.file === file))
  return { usable: clean && sink.headerFields !== undefined, header, lineBreaks: counter.end() }
}

/** Reads one range on a thread of its own: into a BatchInput of its own, then as plain arrays. */
export async function readShard(job: ShardJob, chunks: AsyncIterable<Uint8Array | string>): Promise<ShardOutcome> {
  const input = new BatchInput(undefined, undefined, parseOptionsOf(job.settings))
  const info: FileInfo = { name: job.name, form: 'unread' }
  input.files.push(info)
  const read = await readRange(job, chunks, input, 0, info)
  if (!read.usable) return { usable: false }
  const { store } = input
  const skip = job.prefix === undefined ? 0 : lineBreaksIn(job.prefix)
  const line = store.line
  for (let i = 0; i < store.length; i++) {
    // A row from the prefix would be read twice: the header was not where it was looked for.
    if (line[i]! <= skip) return { usable: false }
    line[i]! -= skip
  }
  return {
    usable: true,
    names: input.names,
    length: store.length,
    traveller: store.traveller,
    first: store.first,
    second: store.second,
    line,
    until: store.until,
    form: info.form,
    header: read.header,
    lineBreaks: read.lineBreaks,
    fileNamed: input.fileNamedIds(),
  }
}
