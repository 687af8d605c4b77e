/**
 * A bad row of a batch that may be another traveller's than its traveller cell says
 * (src/batch/maybe-theirs.ts). QA: `ann;2024-01-10;out` in a file separated by commas was read as
 * one cell, a traveller "ann;2024-01-10;out" of its own, and ann, her exit row lost, was answered
 * over the limit by 59 days with no mark. Answers here are worked out by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { maybeTheirs, quoteReadings } from '../src/batch/maybe-theirs.js'
import { run } from './helpers/io.js'
import { oneAndThreads } from './helpers/threads.js'

const ON = ['--on', '2024-06-01']
const HEAD = 'traveller,date,direction'

/** Each traveller's status and problems' first lines, from `--format json`. */
async function statuses(log: string, extra: readonly string[] = []) {
  const r = await run(['log.csv', ...ON, '--format', 'json', ...extra], { files: { 'log.csv': log } })
  type Element = { traveller: string; error?: true; problems?: { line: number; message: string }[]; daysUsed?: number }
  const travellers = (JSON.parse(r.stdout) as { travellers: Element[] }).travellers
  return {
    exitCode: r.exitCode,
    stderr: r.stderr,
    by: Object.fromEntries(travellers.map((t) => [t.traveller, t.error === true ? t.problems!.map((p) => `${p.line}: ${p.message}`) : t.daysUsed])),
  }
}

describe('maybeTheirs', () => {
  it('a row read as one cell: split at ; tab | or , into exactly the header’s cells, the traveller cell there', () => {
    expect(maybeTheirs(['ann;2024-01-10;out'], 3, 0, false)).toEqual({ name: 'ann', how: { split: ';' } })
    expect(maybeTheirs(['ann\t2024-01-10\tout'], 3, 0, false)).toEqual({ name: 'ann', how: { split: '\t' } })
    expect(maybeTheirs(['ann|2024-01-10|out'], 3, 0, false)).toEqual({ name: 'ann', how: { split: '|' } })
    // A file separated by semicolons, a row of another export separated by commas.
    expect(maybeTheirs(['ann,2024-01-10,out'], 3, 0, false)).toEqual({ name: 'ann', how: { split: ',' } })
    // The traveller column need not be the first.
    expect(maybeTheirs(['2024-01-10;ann;out'], 3, 1, false)).toEqual({ name: 'ann', how: { split: ';' } })
    expect(maybeTheirs(['2024-01-10; ann ;out'], 3, 1, false)).toEqual({ name: 'ann', how: { split: ';' } })
  })

  it('the delimiters in order, ; first, each tried in turn (mutation-testing gaps)', () => {
    // Split at ; first: "Müller, Hans", not "Müller" (a comma inside the name).
    expect(maybeTheirs(['Müller, Hans;2024-01-10;out, late'], 3, 0, false)).toEqual({ name: 'Müller, Hans', how: { split: ';' } })
    // ; gives two cells, not three: tabs are tried next.
    expect(maybeTheirs(['Li; Wei\t2024-01-10\tout'], 3, 0, false)).toEqual({ name: 'Li; Wei', how: { split: '\t' } })
    // Split, it names the traveller its cell names already: nobody else.
    expect(maybeTheirs(['ann\t\t'], 3, 0, false)).toBeUndefined()
  })

  it('nothing else: another number of cells, a row of several cells, an empty or the same name, a header of one column', () => {
    expect(maybeTheirs(['ann;2024-01-10'], 3, 0, false)).toBeUndefined()
    expect(maybeTheirs(['ann;2024-01-10;out;x'], 3, 0, false)).toBeUndefined()
    expect(maybeTheirs(['Li; Wei', '2024-01-10'], 3, 0, false)).toBeUndefined()
    expect(maybeTheirs([';2024-01-10;out'], 3, 0, false)).toBeUndefined()
    expect(maybeTheirs(['ann;x'], 1, 0, false)).toBeUndefined()
    expect(maybeTheirs(['ann', '2024-01-10'], 3, 0, false)).toBeUndefined()
  })

  it('a # row of the header’s width: the name after the #s', () => {
    expect(maybeTheirs(['#ann', '2024-01-10', 'out'], 3, 0, true)).toEqual({ name: 'ann', how: { hash: true } })
    expect(maybeTheirs(['## ann', '2024-01-10', 'out'], 3, 0, true)).toEqual({ name: 'ann', how: { hash: true } })
    expect(maybeTheirs(['#', '2024-01-10', 'out'], 3, 0, true)).toBeUndefined()
    // Not a # line (QA): a quoted "#12" with a stray quote later, or #ann in a later column.
    expect(maybeTheirs(['#12', '2024-01-10', 'out'], 3, 0, false)).toBeUndefined()
    expect(maybeTheirs(['x', '#ann', '2024-01-10', 'out'], 4, 1, true)).toBeUndefined()
  })
})

describe('quoteReadings', () => {
  it('a stray quote in the traveller cell: its quoted part, the text before the quote, the text without quotes', () => {
    const names = (raw: string | undefined, own: string) => quoteReadings(raw, own).map((m) => m.name)
    expect(names('"ann"x', 'annx')).toEqual(['ann'])
    expect(names(' "ann" x ', 'ann x')).toEqual(['ann'])
    expect(names('"ann"x"', 'annx"')).toEqual(['ann', 'annx'])
    expect(names('ann"', 'ann"')).toEqual(['ann'])
    expect(names('an"n', 'an"n')).toEqual(['an', 'ann'])
    expect(names('"ann', 'ann')).toEqual([])
    expect(names('"an"n', 'ann')).toEqual(['an'])
    expect(quoteReadings('"ann"x', 'annx')[0]!.how).toEqual({ quote: true })
  })

  it('nothing without a quote, or when every reading is the name it is read as, or empty', () => {
    expect(quoteReadings('ann', 'ann')).toEqual([])
    expect(quoteReadings(undefined, '')).toEqual([])
    expect(quoteReadings('""', '')).toEqual([])
    expect(quoteReadings('"ann"', 'ann')).toEqual([])
  })
})

describe('a bad row that may be another traveller’s', () => {
  it('a row separated by semicolons in a comma file: ann is marked, not answered over the limit', async () => {
    // By hand: ann 2024-01-05 … 2024-01-10 is 6 days; without her exit row she would be inside
    // since 5 January, 149 days on 1 June. bob, inside since 1 January: 153 days.
    const r = await statuses(`${HEAD}\nann,2024-01-05,in\nann;2024-01-10;out\nbob,2024-01-01,in\n`)
    expect(r.exitCode).toBe(2)
    expect(r.by).toEqual({ ann: ['3: a row of this traveller may be missing'], 'ann;2024-01-10;out': ['3: wrong number of fields'], bob: 153 })
    expect(r.stderr).toContain('log.csv line 3 is read as one value, so as a row of traveller "ann;2024-01-10;out"; separated by semicolons, it is a row of this traveller')
  })

  it('the problem: its code and each text, in JSON and on stderr', async () => {
    const r = await run(['log.csv', ...ON, '--format', 'json'], { files: { 'log.csv': `${HEAD}\nann,2024-01-05,in\nann|2024-01-10|out\n#ann,2024-01-11,in\n` } })
    const ann = (JSON.parse(r.stdout) as { travellers: { traveller: string; problems: { code: string; line: number }[] }[] }).travellers.find((t) => t.traveller === 'ann')!
    expect(ann.problems.map((p) => [p.line, p.code])).toEqual([[3, 'E_CSV_SYNTAX'], [4, 'E_CSV_SYNTAX']])
    expect(r.stderr).toContain(
      '    log.csv:3: a row of this traveller may be missing\n      log.csv line 3 is read as one value, so as a row of traveller "ann|2024-01-10|out"; separated by vertical bars, it is a row of this traveller\n      expected the row separated as the header is\n',
    )
    expect(r.stderr).toContain(
      '    log.csv:4: a row of this traveller may be missing\n      log.csv line 4 starts with "#", so it is read as a row of traveller "#ann", though it may be a row of this traveller, commented out\n      expected the line deleted if it is a comment, or its first value in quotes if it is a row of "#ann"\n',
    )
  })

  it('a name quoted with spaces around it is the same traveller (QA: " ann " was not told)', async () => {
    const r = await statuses(`${HEAD}\n" ann ",2024-01-05,in\nann;2024-01-10;out\n`)
    expect(r.by.ann).toEqual(['3: a row of this traveller may be missing'])
  })

  it('a file\'s own traveller is never told: no row of another file is theirs', async () => {
    const r = await run(['--batch', 'bruno.csv', 'team.csv', ...ON, '--format', 'json'], {
      files: { 'bruno.csv': 'entry,exit\n2024-01-05,2024-01-09\n', 'team.csv': 'traveller,entry,exit\nann,2024-01-05,2024-01-06\nbruno.csv;2024-02-01;2024-02-05\n' },
    })
    const by = Object.fromEntries((JSON.parse(r.stdout) as { travellers: { traveller: string; daysUsed?: number; error?: true }[] }).travellers.map((t) => [t.traveller, t.error === true ? 'error' : t.daysUsed]))
    expect(by).toEqual({ 'bruno.csv': 5, ann: 2, 'bruno.csv;2024-02-01;2024-02-05': 'error' })
  })

  it('a file read again whole (an unclosed quote further on) tells her once', async () => {
    const r = await statuses(`${HEAD}\nann,2024-01-05,in\nann;2024-01-10;out\nbob,2024-01-01,in\nbob,"2024-01-02,out\n`)
    // The quote never closed marks everyone with rows in the file (README), her included.
    expect(r.by.ann).toEqual(['3: a row of this traveller may be missing', '5: rows of this traveller may be missing'])
  })

  it('both spellings of Müller in the file and the row: one traveller, told once', async () => {
    const r = await statuses(`${HEAD}\nM\u00fcller,2024-01-05,in\nMu\u0308ller,2024-01-07,out\nMu\u0308ller;2024-01-10;out\n`)
    expect(Object.keys(r.by).filter((n) => n.normalize('NFC') === 'M\u00fcller')).toEqual(['M\u00fcller'])
    expect(r.by['M\u00fcller']).toEqual(['4: a row of this traveller may be missing'])
  })

  it('tabs, vertical bars and a quoted first cell alike; her row before or after her others', async () => {
    for (const bad of ['ann\t2024-01-10\tout', 'ann|2024-01-10|out', '"ann";2024-01-10;out']) {
      const r = await statuses(`${HEAD}\n${bad}\nann,2024-01-05,in\n`)
      expect(r.by.ann, bad).toEqual(['2: a row of this traveller may be missing'])
    }
  })

  it('a name the rest of the batch does not have is nobody: no traveller made up for it', async () => {
    const r = await statuses(`${HEAD}\nann,2024-01-05,in\nann,2024-01-10,out\nzed;2024-01-10;out\n`)
    expect(r.by).toEqual({ ann: 6, 'zed;2024-01-10;out': ['4: wrong number of fields'] })
  })

  it('a # line of the header’s width: told to #ann, whose row it reads as, and to ann, whose commented-out row it may be', async () => {
    const r = await statuses(`${HEAD}\nann,2024-01-05,in\n#ann,2024-01-10,out\n`)
    expect(r.by).toEqual({ ann: ['3: a row of this traveller may be missing'], '#ann': ['3: a line starting with # that reads as a row'] })
    expect(r.stderr).toContain('log.csv line 3 starts with "#", so it is read as a row of traveller "#ann", though it may be a row of this traveller, commented out')
  })

  it('a bad row whose traveller cell starts with # but is no # line: told to no one else (QA)', async () => {
    // Quoted, "#12" is traveller #12's row (README), its stray quote its own problem; 12 is ok.
    const quoted = await statuses('traveller,date,direction\n"#12",2024-01-05,i"n\n12,2024-01-10,in\n12,2024-01-20,out\n')
    expect(quoted.by).toEqual({ '#12': ['2: malformed CSV row'], '12': 11 })
    // The traveller column second: the line starts with x.
    const later = await statuses('note,traveller,date,direction\nx,#ann,2024-01-05,i"n\ny,ann,2024-05-10,in\n')
    expect(later.by).toEqual({ '#ann': ['2: malformed CSV row'], ann: 23 })
  })

  it('two ways Unicode writes one name are one traveller here too (NFC)', async () => {
    const r = await statuses('traveller,date,direction\nM\u00fcller,2024-01-05,in\nMu\u0308ller;2024-01-10;out\n')
    expect(r.by.M\u00fcller).toEqual(['3: a row of this traveller may be missing'])
  })

  it('the traveller column second (--group-by), a file separated by semicolons with a row separated by commas', async () => {
    const log = 'date;who;direction\n2024-01-05;ann;in\n2024-01-10,ann,out\n'
    const r = await statuses(log, ['--group-by', 'who'])
    // The row names nobody where the traveller column is: the file's traveller has it.
    expect(r.by).toEqual({ ann: ['3: a row of this traveller may be missing'], 'log.csv': ['3: wrong number of fields'] })
  })

  // QA (mangled input): ann's exit row, its traveller cell `"ann"x`, was read as traveller annx's,
  // and ann was answered over the limit by 59 days with no mark.
  it.each([
    ['text after the closing quote', '"ann"x', 'annx'],
    ['a quote after the name', 'ann"', 'ann"'],
  ])('a stray quote in the traveller cell (%s): ann is marked, not answered over the limit', async (_, cell, readAs) => {
    const r = await statuses(`${HEAD}\nann,2024-01-05,in\n${cell},2024-02-20,out\nbob,2024-01-05,in\nbob,2024-01-06,out\n`)
    expect(r.exitCode).toBe(2)
    expect(r.by).toEqual({ ann: ['3: a row of this traveller may be missing'], [readAs]: ['3: malformed CSV row'], bob: 2 })
    expect(r.stderr).toContain(`log.csv line 3 has a stray quote in its traveller value, so it is read as a row of traveller ${JSON.stringify(readAs)}; with the quote mended, it may be a row of this traveller`)
  })

  it('a stray quote read as the row’s own traveller is told to no one else', async () => {
    const r = await statuses(`${HEAD}\nann,2024-01-05,in\n"an"n,2024-02-20,out\n`)
    expect(r.by).toEqual({ ann: ['3: malformed CSV row'] })
  })

  it('a file told of once: a row one traveller’s own cell names is not told to them again', async () => {
    const r = await statuses(`${HEAD}\nann,2024-01-05,in\nann;2024-01-10;out\nann;2024-02-10;out\n`)
    expect(r.by.ann).toEqual(['3: a row of this traveller may be missing', '4: a row of this traveller may be missing'])
  })
})

describe('on worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stay-calc-maybe-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('a row of another export in a later range: the file read again on one thread, the same answer', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `p${i % 300},2023-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)},${i % 2 === 0 ? 'in' : 'out'}`)
    rows.splice(2500, 0, 'p7;2023-12-30;out')
    const { one, many } = await oneAndThreads(dir, 'log.csv', `${HEAD}\n${rows.join('\n')}\n`, [...ON, '--format', 'jsonl'], 3)
    expect(many.stdout).toBe(one.stdout)
    expect(many.stderr).toBe(one.stderr)
    expect(one.stderr).toContain('a row of this traveller may be missing')
  })
})
