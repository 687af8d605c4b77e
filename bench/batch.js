// Batch speed and memory (issue 5): `stay-calc FILE --format jsonl` over a seeded border-crossing
// log of 10k, 100k and 1M rows (10 crossings per traveller, rows in date order so each traveller's
// rows are scattered), against csv-parse alone streaming the same file. All are whole processes,
// run interleaved so machine noise hits them alike; medians, with the peak RSS of each process.
// stay-calc runs as users run it (files of 4 MB and more shared among the machine's threads,
// src/batch/parallel.ts) and, for comparison, on one thread (STAY_CALC_THREADS=1).
// Targets: ours ≤ 1.5× csv-parse alone; peak RSS ≤ 400 MB; time growing linearly with rows.
// Then, for the 1M file, where the time goes (in-process, one run each).
// Needs dist/ (`npm run build`); the files are written once to bench/.data/ (gitignored).
import { spawn, spawnSync } from 'node:child_process'
import { Buffer } from 'node:buffer'
import { closeSync, createReadStream, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { BENCH_ON, ensureCrossingsFile } from './gen-crossings.js'
import { mulberry32 } from './gen.js'

const SIZES = [
  { rows: 10_000, travellers: 1_000, runs: 7 },
  { rows: 100_000, travellers: 10_000, runs: 5 },
  { rows: 1_000_000, travellers: 100_000, runs: Number(process.env.BENCH_RUNS ?? 3) },
]
const TARGET_RATIO = 1.5
const TARGET_RSS_MB = 400

// csv-parse alone: the fastest plain use of its streaming API, counting records.
const CSV_PARSE_ALONE = `
import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
let n = 0
const parser = createReadStream(process.argv[1]).pipe(parse())
parser.on('data', () => { n++ })
parser.on('end', () => { if (n === 0) process.exitCode = 3 })
`

const devNull = openSync('/dev/null', 'w')

function run(args, env = {}) {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--import', './bench/_rss.js', ...args], { stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } })
  const ms = performance.now() - t
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: node ${args.join(' ')}\n${r.stderr}`)
  const rss = Number(/\[bench\] maxRSS (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN) / 1024
  return { ms, rss }
}

/**
 * `run` for a run that ends with exit 2 (input problems), its stderr to a file as a user would keep
 * it (`2> problems.txt`), then read for the RSS line at its end.
 */
function runQuiet(args) {
  const errFile = 'bench/.data/stderr.txt'
  const err = openSync(errFile, 'w')
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--import', './bench/_rss.js', ...args], { stdio: ['ignore', devNull, err] })
  const ms = performance.now() - t
  closeSync(err)
  if (r.status !== 2) throw new Error(`exit ${r.status} (expected 2): node ${args.join(' ')}`)
  const fd = openSync(errFile, 'r')
  const size = fstatSync(fd).size
  const tail = Buffer.alloc(Math.min(200, size))
  readSync(fd, tail, 0, tail.length, size - tail.length)
  closeSync(fd)
  const rss = Number(/\[bench\] maxRSS (\d+)/.exec(tail.toString('utf8'))?.[1] ?? Number.NaN) / 1024
  return { ms, rss, stderrMb: size / 1e6 }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (n, digits = 0) => n.toFixed(digits).padStart(8)

const ONE = { STAY_CALC_THREADS: '1' }
console.log(`batch: stay-calc FILE --format jsonl --on ${BENCH_ON} > /dev/null, vs csv-parse alone (whole processes, medians; ${availableParallelism()} threads available)`)
console.log(`  ${'rows'.padStart(9)} ${'travellers'.padStart(10)} ${'csv-parse'.padStart(11)} ${'stay-calc'.padStart(11)} ${'ratio'.padStart(7)} ${'µs/row'.padStart(8)} ${'RSS csv-parse'.padStart(14)} ${'RSS stay-calc'.padStart(14)} ${'one thread'.padStart(11)} ${'ratio'.padStart(7)}`)
const results = []
for (const size of SIZES) {
  const file = await ensureCrossingsFile(size)
  const ours = ['bin/stay-calc.cjs', file, '--format', 'jsonl', '--on', BENCH_ON]
  const base = ['--input-type=module', '-e', CSV_PARSE_ALONE, file]
  run(ours)
  run(base)
  const o = []
  const b = []
  const one = []
  for (let i = 0; i < size.runs; i++) {
    o.push(run(ours))
    b.push(run(base))
    one.push(run(ours, ONE))
  }
  const r = {
    ...size,
    ours: median(o.map((x) => x.ms)),
    base: median(b.map((x) => x.ms)),
    oursRss: Math.max(...o.map((x) => x.rss)),
    baseRss: Math.max(...b.map((x) => x.rss)),
    one: median(one.map((x) => x.ms)),
  }
  results.push(r)
  console.log(
    `  ${String(r.rows).padStart(9)} ${String(r.travellers).padStart(10)} ${fmt(r.base)} ms ${fmt(r.ours)} ms ${fmt(r.ours / r.base, 2)}× ${fmt((r.ours * 1000) / r.rows, 2)} ${fmt(r.baseRss)} MB ${fmt(r.oursRss)} MB ${fmt(r.one)} ms ${fmt(r.one / r.base, 2)}×`,
  )
}
const big = results.at(-1)
const mid = results.at(-2)
console.log(`  target ratio ≤ ${TARGET_RATIO} at 1M rows: ${big.ours / big.base <= TARGET_RATIO ? 'met' : 'MISSED'} (${(big.ours / big.base).toFixed(2)}×)`)
console.log(`  target peak RSS ≤ ${TARGET_RSS_MB} MB at 1M rows: ${big.oursRss <= TARGET_RSS_MB ? 'met' : 'MISSED'} (${big.oursRss.toFixed(0)} MB)`)
const small = results[0]
const marginal = (a, b) => ((b.ours - a.ours) * 1000) / (b.rows - a.rows)
console.log(
  `  growth: each row beyond the first 10k costs ${marginal(small, mid).toFixed(2)} µs up to 100k, ${marginal(mid, big).toFixed(2)} µs up to 1M (linear: no rise; start-up and JIT warm-up weigh on small files)`,
)

// The JSON contract is most of the output work: the same 1M rows as the default table and as CSV.
{
  const file = await ensureCrossingsFile(SIZES.at(-1))
  for (const format of ['text', 'csv']) {
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(run(['bin/stay-calc.cjs', file, '--format', format, '--on', BENCH_ON]))
    const ms = median(runs.map((x) => x.ms))
    console.log(`  same 1M rows, --format ${format}: ${ms.toFixed(0)} ms (${(ms / big.base).toFixed(2)}× csv-parse alone), peak RSS ${Math.max(...runs.map((x) => x.rss)).toFixed(0)} MB`)
  }
}

// Bad input at scale: every problem is told (stderr and the output), but memory must stay bounded
// (src/batch/bad-rows.ts). The same 1M rows with each date day/month/year and no --date-format
// (every row refused), and with a trailing comma on each row (one field too many). One run each.
{
  const file = await ensureCrossingsFile(SIZES.at(-1))
  const variants = [
    ['dates dd/MM/yyyy without --date-format', '-dmy', (line) => line.replace(/,(\d{4})-(\d{2})-(\d{2}),/, ',$3/$2/$1,')],
    ['a trailing comma on every row', '-comma', (line) => `${line},`],
  ]
  for (const [what, suffix, change] of variants) {
    const bad = file.replace(/\.csv$/, `${suffix}.csv`)
    if (!existsSync(bad)) {
      const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')
      writeFileSync(bad, `${[header, ...lines.map(change)].join('\n')}\n`)
    }
    const r = runQuiet(['bin/stay-calc.cjs', bad, '--format', 'jsonl', '--on', BENCH_ON])
    console.log(`  same 1M rows, ${what}: ${r.ms.toFixed(0)} ms, peak RSS ${r.rss.toFixed(0)} MB (every row a problem: ${r.stderrMb.toFixed(0)} MB on stderr, to a file; exit 2)`)
  }
}

// What the machine allows: the same 1M rows cut by traveller into two files (even and odd
// numbers), each run by its own stay-calc process on one thread, both at once. No reading of the
// other's rows, no grouping, no hand-over: the best any split of this work over two threads can
// do with the same per-row costs. Ours above against this is the efficiency of the threads.
{
  const file = await ensureCrossingsFile(SIZES.at(-1))
  const halves = await travellerHalves(file)
  const both = (format) => {
    const t = performance.now()
    const codes = halves.map((half) =>
      spawn(process.execPath, ['bin/stay-calc.cjs', half, '--format', format, '--on', BENCH_ON], { stdio: ['ignore', devNull, 'ignore'], env: { ...process.env, ...ONE } }),
    ).map((child) => new Promise((resolve) => child.on('exit', resolve)))
    return Promise.all(codes).then(() => performance.now() - t)
  }
  const parts = []
  for (const format of ['jsonl', 'csv']) {
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await both(format))
    const ms = median(runs)
    parts.push(`--format ${format} ${ms.toFixed(0)} ms (${(ms / big.base).toFixed(2)}×)`)
  }
  console.log(`  two processes at once, one thread each, on the 1M rows cut by traveller into halves: ${parts.join(', ')}`)
}

// A folder of itineraries, one traveller a file (issue 5: "a folder's worth"): 10,000 files of
// five stays each, against csv-parse alone streaming the same files one after another.
{
  const folder = 'bench/.data/folder-10000'
  if (!existsSync(`${folder}/p09999.csv`)) {
    mkdirSync(folder, { recursive: true })
    const rand = mulberry32(7)
    const iso = (d) => new Date(Date.UTC(2023, 0, 1) + d * 864e5).toISOString().slice(0, 10)
    for (let i = 0; i < 10_000; i++) {
      let d = Math.floor(rand() * 60)
      const rows = ['entry,exit']
      for (let k = 0; k < 5; k++) {
        const length = 1 + Math.floor(rand() * 25)
        rows.push(`${iso(d)},${iso(d + length - 1)}`)
        d += length + 20 + Math.floor(rand() * 60)
      }
      writeFileSync(`${folder}/p${String(i).padStart(5, '0')}.csv`, `${rows.join('\n')}\n`)
    }
  }
  const EACH_FILE = `
import { createReadStream, readdirSync } from 'node:fs'
import { parse } from 'csv-parse'
let n = 0
for (const name of readdirSync(process.argv[1]).sort()) {
  await new Promise((resolve, reject) => {
    const p = createReadStream(process.argv[1] + '/' + name).pipe(parse())
    p.on('data', () => { n++ })
    p.on('end', resolve)
    p.on('error', reject)
  })
}
if (n === 0) process.exitCode = 3
`
  const runs = { base: [], jsonl: [], text: [] }
  for (let i = 0; i < 3; i++) {
    runs.base.push(run(['--input-type=module', '-e', EACH_FILE, folder]))
    runs.jsonl.push(run(['bin/stay-calc.cjs', `${folder}/`, '--format', 'jsonl', '--on', BENCH_ON]))
    runs.text.push(run(['bin/stay-calc.cjs', `${folder}/`, '--on', BENCH_ON]))
  }
  const base = median(runs.base.map((x) => x.ms))
  const [jsonl, text] = [runs.jsonl, runs.text].map((r) => median(r.map((x) => x.ms)))
  console.log(
    `  a folder of 10,000 files (one traveller each, five stays): csv-parse alone over them one by one ${base.toFixed(0)} ms; --format jsonl ${jsonl.toFixed(0)} ms (${(jsonl / base).toFixed(2)}×), the table ${text.toFixed(0)} ms (${(text / base).toFixed(2)}×), peak RSS ${Math.max(...runs.text.map((x) => x.rss), ...runs.jsonl.map((x) => x.rss)).toFixed(0)} MB`,
  )
}

/** The rows of `file` in two files by traveller (P… even, odd), each with the header; cached beside it. */
async function travellerHalves(file) {
  const paths = [0, 1].map((k) => file.replace(/\.csv$/, `-half${k}.csv`))
  if (paths.every((p) => existsSync(p))) return paths
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')
  const out = [[header], [header]]
  for (const line of lines) out[Number(line.slice(1, line.indexOf(','))) % 2].push(line)
  paths.forEach((p, k) => writeFileSync(p, `${out[k].join('\n')}\n`))
  return paths
}

// Where the time goes, in this process: reading (csv-parse, travellers, dates), then per traveller
// the engine (pairing, checks, assess) and the JSONL bytes (src/render/json-text.ts).
const { readBatch } = await import('../dist/batch/read.js')
const { evaluateTraveller } = await import('../dist/batch/evaluate.js')
const { writeTravellerJson } = await import('../dist/render/json-text.js')
const { ByteWriter } = await import('../dist/render/byte-writer.js')
const { requireRule, day } = await import('../dist/index.js')
const file = await ensureCrossingsFile(SIZES.at(-1))
const io = { openRead: (p) => createReadStream(p, { highWaterMark: 1 << 16 }) }
let t = performance.now()
await new Promise((resolve, reject) => {
  // csv-parse alone in this process, for the same scale as the phases below
  import('csv-parse').then(({ parse }) => {
    const p = createReadStream(file).pipe(parse())
    p.on('data', () => {})
    p.on('end', resolve)
    p.on('error', reject)
  })
})
const alone = performance.now() - t
t = performance.now()
const input = await readBatch([file], {}, io)
const read = performance.now() - t
t = performance.now()
const start = input.store.groupByTraveller(input.names.length)
const group = performance.now() - t
const settings = { rules: [requireRule('schengen')], on: day(BENCH_ON) }
const results2 = []
t = performance.now()
for (let id = 0; id < input.names.length; id++) results2.push(evaluateTraveller(id, input, start[id], start[id + 1], settings))
const evaluate = performance.now() - t
t = performance.now()
let bytes = 0
const out = new ByteWriter()
for (const r of results2) {
  writeTravellerJson(out, r)
  out.byte(10)
  if (out.full) for (const b of out.take()) bytes += b.length
}
for (const b of out.take()) bytes += b.length
const render = performance.now() - t
console.log(`where the time goes at 1M rows (in-process, one run; csv-parse alone here: ${alone.toFixed(0)} ms)`)
console.log(`  read: csv-parse + travellers + dates ${fmt(read)} ms`)
console.log(`  group rows by traveller               ${fmt(group)} ms`)
console.log(`  evaluate: pair, check, assess        ${fmt(evaluate)} ms`)
console.log(`  render: JSONL (${(bytes / 1e6).toFixed(0)} MB)               ${fmt(render)} ms`)
