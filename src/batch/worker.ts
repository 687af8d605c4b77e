/**
 * A batch worker thread (src/batch/parallel.ts): reads a byte range of a file, or evaluates a
 * range of travellers and makes their pieces of the output, and posts the answer back. Started by
 * run.ts's `spawnWorker`; knows nothing of the command line.
 */
import { createReadStream } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { batchWriter } from '../render/writers.js'
import { emptyTotals, tally, type ErroredResult, type EvaluateJob, type FromWorker, type ToWorker } from './parallel.js'
import { BatchInput } from './read.js'
import { readShard } from './shard.js'
import { evaluated } from './travellers.js'

/** Pieces are posted in groups of about this many bytes or characters (or a 64th as many text-table rows). */
const POST_AT = 1 << 20

const port = parentPort
if (port === null) throw new Error('src/batch/worker.ts runs as a worker thread')

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer)
}

/** Text as UTF-8 in buffers of POST_AT bytes, each posted when full. */
class ByteChunks {
  private readonly encoder = new TextEncoder()
  private buffer = new Uint8Array(POST_AT)
  private used = 0

  add(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush()
      if (text.length * 3 > this.buffer.length) {
        const whole = this.encoder.encode(text)
        post({ kind: 'bytes', bytes: whole }, [whole.buffer as ArrayBuffer])
        return
      }
    }
    this.used += this.encoder.encodeInto(text, this.buffer.subarray(this.used)).written
  }

  flush(): void {
    if (this.used === 0) return
    post({ kind: 'bytes', bytes: this.buffer.subarray(0, this.used) }, [this.buffer.buffer as ArrayBuffer])
    this.buffer = new Uint8Array(POST_AT)
    this.used = 0
  }
}

function evaluate(job: EvaluateJob): void {
  const input = new BatchInput()
  for (const name of job.names) input.idOf(name)
  for (const info of job.files) input.files.push({ ...info })
  for (let i = 0; i < job.length; i++) input.store.push(job.traveller[i]!, job.first[i]!, job.second[i]!, job.line[i]!, job.file[i]!)
  for (const [id, list] of job.problems) for (const p of list) input.addProblem(id, p.file, p.problem)
  const writer = batchWriter(job.format, { rules: job.rules, on: job.on, color: job.color })
  const totals = emptyTotals()
  const errored: ErroredResult[] = []
  // A streaming format's pieces go as UTF-8, encoded here into buffers that move without a copy;
  // other string pieces (JUnit's) joined (see BatchWriter); the text table's rows as a list.
  const bytes = new ByteChunks()
  let joined = ''
  let pieces: unknown[] = []
  const send = () => {
    if (joined !== '' || pieces.length > 0) post({ kind: 'pieces', pieces: joined === '' ? pieces : [joined] })
    joined = ''
    pieces = []
  }
  for (const { result, status } of evaluated(input, input.store.byTraveller(job.names.length), 0, job.names.length, job)) {
    tally(totals, status)
    if (!('report' in result)) errored.push(result)
    const piece = writer.piece(result, status)
    if (typeof piece !== 'string') pieces.push(piece)
    else if (writer.streams) bytes.add(piece)
    else joined += piece
    if (joined.length >= POST_AT || pieces.length >= POST_AT >> 6) send()
  }
  bytes.flush()
  send()
  post({ kind: 'done', totals, errored })
}

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === 'evaluate') return evaluate(message.job)
  const range = createReadStream(message.path, { start: message.start, end: message.end - 1, highWaterMark: 1 << 16 })
  const outcome = await readShard(message.job, range)
  const transfer = outcome.usable ? [outcome.traveller.buffer, outcome.first.buffer, outcome.second.buffer, outcome.line.buffer] : []
  post({ kind: 'read', outcome }, transfer as ArrayBuffer[])
}

port.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined })
  })
})
