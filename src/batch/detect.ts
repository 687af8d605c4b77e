/**
 * Whether a run is a batch (many travellers) or the single-traveller report: batch when asked for
 * (`--batch`, `--group-by`, a format only batches have) or when any input has a traveller column.
 * Reads no more than each file's header line; standard input is read whole (the single-traveller
 * report needs it whole anyway), so its text is handed on.
 */
import { UsageError, batchProblems } from '../errors.js'
import type { Io } from '../io.js'
import { firstContentLine, readTable } from '../parse/records.js'
import { travellerColumn } from '../parse/traveller.js'
import { BATCH_FORMATS, type BatchFormat } from '../render/batch.js'

/** Formats that only make sense for many travellers: they turn batch mode on. */
export const BATCH_ONLY_FORMATS: readonly BatchFormat[] = ['jsonl', 'csv', 'github', 'junit']

export interface BatchFlags {
  readonly batch?: boolean
  readonly groupBy?: string
  readonly format?: string
  readonly json?: boolean
}

/** `--format`, with `--json` as `--format json`. */
export function formatOf(flags: BatchFlags): BatchFormat {
  const format = flags.format ?? (flags.json === true ? 'json' : 'text')
  if (!(BATCH_FORMATS as readonly string[]).includes(format)) throw new UsageError(batchProblems.unknownFormat(format, BATCH_FORMATS))
  if (flags.json === true && format !== 'json') throw new UsageError(`--json and --format ${format} disagree; give one`)
  return format as BatchFormat
}

export async function detectBatch(files: readonly string[], flags: BatchFlags, io: Io): Promise<{ batch: boolean; stdinText?: string }> {
  if (flags.batch === true || flags.groupBy !== undefined || BATCH_ONLY_FORMATS.includes(formatOf(flags))) return { batch: true }
  let stdinText: string | undefined
  for (const path of files) {
    let line: string | undefined
    if (path === '-') {
      stdinText ??= await io.readStdin()
      line = firstContentLine(stdinText.replace(/^\uFEFF/, ''), true)
    } else line = await headerLine(path, io)
    const fields = line === undefined ? undefined : readTable(line, path).header?.fields
    if (fields !== undefined && travellerColumn(fields) !== undefined) return stdinText === undefined ? { batch: true } : { batch: true, stdinText }
  }
  return { batch: false }
}

/** The header line of a file, reading only as much as it takes; `undefined` if unreadable. */
async function headerLine(path: string, io: Io): Promise<string | undefined> {
  try {
    if (io.openRead === undefined) return firstContentLine((await io.readFile(path)).replace(/^\uFEFF/, ''), true)
    const decoder = new TextDecoder()
    let text = ''
    for await (const chunk of io.openRead(path)) {
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      const line = firstContentLine(text, false)
      if (line !== undefined) return line
    }
    return firstContentLine(text + decoder.decode(), true)
  } catch {
    return undefined // the report proper says why the file cannot be read
  }
}
