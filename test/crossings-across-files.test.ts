/**
 * One person's crossings from several files are one list (monthly exports: the entry in January's
 * file, the exit in February's), paired together in date order, ties in the order of the files,
 * then of the rows; in single-traveller mode and, per traveller, in batch mode alike. Pairing waits
 * until every row that may be a crossing was read.
 */
import { describe, expect, it } from 'vitest'
import { mergeCrossings, pairCrossings } from '../src/parse/crossings.js'
import { day } from '../src/day.js'
import type { Crossing } from '../src/types.js'
import { run } from './helpers/io.js'

const ON = ['--on', '2024-06-01']
const jsonl = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)

const crossing = (direction: 'entry' | 'exit', date: string, file: string, line: number): Crossing => ({ direction, day: day(date), source: { file, line } })

describe('mergeCrossings and pairCrossings', () => {
  it('an entry in one file pairs with its exit in the next; the stay keeps both sources', () => {
    const merged = mergeCrossings([[crossing('entry', '2024-01-05', 'jan.csv', 2)], [crossing('exit', '2024-02-20', 'feb.csv', 2)]])
    expect(merged.warnings).toEqual([])
    expect(pairCrossings(merged.crossings)).toEqual({
      stays: [{ entry: day('2024-01-05'), exit: day('2024-02-20'), source: { file: 'jan.csv', line: 2 }, exitSource: { file: 'feb.csv', line: 2 } }],
      problems: [],
    })
  })

  it('a crossing an earlier file has too (same date and direction) is read once, with a warning naming both rows', () => {
    const jan = [crossing('entry', '2024-01-05', 'jan.csv', 2), crossing('exit', '2024-01-31', 'jan.csv', 3)]
    const feb = [crossing('exit', '2024-01-31', 'feb.csv', 2), crossing('entry', '2024-02-10', 'feb.csv', 3)]
    const merged = mergeCrossings([jan, feb])
    expect(merged.crossings.map((c) => `${c.source.file}:${c.source.line}`)).toEqual(['jan.csv:2', 'jan.csv:3', 'feb.csv:3'])
    expect(merged.warnings).toEqual([
      { code: 'W_DUPLICATE', message: 'duplicate exit on 2024-01-31, in two files; it is read once', sources: [{ file: 'jan.csv', line: 3 }, { file: 'feb.csv', line: 2 }] },
    ])
  })

  it('within one file nothing is dropped: two entries on one day there are a problem, not a copy', () => {
    const one = [crossing('entry', '2024-01-05', 'a.csv', 2), crossing('entry', '2024-01-05', 'a.csv', 3)]
    expect(mergeCrossings([one]).crossings).toHaveLength(2)
    // Per date and direction the most any one file has is kept: a file given three times is read once.
    const merged = mergeCrossings([one, one, one])
    expect(merged.crossings).toEqual(one)
    expect(merged.warnings).toHaveLength(4)
  })

  it('a problem with an earlier crossing of another file names that file; of the same file, the line', () => {
    const paired = pairCrossings([
      crossing('entry', '2024-01-05', 'jan.csv', 2),
      crossing('exit', '2024-01-10', 'jan.csv', 3),
      crossing('entry', '2024-02-01', 'feb.csv', 2),
      crossing('entry', '2024-02-03', 'feb.csv', 3),
      crossing('exit', '2024-01-20', 'feb.csv', 4),
    ])
    expect(paired.problems.map((p) => [`${p.source.file}:${p.source.line}`, p.message, p.detail])).toEqual([
      ['feb.csv:3', 'two entries without an exit between them', 'entry on 2024-02-01 (line 2), then entry again on 2024-02-03'],
      ['feb.csv:4', 'exit without an entry before it', 'exit on 2024-01-20 follows the exit on jan.csv:3'],
    ])
  })
})

describe('an entry in jan.csv and its exit in feb.csv are one stay', () => {
  const files = { 'jan.csv': 'date,direction\n2024-01-05,in\n', 'feb.csv': 'date,direction\n2024-02-20,out\n' }

  it('single-traveller mode', async () => {
    const r = await run(['jan.csv', 'feb.csv', ...ON, '--json'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 47, stays: [{ entry: '2024-01-05', exit: '2024-02-20', days: 47, source: 'jan.csv:2' }], warnings: [] })
  })

  it('the files in either order: date order decides, not file order', async () => {
    const r = await run(['feb.csv', 'jan.csv', ...ON, '--json'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 47, stays: [{ entry: '2024-01-05', exit: '2024-02-20', source: 'jan.csv:2' }] })
  })

  it('batch mode, each traveller on their own, one of them in both files', async () => {
    const batch = {
      'jan.csv': 'traveller,date,direction\nana,2024-01-05,in\nbob,2024-01-10,in\nbob,2024-01-12,out\n',
      'feb.csv': 'traveller,date,direction\nana,2024-02-20,out\nbob,2024-05-01,in\n',
    }
    const r = await run(['jan.csv', 'feb.csv', ...ON, '--format', 'jsonl'], { files: batch })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed, (t.stays as { source: string }[]).map((s) => s.source)])).toEqual([
      ['ana', 47, ['jan.csv:2']],
      ['bob', 3 + 32, ['jan.csv:3', 'feb.csv:3']],
    ])
  })

  it('--batch: each file is still a traveller of its own, paired alone', async () => {
    const r = await run(['--batch', 'jan.csv', 'feb.csv', ...ON, '--format', 'csv'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('  feb.csv:\n    feb.csv:2: exit without an entry before it\n      exit on 2024-02-20 is the first crossing in date order\n')
  })

  it('a pairing problem across files names the other file, the same in both modes', async () => {
    const single = { 'jan.csv': 'date,direction\n2024-01-05,in\n', 'feb.csv': 'date,direction\n2024-02-01,in\n2024-02-20,out\n' }
    const expected =
      '  feb.csv:2: two entries without an exit between them\n' +
      '    entry on 2024-01-05 (jan.csv:2), then entry again on 2024-02-01\n' +
      '    expected an exit row between them, dated from 2024-01-05 to 2024-02-01\n'
    const alone = await run(['jan.csv', 'feb.csv', ...ON], { files: single })
    expect(alone).toMatchObject({ exitCode: 2, stdout: '', stderr: `stay-calc: 1 problem in the input\n${expected}` })
    const batch = { 'jan.csv': 'traveller,date,direction\nana,2024-01-05,in\n', 'feb.csv': 'traveller,date,direction\nana,2024-02-01,in\nana,2024-02-20,out\n' }
    const many = await run(['jan.csv', 'feb.csv', ...ON, '--format', 'jsonl'], { files: batch })
    expect(many.exitCode).toBe(2)
    expect(many.stderr).toBe(`stay-calc: 1 problem in the input of 1 of 1 traveller (marked as errors in the output)\n  ana:\n  ${expected.replaceAll('\n  ', '\n    ')}`)
  })

  it('a same-day exit and re-entry split over two files: ties in file order, then row order', async () => {
    const split = { 'a.csv': 'date,direction\n2024-01-05,in\n2024-01-20,out\n', 'b.csv': 'date,direction\n2024-01-20,in\n2024-01-25,out\n' }
    const r = await run(['a.csv', 'b.csv', ...ON, '--json'], { files: split })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect((JSON.parse(r.stdout) as { stays: unknown[] }).stays).toMatchObject([
      { entry: '2024-01-05', exit: '2024-01-20', source: 'a.csv:2' },
      { entry: '2024-01-20', exit: '2024-01-25', source: 'b.csv:2' },
    ])
  })

  it('stays files are read as they are, beside crossings files paired together', async () => {
    const mixed = { 'stays.csv': 'entry,exit\n2023-12-10,2023-12-20\n', ...files }
    const r = await run(['jan.csv', 'stays.csv', 'feb.csv', ...ON, '--json'], { files: mixed })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 47 + 11, stays: [{ source: 'stays.csv:2' }, { source: 'jan.csv:2' }] })
  })
})

describe('pairing waits until every row that may be a crossing was read', () => {
  // The exit in feb.csv is unreadable: paired without it, the entries would be "two entries without an exit".
  const files = {
    'jan.csv': 'date,direction\n2024-01-05,in\n',
    'feb.csv': 'date,direction\n2024-02-20,out,extra\n2024-03-01,in\n',
  }
  const only = '  feb.csv:2: wrong number of fields\n    found 3 fields, the header has 2\n'

  it('single-traveller mode: the bad row only, no pairing problem after it', async () => {
    const r = await run(['jan.csv', 'feb.csv', ...ON], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(`stay-calc: 1 problem in the input\n${only}    expected one value per column, separated by commas; quote values that contain it, like "Paris, France"\n`)
  })

  it('batch mode: the same problem list for the traveller', async () => {
    const batch = { 'jan.csv': 'traveller,date,direction\nana,2024-01-05,in\n', 'feb.csv': 'traveller,date,direction\nana,2024-02-20,out,extra\nana,2024-03-01,in\n' }
    const r = await run(['jan.csv', 'feb.csv', ...ON, '--format', 'jsonl'], { files: batch })
    expect(r.exitCode).toBe(2)
    expect(jsonl(r.stdout)).toEqual([
      {
        traveller: 'ana',
        error: true,
        problems: [
          {
            file: 'feb.csv',
            line: 2,
            code: 'E_CSV_SYNTAX',
            message: 'wrong number of fields',
            detail: 'found 4 fields, the header has 3',
            expected: 'one value per column, separated by commas; quote values that contain it, like "Paris, France"',
          },
        ],
      },
    ])
  })

  it('one file (QA b5a): a malformed row stops the pairing in both modes', async () => {
    const one = { 'b5a.csv': 'date,direction\n2024-01-05,in\n2024-02-10,out,x\n2024-03-01,in\n' }
    const single = await run(['b5a.csv', ...ON], { files: one })
    const batch = await run(['b5a.csv', '--batch', ...ON, '--format', 'jsonl'], { files: one })
    expect(single.stderr).toBe(`stay-calc: 1 problem in the input\n${only.replace('feb.csv:2', 'b5a.csv:3')}    expected one value per column, separated by commas; quote values that contain it, like "Paris, France"\n`)
    expect((jsonl(batch.stdout)[0]!.problems as { line: number; message: string }[]).map((p) => [p.line, p.message])).toEqual([[3, 'wrong number of fields']])
  })

  it('a file whose header cannot be used may hold crossings: no pairing of the others either', async () => {
    const r = await run(['jan.csv', 'typo.csv', ...ON], { files: { ...files, 'typo.csv': 'date,directon\n2024-02-20,out\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(
      'stay-calc: 1 problem in the input\n' +
        '  typo.csv:1: missing required column(s)\n' +
        '    the header has "date", "directon"; a stays file needs an entry and an exit column, a crossings file a date and a direction column\n' +
        '    expected a header like "entry,exit" (one row per stay) or "date,direction" (one row per crossing)\n',
    )
  })

  it('a bad row in a stays file does not stop the crossings: their problems are listed too', async () => {
    const r = await run(['stays.csv', 'jan.csv', 'jan.csv2', ...ON], {
      files: { 'stays.csv': 'entry,exit\n2023-12-10,x\n', 'jan.csv': 'date,direction\n2024-01-05,in\n', 'jan.csv2': 'date,direction\n2024-01-07,in\n' },
    })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('  stays.csv:2: invalid exit date "x"\n')
    expect(r.stderr).toContain('  jan.csv2:2: two entries without an exit between them\n    entry on 2024-01-05 (jan.csv:2), then entry again on 2024-01-07\n')
  })
})
