/**
 * The program's window on the world, injected into `main` so tests run in-process and the clock
 * is read in exactly one place (`nodeIo().today` in run.ts).
 */
import type { CalendarDay } from './types.js'

export interface Io {
  /** Text, or UTF-8 bytes (batch output made on a worker thread). */
  readonly stdout: (text: string | Uint8Array) => void
  readonly stderr: (text: string) => void
  /** Reads a whole UTF-8 file; rejects with a Node errno error. */
  readonly readFile: (path: string) => Promise<string>
  readonly readStdin: () => Promise<string>
  readonly writeFile: (path: string, data: string) => Promise<void>
  /** Whether something is at `path` already (a link counts, even a broken one). */
  readonly exists?: (path: string) => Promise<boolean>
  /** Removes a file this run made, when a later one could not be written (best effort). */
  readonly removeFile?: (path: string) => Promise<void>
  /** Why `path` cannot be written (an error with a `code`), or `undefined` when it can: checked before writing any. */
  readonly writable?: (path: string) => Promise<unknown>
  /** The same string for two paths of one file (another spelling, a link); for a file yet to be made, its folder's. */
  readonly fileKey?: (path: string) => Promise<string>
  /** `fileKey` of what standard output and standard error are, when a file or a pipe. */
  readonly outputKeys?: () => { readonly stdout?: string; readonly stderr?: string }
  /**
   * The same `key` for every name of one input (`-`, `/dev/stdin`); `once` when it can be read only
   * once (a pipe, a FIFO, a socket); `undefined` when it cannot be told (a device, a missing file).
   */
  readonly streamKey?: (path: string) => Promise<{ readonly key: string; readonly once: boolean } | undefined>
  /**
   * A folder's files (not its subfolders) whose names end in .csv, .tsv or .txt, any case, as paths
   * in name order; `undefined` when `path` is no folder.
   */
  readonly folderFiles?: (path: string) => Promise<string[] | undefined>
  /** Today's date where the user is: the only clock in the program. */
  readonly today: () => CalendarDay
  readonly env: Readonly<Record<string, string | undefined>>
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  /**
   * Batch mode (src/batch/): a file as a stream of chunks, so input of any size is read without
   * holding it; a Node errno error surfaces while iterating. Without it, `readFile` is used.
   */
  readonly openRead?: (path: string, range?: ByteRange) => AsyncIterable<Uint8Array | string>
  /**
   * The first chunks of a file, read only as far as the caller iterates (batch detection looks for
   * the header line). A file that can be read only once (a pipe, a FIFO) keeps what was read for
   * the next `openRead` or `readFile` of it, followed by the rest of the same stream.
   */
  readonly readHead?: (path: string) => AsyncIterable<Uint8Array | string>
  /** Up to `length` bytes of a file from `position` (fewer at its end): where to split a big batch file. */
  readonly readBytes?: (path: string, position: number, length: number) => Promise<Uint8Array>
  /** Threads a batch run may use (src/batch/parallel.ts); absent or 1: this one only. */
  readonly threads?: number
  /** Starts a worker thread running src/batch/worker.ts; needed for `threads` above 1. */
  readonly spawnWorker?: () => WorkerPort
  /** Standard input as a stream of chunks (batch mode); without it, `readStdin` is used. */
  readonly stdinStream?: () => AsyncIterable<Uint8Array | string>
  /** A regular file's size in bytes (progress bar, batch threads); `undefined` for anything else (a pipe) or unknown. */
  readonly fileSize?: (path: string) => Promise<number | undefined>
  /** Milliseconds on a monotonic clock, only to time the progress bar (never for dates). */
  readonly now?: () => number
  /** Resolves when standard output can take more: back-pressure for long batch outputs. */
  readonly drain?: () => Promise<void>
  /**
   * The same for standard error: to a pipe Node writes it when the pipe has room, keeping the rest
   * meanwhile (QA: a million problems piped, 1.5 GB held; to a file, 376 MB).
   */
  readonly drainStderr?: () => Promise<void>
  /** Width of the terminal on stderr, when it is one. */
  readonly stderrColumns?: number
}

/** Bytes `start` … `end - 1` of a file. */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/** What batch mode needs of a worker thread (node:worker_threads' Worker has it). */
export interface WorkerPort {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void
  on(event: 'message', listener: (message: unknown) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  terminate(): Promise<number>
}

/** Colour decision, made once: --color/--no-color, then NO_COLOR, FORCE_COLOR, then a TTY. */
export function wantsColor(flag: boolean | undefined, io: Pick<Io, 'env' | 'stdoutIsTTY'>): boolean {
  if (flag !== undefined) return flag
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  const force = io.env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  return io.stdoutIsTTY && io.env.TERM !== 'dumb'
}
