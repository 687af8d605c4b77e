/**
 * Every constraint kind against the brute-force oracle in ./helpers/rule-oracle.ts, over random
 * itineraries (gaps, same-day re-entries, overlaps, an open last stay), random validity, count start
 * and day counting: the figures on the reference day, the violations, and the latest exit's
 * legality and maximality.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { day } from '../src/day.js'
import { assess, daysRemainingSeries } from '../src/engine/assess.js'
import { evaluateRolling } from '../src/engine/rolling.js'
import { evaluateSliding } from '../src/engine/sliding.js'
import { buildDaySet } from '../src/engine/day-set.js'
import { type ConstraintReport, type ContinuingStay, continuesVisit, type EvalContext } from '../src/engine/types.js'
import type { Constraint, DayCounting, Rule } from '../src/rules/types.js'
import type { CalendarDay, Stay } from '../src/types.js'
import { requireRule } from '../src/rules/index.js'
import { oracleCheckExit, oracleCheckRuleExit, oracleFigures, oracleReentered, type OracleRule, type OracleVisit, oracleViolations } from './helpers/rule-oracle.js'

const RUNS = { numRuns: Number(process.env.PROP_RUNS ?? 250) }
const BASE = day('2023-12-01') // near a leap day, so windows and years cross 29 Feb 2024

interface Case {
  readonly stays: Stay[]
  readonly on: CalendarDay
  /** Away on a side trip on `on` (`AssessInput.returnsOn`). */
  readonly returning: boolean
}

/** Stays from gaps and lengths (gap 0: same-day re-entry; negative: overlap), the reference day among them. */
const itinerary = (maxLegs: number, maxLen: number, startSpread: number) =>
  fc
    .record({
      start: fc.integer({ min: -startSpread, max: startSpread }),
      legs: fc.array(
        fc.record({
          gap: fc.integer({ min: -3, max: 60 }),
          len: fc.integer({ min: 1, max: maxLen }),
          // Sometimes a return from a side trip: no new visit for a per-visit cap.
          back: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
        }),
        { maxLength: maxLegs },
      ),
      open: fc.boolean(),
      onAt: fc.integer({ min: -30, max: 500 }),
      // Often a few days before some stay begins, so later stays are plans the answer must respect.
      near: fc.option(fc.record({ leg: fc.nat(), before: fc.integer({ min: -5, max: 40 }) }), { freq: 2 }),
      returning: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
    })
    .map(({ start, legs, open, onAt, near, returning }): Case => {
      let cursor = BASE + start
      const ranges = legs.map(({ gap, len, back }) => {
        const entry = cursor + gap
        cursor = entry + len - 1
        return { entry, exit: entry + len - 1, back }
      })
      const target = near === null ? undefined : ranges[near.leg % Math.max(1, ranges.length)]
      let on = target && near ? target.entry - near.before : BASE + start + onAt
      const last = ranges[ranges.length - 1]
      const stays: Stay[] = ranges.map((r, i) => {
        const isOpen = open && r === last
        if (isOpen) on = Math.max(on, ...ranges.map((x) => (x === r ? x.entry : x.exit)))
        const stay: Stay = { entry: r.entry as CalendarDay, exit: isOpen ? null : (r.exit as CalendarDay), source: { file: 'generated.csv', line: i + 2 } }
        return r.back ? ({ ...stay, continuesVisit: true } as ContinuingStay) : stay
      })
      return { stays, on: on as CalendarDay, returning }
    })

const maybeDay = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.integer({ min: -60, max: 500 }).map((n) => (BASE + n) as CalendarDay) },
)
const counting = fc.constantFrom<DayCounting>('calendar', 'midnight', 'whole')

const ruleOf = (constraint: Constraint, countFrom: CalendarDay | null, dayCounting: DayCounting): Rule => ({
  id: 'test',
  label: 'test',
  countFrom,
  dayCounting,
  constraints: [constraint],
  source: 'test',
  confidence: 'official',
})

/** Validity as an ordered pair of optional days. */
const validity = fc.record({ a: maybeDay, b: maybeDay }).map(({ a, b }) => {
  if (a !== null && b !== null && b < a) return { validFrom: b, validTo: a }
  return { validFrom: a, validTo: b }
})

function check(rule: Rule, { stays, on, returning }: Case): void {
  const report = assess({ stays, rule, on, returnsOn: returning })
  const c = report.constraints[0] as ConstraintReport
  const [constraint] = rule.constraints
  const oracle: OracleRule = { countFrom: rule.countFrom, dayCounting: rule.dayCounting ?? 'calendar', constraint: constraint as Constraint }
  // Returning on `on`, a stay entering then is a return too (as `AssessInput.returnsOn` says).
  const back = (s: Stay) => continuesVisit(s) || (returning && s.entry === on)
  const visits: OracleVisit[] = stays.map((s) => ({ start: s.entry, end: s.exit ?? on, ...(back(s) ? { continues: true } : {}) }))

  const reentered = oracleReentered(stays, on)
  const figures = oracleFigures(oracle, visits, on, reentered, returning)
  expect({ daysUsed: c.daysUsed, limit: c.limit, window: c.window }).toEqual(figures)
  expect(c.daysRemaining).toBe(Math.max(0, figures.limit - figures.daysUsed))
  // Over only on a day the constraint is law: its validity, and for a per-visit cap with entry dates a visit it covers.
  const valid = (constraint!.validFrom ?? -Infinity) <= on && on <= (constraint!.validTo ?? Infinity)
  if (c.inForce) expect(valid).toBe(true)
  expect(c.overstayDays).toBe(valid && c.inForce ? Math.max(0, figures.daysUsed - figures.limit) : 0)
  expect(c.violations.map(({ start, end, peakDaysUsed }) => ({ start, end, peakDaysUsed }))).toEqual(oracleViolations(oracle, visits, on, reentered))
  for (const v of c.violations) expect(v.constraint).toBe(c.id)

  const at = (x: number) => oracleCheckExit(oracle, visits, on, x, reentered, returning)
  const legal = (x: number) => {
    const r = at(x)
    return r.holds && r.harmless
  }
  const X = c.latestExit
  switch (c.latestExitBound) {
    case 'over':
      expect(X).toBeNull()
      expect(at(on).holds).toBe(false)
      break
    case 'plan':
      if (X === null) {
        // Harm is judged against leaving on `on`: only entering (outside on `on`) can harm by itself.
        expect(visits.some((v) => v.start <= on && on <= v.end)).toBe(false)
        expect(at(on)).toEqual({ holds: true, harmless: false })
      } else {
        expect(legal(X)).toBe(true)
        expect(at(X + 1)).toEqual({ holds: true, harmless: false })
      }
      break
    case 'limit':
      expect(X).not.toBeNull()
      expect(legal(X as number)).toBe(true)
      expect(at((X as number) + 1).holds).toBe(false)
      break
    case 'none':
      expect(X).toBeNull()
      for (const k of [0, 1, 45, 400]) expect(legal(on + k)).toBe(true)
      break
  }
  if (X !== null) {
    // The legal exits form a prefix: a day inside it is legal, days beyond X+1 are not.
    expect(legal(on + Math.floor((X - on) / 2))).toBe(true)
    expect(legal(X + 7)).toBe(false)
  }
}

describe('constraint kinds against the brute-force oracle', () => {
  test.prop(
    [
      itinerary(7, 40, 200),
      fc.record({ limit: fc.integer({ min: 1, max: 30 }), extra: fc.integer({ min: 1, max: 40 }), months: fc.boolean(), mw: fc.integer({ min: 1, max: 4 }) }),
      validity,
      maybeDay,
      counting,
    ],
    RUNS,
  )('rolling (days on any counting, or months)', (trip, { limit, extra, months, mw }, v, countFrom, dayCounting) => {
    const constraint: Constraint = months ? { kind: 'rolling', limit, window: mw, unit: 'months', ...v } : { kind: 'rolling', limit, window: limit + extra, ...v }
    check(ruleOf(constraint, countFrom, dayCounting), trip)
  })

  test.prop(
    [itinerary(7, 50, 200), fc.record({ limit: fc.integer({ min: 1, max: 40 }), months: fc.boolean() }), validity, maybeDay, counting, validity],
    RUNS,
  )('per-visit (days or months, for entries from / until)', (trip, { limit, months }, v, countFrom, dayCounting, entries) => {
    const scope = { ...v, entriesFrom: entries.validFrom, entriesUntil: entries.validTo }
    const constraint: Constraint = months ? { kind: 'per-visit', limit: Math.ceil(limit / 13), unit: 'months', ...scope } : { kind: 'per-visit', limit, ...scope }
    check(ruleOf(constraint, countFrom, dayCounting), trip)
  })

  test.prop([itinerary(7, 50, 200), fc.integer({ min: 1, max: 40 }), validity, maybeDay, counting], RUNS)(
    'continuous',
    (trip, limit, v, countFrom, dayCounting) => {
      check(ruleOf({ kind: 'continuous', limit, ...v }, countFrom, dayCounting), trip)
    },
  )

  test.prop(
    [
      itinerary(8, 60, 300),
      fc.record({
        n: fc.integer({ min: 1, max: 60 }),
        threshold: fc.boolean(),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
      }),
      validity,
      maybeDay,
      counting,
    ],
    RUNS,
  )('year (limit or threshold, any year start)', (trip, { n, threshold, month, day: d }, v, countFrom, dayCounting) => {
    const yearStart = { month, day: d }
    const constraint: Constraint = threshold ? { kind: 'year', threshold: n, yearStart, ...v } : { kind: 'year', limit: n, yearStart, ...v }
    check(ruleOf(constraint, countFrom, dayCounting), trip)
  })

  test.prop(
    [
      itinerary(10, 60, 500),
      fc.record({
        threshold: fc.integer({ min: 5, max: 70 }),
        divisors: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
        minCurrent: fc.integer({ min: 1, max: 20 }),
        month: fc.integer({ min: 1, max: 12 }),
      }),
      validity,
      maybeDay,
      counting,
    ],
    RUNS,
  )('weighted (any weights and year start)', (trip, { threshold, divisors, minCurrent, month }, v, countFrom, dayCounting) => {
    const constraint: Constraint = { kind: 'weighted', threshold, divisors: [1, ...divisors.slice(1)], minCurrent, yearStart: { month, day: 1 }, ...v }
    check(ruleOf(constraint, countFrom, dayCounting), trip)
  })

  test.prop(
    [itinerary(7, 40, 200), fc.record({ limit: fc.integer({ min: 1, max: 40 }), window: fc.integer({ min: 1, max: 12 }), days: fc.boolean() }), validity, maybeDay, counting],
    RUNS,
  )('absence (months or days)', (trip, { limit, window, days }, v, countFrom, dayCounting) => {
    const constraint: Constraint = days
      ? { kind: 'absence', limit, window: limit + window * 5, unit: 'days', ...v }
      : { kind: 'absence', limit, window, unit: 'months', ...v }
    check(ruleOf(constraint, countFrom, dayCounting), trip)
  })
})

describe('real presets at their own scale', () => {
  // Stays of up to 120 days around the reference day, across 2024-12-31 (ru's change of regime) and
  // several tax years (uk-srt, from 6 April; us-spt, calendar years weighted over three), and
  // absences long enough to break the 180 days in 12 months (uk-ilr, whole days, often with a
  // same-day return and departure): each constraint against the oracle, and the headline exit the
  // earliest of them.
  for (const id of ['schengen', 'ru', 'uk-srt', 'us-spt', 'uk-ilr']) {
    test.prop([itinerary(5, 120, 400)], RUNS)(id, (trip) => {
      const preset = requireRule(id)
      for (const constraint of preset.constraints) check({ ...preset, constraints: [constraint] }, trip)
      const report = assess({ stays: trip.stays, rule: preset, on: trip.on, returnsOn: trip.returning })
      const bounded = report.constraints.filter((c) => c.latestExitBound !== 'none')
      if (bounded.some((c) => c.latestExit === null)) expect(report.latestExit).toBeNull()
      else if (bounded.length > 0) expect(report.latestExit).toBe(Math.min(...bounded.map((c) => c.latestExit as number)))
    })
  }
})

describe('several constraints in one rule', () => {
  test.prop([itinerary(7, 40, 200), maybeDay], RUNS)('the headline exit is the earliest, and it keeps every constraint', (trip, countFrom) => {
    const rule: Rule = {
      ...ruleOf({ kind: 'per-visit', limit: 20 }, countFrom, 'calendar'),
      constraints: [
        { kind: 'per-visit', limit: 20 },
        { kind: 'rolling', limit: 30, window: 60, validTo: (BASE + 120) as CalendarDay },
        { kind: 'year', limit: 45, validFrom: (BASE + 121) as CalendarDay },
        { kind: 'continuous', limit: 25 },
      ],
    }
    const report = assess({ stays: trip.stays, rule, on: trip.on })
    const bounded = report.constraints.filter((c) => c.latestExitBound !== 'none')
    if (bounded.some((c) => c.latestExit === null)) expect(report.latestExit).toBeNull()
    else if (bounded.length === 0) expect(report.latestExitBound).toBe('none')
    else expect(report.latestExit).toBe(Math.min(...bounded.map((c) => c.latestExit as number)))
    expect(report.violations).toEqual(
      report.constraints.flatMap((c) => c.violations).sort((a, b) => a.start - b.start || a.end - b.end),
    )
    if (report.latestExit !== null) {
      const visits = trip.stays.map((s) => ({ start: s.entry, end: s.exit ?? trip.on, ...(continuesVisit(s) ? { continues: true } : {}) }))
      // A later day one constraint breaks even leaving on `on` is over whatever the exit: it holds
      // back no other constraint's latest exit (QA: kz-visa-free's 90/180 guarded a planned day past its 30 per visit).
      const rules = rule.constraints.map((constraint) => ({ countFrom, dayCounting: 'calendar' as const, constraint }))
      const at = (x: number) => oracleCheckRuleExit(rules, visits, trip.on, x, oracleReentered(trip.stays, trip.on))
      for (const r of at(report.latestExit)) expect(r).toEqual({ holds: true, harmless: true })
      // And the latest: a day more breaks a constraint, or a planned day the whole rule kept.
      expect(at(report.latestExit + 1).every((r) => r.holds && r.harmless)).toBe(false)
    }
  })
})

describe('the general sliding window agrees with the day-window engine', () => {
  test.prop([itinerary(7, 40, 200), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }), validity, maybeDay], RUNS)(
    'on calendar days',
    (trip, limit, extra, v, countFrom) => {
      const visits = trip.stays.map((s) => ({ start: s.entry as number, end: (s.exit ?? trip.on) as number })).sort((a, b) => a.start - b.start)
      const cf = countFrom ?? Number.NEGATIVE_INFINITY
      const ctx: EvalContext = { on: trip.on, countFrom: cf, presence: buildDaySet(visits, cf), visits, dayCounting: 'calendar' }
      const c = { kind: 'rolling' as const, limit, window: limit + extra, ...v }
      const a = evaluateRolling(c, ctx)
      const b = evaluateSliding({ ...c, unit: 'days' }, ctx, a.id, a.label, 'rolling')
      const { details: _, ...rest } = b
      expect(rest).toEqual(a)
    },
  )
})

describe('the days remaining day after day (days come back)', () => {
  // Any constraint of any kind, one to three in a rule, on any day counting.
  const anyConstraint: fc.Arbitrary<Constraint> = fc.oneof(
    fc.record({ limit: fc.integer({ min: 1, max: 30 }), extra: fc.integer({ min: 1, max: 40 }), v: validity }).map(({ limit, extra, v }): Constraint => ({ kind: 'rolling', limit, window: limit + extra, ...v })),
    fc.record({ limit: fc.integer({ min: 1, max: 30 }), mw: fc.integer({ min: 1, max: 4 }) }).map(({ limit, mw }): Constraint => ({ kind: 'rolling', limit, window: mw, unit: 'months' })),
    fc.record({ limit: fc.integer({ min: 1, max: 40 }), v: validity }).map(({ limit, v }): Constraint => ({ kind: 'per-visit', limit, ...v })),
    fc.integer({ min: 1, max: 40 }).map((limit): Constraint => ({ kind: 'continuous', limit })),
    fc
      .record({ n: fc.integer({ min: 1, max: 60 }), threshold: fc.boolean(), month: fc.integer({ min: 1, max: 12 }), v: validity })
      .map(({ n, threshold, month, v }): Constraint => (threshold ? { kind: 'year', threshold: n, yearStart: { month, day: 1 }, ...v } : { kind: 'year', limit: n, yearStart: { month, day: 1 }, ...v })),
    fc
      .record({ threshold: fc.integer({ min: 5, max: 70 }), minCurrent: fc.integer({ min: 1, max: 20 }), month: fc.integer({ min: 1, max: 12 }) })
      .map(({ threshold, minCurrent, month }): Constraint => ({ kind: 'weighted', threshold, divisors: [1, 3, 6], minCurrent, yearStart: { month, day: 1 } })),
    fc.record({ limit: fc.integer({ min: 1, max: 40 }), window: fc.integer({ min: 1, max: 12 }) }).map(({ limit, window }): Constraint => ({ kind: 'absence', limit, window })),
  )

  // Each case assesses some 200 days one by one: a third of the runs.
  test.prop([itinerary(7, 60, 200), fc.array(anyConstraint, { minLength: 1, maxLength: 3 }), maybeDay, counting, fc.boolean()], { numRuns: Math.ceil(RUNS.numRuns / 3) })(
    'the series is assess(...).daysRemaining on each day, for recorded and open stays alike',
    (trip, constraints, countFrom, dayCounting, closeOpen) => {
      const rule: Rule = { ...ruleOf(constraints[0]!, countFrom, dayCounting), constraints }
      // Closed stays take the series' own way (the presence built once); an open one, day by day.
      const stays = closeOpen ? trip.stays.map((s) => (s.exit === null ? { ...s, exit: trip.on } : s)) : trip.stays
      // From 100 days before the reference day (its history, dense with same-day re-entries); an
      // open stay is closed on the day asked, so not before it began.
      const from = Math.max(trip.on - 100, ...stays.filter((s) => s.exit === null).map((s) => s.entry))
      const to = trip.on + 150
      const series = daysRemainingSeries(stays, rule, from, to)
      expect(series).toHaveLength(to - from + 1)
      for (let t = from; t <= to; t++) expect(series[t - from], `day ${t}`).toBe(assess({ stays, rule, on: t as CalendarDay }).daysRemaining)
    },
  )
})
