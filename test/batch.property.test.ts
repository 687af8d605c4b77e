/**
 * Batch results equal single-traveller results: two combined files of random travellers, rows in a
 * random order and spread over both files (a traveller's entry in one, their exit in the other),
 * run as a batch; then each traveller's own rows run alone through `main()`, as two files too.
 * Each traveller's own files keep the combined files' line numbers (the other rows become `#`
 * comment lines) and names, so the answers must agree to the byte: the JSON object, or the problems.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { formatUserError, InputError, type InputProblem } from '../src/errors.js'
import { run } from './helpers/io.js'

const NAMES = ['ann', 'Bo Li', 'x,y', '"q"', 'ünï', '=SUM(A1)']
const ON = '2024-06-01'

/** Mostly ISO dates around the reference date; sometimes other accepted forms, sometimes bad ones. */
const dateText = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 420 }).map((n) => new Date(Date.UTC(2023, 3, 1) + n * 864e5).toISOString().slice(0, 10)) },
  // A few days only, so that one traveller crosses twice on a day, in two files (QA: the fast
  // pairing's guard for such rows could be dropped with every test still passing).
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 4 }).map((d) => `2024-01-0${d}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 28 }).map((d) => `2024/03/${String(d).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 28 }).map((d) => `${d} Feb 2024`) },
  { weight: 1, arbitrary: fc.constantFrom('2024-02-30', '03/04/2024', '', '2024-1-5') },
)
const direction = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('in', 'out') }, { weight: 1, arbitrary: fc.constantFrom('IN', 'Exit', 'sideways', '') })

interface Row {
  readonly who: number
  readonly a: string
  readonly b: string
  /** Which of the two files the row is in. */
  readonly file: number
}

const FILES = ['jan.csv', 'feb.csv']

/** A crossings row, or a stays row (entry, exit) with mostly ordered dates and some open stays. */
const rowOf = (form: 'crossings' | 'stays') =>
  fc.record({
    // Mostly two travellers, so each has several rows to pair.
    who: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: NAMES.length - 1 }) }),
    a: dateText,
    b: form === 'crossings' ? direction : fc.oneof({ weight: 6, arbitrary: dateText }, { weight: 1, arbitrary: fc.constant('') }),
    file: fc.integer({ min: 0, max: FILES.length - 1 }),
  })

const cell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text)

/** The rule or rules every traveller is checked under, batch and alone alike. */
const RULE_ARGS: readonly (readonly string[])[] = [
  [],
  ['--rule', 'kz-visa-free'],
  ['--rule', 'schengen', '--rule', 'ru'],
  ['--rule', 'us-esta'],
  ['--limit', '5', '--window', '10'],
]

const scenario = fc.constantFrom('crossings' as const, 'stays' as const).chain((form) =>
  fc.record({
    form: fc.constant(form),
    rules: fc.constantFrom(...RULE_ARGS),
    rows: fc
      .array(rowOf(form), { minLength: 1, maxLength: 24 })
      .chain((rows) =>
        // Another export of some crossings: the other file holds a same-day exit and re-entry
        // around one of them (the crossing itself read twice), the case the fast pairing must leave.
        fc.array(fc.integer({ min: 0, max: rows.length - 1 }), { maxLength: form === 'crossings' ? 2 : 0 }).map((picked) => [
          ...rows,
          ...picked.flatMap((k) => {
            const r = rows[k]!
            const other = (r.file + 1) % FILES.length
            const opposite = r.b === 'in' ? 'out' : 'in'
            return [{ ...r, b: opposite, file: other }, { ...r, file: other }]
          }),
        ]),
      ),
    // Lines that are not rows: a comment or a blank line before row i.
    noise: fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 3 }),
  }),
)

/**
 * The combined files (by name) and, per traveller, their own files (by name): the same names, the
 * same line numbers. A traveller without rows in a file still has it, a header and `#` lines.
 */
function files(form: 'crossings' | 'stays', rows: readonly Row[], noise: readonly number[]) {
  const header = form === 'crossings' ? ['date', 'direction'] : ['entry', 'exit']
  const combined = FILES.map(() => [`traveller,${header.join(',')}`])
  const own = new Map<number, string[][]>()
  for (const who of new Set(rows.map((r) => r.who))) own.set(who, FILES.map(() => [header.join(',')]))
  rows.forEach((row, i) => {
    const f = row.file
    for (const n of noise) {
      if (n !== i) continue
      combined[f]!.push(i % 2 === 0 ? '# a note' : '')
      for (const lines of own.values()) lines[f]!.push('#')
    }
    combined[f]!.push(`${cell(NAMES[row.who]!)},${cell(row.a)},${cell(row.b)}`)
    for (const [who, lines] of own) lines[f]!.push(who === row.who ? `${cell(row.a)},${cell(row.b)}` : '#')
  })
  const text = (lines: string[][]) => Object.fromEntries(FILES.map((name, f) => [name, `${lines[f]!.join('\n')}\n`]))
  return { combined: text(combined), own: new Map([...own].map(([who, lines]) => [NAMES[who]!, text(lines)])) }
}

interface ProblemJson {
  file: string
  line: number | null
  code: string
  message: string
  detail: string | null
  expected: string | null
}

function asProblem(p: ProblemJson): InputProblem {
  return {
    source: p.line === null ? { file: p.file } : { file: p.file, line: p.line },
    code: p.code,
    message: p.message,
    ...(p.detail === null ? {} : { detail: p.detail }),
    ...(p.expected === null ? {} : { expected: p.expected }),
  }
}

describe('batch = single traveller, for every traveller', () => {
  test.prop([scenario], { numRuns: 200 })('same JSON object, or same problems', async ({ form, rules, rows, noise }) => {
    const { combined, own } = files(form, rows, noise)
    const batch = await run([...FILES, '--on', ON, ...rules, '--format', 'jsonl'], { files: combined })
    const elements = batch.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown> & { traveller: string })
    // A row with nothing but a traveller holds no stay but names them: a traveller with only such
    // rows is answered as one whose own files hold only blank rows (no days).
    const met = new Set(rows.map((r) => NAMES[r.who]!))
    expect(elements.map((e) => e.traveller).sort()).toEqual([...met].sort())
    // In order of first sight, whichever way each row was read (the usual rows' travellers are
    // looked up later, in batches; a row with an unusual date at once): file by file.
    const inOrder = FILES.flatMap((_, f) => rows.filter((r) => r.file === f))
    const firstSight = [...new Set(inOrder.map((r) => NAMES[r.who]!))]
    expect(elements.map((e) => e.traveller)).toEqual(firstSight)
    const exits: number[] = []
    for (const { traveller, ...element } of elements) {
      const single = await run([...FILES, '--on', ON, ...rules, '--json'], { files: own.get(traveller)! })
      exits.push(single.exitCode)
      if (element.error === true) {
        expect(single.exitCode, traveller).toBe(2)
        // The problems alike; a row read once as a copy is a warning shown after them on stderr
        // (single mode), which the JSON error entry does not carry.
        const problemsOnly = single.stderr.replace(/stay-calc: \d+ warnings? with these problems[\s\S]*$/, '')
        expect(formatUserError(new InputError((element.problems as ProblemJson[]).map(asProblem))), traveller).toBe(problemsOnly)
      } else {
        // Nothing but the warnings --json repeats on stderr (rows read once); the JSON holds them.
        expect(single.stderr.replace(/^stay-calc: \d+ warnings? \(in the JSON's "warnings" too\)\n(?: {2}.*\n)+$/, ''), traveller).toBe('')
        // The core object and the rules' answers, in order; the planning answers --json adds after
        // them (src/planning-output.ts) are single-traveller only.
        const alone = JSON.parse(single.stdout) as Record<string, unknown>
        expect(Object.keys(element), traveller).toEqual(Object.keys(alone).slice(0, Object.keys(element).length))
        expect(Object.keys(element)).toContain('constraints')
        expect(element, traveller).toEqual(Object.fromEntries(Object.keys(element).map((k) => [k, alone[k]])))
      }
    }
    expect(batch.exitCode).toBe(exits.includes(2) ? 2 : exits.includes(1) ? 1 : 0)
  })

  test.prop([scenario, fc.integer({ min: 1, max: 40 })], { numRuns: 40 })('any chunking of the input gives the same output', async ({ form, rows, noise }, chunkSize) => {
    const { combined } = files(form, rows, noise)
    const args = [...FILES, '--on', ON, '--format', 'jsonl']
    const whole = await run(args, { files: combined, chunkSize: 1 << 20 })
    expect(await run(args, { files: combined, chunkSize })).toEqual(whole)
  })
})
