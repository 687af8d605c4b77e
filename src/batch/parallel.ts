/**
 * Batch mode on several threads, for big inputs: the work of one file is shared by byte ranges
 * (each read through csv-parse on its own thread, src/batch/shard.ts), this thread taking the
 * first while worker threads (src/batch/worker.ts) take the others; then the evaluation, by chunks
 * of travellers that every thread claims one at a time, reading the rows where this thread keeps
 * them (shared memory). Output is written chunk by chunk in order, so it is
 * byte for byte what one thread writes (a test compares them) and only a few chunks are ever held;
 * anything unusual in a file (a bad row, a quoted line break where a range would start) and it is
 * read again on one thread.
 */
import { InternalError } from '../errors.js'
import type { Io, WorkerPort } from '../io.js'
import type { BatchFormat, BatchStatus, BatchTotals, TravellerResult } from '../render/batch.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay } from '../types.js'
import type { ParseOptions } from '../parse/csv.js'
import type { BadRowCells } from './bad-rows.js'
import type { BatchInput, FileInfo, FileProblem, ReadSettings } from './read.js'
import { afterLineBreak, headerEnd, rangeStarts, readRange, type RowArrays, type ShardJob, type ShardOutcome, type ShardRows } from './shard.js'

/** Files smaller than this are read on one thread: a worker takes ~40 ms to start. */
export const PARALLEL_FROM_BYTES = 4 << 20
/** No byte range smaller than this. */
const MIN_RANGE_BYTES = 1 << 20
/** Threads beyond this only add start-up time and memory: each worker takes ~40 ms and its own heap. */
export const MAX_THREADS = 16

const wholeNumber = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined)
/** The header must lie within the file's first bytes, and a range start within this of its target. */
const HEAD_BYTES = 1 << 16

export type ToWorker =
  | { readonly kind: 'read'; readonly job: ShardJob; readonly path: string; readonly start: number; readonly end: number; readonly warm?: WarmJob }
  | { readonly kind: 'evaluate'; readonly job: EvaluateJob }

export type FromWorker =
  | { readonly kind: 'read'; readonly outcome: ShardOutcome }
  | {
      readonly kind: 'chunk'
      /** Which chunk of travellers (see `travellerChunks`). */
      readonly index: number
      /** UTF-8 when the format streams (BatchWriter.streams); else the pieces, strings joined. */
      readonly output: readonly Uint8Array[] | readonly unknown[]
      readonly totals: Totals
      /** The travellers with input problems, and how many problems they have: told on stderr at the end (run.ts). */
      readonly errored: readonly number[]
      /** The travellers answered with warnings: told on stderr at the end too. */
      readonly warned: readonly number[]
      readonly problems: number
    }
  | { readonly kind: 'failed'; readonly message: string; readonly stack?: string | undefined }

/**
 * What a worker needs to warm its evaluation once its range is read (./warm-up.ts): the run's
 * settings, and a flag this thread sets (shared memory) when the real work is sent.
 */
export interface WarmJob {
  readonly rules: readonly Rule[]
  readonly on: CalendarDay
  readonly format: BatchFormat
  readonly color: boolean
  readonly sent: Int32Array
}

export type Totals = Record<keyof BatchTotals, number>
export type ErroredResult = Extract<TravellerResult, { problems: unknown }>

/**
 * What every worker is given to evaluate: all the rows and names, on shared memory or cloned, and
 * the chunks of travellers, which every thread (this one too) claims one at a time from `claimed`.
 */
export interface EvaluateJob {
  readonly names: readonly string[]
  /** The rows (RowStore.shared), grouped by traveller (RowStore.groupByTraveller), shared. */
  readonly rows: Omit<RowArrays, 'names'> & { readonly file: Int32Array }
  /** Where each traveller's rows start (RowStore.groupByTraveller), shared. */
  readonly start: Int32Array
  readonly files: readonly FileInfo[]
  readonly problems: readonly (readonly [number, readonly FileProblem[]])[]
  /** The cells of the rows that could not be read, and how dates are read, for their problems (BatchInput `badRowProblems`). */
  readonly badRows: BadRowCells
  readonly parseOptions: ParseOptions
  /** Travellers that are a file of their own (BatchInput.wholeFiles). */
  readonly wholeFiles: readonly number[]
  /** Chunk `c` is travellers `chunks[c]` … `chunks[c + 1] - 1`. */
  readonly chunks: readonly number[]
  /** The next chunk to claim (shared: `Atomics.add`). */
  readonly claimed: Int32Array
  /** How many chunks are written out (shared with this thread): no thread works too far ahead of it. */
  readonly written: Int32Array
  readonly ahead: number
  readonly rules: readonly Rule[]
  readonly on: CalendarDay
  readonly format: BatchFormat
  readonly color: boolean
}

export function emptyTotals(): Totals {
  return { travellers: 0, over: 0, overstay: 0, error: 0, ok: 0 }
}

export function tally(totals: Totals, status: BatchStatus): void {
  totals.travellers++
  totals[status]++
}

/** Messages in the order they come, handed out one `next()` at a time; a failure fails the wait. */
class Inbox<M> {
  private readonly queue: M[] = []
  private waiting: { resolve: (m: M) => void; reject: (e: Error) => void } | undefined
  private failure: Error | undefined

  put(message: M): void {
    if (this.waiting === undefined) this.queue.push(message)
    else {
      this.waiting.resolve(message)
      this.waiting = undefined
    }
  }

  next(): Promise<M> {
    const queued = this.queue.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    if (this.failure !== undefined) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject }
    })
  }

  fail(error: Error): void {
    this.failure ??= error
    this.waiting?.reject(error)
    this.waiting = undefined
  }
}

export type ChunkMessage = Extract<FromWorker, { kind: 'chunk' }>

/** One worker thread: its replies to reads queue here, its chunks go to the pool's inbox. */
class WorkerThread {
  private readonly replies = new Inbox<FromWorker>()
  private closing = false

  constructor(
    private readonly port: WorkerPort,
    /** Where chunks go, whichever worker made them. */
    private readonly chunks: Inbox<ChunkMessage>,
  ) {
    port.on('message', (message) => {
      const m = message as FromWorker
      if (m.kind === 'failed') this.fail(new InternalError(`batch worker: ${m.message}`, { cause: m.stack }))
      else if (m.kind === 'chunk') chunks.put(m)
      else this.replies.put(m)
    })
    port.on('error', (error) => this.fail(error))
    port.on('exit', (code) => {
      if (!this.closing) this.fail(new InternalError(`batch worker stopped (exit ${code})`))
    })
  }

  send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(message, transfer)
  }

  next(): Promise<FromWorker> {
    return this.replies.next()
  }

  close(): void {
    this.closing = true
    void this.port.terminate()
  }

  private fail(error: Error): void {
    this.replies.fail(error)
    this.chunks.fail(error)
  }
}

export class WorkerPool {
  private readonly workers: WorkerThread[]
  private readonly inbox = new Inbox<ChunkMessage>()

  private constructor(
    spawn: () => WorkerPort,
    size: number,
    /** No byte range smaller than this. */
    readonly minRangeBytes: number,
  ) {
    this.workers = Array.from({ length: size }, () => new WorkerThread(spawn(), this.inbox))
  }

  /**
   * Worker threads for a run on `totalBytes` of files, or `undefined` when one thread will do.
   * `STAY_CALC_THREADS` sets the threads (default: the machine's; 1: no workers; at most
   * MAX_THREADS); `STAY_CALC_PARALLEL_FROM` the smallest input in bytes that gets them (tests set
   * 0). A value that is not a whole number in digits (`1e9`, `four`) is ignored.
   */
  static forInput(io: Io, totalBytes: number | undefined): WorkerPool | undefined {
    const asked = wholeNumber(io.env.STAY_CALC_THREADS)
    const threads = Math.min(asked !== undefined && asked >= 1 ? asked : (io.threads ?? 1), MAX_THREADS)
    const from = wholeNumber(io.env.STAY_CALC_PARALLEL_FROM) ?? PARALLEL_FROM_BYTES
    if (threads < 2 || totalBytes === undefined || totalBytes < from || io.spawnWorker === undefined) return undefined
    return new WorkerPool(io.spawnWorker, threads - 1, Math.min(MIN_RANGE_BYTES, Math.floor(from / 4)))
  }

  get size(): number {
    return this.workers.length
  }

  worker(k: number): WorkerThread {
    return this.workers[k]!
  }

  /** The next chunk any worker has done. */
  nextChunk(): Promise<ChunkMessage> {
    return this.inbox.next()
  }

  /** Sends every worker the same message. */
  sendAll(message: ToWorker): void {
    for (const w of this.workers) w.send(message)
  }

  close(): void {
    for (const w of this.workers) w.close()
  }
}

/** With DEBUG=stay-calc, how the work was shared goes to stderr (tests check that ranges were used). */
export function debugNote(io: Io, text: string): void {
  if (io.env.DEBUG?.includes('stay-calc') === true) io.stderr(`stay-calc: debug: ${text}\n`)
}

/** With DEBUG=stay-calc, when a step of the work ended, as ms since the process started (for `npm run bench`'s questions). */
export function debugTime(io: Io): string {
  return `${Math.round(io.now?.() ?? 0)} ms`
}

/** Where a file's shards are read: on one thread when `false` comes back. */
export type Sharding = ((path: string, name: string, file: number, info: FileInfo, input: BatchInput, onBytes?: (bytes: number) => void) => Promise<boolean>) & {
  /** Files smaller than this are never shared (so may be read ahead whole, src/batch/prefetch.ts). */
  readonly sharesFrom: number
}

/** Reads a file by byte ranges on every thread, when it is big enough and reads cleanly. */
export function sharding(pool: WorkerPool, io: Io, settings: ReadSettings, warm?: WarmJob): Sharding {
  const { readBytes, openRead, fileSize } = io
  if (readBytes === undefined || openRead === undefined || fileSize === undefined) return Object.assign(() => Promise.resolve(false), { sharesFrom: Number.POSITIVE_INFINITY })
  const shardSettings = {
    ...(settings.dateFormat === undefined ? {} : { dateFormat: settings.dateFormat }),
    ...(settings.groupBy === undefined ? {} : { groupBy: settings.groupBy }),
  }
  const debug = (text: string) => {
    debugNote(io, text)
    return false
  }
  // No range is smaller than minRangeBytes, and the first is a part of the file (rangeStarts): a file below twice that is read whole.
  return Object.assign(async (path: string, name: string, file: number, info: FileInfo, input: BatchInput, onBytes?: (bytes: number) => void) => {
    const size = await fileSize(path)
    if (size === undefined) return debug(`${name}: size unknown, read on one thread`)
    const head = await readBytes(path, 0, HEAD_BYTES)
    const end = headerEnd(head)
    if (end === undefined) return debug(`${name}: header not found in the first ${HEAD_BYTES} bytes or quoted, read on one thread`)
    const starts = await rangeStarts(size, pool.size + 1, end, pool.minRangeBytes, async (position) => {
      const after = afterLineBreak(await readBytes(path, position, HEAD_BYTES))
      return after === undefined ? undefined : position + after
    })
    if (starts.length === 0) return debug(`${name}: too small to share (or no line break near a range start), read on one thread`)
    const bounds = [0, ...starts, size]
    const job: ShardJob = { name, settings: shardSettings }
    // A header line ending in a lone CR, then a range starting with an LF (a blank line): read
    // together they would make one CR LF and lose the blank line. The prefix ends in CR LF instead.
    const prefix = head[end - 1] === 13 ? Buffer.concat([head.subarray(0, end), Buffer.from([10])]) : head.slice(0, end)
    starts.forEach((start, k) => pool.worker(k).send({ kind: 'read', job: { ...job, prefix }, path, start, end: bounds[k + 2]!, ...(warm === undefined ? {} : { warm }) }))
    // This thread reads the first range meanwhile, straight into `input`; its progress stands for all.
    const scale = size / starts[0]!
    let reported = 0
    async function* firstRange(): AsyncGenerator<Uint8Array | string> {
      for await (const chunk of openRead!(path, { start: 0, end: starts[0]! })) {
        reported += chunk.length * scale
        onBytes?.(chunk.length * scale)
        yield chunk
      }
    }
    const mark = input.store.length
    const own = await readRange(job, firstRange(), input, file, info)
    const ownRead = debugTime(io)
    const others: ShardOutcome[] = []
    for (let k = 0; k < starts.length; k++) {
      const reply = await pool.worker(k).next()
      if (reply.kind !== 'read') throw new InternalError(`batch worker: ${reply.kind} instead of read`)
      others.push(reply.outcome)
    }
    const header = own.header.join('\u0000')
    if (!own.usable || others.some((o) => !o.usable || o.header.join('\u0000') !== header)) {
      input.rollback(file, mark)
      // Read again from the start: the progress told so far is taken back (QA: 15.6 of 8.0 MB).
      onBytes?.(-reported)
      return debug(`${name}: a range did not read cleanly, read again on one thread`)
    }
    const othersRead = debugTime(io)
    let lineOffset = own.lineBreaks
    for (const rows of others as ShardRows[]) {
      input.appendRows(rows, file, lineOffset)
      lineOffset += rows.lineBreaks
    }
    debug(`${name}: read in ${others.length + 1} ranges on ${others.length + 1} threads`)
    debug(`${name}: this thread's range read by ${ownRead}, the others' by ${othersRead}, joined by ${debugTime(io)}`)
    return true
  }, { sharesFrom: 2 * pool.minRangeBytes })
}

/** A chunk of travellers holds about this many rows at most (one traveller may hold more). */
const CHUNK_ROWS = 16_384
/** Chunks a thread may have done beyond what is written, per thread: bounds the output held. */
export const AHEAD_PER_THREAD = 4

/**
 * Travellers `[from, to)` in chunks of about equal rows, in order. Threads claim them one at a
 * time, so a thread slowed by anything (this one also writes the output) simply does fewer; the
 * output is written chunk by chunk in order, holding only the few chunks done ahead. Small inputs
 * get small chunks, so every thread has some.
 */
export function travellerChunks(start: Int32Array, travellers: number, threads: number): [number, number][] {
  const size = Math.max(1, Math.min(CHUNK_ROWS, Math.ceil(start[travellers]! / (threads * 4))))
  const chunks: [number, number][] = []
  for (let from = 0; from < travellers; ) {
    let to = from + 1
    while (to < travellers && start[to + 1]! - start[from]! <= size) to++
    chunks.push([from, to])
    from = to
  }
  return chunks
}

/**
 * The workers' job: `input`'s rows, grouped by traveller, and where each traveller's start
 * (`start`), both on shared memory (RowStore's `shared`, `groupByTraveller`), with everything else a
 * thread needs to evaluate any chunk. Names, problems and settings are copied to each worker; the
 * rows are not.
 */
export function evaluateJob(
  input: BatchInput,
  start: Int32Array,
  chunks: readonly (readonly [number, number])[],
  settings: Pick<EvaluateJob, 'rules' | 'on' | 'format' | 'color' | 'written' | 'claimed' | 'ahead'>,
): EvaluateJob {
  const rows = input.store
  if (!rows.shared || !(start.buffer instanceof SharedArrayBuffer)) throw new InternalError('batch rows to share are not on shared memory')
  return {
    names: input.names,
    rows: { length: rows.length, traveller: rows.traveller, first: rows.first, second: rows.second, line: rows.line, file: rows.file, until: rows.until },
    start,
    files: input.files,
    problems: [...input.problems],
    badRows: input.sharedBadRows(),
    parseOptions: input.parseOptions,
    wholeFiles: [...input.wholeFiles],
    chunks: [...chunks.map(([from]) => from), chunks.at(-1)?.[1] ?? 0],
    ...settings,
  }
}
