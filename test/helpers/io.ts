/** An in-memory Io for running `main()` in-process: captured output, a fixed clock, virtual files. */
import { readFile } from 'node:fs/promises'
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
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (path) => options.files?.[path] ?? readFile(path, 'utf8'),
    readStdin: async () => options.stdin ?? '',
    writeFile: async (path, data) => {
      written[path] = data
    },
    today: () => day(options.today ?? '2024-06-01'),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
  }
  return { io, out, err, written }
}

export async function run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { io, out, err, written } = fakeIo(options)
  const exitCode = await main(args, io)
  return { exitCode, stdout: out.join(''), stderr: err.join(''), written }
}
