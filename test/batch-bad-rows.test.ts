/**
 * Rows the parsers refuse are kept as their cells (src/batch/bad-rows.ts), not as messages, and
 * their problems worked out again when their traveller is evaluated: a million of them took
 * 2.3 GB kept as messages. The cells must come back as they were given, the problems must be
 * those the row gave when read (single-traveller mode's, test/batch.property.test.ts), on every
 * thread, with the --date-format the run was given.
 */
import { spawnSync } from 'node:child_process'
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

describe('the cells of bad rows', () => {
  test.prop([fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' })), { maxLength: 300 })])(
    'come back as they were given, however many and however long',
    (rows) => {
      const kept = new BadRows()
      const at = rows.map(([a, b, c]) => kept.push(a, b, c))
      expect(at).toEqual(rows.map((_, k) => k))
      for (const [k, cells] of rows.entries()) expect(badRowCells(kept, k)).toEqual(cells)
      // and as a worker thread is given them
      const copy = kept.cells()
      for (const [k, cells] of rows.entries()) expect(badRowCells(copy, k)).toEqual(cells)
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
    const { start, order } = input.store.byTraveller(input.names.length)
    const settings = { rules: [requireRule('schengen')], on: day('2024-06-01') }
    for (let id = 0; id < input.names.length; id++) {
      const result = evaluateTraveller(id, input, order.subarray(start[id]!, start[id + 1]!), settings)
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

describe('on worker threads', () => {
  const BIN = fileURLToPath(new URL('../bin/stay-calc.cjs', import.meta.url))
  const dir = mkdtempSync(join(tmpdir(), 'stay-calc-bad-rows-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the problems of bad rows are worked out with the run’s --date-format, as on one thread', async () => {
    // Under dd/MM/yyyy, 31/02 is no date and 2024-02-03 is not in the format: problems that name the format.
    const rows = ['traveller,date,direction']
    for (let i = 0; i < 400; i++) rows.push(`T${i % 9},${i % 10 === 3 ? '31/02/2024' : i % 10 === 7 ? '2024-02-03' : `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2023`},${i % 2 === 0 ? 'in' : 'out'}`)
    const path = join(dir, 'log.csv')
    const csv = `${rows.join('\n')}\n`
    writeFileSync(path, csv)
    const args = [path, '--on', '2024-06-01', '--date-format', 'dd/MM/yyyy', '--format', 'jsonl']
    const one = await run(args, { files: { [path]: csv } })
    const many = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1', STAY_CALC_PARALLEL_FROM: '0', STAY_CALC_THREADS: '3' },
    })
    expect(one.exitCode).toBe(2)
    expect(one.stderr).toContain('dd/MM/yyyy')
    expect(many.stderr).toBe(one.stderr)
    expect(many.stdout).toBe(one.stdout)
    expect(many.status).toBe(2)
  })

  it('rows kept as their problem’s text are told as on one thread', async () => {
    const rows = ['traveller,date,direction']
    for (let i = 0; i < 300; i++) rows.push(`W${i % 7},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 === 0 ? 'in' : 'out'}${i % 3 === 0 ? ',extra' : ''}`)
    const path = join(dir, 'wide.csv')
    const csv = `${rows.join('\n')}\n`
    writeFileSync(path, csv)
    const args = [path, '--on', '2024-06-01', '--format', 'jsonl']
    const one = await run(args, { files: { [path]: csv } })
    const many = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1', STAY_CALC_PARALLEL_FROM: '0', STAY_CALC_THREADS: '3' },
    })
    expect(one.stderr).toContain('wrong number of fields')
    expect(many.stderr).toBe(one.stderr)
    expect(many.stdout).toBe(one.stdout)
    expect(many.status).toBe(2)
  })
})
