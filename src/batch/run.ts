/**
 * A batch run: read every input into compact rows, evaluate each traveller on their own, and
 * stream the chosen format to stdout as results come; input problems go to stderr per traveller.
 * Exit 2 if any traveller's input has problems, else 1 if any traveller breaks the rule (unless
 * --exit-zero), else 0. Called by cli.ts; everything outside reaches it through `Io`.
 */
import { dateFormatProblem } from '../parse/date.js'
import { ExitCode, formatBatchProblems, InternalError, problems, UsageError, batchProblems } from '../errors.js'
import type { Io } from '../io.js'
import type { Rule } from '../rules/types.js'
import type { BatchFormat } from '../render/batch.js'
import { batchWriter } from '../render/writers.js'
import type { CalendarDay } from '../types.js'
import { AHEAD_PER_THREAD, debugNote, emptyTotals, evaluateJob, sharding, tally, travellerChunks, WorkerPool, type ErroredResult, type Totals } from './parallel.js'
import { createProgress } from './progress.js'
import { readBatch } from './read.js'
import { evaluated } from './travellers.js'

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

function checkRequest(request: BatchRequest): void {
  if (request.trips.length > 0) throw new UsageError(batchProblems.tripInBatch())
  const [flag] = request.singleOnly
  if (flag !== undefined) throw new UsageError(batchProblems.planningInBatch(flag))
  if (request.files.length === 0) throw new UsageError(problems.noInput())
  const formatProblem = request.dateFormat === undefined ? undefined : dateFormatProblem(request.dateFormat)
  if (formatProblem !== undefined) throw new UsageError(formatProblem)
}

async function totalSize(files: readonly string[], io: Io): Promise<number | undefined> {
  if (io.fileSize === undefined || files.includes('-')) return undefined
  let total = 0
  for (const f of files) total += (await io.fileSize(f)) ?? 0
  return total
}

export async function runBatch(request: BatchRequest, output: BatchOutput, io: Io): Promise<ExitCode> {
  checkRequest(request)
  const { rules, on } = request
  const bytes = await totalSize(request.files, io)
  const writer = batchWriter(request.format, { rules, on, color: output.color })
  // Output streamed to the terminal the bar is drawn on would be mixed into it.
  const progress = await createProgress(io, { quiet: output.quiet || (writer.streams && io.stdoutIsTTY), totalBytes: bytes })
  const pool = WorkerPool.forInput(io, bytes)
  /** Chunks written out; workers hold back while too far ahead of it. */
  const written = new Int32Array(new SharedArrayBuffer(4))
  try {
    const settings = {
      ...(request.dateFormat === undefined ? {} : { dateFormat: request.dateFormat }),
      ...(request.groupBy === undefined ? {} : { groupBy: request.groupBy }),
      ...(request.stdinText === undefined ? {} : { stdinText: request.stdinText }),
    }
    const input = await readBatch(request.files, settings, io, (n) => progress.read(n), pool && sharding(pool, io, settings))
    const grouped = input.store.byTraveller(input.names.length)
    const count = input.names.length
    const totals = emptyTotals()
    const errored: ErroredResult[] = []
    let pending = writer.begin()
    const flush = async () => {
      if (pending.length < FLUSH_AT) return
      io.stdout(pending)
      pending = ''
      await io.drain?.()
    }
    // Chunk c of the travellers is thread c % threads's (0: this one); the workers get theirs now.
    const threads = (pool?.size ?? 0) + 1
    const chunks = pool === undefined ? [[0, count] as [number, number]] : travellerChunks(grouped.start, count, threads)
    if (pool !== undefined) {
      debugNote(io, `${count} travellers evaluated in ${chunks.length} chunks on ${Math.min(threads, chunks.length)} threads`)
      const settings = { rules, on, format: request.format, color: output.color, written, ahead: AHEAD_PER_THREAD * threads }
      const mine = Array.from({ length: Math.min(threads, chunks.length) - 1 }, (_, k) => chunks.map((_, c) => c).filter((c) => c % threads === k + 1))
      // Each worker's first chunk goes alone, so it starts while the rest are gathered.
      for (const part of [(list: number[]) => list.slice(0, 1), (list: number[]) => list.slice(1)]) {
        mine.forEach((list, k) => {
          const indexes = part(list)
          if (indexes.length === 0) return
          const { job, transfer } = evaluateJob(input, grouped, chunks, indexes, settings)
          pool.worker(k).send({ kind: 'evaluate', job }, transfer)
        })
      }
    }
    for (let c = 0; c < chunks.length; c++) {
      const [from, to] = chunks[c]!
      if (c % threads === 0) {
        for (const { id, result, status } of evaluated(input, grouped, from, to, { rules, on })) {
          tally(totals, status)
          if (!('report' in result)) errored.push(result)
          pending += writer.add(writer.piece(result, status))
          await flush()
          if ((id & 1023) === 1023) {
            progress.evaluated(id + 1, count)
            if (progress.active) await new Promise<void>((resolve) => setImmediate(resolve))
          }
        }
      } else {
        const reply = await pool!.worker((c % threads) - 1).next()
        if (reply.kind !== 'chunk' || reply.index !== c) throw new InternalError(`batch worker: ${reply.kind} instead of chunk ${c}`)
        for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += reply.totals[key]
        for (const result of reply.errored) errored.push(result)
        if (writer.streams) {
          // Chunk 0 was this thread's, so `add` would give these pieces back as they are.
          io.stdout(pending)
          pending = ''
          for (const bytes of reply.output as Uint8Array[]) io.stdout(bytes)
          await io.drain?.()
        } else {
          for (const piece of reply.output) pending += writer.add(piece)
          await flush()
        }
        progress.evaluated(to, count)
      }
      Atomics.store(written, 0, c + 1)
      Atomics.notify(written, 0)
    }
    pending += writer.end(totals)
    progress.stop()
    io.stdout(pending)
    if (errored.length > 0) {
      io.stderr(formatBatchProblems(errored, totals.travellers))
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
