/** Batch mode through the CLI in-process: each case asserts exit code, stdout and stderr together. */
import { describe, expect, it } from 'vitest'
import { dedent } from './helpers/dedent.js'
import { run } from './helpers/io.js'

const ON = ['--on', '2024-06-01']
const jsonl = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)

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
    expect(csv.stdout.split('\n')[1]).toBe('a.csv,ok,2024-06-01,schengen,false,47,90,43,0,2024-08-29,limit,0,,,')
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

  it('a malformed quote: the file is read again whole, each bad row reported on its own line, no row lost', async () => {
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
        log.csv:
          log.csv:3: malformed CSV row
            text follows the closing quote of a field
            expected quotes only around a whole field, like "Paris, France", with "" for a quote inside it
    `)
    expect(jsonl(r.stdout).map((t) => [t.traveller, t.daysUsed ?? 'error'])).toEqual([
      ['a', 6],
      ['log.csv', 'error'],
      ['c', 147],
    ])
  })
})

describe('usage errors in batch mode exit 2 before reading', () => {
  it.each([
    { name: '--trip', args: ['--batch', 'a.csv', '--trip', '2024-01-01..2024-01-02'], err: /--trip is for one traveller/ },
    { name: '--explain', args: ['--batch', 'a.csv', '--explain'], err: /--explain answers for one traveller/ },
    { name: 'unknown format', args: ['a.csv', '--format', 'xml'], err: /unknown --format "xml"; expected one of: text, json, jsonl, csv, github, junit/ },
    { name: '--json with another format', args: ['a.csv', '--json', '--format', 'csv'], err: /--json and --format csv disagree/ },
    { name: 'no input', args: ['--batch'], err: /no stays given/ },
  ])('$name', async ({ args, err }) => {
    const r = await run([...args, ...ON], { files: { 'a.csv': 'entry,exit\n2024-01-01,2024-01-02\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(err)
  })

  it("--group-by naming a column a file lacks is that file's error", async () => {
    const r = await run(['a.csv', '--group-by', 'who', ...ON, '--format', 'csv'], { files: { 'a.csv': 'traveller,entry,exit\nx,2024-01-01,2024-01-02\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe(`${'traveller,status,on,rule,inside,days_used,limit,days_remaining,overstay_days,latest_exit,latest_exit_bound,violations,first_violation_start,first_violation_end,problems'}\na.csv,error,2024-06-01,,,,,,,,,,,,"a.csv:1: no column ""who"" (--group-by)"\n`)
    expect(r.stderr).toContain('the header has "traveller", "entry", "exit"')
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

  it('a malformed quote on standard input, which cannot be read again: its travellers are marked', async () => {
    const r = await run(['-', ...ON, '--batch', '--format', 'csv'], { stdin: 'traveller,entry,exit\nx,2024-01-05,2024-01-10\ny,"2024-05-01"z,\nz,2024-02-01,2024-02-02\n' })
    expect(r.exitCode).toBe(2)
    expect(r.stdout.split('\n').map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['traveller,status', 'x,error', '<stdin>,error', ''])
    expect(r.stderr).toContain('<stdin>:3: malformed CSV row\n')
    expect(r.stderr).toContain('<stdin>:3: rows of this traveller may be missing\n')
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
  })

  it.each([
    { name: 'not a terminal', options: { stderrTty: false } },
    { name: 'under CI', options: { stderrTty: true, env: { CI: 'true' } } },
    { name: '--quiet', options: { stderrTty: true }, extra: ['--quiet'] },
    { name: 'a quick run', options: { stderrTty: true, clock: () => 0 } },
  ])('never when $name', async ({ options, extra = [] }) => {
    const r = await run(['big.csv', ...ON, '--format', 'csv', ...extra], { files: { 'big.csv': big }, clock: slowClock(), chunkSize: 4096, ...options })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
  })
})
