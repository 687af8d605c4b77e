/**
 * A worker's warm-up (src/batch/warm-up.ts): made-up travellers evaluated and written the way real
 * ones are, their answers thrown away. Warming is worth it only if they take the common paths (no
 * input problems, some within the rule and some over it), under every format and both file forms;
 * it must stop when told, and leave nothing behind that changes a later answer.
 */
import { describe, expect, it } from 'vitest'
import { warmEvaluation } from '../src/batch/warm-up.js'
import { BATCH_FORMATS } from '../src/render/batch.js'
import { batchWriter } from '../src/render/writers.js'
import { requireRule } from '../src/rules/index.js'
import { day } from '../src/day.js'
import { run } from './helpers/io.js'

const on = day('2024-06-01')
const rules = [requireRule('schengen')]

describe('warmEvaluation', () => {
  for (const format of BATCH_FORMATS) {
    for (const form of ['crossings', 'stays'] as const) {
      it(`${form}, --format ${format}: the common paths (no input problems; some within the rule, some over it)`, async () => {
        const writer = await batchWriter(format, { rules, on, color: false })
        const totals = warmEvaluation(form, { rules, on }, writer, () => false)
        expect(totals.travellers).toBeGreaterThanOrEqual(500)
        expect(totals.error).toBe(0)
        expect(totals.ok).toBeGreaterThan(totals.travellers / 2)
        expect(totals.over + totals.overstay).toBeGreaterThan(0)
      })
    }
  }

  it('stops as soon as the real work has come, and does nothing for a file it could not read', async () => {
    const writer = await batchWriter('jsonl', { rules, on, color: false })
    expect(warmEvaluation('crossings', { rules, on }, writer, () => true).travellers).toBe(1)
    let asked = 0
    expect(warmEvaluation('stays', { rules, on }, writer, () => ++asked === 7).travellers).toBe(7)
    expect(warmEvaluation('unread', { rules, on }, writer, () => false).travellers).toBe(0)
  })

  it('leaves nothing behind: a batch answers the same before and after it, in one thread', async () => {
    const log = ['traveller,date,direction', 'ann,2024-01-02,in', 'bo,2024-01-05,in', 'ann,2024-04-20,out', 'bo,2024-03-01,out', 'cy,2024-05-30,in'].join('\n')
    const args = ['log.csv', '--on', '2024-06-01', '--format', 'json']
    const before = await run(args, { files: { 'log.csv': log } })
    for (const form of ['crossings', 'stays'] as const) warmEvaluation(form, { rules, on }, await batchWriter('json', { rules, on, color: false }), () => false)
    const after = await run(args, { files: { 'log.csv': log } })
    expect(after).toEqual(before)
    expect(JSON.parse(before.stdout).travellers.map((t: { traveller: string }) => t.traveller)).toEqual(['ann', 'bo', 'cy'])
  })
})
