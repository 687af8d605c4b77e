/**
 * Every output's words follow what its rule counts (src/render/breach-words.ts): the batch
 * formats, the text, --explain, --timeline, --chart and --ics alike: a tax threshold is reached, not overstayed (us-spt); a tax treaty's cap is
 * passed, not overstayed (oecd-183, `purpose: tax`); an absence rule counts days away, whose end
 * is a return (uk-ilr). Figures worked by hand below, from the law (/work/shared/rules-reference.md).
 */
import { describe, expect, it } from 'vitest'
import { run } from './helpers/io.js'

/*
 * On 2024-09-01: A was present (or away) 2024-01-01 – 2024-07-30, 212 calendar days; B
 * 2024-01-01 – 2024-01-10, 10 days; C since 2024-01-01 and still there, 245 days.
 * - oecd-183: the 184th day is 2024-07-02 (A: 212 − 183 = 29 over; C: 245 − 183 = 62 over).
 * - us-spt: the 183rd day reaches the threshold, 2024-07-01.
 * - uk-ilr: only whole days abroad count (not the day of leaving or of return): A 210
 *   (2024-01-02 – 2024-07-29), the 181st 2024-06-30; C 243 (2024-01-02 – 2024-08-31), 63 over 180.
 */
const LOG = 'traveller,entry,exit\nA,2024-01-01,2024-07-30\nB,2024-01-01,2024-01-10\nC,2024-01-01,\n'

async function batch(rule: string, format: string, extra: Record<string, string> = {}) {
  return run(['log.csv', '--rule', rule, '--on', '2024-09-01', '--format', format], { files: { 'log.csv': LOG, ...extra } })
}

/** The table's rows and summary, spaces squeezed. */
async function table(rule: string, extra: Record<string, string> = {}) {
  const r = await batch(rule, 'text', extra)
  const lines = r.stdout.trimEnd().split('\n').map((l) => l.trim().replace(/ +/g, ' '))
  const header = lines.findIndex((l) => l.startsWith('traveller'))
  return { code: r.exitCode, header: lines[header], rows: lines.slice(header + 1, lines.indexOf('', header)), summary: lines.slice(lines.lastIndexOf('') + 1).join(' ') }
}

describe('batch words by what the rule counts', () => {
  it('oecd-183 (a tax treaty cap): over the limit, never an overstay', async () => {
    const t = await table('oecd-183')
    expect(t.code).toBe(1)
    expect(t.rows).toEqual(['C 245/183 0 — OVER by 62', 'A 212/183 0 — over 2024-07-02', 'B 10/183 173 2025-03-02 ok'])
    expect(t.summary).toBe('3 travellers: 1 present and over the limit, 1 over the limit on other days (past or planned), 1 ok')
    const github = (await batch('oecd-183', 'github')).stdout
    expect(github).not.toMatch(/overstay/i)
    expect(github).toContain('title=stay-calc%3A A over the limit::A: 212 of 183 days used on 2024-09-01, 29 over the limit; 1 period over the limit, the first 2024-07-02 – 2024-07-30')
    expect((await batch('oecd-183', 'junit')).stdout).not.toMatch(/overstay period/)
  })

  it('us-spt (a threshold): reached on the 183rd day, shown against the threshold, not its limit of 182', async () => {
    const t = await table('us-spt')
    expect(t.header).toBe('traveller used remaining leave by status')
    expect(t.rows).toEqual(['C 245/183 0 — REACHED', 'A 212/183 0 — reached 2024-07-01', 'B 10/183 172 2025-05-18 ok'])
    expect(t.summary).toBe('3 travellers: 1 present with the threshold reached, 1 with the threshold reached (past or planned), 1 ok')
    const github = (await batch('us-spt', 'github')).stdout
    expect(github).toContain('title=stay-calc%3A A threshold reached::A: 212 days counted on 2024-09-01, threshold 183 reached; 1 period at or over the threshold, the first 2024-07-01 – 2024-07-30')
    expect(github).not.toMatch(/overstay|over the limit/)
    // The csv's limit is the JSON's, one below the threshold, as its other figures are counted (differential QA).
    const csv = (await batch('us-spt', 'csv')).stdout.split('\n')
    expect(csv[0]).toContain(',days_used,limit,days_remaining,overstay_days,')
    expect(csv.find((l) => l.startsWith('B,'))).toBe('B,ok,2024-09-01,us-spt,false,10,182,172,0,2025-05-18,limit,,0,,,,')
  })

  it('uk-ilr (days abroad): away, a return by, an absence over the limit', async () => {
    const t = await table('uk-ilr')
    expect(t.header).toBe('traveller away remaining return by status')
    expect(t.rows).toEqual(['C 243/180 0 — AWAY, OVER by 63', 'A 210/180 0 — absence over 2024-06-30', 'B 8/180 172 2025-03-01 ok'])
    expect(t.summary).toBe('3 travellers: 1 away over the limit, 1 with an absence over the limit (past or planned), 1 ok')
    const github = (await batch('uk-ilr', 'github')).stdout
    expect(github).toContain('title=stay-calc%3A C away%2C over the limit::C: 243 of 180 days abroad on 2024-09-01, 63 over the limit; 1 absence over the limit, the first 2024-06-30 – 2024-08-31')
    expect(github).not.toMatch(/overstay/)
  })

  it('Schengen keeps its overstay words; rules of different kinds together use them too', async () => {
    const t = await table('schengen')
    expect(t.header).toBe('traveller used remaining latest exit status')
    expect(t.rows[1]).toBe('A 147/90 0 — overstay 2024-03-31')
    expect(t.summary).toBe('3 travellers: 1 over the limit, 1 with an overstay (past or planned), 1 ok')
    const r = await run(['log.csv', '--rule', 'schengen', '--rule', 'us-spt', '--on', '2024-09-01'], { files: { 'log.csv': LOG } })
    expect(r.stdout).toContain('1 with an overstay (past or planned)')
  })

  it('a rules file says `purpose: tax` for a cap of its own, and the batch says over the limit', async () => {
    const rules = 'rules:\n  - id: my-treaty\n    label: My treaty\n    purpose: tax\n    constraints: [{ kind: rolling, limit: 183, window: 365 }]\n'
    const r = await run(['log.csv', '--rules-file', 'r.yaml', '--rule', 'my-treaty', '--on', '2024-09-01'], { files: { 'log.csv': LOG, 'r.yaml': rules } })
    expect(r.stdout).toContain('over 2024-07-02')
    expect(r.stdout).not.toMatch(/overstay/)
    const bad = await run(['log.csv', '--rules-file', 'r.yaml', '--rule', 'my-treaty'], { files: { 'log.csv': LOG, 'r.yaml': rules.replace('purpose: tax', 'purpose: taxes') } })
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('r.yaml:4: rules[0].purpose: expected one of stay, tax, got "taxes"')
  })

  it('a single traveller under oecd-183 is told over the limit, and `rules oecd-183` says what it is for', async () => {
    const r = await run(['--trip', '2024-01-01..2024-07-30', '--rule', 'oecd-183', '--on', '2024-09-01'])
    expect(r.stdout).toContain('Over the limit (1)\n  2024-07-02 – 2024-07-30  29 days')
    expect(r.stdout).toContain('Entering on 2024-09-01 would pass the limit.')
    expect(r.stdout).not.toMatch(/overstay/i)
    const inside = await run(['--trip', '2024-01-01..', '--rule', 'oecd-183', '--on', '2024-09-01'])
    expect(inside.stdout).toContain('Over the limit: being present on 2024-09-01 already passes it.')
    expect((await run(['rules', 'oecd-183'])).stdout).toContain('Purpose: tax:')
    expect(JSON.parse((await run(['rules', 'oecd-183', '--json'])).stdout).rules[0]).toMatchObject({ purpose: 'tax' })
    expect(JSON.parse((await run(['rules', 'schengen', '--json'])).stdout).rules[0]).toMatchObject({ purpose: 'stay' })
  })

  it('a tax threshold in --timeline, --chart and --explain: reached, and a last day under it, no overstay or latest legal exit', async () => {
    // uk-srt: present at the end of 2024-04-06 … 2024-10-05 is 183 midnights; the 2023 tax year's
    // 183rd midnight was 2023-10-05, the last 2023-11-30 (239 of them).
    const timeline = await run(['--rule', 'uk-srt', '--trip', '2024-04-06..', '--on', '2024-10-20', '--timeline'])
    expect(timeline.stdout).toContain('! threshold reached (# at or over the threshold)')
    const inside = await run(['--rule', 'uk-srt', '--trip', '2024-04-06..', '--on', '2024-06-01', '--explain'])
    expect(inside.stdout).toContain('Last day under the threshold: 2024-10-05 (127 days from 2024-06-01 inclusive)')
    expect(inside.stdout).toContain('Why 2024-10-05 is the last day under the threshold\n')
    expect(inside.stdout).toContain('  183 days would count in the year 2024-04-06 – 2024-10-05,\n')
    expect(inside.stdout).toContain('X last day under the threshold 2024-10-05')
    const chart = await run(['--rule', 'uk-srt', '--trip', '2023-04-06..2023-12-01', '--on', '2024-06-01', '--chart', 'x.html'])
    const html = chart.written['x.html']!
    expect(html).toContain('<title>Threshold reached 2023-10-05 to 2023-11-30: up to 239 days counted</title>')
    expect(html).toContain('<p>On 2024-06-01: 0 days counted in the period 2024-04-06 to 2024-06-01, threshold 183.')
    expect(html).not.toMatch(/overstay <|Overstay|Latest legal exit/)
    for (const out of [timeline.stdout, inside.stdout]) expect(out).not.toMatch(/overstay|latest legal exit|latest exit/i)
  })

  it('an absence rule in --ics, --chart and --explain: the latest legal return, away, no exit', async () => {
    // uk-ilr, abroad from 2024-05-01: whole days from 05-02, the 180th 10-28, so back by 10-29 (151 days from 06-01).
    const r = await run(['--rule', 'uk-ilr', '--trip', '2024-05-01..', '--on', '2024-06-01', '--ics', 'a.ics', '--chart', 'a.html', '--explain'])
    const ics = r.written['a.ics']!.replaceAll('\r\n ', '')
    expect(ics).toContain('SUMMARY:Latest legal return – UK settlement\\, continuous residence')
    expect(ics).toContain('DESCRIPTION:Away on 2024-06-01: return by 2024-10-29 (151 days from 2024-06-01).')
    expect(r.written['a.html']).toContain('Latest legal return 2024-10-29.')
    expect(r.stdout).toContain('Why 2024-10-29 is the latest legal return\n')
    expect(`${ics}${r.written['a.html']}`).not.toMatch(/latest legal exit/i)
    // Over the limit and back home on --on: no absence is possible, in the calendar too.
    const over = await run(['--rule', 'uk-ilr', '--trip', '2024-01-01..2024-07-15', '--on', '2024-08-01', '--ics', 'b.ics'])
    const overIcs = over.written['b.ics']!.replaceAll('\r\n ', '')
    expect(overIcs).toContain('SUMMARY:No legal absence – UK settlement')
    expect(overIcs).toContain('DESCRIPTION:No absence is possible on 2024-08-01: leaving would break the rule.')
  })

  it('an absence rule\'s stays list, --for, plan and --explain speak of periods abroad, departures and returns', async () => {
    const r = await run(['--rule', 'uk-ilr', '--trip', '2024-01-10..2024-02-20', '--trip', '2024-05-01..', '--on', '2024-06-01', '--for', '60', '--explain'])
    expect(r.stdout).toContain('Periods abroad (2)\n  2024-01-10 – 2024-02-20    42 days  --trip 2024-01-10..2024-02-20\n  2024-05-01 – away          32 days')
    // Whole days abroad: Jan 11 … Feb 19 (40) and May 2 … Jun 1 (31).
    expect(r.stdout).toContain('Window 2023-06-02 – 2024-06-01: 70 of 180 days abroad, 110 remaining')
    expect(r.stdout).toContain('A 60-day absence\n  Staying away from 2024-06-01: 111 days, until 2024-09-19\n  Earliest departure on or after 2024-06-01:')
    expect(r.stdout).toContain('  Returning on 2024-09-20 or later would break the rule on 2024-09-19:')
    expect(r.stdout).toContain('= absence  ~ staying away')
    const plan = await run(['plan', '--rule', 'uk-ilr', '--trip', '2024-01-10..2024-02-20', '--trip', '2024-07-01..2024-07-20', '--on', '2024-06-01', '--days', '20'])
    expect(plan.stdout).toContain('Departure calendar, 2024-06-01 – 2024-06-20 (longest absence leaving on each day)\n  Leaving on               Longest absence  Return by\n')
    expect(plan.stdout).toContain('joins a planned absence')
    expect(plan.stdout).toContain('Planned absences (1)\n  2024-07-01 – 2024-07-20   20 days  ok, could stay away until')
    expect(plan.stdout).toContain('Earliest full absence (182 days)')
    // Beyond the title (the rule's label says "stays are periods abroad").
    for (const out of [r.stdout, plan.stdout]) expect(out.slice(out.indexOf('\n'))).not.toMatch(/\b(stays|stay(?! away)|entry|entering|re-entry|inside)\b/i)
  })
})

