/**
 * Every example in examples/cases.json runs in-process and must reproduce its golden output
 * (examples/<name>.out for stdout, <name>.err for stderr) and exit code. The README quotes these
 * files, so README, examples and behaviour cannot drift apart. Goldens are reviewed by hand;
 * regenerate with `npx vitest run test/examples.test.ts -u` and read the diff.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { run } from './helpers/io.js'

interface Case {
  readonly name: string
  readonly args: string[]
  readonly exit: number
}

const cases = JSON.parse(readFileSync('examples/cases.json', 'utf8')) as Case[]

describe('examples', () => {
  it.each(cases)('$name', async ({ name, args, exit }) => {
    const result = await run(args)
    await expect(result.stdout).toMatchFileSnapshot(`../examples/${name}.out`)
    await expect(result.stderr).toMatchFileSnapshot(`../examples/${name}.err`)
    expect(result.exitCode).toBe(exit)
  })

  it('every CSV in examples/ is used by a case', async () => {
    const { readdirSync } = await import('node:fs')
    const used = new Set(cases.flatMap((c) => c.args.filter((a) => a.startsWith('examples/'))))
    const csvs = readdirSync('examples').filter((f) => f.endsWith('.csv'))
    for (const f of csvs) expect(used, f).toContain(`examples/${f}`)
  })
})
