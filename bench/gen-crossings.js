// Seeded, deterministic batch input for the benchmarks: a border-crossing log of many travellers,
// one row per crossing (`traveller,date,direction`), in date order as a border system exports it, so
// each traveller's rows are scattered through the file. Every traveller has `perTraveller` crossings
// (on average; default 10: five trips); about one in fifty overstays, and half are still inside
// on `on`. Plain Node, no dependency on dist/.
//
//   node bench/gen-crossings.js [rows] [travellers] > file.csv
//   import { ensureCrossingsFile } from './gen-crossings.js'   // cached under bench/.data/
import { once } from 'node:events'
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { mulberry32 } from './gen.js'

export const BENCH_ON = '2024-06-01'
const ON_DAY = Date.UTC(2024, 5, 1) / 86_400_000

function iso(dayNumber) {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Crossings of one traveller: `count` alternating in/out rows, the last one on or before `on`. An
 * odd count leaves the last stay open (still inside on `on`, entered at most 30 days before).
 */
function travellerCrossings(rand, count) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
  const trips = Math.ceil(count / 2)
  const open = count % 2 === 1
  const overstayer = rand() < 0.02
  const lengths = Array.from({ length: trips }, () => (overstayer ? int(40, 80) : int(1, 30)))
  const gaps = Array.from({ length: trips }, () => (overstayer ? int(1, 20) : int(20, 150)))
  if (open) lengths[trips - 1] = int(1, 30)
  // Work back from the last day so that the history ends on or just before `on`.
  const span = lengths.reduce((a, b) => a + b, 0) + gaps.reduce((a, b) => a + b, 0) - gaps[0]
  let d = (open ? ON_DAY - lengths[trips - 1] + 1 : ON_DAY - int(0, 200)) - span + lengths[trips - 1] - 1
  const out = []
  for (let t = 0; t < trips; t++) {
    if (t > 0) d += gaps[t]
    out.push([d, 'in'])
    d += lengths[t] - 1
    if (out.length < count) out.push([d, 'out'])
  }
  return out
}

/** 9, 10, 10, 11 … crossings per traveller around `per`: odd counts end inside, the mean stays `per`. */
function countFor(t, per) {
  return per + [0, 0, -1, 1][t % 4]
}

/**
 * `rows` crossings of `travellers` travellers as CSV text chunks, sorted by date (stable by traveller).
 * @returns {Generator<string>}
 */
export function* crossingsCsv({ rows = 1_000_000, travellers = 100_000, seed = 5 } = {}) {
  const rand = mulberry32(seed)
  const per = Math.max(1, Math.round(rows / travellers))
  const days = new Int32Array(rows)
  const who = new Int32Array(rows)
  const dir = new Uint8Array(rows)
  let n = 0
  for (let t = 0; t < travellers && n < rows; t++) {
    const count = t === travellers - 1 ? rows - n : Math.min(countFor(t, per), rows - n)
    for (const [d, direction] of travellerCrossings(rand, count)) {
      days[n] = d
      who[n] = t
      dir[n] = direction === 'in' ? 1 : 0
      n++
    }
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => days[a] - days[b] || who[a] - who[b] || a - b)
  const width = String(travellers - 1).length
  yield 'traveller,date,direction\n'
  let chunk = ''
  for (let i = 0; i < n; i++) {
    const r = order[i]
    chunk += `P${String(who[r]).padStart(width, '0')},${iso(days[r])},${dir[r] ? 'in' : 'out'}\n`
    if (chunk.length > 1 << 16) {
      yield chunk
      chunk = ''
    }
  }
  yield chunk
}

/** Writes the file unless it is already there (bench/.data/ is gitignored); returns its path. */
export async function ensureCrossingsFile({ rows, travellers, seed = 5, dir = 'bench/.data' }) {
  const path = `${dir}/crossings-${rows}-${travellers}-s${seed}.csv`
  if (existsSync(path)) return path
  mkdirSync(dir, { recursive: true })
  const tmp = `${path}.tmp`
  const out = createWriteStream(tmp)
  for (const chunk of crossingsCsv({ rows, travellers, seed })) if (!out.write(chunk)) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
  renameSync(tmp, path)
  return path
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [rows = 1_000_000, travellers = 100_000] = process.argv.slice(2).map(Number)
  for (const chunk of crossingsCsv({ rows, travellers })) process.stdout.write(chunk)
}
