/**
 * One person's crossings from several files are one list (monthly exports: the entry in January's
 * file, the exit in February's), paired together in date order, ties in the order of the files,
 * then of the rows; in single-traveller mode and, per traveller, in batch mode alike. Pairing waits
 * until every row that may be a crossing was read.
 */
import { describe, expect, it } from 'vitest'
import { mergeCrossings, pairCrossings } from '../src/parse/crossings.js'
import { day, isoOf } from '../src/day.js'
import { gatherStays } from '../src/input.js'
import type { Crossing } from '../src/types.js'
import { isCountryStay } from '../src/zones/types.js'
import { fakeIo, run } from './helpers/io.js'

const ON = ['--on', '2024-06-01']
const jsonl = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)

const crossing = (direction: 'entry' | 'exit', date: string, file: string, line: number): Crossing => ({ direction, day: day(date), source: { file, line } })

const at = (s: { file?: string; line?: number } | undefined) => (s === undefined ? '' : `${s.file}:${s.line}`)
/** A country log's stays, each as `FR 2024-01-05..2024-01-20 z1.csv:2>z1.csv:3` (entry>exit rows), and the warnings. */
async function gather(paths: string[], files: Record<string, string>) {
  const { stays, warnings } = await gatherStays({ files: paths, trips: [] }, day('2024-06-01'), fakeIo({ files }).io)
  return {
    stays: stays.map((s) => `${isCountryStay(s) ? s.country : '?'} ${isoOf(s.entry)}..${s.exit === null ? '' : isoOf(s.exit)} ${at(s.source)}>${at(s.exitSource)}`),
    warnings: warnings.map((w) => [w.code, w.message, w.sources?.map(at)]),
  }
}

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
      { code: 'W_DUPLICATE', message: 'duplicate exit on 2024-01-31, also in an earlier file (or the same file given twice); it is read once', sources: [{ file: 'jan.csv', line: 3 }, { file: 'feb.csv', line: 2 }] },
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

describe('country logs (date,country,direction) from several files are one log too', () => {
  const log = (...rows: string[]) => `date,country,direction\n${rows.join('\n')}\n`
  // The QA report's example: DE is entered at the end of z1.csv and left at the start of z3.csv.
  const z = {
    'z1.csv': log('2024-01-05,FR,in', '2024-01-20,FR,out', '2024-03-01,DE,in'),
    'z3.csv': log('2024-03-10,DE,out', '2024-05-01,IT,in'),
  }
  const threeStays = ['FR 2024-01-05..2024-01-20 z1.csv:2>z1.csv:3', 'DE 2024-03-01..2024-03-10 z1.csv:4>z3.csv:2', 'IT 2024-05-01.. z3.csv:3>']

  it('an entry into DE in z1.csv pairs with its exit in z3.csv: the same three stays as one file', async () => {
    expect(await gather(['z1.csv', 'z3.csv'], z)).toEqual({ stays: threeStays, warnings: [] })
    // Date order decides, not file order.
    expect((await gather(['z3.csv', 'z1.csv'], z)).stays).toEqual(threeStays)
  })

  it('the CLI: exit 0, Schengen counts FR 16 + DE 10 + IT 32 (05-01..06-01) = 58 days', async () => {
    const r = await run(['z1.csv', 'z3.csv', ...ON], { files: z })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(r.stdout).toContain('Days by country: FR 16 days, DE 10 days, IT 32 days\n')
    expect(r.stdout).toContain('58 of 90 days used, 32 remaining')
  })

  it('a log given twice is read once, with a warning naming both rows of each crossing', async () => {
    expect(await gather(['z1.csv', 'z1.csv'], z)).toEqual({
      stays: ['FR 2024-01-05..2024-01-20 z1.csv:2>z1.csv:3', 'DE 2024-03-01.. z1.csv:4>'],
      warnings: [
        ['W_DUPLICATE', 'duplicate entry into FR (France) on 2024-01-05, also in an earlier file (or the same file given twice); it is read once', ['z1.csv:2', 'z1.csv:2']],
        ['W_DUPLICATE', 'duplicate exit from FR (France) on 2024-01-20, also in an earlier file (or the same file given twice); it is read once', ['z1.csv:3', 'z1.csv:3']],
        ['W_DUPLICATE', 'duplicate entry into DE (Germany) on 2024-03-01, also in an earlier file (or the same file given twice); it is read once', ['z1.csv:4', 'z1.csv:4']],
      ],
    })
  })

  it('overlapping exports: the row both have is read once, from the earlier file', async () => {
    const files = {
      'jan-mar.csv': log('2024-01-05,FR,in', '2024-01-20,FR,out', '2024-03-01,DE,in'),
      'mar-may.csv': log('2024-03-01,DE,in', '2024-03-10,DE,out', '2024-05-01,IT,in'),
    }
    expect(await gather(['jan-mar.csv', 'mar-may.csv'], files)).toEqual({
      stays: ['FR 2024-01-05..2024-01-20 jan-mar.csv:2>jan-mar.csv:3', 'DE 2024-03-01..2024-03-10 jan-mar.csv:4>mar-may.csv:3', 'IT 2024-05-01.. mar-may.csv:4>'],
      warnings: [['W_DUPLICATE', 'duplicate entry into DE (Germany) on 2024-03-01, also in an earlier file (or the same file given twice); it is read once', ['jan-mar.csv:4', 'mar-may.csv:2']]],
    })
    const r = await run(['jan-mar.csv', 'mar-may.csv', ...ON], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(r.stdout).toContain('Days by country: FR 16 days, DE 10 days, IT 32 days\n')
  })

  it('the same date and direction into another country is no copy: a problem naming the other file', async () => {
    const files = { 'a.csv': log('2024-01-05,FR,in'), 'b.csv': log('2024-01-05,DE,in') }
    const r = await run(['a.csv', 'b.csv', ...ON], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toBe(
      'stay-calc: 1 problem in the input\n' +
        '  b.csv:2: entry into DE (Germany) while the log has you in FR (France)\n' +
        '    FR (France) was entered on 2024-01-05 (a.csv:2) and no exit from it is recorded before 2024-01-05\n' +
        '    expected an exit from FR (France) dated from 2024-01-05 to 2024-01-05, before this row\n',
    )
  })

  it('pairing waits: a bad row, or a header that cannot be used, is the only problem listed', async () => {
    // Paired without a.csv's row, b.csv's exit would be "exit from FR without an entry".
    const files = { 'a.csv': log('2024-01-05,Atlantis,in'), 'b.csv': log('2024-01-20,FR,out'), 'typo.csv': 'date,country,directon\n2024-01-05,FR,in\n' }
    const bad = await run(['a.csv', 'b.csv', ...ON], { files })
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toMatch(/^stay-calc: 1 problem in the input\n {2}a\.csv:2: unknown country "Atlantis"\n/)
    const typo = await run(['typo.csv', 'b.csv', ...ON], { files })
    expect(typo.exitCode).toBe(2)
    expect(typo.stderr).toMatch(/^stay-calc: 1 problem in the input\n {2}typo\.csv:1: missing required column\(s\)\n/)
  })
})

describe('move logs (date,from,to) from several files are one log too', () => {
  const moves = (...rows: string[]) => `date,from,to\n${rows.join('\n')}\n`
  // m1.csv ends with the move into DE, m2.csv starts with the move out of it (straight to AT).
  const m = {
    'm1.csv': moves('2024-01-05,,FR', '2024-01-20,FR,', '2024-03-01,,DE'),
    'm2.csv': moves('2024-03-10,DE,AT', '2024-03-15,AT,', '2024-05-01,,IT'),
  }
  // By hand: FR 01-05..01-20, DE 03-01..03-10 (entered in m1.csv:4, left in m2.csv:2), AT 03-10..03-15, IT from 05-01.
  const fourStays = [
    'FR 2024-01-05..2024-01-20 m1.csv:2>m1.csv:3',
    'DE 2024-03-01..2024-03-10 m1.csv:4>m2.csv:2',
    'AT 2024-03-10..2024-03-15 m2.csv:2>m2.csv:3',
    'IT 2024-05-01.. m2.csv:4>',
  ]

  it('the move into DE in m1.csv and the move out of it in m2.csv make one DE stay, not an open one and a one-day one', async () => {
    expect(await gather(['m1.csv', 'm2.csv'], m)).toEqual({ stays: fourStays, warnings: [] })
  })

  it('the files reversed on the command line: date order decides, the same four stays', async () => {
    expect(await gather(['m2.csv', 'm1.csv'], m)).toEqual({ stays: fourStays, warnings: [] })
  })

  it('the CLI: Schengen counts FR 16 + DE and AT 03-01..03-15 as one visit of 15 + IT 32 (05-01..06-01) = 63 days', async () => {
    for (const order of [['m1.csv', 'm2.csv'], ['m2.csv', 'm1.csv']]) {
      const r = await run([...order, ...ON], { files: m })
      expect(r).toMatchObject({ exitCode: 0, stderr: '' })
      expect(r.stdout).toContain('Days by country: FR 16 days, DE 10 days, AT 6 days, IT 32 days\n')
      expect(r.stdout).toContain('  2024-03-01 – 2024-03-15    15 days  m1.csv:4\n')
      expect(r.stdout).toContain('63 of 90 days used, 27 remaining')
    }
  })

  it('a log given twice is read once, with a warning naming both rows of each move', async () => {
    expect(await gather(['m1.csv', 'm1.csv'], m)).toEqual({
      stays: ['FR 2024-01-05..2024-01-20 m1.csv:2>m1.csv:3', 'DE 2024-03-01.. m1.csv:4>'],
      warnings: [
        ['W_DUPLICATE', 'duplicate move from outside to FR (France) on 2024-01-05, also in an earlier file (or the same file given twice); it is read once', ['m1.csv:2', 'm1.csv:2']],
        ['W_DUPLICATE', 'duplicate move from FR (France) to outside on 2024-01-20, also in an earlier file (or the same file given twice); it is read once', ['m1.csv:3', 'm1.csv:3']],
        ['W_DUPLICATE', 'duplicate move from outside to DE (Germany) on 2024-03-01, also in an earlier file (or the same file given twice); it is read once', ['m1.csv:4', 'm1.csv:4']],
      ],
    })
  })

  it('overlapping exports: the move both have is read once, from the earlier file', async () => {
    const files = {
      'jan-mar.csv': moves('2024-01-05,,FR', '2024-01-20,FR,', '2024-03-01,,DE', '2024-03-10,DE,AT'),
      'mar-may.csv': moves('2024-03-10,DE,AT', '2024-03-15,AT,', '2024-05-01,,IT'),
    }
    expect(await gather(['jan-mar.csv', 'mar-may.csv'], files)).toEqual({
      stays: [
        'FR 2024-01-05..2024-01-20 jan-mar.csv:2>jan-mar.csv:3',
        'DE 2024-03-01..2024-03-10 jan-mar.csv:4>jan-mar.csv:5',
        'AT 2024-03-10..2024-03-15 jan-mar.csv:5>mar-may.csv:3',
        'IT 2024-05-01.. mar-may.csv:4>',
      ],
      warnings: [['W_DUPLICATE', 'duplicate move from DE (Germany) to AT (Austria) on 2024-03-10, also in an earlier file (or the same file given twice); it is read once', ['jan-mar.csv:5', 'mar-may.csv:2']]],
    })
    const r = await run(['jan-mar.csv', 'mar-may.csv', ...ON], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(r.stdout).toContain('Days by country: FR 16 days, DE 10 days, AT 6 days, IT 32 days\n')
    expect(r.stdout).toContain('63 of 90 days used, 27 remaining')
  })

  it('a move out of a country the other file has you leave already: a problem naming that file:line', async () => {
    const files = { 'a.csv': moves('2024-01-05,,FR', '2024-01-20,FR,'), 'b.csv': moves('2024-02-01,DE,') }
    const r = await run(['a.csv', 'b.csv', ...ON], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toBe(
      'stay-calc: 1 problem in the input\n' +
        '  b.csv:2: exit from DE (Germany) without an entry into it\n' +
        '    the log has you outside since leaving FR (France) on 2024-01-20 (a.csv:3)\n' +
        '    expected an entry into DE (Germany) dated on or before 2024-02-01, before this row\n',
    )
  })

  it('a bad row in one file: only its problem is listed, nothing walked', async () => {
    // Walked without b.csv:2, b.csv:3 would leave AT while the log has you in DE (a.csv:3).
    const files = { 'a.csv': moves('2024-01-05,,FR', '2024-03-01,FR,DE'), 'b.csv': moves('2024-03-10,Germny,AT', '2024-03-15,AT,') }
    const r = await run(['a.csv', 'b.csv', ...ON], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toBe(
      'stay-calc: 1 problem in the input\n' +
        '  b.csv:2: unknown country "Germny"\n' +
        '    did you mean DE (Germany)?\n' +
        '    expected an ISO 3166-1 code like DE or DEU, or an English name like Germany\n',
    )
    // Fixed, the two files are one log: FR 01-05..03-01, DE 03-01..03-10, AT 03-10..03-15.
    const fixed = await gather(['a.csv', 'b.csv'], { ...files, 'b.csv': moves('2024-03-10,Germany,AT', '2024-03-15,AT,') })
    expect(fixed).toEqual({
      stays: ['FR 2024-01-05..2024-03-01 a.csv:2>a.csv:3', 'DE 2024-03-01..2024-03-10 a.csv:3>b.csv:2', 'AT 2024-03-10..2024-03-15 b.csv:2>b.csv:3'],
      warnings: [],
    })
  })

  it('a move log and a crossings log in one run are refused, placed at the later file, naming the other', async () => {
    const files = { ...m, 'c.csv': 'date,country,direction\n2024-05-20,IT,out\n' }
    const r = await run(['m1.csv', 'c.csv', 'm2.csv', ...ON], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toBe(
      'stay-calc: 1 problem in the input\n' +
        '  c.csv: a date,country,direction log beside the date,from,to log m1.csv\n' +
        "    a traveller's logs are one log, read in date order, but a move and a crossing are read by different rules; read apart, a stay one log leaves open would run on through the other\n" +
        '    expected every log in one form: as crossings, the move 2024-01-20,FR,DE is the rows 2024-01-20,FR,out and 2024-01-20,DE,in (a blank from or to: no row for it)\n',
    )
    // Listed with the rows' own problems, whichever file has them.
    const bad = await run(['c.csv', 'm1.csv', ...ON], { files: { ...files, 'm1.csv': moves('2024-01-05,,Atlantis') } })
    expect(bad.stderr.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('    '))).toEqual([
      '  m1.csv:2: unknown country "Atlantis"',
      '  m1.csv: a date,from,to log beside the date,country,direction log c.csv',
    ])
  })

  it('a stays log (entry,exit,country) beside a move log is read as it is', async () => {
    const files = { ...m, 's.csv': 'entry,exit,country\n2023-12-10,2023-12-20,ES\n' }
    expect((await gather(['s.csv', 'm1.csv', 'm2.csv'], files)).stays).toEqual(['ES 2023-12-10..2023-12-20 s.csv:2>', ...fourStays])
  })
})

describe('rows of one date from several files are read in the order consistent with the log (QA bug 2)', () => {
  const log = (...rows: string[]) => `date,country,direction\n${rows.join('\n')}\n`
  const files = {
    'crA.csv': log('2024-01-05,FR,in', '2024-01-20,FR,out'),
    'crB.csv': log('2024-01-20,DE,in'),
    'v1.csv': log('2024-01-20,FR,in'),
    'v2.csv': log('2024-01-20,FR,out'),
    'bad.csv': log('2024-01-20,IT,out'),
  }
  // By hand: FR 01-05..01-20, then straight into DE, still there: one Schengen stay 01-05..06-01 =
  // 27 + 29 + 31 + 30 + 31 + 1 = 149 days.
  const moved = ['FR 2024-01-05..2024-01-20 crA.csv:2>crA.csv:3', 'DE 2024-01-20.. crB.csv:2>']

  it.each([[['crA.csv', 'crB.csv']], [['crB.csv', 'crA.csv']]])('out of FR (crA.csv) before into DE (crB.csv), files %j', async (paths) => {
    expect(await gather(paths, files)).toEqual({ stays: moved, warnings: [] })
    const r = await run([...paths, ...ON, '--json'], { files })
    expect(r.exitCode).toBe(1)
    const zone = (JSON.parse(r.stdout) as { zones: { zone: string; daysUsed: number; stays: unknown[] }[] }).zones[0]!
    expect([zone.zone, zone.daysUsed, zone.stays.length]).toEqual(['schengen', 149, 1])
  })

  it.each([[['v1.csv', 'v2.csv']], [['v2.csv', 'v1.csv']]])('a same-day visit to FR, the entry and the exit in two files %j: a one-day stay', async (paths) => {
    expect(await gather(paths, files)).toEqual({ stays: ['FR 2024-01-20..2024-01-20 v1.csv:2>v2.csv:2'], warnings: [] })
  })

  it('no order is consistent (into DE while in FR, out of IT): file order, the problems as before', async () => {
    const r = await run(['crA.csv', 'crB.csv', 'bad.csv', ...ON], { files: { ...files, 'crA.csv': log('2024-01-05,FR,in') } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(
      [
        'stay-calc: 2 problems in the input',
        '  crB.csv:2: entry into DE (Germany) while the log has you in FR (France)',
        '    FR (France) was entered on 2024-01-05 (crA.csv:2) and no exit from it is recorded before 2024-01-20',
        '    expected an exit from FR (France) dated from 2024-01-05 to 2024-01-20, before this row',
        '  bad.csv:2: exit from IT (Italy) without an entry into it',
        '    the log has you in DE (Germany) since 2024-01-20 (crB.csv:2)',
        '    expected an entry into IT (Italy) dated on or before 2024-01-20, before this row',
        '',
      ].join('\n'),
    )
  })

  it.each([[['m1.csv', 'm2.csv']], [['m2.csv', 'm1.csv']]])('move logs too: FR→DE in m1.csv, DE→IT in m2.csv on one date, files %j', async (paths) => {
    const moves = { 'm1.csv': 'date,from,to\n2024-01-05,,FR\n2024-01-20,FR,DE\n', 'm2.csv': 'date,from,to\n2024-01-20,DE,IT\n2024-02-01,IT,\n' }
    expect((await gather(paths, moves)).stays).toEqual([
      'FR 2024-01-05..2024-01-20 m1.csv:2>m1.csv:3',
      'DE 2024-01-20..2024-01-20 m1.csv:3>m2.csv:2',
      'IT 2024-01-20..2024-02-01 m2.csv:2>m2.csv:3',
    ])
  })
})

describe('a duplicate left out is shown with the problems it may explain (QA bug 3)', () => {
  const files = {
    'A.csv': 'date,direction\n2024-01-05,in\n2024-01-31,in\n',
    'B.csv': 'date,direction\n2024-01-31,out\n',
    'C.csv': 'date,direction\n2024-01-31,out\n2024-03-01,in\n',
    'ex1.csv': 'date,direction\n2024-01-05,in\n2024-01-20,out\n',
    'ex2.csv': 'date,direction\n2024-01-05,in\n2024-01-12,out\n',
  }

  it('the exit C.csv:3 asks for is C.csv:2, read as a copy of B.csv:2: the warning follows the problem', async () => {
    const r = await run(['A.csv', 'B.csv', 'C.csv', ...ON], { files })
    expect([r.exitCode, r.stdout]).toEqual([2, ''])
    expect(r.stderr).toBe(
      [
        'stay-calc: 1 problem in the input',
        '  C.csv:3: two entries without an exit between them',
        '    entry on 2024-01-31 (A.csv:3), then entry again on 2024-03-01',
        '    expected an exit row between them, dated from 2024-01-31 to 2024-03-01',
        'stay-calc: 1 warning with these problems (not a problem; it may explain one)',
        '  C.csv:2: duplicate exit on 2024-01-31, also in an earlier file (or the same file given twice); it is read once',
        '    read from B.csv:2, not from this row',
        '',
      ].join('\n'),
    )
  })

  it('exports that disagree on the exit (01-20 vs 01-12): the entry read once explains the lone exit', async () => {
    const r = await run(['ex1.csv', 'ex2.csv', ...ON], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(
      [
        'stay-calc: 1 problem in the input',
        '  ex1.csv:3: exit without an entry before it',
        '    exit on 2024-01-20 follows the exit on ex2.csv:3',
        '    expected an entry row dated on or before 2024-01-20',
        'stay-calc: 1 warning with these problems (not a problem; it may explain one)',
        '  ex2.csv:2: duplicate entry on 2024-01-05, also in an earlier file (or the same file given twice); it is read once',
        '    read from ex1.csv:2, not from this row',
        '',
      ].join('\n'),
    )
  })

  it('batch: the same warning under the traveller on stderr; the JSON error entry keeps its keys', async () => {
    const rows = (text: string) => text.replace(/^date,direction\n/, 'traveller,date,direction\n').replace(/\n(?=\d)/g, '\nann,')
    const batch = { 'ex1.csv': rows(files['ex1.csv']), 'ex2.csv': rows(files['ex2.csv']) }
    const r = await run(['ex1.csv', 'ex2.csv', ...ON, '--format', 'json'], { files: batch })
    expect(r.exitCode).toBe(2)
    expect(Object.keys((JSON.parse(r.stdout) as { travellers: object[] }).travellers[0]!)).toEqual(['traveller', 'error', 'problems'])
    expect(r.stderr).toBe(
      [
        'stay-calc: 1 problem in the input of 1 of 1 traveller (marked as errors in the output)',
        '  ann:',
        '    ex1.csv:3: exit without an entry before it',
        '      exit on 2024-01-20 follows the exit on ex2.csv:3',
        '      expected an entry row dated on or before 2024-01-20',
        '    1 warning with them (not a problem; it may explain one):',
        '      ex2.csv:2: duplicate entry on 2024-01-05, also in an earlier file (or the same file given twice); it is read once',
        '        read from ex1.csv:2, not from this row',
        '',
      ].join('\n'),
    )
  })
})

describe('a row two files share is read once, even where the rows read as they are would fit (QA)', () => {
  // Doubled rows of a date with an entry and an exit can nearly always be ordered out, in, out: so
  // that they fit is no sign they are two crossings. Expectations by hand.

  it('an export ending with a same-day return: its exit is the other file\'s, so the traveller is inside', async () => {
    // a: in 01-01, out 02-10; b: out 02-10, in 02-10. One exit on 02-10 (read once), then back:
    // 01-01..02-10 (41 days) and 02-10..inside, the days from 01-01 to 05-01 all counted: 122.
    const files = { 'a.csv': 'date,direction\n2024-01-01,in\n2024-02-10,out\n', 'b.csv': 'date,direction\n2024-02-10,out\n2024-02-10,in\n' }
    const r = await run(['a.csv', 'b.csv', '--on', '2024-05-01', '--json'], { files })
    const out = JSON.parse(r.stdout) as { inside: boolean; daysUsed: number; warnings: { sources: string[] }[] }
    expect([r.exitCode, out.inside, out.daysUsed]).toEqual([1, true, 122])
    expect(out.warnings.map((w) => w.sources)).toEqual([['a.csv:3', 'b.csv:2']])
  })

  it('an export starting with the entry the other has: a same-day visit, then outside', async () => {
    // c1: in 01-01, out 01-31, in 02-10; c2: in 02-10, out 02-10. One entry on 02-10 (read once),
    // then out the same day: 31 + 1 = 32 days, outside, no overstay.
    const files = { 'c1.csv': 'date,direction\n2024-01-01,in\n2024-01-31,out\n2024-02-10,in\n', 'c2.csv': 'date,direction\n2024-02-10,in\n2024-02-10,out\n' }
    for (const paths of [['c1.csv', 'c2.csv'], ['c2.csv', 'c1.csv']]) {
      const r = await run([...paths, '--on', '2024-05-01', '--json'], { files })
      const out = JSON.parse(r.stdout) as { inside: boolean; daysUsed: number }
      expect([r.exitCode, out.inside, out.daysUsed], paths.join(' ')).toEqual([0, false, 32])
    }
  })

  it('a file given twice reads as once; batch mode alike', async () => {
    const files = { 'a.csv': 'date,direction\n2024-01-01,in\n2024-02-10,out\n', 't.csv': 'date,direction\n2024-02-10,in\n2024-02-10,out\n' }
    const once = JSON.parse((await run(['a.csv', 't.csv', '--on', '2024-05-01', '--json'], { files })).stdout) as { stays: unknown[]; daysUsed: number; inside: boolean }
    const twice = JSON.parse((await run(['a.csv', 't.csv', 't.csv', '--on', '2024-05-01', '--json'], { files })).stdout) as { stays: unknown[]; daysUsed: number; inside: boolean }
    expect([twice.stays, twice.daysUsed, twice.inside]).toEqual([once.stays, once.daysUsed, once.inside])
    const batch = { 'tA.csv': 'traveller,date,direction\nbob,2024-01-01,in\nbob,2024-02-10,out\n', 'tB.csv': 'traveller,date,direction\nbob,2024-02-10,out\nbob,2024-02-10,in\n' }
    const b = JSON.parse((await run(['tA.csv', 'tB.csv', '--on', '2024-05-01', '--format', 'jsonl'], { files: batch })).stdout) as { inside: boolean; daysUsed: number }
    expect([b.inside, b.daysUsed]).toEqual([true, 122])
  })
})
