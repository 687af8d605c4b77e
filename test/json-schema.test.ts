/**
 * The JSON Schemas in schema/ (draft 2020-12), read by Ajv: every JSON document the command prints
 * must satisfy its schema (the examples, every preset, the planning answers, batch elements in
 * error, countries), and each schema must refuse a document with a key missing, a key too many or
 * a value of the wrong type, so a change to the output that the schema does not follow fails here.
 * The schema's keys are also the README's "JSON output" table, in the same order.
 */
import { readFileSync } from 'node:fs'
import { fc, test } from '@fast-check/vitest'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { RULE_IDS, RULE_NAMES } from '../src/rules/index.js'
import { loadRulesFile } from '../src/rules/load.js'
import { run } from './helpers/io.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
addFormats(ajv)
const schemaOf = (name: string) => JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8')) as { $id: string; $defs: Record<string, { properties?: object }> }
const schemas = { report: schemaOf('report'), batch: schemaOf('batch'), zones: schemaOf('zones') }
for (const s of Object.values(schemas)) ajv.addSchema(s)
const validator = (id: string): ValidateFunction => ajv.getSchema(id)!
const validate = {
  report: validator(schemas.report.$id),
  batch: validator(schemas.batch.$id),
  line: validator(`${schemas.batch.$id}#/$defs/traveller`),
  zones: validator(schemas.zones.$id),
}
type Kind = keyof typeof validate

/** Ajv's complaints, for a readable failure. */
function problemsOf(kind: Kind, doc: unknown): string[] {
  const v = validate[kind]
  return v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}

/** Every JSON document in a run's stdout, with the schema that describes it. */
function documents(args: readonly string[], stdout: string): [Kind, unknown][] {
  if (args.includes('jsonl')) return stdout.trimEnd().split('\n').map((line) => ['line', JSON.parse(line) as unknown])
  const doc = JSON.parse(stdout) as Record<string, unknown>
  return [['travellers' in doc ? 'batch' : 'zones' in doc ? 'zones' : 'report', doc]]
}

async function expectValid(args: readonly string[], options: Parameters<typeof run>[1] = {}): Promise<number> {
  const r = await run(args, options)
  expect(r.exitCode, r.stderr).toBeLessThan(2)
  const docs = documents(args, r.stdout)
  for (const [kind, doc] of docs) expect(problemsOf(kind, doc), `${kind}: ${args.join(' ')}`).toEqual([])
  return docs.length
}

describe('every JSON document printed satisfies its schema', () => {
  const cases = JSON.parse(readFileSync('examples/cases.json', 'utf8')) as { name: string; args: string[]; exit: number }[]
  const json = cases.filter((c) => c.exit < 2 && c.args.some((a) => a === '--json' || a === 'json' || a === 'jsonl'))

  it('the examples (examples/cases.json)', async () => {
    expect(json.length).toBeGreaterThanOrEqual(4)
    for (const c of json) await expectValid(c.args)
  })

  it.each(RULE_IDS)('preset %s, with every planning answer asked for', async (id) => {
    const args = ['examples/schengen-overstay.csv', '--rule', id, '--on', '2024-06-01', '--json', '--for', '30', '--explain', '--trip', '2024-09-01..2024-09-10']
    await expectValid(args)
    await expectValid(['plan', 'examples/crossings.csv', '--rule', id, '--on', '2024-06-01', '--json'])
  })

  it('several rules, a custom rule, a rules file, an admit-until date, a planned stay that breaks the rule', async () => {
    await expectValid(['examples/crossings.csv', '--rule', 'schengen', '--rule', 'kz', '--on', '2024-06-01', '--json'])
    await expectValid(['examples/crossings.csv', '--limit', '30', '--window', '60', '--on', '2024-06-01', '--json', '--for', '90'])
    await expectValid(['examples/crossings.csv', '--rules-file', 'examples/rules/custom.yaml', '--rule', 'my-visa', '--on', '2024-06-01', '--json'])
    await expectValid(['--trip', '2024-05-01..', '--admit-until', '2024-06-20', '--rule', 'us-esta', '--on', '2024-06-01', '--json'])
    await expectValid(['--trip', '2024-01-01..2024-03-20', '--trip', '2024-05-01..2024-06-30', '--on', '2024-04-01', '--json', '--explain'])
  })

  it('batch documents, travellers in error among them, as json and as jsonl', async () => {
    for (const format of ['json', 'jsonl']) {
      for (const file of ['examples/batch.csv', 'examples/batch-bad.csv']) {
        const r = await run([file, '--on', '2024-06-01', '--format', format])
        for (const [kind, doc] of documents(['--format', format], r.stdout)) expect(problemsOf(kind, doc)).toEqual([])
      }
    }
  })

  // Random histories under random presets and planning flags: whatever the answer, its shape holds.
  const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 864e5).toISOString().slice(0, 10)
  test.prop(
    [
      fc.array(fc.tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 120 })), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(...RULE_IDS),
      fc.integer({ min: 0, max: 800 }),
      fc.option(fc.integer({ min: 1, max: 400 })),
      fc.boolean(),
    ],
    { numRuns: 40 },
  )('random histories, presets and planning flags', async (stays, rule, on, forDays, explain) => {
    const sorted = [...stays].sort((a, b) => a[0] - b[0])
    const args = ['--rule', rule, '--on', day(on), '--json', ...(forDays === null ? [] : ['--for', String(forDays)]), ...(explain ? ['--explain'] : [])]
    let last = -1
    for (const [start, length] of sorted) {
      if (start <= last) continue
      args.push('--trip', `${day(start)}..${day(start + length)}`)
      last = start + length
    }
    const r = await run(args)
    if (r.exitCode === 2) return
    expect(problemsOf('report', JSON.parse(r.stdout))).toEqual([])
  })
})

describe('the schemas refuse what the output never holds', () => {
  const report = async () => JSON.parse((await run(['examples/schengen-overstay.csv', '--on', '2024-06-01', '--json', '--for', '30'])).stdout) as Record<string, unknown>

  it('a key missing, anywhere', async () => {
    const doc = await report()
    for (const key of Object.keys(doc)) {
      const { [key]: _, ...without } = doc
      expect(validate.report(without), key).toBe(false)
    }
    const stays = doc.stays as Record<string, unknown>[]
    const { source: _, ...noSource } = stays[0]!
    expect(validate.report({ ...doc, stays: [noSource] })).toBe(false)
  })

  it('a key too many, at the top, in a stay, in a batch element', async () => {
    const doc = await report()
    expect(validate.report({ ...doc, extra: 1 })).toBe(false)
    expect(validate.report({ ...doc, stays: [{ ...(doc.stays as object[])[0], note: '' }] })).toBe(false)
    const line = JSON.parse((await run(['examples/batch.csv', '--on', '2024-06-01', '--format', 'jsonl'])).stdout.split('\n')[0]!) as object
    expect(validate.line(line)).toBe(true)
    expect(validate.line({ ...line, forStay: null })).toBe(false)
    expect(validate.line({ traveller: 'a', error: true, problems: [] })).toBe(false)
  })

  it('a value of the wrong type or form', async () => {
    const doc = await report()
    expect(validate.report({ ...doc, on: '2024-6-1' })).toBe(false)
    expect(validate.report({ ...doc, on: '2024-02-30' })).toBe(false)
    expect(validate.report({ ...doc, daysUsed: -1 })).toBe(false)
    expect(validate.report({ ...doc, latestExitBound: 'soon' })).toBe(false)
    expect(validate.report({ ...doc, schemaVersion: 2 })).toBe(false)
  })
})

describe('the schemas and the README say the same', () => {
  /** The keys in the first column of the table under `heading`, in order. */
  function readmeKeys(heading: string): string[] {
    const readme = readFileSync('README.md', 'utf8')
    const section = readme.slice(readme.indexOf(heading))
    const table = section.slice(section.indexOf('| key |'), section.indexOf('\n\n', section.indexOf('| key |')))
    return table
      .split('\n')
      .slice(2)
      .flatMap((row) => [...(/^\| ([^|]+) \|/.exec(row)?.[1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]!))
  }
  const keys = (def: string) => Object.keys(schemas.report.$defs[def]!.properties ?? {})

  it('"JSON output": the core keys, then bindingRule and rules', () => {
    expect(readmeKeys('## JSON output')).toEqual([...keys('core'), ...keys('rules')])
  })

  it('"Planning and explanation": the planning keys', () => {
    expect(readmeKeys('In `--json` these answers come after the keys above')).toEqual(keys('planning'))
  })

  it('the README names each schema file, and the sample rules file points to its schema', () => {
    const readme = readFileSync('README.md', 'utf8')
    for (const name of [...Object.keys(schemas), 'rules-file']) expect(readme).toContain(`schema/${name}.schema.json`)
    expect(readFileSync('examples/rules/custom.yaml', 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/rules-file.schema.json')
  })
})

describe('schema/rules-file.schema.json: for editors, it accepts a rules file exactly when stay-calc does', () => {
  const rulesFile = validator(ajv.addSchema(JSON.parse(readFileSync('schema/rules-file.schema.json', 'utf8')) as object) && 'urn:stay-calc:schema:rules-file:1')
  const seen = { accepted: 0, refused: 0 }
  const accepted = (data: unknown) => loadRulesFile(JSON.stringify(data), 'r.json').problems.length === 0

  it('the example rules file, and the preset names it refuses as ids', () => {
    expect(rulesFile(parse(readFileSync('examples/rules/custom.yaml', 'utf8')))).toBe(true)
    const refused = (rulesFile.schema as { $defs: { id: { not: { enum: string[] } } } }).$defs.id.not.enum
    expect(refused).toEqual(RULE_NAMES)
  })

  // Random files, right and wrong in every way the schema can tell. Left out: what only stay-calc
  // checks (an id used twice, dates out of order, a rolling or absence limit in days not below its
  // window, divisors whose least common multiple is over 10^9, a weighted threshold its years cannot reach).
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 })
  const num = fc.constantFrom<unknown>(0, 1, 30, 120, 121, 1200, 1201, 36525, 36526, 1.5, '30', -1)
  const date = fc.constantFrom<unknown>('2024-02-29', '2023-02-29', '2024-1-5', null, 20240105, '2025-01-01')
  const text = fc.constantFrom<unknown>('A rule', '', '  ', 'bell\u0007', 'line\u2028break', 7)
  const id = fc.constantFrom<unknown>('mine', 'Mine', 'schengen', 'esta', 'a-b-1', '-x', '')
  const constraint = fc.record(
    {
      kind: fc.constantFrom<unknown>('rolling', 'per-visit', 'year', 'continuous', 'weighted', 'absence', 'weekly'),
      limit: maybe(num),
      window: maybe(num),
      threshold: maybe(num),
      unit: maybe(fc.constantFrom<unknown>('days', 'months', 'weeks')),
      divisors: maybe(fc.constantFrom<unknown>([1, 3, 6], [], [0], 'x', Array.from({ length: 5 }, () => 1), Array.from({ length: 6 }, () => 1))),
      minCurrent: maybe(num),
      yearStart: maybe(fc.constantFrom<unknown>('04-06', '02-29', '13-01', '4-6')),
      entriesFrom: maybe(date),
      validTo: maybe(date),
      colour: maybe(fc.constant('red')),
    },
    { requiredKeys: ['kind'] },
  ).map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)))
  const rule = fc.record(
    {
      id,
      label: text,
      aliases: maybe(fc.constantFrom<unknown>(['other'], ['vwp'], ['Other'], 'other')),
      countFrom: maybe(date),
      validFrom: maybe(date),
      dayCounting: maybe(fc.constantFrom<unknown>('calendar', 'midnight', 'whole', 'hours')),
      confidence: maybe(fc.constantFrom<unknown>('official', 'guess')),
      notes: maybe(fc.constantFrom<unknown>(['a note'], [''], 'a note')),
      constraints: fc.array(constraint, { maxLength: 3 }),
      extra: maybe(fc.constant(1)),
    },
    { requiredKeys: ['id', 'label', 'constraints'] },
  ).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))

  test.prop([fc.oneof({ weight: 9, arbitrary: fc.record({ rules: fc.array(rule, { maxLength: 2 }) }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>({}, [], { rules: 'x' }, { rules: [], more: 1 }) })], { numRuns: 400 })(
    'random rules files',
    (data) => {
      const rules = ((data as { rules?: unknown }).rules ?? []) as Record<string, unknown>[]
      if (Array.isArray(rules)) {
        const names = rules.flatMap((r) => [r.id, ...(Array.isArray(r.aliases) ? r.aliases : [])])
        fc.pre(new Set(names).size === names.length)
        // A rolling limit in days not below its window: stay-calc alone refuses it.
        const rolling = rules.flatMap((r) => (Array.isArray(r.constraints) ? (r.constraints as Record<string, unknown>[]) : []))
        fc.pre(!rolling.some((c) => c.kind === 'rolling' && c.unit !== 'months' && typeof c.limit === 'number' && typeof c.window === 'number' && c.limit >= c.window))
        // A weighted threshold over what its years can hold (366 days each, divided): stay-calc alone refuses it.
        const most = (d: unknown) => (Array.isArray(d) && d.every((x) => typeof x === 'number' && x > 0) ? d.reduce((sum: number, x: number) => sum + 366 / x, 0) : Number.POSITIVE_INFINITY)
        fc.pre(!rolling.some((c) => c.kind === 'weighted' && typeof c.threshold === 'number' && c.threshold > most(c.divisors)))
      }
      const ok = accepted(data)
      seen[ok ? 'accepted' : 'refused']++
      expect(rulesFile(data), JSON.stringify(data)).toBe(ok)
    },
  )

  it('the random files held both kinds, many of each', () => {
    expect(seen.accepted).toBeGreaterThan(20)
    expect(seen.refused).toBeGreaterThan(100)
  })
})
