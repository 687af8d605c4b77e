/**
 * The batch's row store (src/batch/store.ts): rows grouped by traveller for evaluation, checked
 * against a plain stable sort of the same rows.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { RowStore } from '../src/batch/store.js'

const row = fc.record({ traveller: fc.integer({ min: 0, max: 7 }), first: fc.integer(), second: fc.integer(), line: fc.nat(), file: fc.nat(3), until: fc.integer() })

function rowsOf(store: RowStore): number[][] {
  return Array.from({ length: store.length }, (_, i) => [store.traveller[i]!, store.first[i]!, store.second[i]!, store.line[i]!, store.file[i]!, store.until[i]!])
}

describe('RowStore.groupByTraveller', () => {
  // `uniform`: one file and no `until`, as a log of crossings has (such columns are filled, not moved).
  test.prop([fc.array(row, { maxLength: 3000 }), fc.boolean(), fc.boolean()])('each traveller’s rows side by side, in input order; start says where', (given, shared, uniform) => {
    const rows = uniform ? given.map((r) => ({ ...r, file: 0, until: -0x80000000 })) : given
    const store = new RowStore(shared)
    for (const r of rows) store.push(r.traveller, r.first, r.second, r.line, r.file, r.until)
    const expected = rows
      .map((r, i) => ({ r, i }))
      .sort((a, b) => a.r.traveller - b.r.traveller || a.i - b.i)
      .map(({ r }) => [r.traveller, r.first, r.second, r.line, r.file, r.until])
    const start = store.groupByTraveller(8)
    expect(rowsOf(store)).toEqual(expected)
    expect(store.length).toBe(rows.length)
    for (let t = 0; t < 8; t++) {
      expect(start[t + 1]! - start[t]!).toBe(rows.filter((r) => r.traveller === t).length)
      for (let i = start[t]!; i < start[t + 1]!; i++) expect(store.traveller[i]).toBe(t)
    }
    // The workers read them in place.
    expect(store.first.buffer instanceof SharedArrayBuffer).toBe(shared)
    expect(start.buffer instanceof SharedArrayBuffer).toBe(shared)
  })

  it('no rows: every traveller starts and ends at 0', () => {
    const start = new RowStore().groupByTraveller(3)
    expect([...start]).toEqual([0, 0, 0, 0])
  })
})
