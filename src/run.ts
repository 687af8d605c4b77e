/** The process entry point: the real Io, and the exit code handed to Node. */
import { constants, createReadStream, fstatSync, type Stats } from 'node:fs'
import { access, lstat, open, readdir, readFile, realpath, stat, unlink, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { main } from './cli.js'
import { dayFromYmd } from './day.js'
import { ExitCode, formatOutputError } from './errors.js'
import type { Io } from './io.js'
import { readAhead } from './read-ahead.js'

const load = createRequire(import.meta.url)

/** Standard input is read once: a second call (batch detection, then the report) gets the same text. */
let stdinText: Promise<string> | undefined

/**
 * Standard input redirected from a folder (`< dir`): Node reads it as empty, and it was told as a
 * file with no header line (QA). The same read error as for the folder's path instead.
 */
function stdinFolder(): NodeJS.ErrnoException | undefined {
  try {
    return fstatSync(0).isDirectory() ? Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR', syscall: 'read' }) : undefined
  } catch {
    return undefined
  }
}

async function readStdinOnce(): Promise<string> {
  const folder = stdinFolder()
  if (folder !== undefined) throw folder
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Standard output closed by its reader (`stay-calc … | head`): the rest of the output is dropped
 * quietly and the run ends with its own exit code, as a shell pipeline expects.
 */
let stdoutClosed = false
function outputFailed(error: NodeJS.ErrnoException): void {
  stdoutClosed = true
  if (error.code === 'EPIPE') return
  writeStderr(formatOutputError(error))
  process.exit(ExitCode.BadInput)
}
// A pipe reports asynchronously; a file or device (`> /dev/full`) throws from `write`.
process.stdout.on('error', outputFailed)

/**
 * Standard error that cannot be written (`2>/dev/full`, a reader gone): nothing more can be said
 * there, so the rest of it is dropped and the run keeps the exit code its answer deserves (QA:
 * Node's own crash made it 1, "the rule is broken", for a run with bad input).
 */
let stderrClosed = false
process.stderr.on('error', () => {
  stderrClosed = true
})
function writeStderr(text: string): void {
  if (stderrClosed) return
  try {
    process.stderr.write(text)
  } catch {
    stderrClosed = true
  }
}

/**
 * Files that can be read only once (`<(cmd)`, a FIFO, /dev/stdin) whose head batch detection has
 * read: what was read, and the rest of the same stream, for the reader that comes next.
 */
const begun = new Map<string, { readonly head: Buffer[]; readonly rest: AsyncIterator<Buffer> }>()

/** What is open on descriptor `fd`, or `undefined` when nothing is (a closed stdout). */
function fstatOf(fd: number): Stats | undefined {
  try {
    return fstatSync(fd)
  } catch {
    return undefined
  }
}

/**
 * Whether `path` may be readable only once, so its head is kept for the next reader: a pipe, a
 * FIFO, a socket or a terminal (a device such as /dev/null too, which costs nothing).
 */
const readOnce = async (path: string): Promise<boolean> => {
  const info = await stat(path).catch(() => undefined)
  return info !== undefined && (info.isFIFO() || info.isSocket() || info.isCharacterDevice())
}

function readHead(path: string): AsyncIterable<Buffer> {
  return {
    [Symbol.asyncIterator]: () => {
      let stream: ReturnType<typeof createReadStream> | undefined
      let it: AsyncIterator<Buffer> | undefined
      let kept: Buffer[] | undefined
      return {
        next: async () => {
          if (it === undefined) {
            const once = await readOnce(path)
            // Opened only now, and read at once: opened first, a stream that failed to open (a
            // broken link in a folder) while nothing read it yet crashed the run (QA).
            stream = createReadStream(path, { highWaterMark: 1 << 16 })
            it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
            if (once) kept = begun.set(path, { head: [], rest: it }).get(path)!.head
          }
          const next = await it.next()
          if (next.done !== true) kept?.push(next.value)
          return next
        },
        // Left early: a regular file is closed (it can be opened again); a pipe stays open.
        return: async () => {
          if (kept === undefined) stream?.destroy()
          return { done: true, value: undefined }
        },
      }
    },
  }
}

async function* resumed(entry: { readonly head: Buffer[]; readonly rest: AsyncIterator<Buffer> }): AsyncGenerator<Buffer> {
  yield* entry.head
  for (let next = await entry.rest.next(); next.done !== true; next = await entry.rest.next()) yield next.value
}

function openWhole(path: string): AsyncIterable<Buffer> {
  const entry = begun.get(path)
  if (entry === undefined) return createReadStream(path, { highWaterMark: 1 << 16 })
  begun.delete(path)
  return resumed(entry)
}

async function readWhole(path: string): Promise<string> {
  if (!begun.has(path) && !(await readOnce(path))) return readFile(path, 'utf8')
  const chunks: Buffer[] = []
  let lineEnded = false
  for await (const chunk of openWhole(path)) {
    chunks.push(chunk)
    if (lineEnded) continue
    lineEnded = chunk.includes(10) || chunk.includes(13)
    // A NUL before the first line break is no text (the header says so, and no row is read): a
    // device of them (/dev/zero) would otherwise be read until memory runs out (QA).
    if (!lineEnded && chunk.includes(0)) break
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function readBytes(path: string, position: number, length: number): Promise<Uint8Array> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await file.read(buffer, 0, length, position)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

export function nodeIo(): Io {
  return {
    stdout: (text) => {
      if (stdoutClosed) return
      try {
        process.stdout.write(text)
      } catch (error) {
        outputFailed(error as NodeJS.ErrnoException)
      }
    },
    stderr: writeStderr,
    readFile: readWhole,
    readStdin: () => (stdinText ??= readStdinOnce()),
    writeFile: (path, data) => writeFile(path, data, 'utf8'),
    exists: (path) => lstat(path).then(
      () => true,
      () => false,
    ),
    removeFile: (path) => unlink(path),
    writable: async (path) => {
      const info = await stat(path).catch(() => undefined)
      // Errors by their codes alone: errnoText (src/errors.ts) words them.
      if (info?.isDirectory() === true) return { code: 'EISDIR' }
      if (/[\\/]$/.test(path)) return { code: 'EFOLDERNAME' }
      if (info === undefined) {
        // The folder must be one (not a file, `A.csv/x.ics`), and writable.
        const folder = await stat(dirname(path)).then(
          (found) => (found.isDirectory() ? undefined : { code: 'ENOTDIR' }),
          (error: unknown) => ((error as { code?: string }).code === 'ENOENT' ? { code: 'ENOFOLDER' } : error),
        )
        if (folder !== undefined) return folder
      }
      return access(info === undefined ? dirname(path) : path, constants.W_OK).then(
        () => undefined,
        (error: unknown) => error,
      )
    },
    folderFiles: async (path) => {
      if (path === '-' || (await stat(path).catch(() => undefined))?.isDirectory() !== true) return undefined
      // Hidden files (`._x.csv`, macOS's copies of a file's metadata) are no itineraries.
      const names = (await readdir(path)).filter((name) => /\.(?:csv|tsv|txt)$/i.test(name) && !name.startsWith('.')).sort()
      // The output this run writes to, when a file (`stay-calc . > report.csv`): the shell made it, empty, before the run.
      const outputs = new Set<string>()
      for (const fd of [1, 2]) {
        const out = fstatOf(fd)
        if (out?.isFile() === true) outputs.add(`${out.dev}:${out.ino}`)
      }
      // As typed (`./d1/x.csv`, not `d1/x.csv`): the same file named too is then the same traveller.
      const paths = names.map((name) => (/[\\/]$/.test(path) ? `${path}${name}` : `${path}/${name}`))
      // Looked up ahead (src/read-ahead.ts): one after the other, 10,000 files waited 0.4 s.
      const files: string[] = []
      for await (const { file, info } of readAhead(paths, async (file) => ({ file, info: await stat(file).catch(() => undefined) }))) {
        // A subfolder, even one named x.csv, is not read, nor a FIFO or a device (reading one may
        // never end); a broken link is, and is reported as such.
        if (info !== undefined && !info.isFile()) continue
        if (info !== undefined && outputs.has(`${info.dev}:${info.ino}`)) continue
        files.push(file)
      }
      return files
    },
    outputKeys: () => {
      // A terminal or /dev/null (a character device) loses nothing written beside the report.
      const key = (fd: number) => {
        const info = fstatOf(fd)
        return info === undefined || info.isCharacterDevice() ? undefined : `file ${info.dev}:${info.ino}`
      }
      const [stdout, stderr] = [key(1), key(2)]
      return { ...(stdout === undefined ? {} : { stdout }), ...(stderr === undefined ? {} : { stderr }) }
    },
    fileKey: async (path) => {
      const info = await stat(path).catch(() => undefined)
      if (info !== undefined) return `file ${info.dev}:${info.ino}`
      const folder = await realpath(dirname(path)).catch(() => resolve(dirname(path)))
      return `path ${join(folder, basename(path))}`
    },
    streamKey: async (path) => {
      const info = await (path === '-' ? Promise.resolve().then(() => fstatSync(0)) : stat(path)).catch(() => undefined)
      if (info === undefined || info.isDirectory()) return undefined
      // A file or a device has a key too: standard input from it (`- x.csv < x.csv`, a terminal) is
      // that file (checkReadOnce). Only a pipe or a socket is read once; a terminal is, too, but is
      // only ever standard input, and /dev/null reads the same each time.
      return { key: `${info.dev}:${info.ino}`, once: info.isFIFO() || info.isSocket() }
    },
    // The one clock read of the program: the user's local calendar date.
    today: () => {
      const now = new Date()
      return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate())
    },
    env: { ...process.env, NODE_VERSION: process.version },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    openRead: (path, range) => (range === undefined ? openWhole(path) : createReadStream(path, { highWaterMark: 1 << 16, start: range.start, end: range.end - 1 })),
    readHead,
    readBytes,
    // node:os and node:worker_threads load only for batch runs: start-up time (issue 2) counts.
    get threads() {
      return (load('node:os') as typeof import('node:os')).availableParallelism()
    },
    // A worker's young generation is capped at 16 MB: measured on 3M rows, peak RSS 411–434 MB
    // against 476–503 MB with Node's default, at the same speed.
    spawnWorker: () => {
      const { Worker } = load('node:worker_threads') as typeof import('node:worker_threads')
      // A worker's isolate optimises its functions on its own thread, not on V8's background
      // threads: with every core already running a JavaScript thread, background compiling only
      // takes a core from one of them (the flag is read as an isolate starts, so it holds for the
      // workers, not this thread). Measured on 1M rows, 2 cores: 4–7% faster, same output.
      ;(load('node:v8') as typeof import('node:v8')).setFlagsFromString('--no-concurrent-recompilation')
      // Its stdout and stderr are its own, not piped into this process's: every such pipe put
      // listeners on this stdout, and from ten threads on a pipe Node warned of a leak on stderr
      // (QA). A worker writes nothing there: its answers come as messages.
      return new Worker(new URL('./batch/worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 16 }, stdout: true, stderr: true })
    },
    stdinStream: () => {
      const folder = stdinFolder()
      return folder === undefined ? process.stdin : { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(folder) }) }
    },
    // Only a regular file has a size worth trusting: a pipe (`<(cmd)`) says 0, and must never be
    // read ahead of the stream (src/batch/parallel.ts reads a big file's head to split it).
    fileSize: async (path) => {
      const info = await stat(path).catch(() => undefined)
      return info?.isFile() === true ? info.size : undefined
    },
    now: () => performance.now(),
    drain: async () => {
      if (!stdoutClosed && process.stdout.writableNeedDrain) await once(process.stdout, 'drain').catch(() => undefined)
    },
    drainStderr: async () => {
      // A reader gone (`2>&1 | head`) never drains: the wait ends with its error, or is not begun.
      if (!stderrClosed && process.stderr.writableNeedDrain) await once(process.stderr, 'drain').catch(() => undefined)
    },
    ...(process.stderr.columns === undefined ? {} : { stderrColumns: process.stderr.columns }),
  }
}

void main(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code
})
