/**
 * Whether a run is a batch (many travellers) or the single-traveller report: batch when asked for
 * (`--batch`, `--group-by`, a format only batches have) or when any input has a traveller column.
 * Reads no more than each file's header line; standard input is read whole (the single-traveller
 * report needs it whole anyway), so its text is handed on.
 */
import { UsageError, batchProblems } from '../errors.js'
import { STDIN_NAME } from '../input.js'
import type { Io } from '../io.js'
import { firstContentLine, headAfter, readTable } from '../parse/records.js'
import { travellerColumn } from '../parse/traveller.js'
import { BATCH_FORMATS, type BatchFormat } from '../render/batch.js'
import { readAhead } from '../read-ahead.js'

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
  if (flags.json === true && format !== 'json') throw new UsageError(batchProblems.jsonFormatDisagree(format))
  return format as BatchFormat
}

export interface Detected {
  readonly batch: boolean
  readonly stdinText?: string
  /** When batch mode was turned on by a traveller column alone: the first such file and column. */
  readonly column?: { readonly file: string; readonly name: string }
}

export async function detectBatch(files: readonly string[], flags: BatchFlags, io: Io): Promise<Detected> {
  if (flags.batch === true || flags.groupBy !== undefined || BATCH_ONLY_FORMATS.includes(formatOf(flags))) return { batch: true }
  let stdinText: string | undefined
  const found = await travellerFile(files, io, (text) => (stdinText = text))
  if (found === undefined) return { batch: false }
  return stdinText === undefined ? { batch: true, column: found } : { batch: true, stdinText, column: found }
}

/** The first input (its name in messages) with a traveller column, and the column; `onStdin` gets standard input, read whole. */
export async function travellerFile(files: readonly string[], io: Io, onStdin?: (text: string) => void): Promise<{ file: string; name: string } | undefined> {
  // Regular files' headers read ahead (src/read-ahead.ts): a folder of 10,000 files without a
  // traveller column is read to its end. A pipe's only at its turn: one read ahead and left when a
  // column was found before it lost its first bytes to the abandoned read (QA).
  const heads = readAhead(files, async (path) => ({ path, head: path === '-' ? undefined : await regularHead(path, io) }))
  for await (const { path, head } of heads) {
    let line: string | undefined
    if (path === '-') {
      // Standard input that cannot be read (a folder) names no column; its reader says why.
      const text = await io.readStdin().catch(() => undefined)
      if (text !== undefined) onStdin?.(text)
      line = text === undefined ? undefined : firstContentLine(text.replace(/^\uFEFF/, ''), true)
    } else line = head !== undefined ? head.line : await headerLine(path, io)
    const fields = line === undefined ? undefined : readTable(line, path).header?.fields
    const column = fields === undefined ? undefined : travellerColumn(fields)
    if (column !== undefined && 'name' in column) return { file: path === '-' ? STDIN_NAME : path, name: column.name }
    if (column !== undefined) return { file: path === '-' ? STDIN_NAME : path, name: '' }
  }
  return undefined
}

/** The first bytes of a regular file read at once for its header line; a longer head is streamed. */
const HEAD_BYTES = 1 << 16

/**
 * A regular file's header line from its first bytes, read at once without a stream (a folder of
 * 10,000 files: 1.5 s of streams opened and closed); `undefined` when it is no regular file (a pipe,
 * streamed and kept for its reader: `headerLine`) or its head runs on past those bytes.
 */
async function regularHead(path: string, io: Io): Promise<{ readonly line: string | undefined } | undefined> {
  const { fileSize, readBytes } = io
  if (fileSize === undefined || readBytes === undefined) return undefined
  try {
    const size = await fileSize(path)
    if (size === undefined) return undefined
    const bytes = await readBytes(path, 0, Math.min(size, HEAD_BYTES))
    const text = new TextDecoder().decode(bytes, { stream: bytes.length < size })
    const head = headAfter(text, text)
    if (head !== undefined) return { line: head.headerLine }
    return bytes.length === size ? { line: firstContentLine(text, true) } : undefined
  } catch {
    return { line: undefined } // the report proper says why the file cannot be read
  }
}

/** The header line of a file, reading only as much as it takes; `undefined` if unreadable. */
async function headerLine(path: string, io: Io): Promise<string | undefined> {
  try {
    const open = io.readHead ?? io.openRead
    if (open === undefined) return firstContentLine((await io.readFile(path)).replace(/^\uFEFF/, ''), true)
    const decoder = new TextDecoder()
    let text = ''
    for await (const chunk of open(path)) {
      const decoded = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      text += decoded
      const head = headAfter(text, decoded)
      if (head !== undefined) return head.headerLine
    }
    return firstContentLine(text + decoder.decode(), true)
  } catch {
    return undefined // the report proper says why the file cannot be read
  }
}
