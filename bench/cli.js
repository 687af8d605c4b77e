// Whole-process cost of one run: `stay-calc examples/…` against `node -e 0` (the floor any Node CLI
// pays), interleaved in one run so machine noise hits both alike. Prints medians and the ratio.
import { spawnSync } from 'node:child_process'

const RUNS = Number(process.env.BENCH_RUNS ?? 25)
const cli = ['bin/stay-calc.cjs', 'examples/kazakhstan.csv', '--rule', 'kz', '--on', '2023-06-01']
const floor = ['-e', '0']

function time(args) {
  const t = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' })
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: node ${args.join(' ')}`)
  return Number(process.hrtime.bigint() - t) / 1e6
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
time(cli)
time(floor)
const ours = []
const base = []
for (let i = 0; i < RUNS; i++) {
  ours.push(time(cli))
  base.push(time(floor))
}
const m = { ours: median(ours), base: median(base) }
console.log(`whole process, median of ${RUNS} (target ratio ≤ 1.5)`)
console.log(`  node -e 0                 ${m.base.toFixed(1).padStart(7)} ms`)
console.log(`  stay-calc kazakhstan.csv  ${m.ours.toFixed(1).padStart(7)} ms`)
console.log(`  ratio                     ${(m.ours / m.base).toFixed(2).padStart(7)}×`)
