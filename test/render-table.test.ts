/**
 * The batch text table keeps within 80 terminal columns: names are cut by the columns a terminal
 * gives them (a CJK character or an emoji takes two, a combining accent none), never inside a
 * character, and a wider `used` figure takes its columns from the names.
 */
import { describe, expect, it } from 'vitest'
import { requireRule } from '../src/rules/index.js'
import { run } from './helpers/io.js'
const ON = ['--on', '2024-06-01']

/** The table's rows (between the header line and the blank line before the summary). */
async function rows(csv: string, extra: string[] = []): Promise<string[]> {
  const r = await run(['log.csv', ...ON, '--format', 'text', ...extra], { files: { 'log.csv': csv } })
  const lines = r.stdout.split('\n')
  const header = lines.findIndex((l) => l.startsWith('traveller'))
  return lines.slice(header + 1, lines.indexOf('', header))
}

describe('batch text table, 80 columns', () => {
  it('a path (a file\'s own traveller) is cut at its start, where its folders are; other names at their end', async () => {
    const r = await run(['--batch', 'trips/2024/clients/ann-lovelace.csv', 'trips/2024/clients/bo.csv', ...ON], {
      files: { 'trips/2024/clients/ann-lovelace.csv': 'entry,exit\n2024-05-01,2024-05-02\n', 'trips/2024/clients/bo.csv': 'entry,exit\n2024-05-01,2024-05-03\n' },
    })
    const names = r.stdout.split('\n').filter((l) => l.includes('.csv')).map((l) => l.slice(0, 26))
    // 35 and 25 characters: the first cut to … and its last 25, the second whole.
    expect(names).toEqual(['trips/2024/clients/bo.csv ', `…${'trips/2024/clients/ann-lovelace.csv'.slice(-25)}`])
    const [plain] = await rows(`traveller,entry,exit\n${'x'.repeat(30)},2024-05-01,2024-05-02\n`)
    expect(plain!.slice(0, 26)).toBe(`${'x'.repeat(25)}…`)
    // A Windows path is cut at its start too; a tab (written \t) is no path's backslash.
    const windows = await run(['--batch', 'C:\\itineraries\\clients\\bruno-lovelace.csv', ...ON], { files: { 'C:\\itineraries\\clients\\bruno-lovelace.csv': 'entry,exit\n2024-05-01,2024-05-02\n' } })
    expect(windows.stdout).toContain(`\n…${'itineraries\\clients\\bruno-lovelace.csv'.slice(-25)}  `)
    const [tab] = await rows(`traveller,entry,exit\n"Ann\tMarie ${'a'.repeat(30)}",2024-05-01,2024-05-02\n`)
    expect(tab!.slice(0, 26)).toBe(`Ann\\tMarie ${'a'.repeat(14)}…`)
    // An escape's backslash is no path's (QA: "::…" is written "\u003a:…", and was cut at its start).
    const [colons] = await rows(`traveller,entry,exit\n::${'y'.repeat(30)},2024-05-01,2024-05-02\n`)
    expect(colons!.slice(0, 26)).toBe(`\\u003a:${'y'.repeat(18)}…`)
  })

  it('a long CJK name: 12 characters (24 columns), the ellipsis and a space make the 26 columns of names', async () => {
    const name = '山田太郎'.repeat(7) // 28 characters, 56 columns
    const [wide, short] = await rows(`traveller,entry,exit\n${name},2024-01-01,2024-01-10\nshort,2024-05-01,2024-05-02\n`)
    expect(wide!.startsWith(`${'山田太郎'.repeat(3)}… `)).toBe(true)
    // After the name, both rows line up: the same text from the same column on.
    expect(wide!.slice(14)).toMatch(/^ {2}\s+10\/90\s+80 {2}2024-08-29 {2}ok$/)
    expect(short!.slice(0, 26)).toBe('short'.padEnd(26))
    expect(wide!.slice(14).length).toBe(short!.slice(26).length)
    // 26 columns of name, then ASCII: the row's width on a terminal.
    expect(26 + wide!.slice(14).length).toBeLessThanOrEqual(80)
  })

  it('emoji take two columns and combining accents none; short names are padded by columns too', async () => {
    const crabs = '🦀'.repeat(20) // 40 columns
    const accents = 'e\u0301'.repeat(30) // 30 columns
    const [a, b, c] = await rows(`traveller,entry,exit\n${crabs},2024-01-01,2024-01-10\n${accents},2024-01-02,2024-01-10\n李,2024-01-03,2024-01-10\n`)
    expect(a!.startsWith(`${'🦀'.repeat(12)}… `)).toBe(true)
    expect(b!.startsWith(`${'e\u0301'.repeat(25)}…`)).toBe(true)
    // 李 is two columns: 24 spaces make 26.
    expect(c!.startsWith(`李${' '.repeat(24)}  `)).toBe(true)
  })

  it('a name of 100,000 characters beyond ASCII (a stray quote swallowing lines) is cut like any other', async () => {
    // Measured by its start only (QA: string-width over the whole name took 15 s at 128,000).
    const [row] = await rows(`traveller,entry,exit\n${'é'.repeat(100_000)},2024-01-01,2024-01-10\n`)
    expect(row!.startsWith(`${'é'.repeat(25)}… `)).toBe(true)
    // Marks that take no column still end in the ellipsis when the name goes on past what is measured.
    const [marks] = await rows(`traveller,entry,exit\na${'\u0301'.repeat(1000)},2024-01-01,2024-01-10\n`)
    expect(marks!.endsWith('10/90         80  2024-08-29  ok')).toBe(true)
    expect(marks!.includes('…')).toBe(true)
  })

  it('a four-digit limit widens the used column by two and narrows the names by two', async () => {
    const long = 'Abcdefghijklmnopqrstuvwxyz0123'
    const [row] = await rows(`traveller,entry,exit\n${long},2020-01-01,2024-03-01\n`, ['--limit', '1000', '--window', '3000'])
    // 24 columns of name (23 letters and …), two spaces, "1522/1000" (9 columns).
    expect(row!.startsWith(`${long.slice(0, 23)}…  1522/1000  `)).toBe(true)
    expect(row!.length).toBeLessThanOrEqual(80)
  })

  it('a title too long for a line (several rules) takes a rule a line, wrapped at spaces within 80 columns', async () => {
    const r = await run(['log.csv', ...ON, '--rule', 'schengen', '--rule', 'ru', '--rule', 'kz', '--format', 'text'], { files: { 'log.csv': 'traveller,entry,exit\nana,2024-01-01,2024-01-10\n' } })
    const title = r.stdout.slice(0, r.stdout.indexOf('\n\n')).split('\n')
    for (const line of title) expect(line.length).toBeLessThanOrEqual(80)
    const labels = ['schengen', 'ru', 'kz'].map((id) => requireRule(id).label)
    expect(title.join(' ').replace(/ +/g, ' ')).toBe(`${labels.join(' + ')} · on 2024-06-01`)
    expect(title[1]!.startsWith('+ ')).toBe(true)
  })

  it('a label with a word wider than a line is cut; + stays with its label, and "· on DATE" whole', async () => {
    const word = 'X'.repeat(95)
    const rules = `rules:\n  - id: longword\n    label: "${word}"\n    source: test\n    constraints:\n      - kind: rolling\n        limit: 90\n        window: 180\n`
    const r = await run(['log.csv', ...ON, '--rules-file', 'r.yaml', '--rule', 'schengen', '--rule', 'longword', '--format', 'text'], {
      files: { 'log.csv': 'traveller,entry,exit\nana,2024-01-01,2024-01-10\n', 'r.yaml': rules },
    })
    const title = r.stdout.slice(0, r.stdout.indexOf('\n\n')).split('\n')
    // "+ " and 76 X make 78 columns; the other 19 X on the next line, indented, then the date.
    expect(title).toEqual([requireRule('schengen').label, `+ ${'X'.repeat(76)}`, `  ${'X'.repeat(19)} · on 2024-06-01`])
  })

  it('the summary line with all four statuses and big counts is broken after a comma, within 80 columns', async () => {
    // n travellers of each status: over (inside and over), overstay (in the past), error (a bad date), ok.
    const rowsFor = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        `over${i},2024-01-01,`,
        `past${i},2023-01-01,2023-06-01`,
        `bad${i},2024-02-30,`,
        `fine${i},2024-05-01,2024-05-02`,
      ]).flat()
    for (const n of [1, 12_000]) {
      const r = await run(['log.csv', ...ON, '--format', 'text'], { files: { 'log.csv': `traveller,entry,exit\n${rowsFor(n).join('\n')}\n` }, chunkSize: 1 << 16 })
      const lines = r.stdout.trimEnd().split('\n')
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80)
      const summary = lines.slice(lines.lastIndexOf('') + 1)
      expect(summary.length).toBe(2)
      expect(summary[1]!.startsWith('  ')).toBe(true)
      // Read as one line again, it is the summary the other formats give.
      expect(summary.join(' ').replace(/ {3}/, ' ')).toBe(`${4 * n} travellers: ${n} over the limit, ${n} with an overstay (past or planned), ${n} with input errors, ${n} ok`)
    }
  })

  it('a status wider than its column (100,000 input problems) takes its columns from the names', async () => {
    const name = 'a-rather-long-traveller-name-here'
    const log = `traveller,entry,exit\n${Array.from({ length: 100_000 }, () => `${name},2024-02-30,`).join('\n')}\nshort,2024-05-01,2024-05-02\n`
    const [bad, ok] = await rows(log)
    expect(bad!.endsWith('100000 input problems')).toBe(true)
    expect(bad!.length).toBe(80)
    expect(bad!.startsWith(`${name.slice(0, 24)}… `)).toBe(true)
    // Every row's columns move alike.
    expect(ok!.indexOf('2024-')).toBe(bad!.length - '100000 input problems'.length - 12)
  })
})

/**
 * Mutation-testing gaps in src/render/table.ts `summaryLines`: the test of the broken summary has
 * lines far from 80 columns, so neither the boundary (a line of exactly 80 is kept) nor the space
 * before a part being counted was checked.
 */
/** The summary's lines (after the last blank line) of a text table of these travellers. */
async function summaryOf(counts: { past: number; bad: number; fine: number }): Promise<string[]> {
  const rows = [
    ...Array.from({ length: counts.past }, (_, i) => `past${i},2023-01-01,2023-06-01`),
    ...Array.from({ length: counts.bad }, (_, i) => `bad${i},2024-02-30,`),
    ...Array.from({ length: counts.fine }, (_, i) => `fine${i},2024-05-01,2024-05-02`),
  ]
  const r = await run(['log.csv', '--on', '2024-06-01', '--format', 'text'], { files: { 'log.csv': `traveller,entry,exit\n${rows.join('\n')}\n` }, chunkSize: 1 << 16 })
  const lines = r.stdout.trimEnd().split('\n')
  return lines.slice(lines.lastIndexOf('') + 1)
}

describe('the summary of the text table', () => {
  it('a summary of exactly 80 columns stays on one line', async () => {
    const summary = await summaryOf({ past: 1, bad: 1, fine: 98 })
    expect(summary).toEqual(['100 travellers: 1 with an overstay (past or planned), 1 with input errors, 98 ok'])
    expect(summary[0]!.length).toBe(80)
  })

  it('one of 81 columns is broken: the space before a part counts', async () => {
    const summary = await summaryOf({ past: 1, bad: 10, fine: 98 })
    expect(summary).toEqual(['109 travellers: 1 with an overstay (past or planned), 10 with input errors,', '  98 ok'])
  })
})
