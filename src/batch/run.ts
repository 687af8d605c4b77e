/**
 * A batch run: read every input into compact rows, evaluate each traveller on their own, and
 * stream the chosen format to stdout as results come; input problems go to stderr per traveller.
 * Exit 2 if any traveller's input has problems, else 1 if any traveller breaks the rule (unless
 * --exit-zero), else 0. Called by cli.ts; everything outside reaches it through `Io`.
 */
import { dateFormatProblem } from '../parse/date.js'
import { batchProblemPieces, batchWarningPieces, ExitCode, problems, UsageError, batchProblems } from '../errors.js'
import type { Io } from '../io.js'
import type { Rule } from '../rules/types.js'
import type { BatchFormat } from '../render/batch.js'
import { ByteWriter, warmByteWriter } from '../render/byte-writer.js'
import { batchWriter } from '../render/writers.js'
import type { CalendarDay } from '../types.js'
import { AHEAD_PER_THREAD, debugNote, debugTime, emptyTotals, evaluateJob, sharding, tally, travellerChunks, WorkerPool, type Totals } from './parallel.js'
import { createProgress } from './progress.js'
import { readBatch } from './read.js'
import { readAhead } from '../read-ahead.js'
import { answeredBefore, erroredAgain, evaluated, hasWarnings, warnedAgain } from './travellers.js'

export interface BatchRequest {
  readonly files: readonly string[]
  readonly rules: readonly Rule[]
  readonly on: CalendarDay
  readonly format: BatchFormat
  readonly dateFormat?: string | undefined
  readonly groupBy?: string | undefined
  /** Standard input, when it was already read whole. */
  readonly stdinText?: string | undefined
  readonly trips: readonly string[]
  /** Flags of single-traveller answers that were given (`--for`, `--explain` …): refused here. */
  readonly singleOnly: readonly string[]
}

export interface BatchOutput {
  readonly exitZero: boolean
  /** Text format only. */
  readonly color: boolean
  /** No progress bar. */
  readonly quiet: boolean
}

/** Output is handed to stdout in pieces of about this size. */
const FLUSH_AT = 1 << 16
/** Batches of more travellers than this write megabytes of output: worth warming the writer first (warmByteWriter). */
const WARM_FROM = 1000

function checkRequest(request: BatchRequest): void {
  if (request.trips.length > 0) throw new UsageError(batchProblems.tripInBatch())
  const [flag] = request.singleOnly
  if (flag !== undefined) throw new UsageError(batchProblems.planningInBatch(flag))
  if (request.files.length === 0) throw new UsageError(problems.noInput())
  // No column has an empty name to match (QA: each file was told it had no column "").
  if (request.groupBy?.trim() === '') throw new UsageError(batchProblems.groupByEmpty())
  const formatProblem = request.dateFormat === undefined ? undefined : dateFormatProblem(request.dateFormat)
  if (formatProblem !== undefined) throw new UsageError(formatProblem)
}

async function totalSize(files: readonly string[], io: Io): Promise<number | undefined> {
  if (io.fileSize === undefined || files.includes('-')) return undefined
  // Read ahead (src/read-ahead.ts): a folder of 10,000 itineraries waited 0.4 s for them one after the other.
  let total = 0
  for await (const size of readAhead(files, (f) => io.fileSize!(f))) total += size ?? 0
  return total
}

export async function runBatch(request: BatchRequest, output: BatchOutput, io: Io): Promise<ExitCode> {
  checkRequest(request)
  const { rules, on } = request
  const bytes = await totalSize(request.files, io)
  const writer = await batchWriter(request.format, { rules, on, color: output.color })
  // Output written to the terminal the bar is drawn on while it runs would be mixed into it.
  const progress = await createProgress(io, { quiet: output.quiet || (writer.holdsAll !== true && io.stdoutIsTTY), totalBytes: bytes })
  const pool = WorkerPool.forInput(io, bytes)
  /** Chunks written out; workers hold back while too far ahead of it. */
  const written = new Int32Array(new SharedArrayBuffer(4))
  try {
    const settings = {
      ...(request.dateFormat === undefined ? {} : { dateFormat: request.dateFormat }),
      ...(request.groupBy === undefined ? {} : { groupBy: request.groupBy }),
      ...(request.stdinText === undefined ? {} : { stdinText: request.stdinText }),
    }
    // Set when the workers are sent their travellers: until then, a worker done with its range warms up (./warm-up.ts).
    const sent = new Int32Array(new SharedArrayBuffer(4))
    const warm = { rules, on, format: request.format, color: output.color, sent }
    const input = await readBatch(request.files, settings, io, (n) => progress.read(n), pool && sharding(pool, io, settings, warm))
    const count = input.names.length
    if (writer.write !== undefined && count > WARM_FROM) warmByteWriter()
    const totals = emptyTotals()
    // Travellers with input problems, told on stderr once all is written: by id (evaluated again
    // then), not as results: a million bad rows kept as messages took gigabytes.
    const errored: number[] = []
    const warned: number[] = []
    let problemCount = 0
    let pending = writer.begin()
    const flush = async () => {
      if (pending.length < FLUSH_AT) return
      io.stdout(pending)
      pending = ''
      await io.drain?.()
    }
    const threads = (pool?.size ?? 0) + 1
    // Chunks are claimed one at a time by every thread, this one too (src/batch/parallel.ts).
    const claimed = new Int32Array(new SharedArrayBuffer(4))
    const ahead = AHEAD_PER_THREAD * threads
    let chunks: [number, number][]
    debugNote(io, `input read by ${debugTime(io)}`)
    // The rows are on shared memory when workers read them (readBatch), and so is `start`.
    const start = input.store.groupByTraveller(count)
    debugNote(io, `rows grouped by traveller by ${debugTime(io)}`)
    if (pool === undefined) {
      chunks = [[0, count]]
    } else {
      chunks = travellerChunks(start, count, threads)
      Atomics.store(sent, 0, 1)
      pool.sendAll({ kind: 'evaluate', job: evaluateJob(input, start, chunks, { rules, on, format: request.format, color: output.color, written, claimed, ahead }) })
      debugNote(io, `${count} travellers evaluated in ${chunks.length} chunks on ${Math.min(threads, chunks.length)} threads`)
    }
    const before = answeredBefore(input, start, count)
    const shown = (done: number) => progress.evaluated(before[done]!, before[count]!)
    /** Whether the writer was given a piece: until then a worker's UTF-8 goes through `add` too. */
    let added = false
    const decoder = new TextDecoder()
    /** Chunks done but not yet written: this thread's (done ahead, while a worker's came late) and the workers'. */
    const held = new Map<number, { readonly output: readonly unknown[]; readonly totals?: Totals; readonly errored: readonly number[]; readonly warned: readonly number[]; readonly problems: number }>()
    for (let next = 0; next < chunks.length; ) {
      const ready = held.get(next)
      if (ready !== undefined) {
        held.delete(next)
        if (ready.totals !== undefined) for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += ready.totals[key]
        for (const id of ready.errored) errored.push(id)
        for (const id of ready.warned) warned.push(id)
        problemCount += ready.problems
        if (writer.streams && (added || writer.write !== undefined) && ready.output[0] instanceof Uint8Array) {
          // A worker's UTF-8, after a first piece: `add` would give it back as it is (see BatchWriter).
          io.stdout(pending)
          pending = ''
          for (const bytes of ready.output as Uint8Array[]) io.stdout(bytes)
          await io.drain?.()
        } else {
          for (const piece of ready.output) {
            pending += writer.add(piece instanceof Uint8Array ? decoder.decode(piece) : piece)
            added = true
          }
          await flush()
        }
        shown(chunks[next]![1])
        next++
        Atomics.store(written, 0, next)
        Atomics.notify(written, 0)
        continue
      }
      // The next chunk to write is not here: do one of our own, if any is left near enough, else
      // wait for a worker's.
      const mine = Atomics.load(claimed, 0) < Math.min(chunks.length, next + ahead) ? Atomics.add(claimed, 0, 1) : chunks.length
      if (mine >= chunks.length) {
        const reply = await pool!.nextChunk()
        held.set(reply.index, reply)
        continue
      }
      const [from, to] = chunks[mine]!
      // The chunk to write now streams straight out; one done ahead is kept, pieces in order.
      const now = mine === next
      const kept: unknown[] = []
      const keptBytes = now || !writer.streams ? undefined : new ByteWriter()
      // This chunk's travellers with problems: told once it is written, in order.
      const chunkErrored: number[] = []
      const chunkWarned: number[] = []
      let chunkProblems = 0
      // A format written as bytes (JSON Lines): the chunk to write now comes after what is pending.
      const out = writer.write === undefined ? undefined : now ? new ByteWriter() : keptBytes
      if (now && out !== undefined && pending !== '') {
        io.stdout(pending)
        pending = ''
      }
      for (const { id, result, status } of evaluated(input, start, from, to, { rules, on })) {
        tally(totals, status)
        if (!('report' in result)) {
          chunkErrored.push(id)
          chunkProblems += result.problems.length
        } else if (hasWarnings(result)) chunkWarned.push(id)
        if (out !== undefined) writer.write!(out, result, status)
        else {
          const piece = writer.piece(result, status)
          if (!now) {
            if (keptBytes !== undefined && typeof piece === 'string') keptBytes.text(piece)
            else kept.push(piece)
          } else {
            pending += writer.add(piece)
            added = true
          }
        }
        if (now) {
          if (out?.full === true) {
            for (const bytes of out.take()) io.stdout(bytes)
            await io.drain?.()
          } else if (pending.length >= FLUSH_AT) await flush()
          if ((id & 1023) === 1023) {
            shown(id + 1)
            if (progress.active) await new Promise<void>((resolve) => setImmediate(resolve))
          }
        }
      }
      if (now && out !== undefined) {
        for (const bytes of out.take()) io.stdout(bytes)
        await io.drain?.()
      }
      if (now) {
        for (const id of chunkErrored) errored.push(id)
        for (const id of chunkWarned) warned.push(id)
        problemCount += chunkProblems
        shown(to)
        next++
        Atomics.store(written, 0, next)
        Atomics.notify(written, 0)
      } else held.set(mine, { output: keptBytes?.take() ?? kept, errored: chunkErrored, warned: chunkWarned, problems: chunkProblems })
      // Let the workers' chunks in before deciding what to do next.
      if (pool !== undefined) await new Promise<void>((resolve) => setImmediate(resolve))
    }
    pending += writer.end(totals)
    progress.stop()
    io.stdout(pending)
    debugNote(io, `travellers evaluated and written by ${debugTime(io)}`)
    if (totals.travellers === 0) io.stderr(batchProblems.noTravellers())
    // Warnings before problems: the problems, which change the exit status, are what is seen last.
    if (warned.length > 0) {
      const again = warnedAgain(input, start, warned, { rules, on })
      for (const piece of batchWarningPieces(again, warned.length, totals.travellers, request.format === 'json' || request.format === 'jsonl')) {
        io.stderr(piece)
        await io.drainStderr?.()
      }
    }
    if (errored.length > 0) {
      const again = erroredAgain(input, start, errored, { rules, on })
      for (const piece of batchProblemPieces(again, { travellers: errored.length, problems: problemCount }, totals.travellers)) {
        io.stderr(piece)
        await io.drainStderr?.()
      }
      return ExitCode.BadInput
    }
    return totals.over + totals.overstay > 0 && !output.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
  } finally {
    progress.stop()
    // Let any worker still holding back go (a run that ended early), then stop them all.
    Atomics.store(written, 0, 0x7fffffff)
    Atomics.notify(written, 0)
    pool?.close()
  }
}
