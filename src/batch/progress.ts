/**
 * The batch progress bar (cli-progress) on stderr: only when stderr is a terminal, not under CI,
 * not with --quiet, and only once a run has lasted a second, so quick runs never flash one.
 * The clock is `io.now`; the terminal is reached only through `io.stderr`.
 */
import { createRequire } from 'node:module'
import type { Io } from '../io.js'

/** Runs shorter than this never show a bar. */
export const PROGRESS_DELAY_MS = 1000

export interface Progress {
  /** `bytes` more of the input read (fewer when negative: a part read again is taken back). */
  read(bytes: number): void
  /** `done` of `total` travellers evaluated. */
  evaluated(done: number, total: number): void
  /** Whether a bar may show: callers then give the event loop a turn now and then, to draw it. */
  readonly active: boolean
  /** Clears the bar for good; call before writing anything else to stderr. */
  stop(): void
}

const NO_PROGRESS: Progress = { read: () => {}, evaluated: () => {}, active: false, stop: () => {} }

export function isCi(env: Io['env']): boolean {
  const ci = env.CI
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false'
}

export function wantsProgress(io: Io, quiet: boolean): boolean {
  return !quiet && io.stderrIsTTY && !isCi(io.env) && io.now !== undefined
}

interface Bar {
  start(total: number, value: number, payload: object): void
  update(value: number, payload: object): void
  setTotal(total: number): void
  stop(): void
}

const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(1)

/** Loads cli-progress only when a bar may show (a terminal, not CI, not --quiet). */
export async function createProgress(io: Io, options: { quiet: boolean; totalBytes: number | undefined }): Promise<Progress> {
  const now = io.now
  if (!wantsProgress(io, options.quiet) || now === undefined) return NO_PROGRESS
  // require, not import(): bin/stay-calc.cjs runs the bundle as a vm script (for its code cache).
  const library = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress')
  const started = now()
  let bar: Bar | undefined
  let stopped = false
  let bytes = 0
  let state = { value: 0, total: options.totalBytes ?? 0, payload: { phase: 'reading', done: '' } }

  const show = () => {
    if (bar !== undefined) {
      bar.setTotal(state.total)
      bar.update(state.value, state.payload)
      return
    }
    if (stopped || now() - started < PROGRESS_DELAY_MS) return
    // cli-progress draws with readline's cursor functions, which only call `write`.
    const stream = { write: (text: string) => (io.stderr(text), true), isTTY: true, columns: io.stderrColumns ?? 80 }
    bar = new library.SingleBar({
      stream: stream as unknown as NodeJS.WritableStream,
      format: (_options, params, payload: { phase: string; done: string }) => {
        if (params.total <= 0) return `${payload.phase} ${payload.done}`
        const width = 24
        const filled = Math.round(Math.min(1, params.progress) * width)
        return `${payload.phase} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.floor(params.progress * 100)}% ${payload.done}`
      },
      // Nothing the terminal keeps is changed (no hidden cursor, no line wrapping turned off), so a
      // run stopped by Ctrl-C or a signal leaves it as it was (QA: the cursor stayed hidden); lines
      // longer than the terminal are cut instead (cli-progress's terminal.js).
      hideCursor: false,
      linewrap: true,
      clearOnComplete: true,
      fps: 10,
    })
    bar.start(state.total, state.value, state.payload)
  }

  return {
    active: true,
    read(n) {
      bytes += n
      const total = options.totalBytes
      state = {
        value: bytes,
        total: total ?? 0,
        payload: { phase: 'reading', done: total === undefined ? `${megabytes(bytes)} MB` : `${megabytes(bytes)} of ${megabytes(total)} MB` },
      }
      show()
    },
    evaluated(done, total) {
      state = { value: done, total, payload: { phase: 'checking', done: `${done} of ${total} travellers` } }
      show()
    },
    stop() {
      stopped = true
      bar?.stop()
      bar = undefined
    },
  }
}
