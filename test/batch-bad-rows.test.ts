/**
 * Rows the parsers refuse are kept as their cells (src/batch/bad-rows.ts), not as messages, and
 * their problems worked out again when their traveller is evaluated: a million of them took
 * 2.3 GB kept as messages. The cells must come back as they were given, the problems must be
 * those the row gave when read (single-traveller mode's, test/batch.property.test.ts), on every
 * thread, with the --date-format the run was given.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fc, test } from '@fast-check/vitest'
import { afterAll, describe, expect, it } from 'vitest'
import { BadRows, badRowCells } from '../src/batch/bad-rows.js'
import { evaluateTraveller } from '../src/batch/evaluate.js'
import { readBatch } from '../src/batch/read.js'
import { parseCsv } from '../src/parse/csv.js'
import { requireRule } from '../src/rules/index.js'
import { day } from '../src/day.js'
import { fakeIo, run } from './helpers/io.js'
import { oneAndThreads } from './helpers/threads.js'
import { main } from '../src/cli.js'
import { withoutStacks } from '../src/parse/without-stacks.js'
import { InputError } from '../src/errors.js'
describe('the cells of bad rows', () => {
  test.prop([fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' })), { maxLength: 300 })])(
    'come back as they were given, however many and however long',
    (rows) => {
      // On memory of its own, and on shared memory (a run on several threads).
      for (const shared of [false, true]) {
        const kept = new BadRows(shared)
        const at = rows.map(([a, b, c]) => kept.push(a, b, c))
        expect(at).toEqual(rows.map((_, k) => k))
        for (const [k, cells] of rows.entries()) expect(badRowCells(kept, k)).toEqual(cells)
        // and as a worker thread is given them
        const given = structuredClone(kept.cells())
        for (const [k, cells] of rows.entries()) expect(badRowCells(given, k)).toEqual(cells)
        expect(given.bytes.buffer instanceof SharedArrayBuffer).toBe(shared)
      }
    },
  )

  it('keep a byte order mark, a character beyond the BMP and an empty cell', () => {
    const kept = new BadRows()
    kept.push('\uFEFF2024-01-01', '', 'x'.repeat(5000))
    kept.push('😀', '\uFEFF', '')
    expect(badRowCells(kept, 0)).toEqual(['\uFEFF2024-01-01', '', 'x'.repeat(5000)])
    expect(badRowCells(kept, 1)).toEqual(['😀', '\uFEFF', ''])
  })
})

describe('bad rows in a batch', () => {
  const N = 3000
  // Every other row written day/month/year without --date-format; some refused for their direction.
  const text = ['traveller,date,direction']
  for (let i = 0; i < N; i++) {
    const d = 1 + (i % 28)
    const date = i % 2 === 0 ? `2024-02-${String(d).padStart(2, '0')}` : `${String(d).padStart(2, '0')}/02/2024`
    text.push(`P${i % 7},${date},${i % 5 === 0 ? 'sideways' : i % 4 < 2 ? 'in' : 'out'}`)
  }
  const csv = `${text.join('\n')}\n`

  it('are kept as cells, not problems, and evaluation gives each its problems as the parser does', async () => {
    const { io } = fakeIo({ files: { 'log.csv': csv } })
    const input = await readBatch(['log.csv'], {}, io)
    // Refused: the dd/MM/yyyy rows and the sideways ones.
    const refused = text.slice(1).filter((line) => line.includes('/') || line.includes('sideways')).length
    expect(input.badRows.length).toBe(refused)
    expect(input.problems.size).toBe(0)
    const start = input.store.groupByTraveller(input.names.length)
    const settings = { rules: [requireRule('schengen')], on: day('2024-06-01') }
    for (let id = 0; id < input.names.length; id++) {
      const result = evaluateTraveller(id, input, start[id]!, start[id + 1]!, settings)
      if (!('problems' in result)) throw new Error(`${result.traveller} has no problems`)
      // The same rows alone, on their own lines (blank lines keep the numbers), through the single-traveller parser.
      const own = text.map((line, i) => (i === 0 ? 'date,direction' : line.startsWith(`${result.traveller},`) ? line.slice(line.indexOf(',') + 1) : '')).join('\n')
      const single = parseCsv(own, 'log.csv')
      expect(result.problems.map((p) => [p.source.line, p.message])).toEqual(single.problems.map((p) => [p.source.line, p.message]))
    }
  })
})

describe('rows whose problem names no cell of theirs', () => {
  // A trailing comma on every row but one in ten, which has no traveller instead.
  const lines = ['traveller,date,direction']
  for (let i = 0; i < 2000; i++) lines.push(`${i % 10 === 9 ? '' : `Q${i % 13}`},2024-0${1 + (i % 9)}-1${i % 10},${i % 2 === 0 ? 'in' : 'out'}${i % 10 === 9 ? '' : ','}`)
  const csv = `${lines.join('\n')}\n`

  it('are kept as one text for all the rows that have it, and told at each row', async () => {
    const { io } = fakeIo({ files: { 'wide.csv': csv } })
    const input = await readBatch(['wide.csv'], {}, io)
    expect(input.badRows.length).toBe(2000)
    // "wrong number of fields" and "missing traveller": two texts for 2000 rows.
    expect(input.badRows.texts.length).toBe(2)
    expect(input.problems.size).toBe(0)
    const r = await run(['wide.csv', '--on', '2024-12-01'], { files: { 'wide.csv': csv } })
    expect(r.exitCode).toBe(2)
    const told = [...r.stderr.matchAll(/^ {4}wide\.csv:(\d+): (.*)$/gm)].map((m) => [Number(m[1]), m[2]] as const)
    expect(told.length).toBe(2000)
    expect(new Set(told.map(([line]) => line)).size).toBe(2000)
    for (const [line, message] of told) expect(message).toBe((line - 2) % 10 === 9 ? 'missing traveller' : 'wrong number of fields')
  })
})

describe('as before they were kept as cells (differential QA against the previous release)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stay-calc-bad-order-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const problemsOf = async (name: string, bytes: Buffer) => {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    const r = await run([path, '--on', '2024-06-01', '--format', 'jsonl'])
    return r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { traveller: string; problems?: { line: number; code: string }[] })
      .map((t) => [t.traveller.replace(`${dir}/`, ''), (t.problems ?? []).map((p) => `${p.line} ${p.code}`)])
  }

  it('problems of one line in the order met: the row’s width, then its traveller cell’s', async () => {
    const bytes = Buffer.concat([Buffer.from('traveller,date,direction\nM'), Buffer.from([0xfc]), Buffer.from('ller,2024-01-01,in,\nM'), Buffer.from([0xfc]), Buffer.from('ller,2024-01-05,out\n')])
    expect(await problemsOf('a.csv', bytes)).toEqual([['M\uFFFDller', ['2 E_CSV_SYNTAX', '2 E_TRAVELLER_ENCODING', '3 E_TRAVELLER_ENCODING']]])
  })

  it('after a quote never closed, a traveller whose rows were all refused is not told rows may be missing', async () => {
    const csv = 'traveller,date,direction\nana,2024-02-30,in\nben,2024-01-01,in\n"cy,2024-01-02,in\ndan,2024-01-03,in\n'
    const told = Object.fromEntries(await problemsOf('c.csv', Buffer.from(csv)))
    expect(told.ana).toEqual(['2 E_DATE_INVALID'])
    expect(told.ben).toEqual(['4 E_CSV_DAMAGED'])
  })

  it('nor is the traveller named by the file, for its rows without a traveller (a file, standard input)', async () => {
    const csv = 'traveller,date,direction\n,2024-01-01,in\n"ana,2024-01-02,in\n'
    const told = await problemsOf('e.csv', Buffer.from(csv))
    expect(told.find(([name]) => name === 'e.csv')?.[1]).toEqual(['2 E_TRAVELLER_MISSING'])
    const stdin = await run(['-', '--batch', '--on', '2024-06-01', '--format', 'jsonl'], { stdin: csv })
    const own = stdin.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { traveller: string; problems?: { line: number; code: string }[] })
      .find((t) => t.traveller === '<stdin>')
    // Standard input is kept as it streams and read again whole after the open quote, as the file is (QA).
    expect(own?.problems?.map((p) => `${p.line} ${p.code}`)).toEqual(['2 E_TRAVELLER_MISSING'])
  })
})

describe('on worker threads', () => {
  const BIN = fileURLToPath(new URL('../bin/stay-calc.cjs', import.meta.url))
  const dir = mkdtempSync(join(tmpdir(), 'stay-calc-bad-rows-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the problems of bad rows are worked out with the run’s --date-format, as on one thread', async () => {
    // Under dd/MM/yyyy, 31/02 is no date and 2024-02-03 is not in the format: problems that name the format.
    const rows = ['traveller,date,direction']
    for (let i = 0; i < 400; i++) rows.push(`T${i % 9},${i % 10 === 3 ? '31/02/2024' : i % 10 === 7 ? '2024-02-03' : `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2023`},${i % 2 === 0 ? 'in' : 'out'}`)
    const { one, many } = await oneAndThreads(dir, 'log.csv', `${rows.join('\n')}\n`, ['--on', '2024-06-01', '--date-format', 'dd/MM/yyyy', '--format', 'jsonl'], 3)
    expect(one.exitCode).toBe(2)
    expect(one.stderr).toContain('dd/MM/yyyy')
    expect(many.stderr).toBe(one.stderr)
    expect(many.stdout).toBe(one.stdout)
    expect(many.status).toBe(2)
  })

  it('`2>&1 | head`: standard error closed with problems still to tell, the run ends, exit 2', async () => {
    // Megabytes of problems: the pipe fills, the run waits for it to drain, and its reader goes.
    const rows = ['traveller,date,direction']
    for (let i = 0; i < 20_000; i++) rows.push(`R${i % 50},2024-02-30,in`)
    const path = join(dir, 'many.csv')
    writeFileSync(path, `${rows.join('\n')}\n`)
    const child = spawn(process.execPath, [BIN, path, '--on', '2024-06-01', '--format', 'jsonl'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } })
    child.stderr.once('data', () => child.stderr.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(2)
  }, 60_000)

  it('rows kept as their problem’s text are told as on one thread', async () => {
    const rows = ['traveller,date,direction']
    for (let i = 0; i < 300; i++) rows.push(`W${i % 7},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 === 0 ? 'in' : 'out'}${i % 3 === 0 ? ',extra' : ''}`)
    const { one, many } = await oneAndThreads(dir, 'wide.csv', `${rows.join('\n')}\n`, ['--on', '2024-06-01', '--format', 'jsonl'], 3)
    expect(one.stderr).toContain('wrong number of fields')
    expect(many.stderr).toBe(one.stderr)
    expect(many.stdout).toBe(one.stdout)
    expect(many.status).toBe(2)
  })
})

/**
 * Mutation-testing gaps in src/batch/bad-rows.ts: the property test's rows stay within the first
 * 4 KB of cells, so the growth of the byte array (a UTF-16 unit can take 3 bytes, a cell can be
 * longer than twice what is there) was never exercised with text beyond ASCII.
 */
describe('the cells of bad rows, past the first 4 KB', () => {
  it('many rows beyond ASCII come back as given (each UTF-16 unit up to 3 bytes)', () => {
    for (const shared of [false, true]) {
      const kept = new BadRows(shared)
      const rows = Array.from({ length: 3000 }, (_, k) => [`日付${k}`, `€${'é'.repeat(k % 7)}`, `😀${k % 13}`] as const)
      for (const [a, b, c] of rows) kept.push(a, b, c)
      for (const [k, cells] of rows.entries()) expect(badRowCells(kept, k)).toEqual(cells)
      const given = structuredClone(kept.cells())
      for (const [k, cells] of rows.entries()) expect(badRowCells(given, k)).toEqual(cells)
    }
  })

  it('a cell longer than twice the bytes kept so far comes back whole', () => {
    const kept = new BadRows()
    kept.push('a', 'b', 'c')
    const long = 'ü'.repeat(20_000)
    kept.push(long, 'x'.repeat(50_000), '')
    kept.push('d', 'e', 'f')
    expect(badRowCells(kept, 1)).toEqual([long, 'x'.repeat(50_000), ''])
    expect(badRowCells(kept, 2)).toEqual(['d', 'e', 'f'])
  })
})

/**
 * Mutation-testing gaps in src/batch/read.ts: with --date-format, every row goes through the
 * parsers of single-traveller mode (FileSink `fast` is off), and a refused row's problems are
 * worked out again with the same format (`parseRow`). The tests' --date-format runs compared one
 * thread against many, both wrong alike, or used crossings files only.
 */
const problemsOf = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { traveller: string; problems?: { line: number; code: string; message: string }[] })
    .map((t) => [t.traveller, (t.problems ?? []).map((p) => `${p.line} ${p.code}`)] as const)

describe('--date-format in a batch', () => {
  it('crossings: a row in YYYY-MM-DD is refused as single-traveller mode refuses it, not read by the fast path', async () => {
    const csv = 'traveller,date,direction\nana,01/02/2024,in\nana,2024-02-03,out\nben,05/02/2024,in\n'
    const r = await run(['log.csv', '--on', '2024-06-01', '--date-format', 'dd/MM/yyyy', '--format', 'jsonl'], { files: { 'log.csv': csv } })
    const single = parseCsv('date,direction\n01/02/2024,in\n2024-02-03,out\n', 'log.csv', { dateFormat: 'dd/MM/yyyy' })
    expect(single.problems.map((p) => p.source.line)).toEqual([3])
    expect(problemsOf(r.stdout)).toEqual([
      ['ana', single.problems.map((p) => `${p.source.line} ${p.code}`)],
      ['ben', []],
    ])
    expect(r.exitCode).toBe(2)
  })

  it('stays: rows in the format are read, and a refused row is told with the format', async () => {
    const csv = 'traveller,entry,exit\nana,01/02/2024,10/02/2024\nana,31/02/2024,\nben,05/03/2024,06/03/2024\n'
    const r = await run(['log.csv', '--on', '2024-06-01', '--date-format', 'dd/MM/yyyy', '--format', 'jsonl'], { files: { 'log.csv': csv } })
    const told = problemsOf(r.stdout)
    expect(told.map(([name, list]) => [name, list.length])).toEqual([
      ['ana', 1],
      ['ben', 0],
    ])
    expect(told[0]![1]).toEqual(['3 E_DATE_INVALID'])
    expect(r.stderr).toContain('dd/MM/yyyy')
  })
})

/**
 * Mutation-testing gap in src/batch/read.ts `addRowProblem`: a row kept as its problem's text
 * (a field too many, no traveller) must mark its file as one not read by ranges (`badFiles`), as a
 * refused row does (`addBadRow`). Only the refused row's case was tested ('a bad row in a later
 * range'); without the mark a range holding such a row counted as clean and its rows were used,
 * their bad row an index into another thread's texts.
 */
const dir = mkdtempSync(join(tmpdir(), 'stay-calc-text-row-'))

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a row kept as its problem’s text in a later range', () => {
  it.each([
    ['a field too many', (i: number) => `N${i % 5},2024-01-${String(1 + (i % 28)).padStart(2, '0')},in,`],
    ['no traveller', (i: number) => `,2024-01-${String(1 + (i % 28)).padStart(2, '0')},in`],
  ])('%s: the file is read again on one thread, messages as one thread gives them', async (_, badRow) => {
    const rows = ['traveller,date,direction']
    for (let i = 0; i < 300; i++) rows.push(i === 250 ? badRow(i) : `N${i % 5},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 === 0 ? 'in' : 'out'}`)
    const { one, many } = await oneAndThreads(dir, 'wide-later.csv', `${rows.join('\n')}\n`, ['--on', '2024-06-01', '--format', 'jsonl'], 4, { DEBUG: 'stay-calc' })
    const debug = many.stderr.split('\n').filter((l) => l.startsWith('stay-calc: debug: '))
    const stderr = many.stderr
      .split('\n')
      .filter((l) => !l.startsWith('stay-calc: debug: '))
      .join('\n')
    expect(one.exitCode).toBe(2)
    expect(many.stdout).toBe(one.stdout)
    expect(stderr).toBe(one.stderr)
    expect(many.status).toBe(2)
    expect(debug).toContain(`stay-calc: debug: ${join(dir, 'wide-later.csv')}: a range did not read cleanly, read again on one thread`)
  })
})

/**
 * Mutation-testing gap in src/batch/run.ts: problems are told on stderr in pieces of about 64 KB,
 * waiting for stderr to drain after each (a million problems piped held 1.5 GB). The `2>&1 | head`
 * test checks only the exit code, so dropping the wait went unnoticed.
 */
/**
 * `io` whose stderr waits a moment to drain after each piece, failing a test that writes meanwhile;
 * `drains`: how many pieces were written at each wait.
 */
function watchedStderr({ io, err }: ReturnType<typeof fakeIo>) {
  let waiting = false
  const drains: number[] = []
  const watched = {
    ...io,
    stderr: (text: string) => {
      expect(waiting, 'written to stderr while waiting for it to drain').toBe(false)
      io.stderr(text)
    },
    drainStderr: async () => {
      drains.push(err.length)
      waiting = true
      await new Promise<void>((resolve) => setTimeout(resolve, 1))
      waiting = false
    },
  }
  return { watched, err, drains }
}

describe('problems told on stderr', () => {
  it('wait for stderr to drain after each piece: nothing more is written while a wait is on', async () => {
    const rows = ['traveller,date,direction']
    // About 20,000 problems of some 60 bytes each: megabytes, so many pieces.
    for (let i = 0; i < 20_000; i++) rows.push(`R${i % 50},2024-02-30,in`)
    const { watched, err, drains } = watchedStderr(fakeIo({ files: { 'many.csv': `${rows.join('\n')}\n` }, chunkSize: 1 << 16 }))
    const code = await main(['many.csv', '--on', '2024-06-01', '--format', 'jsonl'], watched)
    expect(code).toBe(2)
    const told = err.join('')
    expect(told).toContain('20000 problems in the input of 50 of 50 travellers')
    // One wait after each piece of the problems (the heading's piece the first).
    const first = err.findIndex((t) => t.startsWith('stay-calc: 20000 problems'))
    expect(err.length - first).toBeGreaterThan(10)
    expect(drains).toEqual(Array.from({ length: err.length - first }, (_, k) => first + k + 1))
  })
})

/**
 * An InputError's message (a library caller may print it) lists the first 100 problems and says
 * how many more there are; `problems` keeps them all (mutation-testing gap).
 */
describe('InputError message', () => {
  const problem = (line: number) => ({ source: { file: 'a.csv', line }, code: 'E_DATE_INVALID', message: `bad ${line}` })
  const lines = (n: number) => new InputError(Array.from({ length: n }, (_, i) => problem(i + 2))).message.split('\n')
  it.each([
    [100, 100, undefined],
    [101, 101, '… and 1 more problem'],
    [150, 101, '… and 50 more problems'],
  ])('%i problems: %i lines, the last %s', (n, count, last) => {
    const message = lines(n)
    expect(message).toHaveLength(count)
    expect(message[0]).toBe('a.csv:2: bad 2')
    if (last !== undefined) expect(message.at(-1)).toBe(last)
    else expect(message.at(-1)).toBe('a.csv:101: bad 101')
    expect(new InputError(Array.from({ length: n }, (_, i) => problem(i + 2))).problems).toHaveLength(n)
  })
})

/**
 * Single-traveller mode writes its problems a piece at a time too (QA: two million problems made one
 * string past V8's longest, exit 70), waiting for stderr after each (mutation-testing gap).
 */
describe('problems of one traveller told on stderr', () => {
  it('a piece at a time, waiting for stderr to drain after each', async () => {
    const rows = ['entry,exit']
    for (let i = 0; i < 3000; i++) rows.push('2024-02-30,2024-03-01')
    const { watched, err, drains } = watchedStderr(fakeIo({ files: { 'one.csv': `${rows.join('\n')}\n` } }))
    expect(await main(['one.csv', '--on', '2024-06-01'], watched)).toBe(2)
    expect(err[0]).toMatch(/^stay-calc: 3000 problems in the input\n {2}one\.csv:2: invalid entry date "2024-02-30"\n/)
    expect(err.length).toBeGreaterThan(3)
    for (const piece of err.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(1 << 16)
    expect(drains).toEqual(err.map((_, k) => k + 1))
  })
})

/**
 * Mutation-testing gap in src/parse/stream.ts: the problem of a row with the wrong number of
 * fields is made once per width and shared (`widthText`); no test had rows of two different wrong
 * widths, so a memo never made again (every row told the first width's count) went unnoticed.
 */
describe('rows with the wrong number of fields', () => {
  it('each is told its own count, whatever the width of the rows before it', async () => {
    const csv = 'traveller,date,direction\nana,2024-01-01,in,x\nana,2024-01-05,out,x,y\nana,2024-01-07,in,x\nben,2024-01-02\n'
    const r = await run(['log.csv', '--on', '2024-06-01', '--format', 'jsonl'], { files: { 'log.csv': csv }, chunkSize: 1 << 16 })
    expect(r.exitCode).toBe(2)
    const told = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { traveller: string; problems?: { line: number; detail: string }[] })
      .flatMap((t) => (t.problems ?? []).map((p) => `${t.traveller} ${p.line}: ${p.detail}`))
    expect(told).toEqual([
      'ana 2: found 4 fields, the header has 3',
      'ana 3: found 5 fields, the header has 3',
      'ana 4: found 4 fields, the header has 3',
      'ben 5: found 2 fields, the header has 3',
    ])
  })
})

/**
 * Mutation-testing gaps in src/parse/without-stacks.ts: nothing checked that no stack is taken
 * meanwhile, nor that the limit is put back afterwards (without it, every later error, an internal
 * one shown with DEBUG=stay-calc included, would have no stack).
 */
describe('withoutStacks', () => {
  it('takes no stack for errors made meanwhile, and puts the limit back, also when the work throws', () => {
    const before = Error.stackTraceLimit
    const stack = withoutStacks(() => new Error('x').stack ?? '')
    expect(stack).not.toMatch(/\n\s+at /)
    expect(Error.stackTraceLimit).toBe(before)
    expect(() =>
      withoutStacks(() => {
        throw new Error('y')
      }),
    ).toThrow('y')
    expect(Error.stackTraceLimit).toBe(before)
    expect(new Error('z').stack).toMatch(/\n\s+at /)
  })

  it('a batch with rows of the wrong width leaves stacks as they were', async () => {
    const before = Error.stackTraceLimit
    const r = await run(['wide.csv', '--on', '2024-06-01', '--format', 'jsonl'], { files: { 'wide.csv': 'traveller,date,direction\nana,2024-01-01,in,\nana,2024-01-05,out,\n' } })
    expect(r.exitCode).toBe(2)
    expect(Error.stackTraceLimit).toBe(before)
    expect(new Error('z').stack).toMatch(/\n\s+at /)
  })
})
