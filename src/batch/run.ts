/**
 * A batch run: read every input into compact rows, evaluate each traveller on their own, and
 * stream the chosen format to stdout as results come; input problems go to stderr per traveller.
 * Exit 2 if any traveller's input has problems, else 1 if any traveller breaks the rule (unless
 * --exit-zero), else 0. Called by cli.ts; everything outside reaches it through `Io`.
 */
import { dateFormatProblem } from '../parse/date.js'
import { ExitCode, formatBatchProblems, problems, UsageError, batchProblems } from '../errors.js'
import type { Io } from '../io.js'
import type { Rule } from '../rules/types.js'
import { statusOf, type BatchContext, type BatchFormat, type BatchStatus, type BatchTotals, type BatchWriter, type TravellerResult } from '../render/batch.js'
import { csvWriter } from '../render/csv.js'
import { githubWriter } from '../render/github.js'
import { jsonlWriter, jsonWriter } from '../render/jsonl.js'
import { junitWriter } from '../render/junit.js'
import { tableWriter } from '../render/table.js'
import type { CalendarDay } from '../types.js'
import { evaluateTraveller } from './evaluate.js'
import { createProgress } from './progress.js'
import { readBatch } from './read.js'

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

const WRITERS: Record<BatchFormat, (context: BatchContext) => BatchWriter> = {
  text: tableWriter,
  json: jsonWriter,
  jsonl: jsonlWriter,
  csv: csvWriter,
  github: githubWriter,
  junit: junitWriter,
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
  const progress = await createProgress(io, { quiet: output.quiet, totalBytes: await totalSize(request.files, io) })
  try {
    const settings = {
      ...(request.dateFormat === undefined ? {} : { dateFormat: request.dateFormat }),
      ...(request.groupBy === undefined ? {} : { groupBy: request.groupBy }),
      ...(request.stdinText === undefined ? {} : { stdinText: request.stdinText }),
    }
    const input = await readBatch(request.files, settings, io, (bytes) => progress.read(bytes))
    const { start, order } = input.store.byTraveller(input.names.length)
    const writer = WRITERS[request.format]({ rules, on, color: output.color })
    const evaluate = { rules, on }
    const totals: Record<keyof BatchTotals, number> = { travellers: 0, over: 0, overstay: 0, error: 0, ok: 0 }
    const errored: Extract<TravellerResult, { problems: unknown }>[] = []
    let pending = writer.begin()
    const count = input.names.length
    for (let id = 0; id < count; id++) {
      const rows = order.subarray(start[id]!, start[id + 1]!)
      // A traveller met only in a part of a file read again may have nothing left.
      if (rows.length === 0 && !input.problems.has(id)) continue
      const result = evaluateTraveller(id, input, rows, evaluate)
      const status: BatchStatus = statusOf(result)
      totals.travellers++
      totals[status]++
      if (!('report' in result)) errored.push(result)
      pending += writer.add(result, status)
      if (pending.length >= FLUSH_AT) {
        io.stdout(pending)
        pending = ''
        await io.drain?.()
      }
      if ((id & 1023) === 1023) {
        progress.evaluated(id + 1, count)
        if (progress.active) await new Promise<void>((resolve) => setImmediate(resolve))
      }
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
  }
}
