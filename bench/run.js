// `npm run bench`: every benchmark in turn, each printing its figures beside its baseline.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

const only = process.argv.slice(2)
const scripts = readdirSync('bench')
  .filter((f) => f.endsWith('.js') && !['run.js', 'gen.js', 'gen-crossings.js'].includes(f) && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
if (!existsSync('dist/index.js')) throw new Error('dist/ is missing: run npm run build first')
for (const f of scripts) {
  console.log(`\n## ${f}`)
  const r = spawnSync(process.execPath, ['--expose-gc', `bench/${f}`], { stdio: 'inherit' })
  if (r.status !== 0) process.exitCode = 1
}
