/**
 * The program's window on the world, injected into `main` so tests run in-process and the clock
 * is read in exactly one place (`nodeIo().today` in run.ts).
 */
import type { CalendarDay } from './types.js'

export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Reads a whole UTF-8 file; rejects with a Node errno error. */
  readonly readFile: (path: string) => Promise<string>
  readonly readStdin: () => Promise<string>
  readonly writeFile: (path: string, data: string) => Promise<void>
  /** Today's date where the user is: the only clock in the program. */
  readonly today: () => CalendarDay
  readonly env: Readonly<Record<string, string | undefined>>
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  /**
   * Batch mode (src/batch/): a file as a stream of chunks, so input of any size is read without
   * holding it; a Node errno error surfaces while iterating. Without it, `readFile` is used.
   */
  readonly openRead?: (path: string) => AsyncIterable<Uint8Array | string>
  /** Standard input as a stream of chunks (batch mode); without it, `readStdin` is used. */
  readonly stdinStream?: () => AsyncIterable<Uint8Array | string>
  /** A file's size in bytes, for the progress bar; `undefined` when unknown. */
  readonly fileSize?: (path: string) => Promise<number | undefined>
  /** Milliseconds on a monotonic clock, only to time the progress bar (never for dates). */
  readonly now?: () => number
  /** Resolves when standard output can take more: back-pressure for long batch outputs. */
  readonly drain?: () => Promise<void>
  /** Width of the terminal on stderr, when it is one. */
  readonly stderrColumns?: number
}

/** Colour decision, made once: --color/--no-color, then NO_COLOR, FORCE_COLOR, then a TTY. */
export function wantsColor(flag: boolean | undefined, io: Pick<Io, 'env' | 'stdoutIsTTY'>): boolean {
  if (flag !== undefined) return flag
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  const force = io.env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  return io.stdoutIsTTY && io.env.TERM !== 'dumb'
}
