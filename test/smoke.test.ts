/**
 * One real spawn of the built bin (`npm test` builds dist/ first): catches shebang, ESM, packaging
 * and process wiring mistakes that in-process tests cannot see.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const BIN = 'bin/stay-calc.cjs'
const spawn = (args: string[], input?: string, cwd?: string) =>
  spawnSync(process.execPath, [cwd === undefined ? BIN : join(process.cwd(), BIN), ...args], { encoding: 'utf8', input, cwd, env: { ...process.env, NO_COLOR: '1' } })

describe('built bin', () => {
  it('exists after the build', () => {
    expect(existsSync('dist/run.js'), 'dist/ is missing: npm test builds it (pretest)').toBe(true)
  })

  it('runs the quick-start example like the in-process CLI', () => {
    const r = spawn(['examples/kazakhstan.csv', '--rule', 'kz', '--on', '2023-06-01'])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(readFileSync('examples/kazakhstan.out', 'utf8'))
  })

  it('reads standard input with - and exits 1 on an overstay', () => {
    const r = spawn(['-', '--on', '2024-04-10', '--json'], 'entry,exit\n2024-01-01,2024-03-31\n')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ violations: [{ start: '2024-03-31', end: '2024-03-31', peakDaysUsed: 91 }] })
  })

  // Node reads a folder on standard input as empty: it was told as a file with no header line (QA).
  it.each([
    [['-'], 'expected a readable CSV file, or - for standard input'],
    [['-', '--batch'], 'expected a readable CSV file, or - for standard input'],
    [['-', '--format', 'jsonl'], 'expected a readable CSV file, or - for standard input'],
    [['rules', '--rules-file', '-'], 'expected a readable JSON or YAML rules file'],
  ])('standard input from a folder (%j): the read error, exit 2', (args, expected) => {
    const folder = mkdtempSync(join(tmpdir(), 'stay-calc-stdin-'))
    const r = spawnSync(process.execPath, [BIN, ...args, '--on', '2024-06-01'], { encoding: 'utf8', stdio: [openSync(folder, 'r'), 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('<stdin>: cannot read "<stdin>"\n')
    expect(r.stderr).toContain('  it is a directory\n')
    expect(r.stderr).toContain(expected)
    expect(r.stderr).not.toContain('header')
  })

  // Node's own crash on a failed write to stderr made the exit code 1, "the rule is broken" (QA).
  it.each([
    [['examples/bad.csv', '--on', '2024-06-01'], 2],
    [['--bogus'], 2],
    [['examples/schengen-overstay.csv', '--on', '2024-06-01', '--json'], 1],
  ])('standard error that cannot be written (/dev/full): %j keeps its exit code %i', (args, code) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', openSync('/dev/full', 'w')] })
    expect(r.status).toBe(code)
  })

  // A device of NUL bytes never ends a line: it was read until memory ran out (QA).
  it.each([[[]], [['--batch']]])('/dev/zero %j is refused as no text, exit 2', (flags) => {
    const r = spawnSync(process.execPath, [BIN, '/dev/zero', ...flags, '--on', '2024-06-01'], { encoding: 'utf8', timeout: 20_000 })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('/dev/zero: not a text file')
  })

  // The second name of a pipe read nothing, and was told it had no header (QA).
  it.each([
    [['-', '/dev/stdin'], '"<stdin>" and "/dev/stdin" are one stream'],
    [['/dev/stdin', '/dev/stdin'], '"/dev/stdin" and "/dev/stdin" are one stream'],
    [['plan', '-', '/dev/stdin'], '"<stdin>" and "/dev/stdin" are one stream'],
  ])('a pipe given twice (%j) is refused: exit 2, nothing read', (files, message) => {
    const r = spawn([...files, '--on', '2024-06-01'], 'traveller,entry,exit\nann,2024-01-01,2024-01-05\n')
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(message)
  })

  // From a file, /dev/stdin opens it again at its start: it was read twice (five duplicate
  // warnings), or as the rules file (QA). The file by its own name beside `-` is the same input.
  it.each([
    [['-', '/dev/stdin'], '"<stdin>" and "/dev/stdin" are both standard input'],
    [['-', '--rules-file', '/dev/stdin'], '"<stdin>" and "/dev/stdin" are both standard input'],
    [['-', 'examples/crossings.csv'], '"<stdin>" and "examples/crossings.csv" are both standard input'],
    [['examples/crossings.csv', '-'], '"examples/crossings.csv" and "<stdin>" are both standard input'],
    [['/dev/stdin', '/dev/stdin'], '"/dev/stdin" and "/dev/stdin" are both standard input'],
    [['/dev/stdin', 'examples/crossings.csv'], '"/dev/stdin" and "examples/crossings.csv" are both standard input'],
    [['/dev/stdin', '--rules-file', '/dev/stdin'], '"/dev/stdin" and "/dev/stdin" are both standard input'],
  ])('standard input from a file, given again by another name (%j), is refused: exit 2', (files, message) => {
    const r = spawnSync(process.execPath, [BIN, ...files, '--on', '2024-06-01'], { encoding: 'utf8', stdio: [openSync('examples/crossings.csv', 'r'), 'pipe', 'pipe'] })
    expect([r.status, r.stdout]).toEqual([2, ''])
    expect(r.stderr).toContain(message)
  })

  it('/dev/null twice is two empty files, not one stream read twice (QA)', () => {
    const r = spawn(['/dev/null', '/dev/null', '--on', '2024-06-01'])
    expect(r.status).toBe(2)
    expect(r.stderr).not.toContain('one stream')
    expect(r.stderr.match(/the file has no header line/g)).toHaveLength(2)
  })

  it.each([[['/dev/stdin']], [['-']], [['examples/crossings.csv', 'examples/crossings.csv']]])('standard input from a file read once (%j), or a file named twice, is read', (files) => {
    const r = spawnSync(process.execPath, [BIN, ...files, '--on', '2024-06-01', '--json'], { encoding: 'utf8', stdio: [openSync('examples/crossings.csv', 'r'), 'pipe', 'pipe'] })
    expect(r.status).toBe(0)
    // A file named twice: its rows read once, with --json's warnings on stderr too; nothing else.
    expect(r.stderr).toEqual(files.length === 1 ? '' : expect.stringMatching(/^stay-calc: 5 warnings \(in the JSON's "warnings" too\)\n {2}examples\/crossings.csv:3: duplicate entry on 2024-01-05/))
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 79, latestExit: '2024-06-12' })
  })

  it('a folder is a batch of its .csv, .tsv and .txt files, in name order (issue 5: a folder of itineraries)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stay-calc-folder-'))
    writeFileSync(join(dir, 'b.csv'), readFileSync('examples/crossings.csv'))
    writeFileSync(join(dir, 'a.CSV'), readFileSync('examples/schengen-overstay.csv'))
    writeFileSync(join(dir, 'notes.md'), 'not an itinerary\n')
    mkdirSync(join(dir, 'old.csv'))
    writeFileSync(join(dir, 'old.csv', 'c.csv'), readFileSync('examples/crossings.csv'))
    const r = spawn([dir, '--on', '2024-06-01', '--format', 'jsonl'])
    expect([r.status, r.stderr]).toEqual([1, ''])
    const travellers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { traveller: string; daysUsed: number })
    expect(travellers.map((t) => [basename(t.traveller), t.daysUsed])).toEqual([
      ['a.CSV', 78],
      ['b.csv', 79],
    ])
    // Each file as named one by one with --batch.
    const named = spawn(['--batch', join(dir, 'a.CSV'), join(dir, 'b.csv'), '--on', '2024-06-01', '--format', 'jsonl'])
    expect(named.stdout).toBe(r.stdout)
    mkdirSync(join(dir, 'empty'))
    const empty = spawn([join(dir, 'empty'), '--on', '2024-06-01'])
    expect([empty.status, empty.stdout]).toEqual([2, ''])
    expect(empty.stderr).toContain('is a folder without .csv, .tsv or .txt files')
  })

  it('a folder: not its hidden files nor the file the output goes to; a broken link reported; paths as typed; the id note (QA)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stay-calc-folder-'))
    writeFileSync(join(dir, 'ann.csv'), readFileSync('examples/crossings.csv'))
    writeFileSync(join(dir, '._ann.csv'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]))
    const out = join(dir, 'report.csv')
    const r = spawnSync(process.execPath, [BIN, `${dir}/`, '--on', '2024-06-01', '--format', 'csv'], { encoding: 'utf8', stdio: ['ignore', openSync(out, 'w'), 'pipe'] })
    expect([r.status, r.stderr]).toEqual([0, ''])
    expect(readFileSync(out, 'utf8').split('\n').slice(1, -1).map((l) => l.split(',')[0])).toEqual([`${dir}/ann.csv`])
    symlinkSync(join(dir, 'nowhere.csv'), join(dir, 'gone.csv'))
    const broken = spawn([dir, '--on', '2024-06-01', '--format', 'jsonl'])
    expect(broken.status).toBe(2)
    expect(broken.stderr).toContain(`${dir}/gone.csv: cannot read`)
    const ids = mkdtempSync(join(tmpdir(), 'stay-calc-folder-'))
    writeFileSync(join(ids, 'ann.csv'), 'id,entry,exit\n1,2024-01-01,2024-02-20\n2,2024-02-20,2024-04-15\n')
    const note = spawn([ids, '--on', '2024-06-01'])
    expect(note.stderr).toContain('stay-calc: note: column "id" of')
  })

  it('bad input: exit 2, messages on stderr, empty stdout, no stack', () => {
    const r = spawn(['examples/bad.csv', '--on', '2024-06-01'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(readFileSync('examples/bad.err', 'utf8'))
  })

  it('the build leaves a code cache that this Node accepts for this bundle', () => {
    const check = `
      const { readFileSync } = require('node:fs')
      const { Script } = require('node:vm')
      const { wrap } = require('node:module')
      const script = new Script(wrap(readFileSync('dist/bundle/stay-calc.cjs', 'utf8')), { filename: 'x', cachedData: readFileSync('dist/bundle/stay-calc.cache') })
      process.stdout.write(String(script.cachedDataRejected))`
    expect(spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' }).stdout).toBe('false')
  })

  // A pipe or a FIFO can be read once: what batch detection reads of its head must reach the report.
  it.each([
    { name: 'a pipe <(cmd), one traveller', input: 'entry,exit\n2024-01-05,2024-01-10\n', expect: /Stays \(1\)/ },
    { name: 'a pipe <(cmd), a traveller column', input: 'traveller,entry,exit\na,2024-01-05,2024-01-10\n', expect: /1 traveller: 1 ok/ },
  ])('$name is read once', ({ input, expect: shown }) => {
    const command = `"${process.execPath}" "${BIN}" <(printf '%s' "$DATA") --on 2024-06-01`
    const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DATA: input } })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(shown)
  })

  it('/dev/stdin (a pipe) as a file name is read once', () => {
    const command = `printf '%s' "$DATA" | "${process.execPath}" "${BIN}" /dev/stdin --on 2024-06-01 --json`
    const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DATA: 'entry,exit\n2024-01-05,2024-01-10\n' } })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 6, stays: [{ days: 6 }] })
  })

  it('a damaged file from a pipe is not opened again but read again from the bytes kept: only the bad row\'s traveller is an error (QA)', () => {
    const data = 'traveller,date,direction\nana,2024-01-05,in\nbob,2024-01-0"2,out\nana,2024-02-01,out\n'
    const command = `"${process.execPath}" "${BIN}" <(printf '%s' "$DATA") --on 2024-06-01 -q --format csv`
    const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1', DATA: data } })
    expect(r.status).toBe(2)
    expect(r.stdout.split('\n').map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['traveller,status', 'ana,ok', 'bob,error', ''])
    expect(r.stderr).toMatch(/:3: malformed CSV row/)
    expect(r.stderr).not.toMatch(/may have been lost/)
  })

  it('a directory is reported as one, not read as an empty file (plan reads no folder)', () => {
    const r = spawn(['plan', 'examples', '--on', '2024-06-01'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('cannot read "examples"')
    expect(r.stderr).toContain('it is a directory')
  })
})

describe('output files (--chart, --ics) never cost an input or each other, and a failed run leaves none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stay-calc-out-'))
  const trips = join(dir, 'trips.csv')
  const text = 'entry,exit\n2024-01-05,2024-01-20\n'

  it('an output named like an input, or like the other output, is refused (exit 2) and nothing is written', () => {
    writeFileSync(trips, text)
    // A link to the input is the input.
    if (!existsSync(join(dir, 'link.csv'))) symlinkSync(trips, join(dir, 'link.csv'))
    for (const args of [
      ['--ics', trips],
      ['--ics', `${dir}/./trips.csv`],
      ['--ics', `${dir}/../${basename(dir)}/trips.csv`],
      ['--ics', join(dir, 'link.csv')],
      ['--ics', join(dir, 'same.svg'), '--chart', join(dir, 'same.svg')],
      ['--chart', join(dir, 'same.svg'), '--ics', `${dir}/./same.svg`],
    ]) {
      const r = spawn([trips, '--on', '2024-06-01', ...args])
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(/^stay-calc: --(ics|chart) ".*" is (an input file|the --chart file): writing it would lose that; give another file name\n/)
    }
    expect(readFileSync(trips, 'utf8')).toBe(text)
    expect(existsSync(join(dir, 'same.svg'))).toBe(false)
    const dash = spawn([trips, '--on', '2024-06-01', '--ics', '-'], undefined, dir)
    expect([dash.status, dash.stdout]).toEqual([2, ''])
    expect(dash.stderr).toMatch(/^stay-calc: --ics needs a file name: "-" is not standard output here/)
    expect(existsSync(join(dir, '-'))).toBe(false)
  })

  it('an output that is where standard output or standard error goes (a file, or /dev/stdout into a pipe) is refused, not mixed with the report (QA)', () => {
    writeFileSync(trips, text)
    const report = join(dir, 'report.ics')
    const redirected = (args: string[], fd: 1 | 2) => {
      const stdio: ['ignore', 'pipe' | number, 'pipe' | number] = ['ignore', 'pipe', 'pipe']
      stdio[fd] = openSync(report, 'w')
      return spawnSync(process.execPath, [BIN, trips, '--on', '2024-06-01', ...args], { encoding: 'utf8', stdio, env: { ...process.env, NO_COLOR: '1' } })
    }
    const toStdout = redirected(['--ics', report], 1)
    expect([toStdout.status, toStdout.stderr]).toEqual([2, `stay-calc: --ics "${report}" is standard output (the report is written there): writing it would lose that; give another file name\n(run stay-calc --help for usage)\n`])
    expect(readFileSync(report, 'utf8')).toBe('')
    const toStderr = redirected(['--json', '--chart', report.replace(/ics$/, 'svg')], 1)
    expect(toStderr.status).toBe(0)
    const chartOnStderr = redirected(['--chart', report], 2)
    expect(chartOnStderr.status).toBe(2)
    // /dev/null (a character device, as a terminal is) loses nothing: written beside the report, not refused.
    const nowhere = spawnSync(process.execPath, [BIN, trips, '--on', '2024-06-01', '--ics', '/dev/null'], { encoding: 'utf8', stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'] })
    expect([nowhere.status, nowhere.stderr]).toEqual([0, ''])
    const piped = spawn([trips, '--on', '2024-06-01', '--json', '--ics', '/dev/stdout'])
    expect([piped.status, piped.stdout]).toEqual([2, ''])
    expect(piped.stderr).toMatch(/^stay-calc: --ics "\/dev\/stdout" is standard output/)
  })

  it.each([
    ['a folder that does not exist', 'no-such-folder/x.ics', 'no such folder'],
    ['a name ending in /', 'newdir/', 'the name ends in / (a folder)'],
    ['a file as the folder', 'trips.csv/x.ics', 'a part of the path is a file, not a folder'],
  ])('a file that cannot be written (%s) is found before any is written: the chart is not left behind', (_, ics, why) => {
    const chart = join(dir, 'ok.svg')
    const r = spawn([trips, '--on', '2024-06-01', '--chart', chart, '--ics', `${dir}/${ics}`])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`stay-calc: cannot write the --ics file "${dir}/${ics}": ${why}; give a file name in a folder you can write to\n`)
    expect(existsSync(chart)).toBe(false)
  })
})
