// Engine speed: full evaluation (`assess`, schengen 90/180: daysUsed, violations over the whole
// history, latestExit) of a generated 20,000-stay, 60-year history, beside a naive evaluation in the
// same run: for every day of presence count its 180-day window day by day, as web calculators do.
// Needs dist/ (`npm run build`). Run: `node bench/engine.js` or `npm run bench engine`.
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { assess, day, isoOf, requireRule } from '../dist/index.js'
import { generateHistory } from './gen.js'

const TARGET_MS = 20

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The naive way: a Set of days; every window counted by looking at each of its days. */
export function naiveAssess(stays, { limit, window, countFrom, validFrom = null }, on) {
  const present = new Set()
  for (const s of stays) for (let d = s.entry; d <= (s.exit ?? on); d++) if (countFrom === null || d >= countFrom) present.add(d)
  const used = (set, d) => {
    let n = 0
    for (let x = d - window + 1; x <= d; x++) if (set.has(x)) n++
    return n
  }
  const days = [...present].sort((a, b) => a - b)
  const violations = []
  let run = null
  for (const d of days) {
    // Days before the rule is law count in later windows but are not judged (Schengen: 2013-10-18).
    const u = validFrom === null || d >= validFrom ? used(present, d) : 0
    if (u > limit && run && run.end === d - 1) {
      run.end = d
      run.peakDaysUsed = Math.max(run.peakDaysUsed, u)
    } else {
      if (run) violations.push(run)
      run = u > limit ? { start: d, end: d, peakDaysUsed: u } : null
    }
  }
  if (run) violations.push(run)
  // latest exit: extend day by day; stop when the new day, or a later day of presence, goes over
  const extended = new Set(present)
  let latestExit = null
  for (let x = on; ; x++) {
    if (countFrom === null || x >= countFrom) extended.add(x)
    let ok = used(extended, x) <= limit
    for (const e of days) if (ok && e > x && e < x + window && used(present, e) <= limit && used(extended, e) > limit) ok = false
    if (!ok) break
    latestExit = x
  }
  return { daysUsed: used(present, on), violations, latestExit }
}

function timeIt(fn, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) fn()
  const ms = []
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.()
    const t = performance.now()
    fn()
    ms.push(performance.now() - t)
  }
  return median(ms)
}

export function benchEngine({ seed = 20240101, count = 20_000, years = 60, runs = 20, warmup = 5, naiveRuns = 5 } = {}) {
  const { stays, first, last } = generateHistory({ seed, count, years, start: day('1965-01-01') })
  const rule = requireRule('schengen')
  const on = last
  const c = rule.constraints[0]
  const spec = { limit: c.limit, window: c.window, countFrom: rule.countFrom, validFrom: c.validFrom ?? null }

  const report = assess({ stays, rule, on })
  const naive = naiveAssess(stays, spec, on)
  const agree =
    report.daysUsed === naive.daysUsed &&
    report.latestExit === naive.latestExit &&
    JSON.stringify(report.violations.map(({ start, end, peakDaysUsed }) => ({ start, end, peakDaysUsed }))) === JSON.stringify(naive.violations)

  const ours = timeIt(() => assess({ stays, rule, on }), { warmup, runs })
  const slow = timeIt(() => naiveAssess(stays, spec, on), { warmup: 1, runs: naiveRuns })
  return { stays: stays.length, first, last, span: last - first + 1, violations: report.violations.length, ours, naive: slow, agree, runs, naiveRuns }
}

function main() {
  const r = benchEngine()
  const row = (label, value) => console.log(`  ${label.padEnd(28)}${value}`)
  console.log(`engine: full evaluation, schengen 90/180 (median of ${r.runs} after warm-up; naive: median of ${r.naiveRuns})`)
  row('stays', String(r.stays).padStart(9))
  row('days spanned', `${String(r.span).padStart(9)}   ${isoOf(r.first)} … ${isoOf(r.last)}`)
  row('violations found', String(r.violations).padStart(9))
  row('ours (assess)', `${r.ours.toFixed(2).padStart(9)} ms   target ≤ ${TARGET_MS} ms: ${r.ours <= TARGET_MS ? 'met' : 'MISSED'}`)
  row('naive day-by-window loop', `${r.naive.toFixed(2).padStart(9)} ms`)
  row('ratio (naive / ours)', `${(r.naive / r.ours).toFixed(2).padStart(9)}×`)
  row('same answers', r.agree ? '      yes' : '       NO')
  if (!r.agree) process.exitCode = 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
