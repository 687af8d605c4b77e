/** The pure pieces of reading a file by ranges and sharing travellers among threads. */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { createReadStream, mkdtempSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MAX_THREADS, sharding, travellerChunks, WorkerPool } from '../src/batch/parallel.js'
import { BatchInput, type FileInfo } from '../src/batch/read.js'
import type { Io, WorkerPort } from '../src/io.js'
import { afterLineBreak, headerEnd, LineBreakCounter, rangeStarts } from '../src/batch/shard.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('afterLineBreak', () => {
  it.each([
    ['ab\ncd', 3],
    ['ab\r\ncd', 4],
    ['ab\rcd', 3],
    ['ab\n\rcd', 3],
    ['ab\r\rcd', 3],
    ['\nab', 1],
    ['abcd', undefined],
    ['', undefined],
    // A CR last: an LF may follow it, and a range must not start between the two.
    ['ab\r', undefined],
  ])('%j: a range may start at byte %s', (text, at) => {
    expect(afterLineBreak(bytes(text))).toBe(at)
  })
})

describe('headerEnd', () => {
  it.each([
    ['traveller,date,direction\nA,2024-01-01,in\n', 25],
    ['traveller,date,direction\r\nA,2024-01-01,in\r\n', 26],
    ['# export of 2024-06-01\n\n  \ntraveller,date\r\nA', 43],
    ['\uFEFFtraveller;date\nA', 18],
    ['näme,date\nA', 11],
  ])('%j: the header line ends at byte %i', (text, end) => {
    expect(headerEnd(bytes(text))).toBe(end)
  })

  it.each([
    ['traveller,date,direction', 'no line break after the header yet'],
    ['# only a comment\n', 'no header at all'],
    ['"traveller",date\nA', 'a quoted header (a quoted name could span lines)'],
    ['traveller,date\r', 'a CR at the end may be half of a CR LF'],
  ])('%j: undefined (%s)', (text) => {
    expect(headerEnd(bytes(text))).toBeUndefined()
  })
})

describe('LineBreakCounter', () => {
  /** Lines as readTable counts them: CR LF, LF and CR each end one. */
  const oracle = (text: string) => text.split(/\r\n|\n|\r/).length - 1

  test.prop([fc.array(fc.constantFrom('a', ',', '\n', '\r', '\r\n', 'é'), { maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 5 })])(
    'any text cut into any chunks: the line breaks of the whole',
    (parts, cuts) => {
      const text = parts.join('')
      const all = bytes(text)
      const at = [...new Set([0, ...cuts.map((c) => Math.min(c, all.length)), all.length])].sort((a, b) => a - b)
      const counter = new LineBreakCounter()
      for (let i = 1; i < at.length; i++) counter.add(all.subarray(at[i - 1], at[i]))
      expect(counter.end()).toBe(oracle(text))
    },
  )
})

describe('rangeStarts', () => {
  const text = `${'h\n'}${'row,2024-01-01,in\n'.repeat(100)}`
  const all = bytes(text)
  const after = async (position: number) => {
    const i = all.indexOf(10, position)
    return i < 0 ? undefined : i + 1
  }

  it('starts just after a line break, near equal shares, in order', async () => {
    const starts = await rangeStarts(all.length, 4, 2, 0, after)
    expect(starts).toHaveLength(3)
    for (const s of starts) expect(all[s - 1]).toBe(10)
    expect([...starts].sort((a, b) => a - b)).toEqual(starts)
    starts.forEach((s, k) => expect(Math.abs(s - ((k + 1.1) * all.length) / 4.1)).toBeLessThan(18))
  })

  it('never before the end of the header, never a range under the minimum', async () => {
    for (const s of await rangeStarts(all.length, 8, 1500, 0, after)) expect(s).toBeGreaterThanOrEqual(1500)
    const starts = await rangeStarts(all.length, 8, 2, 600, after)
    const bounds = [0, ...starts, all.length]
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]! - bounds[i - 1]!).toBeGreaterThanOrEqual(600)
    expect(await rangeStarts(all.length, 4, 2, all.length, after)).toEqual([])
  })
})

describe('travellerChunks', () => {
  test.prop([fc.array(fc.nat(30), { maxLength: 80 }), fc.integer({ min: 1, max: 6 })])(
    'cover every traveller once, in order; a chunk over its size holds one traveller',
    (counts, threads) => {
      const start = new Int32Array(counts.length + 1)
      counts.forEach((c, i) => (start[i + 1] = start[i]! + c))
      const rows = start[counts.length]!
      const chunks = travellerChunks(start, counts.length, threads)
      const size = Math.max(1, Math.ceil(rows / (threads * 4)))
      let next = 0
      for (const [from, to] of chunks) {
        expect(from).toBe(next)
        expect(to).toBeGreaterThan(from)
        if (start[to]! - start[from]! > size) expect(to - from).toBe(1)
        next = to
      }
      expect(next).toBe(counts.length)
      if (counts.every((c) => c <= size)) expect(chunks.length * size).toBeGreaterThanOrEqual(rows)
    },
  )

  it('24 rows of 8 travellers on 2 threads: chunks of 3 rows, so 8 chunks, 4 per thread', () => {
    const start = Int32Array.from([0, 3, 6, 9, 12, 15, 18, 21, 24])
    expect(travellerChunks(start, 8, 2)).toEqual([[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7], [7, 8]])
    const uneven = Int32Array.from([0, 1, 2, 10, 11, 12])
    // 12 rows, 2 threads: chunks of 2 rows; the third traveller (8 rows) alone.
    expect(travellerChunks(uneven, 5, 2)).toEqual([[0, 2], [2, 3], [3, 5]])
  })
})

describe('WorkerPool.forInput: the environment knobs', () => {
  const port: WorkerPort = { postMessage: () => undefined, on: () => undefined, terminate: () => Promise.resolve(0) }
  const pool = (env: Record<string, string>, bytes: number) => WorkerPool.forInput({ env, threads: 2, spawnWorker: () => port } as unknown as Io, bytes)?.size

  it.each([
    [{}, 100, undefined],
    [{}, 8 << 20, 1],
    [{ STAY_CALC_PARALLEL_FROM: '0' }, 100, 1],
    // Not whole numbers in digits: ignored, the defaults hold.
    [{ STAY_CALC_PARALLEL_FROM: '1e9' }, 100, undefined],
    [{ STAY_CALC_PARALLEL_FROM: 'x' }, 8 << 20, 1],
    [{ STAY_CALC_THREADS: '1' }, 8 << 20, undefined],
    [{ STAY_CALC_THREADS: '4' }, 8 << 20, 3],
    [{ STAY_CALC_THREADS: '2.5' }, 8 << 20, 1],
    [{ STAY_CALC_THREADS: '40' }, 8 << 20, MAX_THREADS - 1],
  ])('%j on %i bytes: %s worker(s)', (env, bytes, workers) => {
    expect(pool(env, bytes)).toBe(workers)
  })
})

describe('a file whose ranges do not read cleanly is read again on one thread', () => {
  it('the progress told for the first range is taken back (QA: the bar said 15.6 of 8.0 MB)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'stay-calc-shard-')), 'log.csv')
    writeFileSync(path, `traveller,date,direction\n${Array.from({ length: 400 }, (_, i) => `p${i},2024-01-0${1 + (i % 9)},in`).join('\n')}\n`)
    // A worker whose range did not read cleanly.
    let listener: (message: unknown) => void = () => undefined
    const port: WorkerPort = {
      postMessage: () => void setImmediate(() => listener({ kind: 'read', outcome: { usable: false } })),
      on: (event: string, l: (message: unknown) => void) => {
        if (event === 'message') listener = l
      },
      terminate: () => Promise.resolve(0),
    } as WorkerPort
    const io = {
      env: { STAY_CALC_PARALLEL_FROM: '0' },
      threads: 2,
      spawnWorker: () => port,
      fileSize: async (p: string) => statSync(p).size,
      readBytes: async (p: string, position: number, length: number) => {
        const fd = openSync(p, 'r')
        const buffer = Buffer.alloc(length)
        const n = readSync(fd, buffer, 0, length, position)
        closeSync(fd)
        return buffer.subarray(0, n)
      },
      openRead: (p: string, range?: { start: number; end: number }) => createReadStream(p, range === undefined ? {} : { start: range.start, end: range.end - 1 }),
    } as unknown as Io
    const pool = WorkerPool.forInput(io, statSync(path).size)!
    const input = new BatchInput()
    const info: FileInfo = { name: path, form: 'unread' }
    input.files.push(info)
    let told = 0
    let most = 0
    const read = await sharding(pool, io, {})(path, path, 0, info, input, (n) => {
      told += n
      most = Math.max(most, told)
    })
    pool.close()
    expect(read).toBe(false)
    expect(most).toBeGreaterThan(0)
    expect(told).toBe(0)
  })
})
