/** An in-memory Io for running `main()` in-process: captured output, a fixed clock, virtual files. */
import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { main } from '../../src/cli.js'
import { day } from '../../src/day.js'
import type { Io } from '../../src/io.js'

export interface RunOptions {
  /** Virtual files by path; other paths are read from disk (relative to the repo root). */
  readonly files?: Record<string, string>
  readonly stdin?: string
  readonly today?: string
  readonly env?: Record<string, string | undefined>
  readonly tty?: boolean
  /** stderr alone is a terminal (progress bar tests); defaults to `tty`. */
  readonly stderrTty?: boolean
  /** Monotonic milliseconds for the progress bar; absent: no clock, so no bar. */
  readonly clock?: () => number
  /** Paths whose write fails as on a full disk (ENOSPC), after the checks before writing. */
  readonly fullDisk?: readonly string[]
  /** Virtual files and stdin stream in chunks of this many characters (default: 7, to cross every boundary). */
  readonly chunkSize?: number
}

/** A text as a stream of small chunks, like a file read piece by piece. */
async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; ) {
    // A string cannot end inside a character as a Buffer chunk can: keep surrogate pairs whole.
    const end = /[\uD800-\uDBFF]/.test(text[i + size - 1] ?? '') ? i + size + 1 : i + size
    yield text.slice(i, end)
    i = end
  }
}

export interface RunResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
  /** Files written by the program, by path. */
  readonly written: Record<string, string>
}

export function fakeIo(options: RunOptions = {}): { io: Io; out: string[]; err: string[]; written: Record<string, string> } {
  const out: string[] = []
  const err: string[] = []
  const written: Record<string, string> = {}
  const io: Io = {
    stdout: (t) => void out.push(typeof t === 'string' ? t : Buffer.from(t).toString('utf8')),
    stderr: (t) => void err.push(t),
    readFile: async (path) => options.files?.[path] ?? readFile(path, 'utf8'),
    readStdin: async () => options.stdin ?? '',
    writeFile: async (path, data) => {
      // A file half-written before the disk filled up.
      written[path] = options.fullDisk?.includes(path) === true ? data.slice(0, 10) : data
      if (options.fullDisk?.includes(path) === true) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' })
    },
    // A folder on disk stands for its itineraries, as src/run.ts lists them (examples/itineraries/).
    folderFiles: async (path) => {
      if (path === '-' || options.files?.[path] !== undefined || (await stat(path).catch(() => undefined))?.isDirectory() !== true) return undefined
      const names = (await readdir(path)).filter((name) => /\.(?:csv|tsv|txt)$/i.test(name) && !name.startsWith('.')).sort()
      return names.map((name) => (/[\\/]$/.test(path) ? `${path}${name}` : `${path}/${name}`))
    },
    exists: async (path) => path in written || options.files?.[path] !== undefined || (await stat(path).then(() => true, () => false)),
    removeFile: async (path) => {
      if (!(path in written)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
      delete written[path]
    },
    today: () => day(options.today ?? '2024-06-01'),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.stderrTty ?? options.tty ?? false,
    openRead: (path) => {
      const text = options.files?.[path]
      return text === undefined ? createReadStream(path) : chunksOf(text, options.chunkSize ?? 7)
    },
    stdinStream: () => chunksOf(options.stdin ?? '', options.chunkSize ?? 7),
    fileSize: async (path) => {
      const text = options.files?.[path]
      return text === undefined ? (await stat(path).catch(() => undefined))?.size : Buffer.byteLength(text)
    },
    ...(options.clock === undefined ? {} : { now: options.clock }),
    drain: async () => {},
    stderrColumns: 80,
  }
  return { io, out, err, written }
}

export async function run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { io, out, err, written } = fakeIo(options)
  const exitCode = await main(args, io)
  return { exitCode, stdout: out.join(''), stderr: err.join(''), written }
}
