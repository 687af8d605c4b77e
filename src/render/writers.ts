/** Each batch `--format` and the writer that streams it. Pure. */
import type { BatchContext, BatchFormat, BatchWriter } from './batch.js'
import { csvWriter } from './csv.js'
import { githubWriter } from './github.js'
import { jsonlWriter, jsonWriter } from './jsonl.js'
import { junitWriter } from './junit.js'
import { tableWriter } from './table.js'

const WRITERS: Record<BatchFormat, (context: BatchContext) => BatchWriter> = {
  text: tableWriter as (context: BatchContext) => BatchWriter,
  json: jsonWriter,
  jsonl: jsonlWriter,
  csv: csvWriter,
  github: githubWriter,
  junit: junitWriter,
}

export function batchWriter(format: BatchFormat, context: BatchContext): BatchWriter {
  return WRITERS[format](context)
}
