// `npm run readme`: regenerates the README's generated blocks from the built CLI (dist/):
// the usage block (= --help), the example transcripts, the rules table, the zones table and example, and the batch example. Tests check the
// README against the program, so run this after changing flags, examples or presets, then read the diff.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const TRANSCRIPTS = [
  'examples/kazakhstan.csv --rule kz --on 2023-06-01',
  'examples/schengen-overstay.csv --on 2024-06-01',
  'examples/crossings.csv --on 2024-06-01',
  'examples/bad.csv --on 2024-06-01',
]

function cli(args) {
  const r = spawnSync(process.execPath, ['bin/stay-calc.cjs', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return r.stdout + r.stderr
}

function replaceBlock(text, name, body) {
  const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`)
  if (!re.test(text)) throw new Error(`README has no ${name} block`)
  return text.replace(re, (_, a, b) => `${a}${body}${b}`)
}

let readme = readFileSync('README.md', 'utf8')
readme = replaceBlock(readme, 'usage', `\`\`\`text\n${cli(['--help'])}\`\`\`\n`)
readme = replaceBlock(
  readme,
  'examples',
  TRANSCRIPTS.map((t) => `\`\`\`text\n$ stay-calc ${t}\n${cli(t.split(' '))}\`\`\`\n`).join('\n'),
)
const { rulesMarkdownTable } = await import('../dist/render/rules.js')
const { PRESETS } = await import('../dist/rules/index.js')
readme = replaceBlock(readme, 'rules', rulesMarkdownTable(PRESETS))
const { zonesMarkdownTable } = await import('../dist/render/zones.js')
const { zones } = await import('../dist/zones/zones.js')
readme = replaceBlock(readme, 'zones', `${zonesMarkdownTable(zones())}\n`)
const ZONES_EXAMPLE = 'examples/zones.csv --on 2024-06-01'
readme = replaceBlock(readme, 'zones-example', `\`\`\`text\n$ stay-calc ${ZONES_EXAMPLE}\n${cli(ZONES_EXAMPLE.split(' '))}\`\`\`\n`)
const BATCH_EXAMPLE = 'examples/batch.csv --on 2024-06-01'
readme = replaceBlock(readme, 'batch-example', `\`\`\`text\n$ stay-calc ${BATCH_EXAMPLE}\n${cli(BATCH_EXAMPLE.split(' '))}\`\`\`\n`)
writeFileSync('README.md', readme)
console.log('README.md regenerated')
