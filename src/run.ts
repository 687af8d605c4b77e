/** The process entry point: the real Io, and the exit code handed to Node. */
import { createReadStream } from 'node:fs'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { main } from './cli.js'
import { dayFromYmd } from './day.js'
import type { Io } from './io.js'

/** Standard input is read once: a second call (batch detection, then the report) gets the same text. */
let stdinText: Promise<string> | undefined

async function readStdinOnce(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function nodeIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFile(path, 'utf8'),
    readStdin: () => (stdinText ??= readStdinOnce()),
    writeFile: (path, data) => writeFile(path, data, 'utf8'),
    // The one clock read of the program: the user's local calendar date.
    today: () => {
      const now = new Date()
      return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate())
    },
    env: { ...process.env, NODE_VERSION: process.version },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    openRead: (path) => createReadStream(path, { highWaterMark: 1 << 16 }),
    stdinStream: () => process.stdin,
    fileSize: async (path) => (await stat(path).catch(() => undefined))?.size,
    now: () => performance.now(),
    drain: async () => {
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain')
    },
    ...(process.stderr.columns === undefined ? {} : { stderrColumns: process.stderr.columns }),
  }
}

void main(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code
})
