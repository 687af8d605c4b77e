/** The process entry point: the real Io, and the exit code handed to Node. */
import { readFile, writeFile } from 'node:fs/promises'
import { main } from './cli.js'
import { dayFromYmd } from './day.js'
import type { Io } from './io.js'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function nodeIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFile(path, 'utf8'),
    readStdin,
    writeFile: (path, data) => writeFile(path, data, 'utf8'),
    // The one clock read of the program: the user's local calendar date.
    today: () => {
      const now = new Date()
      return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate())
    },
    env: { ...process.env, NODE_VERSION: process.version },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  }
}

process.exitCode = await main(process.argv.slice(2), nodeIo())
