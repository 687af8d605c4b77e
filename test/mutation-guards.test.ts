/**
 * Cases a hand-made mutation pass found no test for (QA): each answer is derived by hand in its
 * comment. The first two were checked to fail against their mutants; the last two pin answers QA
 * saw a mutant change (batch/read.ts pushFast's until guard, parse/crossings.ts mergeCrossings).
 */
import { describe, expect, it } from 'vitest'
import { run } from './helpers/io.js'

describe('answers no other test pinned', () => {
  it('the headline is the most broken of constraints tied on their exit (kz-visa-free overstayer)', async () => {
    // Inside since 2024-01-01 on 2024-04-15: 31 + 29 + 31 + 15 = 106 days. The visit cap of 30 is
    // 76 over; 90 in the 180 days from 2023-10-19 is 16 over. Neither has a legal exit: the headline
    // must tell the larger overstay (assess.ts pickBinding; the mutant told 16).
    const json = JSON.parse((await run(['--trip', '2024-01-01..', '--rule', 'kz-visa-free', '--on', '2024-04-15', '--json'])).stdout) as { binding: string; overstayDays: number; daysUsed: number }
    expect(json).toMatchObject({ binding: 'per-visit:30d', overstayDays: 76, daysUsed: 106 })
  })

  it('us-spt: the threshold is reached on the 31st day of the year, the minimum itself', async () => {
    // 2024-01-01..01-31 is 31 days (the minimum of 31 reached, not passed), plus 366/3 and 365/6 of
    // the full years before: far over 183. Reached on 2024-01-31 (weighted.ts: >= minCurrent).
    const json = JSON.parse((await run(['--trip', '2022-01-01..2023-12-31', '--trip', '2024-01-01..', '--rule', 'us-spt', '--on', '2024-01-31', '--json'])).stdout) as { constraints: { kind: string; details: { crossed?: boolean } }[] }
    expect(json.constraints.find((c) => c.kind === 'weighted')?.details.crossed).toBe(true)
  })

  it('batch refuses an authorised-until before the entry, as a single-traveller run does', async () => {
    const files = { 'b.csv': 'traveller,entry,exit,until\nann,2024-03-01,2024-03-20,2024-02-01\nbob,2024-01-01,2024-01-02,\n' }
    const r = await run(['b.csv', '--batch', '--rule', 'us-esta', '--on', '2024-03-25', '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    const ann = JSON.parse(r.stdout.split('\n')[0]!) as { traveller: string; error?: boolean; problems?: { message: string }[] }
    expect(ann).toMatchObject({ traveller: 'ann', error: true })
    expect(ann.problems?.[0]?.message).toContain('before entry 2024-03-01')
  })

  it('a later export repeating a crossing more times than an earlier one keeps the extra rows', async () => {
    // a.csv's entry of 01-05 is b.csv's first, read once; b.csv then leaves and enters again that
    // day: a one-day stay and an open one from 01-05. On 01-20 inside, 16 days used; 90 days from
    // 01-05 end on 04-03 (27 + 29 + 31 + 3).
    const files = { 'a.csv': 'date,direction\n2024-01-05,in\n', 'b.csv': 'date,direction\n2024-01-05,in\n2024-01-05,out\n2024-01-05,in\n' }
    const json = JSON.parse((await run(['a.csv', 'b.csv', '--on', '2024-01-20', '--json'], { files })).stdout) as { inside: boolean; daysUsed: number; latestExit: string }
    expect(json).toMatchObject({ inside: true, daysUsed: 16, latestExit: '2024-04-03' })
  })
})
