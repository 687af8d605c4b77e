/**
 * Property: a random multi-country log, written as a CSV in either country form, parsed,
 * attributed to zones and evaluated per zone, gives for every zone exactly what evaluating that
 * zone's own day set directly gives (test/helpers/zone-oracle.ts for the day sets, the rolling
 * oracle of test/helpers/oracle.ts for the figures, and for the latest exit on the zone's visits). Logs straddle Croatia's and Bulgaria's and
 * Romania's accession dates and visit Ireland and Cyprus.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { isoOf } from '../src/day.js'
import { formatProblem } from '../src/errors.js'
import { parseCsv } from '../src/parse/csv.js'
import { checkStays } from '../src/parse/stays.js'
import { findRule } from '../src/rules/index.js'
import { assessZones } from '../src/zones/assess.js'
import type { CalendarDay } from '../src/types.js'
import { isCountryStay } from '../src/zones/types.js'
import { latestExit, oracle, specOf } from './helpers/oracle.js'
import { asStays, type LogStay, ORACLE_COUNTRIES, utcDay, zoneDays } from './helpers/zone-oracle.js'

/** Zones whose rule is one rolling constraint, so the rolling oracle gives every figure. */
const ROLLING_ZONES: Readonly<Record<string, string>> = { schengen: 'schengen', rs: 'rs', tr: 'tr', kz: 'kz' }

interface Leg {
  readonly country: string
  /** Days from the previous exit: 0 = moved on the same day (straight on), more = time outside. */
  readonly gap: number
  /** Exit − entry: 0 is a one-day stay. */
  readonly len: number
}

const legArb: fc.Arbitrary<Leg> = fc.record({
  country: fc.constantFrom(...ORACLE_COUNTRIES),
  gap: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 60 }) }),
  len: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 70 }) }),
})

interface Case {
  readonly base: number
  readonly legs: readonly Leg[]
  readonly open: boolean
  readonly onAt: number
  readonly moves: boolean
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  // 2022-06-01 … 2024-06-01: across HR (2023-01-01) and BG/RO (2024-03-31).
  base: fc.integer({ min: utcDay('2022-06-01'), max: utcDay('2024-06-01') }),
  legs: fc.array(legArb, { minLength: 1, maxLength: 10 }),
  open: fc.boolean(),
  onAt: fc.integer({ min: 0, max: 1000 }),
  moves: fc.boolean(),
})

/** The legs as stays in date order; the last one open when asked and it starts by `on`. */
function layout({ base, legs, open, onAt }: Case) {
  const stays: LogStay[] = []
  let prevExit = base
  for (const [i, leg] of legs.entries()) {
    const entry = i === 0 ? base : prevExit + leg.gap
    stays.push({ country: leg.country, entry, exit: entry + leg.len })
    prevExit = entry + leg.len
  }
  const on = base + Math.floor(((prevExit + 60 - base) * onAt) / 1000)
  const last = stays.at(-1)
  if (open && last !== undefined && last.entry <= on) stays[stays.length - 1] = { ...last, exit: null }
  return { stays, on }
}

/** `date,country,direction`: an out and an in on the same date, in that order, for a straight move. */
function directionCsv(stays: readonly LogStay[]): string {
  const rows = stays.flatMap((s) => [`${isoOf(s.entry)},${s.country},in`, ...(s.exit === null ? [] : [`${isoOf(s.exit)},${s.country},out`])])
  return `date,country,direction\n${rows.join('\n')}\n`
}

/** `date,from,to`: one row for a straight move between two countries, blanks for outside. */
function movesCsv(stays: readonly LogStay[]): string {
  const rows: string[] = []
  stays.forEach((s, i) => {
    const before = stays[i - 1]
    const straight = before !== undefined && before.exit === s.entry && before.country !== s.country
    if (straight) rows.push(`${isoOf(s.entry)},${before.country},${s.country}`)
    else {
      if (before !== undefined && before.exit !== null) rows.push(`${isoOf(before.exit)},${before.country},`)
      rows.push(`${isoOf(s.entry)},,${s.country}`)
    }
  })
  const last = stays.at(-1)
  if (last !== undefined && last.exit !== null) rows.push(`${isoOf(last.exit)},${last.country},`)
  return `date,from,to\n${rows.join('\n')}\n`
}

/** Every day of a zone report's stays (an open stay through `on`). */
function reportedDays(stays: readonly { entry: number; exit: number | null }[], on: number): Set<number> {
  const days = new Set<number>()
  for (const s of stays) for (let d = s.entry; d <= (s.exit ?? on); d++) days.add(d)
  return days
}

describe('zones against the zone oracle', () => {
  test.prop([caseArb], { numRuns: 500 })('each zone evaluated from the log equals the zone evaluated on its own day set and visits', (c) => {
    const { stays: legs, on } = layout(c)
    const text = c.moves ? movesCsv(legs) : directionCsv(legs)
    const parsed = parseCsv(text, 'gen.csv')
    expect(parsed.problems.map(formatProblem), text).toEqual([])
    const checked = checkStays(parsed.stays, on as CalendarDay)
    expect(checked.problems.map(formatProblem)).toEqual([])
    const report = assessZones({ stays: checked.stays.filter(isCountryStay), on: on as CalendarDay })

    const expected = zoneDays(legs, on)
    const counted = new Map(report.zones.map((z) => [z.zone.id, reportedDays(z.report.stays, on)]))
    for (const [zone, days] of counted) if (days.size === 0) counted.delete(zone)
    // The same zones, with the same days.
    expect(new Map([...counted].map(([z, d]) => [z, [...d].sort((a, b) => a - b)]))).toEqual(
      new Map([...expected].map(([z, d]) => [z, [...d].sort((a, b) => a - b)])),
    )

    for (const z of report.zones) {
      const ruleId = ROLLING_ZONES[z.zone.id]
      if (ruleId === undefined) continue
      // The figures follow from the day set, the latest exit also from which days are one stay
      // (leaving on X cuts the stay one is in there): those are the zone's visits as attributed,
      // whose days were just checked against the zone oracle; the latest exit is then the oracle's.
      const days = expected.get(z.zone.id) ?? new Set<number>()
      const want = { ...oracle(asStays(days), findRule(ruleId)!, on), ...latestExit(z.report.stays, specOf(findRule(ruleId)!), on) }
      const r = z.report
      expect({
        inside: r.inside,
        daysUsed: r.daysUsed,
        daysRemaining: r.daysRemaining,
        overstayDays: r.overstayDays,
        window: r.window,
        violations: r.violations.map(({ start, end, peakDaysUsed }) => ({ start, end, peakDaysUsed })),
        latestExit: r.latestExit,
        latestExitBound: r.latestExitBound,
      }, `${z.zone.id}\n${text}on ${isoOf(on)}`).toEqual(want)
    }
  })
})
