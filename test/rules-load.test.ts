/** Rules files (`--rules-file`): success and error tables, with the exact messages. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import { formatProblem } from '../src/errors.js'
import { requireRule } from '../src/rules/index.js'
import { loadRulesFile } from '../src/rules/load.js'
import type { Rule } from '../src/rules/types.js'

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`

/** A file with one rule whose constraints are given as YAML lines (indented under `constraints:`). */
const oneRule = (...constraintLines: string[]): string =>
  yaml('rules:', '  - id: mine', '  - label: placeholder'.replace('  - label', '    label'), '    constraints:', ...constraintLines.map((l) => `      ${l}`))

const messages = (text: string, file = 'rules.yaml'): string[] => loadRulesFile(text, file).problems.map(formatProblem)
const codes = (text: string, file = 'rules.yaml'): string[] => loadRulesFile(text, file).problems.map((p) => p.code)

describe('loading rules', () => {
  it('reads every kind from YAML, with defaults filled in', () => {
    const text = yaml(
      '# my rules',
      'rules:',
      '  - id: my-visa',
      '    label: My visa',
      '    aliases: [mv]',
      '    countFrom: 2024-01-01',
      '    dayCounting: midnight',
      '    source: Decree 1, Art. 2',
      '    confidence: secondary',
      '    notes: [Day 1 is the entry day.]',
      '    constraints:',
      '      - { kind: rolling, limit: 90, window: 180 }',
      '      - { kind: rolling, limit: 183, window: 12, unit: months, validTo: 2030-12-31 }',
      '      - { kind: per-visit, limit: 6, unit: months }',
      '      - { kind: year, threshold: 183, yearStart: "04-06" }',
      '      - { kind: year, limit: 90, validFrom: 2025-01-01 }',
      '      - { kind: continuous, limit: 90 }',
      '      - { kind: weighted, threshold: 183, divisors: [1, 3, 6], minCurrent: 31 }',
      '      - { kind: absence, limit: 180, window: 12 }',
    )
    const { rules, problems } = loadRulesFile(text, 'rules.yaml')
    expect(problems).toEqual([])
    const expected: Rule = {
      id: 'my-visa',
      aliases: ['mv'],
      label: 'My visa',
      countFrom: day('2024-01-01'),
      validFrom: null,
      validTo: null,
      dayCounting: 'midnight',
      constraints: [
        { kind: 'rolling', limit: 90, window: 180, validFrom: null, validTo: null },
        { kind: 'rolling', limit: 183, window: 12, unit: 'months', validFrom: null, validTo: day('2030-12-31') },
        { kind: 'per-visit', limit: 6, unit: 'months', validFrom: null, validTo: null },
        { kind: 'year', threshold: 183, yearStart: { month: 4, day: 6 }, validFrom: null, validTo: null },
        { kind: 'year', limit: 90, validFrom: day('2025-01-01'), validTo: null },
        { kind: 'continuous', limit: 90, validFrom: null, validTo: null },
        { kind: 'weighted', threshold: 183, divisors: [1, 3, 6], minCurrent: 31, validFrom: null, validTo: null },
        { kind: 'absence', limit: 180, window: 12, unit: 'months', validFrom: null, validTo: null },
      ],
      source: 'Decree 1, Art. 2',
      confidence: 'secondary',
      notes: ['Day 1 is the entry day.'],
    }
    expect(rules).toEqual([expected])
  })

  it('reads the same rule from JSON, by extension or by content', () => {
    const json = JSON.stringify({ rules: [{ id: 'j', label: 'J', constraints: [{ kind: 'continuous', limit: 30 }] }] }, null, 2)
    const expected: Rule = {
      id: 'j',
      label: 'J',
      countFrom: null,
      validFrom: null,
      validTo: null,
      dayCounting: 'calendar',
      constraints: [{ kind: 'continuous', limit: 30, validFrom: null, validTo: null }],
      source: 'defined in r.json',
      confidence: 'unverified',
      notes: [],
    }
    expect(loadRulesFile(json, 'r.json')).toEqual({ rules: [expected], problems: [] })
    expect(loadRulesFile(`\uFEFF${json}`, 'r.json').rules[0]?.id).toBe('j')
    expect(loadRulesFile(json, 'rules.txt').rules[0]?.source).toBe('defined in rules.txt')
  })

  it('loads the example file, and its rules run', () => {
    const { rules, problems } = loadRulesFile(readFileSync('examples/rules/custom.yaml', 'utf8'), 'examples/rules/custom.yaml')
    expect(problems).toEqual([])
    expect(rules.map((r) => r.id)).toEqual(['my-visa', 'mx-90', 'am-rolling', 'kz-from-26'])
    const rule = requireRule('my-visa', rules)
    // 60 days per entry from 2024-03-01: Mar 31 + Apr 29 = 60 → 29 April.
    const report = assess({ stays: [{ entry: day('2024-03-01'), exit: null, source: {} }], rule, on: day('2024-03-01') })
    expect(report.latestExit).toBe(day('2024-04-29'))
  })

  it('reads entriesFrom and entriesUntil on a per-visit constraint, and they cap visits by entry', () => {
    const text = oneRule('- { kind: per-visit, limit: 30, entriesUntil: 2024-07-14 }', '- { kind: per-visit, limit: 60, entriesFrom: 2024-07-15, validTo: 2030-12-31 }')
    const { rules, problems } = loadRulesFile(text, 'rules.yaml')
    expect(problems).toEqual([])
    expect(rules[0]?.constraints).toEqual([
      { kind: 'per-visit', limit: 30, entriesUntil: day('2024-07-14'), validFrom: null, validTo: null },
      { kind: 'per-visit', limit: 60, entriesFrom: day('2024-07-15'), validFrom: null, validTo: day('2030-12-31') },
    ])
    // Entered 2024-07-14 and still inside on 2024-08-14: day 32 of a 30-day visit (the same as preset th).
    const r = assess({ stays: [{ entry: day('2024-07-14'), exit: null, source: {} }], rule: rules[0] as Rule, on: day('2024-08-14') })
    expect([r.latestExit, r.latestExitBound, r.binding]).toEqual([null, 'over', 'per-visit:30d'])
  })

  it('reads hardCap on a per-visit constraint: a later authorised date is then not used', () => {
    const { rules, problems } = loadRulesFile(oneRule('- { kind: per-visit, limit: 30, hardCap: true }'), 'rules.yaml')
    expect(problems).toEqual([])
    expect(rules[0]?.constraints).toEqual([{ kind: 'per-visit', limit: 30, hardCap: true, validFrom: null, validTo: null }])
    const stays = [{ entry: day('2024-03-01'), exit: null, until: day('2024-05-01'), source: {} }]
    expect(assess({ stays, rule: rules[0] as Rule, on: day('2024-03-05') }).latestExit).toBe(day('2024-03-30'))
    // false is the default: the document's date is used as given.
    const soft = loadRulesFile(oneRule('- { kind: per-visit, limit: 30, hardCap: false }'), 'rules.yaml')
    expect(soft.rules[0]?.constraints).toEqual([{ kind: 'per-visit', limit: 30, validFrom: null, validTo: null }])
    expect(assess({ stays, rule: soft.rules[0] as Rule, on: day('2024-03-05') }).latestExit).toBe(day('2024-05-01'))
    expect(messages(oneRule('- { kind: per-visit, limit: 30, hardCap: yes }'))).toEqual([
      'rules.yaml:5: rules[0].constraints[0].hardCap: expected true or false, got "yes"',
    ])
  })

  it('kz-from-26 counts one more day than kz on the visa-run example', () => {
    const { rules } = loadRulesFile(readFileSync('examples/rules/custom.yaml', 'utf8'), 'examples/rules/custom.yaml')
    // examples/kazakhstan.csv: 2022-12-30 … 2023-03-29 and 2023-05-20 … (inside on 2023-06-01).
    // From 2023-01-26: 6 + 28 + 29 = 63 days, plus 2023-05-20 … 05-31 = 12: 75 before 2023-06-01.
    // Staying on, day k from 2023-06-01 counts 75 + k while 2023-01-26 is in the window (to
    // 2023-07-25): 75 + k ≤ 90 gives k = 15, 2023-06-15 (kz, from 01-27: 74 + k, 2023-06-16).
    const stays = [
      { entry: day('2022-12-30'), exit: day('2023-03-29'), source: {} },
      { entry: day('2023-05-20'), exit: null, source: {} },
    ]
    const on = day('2023-06-01')
    expect(assess({ stays, rule: requireRule('kz-from-26', rules), on }).latestExit).toBe(day('2023-06-15'))
    expect(assess({ stays, rule: requireRule('kz', rules), on }).latestExit).toBe(day('2023-06-16'))
  })
})

describe('rules file errors', () => {
  it.each<[string, string, string[], string[]]>([
    [
      'a word for a number',
      oneRule('- kind: rolling', '  limit: ninety', '  window: 180'),
      ['rules.yaml:6: rules[0].constraints[0].limit: expected a whole number from 1 to 36525, got "ninety"'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'a fraction, zero',
      oneRule('- { kind: rolling, limit: 1.5, window: 0 }'),
      [
        'rules.yaml:5: rules[0].constraints[0].limit: expected a whole number from 1 to 36525, got 1.5',
        'rules.yaml:5: rules[0].constraints[0].window: expected a whole number from 1 to 36525, got 0',
      ],
      ['E_RULES_SCHEMA', 'E_RULES_SCHEMA'],
    ],
    [
      // Beyond 100 years: the engine's work grows with a window, and 10^11 days ran out of memory (QA).
      'a limit past 2^53, a window of 100 years and a day, a visit of over 1200 months, a window of over 120',
      oneRule(
        '- { kind: rolling, limit: 9007199254740993, window: 180 }',
        '- { kind: rolling, limit: 90, window: 36526 }',
        '- { kind: per-visit, limit: 1201, unit: months }',
        '- { kind: rolling, limit: 5000, window: 121, unit: months }',
        '- { kind: absence, limit: 180, window: 120 }',
      ),
      [
        'rules.yaml:5: rules[0].constraints[0].limit: expected a whole number from 1 to 36525, got 9007199254740992',
        'rules.yaml:6: rules[0].constraints[1].window: expected a whole number from 1 to 36525, got 36526',
        'rules.yaml:7: rules[0].constraints[2].limit: expected at most 1200 months, got 1201',
        'rules.yaml:8: rules[0].constraints[3].window: expected at most 120 months, got 121',
      ],
      ['E_RULES_SCHEMA', 'E_RULES_SCHEMA', 'E_RULES_SCHEMA', 'E_RULES_SCHEMA'],
    ],
    [
      'a missing key',
      oneRule('- kind: rolling', '  limit: 90'),
      ['rules.yaml:5: rules[0].constraints[0].window: missing; expected a whole number from 1 to 36525'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'a misspelt key',
      oneRule('- kind: rolling', '  limt: 90', '  limit: 90', '  window: 180'),
      ['rules.yaml:6: rules[0].constraints[0].limt: unknown key; expected one of: kind, limit, window, unit, validFrom, validTo'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'an unknown kind',
      oneRule('- kind: rollin', '  limit: 90'),
      ['rules.yaml:5: rules[0].constraints[0].kind: expected one of rolling, per-visit, year, continuous, weighted, absence, got "rollin"'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'no constraints',
      yaml('rules:', '  - id: mine', '    label: Mine', '    constraints: []'),
      ['rules.yaml:4: rules[0].constraints: expected a list of at least one constraint, got an empty list'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'an impossible date',
      yaml('rules:', '  - id: mine', '    label: Mine', '    countFrom: 2024-02-30', '    constraints: [{ kind: continuous, limit: 9 }]'),
      ['rules.yaml:4: rules[0].countFrom: expected a calendar date like 2024-02-28 (YYYY-MM-DD), got "2024-02-30"'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'an id in capitals',
      yaml('rules:', '  - id: MyRule', '    label: Mine', '    constraints: [{ kind: continuous, limit: 9 }]'),
      ['rules.yaml:2: rules[0].id: expected a lowercase id like my-rule (letters, digits and hyphens), got "MyRule"'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'a preset id and a preset alias',
      yaml('rules:', '  - id: schengen', '    label: Mine', '    aliases: [mine, esta]', '    constraints: [{ kind: continuous, limit: 9 }]'),
      [
        'rules.yaml:2: rules[0].id: expected a name that is not a preset, got "schengen"',
        'rules.yaml:4: rules[0].aliases[1]: expected a name that is not a preset, got "esta"',
      ],
      ['E_RULES_ID_CLASH', 'E_RULES_ID_CLASH'],
    ],
    [
      'an id used twice',
      yaml(
        'rules:',
        '  - id: a',
        '    label: A',
        '    constraints: [{ kind: continuous, limit: 9 }]',
        '  - id: a',
        '    label: B',
        '    constraints: [{ kind: continuous, limit: 9 }]',
      ),
      ['rules.yaml:5: rules[1].id: expected a name not used before, got "a" (already at rules[0].id)'],
      ['E_RULES_ID_DUPLICATE'],
    ],
    [
      'a year with both limit and threshold, another with neither',
      oneRule('- { kind: year, limit: 90, threshold: 183 }', '- { kind: year, yearStart: "02-29" }'),
      [
        'rules.yaml:5: rules[0].constraints[0]: expected exactly one of limit or threshold, got both',
        'rules.yaml:6: rules[0].constraints[1].yearStart: expected a month and day like "04-06" (MM-DD), got "02-29"',
        'rules.yaml:6: rules[0].constraints[1]: expected exactly one of limit or threshold, got neither',
      ],
      ['E_RULES_SCHEMA', 'E_RULES_SCHEMA', 'E_RULES_SCHEMA'],
    ],
    [
      'validity the wrong way round',
      oneRule('- kind: continuous', '  limit: 9', '  validFrom: 2025-01-01', '  validTo: 2024-12-31'),
      ['rules.yaml:8: rules[0].constraints[0].validTo: expected a date on or after validFrom (2025-01-01), got "2024-12-31"'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'entries the wrong way round',
      oneRule('- kind: per-visit', '  limit: 9', '  entriesFrom: 2025-01-01', '  entriesUntil: 2024-12-31'),
      ['rules.yaml:8: rules[0].constraints[0].entriesUntil: expected a date on or after entriesFrom (2025-01-01), got "2024-12-31"'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'entries on a kind that has no visits',
      oneRule('- { kind: continuous, limit: 9, entriesUntil: 2024-12-31 }', '- { kind: per-visit, limit: 9, entriesFrom: 2024-02-30 }'),
      [
        'rules.yaml:5: rules[0].constraints[0].entriesUntil: unknown key; expected one of: kind, limit, validFrom, validTo',
        'rules.yaml:6: rules[0].constraints[1].entriesFrom: expected a calendar date like 2024-02-28 (YYYY-MM-DD), got "2024-02-30"',
      ],
      ['E_RULES_SCHEMA', 'E_RULES_SCHEMA'],
    ],
    [
      'a rolling limit not below its window',
      oneRule('- { kind: rolling, limit: 180, window: 180 }'),
      ['rules.yaml:5: rules[0].constraints[0].limit: expected a whole number smaller than window (180), got 180'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'bad words for enums and lists',
      yaml(
        'rules:',
        '  - id: mine',
        '    label: Mine',
        '    dayCounting: noon',
        '    confidence: sure',
        '    constraints:',
        '      - { kind: weighted, threshold: 183, divisors: [] }',
        '      - { kind: per-visit, limit: 3, unit: weeks }',
      ),
      [
        'rules.yaml:4: rules[0].dayCounting: expected one of calendar, midnight, whole, got "noon"',
        'rules.yaml:5: rules[0].confidence: expected one of official, secondary, unverified, got "sure"',
        'rules.yaml:7: rules[0].constraints[0].divisors: expected a list of 1 to 5 whole numbers from 1 to 36525, like [1, 3, 6], got an empty list',
        'rules.yaml:8: rules[0].constraints[1].unit: expected days or months, got "weeks"',
      ],
      ['E_RULES_SCHEMA', 'E_RULES_SCHEMA', 'E_RULES_SCHEMA', 'E_RULES_SCHEMA'],
    ],
    [
      // QA: a multiple past 2^53 made the exact count inexact (45 read as 44.99…, under the threshold);
      // more than five years, or a threshold they cannot reach, made the planning answers take minutes.
      'divisors whose least common multiple the exact count cannot scale by, too many of them, or a threshold out of reach',
      yaml(
        'rules:',
        '  - id: mine',
        '    label: Mine',
        '    constraints:',
        '      - { kind: weighted, threshold: 45, divisors: [1, 30475, 34156, 31758, 30307] }',
        '      - { kind: weighted, threshold: 45, divisors: [1, 1, 1, 1, 1, 1] }',
        '      - { kind: weighted, threshold: 550, divisors: [1, 3, 6] }',
        '      - { kind: weighted, threshold: 549, divisors: [1, 3, 6] }',
        '      - { kind: weighted, threshold: 1830, divisors: [1, 1, 1, 1, 1] }',
      ),
      [
        'rules.yaml:5: rules[0].constraints[0].divisors: expected divisors whose least common multiple is at most 1,000,000,000 (the weighted total is counted exactly in multiples of it), like [1, 3, 6], got a list',
        'rules.yaml:6: rules[0].constraints[1].divisors: expected a list of 1 to 5 whole numbers from 1 to 36525, like [1, 3, 6], got a list',
        // 366 + 122 + 61 = 549 weighted days at most in three years.
        'rules.yaml:7: rules[0].constraints[2].threshold: expected a threshold the years counted can reach (at most 549 weighted days in years of 366), got 550',
      ],
      ['E_RULES_SCHEMA', 'E_RULES_SCHEMA', 'E_RULES_SCHEMA'],
    ],
    [
      'a list at the top',
      yaml('- id: mine'),
      ['rules.yaml:1: expected a mapping with a "rules" list, like rules: [{ id: my-rule, ... }], got a list'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'rules not a list',
      yaml('rules: 5'),
      ['rules.yaml:1: rules: expected a list of rules, got 5'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'an empty file',
      '\n  \n',
      ['rules.yaml: empty file; expected a mapping with a "rules" list, like rules: [{ id: my-rule, ... }]'],
      ['E_RULES_SCHEMA'],
    ],
    [
      'broken YAML',
      yaml('rules:', '  - id: a', '    id: b'),
      ['rules.yaml:3: invalid YAML: Map keys must be unique'],
      ['E_RULES_SYNTAX'],
    ],
    [
      // "Billion laughs": the yaml library stops at its alias limit; the file's problem, not a bug (QA: exit 70).
      'aliases expanding without end',
      yaml('a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'rules: []'),
      ['rules.yaml: invalid YAML: Excessive alias count indicates a resource exhaustion attack'],
      ['E_RULES_SYNTAX'],
    ],
  ])('%s', (_, text, expected, expectedCodes) => {
    expect(messages(text)).toEqual(expected)
    expect(codes(text)).toEqual(expectedCodes)
    expect(loadRulesFile(text, 'rules.yaml').rules).toEqual([])
  })

  it('names the line in a JSON file too', () => {
    const json = ['{', '  "rules": [', '    { "id": "a", "label": "A",', '      "constraints": [{ "kind": "continuous", "limit": "30" }] }', '  ]', '}'].join('\n')
    expect(messages(json, 'r.json')).toEqual(['r.json:4: rules[0].constraints[0].limit: expected a whole number from 1 to 36525, got "30"'])
  })

  // Decoded as Node decodes UTF-8, as the file would reach loadRulesFile (QA: read as garbled YAML).
  const asUtf8 = (bytes: Buffer): string => bytes.toString('utf8')
  const file = yaml('rules:', '  - id: at', '    label: Österreich rule', '    constraints:', '      - kind: continuous', '        limit: 30')

  it('a UTF-16 file is said to be UTF-16, with or without its BOM', () => {
    const le = Buffer.from(file, 'utf16le')
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), le, Buffer.from(le).swap16()]) {
      expect(messages(asUtf8(bytes))).toEqual(['rules.yaml: the file is UTF-16 text; stay-calc reads UTF-8\n  in UTF-16 each letter comes with a NUL byte\n  expected the file saved as UTF-8 (the UTF-8 encoding in a text editor)'])
    }
  })

  it('a UTF-32 file is said to be UTF-32, not UTF-16 (QA)', () => {
    const le = Buffer.alloc(file.length * 4)
    ;[...file].forEach((c, i) => le.writeUInt32LE(c.codePointAt(0)!, i * 4))
    const be = Buffer.alloc(file.length * 4)
    ;[...file].forEach((c, i) => be.writeUInt32BE(c.codePointAt(0)!, i * 4))
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), le]), le, Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), be]), be]) {
      expect(messages(asUtf8(bytes))[0]).toMatch(/^rules\.yaml: the file is UTF-32 text; stay-calc reads UTF-8\n/)
    }
  })

  it('a binary file is not text', () => {
    expect(codes(asUtf8(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x08, 0x00, 0x10, 0x00])))).toEqual(['E_ENCODING'])
  })

  it('Latin-1 bytes are refused at their line, not printed as U+FFFD', () => {
    expect(messages(asUtf8(Buffer.from(file, 'latin1')))).toEqual([
      'rules.yaml:3: bytes that are not UTF-8: "label: \uFFFDsterreich rule"\n  each shows as \uFFFD (a \uFFFD written as such is refused too)\n  expected the file saved as UTF-8 (a Latin-1 or Windows-1252 file is not)',
    ])
    expect(loadRulesFile(asUtf8(Buffer.from(file, 'utf8')), 'rules.yaml').rules[0]?.label).toBe('Österreich rule')
  })

  it('reports broken JSON with its line', () => {
    const json = ['{', '  "rules": [', '    { "id": "a", }', '  ]', '}'].join('\n')
    const [problem, ...rest] = loadRulesFile(json, 'r.json').problems
    expect(rest).toEqual([])
    expect(problem?.code).toBe('E_RULES_SYNTAX')
    expect(problem?.source).toEqual({ file: 'r.json', line: 3 })
    expect(problem?.message).toMatch(/^invalid JSON: \S/)
    expect(problem?.message).not.toMatch(/position/)
  })

  it.each([
    { name: 'a trailing comma', text: '{\n  "rules": [\n    {"id": "a", "label": "A",\n     "constraints": [{"kind": "continuous", "limit": 5},]}\n  ]\n}\n', line: 4, reason: "Unexpected token ']'" },
    { name: 'NaN', text: '{"rules": [{"id": "a", "label": "A",\n"constraints": [{"kind": "continuous", "limit": NaN}]}]}', line: 2, reason: "Unexpected token 'N'" },
    { name: 'a // comment', text: '{\n"rules": [] // none yet\n}', line: 2, reason: "Expected ',' or '}' after property value" },
    { name: 'text after the JSON', text: '{"rules": []}\n\nx', line: 3, reason: 'Unexpected non-whitespace character after JSON' },
    { name: 'a missing colon', text: '{\n"rules" []}', line: 2, reason: "Expected ':' after property name" },
    { name: 'NaN in a file longer than V8 quotes (cut at both ends)', text: `{\n  "rules": [\n    { "id": "x", "limit": NaN, "window": 20 }\n  ]${' '.repeat(60)}\n}\n`, line: 3, reason: "Unexpected token 'N'" },
  ])('broken JSON ($name): its line, whatever V8 says of it, and V8\'s words without its quote of the text (QA)', ({ text, line, reason }) => {
    expect(loadRulesFile(text, 'r.json').problems).toEqual([{ source: { file: 'r.json', line }, code: 'E_RULES_SYNTAX', message: `invalid JSON: ${reason}` }])
  })

  it('a file with old Mac line breaks (a lone CR) reads as with LF, its lines counted alike (QA)', () => {
    const yaml = 'rules:\r  - id: a\r    label: A\r    constraints: [{kind: continuous, limit: 5}]\r    extra: 1\r'
    expect(loadRulesFile(yaml, 'r.yaml').problems.map((p) => [p.source.line, p.message.split(':')[0]])).toEqual([[5, 'rules[0].extra']])
    expect(loadRulesFile(yaml.replace('    extra: 1\r', ''), 'r.yaml').rules.map((r) => r.id)).toEqual(['a'])
    const json = '{"rules": [\r{"id": "a", "label": "A",\r"constraints": [{"kind": "continuous", "limit": 5},]}]}'
    expect(loadRulesFile(json, 'r.json').problems.map((p) => p.source.line)).toEqual([3])
  })

  it("an unknown key is told at the key's line: a key that is no string (true:, 2:, ~:), a block value under it (QA)", () => {
    const yaml = 'rules:\n  - id: a\n    label: A\n    constraints: [{kind: continuous, limit: 5}]\n    true: 1\n    2: x\n    extra:\n      - 1\n'
    expect(loadRulesFile(yaml, 'r.yaml').problems.map((p) => [p.source.line, p.message.split(':')[0]])).toEqual([
      [5, 'rules[0].true'],
      [6, 'rules[0].2'],
      [7, 'rules[0].extra'],
    ])
  })

  it('a key given twice in a JSON object is refused at its line, as YAML refuses it (QA: the second "limit" won unseen)', () => {
    const json = ['{"rules": [{"id": "my", "label": "My visa",', '  "constraints": [{"kind": "rolling", "limit": 90, "window": 180,', '  "limit": 60}]}],', '  "rules": []}'].join('\n')
    expect(loadRulesFile(json, 'r.json').problems).toEqual([
      { source: { file: 'r.json', line: 3 }, code: 'E_RULES_SYNTAX', message: 'invalid JSON: key "limit" is given twice in one object (only one value can hold)' },
      { source: { file: 'r.json', line: 4 }, code: 'E_RULES_SYNTAX', message: 'invalid JSON: key "rules" is given twice in one object (only one value can hold)' },
    ])
    // The same key in two objects is no repeat; an escaped key is named as it reads.
    const fine = '{"rules": [{"id": "a", "label": "A", "constraints": [{"kind": "continuous", "limit": 30}]}, {"id": "b", "label": "B", "constraints": [{"kind": "continuous", "limit": 30}]}]}'
    expect(loadRulesFile(fine, 'r.json').problems).toEqual([])
    expect(loadRulesFile('{"rules": [], "r\\u0075les": []}', 'r.json').problems.map((p) => p.message)).toEqual(['invalid JSON: key "rules" is given twice in one object (only one value can hold)'])
  })

  it('reports every problem of every rule in one run', () => {
    const text = yaml(
      'rules:',
      '  - id: ok',
      '    label: Fine',
      '    constraints: [{ kind: continuous, limit: 9 }]',
      '  - id: tr',
      '    label: ""',
      '    constraints: [{ kind: per-visit }]',
    )
    expect(messages(text)).toEqual([
      'rules.yaml:5: rules[1].id: expected a name that is not a preset, got "tr"',
      'rules.yaml:6: rules[1].label: expected a non-empty text, on one line, without control characters, got ""',
      'rules.yaml:7: rules[1].constraints[0].limit: missing; expected a whole number from 1 to 36525',
    ])
  })
})
