// Spawns the built CLI (bin/stay-calc.cjs) on every case of examples/cases.json and compares
// stdout, stderr and the exit code with the golden files. Exits 1 on any difference.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const cases = JSON.parse(readFileSync('examples/cases.json', 'utf8'))
let failed = 0
for (const { name, args, exit } of cases) {
  const r = spawnSync(process.execPath, ['bin/stay-calc.cjs', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  const want = { out: readFileSync(`examples/${name}.out`, 'utf8'), err: readFileSync(`examples/${name}.err`, 'utf8') }
  const problems = []
  if (r.status !== exit) problems.push(`exit ${r.status}, expected ${exit}`)
  if (r.stdout !== want.out) problems.push('stdout differs from the golden .out')
  if (r.stderr !== want.err) problems.push('stderr differs from the golden .err')
  if (problems.length) {
    failed++
    console.log(`FAIL ${name}: ${problems.join('; ')}`)
    if (r.stdout !== want.out) console.log(r.stdout)
    if (r.stderr !== want.err) console.log(r.stderr)
  } else console.log(`ok   ${name} (exit ${exit})`)
}
console.log(`${cases.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
