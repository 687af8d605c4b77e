/** The pure pieces of reading a file by ranges and sharing travellers among threads. */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { travellerRanges } from '../src/batch/parallel.js'
import { headerEnd, LineBreakCounter, rangeStarts } from '../src/batch/shard.js'

const bytes = (text: string) => new TextEncoder().encode(text)

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

describe('travellerRanges', () => {
  test.prop([fc.array(fc.nat(30), { maxLength: 60 }), fc.integer({ min: 0, max: 5 })])(
    'cover every traveller once, in order, each range non-empty, none far above an equal share of rows',
    (counts, workers) => {
      const start = new Int32Array(counts.length + 1)
      counts.forEach((c, i) => (start[i + 1] = start[i]! + c))
      const ranges = travellerRanges(start, counts.length, workers)
      expect(ranges.length).toBeLessThanOrEqual(workers + 1)
      let next = 0
      for (const [from, to] of ranges) {
        expect(from).toBe(next)
        expect(to).toBeGreaterThan(from)
        next = to
        // A range holds at most an equal share plus one traveller's rows.
        expect(start[to]! - start[from]!).toBeLessThanOrEqual(start[counts.length]! / (workers + 1) + Math.max(0, ...counts))
      }
      expect(next).toBe(counts.length)
    },
  )
})
