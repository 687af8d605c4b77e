/**
 * A batch worker thread (src/batch/parallel.ts): reads a byte range of a file, or evaluates a
 * range of travellers and makes their pieces of the output, and posts the answer back. Started by
 * run.ts's `spawnWorker`; knows nothing of the command line. A thread's entry point, like
 * run.ts for the process: so it opens its byte range with node:fs itself, as no `Io` crosses
 * threads (the range's path and bounds do).
 */
import { createReadStream } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { ByteWriter, warmByteWriter } from '../render/byte-writer.js'
import type { BatchWriter } from '../render/batch.js'
import { batchWriter } from '../render/writers.js'
import { emptyTotals, tally, type EvaluateJob, type FromWorker, type ToWorker } from './parallel.js'
import { BatchInput } from './read.js'
import { readShard } from './shard.js'
import { RowStore } from './store.js'
import { evaluated, hasWarnings } from './travellers.js'
import { warmEvaluation } from './warm-up.js'

const port = parentPort
if (port === null) throw new Error('src/batch/worker.ts runs as a worker thread')

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer)
}

function evaluate(job: EvaluateJob, writer: BatchWriter): void {
  const input = new BatchInput(job.names, RowStore.of(job.rows), job.parseOptions, job.badRows)
  for (const info of job.files) input.files.push({ ...info })
  for (const [id, list] of job.problems) for (const p of list) input.addProblem(id, p.file, p.problem)
  for (const id of job.wholeFiles) input.wholeFiles.add(id)
  const count = job.chunks.length - 1
  // A streaming format's pieces go as UTF-8 that moves without a copy; other string pieces
  // (JUnit's) joined (see BatchWriter); the text table's rows as they are.
  const bytes = new ByteWriter()
  if (writer.write !== undefined) warmByteWriter()
  for (let index = Atomics.add(job.claimed, 0, 1); index < count; index = Atomics.add(job.claimed, 0, 1)) {
    // Hold back while this chunk would be too far ahead of what is written: bounded memory.
    for (let written = Atomics.load(job.written, 0); written < index - job.ahead; written = Atomics.load(job.written, 0)) {
      Atomics.wait(job.written, 0, written)
    }
    const totals = emptyTotals()
    const errored: number[] = []
    const warned: number[] = []
    let problems = 0
    let joined = ''
    const pieces: unknown[] = []
    for (const { id, result, status } of evaluated(input, job.start, job.chunks[index]!, job.chunks[index + 1]!, job)) {
      tally(totals, status)
      if (!('report' in result)) {
        errored.push(id)
        problems += result.problems.length
      } else if (hasWarnings(result)) warned.push(id)
      if (writer.write !== undefined) {
        writer.write(bytes, result, status)
        continue
      }
      const piece = writer.piece(result, status)
      if (typeof piece !== 'string') pieces.push(piece)
      else if (writer.streams) bytes.text(piece)
      else joined += piece
    }
    const output = writer.streams ? bytes.take() : joined === '' ? pieces : [joined]
    const transfer = writer.streams ? (output as Uint8Array[]).map((b) => b.buffer as ArrayBuffer) : []
    post({ kind: 'chunk', index, output, totals, errored, warned, problems }, transfer)
  }
}

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === 'evaluate') {
    const { job } = message
    return evaluate(job, await batchWriter(job.format, { rules: job.rules, on: job.on, color: job.color }))
  }
  const range = createReadStream(message.path, { start: message.start, end: message.end - 1, highWaterMark: 1 << 16 })
  const outcome = await readShard(message.job, range)
  const transfer = outcome.usable ? [outcome.traveller.buffer, outcome.first.buffer, outcome.second.buffer, outcome.line.buffer, outcome.until.buffer] : []
  post({ kind: 'read', outcome }, transfer as ArrayBuffer[])
  const { warm } = message
  if (warm !== undefined && outcome.usable) {
    const writer = await batchWriter(warm.format, { rules: warm.rules, on: warm.on, color: warm.color })
    if (writer.write !== undefined) warmByteWriter()
    warmEvaluation(outcome.form, warm, writer, () => Atomics.load(warm.sent, 0) !== 0)
  }
}

port.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined })
  })
})
