/**
 * Keeps the README true: every `$ stay-calc …` transcript in it reproduces exactly, and every
 * `npx stay-calc …` command in it runs with exit 0 or 1.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rulesMarkdownTable } from '../src/render/rules.js'
import { PRESETS } from '../src/rules/index.js'
import { run } from './helpers/io.js'

const readme = readFileSync('README.md', 'utf8')

/** Transcripts: ```text blocks whose first line is `$ stay-calc ARGS`, the rest the output. */
const transcripts = [...readme.matchAll(/```text\n\$ stay-calc ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({
  args: m[1]!,
  output: m[2]!,
}))

const commands = [...readme.matchAll(/npx stay-calc ([^\n&|#`]*)/g)].map((m) => m[1]!.trim())

describe('README', () => {
  it('has transcripts and commands to check', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(3)
    expect(commands.length).toBeGreaterThanOrEqual(1)
  })

  it('the rules table is generated from the presets (npm run readme)', () => {
    const block = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1]
    expect(block).toBe(rulesMarkdownTable(PRESETS))
  })

  it.each(transcripts)('transcript: stay-calc $args', async ({ args, output }) => {
    const r = await run(args.split(/\s+/))
    expect(r.stdout + r.stderr).toBe(output)
  })

  it.each(commands.map((c) => ({ c })))('command: npx stay-calc $c', async ({ c }) => {
    const r = await run(c.split(/\s+/).filter(Boolean))
    expect([0, 1], r.stderr).toContain(r.exitCode)
  })
})

describe('README and examples/', () => {
  it('names every example file', () => {
    const readme = readFileSync('README.md', 'utf8')
    const files = readdirSync('examples').filter((f) => /\.(csv|yaml)$/.test(f))
    files.push(...readdirSync('examples/rules').map((f) => `rules/${f}`))
    for (const f of files) expect(readme, `examples/${f} in the README`).toContain(`\`${f}\``)
  })
})
