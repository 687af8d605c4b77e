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
import { debugNote, emptyTotals, evaluateJob, sharding, tally, travellerRanges, WorkerPool, type ErroredResult, type Totals } from './parallel.js'
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
  const progress = await createProgress(io, { quiet: output.quiet, totalBytes: bytes })
  const pool = WorkerPool.forInput(io, bytes)
  try {
    const settings = {
      ...(request.dateFormat === undefined ? {} : { dateFormat: request.dateFormat }),
      ...(request.groupBy === undefined ? {} : { groupBy: request.groupBy }),
      ...(request.stdinText === undefined ? {} : { stdinText: request.stdinText }),
    }
    const input = await readBatch(request.files, settings, io, (n) => progress.read(n), pool && sharding(pool, io, settings))
    const grouped = input.store.byTraveller(input.names.length)
    const count = input.names.length
    const writer = batchWriter(request.format, { rules, on, color: output.color })
    const totals = emptyTotals()
    const errored: ErroredResult[] = []
    let pending = writer.begin()
    const flush = async () => {
      if (pending.length < FLUSH_AT) return
      io.stdout(pending)
      pending = ''
      await io.drain?.()
    }
    // Ranges after the first go to the workers now; their pieces wait until this thread's are out.
    const [own = [0, 0], ...others] = pool === undefined ? [[0, count] as [number, number]] : travellerRanges(grouped.start, count, pool.size)
    if (pool !== undefined) debugNote(io, `${count} travellers evaluated in ${others.length + 1} ranges`)
    others.forEach(([from, to], k) => {
      const { job, transfer } = evaluateJob(input, grouped, from, to, { rules, on, format: request.format, color: output.color })
      pool!.worker(k).send({ kind: 'evaluate', job }, transfer)
    })
    for (const { id, result, status } of evaluated(input, grouped, own[0], own[1], { rules, on })) {
      tally(totals, status)
      if (!('report' in result)) errored.push(result)
      pending += writer.add(writer.piece(result, status))
      await flush()
      if ((id & 1023) === 1023) {
        progress.evaluated(id + 1, count)
        if (progress.active) await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
    for (let k = 0; k < others.length; k++) {
      const worker = pool!.worker(k)
      for (;;) {
        const reply = await worker.next()
        if (reply.kind === 'done') {
          for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += reply.totals[key]
          for (const result of reply.errored) errored.push(result)
          break
        }
        if (reply.kind === 'bytes') {
          // The first traveller was this thread's, so `add` would give these pieces back as they are.
          io.stdout(pending)
          pending = ''
          io.stdout(reply.bytes)
          await io.drain?.()
          continue
        }
        if (reply.kind !== 'pieces') throw new InternalError(`batch worker: ${reply.kind} instead of pieces`)
        for (const piece of reply.pieces) {
          pending += writer.add(piece)
          await flush()
        }
      }
      progress.evaluated(others[k]![1], count)
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
    pool?.close()
  }
}
