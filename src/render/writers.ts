/** Each batch `--format` and the writer that streams it. Pure. */
import type { BatchContext, BatchFormat, BatchWriter } from './batch.js'
import { csvWriter } from './csv.js'
import { githubWriter } from './github.js'
import { jsonlWriter, jsonWriter } from './jsonl.js'
import { junitWriter } from './junit.js'

const WRITERS: Record<BatchFormat, (context: BatchContext) => BatchWriter | Promise<BatchWriter>> = {
  // Loaded only for the table: measuring names on a terminal (string-width) costs ~20 ms to load.
  text: async (context) => (await import('./table.js')).tableWriter(context) as BatchWriter,
  json: jsonWriter,
  jsonl: jsonlWriter,
  csv: csvWriter,
  github: githubWriter,
  junit: junitWriter,
}

export async function batchWriter(format: BatchFormat, context: BatchContext): Promise<BatchWriter> {
  return WRITERS[format](context)
}
