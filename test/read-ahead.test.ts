/**
 * Reading many files ahead (src/read-ahead.ts, src/batch/prefetch.ts): results in order, a bounded
 * window in flight, nothing left unhandled when stopped early; and a batch of many files, read
 * ahead by the built CLI, answers byte for byte as the same files streamed one by one in-process
 * (the in-process Io reads no file ahead), whatever the files hold.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { smallFile } from '../src/batch/prefetch.js'
import { readAhead } from '../src/read-ahead.js'
import { run } from './helpers/io.js'

const dir = mkdtempSync(join(tmpdir(), 'stay-calc-ahead-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readAhead', () => {
  it('gives the results in order, with at most the window in flight, however they finish', async () => {
    let inFlight = 0
    let most = 0
    const work = async (n: number) => {
      inFlight++
      most = Math.max(most, inFlight)
      // Later items finish first.
      await new Promise((resolve) => setTimeout(resolve, (20 - n) % 7))
      inFlight--
      return n * 10
    }
    const got: number[] = []
    for await (const r of readAhead(Array.from({ length: 20 }, (_, i) => i), work, 4)) got.push(r)
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i * 10))
    expect(most).toBe(4)
  })

  it('stopped early, the work started ahead that fails is nobody\'s: no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const listener = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', listener)
    for await (const r of readAhead([0, 1, 2, 3], async (n) => (n === 0 ? n : Promise.reject(new Error(`no ${n}`))), 4)) {
      expect(r).toBe(0)
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
    process.off('unhandledRejection', listener)
    expect(unhandled).toEqual([])
  })
})

describe('smallFile', () => {
  const io = {
    fileSize: async (path: string) => (path.includes('missing') ? undefined : path.includes('big') ? 300 << 10 : 5),
    readBytes: async (path: string) => {
      if (path.includes('locked')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' })
      return new Uint8Array(path.includes('short') ? 3 : 5)
    },
  }
  it('a small regular file whole; nothing for standard input, a big file, one with no size (a pipe), one that fails or reads short', async () => {
    expect(await smallFile('a.csv', io)).toHaveLength(5)
    for (const path of ['-', 'big.csv', 'missing.csv', 'locked.csv', 'short.csv']) expect(await smallFile(path, io), path).toBeUndefined()
    expect(await smallFile('a.csv', io, 4)).toBeUndefined()
  })
})

describe('a batch of many files, read ahead', () => {
  it('answers as the files streamed one by one, whatever they hold', async () => {
    const files: Record<string, string | Buffer> = {
      'a.csv': 'traveller,date,direction\nann,2024-01-05,in\nann,2024-01-20,out\nbo,2024-03-01,in\n',
      'b.csv': 'entry,exit\n2024-02-01,2024-02-10\n',
      'c.csv': '\uFEFFentry,exit\r\n2024-04-01,2024-04-03\r\n',
      'd.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('entry,exit\n2024-01-01,2024-01-02\n', 'utf16le')]),
      'e.csv': '',
      'f.csv': 'traveller,entry,exit\ncy,2024-01-0"2,2024-01-05\ncy,2024-02-01,2024-02-03\nann,2024-05-01,\n',
      'g.csv': 'entry,exit\n',
      'h.csv': '# a comment\n\nentry;exit\n2024-05-10;2024-05-12\n',
    }
    for (let i = 0; i < 60; i++) files[`p${String(i).padStart(2, '0')}.csv`] = `entry,exit\n2024-0${1 + (i % 5)}-01,2024-0${1 + (i % 5)}-${10 + (i % 9)}\n`
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    const args = ['--batch', ...Object.keys(files).map((f) => join(dir, f)), join(dir, 'missing.csv'), '--on', '2024-06-01', '--format', 'jsonl']
    const one = await run(args)
    const cli = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/stay-calc.cjs', import.meta.url)), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    expect(one.exitCode).toBe(2)
    expect(one.stdout.split('\n').length).toBeGreaterThan(65)
    expect({ stdout: cli.stdout, stderr: cli.stderr, exitCode: cli.status }).toEqual({ stdout: one.stdout, stderr: one.stderr, exitCode: one.exitCode })
  })
})

describe('the header looked for in a file\'s first bytes, read at once', () => {
  const BIN = fileURLToPath(new URL('../bin/stay-calc.cjs', import.meta.url))
  it.each([
    ['a header after 70 KB of comment lines (past the first bytes read: streamed)', `${'# note\n'.repeat(10_000)}traveller,date,direction\nann,2024-05-01,in\n`],
    ['a header with no line break after it', 'traveller,date,direction'],
    ['a byte order mark and CR LF', '\uFEFFtraveller,date,direction\r\nann,2024-05-01,in\r\n'],
  ])('%s: a traveller column turns batch mode on, as streamed in-process', async (_, text) => {
    const path = join(dir, 'head.csv')
    writeFileSync(path, text)
    const args = [path, '--on', '2024-06-01', '--json']
    const one = await run(args)
    const cli = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    expect(one.stdout).toContain('"travellers"')
    expect({ stdout: cli.stdout, stderr: cli.stderr, exitCode: cli.status }).toEqual({ stdout: one.stdout, stderr: one.stderr, exitCode: one.exitCode })
  })
})

describe('pipes and broken links among the files (QA)', () => {
  const BIN = fileURLToPath(new URL('../bin/stay-calc.cjs', import.meta.url))
  const cli = (args: readonly string[]) => spawnSync(process.execPath, [BIN, ...args, '--on', '2024-06-01'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })

  it.runIf(spawnSync('mkfifo', ['--version']).status === 0)('a FIFO after a file with a traveller column loses nothing, its data late or not', () => {
    const t = join(dir, 't.csv')
    writeFileSync(t, 'traveller,entry,exit\nzed,2024-01-01,2024-05-01\nann,2024-02-01,2024-02-03\n')
    for (const delay of ['0', '0.5']) {
      const fifo = join(dir, `f${delay}.csv`)
      spawnSync('mkfifo', [fifo])
      // The writer, late or not; detection stops at t.csv's traveller column, before the FIFO.
      const writer = spawn('sh', ['-c', `sleep ${delay}; printf 'entry,exit\\n2024-01-01,2024-01-05\\n' > '${fifo}'`])
      const r = cli([t, fifo, '--format', 'json'])
      writer.kill()
      expect(r.stderr, delay).toBe('')
      const days = Object.fromEntries((JSON.parse(r.stdout) as { travellers: { traveller: string; daysUsed: number }[] }).travellers.map((x) => [x.traveller, x.daysUsed]))
      expect(days, delay).toEqual({ zed: 122, [fifo]: 5, ann: 3 })
    }
  })

  it('broken links in a folder: each a file that cannot be read, never a crash (it was, one run in two)', () => {
    const folder = join(dir, 'links')
    mkdirSync(folder)
    writeFileSync(join(folder, 'a.csv'), 'entry,exit\n2024-01-01,2024-01-05\n')
    for (let i = 1; i <= 5; i++) symlinkSync('/nonexistent/x', join(folder, `b${i}.csv`))
    for (let run = 0; run < 5; run++) {
      const r = cli([folder])
      expect(r.status).toBe(2)
      expect(r.stderr).not.toMatch(/Unhandled|\n\s+at /)
      expect(r.stderr.match(/cannot read/g)).toHaveLength(5)
    }
  })
})
