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

  it('every input in examples/ and its folders is used by a case, named or in a folder named', async () => {
    const { readdirSync } = await import('node:fs')
    const named = cases.flatMap((c) => c.args.filter((a) => a.startsWith('examples/')))
    const inputs = readdirSync('examples', { recursive: true, encoding: 'utf8' }).filter((f) => /\.(?:csv|yaml)$/.test(f))
    expect(inputs.length).toBeGreaterThan(15)
    for (const f of inputs) expect(named.some((a) => a === `examples/${f}` || (a.endsWith('/') && `examples/${f}`.startsWith(a))), f).toBe(true)
  })
})
