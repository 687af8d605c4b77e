/**
 * One input run twice: in-process on one thread (./io.ts `run`), and by the built CLI on worker
 * threads, every input shared among them (`STAY_CALC_PARALLEL_FROM=0`), for tests that the two
 * answer alike. Needs dist/ (`npm run build`, which `npm test` runs first).
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { run } from './io.js'

const BIN = fileURLToPath(new URL('../../bin/stay-calc.cjs', import.meta.url))

/** The file `name` holding `csv`, written in `dir`, run with `args` on one thread (`one`) and on `threads` worker threads (`many`). */
export async function oneAndThreads(dir: string, name: string, csv: string, args: readonly string[], threads: number, env: Record<string, string> = {}) {
  const path = join(dir, name)
  writeFileSync(path, csv)
  const all = [path, ...args]
  const one = await run(all, { files: { [path]: csv } })
  const many = spawnSync(process.execPath, [BIN, ...all], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: '1', CI: '1', STAY_CALC_PARALLEL_FROM: '0', STAY_CALC_THREADS: String(threads), ...env },
  })
  return { one, many }
}
