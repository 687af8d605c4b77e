/**
 * Batch mode on several threads (src/batch/parallel.ts) writes what one thread writes, byte for
 * byte: the built CLI is run with worker threads forced on for any size (STAY_CALC_PARALLEL_FROM=0)
 * and compared with the same run in-process on one thread. Files are mangled the ways real
 * exports are (CR LF and CR line breaks, a BOM, comment and blank lines, quoted names, a line
 * break inside a quoted value, bad rows), which must either read the same by ranges or fall back
 * to one thread; DEBUG=stay-calc says which, and the clean cases must have used ranges.
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fc, test } from '@fast-check/vitest'
import { afterAll, describe, expect, it } from 'vitest'
import { BATCH_FORMATS } from '../src/render/batch.js'
import { run } from './helpers/io.js'

const BIN = fileURLToPath(new URL('../bin/stay-calc.cjs', import.meta.url))
const ON = '2024-06-01'
const dir = mkdtempSync(join(tmpdir(), 'stay-calc-parallel-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function onThreads(args: readonly string[], threads = 4) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    // The default of 1 MiB would cut a bigger output short.
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: '1', CI: '1', DEBUG: 'stay-calc', STAY_CALC_PARALLEL_FROM: '0', STAY_CALC_THREADS: String(threads) },
  })
  const debug = r.stderr.split('\n').filter((l) => l.startsWith('stay-calc: debug: '))
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('stay-calc: debug: '))
    .join('\n')
  return { exitCode: r.status, stdout: r.stdout, stderr, debug }
}

/** The same files on disk (for the CLI) and in memory (for the in-process run). */
function writeFiles(files: Record<string, string>): Record<string, string> {
  const paths: Record<string, string> = {}
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name)
    writeFileSync(path, text)
    paths[path] = text
  }
  return paths
}

async function compare(files: Record<string, string>, extra: readonly string[] = []) {
  const paths = writeFiles(files)
  const args = [...Object.keys(paths), '--on', ON, ...extra]
  const one = await run(args, { files: paths })
  const many = onThreads(args)
  expect(many.stdout).toBe(one.stdout)
  expect(many.stderr).toBe(one.stderr)
  expect(many.exitCode).toBe(one.exitCode)
  return many.debug
}

// zoë twice: as one character and as e + U+0308 (one traveller, NFC), which ranges must merge alike.
const NAMES = ['ann', 'bo', 'Li, Wei', 'zo\u00eb', '=cmd', 'P00017', 'x', 'zoe\u0308']
const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 864e5).toISOString().slice(0, 10)

const row = fc.record({
  who: fc.integer({ min: 0, max: NAMES.length - 1 }),
  date: fc.integer({ min: 0, max: 520 }),
  direction: fc.constantFrom('in', 'out', 'in', 'out', 'entry', 'Exit'),
  // Rare rows that must send the file back to one thread, or be read the same by ranges.
  oddity: fc.oneof(
    { weight: 30, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom('bad date' as const, 'short row' as const, 'quoted break' as const, 'blank' as const, 'comment' as const, 'name only' as const) },
  ),
  eol: fc.oneof({ weight: 8, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r') }),
})

const cell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text)

function logOf(rows: readonly RowValue[], bom: boolean, eol: string): string {
  let text = `${bom ? '\uFEFF' : ''}# border log${eol}traveller,date,direction${eol}`
  for (const r of rows) {
    const name = cell(NAMES[r.who]!)
    if (r.oddity === 'blank') text += r.eol
    else if (r.oddity === 'comment') text += `# checked${r.eol}`
    if (r.oddity === 'bad date') text += `${name},2024-02-30,in${r.eol}`
    else if (r.oddity === 'short row') text += `${name},${day(r.date)}${r.eol}`
    else if (r.oddity === 'name only') text += `${name},,${r.eol}`
    else if (r.oddity === 'quoted break') text += `"${NAMES[r.who]}\nsecond line",${day(r.date)},${r.direction}${r.eol}`
    else text += `${name},${day(r.date)},${r.direction}${r.eol}`
  }
  return text
}

type RowValue = typeof row extends fc.Arbitrary<infer T> ? T : never

describe('batch on several threads = batch on one', () => {
  test.prop([fc.array(row, { minLength: 1, maxLength: 60 }), fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), fc.constantFrom(...BATCH_FORMATS)], { numRuns: 25 })(
    'any mangled log, any format: same stdout, stderr and exit code',
    async (rows, bom, eol, format) => {
      await compare({ 'log.csv': logOf(rows, bom, eol) }, ['--format', format])
    },
  )

  it('a file of its own read by ranges stays its own traveller beside a cell that spells its path', async () => {
    const ownPath = join(dir, 'own.csv')
    const own = ['date,direction', ...Array.from({ length: 300 }, (_, i) => `${day(2 * i)},${i % 2 === 0 ? 'in' : 'out'}`)].join('\n')
    // The cells spell own.csv's path as the command line gives it: still another traveller (3 days).
    const named = `traveller,date,direction\n${ownPath},2023-01-01,in\n${ownPath},2023-01-03,out\n`
    const debug = await compare({ 'own.csv': `${own}\n`, 'named.csv': named }, ['--format', 'jsonl'])
    expect(debug).toContain(`stay-calc: debug: ${ownPath}: read in 4 ranges on 4 threads`)
    const many = onThreads([ownPath, join(dir, 'named.csv'), '--on', ON, '--format', 'jsonl'])
    const out = many.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { traveller: string; stays: { days: number }[] })
    expect(out.map((t) => [t.traveller, t.stays.length])).toEqual([
      [ownPath, 150],
      [ownPath, 1],
    ])
    expect(out[1]!.stays[0]!.days).toBe(3)
  })

  it('JUnit past 10,000 travellers: the same suites on several threads as on one (a chunk of cases is taken apart)', async () => {
    const rows = Array.from({ length: 10_050 }, (_, i) => `t${i},${day(i % 400)},${day((i % 400) + (i % 7 === 0 ? 120 : 3))}`)
    await compare({ 'many.csv': `traveller,entry,exit\n${rows.join('\n')}\n` }, ['--format', 'junit'])
  })

  it('a bad row in a later range: the file is read again on one thread, messages as one thread gives them', async () => {
    const rows: RowValue[] = Array.from({ length: 300 }, (_, i) => ({ who: i % NAMES.length, date: i, direction: i % 2 === 0 ? 'in' : 'out', oddity: i === 250 ? 'bad date' : 'none', eol: '\n' }))
    const debug = await compare({ 'bad.csv': logOf(rows, false, '\n') }, ['--format', 'github'])
    expect(debug).toContain(`stay-calc: debug: ${join(dir, 'bad.csv')}: a range did not read cleanly, read again on one thread`)
  })

  it('a clean log is read by ranges and evaluated in chunks on every thread, with the lines of the whole file', async () => {
    const rows: RowValue[] = Array.from({ length: 400 }, (_, i) => ({ who: i % NAMES.length, date: (i * 7) % 500, direction: i % 3 === 0 ? 'out' : 'in', oddity: 'none', eol: i % 5 === 0 ? '\r\n' : '\n' }))
    // Overlapping stays: a problem per traveller, whose line numbers come from the later ranges.
    const debug = await compare({ 'clean.csv': logOf(rows, true, '\r\n') }, ['--format', 'jsonl'])
    expect(debug).toContain(`stay-calc: debug: ${join(dir, 'clean.csv')}: read in 4 ranges on 4 threads`)
    expect(debug.some((l) => /travellers evaluated in \d+ chunks on 4 threads/.test(l))).toBe(true)
    // When each step ended, in the order they run, as ms since the process started.
    const steps = [`${join(dir, 'clean.csv')}: this thread's range read by (\\d+) ms, the others' by (\\d+) ms, joined by (\\d+) ms`, 'input read by (\\d+) ms', 'rows grouped by traveller by (\\d+) ms', 'travellers evaluated and written by (\\d+) ms']
    const times = steps.flatMap((step) => {
      const found = debug.map((l) => new RegExp(`^stay-calc: debug: ${step}$`).exec(l)).find((m) => m !== null)
      expect(found, step).toBeDefined()
      return found!.slice(1).map(Number)
    })
    expect(times.slice(1)).toEqual([...times.slice(1)].sort((a, b) => a - b))
  })

  it('a line break inside quotes where a range would start: read again on one thread, same answer', async () => {
    const lines = ['traveller,date,direction']
    for (let i = 0; i < 200; i++) lines.push(i % 50 === 25 ? `"a\n${'b\n'.repeat(40)}c",${day(i)},in` : `t${i % 9},${day(i)},${i % 2 === 0 ? 'in' : 'out'}`)
    const debug = await compare({ 'quoted.csv': `${lines.join('\n')}\n` }, ['--format', 'csv'])
    expect(debug.join('\n')).toMatch(/did not read cleanly, read again on one thread|read in \d ranges/)
  })

  it('--date-format (luxon on the workers), --group-by, semicolons, CR LF: read by ranges, same answer', async () => {
    const lines = ['person;date;direction']
    for (let i = 0; i < 300; i++) {
      const [y, m, d] = day(i * 3).split('-')
      lines.push(`p${i % 17};${d}.${m}.${y};${i % 2 === 0 ? 'in' : 'out'}`)
    }
    const debug = await compare({ 'dotted.csv': `${lines.join('\r\n')}\r\n` }, ['--date-format', 'dd.MM.yyyy', '--group-by', 'person', '--format', 'csv'])
    expect(debug).toContain(`stay-calc: debug: ${join(dir, 'dotted.csv')}: read in 4 ranges on 4 threads`)
  })

  it('a header line ending in CR, then a range starting with a blank line (LF): the same line numbers', async () => {
    const text = '# border log\rtraveller,date,direction\rann,2023-01-01,in\n\nann,2023-01-01,in\nann,2023-01-01,in\nann,2023-01-01,Exit\n'
    const debug = await compare({ 'mixed.csv': text }, ['--format', 'text'])
    expect(debug).toContain(`stay-calc: debug: ${join(dir, 'mixed.csv')}: read in 4 ranges on 4 threads`)
  })

  it('old Mac line breaks (CR only): read by ranges, same answer', async () => {
    const rows: RowValue[] = Array.from({ length: 300 }, (_, i) => ({ who: i % NAMES.length, date: i, direction: i % 2 === 0 ? 'in' : 'out', oddity: 'none', eol: '\r' }))
    const debug = await compare({ 'mac.csv': logOf(rows, false, '\r') }, ['--format', 'jsonl'])
    expect(debug).toContain(`stay-calc: debug: ${join(dir, 'mac.csv')}: read in 4 ranges on 4 threads`)
  })

  it('a Latin-1 name in a later range (not UTF-8): read again on one thread, each of its rows a problem', async () => {
    const lines = ['traveller,date,direction']
    for (let i = 0; i < 300; i++) lines.push(`${i === 260 ? 'M\xfcller' : `t${i % 9}`},${day(i)},${i % 2 === 0 ? 'in' : 'out'}`)
    const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1')
    const path = join(dir, 'latin1.csv')
    writeFileSync(path, bytes)
    const args = [path, '--on', ON, '--format', 'jsonl']
    const one = await run(args, { files: { [path]: bytes.toString('utf8') } })
    const many = onThreads(args)
    expect(many.stdout).toBe(one.stdout)
    expect(many.stderr).toBe(one.stderr)
    expect(many.exitCode).toBe(2)
    expect(many.debug).toContain(`stay-calc: debug: ${path}: a range did not read cleanly, read again on one thread`)
    expect(many.stderr).toContain(`  M\uFFFDller:\n    ${path}:262: traveller "M\uFFFDller" is not UTF-8 text\n`)
  })

  it('a header that cannot be used (a country column): read on one thread, each traveller its rows name told', async () => {
    const lines = ['traveller,date,direction,country']
    for (let i = 0; i < 300; i++) lines.push(`t${i % 9},${day(i)},${i % 2 === 0 ? 'in' : 'out'},DE`)
    const debug = await compare({ 'countries.csv': `${lines.join('\n')}\n` }, ['--format', 'csv'])
    expect(debug).toContain(`stay-calc: debug: ${join(dir, 'countries.csv')}: a range did not read cleanly, read again on one thread`)
  })

  it('several files, one without a traveller column (--batch): same answer', async () => {
    const big = logOf(
      Array.from({ length: 120 }, (_, i) => ({ who: i % 5, date: i * 3, direction: i % 2 === 0 ? 'in' : 'out', oddity: 'none' as const, eol: '\n' })),
      false,
      '\n',
    )
    await compare({ 'a.csv': big, 'b.csv': 'entry,exit\n2024-01-01,2024-02-01\n2024-03-01,\n' }, ['--batch', '--format', 'text'])
  })
})

describe('a pipe among the files', () => {
  it('`stay-calc big.csv <(cmd)`: the pipe is streamed once, never read ahead, same answer as one thread', () => {
    const lines = ['traveller,date,direction']
    for (let i = 0; i < 300; i++) lines.push(`p${i % 40},${day(i)},${i % 2 === 0 ? 'in' : 'out'}`)
    const [path] = Object.keys(writeFiles({ 'piped.csv': `${lines.join('\n')}\n` }))
    const command = `"${process.execPath}" "${BIN}" "${path}" <(sed 's/^p/q/' "${path}") --on ${ON} --format csv`
    const go = (threads: string) =>
      spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, CI: '1', STAY_CALC_PARALLEL_FROM: '0', STAY_CALC_THREADS: threads } })
    const one = go('1')
    const many = go('3')
    expect(one.stdout.split('\n').filter((l) => l.startsWith('q')).length).toBe(40)
    expect(many.stdout.replace(/\/dev\/fd\/\d+/g, 'FD')).toBe(one.stdout.replace(/\/dev\/fd\/\d+/g, 'FD'))
    expect(many.status).toBe(one.status)
  })
})

describe('standard output failing', () => {
  it.runIf(existsSync('/dev/full'))('a full disk: a one-line message, exit 2, no stack', () => {
    const out = openSync('/dev/full', 'w')
    const r = spawnSync(process.execPath, [BIN, 'examples/kazakhstan.csv', '--rule', 'kz', '--on', '2023-06-01'], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' })
    closeSync(out)
    expect(r.stderr).toBe('stay-calc: cannot write the output: no space left on device (ENOSPC)\n')
    expect(r.status).toBe(2)
  })

  it('`stay-calc … | head -1`: no error, the run still ends with its own exit code', async () => {
    const lines = ['traveller,entry,exit']
    for (let i = 0; i < 30_000; i++) lines.push(`p${i},2024-01-01,2024-05-01`)
    const [path] = Object.keys(writeFiles({ 'many.csv': `${lines.join('\n')}\n` }))
    const child = spawn(process.execPath, [BIN, path!, '--on', ON, '--format', 'jsonl'], { env: { ...process.env, CI: '1' } })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    // Every traveller overstays (121 days): exit 1, as if the whole output had been read.
    expect(code).toBe(1)
  })

  it('sixteen threads writing to a pipe: nothing on stderr (no listener-leak warning from Node)', async () => {
    const lines = ['traveller,date,direction']
    for (let i = 0; i < 3000; i++) lines.push(`p${i % 300},${day(2 * Math.floor(i / 300))},${Math.floor(i / 300) % 2 === 0 ? 'in' : 'out'}`)
    const [path] = Object.keys(writeFiles({ 'piped.csv': `${lines.join('\n')}\n` }))
    for (const format of ['csv', 'jsonl']) {
      // stdout is a pipe (Node's warning came only then): read through `cat`.
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" "${path}" --on ${ON} --format ${format} | cat > /dev/null`], {
        encoding: 'utf8',
        env: { ...process.env, CI: '1', DEBUG: '', STAY_CALC_PARALLEL_FROM: '0', STAY_CALC_THREADS: '16' },
      })
      expect(r.stderr, format).toBe('')
      expect(r.status).toBe(0)
    }
  })
})
