/** Batch mode through the CLI in-process: each case asserts exit code, stdout and stderr together. */
import { describe, expect, it } from 'vitest'
import { dedent } from './helpers/dedent.js'
import { run } from './helpers/io.js'
import { printable } from '../src/errors.js'
import { looseCells } from '../src/batch/read.js'

const ON = ['--on', '2024-06-01']
const jsonl = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
/** Each traveller of JSON Lines, with its problems as `line: message` (`undefined` when answered). */
const problemLines = (stdout: string) => jsonl(stdout).map((t) => [t.traveller, (t.problems as { line: number; message: string }[] | undefined)?.map((p) => `${p.line}: ${p.message}`)])

/** `file` holding `text` run as a batch (jsonl) on one thread, then on two (ranges split however small the file). */
async function onOneAndTwoThreads(file: string, text: string): Promise<Awaited<ReturnType<typeof run>>[]> {
  const runs = []
  for (const threads of ['1', '2']) runs.push(await run([file, ...ON, '--format', 'jsonl'], { files: { [file]: text }, env: { STAY_CALC_THREADS: threads, STAY_CALC_PARALLEL_FROM: '0' } }))
  return runs
}

describe('when batch mode is on', () => {
  it('a traveller column turns it on; rows need not be sorted or grouped', async () => {
    const files = {
      'log.csv': dedent`
        Person,date,direction
        b,2024-05-01,in
        a,2024-02-20,out
        a,2024-01-05,in
      `,
    }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed, t.inside])).toEqual([
      ['b', 32, true],
      ['a', 47, false],
    ])
  })

  it('without a traveller column and without batch flags, several files are still one person', async () => {
    const files = { 'a.csv': 'entry,exit\n2024-01-05,2024-02-20\n', 'b.csv': 'entry,exit\n2024-05-01,\n' }
    const r = await run(['a.csv', 'b.csv', ...ON, '--json'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 79, stays: [{ source: 'a.csv:2' }, { source: 'b.csv:2' }] })
  })

  it('a traveller column but no row: the empty batch passes (nothing is broken), and a note says nothing was checked (QA)', async () => {
    for (const format of ['text', 'jsonl', 'csv']) {
      const r = await run(['log.csv', ...ON, '--format', format], { files: { 'log.csv': 'traveller,date,direction\n# exported 2024-06-01\n' } })
      expect(r.exitCode).toBe(0)
      expect(r.stderr).toBe('stay-calc: note: the input names no traveller (no row after the header): nothing was checked.\n')
    }
  })

  it('--batch: each file is a traveller, named by its path', async () => {
    const files = { 'a.csv': 'entry,exit\n2024-01-05,2024-02-20\n', 'b.csv': 'entry,exit\n2024-05-01,\n' }
    const r = await run(['--batch', 'a.csv', 'b.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed])).toEqual([
      ['a.csv', 47],
      ['b.csv', 32],
    ])
  })

  it('a batch-only format turns it on, and --json is --format json', async () => {
    const files = { 'a.csv': 'entry,exit\n2024-01-05,2024-02-20\n' }
    const csv = await run(['a.csv', ...ON, '--format', 'csv'], { files })
    expect(csv).toMatchObject({ exitCode: 0, stderr: '' })
    expect(csv.stdout.split('\n')[1]).toBe('a.csv,ok,2024-06-01,schengen,false,47,90,43,0,2024-08-29,limit,,0,,,,')
    const single = await run(['a.csv', ...ON, '--format', 'json'], { files })
    expect(single).toEqual(await run(['a.csv', ...ON, '--json'], { files }))
    expect(JSON.parse(single.stdout)).toMatchObject({ schemaVersion: 1, daysUsed: 47 })
  })

  it('--group-by names the traveller column; the same traveller in two files is one person', async () => {
    const files = {
      'jan.csv': 'employee,id,entry,exit\nE1,9,2024-01-05,2024-02-20\nE2,9,2024-01-10,2024-01-12\n',
      'may.csv': 'employee,id,entry,exit\nE1,9,2024-05-01,\n',
    }
    const r = await run(['jan.csv', 'may.csv', '--group-by', 'EMPLOYEE', ...ON, '--format', 'jsonl'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed])).toEqual([
      ['E1', 79],
      ['E2', 3],
    ])
  })
})

it('--date-format applies to every row, through the same parser as a single report', async () => {
  const files = { 'log.csv': 'name;date;direction\nAda;05.01.2024;in\nAda;20.02.2024;out\nBo;31.02.2024;in\n' }
  const r = await run(['log.csv', ...ON, '--date-format', 'dd.MM.yyyy', '--format', 'jsonl'], { files })
  expect(r.exitCode).toBe(2)
  expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed ?? 'error'])).toEqual([
    ['Ada', 47],
    ['Bo', 'error'],
  ])
  expect(r.stderr).toContain('log.csv:4: invalid entry date "31.02.2024"\n      day 31 is out of range for February 2024\n')
})

describe('exit codes: 2 for any input problem, else 1 for any broken rule, else 0', () => {
  const files = {
    'ok.csv': 'traveller,entry,exit\na,2024-01-05,2024-01-10\n',
    'over.csv': 'traveller,entry,exit\na,2024-01-05,2024-01-10\nb,2024-01-01,2024-04-30\n',
    'bad.csv': 'traveller,entry,exit\na,2024-01-05,2024-01-10\nb,2024-01-01,2024-04-30\nc,2024-02-30,\n',
  }
  it.each([
    { file: 'ok.csv', extra: [], exit: 0 },
    { file: 'over.csv', extra: [], exit: 1 },
    { file: 'over.csv', extra: ['--exit-zero'], exit: 0 },
    { file: 'bad.csv', extra: [], exit: 2 },
    { file: 'bad.csv', extra: ['--exit-zero'], exit: 2 },
  ])('$file $extra → $exit', async ({ file, extra, exit }) => {
    const r = await run([file, ...ON, '--format', 'csv', ...extra], { files })
    expect(r.exitCode).toBe(exit)
    expect(r.stdout.split('\n')[0]).toMatch(/^traveller,status,/)
    expect(r.stderr === '').toBe(exit !== 2)
  })
})

describe('input problems stop one traveller, not the batch', () => {
  it('lists each problem under its traveller with file:line, and marks the traveller as an error', async () => {
    const files = {
      'log.csv': dedent`
        traveller,date,direction
        ann,2024-01-05,in
        bob,2024-02-30,in
        ann,2024-02-20,out
        ,2024-03-01,in
        bob,2024-03-01,sideways
        cy,2024-03-01,in
        cy,2024-03-05,in
      `,
    }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(dedent`
      stay-calc: 4 problems in the input of 3 of 4 travellers (marked as errors in the output)
        bob:
          log.csv:3: invalid entry date "2024-02-30"
            day 30 is out of range for February 2024
            expected a calendar date like 2024-02-28 (YYYY-MM-DD)
          log.csv:6: unknown direction "sideways"
            expected one of in, entry, arrival, enter, entered (entering) or out, exit, departure, leave, exited (leaving)
        log.csv:
          log.csv:5: missing traveller
            the "traveller" column is empty on this row
            expected a value in the "traveller" column naming who crossed, like P001 or "Ada Lovelace"
        cy:
          log.csv:8: two entries without an exit between them
            entry on 2024-03-01 (line 7), then entry again on 2024-03-05
            expected an exit row between them, dated from 2024-03-01 to 2024-03-05
    `)
    const out = jsonl(r.stdout)
    expect(out.map((t) => [t.traveller, t.error ?? false])).toEqual([
      ['ann', false],
      ['bob', true],
      ['log.csv', true],
      ['cy', true],
    ])
    expect(out[1]).toEqual({
      traveller: 'bob',
      error: true,
      problems: [
        {
          file: 'log.csv',
          line: 3,
          code: 'E_DATE_INVALID',
          message: 'invalid entry date "2024-02-30"',
          detail: 'day 30 is out of range for February 2024',
          expected: 'a calendar date like 2024-02-28 (YYYY-MM-DD)',
        },
        {
          file: 'log.csv',
          line: 6,
          code: 'E_DIRECTION_UNKNOWN',
          message: 'unknown direction "sideways"',
          detail: null,
          expected: 'one of in, entry, arrival, enter, entered (entering) or out, exit, departure, leave, exited (leaving)',
        },
      ],
    })
  })

  it('a file that cannot be read, or has no usable header, is a traveller in error; the others are answered', async () => {
    const files = { 'ok.csv': 'entry,exit\n2024-01-05,2024-01-10\n', 'notes.csv': 'note,when\nhello,today\n' }
    const r = await run(['--batch', 'ok.csv', 'missing.csv', 'notes.csv', ...ON, '--format', 'csv'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stdout.split('\n').map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'traveller,status',
      'ok.csv,ok',
      'missing.csv,error',
      'notes.csv,error',
      '',
    ])
    expect(r.stderr).toContain('missing.csv: cannot read "missing.csv"\n')
    expect(r.stderr).toContain('notes.csv:1: missing required column(s)\n')
  })

  it('a malformed quote: the file is read again whole, each bad row reported on its own line under the traveller it names, no row lost', async () => {
    const files = {
      'log.csv': dedent`
        traveller,date,direction
        a,2024-01-05,in
        b,2024-01-06,"in"x
        a,2024-01-10,out
        c,2024-01-07,in
      `,
    }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(dedent`
      stay-calc: 1 problem in the input of 1 of 3 travellers (marked as errors in the output)
        b:
          log.csv:3: malformed CSV row
            text follows the closing quote of a field
            expected quotes only around a whole field, like "Paris, France", with "" for a quote inside it
    `)
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed ?? 'error'])).toEqual([
      ['a', 6],
      ['b', 'error'],
      ['c', 147],
    ])
  })
})

describe('usage errors in batch mode exit 2 before reading', () => {
  it.each([
    { name: '--trip', args: ['--batch', 'a.csv', '--trip', '2024-01-01..2024-01-02'], err: /--trip is for one traveller/ },
    { name: '--explain', args: ['--batch', 'a.csv', '--explain'], err: /--explain answers for one traveller/ },
    { name: 'unknown format', args: ['a.csv', '--format', 'xml'], err: /unknown --format "xml"; expected one of: text, json, jsonl, csv, github, junit/ },
    { name: '--json with another format', args: ['a.csv', '--json', '--format', 'csv'], err: /--json and --format "csv" disagree/ },
    { name: 'no input', args: ['--batch'], err: /no stays given/ },
  ])('$name', async ({ args, err }) => {
    const r = await run([...args, ...ON], { files: { 'a.csv': 'entry,exit\n2024-01-01,2024-01-02\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(err)
  })

  // QA: --group-by date read each date as a traveller and as that traveller's date.
  it.each([
    ['date', 'traveller,date,direction\nx,2024-01-01,in\n'],
    ['Direction', 'traveller,date,direction\nx,2024-01-01,in\n'],
    ['exit', 'traveller,entry,exit\nx,2024-01-01,2024-01-02\n'],
    // A header that cannot be used (a misspelt column, a country column) still had its dates read as names.
    ['date', 'date,directon\n2024-01-01,in\n2024-01-05,out\n'],
    ['entry', 'entry,exit,country\n2024-01-01,2024-01-05,FR\n'],
  ])('--group-by %s, a column read for its dates or directions: a usage error, nothing written', async (column, text) => {
    const r = await run(['a.csv', '--group-by', column, ...ON, '--format', 'csv'], { files: { 'a.csv': text } })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain(`--group-by "${column.toLowerCase()}": "a.csv" reads that column as its dates or directions`)
  })

  it("--group-by naming a column a file lacks is that file's error", async () => {
    const r = await run(['a.csv', '--group-by', 'who', ...ON, '--format', 'csv'], { files: { 'a.csv': 'traveller,entry,exit\nx,2024-01-01,2024-01-02\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe(`${'traveller,status,on,rule,inside,days_used,limit,days_remaining,overstay_days,latest_exit,latest_exit_bound,authorised_until,violations,first_violation_start,first_violation_end,violation_rule,problems'}\na.csv,error,2024-06-01,,,,,,,,,,,,,,"a.csv:1: no column ""who"" (--group-by)"\n`)
    expect(r.stderr).toContain('the header has "traveller", "entry", "exit"')
  })

  it.each(['', '  '])('--group-by %j names no column: a usage error before any file is read (QA)', async (column) => {
    const r = await run(['a.csv', '--group-by', column, ...ON], { files: { 'a.csv': 'traveller,entry,exit\nx,2024-01-01,2024-01-02\n' } })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr.split('\n')[0]).toBe('stay-calc: --group-by needs the name of the column of travellers, like --group-by "Employee No"')
  })
})

describe('input the QA review found mishandled', () => {
  const HASH_12 = dedent`
    log.csv:3: a line starting with # that reads as a row
          lines starting with # are comments, but this one has the header's 3 fields, and "#12" may be a value of the "traveller" column
          expected "#12" in quotes if it is a row; if it is a comment, the line above the header line, or deleted
  `
  it('a traveller named #12 does not vanish: the row is reported under #12, whatever the chunking; quoted, it is read', async () => {
    const files = {
      'log.csv': dedent`
        traveller,date,direction
        # a comment
        ana,2024-05-01,in
        #12,2024-01-05,in
        # ana,2024-01-05 was a typo
        #12,2024-01-06,out
      `,
    }
    for (const chunkSize of [1, 4, 7, 1 << 20]) {
      const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files, chunkSize })
      expect(r.exitCode).toBe(2)
      expect(jsonl(r.stdout).map((t) => [t.traveller, t.error ?? false])).toEqual([
        ['ana', false],
        ['#12', true],
      ])
      expect(r.stderr).toBe(
        'stay-calc: 2 problems in the input of 1 of 2 travellers (marked as errors in the output)\n  #12:\n    ' +
          `${HASH_12.replace('log.csv:3', 'log.csv:4').trimEnd()}\n    ${HASH_12.replace('log.csv:3', 'log.csv:6').trimEnd()}\n`,
      )
    }
    const quoted = await run(['log.csv', ...ON, '--format', 'jsonl'], { files: { 'log.csv': 'traveller,date,direction\n"#12",2024-01-05,in\n"#12",2024-01-06,out\n' } })
    expect(quoted).toMatchObject({ exitCode: 0, stderr: '' })
    expect(jsonl(quoted.stdout).map((t) => [t.traveller, t.daysUsed])).toEqual([['#12', 2]])
  })

  it('the same file twice: one traveller, each crossing read once and each copy a warning, exit 0', async () => {
    for (const args of [['--batch', 'examples/crossings.csv', 'examples/crossings.csv'], ['log.csv', 'log.csv']]) {
      const files = { 'log.csv': 'traveller,date,direction\nana,2024-01-05,in\nana,2024-02-20,out\nana,2024-05-12,in\n' }
      const r = await run([...args, ...ON, '--format', 'jsonl'], { files })
      // Told on stderr too, under the traveller (the JSON's warnings, each once).
      expect(r.exitCode).toBe(0)
      expect(r.stderr).toMatch(/^stay-calc: warnings for 1 of 1 traveller \(their answers stand; in the JSON's "warnings" too\)\n {2}\S+:\n {4}\S+:\d+: duplicate entry on 2024-01-05/)
      const [t] = jsonl(r.stdout) as { traveller: string; daysUsed: number; warnings: { code: string; message: string; sources: string[] }[] }[]
      expect(t!.warnings.map((w) => [w.code, w.message, ...w.sources])).toEqual(
        args[0] === '--batch'
          ? [
              ['W_DUPLICATE', 'duplicate entry on 2024-01-05, also in an earlier file (or the same file given twice); it is read once', 'examples/crossings.csv:3', 'examples/crossings.csv:3'],
              ['W_DUPLICATE', 'duplicate exit on 2024-02-20, also in an earlier file (or the same file given twice); it is read once', 'examples/crossings.csv:4', 'examples/crossings.csv:4'],
              ['W_DUPLICATE', 'duplicate entry on 2024-05-01, also in an earlier file (or the same file given twice); it is read once', 'examples/crossings.csv:5', 'examples/crossings.csv:5'],
              ['W_DUPLICATE', 'duplicate exit on 2024-05-12, also in an earlier file (or the same file given twice); it is read once', 'examples/crossings.csv:6', 'examples/crossings.csv:6'],
              ['W_DUPLICATE', 'duplicate entry on 2024-05-12, also in an earlier file (or the same file given twice); it is read once', 'examples/crossings.csv:7', 'examples/crossings.csv:7'],
            ]
          : [
              ['W_DUPLICATE', 'duplicate entry on 2024-01-05, also in an earlier file (or the same file given twice); it is read once', 'log.csv:2', 'log.csv:2'],
              ['W_DUPLICATE', 'duplicate exit on 2024-02-20, also in an earlier file (or the same file given twice); it is read once', 'log.csv:3', 'log.csv:3'],
              ['W_DUPLICATE', 'duplicate entry on 2024-05-12, also in an earlier file (or the same file given twice); it is read once', 'log.csv:4', 'log.csv:4'],
            ],
      )
      expect(t!.daysUsed).toBe(args[0] === '--batch' ? 79 : 68)
    }
  })

  it('a UTF-16 file, or UTF-16 on standard input: one problem for it', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('traveller,entry,exit\nana,2024-01-05,2024-01-10\n', 'utf16le')]).toString('utf8')
    const PROBLEM = dedent`
      the file is UTF-16 text; stay-calc reads UTF-8
            in UTF-16 each letter of the header comes with a NUL byte (Excel's "Unicode Text" is UTF-16)
            expected the file saved as UTF-8: Excel's "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor
    `
    const file = await run(['--batch', 'u16.csv', 'ok.csv', ...ON, '--format', 'csv'], { files: { 'u16.csv': utf16, 'ok.csv': 'entry,exit\n2024-01-05,2024-01-10\n' } })
    expect(file.exitCode).toBe(2)
    expect(file.stdout.split('\n').map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['traveller,status', 'u16.csv,error', 'ok.csv,ok', ''])
    expect(file.stderr).toBe(`stay-calc: 1 problem in the input of 1 of 2 travellers (marked as errors in the output)\n  u16.csv:\n    u16.csv: ${PROBLEM}`)
    const stdin = await run(['-', '--batch', ...ON, '--format', 'csv'], { stdin: utf16 })
    expect(stdin.exitCode).toBe(2)
    expect(stdin.stderr).toBe(`stay-calc: 1 problem in the input of 1 of 1 traveller (marked as errors in the output)\n  <stdin>:\n    <stdin>: ${PROBLEM}`)
  })

  it('a header row that cannot be read says why, as for one traveller (not "no header line")', async () => {
    const r = await run(['--batch', 'bad.csv', ...ON, '--format', 'csv'], { files: { 'bad.csv': '"entry"x,exit\n2024-01-05,2024-01-10\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('bad.csv:1: malformed CSV row\n      text follows the closing quote of a field\n')
  })

  it("Excel's sep=; first line, streamed in chunks of any size", async () => {
    const files = { 'x.csv': 'sep=;\r\ntraveller;entry;exit\r\nana;2024-01-05;2024-01-10\r\nbo;2024-03-01;2024-02-30\r\n' }
    for (const chunkSize of [1, 3, 6, 7, 64]) {
      const r = await run(['x.csv', ...ON, '--format', 'csv'], { files, chunkSize })
      expect(r.exitCode).toBe(2)
      expect(r.stdout.split('\n').map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['traveller,status', 'ana,ok', 'bo,error', ''])
      expect(r.stderr).toContain('x.csv:4: invalid exit date "2024-02-30"\n')
    }
  })
})

describe('standard input', () => {
  const stdin = 'traveller,entry,exit\nx,2024-01-05,2024-01-10\ny,2024-05-01,\n'
  it('is recognised as a batch by its traveller column (read whole, as a single report would)', async () => {
    const r = await run(['-', ...ON, '--format', 'json'], { stdin })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    const json = JSON.parse(r.stdout) as { schemaVersion: number; travellers: { traveller: string; stays: { source: string }[] }[] }
    expect(json.schemaVersion).toBe(1)
    expect(json.travellers.map((t) => [t.traveller, t.stays[0]?.source])).toEqual([
      ['x', '<stdin>:2'],
      ['y', '<stdin>:3'],
    ])
  })

  it('a malformed quote on standard input, kept as it streamed, is read again whole: only its row\'s traveller is an error (QA)', async () => {
    // QA: the stream stopped at the quote; x was marked, z went missing from the output.
    for (const chunkSize of [1, 7, 1 << 20]) {
      const r = await run(['-', ...ON, '--batch', '--format', 'csv'], { stdin: 'traveller,entry,exit\nx,2024-01-05,2024-01-10\ny,"2024-05-01"z,\nz,2024-02-01,2024-02-02\n', chunkSize })
      expect(r.exitCode).toBe(2)
      expect(r.stdout.split('\n').map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['traveller,status', 'x,ok', 'y,error', 'z,ok', ''])
      expect(r.stderr).toContain('<stdin>:3: malformed CSV row\n')
      expect(r.stderr).not.toContain('may be missing')
    }
  })

  it('streams with an explicit batch flag, in chunks of any size', async () => {
    const whole = await run(['-', ...ON, '--format', 'jsonl'], { stdin, chunkSize: 1 << 20 })
    for (const chunkSize of [1, 2, 5, 64]) expect(await run(['-', ...ON, '--format', 'jsonl'], { stdin, chunkSize })).toEqual(whole)
  })
})

describe('progress bar on stderr', () => {
  const big = `traveller,entry,exit\n${Array.from({ length: 3000 }, (_, i) => `t${i},2024-01-05,2024-01-10`).join('\n')}\n`
  /** A clock that moves 300 ms each time it is read: the bar is due after a few reads. */
  const slowClock = () => {
    let t = 0
    return () => (t += 300)
  }

  it('shows on a terminal once a run has lasted a second, and is cleared before the end', async () => {
    const r = await run(['big.csv', ...ON, '--format', 'csv'], { files: { 'big.csv': big }, stderrTty: true, clock: slowClock(), chunkSize: 4096 })
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toMatch(/(reading|checking) \[[█░]+\] \d+%/)
    expect(r.stdout.split('\n')).toHaveLength(3002)
    // Nothing the terminal keeps is changed, so Ctrl-C mid-run leaves it as it was (QA: cursor hidden, wrapping off).
    expect(r.stderr).not.toContain('\u001b[?25l')
    expect(r.stderr).not.toContain('\u001b[?7l')
  })

  it.each([
    { name: 'not a terminal', options: { stderrTty: false } },
    { name: 'streamed output goes to the same terminal', options: { stderrTty: true, tty: true } },
    { name: 'under CI', options: { stderrTty: true, env: { CI: 'true' } } },
    { name: '--quiet', options: { stderrTty: true }, extra: ['--quiet'] },
    { name: 'a quick run', options: { stderrTty: true, clock: () => 0 } },
  ])('never when $name', async ({ options, extra = [] }) => {
    const r = await run(['big.csv', ...ON, '--format', 'csv', ...extra], { files: { 'big.csv': big }, clock: slowClock(), chunkSize: 4096, ...options })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
  })

  // QA: JUnit writes a suite as each 10,000 fill, while the bar ran on the same terminal.
  it.each(['junit', 'json', 'github'])('never with --format %s to the same terminal, which writes before the end', async (format) => {
    const r = await run(['big.csv', ...ON, '--format', format], { files: { 'big.csv': big }, clock: slowClock(), chunkSize: 4096, stderrTty: true, tty: true })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
  })

  // QA: two spellings of Müller are one traveller, but the bar counted both (3001 of 3001 for 3000).
  it('counts the travellers answered: two spellings of one name are one', async () => {
    const merged = `${big}M\u00fcller,2024-01-05,2024-01-06\nMu\u0308ller,2024-02-05,2024-02-06\n`
    const r = await run(['big.csv', ...ON, '--format', 'csv'], { files: { 'big.csv': merged }, stderrTty: true, clock: slowClock(), chunkSize: 4096 })
    expect(r.stdout.split('\n')).toHaveLength(3003)
    const counts = [...r.stderr.matchAll(/(\d+) of (\d+) travellers/g)].map((m) => [Number(m[1]), Number(m[2])])
    expect(counts.length).toBeGreaterThan(0)
    expect(counts.every(([, total]) => total === 3001)).toBe(true)
    expect(counts.at(-1)).toEqual([3001, 3001])
  })

  it('the table, written once all are in, may share the terminal with it', async () => {
    const r = await run(['big.csv', ...ON], { files: { 'big.csv': big }, clock: slowClock(), chunkSize: 4096, stderrTty: true, tty: true })
    expect(r.stderr).toMatch(/(reading|checking) \[[█░]+\] \d+%/)
  })
})

describe('rows that cannot be read stop the traveller they name, wherever they are', () => {
  const tableOf = (stdout: string) =>
    stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { traveller: string; daysUsed?: number; error?: boolean })
      .map((t) => [t.traveller, t.error === true ? 'error' : t.daysUsed])

  it('a row with an empty traveller cell is reported even before any named row', async () => {
    const files = { 'log.csv': 'traveller,date,direction\n,2023-12-01,in\nana,2024-01-05,in\nana,2024-01-09,out\n' }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('log.csv:2: missing traveller')
    expect(tableOf(r.stdout)).toEqual([
      ['log.csv', 'error'],
      ['ana', 5],
    ])
  })

  it.each([
    { name: 'before', rows: 'ana,2024-01-05,in,EXTRA\nana,2024-05-01,in\nana,2024-05-10,out\n', line: 2 },
    { name: 'after', rows: 'ana,2024-05-01,in\nana,2024-01-05,in,EXTRA\nana,2024-05-10,out\n', line: 3 },
  ])('a row with an extra field $name the traveller\'s good rows stops their answer', async ({ rows, line }) => {
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files: { 'log.csv': `traveller,date,direction\n${rows}` } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain(`  ana:\n    log.csv:${line}: wrong number of fields`)
    expect(tableOf(r.stdout)).toEqual([['ana', 'error']])
  })

  it('after a stray quote (the file read again whole), each bad row still stops its own traveller', async () => {
    const files = { 'log.csv': 'traveller,date,direction\nana,2024-05-01,in\nana,2024-01-05,in,EXTRA\nana,2024-05-10,out\nbob,2024-01-01,in\nbob,2024-01-0"2,out\ncy,2024-01-01,in\ncy,2024-01-03,out\n' }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('  ana:\n    log.csv:3: wrong number of fields')
    expect(r.stderr).toContain('  bob:\n    log.csv:6: malformed CSV row')
    expect(tableOf(r.stdout)).toEqual([
      ['ana', 'error'],
      ['bob', 'error'],
      ['cy', 3],
    ])
  })

  it('a quote never closed: every traveller with rows in the file is told rows may be missing', async () => {
    const files = { 'log.csv': 'traveller,date,direction\nana,2024-05-01,in\nbob,"2024-05-02,in\nana,2024-05-03,out\n' }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('  ana:\n    log.csv:3: rows of this traveller may be missing\n      log.csv line 3 opens a quote that is never closed')
    expect(r.stderr).toContain('  bob:\n    log.csv:3: unterminated quoted field')
    expect(tableOf(r.stdout)).toEqual([
      ['ana', 'error'],
      ['bob', 'error'],
    ])
  })

  it('standard input read whole (to find its traveller column) is read again after a stray quote: no traveller lost', async () => {
    const stdin = 'traveller,date,direction\nana,2024-05-01,in\nbob,2024-01-0"2,out\ncara,2024-01-01,in\ncara,2024-01-03,out\nana,2024-05-03,out\n'
    const r = await run(['-', ...ON, '--format', 'text'], { stdin })
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toContain('3 travellers: 1 with input errors, 2 ok')
    expect(r.stderr).toContain('  bob:\n    <stdin>:3: malformed CSV row')
  })
})

describe('each file of its own is a traveller, and per-row columns are read as in single mode', () => {
  it('--batch: a file with a header and no rows is a traveller with no days', async () => {
    const files = { 'a.csv': 'entry,exit\n2024-05-01,2024-05-10\n', 'empty.csv': 'entry,exit\n' }
    const r = await run(['--batch', 'a.csv', 'empty.csv', ...ON, '--format', 'csv'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(r.stdout.split('\n').slice(1, 3).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'a.csv,ok,2024-06-01,schengen,false,10',
      'empty.csv,ok,2024-06-01,schengen,false,0',
    ])
  })

  it('a row with nothing but its traveller names them: answered with no days of their own, in order of first sight', async () => {
    // A roster: bob has no crossings yet; cy's empty row comes before her stay; dee's row is all spaces.
    const files = { 'roster.csv': 'traveller,entry,exit\nann,2024-05-01,2024-05-10\nbob,,\ncy, ,\ncy,2024-02-01,2024-02-03\n,,\n' }
    const r = await run(['roster.csv', ...ON, '--format', 'csv'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(r.stdout.split('\n').slice(1, 4).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'ann,ok,2024-06-01,schengen,false,10',
      'bob,ok,2024-06-01,schengen,false,0',
      'cy,ok,2024-06-01,schengen,false,3',
    ])
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(4)
    // The same as each one's own file of blank rows says.
    const alone = await run(['bob.csv', ...ON, '--json'], { files: { 'bob.csv': 'entry,exit\n,\n' } })
    const batch = await run(['roster.csv', ...ON, '--format', 'jsonl'], { files })
    const { traveller, ...bob } = jsonl(batch.stdout)[1]!
    expect(traveller).toBe('bob')
    expect(bob).toEqual(Object.fromEntries(Object.keys(bob).map((k) => [k, (JSON.parse(alone.stdout) as Record<string, unknown>)[k]])))
  })

  it('an admit until column binds as it does for one traveller (us-esta: 2024-02-01 authorised, left 2024-03-20)', async () => {
    const files = {
      'one.csv': 'entry,exit,admit until\n2024-01-01,2024-03-20,2024-02-01\n',
      'many.csv': 'traveller,entry,exit,admit until\nann,2024-01-01,2024-03-20,2024-02-01\nbo,2024-01-01,2024-01-20,\n',
    }
    const single = await run(['one.csv', '--rule', 'us-esta', ...ON, '--json'], { files })
    const batch = await run(['many.csv', '--rule', 'us-esta', ...ON, '--format', 'jsonl'], { files })
    expect(single.exitCode).toBe(1)
    expect(batch.exitCode).toBe(1)
    const [ann, bo] = batch.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    const { traveller, ...rest } = ann!
    expect(traveller).toBe('ann')
    const fromSingle = JSON.parse(single.stdout) as Record<string, unknown>
    // The same object but for the file named in each stay's source (planning answers are left out of batches).
    const shared = Object.fromEntries(Object.entries(fromSingle).filter(([key]) => key in rest))
    expect(Object.keys(shared)).toEqual(Object.keys(rest))
    expect(JSON.stringify(rest).replaceAll('many.csv:2', 'one.csv:2')).toBe(JSON.stringify(shared))
    expect(rest).toMatchObject({ violations: [{ start: '2024-02-02', end: '2024-03-20' }], stays: [{ until: '2024-02-01' }] })
    expect(bo).toMatchObject({ traveller: 'bo', violations: [], stays: [{ until: null }] })
  })

  it('a bad admit until date is a problem of its row, as in single mode', async () => {
    const files = { 'many.csv': 'traveller,entry,exit,admit until\nann,2024-01-01,2024-03-20,2024-02-31\n' }
    const r = await run(['many.csv', '--rule', 'us-esta', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('many.csv:2: ')
    expect(r.stderr).toContain('2024-02-31')
  })
})

describe('what batch mode refuses rather than ignores', () => {
  const files = { 'log.csv': 'traveller,entry,exit\nana,2024-01-01,2024-02-15\nbob,2024-03-01,2024-04-20\n' }
  it.each([
    { name: '--admit-until', args: ['log.csv', '--admit-until', '2024-02-01'], err: '--admit-until answers for one traveller' },
    { name: 'a zone rule', args: ['log.csv', '--rule', 'kz=kz-visa-free'], err: '--rule kz=kz-visa-free sets the rule of a zone, for country logs; batch input does not read country logs yet' },
    { name: 'stay-calc plan', args: ['plan', 'log.csv'], err: 'stay-calc plan answers for one traveller, but log.csv has a traveller column' },
  ])('$name', async ({ args, err }) => {
    const r = await run([...args, ...ON], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain(err)
  })
})

describe('several rules in the csv format', () => {
  it('a broken rule that is not the binding one: its violations and its id, beside the binding figures', async () => {
    const rules = 'rules:\n  - id: visit-30\n    label: At most 30 days per visit\n    constraints:\n      - kind: per-visit\n        limit: 30\n'
    const files = { 'r.yaml': rules, 'log.csv': 'traveller,entry,exit\nana,2024-01-01,2024-03-05\nana,2024-05-20,\n' }
    const r = await run(['log.csv', '--rules-file', 'r.yaml', '--rule', 'schengen', '--rule', 'visit-30', ...ON, '--format', 'csv'], { files })
    expect(r.exitCode).toBe(1)
    const [header, row] = r.stdout.split('\n')
    const cells = Object.fromEntries(header!.split(',').map((name, i) => [name, row!.split(',')[i]]))
    // Jan 1 + 30 days = Jan 30 is day 30; the stay runs on to Mar 5: Jan 31 … Mar 5 break the per-visit cap.
    expect(cells).toMatchObject({ status: 'overstay', violations: '1', first_violation_start: '2024-01-31', first_violation_end: '2024-03-05', violation_rule: 'visit-30' })
  })
})

describe('names from the input are shown, never obeyed', () => {
  it('printable: C0 and C1 controls, DEL and the line separators as escapes; other text as it is', () => {
    expect(printable('a\nb\tc\u001bd\u007fe\u0085f\u2028g\u2029h é ü 李')).toBe('a\\nb\\tc\\u001bd\\u007fe\\u0085f\\u2028g\\u2029h é ü 李')
  })

  it('control characters in a traveller name are escaped on stderr and in the table', async () => {
    const files = { 'log.csv': 'traveller,entry,exit\n"mallory\n::error file=x::injected",2024-02-30,\n"\u001b]0;title\u0007eve",2024-01-01,2024-01-02\n' }
    const r = await run(['log.csv', ...ON], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('  mallory\\n::error file=x::injected:\n')
    expect(r.stderr.split('\n').some((l) => l.startsWith('::error'))).toBe(false)
    expect(r.stdout).toContain('\\u001b]0;title\\u0007eve')
    expect(r.stdout).not.toContain('\u001b')
  })

  it('a very long name heads its problems cut at 200 characters, never inside a character (QA: a 20 MB line)', async () => {
    const name = `${'x'.repeat(198)}😀${'y'.repeat(5000)}`
    const r = await run(['log.csv', ...ON], { files: { 'log.csv': `traveller,entry,exit\n${name},2024-02-30,\n` } })
    expect(r.exitCode).toBe(2)
    const heading = r.stderr.split('\n')[1]!
    expect(heading).toBe(`  ${'x'.repeat(198)}…:`)
  })
})

describe('a traveller column named only id or name', () => {
  const files = { 'trips.csv': 'id,entry,exit\n1,2023-11-10,2024-01-20\n2,2024-03-01,2024-03-31\n' }
  it('turns batch mode on, with a note on stderr saying so', async () => {
    const r = await run(['trips.csv', ...ON], { files })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('2 travellers: 2 ok')
    expect(r.stderr).toBe('stay-calc: note: column "id" of trips.csv names travellers, each answered on its own (batch mode). Rename the column if it means something else; --batch (or -q) silences this note.\n')
  })

  it.each([['--batch'], ['-q']])('no note with %s', async (flag) => {
    const r = await run(['trips.csv', flag, ...ON], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
  })

  it('no note for a traveller or person column', async () => {
    const r = await run(['t.csv', ...ON], { files: { 't.csv': 'Person,entry,exit\n1,2023-11-10,2024-01-20\n' } })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
  })
})

describe('a row that cannot be read is split as far as its quotes allow, to find its traveller', () => {
  it.each([
    ['"Lovelace, Ada",2024-02-0"1,out', ['Lovelace, Ada', '2024-02-0"1', 'out']],
    ['"O""Brien",2024-01-05,in', ['O"Brien', '2024-01-05', 'in']],
    ['ana,2024-01-0"2,out', ['ana', '2024-01-0"2', 'out']],
    ['"bob,2024-01-06,in', ['bob', '2024-01-06', 'in']],
    ['  "x" y ,a', ['x y', 'a']],
    ['a;b;"c;d"', ['a;b;"c;d"']],
    ['', ['']],
  ])('%j', (line, cells) => {
    expect(looseCells(line, ',')).toEqual(cells)
  })

  it('a quoted name with a comma or a doubled quote keeps its bad row (the file read again after a stray quote)', async () => {
    const files = {
      'log.csv': 'traveller,date,direction\n"Lovelace, Ada",2024-01-05,in\n"Lovelace, Ada",2024-02-0"1,out\n"O""Brien",2024-01-05,in\n"O""Brien",2024-02-01,out,x\n',
    }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('  Lovelace, Ada:\n    log.csv:3: malformed CSV row')
    expect(r.stderr).toContain('  O"Brien:\n    log.csv:5: wrong number of fields')
    expect(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { traveller: string; error?: boolean }).error === true)).toEqual([true, true])
  })

  it('after a quote never closed, the travellers the later lines name are marked too, even those met in another file', async () => {
    const files = {
      'uc1.csv': 'traveller,date,direction\ncarl,2024-01-05,in\n',
      'uc2.csv': 'traveller,date,direction\nana,2024-01-05,in\n"bob,2024-01-06,in\ncarl,2024-03-01,out\nana,2024-02-01,out\n',
    }
    const r = await run(['uc1.csv', 'uc2.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    const answers = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { traveller: string; error?: boolean })
    expect(answers.map((t) => [t.traveller, t.error === true])).toEqual([
      ['carl', true],
      ['ana', true],
      ['bob', true],
    ])
    expect(r.stderr).toContain('  carl:\n    uc2.csv:3: rows of this traveller may be missing')
  })
})

describe('GitHub annotations show names escaped too', () => {
  it('an ESC or a right-to-left override in a name reaches neither the title nor the message raw', async () => {
    const files = { 'log.csv': 'traveller,entry,exit\n"\u001b[31mred\u202e",2024-01-01,2024-06-01\n' }
    const r = await run(['log.csv', ...ON, '--format', 'github'], { files })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('title=stay-calc%3A \\u001b[31mred\\u202e over the limit::\\u001b[31mred\\u202e: ')
    expect(r.stdout.includes('\u001b') || r.stdout.includes('\u202e')).toBe(false)
  })
})

/** A problem as stderr shows it under its traveller: `file:line: message`, then detail and expected, indented. */
const shown = (where: string, message: string, detail: string, expected: string) => `    ${where}: ${message}\n      ${detail}\n      expected ${expected}\n`

describe('a traveller name that is not UTF-8 is a problem of its row, never a key', () => {
  // Latin-1 Müller and Möller: ü (FC) and ö (F6) are no UTF-8, so both names read M\uFFFDller.
  const latin1 = Buffer.from('traveller,entry,exit\nM\xfcller,2024-01-05,2024-02-20\nM\xf6ller,2024-03-01,2024-04-20\nana,2024-01-05,2024-01-10\n', 'latin1').toString('utf8')
  const problem = (line: number) =>
    shown(
      `b1.csv:${line}`,
      'traveller "M\uFFFDller" is not UTF-8 text',
      'names that differ only in those bytes (Müller and Möller) read the same, so their rows would be counted as one person\'s; "\uFFFD" stands for bytes that are not UTF-8: the file may be Latin-1 or Windows-1252; save it as UTF-8',
      'the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor',
    )

  it('each row naming it gets the hint, so the merged name is an error rather than a false overstay (exit 2)', async () => {
    const r = await run(['b1.csv', ...ON, '--format', 'csv'], { files: { 'b1.csv': latin1 } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(`stay-calc: 2 problems in the input of 1 of 2 travellers (marked as errors in the output)\n  M\uFFFDller:\n${problem(2)}${problem(3)}`)
    expect(r.stdout.split('\n').slice(1, 3).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['M\uFFFDller,error', 'ana,ok'])
  })

  it('however the row is read: an unusual date, a malformed row, the file read again after a stray quote', async () => {
    const slow = latin1.replace('2024-01-05,2024-02-20', '5 Jan 2024,2024-02-20')
    const bad = `${latin1}M\uFFFDller,2024-05-01\n`
    const replayed = `${latin1}bob,2024-05-0"1,\n`
    for (const text of [slow, bad, replayed]) {
      const r = await run(['b1.csv', ...ON, '--format', 'jsonl'], { files: { 'b1.csv': text } })
      expect(r.exitCode).toBe(2)
      const lines = (jsonl(r.stdout)[0]!.problems as { line: number; code: string }[]).filter((p) => p.code === 'E_TRAVELLER_ENCODING').map((p) => p.line)
      expect(lines).toEqual(text === bad ? [2, 3, 5] : [2, 3])
    }
  })

  it('a traveller the name may stand for is told their rows may be missing, not given a confident answer', async () => {
    // Müller's entry is in a UTF-8 file, his exit in a Latin-1 one (M\xfcller reads M\uFFFDller): without
    // that row he would be inside since 01-05, 149 days by 06-01. Möller could be meant as well;
    // Mueller, Mller and Mxller could not: in Latin-1 a character is a byte, and only a byte beyond
    // ASCII reads as \uFFFD.
    const utf8 = 'traveller,date,direction\nMüller,2024-01-05,in\nMöller,2024-02-01,in\nMueller,2024-01-05,in\nMller,2024-01-05,in\nMxller,2024-01-05,in\nana,2024-01-05,in\n'
    const latin1 = Buffer.from('traveller,date,direction\nM\xfcller,2024-01-20,out\nana,2024-01-20,out\n', 'latin1').toString('utf8')
    const r = await run(['a.csv', 'b.csv', ...ON, '--format', 'jsonl'], { files: { 'a.csv': utf8, 'b.csv': latin1 } })
    expect(r.exitCode).toBe(2)
    const by = new Map(jsonl(r.stdout).map((t) => [t.traveller, t]))
    for (const name of ['Müller', 'Möller']) {
      expect(by.get(name)!.error, name).toBe(true)
      expect(by.get(name)!.problems, name).toEqual([
        {
          file: 'b.csv',
          line: 2,
          code: 'E_TRAVELLER_ENCODING',
          message: 'rows of this traveller may be missing',
          detail: '"M\uFFFDller" in this file is read from bytes that are not UTF-8: its rows may be this traveller\'s, and are counted for no one; "\uFFFD" stands for bytes that are not UTF-8: the file may be Latin-1 or Windows-1252; save it as UTF-8',
          expected: 'the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor',
        },
      ])
    }
    expect(by.get('M\uFFFDller')!.error).toBe(true)
    for (const name of ['Mueller', 'Mller', 'Mxller']) expect(by.get(name)!.error, name).toBeUndefined()
    expect(by.get('ana')!.daysUsed).toBe(16)
  })

  it('lookalikes are told even when the file of the unreadable name cannot be read, and whatever the spelling', async () => {
    // g2.csv's header is misspelt (dir), so no row of it is read: M\xfcller's 03-01 entry may be
    // Müller's, who would then be over the limit; only the traveller column is read loosely.
    const utf8 = 'traveller,date,direction\nMüller,2024-01-05,in\nMüller,2024-01-20,out\nJosé\u00a0Luis,2024-01-05,in\nZoe\u0308,2024-01-05,in\nana,2024-01-05,in\n'
    // José + no-break space is E9 A0 in Latin-1: one malformed sequence, one U+FFFD for two
    // characters. Zoë in Latin-1 is EB; the UTF-8 file spells it e + combining diaeresis (NFD).
    const bad = Buffer.from('traveller,date,dir\nM\xfcller,2024-03-01,in\n', 'latin1').toString('utf8')
    const good = Buffer.from('traveller,date,direction\nJos\xe9\xa0Luis,2024-01-20,out\nZo\xeb,2024-01-20,out\n', 'latin1').toString('utf8')
    expect(good).toContain('Jos\uFFFDLuis')
    const r = await run(['g1.csv', 'g2.csv', 'g3.csv', ...ON, '--format', 'jsonl'], { files: { 'g1.csv': utf8, 'g2.csv': bad, 'g3.csv': good } })
    expect(r.exitCode).toBe(2)
    const by = new Map(jsonl(r.stdout).map((t) => [t.traveller, t]))
    const told = (name: string) => (by.get(name)!.problems as { file: string; line: number; message: string }[]).map((p) => `${p.file}:${p.line} ${p.message}`)
    expect(told('Müller')).toEqual(['g2.csv:2 rows of this traveller may be missing'])
    expect(told('José\u00a0Luis')).toEqual(['g3.csv:2 rows of this traveller may be missing'])
    expect(told('Zoe\u0308')).toEqual(['g3.csv:3 rows of this traveller may be missing'])
    expect(by.get('ana')!.error).toBeUndefined()
  })

  it('after a quote never closed, the lookalike is told at the row naming the unreadable name', async () => {
    // Line 2 opens a quote never closed; line 3 names M\xfcller (Latin-1), read loosely.
    const latin1 = Buffer.from('traveller,date,direction\nann,"2024-01-05,in\nM\xfcller,2024-01-10,in\n', 'latin1').toString('utf8')
    const utf8 = 'traveller,date,direction\nMüller,2024-02-05,in\nann,2024-02-05,in\n'
    const r = await run(['q.csv', 'u.csv', ...ON, '--format', 'jsonl'], { files: { 'q.csv': latin1, 'u.csv': utf8 } })
    const muller = jsonl(r.stdout).find((t) => t.traveller === 'Müller')!
    expect((muller.problems as { file: string; line: number }[]).map((p) => `${p.file}:${p.line}`)).toEqual(['q.csv:3'])
  })

  it('a --group-by column that does not match for bytes that are not UTF-8 gets the hint too', async () => {
    const file = Buffer.from('Employ\xe9,entry,exit\nE1,2024-01-05,2024-01-10\n', 'latin1').toString('utf8')
    const r = await run(['hr.csv', '--group-by', 'Employé', ...ON, '--format', 'csv'], { files: { 'hr.csv': file } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('hr.csv:1: no column "Employé" (--group-by)\n      the header has "Employ\uFFFD", "entry", "exit"; "\uFFFD" stands for bytes that are not UTF-8')
  })
})

describe('a file whose header cannot be used: the travellers its rows name are told, not answered without those rows', () => {
  const jan = 'traveller,date,direction\nana,2024-01-05,in\nana,2024-01-20,out\nbob,2024-01-05,in\nbob,2024-01-06,out\n'
  const unread = (file: string, line: number, why: string) =>
    shown(
      `${file}:${line}`,
      'rows of this traveller cannot be read',
      `the header of ${file} (line 1) cannot be used: ${why}; so no row of that file is read, this one included`,
      `that problem of the header solved (it is listed under ${file}, the traveller named by the file)`,
    )
  const statuses = (stdout: string) => stdout.split('\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))

  it.each([
    { name: 'a misspelt column', feb: 'traveller,date,directon\nana,2024-02-01,in\n', why: 'missing required column(s)' },
    { name: 'a country column', feb: 'traveller,date,direction,country\nana,2024-02-01,in,DE\n', why: 'a country log cannot be checked in batch mode yet' },
    { name: 'two date columns', feb: 'traveller,date,Date,direction\nana,2024-02-01,2024-02-01,in\n', why: 'two date columns: "date" and "Date"' },
  ])('$name (QA b2): ana has rows there, so she is an error, not "ok" from January alone', async ({ feb, why }) => {
    const r = await run(['jan.csv', 'feb.csv', ...ON, '--format', 'csv'], { files: { 'jan.csv': jan, 'feb.csv': feb } })
    expect(r.exitCode).toBe(2)
    expect(statuses(r.stdout)).toEqual(['ana,error', 'bob,ok', 'feb.csv,error'])
    expect(r.stderr).toContain(`  ana:\n${unread('feb.csv', 2, why)}  feb.csv:\n    feb.csv:1: ${why}\n`)
  })

  it('each traveller is told once, at their first row; both columns of an ambiguous traveller column are read', async () => {
    const feb = 'traveller,Traveller,date,direction\nana,cy,2024-02-01,in\nana,,2024-02-03,out\n,dee,2024-02-04,in\n'
    const r = await run(['jan.csv', 'feb.csv', ...ON, '--format', 'jsonl'], { files: { 'jan.csv': jan, 'feb.csv': feb } })
    expect(r.exitCode).toBe(2)
    expect(jsonl(r.stdout).map((t) => [t.traveller, (t.problems as { line: number; code: string }[] | undefined)?.map((p) => `${p.line} ${p.code}`) ?? t.daysUsed])).toEqual([
      ['ana', ['2 E_ROWS_UNREAD']],
      ['bob', 2],
      ['feb.csv', ['1 E_COLUMNS_AMBIGUOUS']],
      ['cy', ['2 E_ROWS_UNREAD']],
      ['dee', ['4 E_ROWS_UNREAD']],
    ])
    expect(r.stderr).toContain(`  cy:\n${unread('feb.csv', 2, 'two traveller columns: "traveller" and "Traveller"')}`)
  })

  it('read again after a stray quote, or with a quote never closed: the same travellers are told', async () => {
    for (const feb of ['traveller,date,directon\nana,2024-02-01,in\nbob,2024-02-0"2,in\n', 'traveller,date,directon\nana,2024-02-01,in\n"bob,2024-02-02,in\ncy,2024-02-03,in\n']) {
      const r = await run(['jan.csv', 'feb.csv', ...ON, '--format', 'jsonl'], { files: { 'jan.csv': jan, 'feb.csv': feb } })
      expect(r.exitCode).toBe(2)
      const answers = jsonl(r.stdout).map((t) => [t.traveller, (t.problems as { line: number; code: string }[]).map((p) => `${p.line} ${p.code}`)])
      expect(answers.slice(0, 3)).toEqual([
        ['ana', ['2 E_ROWS_UNREAD']],
        ['bob', ['3 E_ROWS_UNREAD']],
        // The file's own: its header, then the malformed row (both a problem of no one traveller).
        ['feb.csv', ['1 E_COLUMNS_MISSING', '3 E_CSV_SYNTAX']],
      ])
      expect(answers.slice(3)).toEqual(feb.includes('cy') ? [['cy', ['4 E_ROWS_UNREAD']]] : [])
    }
  })

  it('the --group-by column missing from a file with rows: every traveller may have rows there, so every one is told', async () => {
    const files = {
      'a.csv': 'emp,date,direction\nE1,2024-01-05,in\nE1,2024-01-06,out\n',
      'b.csv': 'traveller,date,direction\nE2,2024-02-01,in\n',
      'c.csv': 'emp,date,direction\nE3,2024-03-01,in\nE3,2024-03-02,out\n',
    }
    const r = await run(['--group-by', 'emp', 'a.csv', 'b.csv', 'c.csv', ...ON], { files })
    expect(r.exitCode).toBe(2)
    const told = shown(
      'b.csv:1',
      'rows of this traveller may be missing',
      'b.csv has rows, but its header (line 1) cannot be used: no column "emp" (--group-by); none of its rows can be told to be one traveller\'s, so any traveller may have rows there',
      'that problem of the header solved (it is listed under b.csv, the traveller named by the file)',
    )
    const own = shown('b.csv:1', 'no column "emp" (--group-by)', 'the header has "traveller", "date", "direction"', 'a column of that name in every file, or --group-by naming one of the header columns')
    expect(r.stderr).toBe(`stay-calc: 3 problems in the input of 3 of 3 travellers (marked as errors in the output)\n  E1:\n${told}  b.csv:\n${own}  E3:\n${told}`)
  })

  it('the --group-by column missing from a file with no rows: nobody has rows there, only the file is an error', async () => {
    const files = { 'a.csv': 'emp,date,direction\nE1,2024-01-05,in\nE1,2024-01-06,out\n', 'b.csv': 'traveller,date,direction\n# none yet\n' }
    const r = await run(['--group-by', 'emp', 'a.csv', 'b.csv', ...ON, '--format', 'csv'], { files })
    expect(r.exitCode).toBe(2)
    expect(statuses(r.stdout)).toEqual(['E1,ok', 'b.csv,error'])
  })

  it('without a traveller column the file is one traveller, as before: the others are answered', async () => {
    const r = await run(['--batch', 'jan.csv', 'typo.csv', ...ON, '--format', 'csv'], { files: { 'jan.csv': jan, 'typo.csv': 'date,directon\n2024-02-01,in\n' } })
    expect(r.exitCode).toBe(2)
    expect(statuses(r.stdout)).toEqual(['ana,ok', 'bob,ok', 'typo.csv,error'])
  })
})

describe('a quote left open over rows that read as rows: each traveller they name is told (QA fuzz)', () => {
  it('in a file: ana (the row), bob and cy (lines swallowed) are errors; dan after them is answered', async () => {
    const files = { 'log.csv': 'traveller,date,direction\n"ana,2024-01-01,in\nbob,2024-01-05,in\ncy",2024-01-01,in\ndan,2024-01-01,in\ndan,2024-01-03,out\n' }
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.error === true ? (t.problems as { line: number }[]).map((p) => p.line) : t.daysUsed])).toEqual([
      ['ana', [2]],
      ['dan', 3],
      // Told once the rows are read (read.ts replay), so met after dan.
      ['bob', [3]],
      // Without the quote that closed the swallowing (QA: `chen"` was told, chen answered).
      ['cy', [4]],
    ])
    expect(r.stderr).toContain('log.csv:2: a quoted value runs on to line 4, over lines that read as rows')
  })

  // QA (swallowed-rows pass): a quote opened in the first column, the rest of its line a row.
  it('a quote opened in the traveller column: dora (the row) and ana (the line it closes on) are errors, not left out or answered', async () => {
    const text = 'traveller,entry,exit\n"dora,2024-01-19,2024-04-20\nana",2024-01-13,2024-02-10\nana,2024-03-01,2024-03-05\n'
    for (const r of await onOneAndTwoThreads('log.csv', text)) {
      expect(r.exitCode).toBe(2)
      expect(problemLines(r.stdout)).toEqual([
        ['dora', ['2: a quoted value runs on to line 3, over lines that read as rows']],
        ['ana', ['3: a row of this traveller may be missing']],
      ])
    }
  })

  // QA (swallowed-rows pass, rerun): a quoted name holding a comma on the line the quote opens on
  // shifted its values when the line was split again: chen's row was lost, chen answered.
  it('a quote opened in the last column after a quoted name with a comma: chen (the line it closes on) is told', async () => {
    const text = 'id,left,entered\nchen,4 Mar 2024,29 Jan 2024\n"Lovelace, Ada",24 Apr 2024,"21 Mar 2024\nchen,21 Jan 2024,1 Jan 2024"\n"Lovelace, Ada",19 Feb 2024,17 Jan 2024\n'
    const r = await run(['log.csv', ...ON, '--format', 'jsonl'], { files: { 'log.csv': text } })
    expect(r.exitCode).toBe(2)
    expect(problemLines(r.stdout)).toEqual([
      ['chen', ['4: a row of this traveller may be missing']],
      ['Lovelace, Ada', ['3: a quoted value runs on to line 4, over lines that read as rows']],
    ])
  })

  // QA (batch acceptance): the refused row's traveller was named from its first line (`"Ada`), so
  // "Ada\nL." was answered ok from her other row alone.
  it('a refused row whose quoted name runs over lines: the whole name is told, on any number of threads', async () => {
    const text = 'traveller,entry,exit,note\n"Ada\nL.",2024-01-01,2024-03-20,"hotel\nbob, 2024-01-05,2024-01-06"\n"Ada\nL.",2024-05-01,2024-05-10,\nbob,2024-02-01,2024-02-03,\n'
    for (const r of await onOneAndTwoThreads('log.csv', text)) {
      expect(r.exitCode).toBe(2)
      const told = new Map(problemLines(r.stdout) as [string, string[] | undefined][])
      expect(told.get('Ada\nL.')).toEqual(['2: a quoted value runs on to line 4, over lines that read as rows'])
      expect(told.get('bob')).toEqual(['4: a row of this traveller may be missing'])
      expect(told.has('Ada')).toBe(false)
    }
  })

  // QA (mangled input): a swallowed line of fewer fields than the header (the note's column empty)
  // left ann answered as ok, and cid told only of an exit without an entry.
  it('a swallowed line of fewer fields than the header: ann (the row) and cid (the line) are errors, on any number of threads', async () => {
    const text = 'traveller,date,direction,note\nann,2024-01-05,in,"x\ncid,2024-01-07,in\n"\nann,2024-02-20,out,\ncid,2024-01-20,out,\n'
    for (const r of await onOneAndTwoThreads('log.csv', text)) {
      expect(r.exitCode).toBe(2)
      expect(problemLines(r.stdout)).toEqual([
        ['ann', ['2: a quoted value runs on to line 4, over lines that read as rows']],
        ['cid', ['3: a row of this traveller may be missing']],
      ])
    }
  })
})

describe('a file that cannot be read at all: its rows may be anyone\'s, so every traveller is told (QA fuzz)', () => {
  const jan = 'traveller,date,direction\nana,2024-01-05,in\nana,2024-01-20,out\nbob,2024-01-05,in\nbob,2024-01-06,out\n'
  const statuses = (stdout: string) => stdout.split('\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))
  const told = (file: string) =>
    shown(file, 'rows of this traveller may be missing', `${file} could not be read, so none of its rows can be told to be one traveller's: any traveller may have rows there`, `that file readable (its problem is listed under ${file}, the traveller named by the file)`)

  it.each([
    { name: 'not a text file (a spreadsheet)', files: { 'feb.csv': 'PK\u0003\u0004\u0000\u0000binary\u0000' } },
    { name: 'a missing file', files: {} },
  ])('$name: ana and bob are errors, not answered from January alone', async ({ files }) => {
    const r = await run(['jan.csv', 'feb.csv', ...ON, '--format', 'csv'], { files: { 'jan.csv': jan, ...files } })
    expect(r.exitCode).toBe(2)
    expect(statuses(r.stdout)).toEqual(['ana,error', 'bob,error', 'feb.csv,error'])
    expect(r.stderr).toContain(`  ana:\n${told('feb.csv')}  bob:\n${told('feb.csv')}  feb.csv:\n    feb.csv: `)
  })

  it('files that are each one traveller: the others are answered, as no one else can have rows there', async () => {
    const files = { 'ana.csv': 'date,direction\n2024-01-05,in\n2024-01-20,out\n' }
    const r = await run(['--batch', 'ana.csv', 'feb.csv', ...ON, '--format', 'csv'], { files })
    expect(statuses(r.stdout)).toEqual(['ana.csv,ok', 'feb.csv,error'])
  })
})

describe('QA b5 and b6: the same problems as one traveller alone, in order of first sight', () => {
  it('a quote never closed in a file of its own: the one problem single mode gives (no second "rows may be missing")', async () => {
    const files = { 'b5c.csv': 'entry,exit\n2024-01-01,2024-01-02\n"2024-02-01,2024-02-03\n' }
    const single = await run(['b5c.csv', ...ON], { files })
    const batch = await run(['b5c.csv', '--batch', ...ON, '--format', 'jsonl'], { files })
    expect(single.stderr).toContain('  b5c.csv:3: unterminated quoted field\n')
    expect((jsonl(batch.stdout)[0]!.problems as { line: number; message: string }[]).map((p) => [p.line, p.message])).toEqual([[3, 'unterminated quoted field']])
  })

  it('after a stray quote, travellers keep the order they are met in, bad lines included (as without the quote)', async () => {
    const rows = 'ana,2024-01-05,in\n"Lovelace, Ada",2024-02-01,out\nbob,2024-01-01,in\ncarl,2024-01-01,in\ndave,2024-01-01,in,extra\nana,2024-01-20,out\n'
    const order = async (text: string) => jsonl((await run(['b6.csv', ...ON, '--format', 'jsonl'], { files: { 'b6.csv': `traveller,date,direction\n${text}` } })).stdout).map((t) => t.traveller)
    const expected = ['ana', 'Lovelace, Ada', 'bob', 'carl', 'dave']
    expect(await order(rows)).toEqual(expected)
    expect(await order(rows.replace('2024-02-01', '2024-02-0"1'))).toEqual(expected)
  })
})

describe('a date cell echoed in a problem cannot forge lines or drive the terminal (--date-format)', () => {
  const text = 'traveller,date,direction\nana,"05/01/2024\n  b4.csv:9: forged problem",in\nbob,05/01/2024\u001b[2J\u001b[31mRED,in\n'
  const args = ['b4.csv', ...ON, '--date-format', 'dd/MM/yyyy']
  const expected = 'a date like 28/02/2024 (--date-format dd/MM/yyyy)'
  const forged = String.raw`"05/01/2024\n  b4.csv:9: forged problem"`
  const esc = String.raw`"05/01/2024\u001b[2J\u001b[31mRED"`

  it('on stderr: every part of the problem escaped, the detail line too', async () => {
    const r = await run(args, { files: { 'b4.csv': text } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toBe(
      'stay-calc: 2 problems in the input of 2 of 2 travellers (marked as errors in the output)\n' +
        `  ana:\n${shown('b4.csv:2', `invalid entry date ${forged}`, `the input ${forged} can't be parsed as format dd/MM/yyyy`, expected)}` +
        `  bob:\n${shown('b4.csv:4', `invalid entry date ${esc}`, `the input ${esc} can't be parsed as format dd/MM/yyyy`, expected)}`,
    )
  })

  it('in GitHub annotations and in JSON: no raw ESC, no line break of the cell', async () => {
    const github = await run([...args, '--format', 'github'], { files: { 'b4.csv': text } })
    expect(github.stdout.includes('\u001b')).toBe(false)
    expect(github.stdout.split('\n').filter((l) => l.startsWith('::error')).length).toBe(2)
    expect(github.stdout).toContain(`%0Athe input ${esc} can't be parsed as format dd/MM/yyyy%0A`)
    const json = await run([...args, '--format', 'jsonl'], { files: { 'b4.csv': text } })
    expect(jsonl(json.stdout).map((t) => (t.problems as { detail: string }[])[0]!.detail)).toEqual([
      `the input ${forged} can't be parsed as format dd/MM/yyyy`,
      `the input ${esc} can't be parsed as format dd/MM/yyyy`,
    ])
  })
})

describe('spaces around a quoted name do not make another traveller, whichever spelling comes first', () => {
  // csv-parse trims unquoted cells only. By hand: 5 + 5 + 2 = 12 days, one traveller.
  it.each([
    ['the plain one first', 'ann,2024-01-01,2024-01-05\n"ann ",2024-03-01,2024-03-02\n"  ann",2024-02-01,2024-02-05\n', 'ann'],
    // Shown as matched, without the spaces (QA: "ann " stood in the JSON as another name).
    ['a spaced one first', '"ann ",2024-03-01,2024-03-02\nann,2024-01-01,2024-01-05\n"  ann",2024-02-01,2024-02-05\n', 'ann'],
    ['only spaced ones', '"ann ",2024-03-01,2024-03-02\n"\u00a0ann",2024-01-01,2024-01-05\n"  ann",2024-02-01,2024-02-05\n', 'ann'],
  ])('%s', async (_, rows, shownAs) => {
    const r = await run(['t.csv', ...ON, '--format', 'jsonl'], { files: { 't.csv': `traveller,entry,exit\n${rows}bo,2024-01-01,2024-01-01\n` } })
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed])).toEqual([
      [shownAs, 12],
      ['bo', 1],
    ])
  })
})

it('a padded name heads its problems on stderr at the indent of every other name (QA)', async () => {
  const text = 'traveller,date,direction\nann,2024-02-30,in\n"  bob",2024-02-30,in\nbob,2024-03-01,out\n'
  const r = await run(['t.csv', ...ON, '--format', 'jsonl'], { files: { 't.csv': text } })
  expect(r.exitCode).toBe(2)
  expect(jsonl(r.stdout).map((t) => t.traveller)).toEqual(['ann', 'bob'])
  expect(r.stderr).toMatch(/\n {2}ann:\n(?: {4}.*\n)+ {2}bob:\n {4}t\.csv:3: invalid entry date/)
})

describe('a malformed row over several lines tells the travellers its later lines name (QA)', () => {
  // Lines 2-4 read as one malformed row of ana (the quote opened on line 2 closes on line 4, text
  // after it): ben's row on line 3 is lost, so ben gets no answer from line 5 alone; cy, named only
  // on a swallowed line, is not left out.
  it.each([
    ['ben, whose other row is read', 'traveller,date,direction\nana,"2024-01-05,in\nben,2024-05-20,out\nana,2024-01-0"6,out\nben,2024-05-01,in\n', ['ana', 'ben']],
    ['cy, named only there', 'traveller,date,direction\nana,"2024-01-05,in\ncy,2024-02-01,in\nana,2024-01-0"6,out\n', ['ana', 'cy']],
  ])('%s', async (_, text, errors) => {
    for (const r of await onOneAndTwoThreads('t.csv', text)) {
      expect(r.exitCode).toBe(2)
      const out = jsonl(r.stdout)
      expect(out.filter((t) => t.error === true).map((t) => t.traveller)).toEqual(errors)
      expect(out.filter((t) => t.error !== true)).toEqual([])
      expect(r.stderr).toContain('t.csv:3: a row of this traveller may be missing\n      t.csv line 2 opens a quote that closes only on line 4, so lines 2–4 read as one malformed row, this one included')
    }
  })

  it('a tab file: an empty cell before a quoted one keeps its place when the bad row is read for its traveller', async () => {
    const text = 'note\ttraveller\tdate\tdirection\n\t"Lovelace, Ada"\t2024-01-01\tin\n\t"Lovelace, Ada"\t2024-01-1"0\tout\n'
    const r = await run(['t.tsv', ...ON, '--format', 'jsonl'], { files: { 't.tsv': text } })
    expect(r.exitCode).toBe(2)
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.error ?? false])).toEqual([['Lovelace, Ada', true]])
  })
})

describe('a traveller cell of only spaces names nobody, quoted or not (QA: two blank travellers)', () => {
  it('each such row is reported as missing its traveller, under the file; the named traveller is answered', async () => {
    const files = { 'blank.csv': 'traveller,entry,exit\n" ",2023-10-01,2024-03-01\n"  ",2024-01-01,2024-01-05\n ,2024-02-01,2024-02-02\n"\u3000",2024-02-03,2024-02-04\nbo,2024-01-01,2024-01-01\n' }
    const r = await run(['blank.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    const out = jsonl(r.stdout)
    expect(out.map((t) => [t.traveller, t.daysUsed ?? 'error'])).toEqual([
      ['blank.csv', 'error'],
      ['bo', 1],
    ])
    const lines = (out[0]!.problems as { line: number; code: string }[]).map((p) => [p.line, p.code])
    expect(lines).toEqual([2, 3, 4, 5].map((line) => [line, 'E_TRAVELLER_MISSING']))
  })
})

describe('a traveller named by a file is that file alone: spaces in paths still tell files apart (QA)', () => {
  // QA: ana.csv took the rows of a traveller that t.csv's cells call "ana.csv" (10 + 5 days).
  it('a cell spelling a file\'s path names another traveller: ana.csv 10 days, "ana.csv" of t.csv 5', async () => {
    const files = { 'ana.csv': 'date,direction\n2024-01-01,in\n2024-01-10,out\n', 't.csv': 'traveller,date,direction\nana.csv,2024-03-01,in\nana.csv,2024-03-05,out\n' }
    const r = await run(['ana.csv', 't.csv', ...ON, '--format', 'jsonl'], { files })
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed, (t.stays as { source: string }[]).map((s) => s.source)])).toEqual([
      ['ana.csv', 10, ['ana.csv:2']],
      ['ana.csv', 5, ['t.csv:2']],
    ])
  })

  it('files `x.csv` and `x.csv `, and a row naming "x.csv  ": three travellers', async () => {
    const files = { 'x.csv': 'entry,exit\n2024-03-01,2024-03-02\n', 'x.csv ': 'entry,exit\n2024-02-01,2024-02-30\n', 't.csv': 'traveller,entry,exit\n"x.csv  ",2024-01-01,2024-01-05\n' }
    const r = await run(['--batch', 'x.csv', 'x.csv ', 't.csv', ...ON, '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(2)
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed ?? 'error'])).toEqual([
      ['x.csv', 2],
      ['x.csv ', 'error'],
      ['x.csv  ', 5],
    ])
  })
})

describe('two ways Unicode writes a name are one traveller (NFC), shown as first met', () => {
  // Müller with ü as one character (U+00FC) in one export, as u + U+0308 in another (macOS): by hand,
  // 01-01..02-15 (46 days) and 03-01..04-15 (46) are 92 in the window ending 04-15: over from
  // 04-14 (the 91st day). Apart, each half was 46 days and ok.
  const files = {
    'win.csv': 'traveller,entry,exit\nM\u00fcller,2024-01-01,2024-02-15\nAnn,2024-01-01,2024-01-02\n',
    'mac.csv': 'traveller,entry,exit\nMu\u0308ller,2024-03-01,2024-04-15\nJose\u0301,2024-01-01,2024-01-02\n',
  }
  it('one answer with the rows of both files, under the first spelling; other names untouched', async () => {
    const r = await run(['win.csv', 'mac.csv', '--on', '2024-05-01', '--format', 'jsonl'], { files })
    expect(r.exitCode).toBe(1)
    const out = jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed, (t.violations as { start: string }[])[0]?.start ?? null])
    expect(out).toEqual([
      ['M\u00fcller', 92, '2024-04-14'],
      ['Ann', 2, null],
      ['Jose\u0301', 2, null],
    ])
  })
})

// A line that starts with `::` (spaces aside) is a workflow command to GitHub's runner, on stdout or stderr (QA).
describe('no name starts a line with ::', () => {
  const commandLine = (text: string) => text.split('\n').filter((l) => /^\s*::/.test(l))
  it.each([
    ['a traveller heading on stderr, a row of the table', { 'log.csv': 'traveller,entry,exit\n"::warning title=x::all ok",2024-02-30,2024-03-01\n  ::error::y,2023-10-01,2024-03-01\n' }, ['log.csv']],
    ['a file named so, its problems and warnings, as a traveller and in single mode', { '::error::f.csv': 'entry,exit\n2024-01-01,2024-01-05\n2024-01-01,2024-01-05\n2024-02-30,2024-03-01\n' }, ['::error::f.csv']],
  ])('%s', async (_, files, args) => {
    for (const extra of [[], ['--batch']]) {
      const r = await run([...args, ...extra, '--on', '2024-06-01'], { files })
      expect(r.stdout + r.stderr).toContain('\\u003a:')
      expect(commandLine(r.stdout)).toEqual([])
      expect(commandLine(r.stderr)).toEqual([])
    }
  })
})

it('a crossing repeated on one day in two files leaves the fast pairing, as a single-traveller run reads it (QA: its guard could go unnoticed)', async () => {
  // j.csv enters on 01-05 and leaves on 01-20; f.csv leaves and enters again on 01-05. In date order
  // the directions alternate, but the entry of 01-05 is in both files: a copy, read once, and the
  // exit of 01-20 has no entry left before it: a problem, as in single mode (pairAcrossFiles).
  const files = { 'j.csv': 'traveller,date,direction\nann,2024-01-05,in\nann,2024-01-20,out\n', 'f.csv': 'traveller,date,direction\nann,2024-01-05,out\nann,2024-01-05,in\n' }
  const batch = await run(['j.csv', 'f.csv', ...ON, '--format', 'jsonl'], { files })
  const single = await run(['j.csv', 'f.csv', ...ON, '--json'], { files: { 'j.csv': 'date,direction\n2024-01-05,in\n2024-01-20,out\n', 'f.csv': 'date,direction\n2024-01-05,out\n2024-01-05,in\n' } })
  expect([batch.exitCode, single.exitCode]).toEqual([2, 2])
  const element = JSON.parse(batch.stdout) as { error: boolean; problems: { file: string; line: number; message: string }[] }
  expect(element.error).toBe(true)
  const problemsAlone = single.stderr.split(/stay-calc: \d+ warnings? with these problems/)[0]!
  expect(element.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([...problemsAlone.matchAll(/^ {2}(\S+:\d+: .*)$/gm)].map((m) => m[1]))
  expect(element.problems.length).toBeGreaterThan(0)
})

describe('a quote left open over rows: only the lines that read as rows are told, not the closing line (QA, README recheck)', () => {
  it('ann (the row), bob and cid are errors; the note\'s last line "end" is nobody; dan is answered', async () => {
    const files = { 'bq.csv': 'traveller,entry,exit,note\nann,2024-01-05,2024-02-20,"Paris\nbob,2024-03-01,2024-03-10,x\ncid,2024-03-01,2024-03-10,y\nend"\ndan,2024-05-01,2024-05-10,x\n' }
    const r = await run(['bq.csv', ...ON, '--format', 'csv'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stdout.split('\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['ann,error', 'dan,ok', 'bob,error', 'cid,error'])
  })
})

// QA (mangled input): the same file given twice told nobody, in the table or the CSV, that its rows
// were read once; single mode tells it (and on stderr with --json).
describe('warnings of the travellers answered are told on stderr, the answers standing', () => {
  const log = 'traveller,date,direction\nann,2024-01-05,in\nann,2024-01-10,out\nbob,2024-02-01,in\nbob,2024-02-03,out\ncy,2024-02-30,in\n'
  const overlap = 'traveller,entry,exit\nbob,2024-02-02,2024-02-04\n'
  const duplicate = (file: string, line: number, what: string, day: string) =>
    `    ${file}:${line}: duplicate ${what} on ${day}, also in an earlier file (or the same file given twice); it is read once\n      read from a.csv:${line}, not from this row\n`

  it.each(['1', '2'])('the same file twice, on %s thread(s): each traveller answered, told under their name before the problems', async (threads) => {
    const r = await run(['a.csv', 'b.csv', ...ON, '--format', 'csv'], { files: { 'a.csv': log, 'b.csv': log }, env: { STAY_CALC_THREADS: threads, STAY_CALC_PARALLEL_FROM: '0' } })
    expect(r.exitCode).toBe(2)
    expect(r.stdout.split('\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['ann,ok', 'bob,ok', 'cy,error'])
    expect(r.stderr).toMatch(
      new RegExp(
        `^${escape(
          'stay-calc: warnings for 2 of 3 travellers (their answers stand)\n  ann:\n' +
            duplicate('b.csv', 2, 'entry', '2024-01-05') +
            duplicate('b.csv', 3, 'exit', '2024-01-10') +
            '  bob:\n' +
            duplicate('b.csv', 4, 'entry', '2024-02-01') +
            duplicate('b.csv', 5, 'exit', '2024-02-03') +
            'stay-calc: 2 problems in the input of 1 of 3 travellers',
        )}`,
      ),
    )
  })

  it('overlapping stays: exit 0 as before, the JSON says where else they are', async () => {
    const r = await run(['o.csv', ...ON, '--format', 'jsonl'], { files: { 'o.csv': `${overlap}bob,2024-02-03,2024-02-06\nann,2024-01-01,2024-01-01\n` } })
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toBe('stay-calc: warnings for 1 of 2 travellers (their answers stand; in the JSON\'s "warnings" too)\n  bob:\n    o.csv:3: stays overlap on 2024-02-03..2024-02-04; each day is counted once\n      see o.csv:2\n')
    expect(r.stdout.split('\n')[0]).toContain('"warnings":[{"code":"W_OVERLAP"')
  })

  it('none: nothing on stderr', async () => {
    const r = await run(['o.csv', ...ON], { files: { 'o.csv': overlap } })
    expect(r.stderr).toBe('')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
