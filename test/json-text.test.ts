/**
 * The batch JSON element written straight to text (src/render/json-text.ts) against the plain
 * objects through JSON.stringify, which define it: random histories under every preset (each
 * constraint kind, their details, violations, until dates, warnings), several rules at once, any
 * traveller or file name, and hand-made reports with the values the engine rarely gives; then many
 * travellers into one writer with tiny buffers (every boundary, and more rules than the writer
 * keeps ready-made text for).
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { assess } from '../src/engine/assess.js'
import { bindingIndex, bindingReport } from '../src/engine/binding.js'
import type { Report } from '../src/engine/types.js'
import { checkStays } from '../src/parse/stays.js'
import { travellerJson, type TravellerResult } from '../src/render/batch.js'
import { ByteWriter } from '../src/render/byte-writer.js'
import { travellerJsonText, writeTravellerJson } from '../src/render/json-text.js'
import { PRESETS } from '../src/rules/index.js'
import type { CalendarDay, SourceRef, Stay } from '../src/types.js'

const ON = 19_875 // 2024-06-01
const name = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('P1', 'Lovelace, Ada', '"quoted"', 'back\\slash', 'tab\there', 'nl\nx', '\u2028', '\u0000', 'zoë', '🦀'))
const source: fc.Arbitrary<SourceRef> = fc.oneof(
  fc.record({ file: name, line: fc.integer({ min: 1, max: 1e6 }) }),
  fc.record({ file: name }),
  fc.record({ flag: name }),
  fc.constant({}),
)
const stay: fc.Arbitrary<Stay> = fc
  .record({ entry: fc.integer({ min: ON - 700, max: ON + 200 }), days: fc.integer({ min: 0, max: 200 }), open: fc.boolean(), until: fc.option(fc.integer({ min: 0, max: 120 })), source })
  .map(({ entry, days, open, until, source }) => ({
    entry: entry as CalendarDay,
    exit: open ? null : ((entry + days) as CalendarDay),
    source,
    ...(until === null ? {} : { until: (entry + until) as CalendarDay }),
  }))

type Answered = Extract<TravellerResult, { report: Report }>

function resultOf(traveller: string, stays: readonly Stay[], ruleIndexes: readonly number[], on: number): Answered | undefined {
  const checked = checkStays(stays, on as CalendarDay)
  if (checked.problems.length > 0) return undefined
  const rules = ruleIndexes.map((i) => PRESETS[i % PRESETS.length]!)
  const reports = rules.map((rule) => assess({ stays: checked.stays, rule, on: on as CalendarDay, warnings: checked.warnings }))
  const binding = bindingIndex(reports)
  return { traveller, report: bindingReport(reports, binding), reports, binding }
}

describe('travellerJsonText = JSON.stringify(travellerJson(…))', () => {
  test.prop([name, fc.array(stay, { maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.integer({ min: ON - 400, max: ON + 400 })], { numRuns: 300 })(
    'random histories under any presets, any names',
    (traveller, stays, rules, on) => {
      const result = resultOf(traveller, stays, rules, on)
      if (result === undefined) return
      expect(travellerJsonText(result)).toBe(JSON.stringify(travellerJson(result)))
    },
  )

  it('every preset, with an overstay and an open stay, under several rules at once', () => {
    const stays: Stay[] = [
      { entry: (ON - 400) as CalendarDay, exit: (ON - 200) as CalendarDay, source: { file: 'a.csv', line: 2 } },
      { entry: (ON - 100) as CalendarDay, exit: null, source: { file: 'a.csv', line: 3 }, until: (ON + 5) as CalendarDay },
    ]
    for (let i = 0; i < PRESETS.length; i++) {
      const result = resultOf('P1', stays, [i, i + 1], ON)!
      expect(result.reports.some((r) => r.violations.length > 0)).toBe(true)
      expect(travellerJsonText(result)).toBe(JSON.stringify(travellerJson(result)))
    }
  })

  it('values the engine rarely gives: no binding constraint, details, infinite figures, a count-from date', () => {
    const base = resultOf('P2', [{ entry: (ON - 10) as CalendarDay, exit: null, source: { flag: '--trip x' } }], [0], ON)!
    const c = base.report.constraints[0]!
    const report: Report = {
      ...base.report,
      binding: 'missing',
      rule: { ...base.report.rule, countFrom: (ON - 50) as CalendarDay },
      daysRemaining: Number.POSITIVE_INFINITY,
      latestExit: null,
      warnings: [{ code: 'W_X', message: 'a "warning"\n', sources: [{ file: 'f', line: 1 }, { flag: '--trip' }, {}] }],
      constraints: [
        { ...c, details: { weighted: 12.5, text: 'x"y', yes: true, none: null } },
        { ...c, id: 'other', details: {}, limit: Number.NaN },
      ],
    }
    const result: TravellerResult = { traveller: '\u0007bell', report, reports: [report], binding: 0 }
    expect(travellerJsonText(result)).toBe(JSON.stringify(travellerJson(result)))
  })

  it('a traveller in error is written as the plain object', () => {
    const result: TravellerResult = { traveller: 'bad', problems: [{ source: { file: 'x.csv', line: 4 }, code: 'E_DATE', message: 'not a date' }] }
    expect(travellerJsonText(result)).toBe(JSON.stringify(travellerJson(result)))
  })

  test.prop(
    [
      fc.array(fc.tuple(name, fc.array(stay, { maxLength: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.integer({ min: ON - 400, max: ON + 400 })), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1, max: 200 }),
    ],
    { numRuns: 150 },
  )('many travellers, rules and dates into one writer of small buffers', (travellers, size) => {
    const out = new ByteWriter(size)
    const expected: string[] = []
    for (const [traveller, stays, rules, on] of travellers) {
      const result = resultOf(traveller, stays, rules, on)
      if (result === undefined) continue
      writeTravellerJson(out, result)
      out.byte(10)
      expected.push(`${JSON.stringify(travellerJson(result))}\n`)
    }
    expect(out.takeText()).toBe(expected.join(''))
  })

  it('figures that are not whole numbers, negative or -0 are written as JSON.stringify writes them', () => {
    const base = resultOf('P3', [{ entry: (ON - 10) as CalendarDay, exit: (ON - 5) as CalendarDay, source: { file: 'f.csv', line: 2 } }], [0], ON)!
    const report: Report = { ...base.report, daysUsed: 12.5, daysRemaining: -3, overstayDays: -0, constraints: base.report.constraints.map((c) => ({ ...c, limit: 1e21, daysUsed: 2 ** 53 })) }
    const result: TravellerResult = { traveller: 'P3', report, reports: [report], binding: 0 }
    expect(travellerJsonText(result)).toBe(JSON.stringify(travellerJson(result)))
  })
})
