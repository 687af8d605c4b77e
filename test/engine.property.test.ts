/**
 * The engine against the brute-force oracle (test/helpers/oracle.ts) over random itineraries:
 * random limits and windows, count-start dates, validity, same-day re-entries, overlaps and open stays.
 * Stays are built from gaps and lengths, never by filtering random pairs.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { assess } from '../src/engine/assess.js'
import type { Report } from '../src/engine/types.js'
import type { Rule } from '../src/rules/types.js'
import type { CalendarDay, Stay } from '../src/types.js'
import { rollingRule, stayOf } from './helpers/factories.js'
import { checkedOn, extensionFault, oracle, presence, type RollingSpec, specOf, usedOn, violations } from './helpers/oracle.js'

const RUNS = { numRuns: Number(process.env.PROP_RUNS ?? 1000) }

interface Case {
  readonly stays: readonly Stay[]
  readonly rule: Rule
  readonly spec: RollingSpec
  readonly on: number
}

/** Gap from the previous exit to the next entry: 0 = same-day re-entry, 1 = next day, < 0 = overlap. */
const gapArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: -20, max: -1 }) },
  { weight: 5, arbitrary: fc.integer({ min: 2, max: 150 }) },
)
const legArb = fc.record({ gap: gapArb, len: fc.integer({ min: 1, max: 60 }) })

/** A point in [lo, hi], from a per-mille fraction (keeps shrinking meaningful). */
const at = (lo: number, hi: number, permille: number): number => lo + Math.floor(((hi - lo) * permille) / 1000)
const permille = fc.integer({ min: 0, max: 1000 })
/** `null` four times in five: most rules have no validity dates. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb })

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    base: fc.integer({ min: -4000, max: 25000 }), // about 1959 … 2038, pre-1970 included
    legs: fc.array(legArb, { maxLength: 8 }),
    onAt: permille,
    openPick: fc.option(fc.nat(), { nil: null, freq: 3 }),
    limit: fc.integer({ min: 1, max: 100 }),
    windowRaw: fc.nat(),
    countFromAt: fc.option(permille, { nil: null, freq: 2 }),
    validFromAt: rarely(permille),
    validToAt: rarely(permille),
  })
  .map(({ base, legs, onAt, openPick, limit, windowRaw, countFromAt, validFromAt, validToAt }) => {
    const ranges: { entry: number; exit: number }[] = []
    let prevExit = base - 1
    for (const { gap, len } of legs) {
      const entry = ranges.length === 0 ? base : prevExit + gap
      ranges.push({ entry, exit: entry + len - 1 })
      prevExit = entry + len - 1
    }
    const first = Math.min(base, ...ranges.map((r) => r.entry))
    const last = Math.max(base, ...ranges.map((r) => r.exit))
    let on = at(first - 60, last + 120, onAt)
    const openIndex = openPick === null || ranges.length === 0 ? -1 : openPick % ranges.length
    if (openIndex >= 0) on = Math.max(on, (ranges[openIndex] as { entry: number }).entry)
    const stays = ranges.map((r, i) => stayOf(r.entry, i === openIndex ? null : r.exit, i + 2))
    const window = limit + 1 + (windowRaw % (400 - limit))
    const pick = (p: number | null): number | null => (p === null ? null : at(first - 60, last + 120, p))
    const rule = rollingRule({ limit, window, countFrom: pick(countFromAt), validFrom: pick(validFromAt), validTo: pick(validToAt) })
    return { stays, rule, spec: specOf(rule), on }
  })

const run = ({ stays, rule, on }: Case): Report => assess({ stays, rule, on: on as CalendarDay })

/** The report's comparable content, every date shifted by -k (for translation). */
function essence(r: Report, k = 0) {
  const shift = (d: number | null) => (d === null ? null : d - k)
  return {
    inside: r.inside,
    daysUsed: r.daysUsed,
    daysRemaining: r.daysRemaining,
    overstayDays: r.overstayDays,
    window: { start: r.window.start - k, end: r.window.end - k },
    latestExit: shift(r.latestExit),
    latestExitBound: r.latestExitBound,
    violations: r.violations.map((v) => ({ start: v.start - k, end: v.end - k, peakDaysUsed: v.peakDaysUsed })),
    // canonical order: an open stay and a closed one over the same days tie in the report's sort
    stays: r.stays
      .map((s) => ({ entry: s.entry - k, exit: shift(s.exit), days: s.days }))
      .sort((a, b) => a.entry - b.entry || a.days - b.days || Number(a.exit === null) - Number(b.exit === null)),
  }
}

/** Latest exit as a number for comparisons: none legal = -∞, unbounded = +∞. */
const exitRank = (r: Report): number =>
  r.latestExit !== null ? r.latestExit : r.latestExitBound === 'none' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY

describe('engine = oracle', () => {
  test.prop([caseArb], RUNS)('daysUsed, window, remaining, overstay and inside equal the oracle on any day', (c) => {
    const r = run(c)
    const days = presence(c.stays, c.on, c.spec)
    const used = usedOn(days, c.on, c.spec.window)
    expect({ daysUsed: r.daysUsed, remaining: r.daysRemaining, overstay: r.overstayDays, window: r.window, inside: r.inside }).toEqual({
      daysUsed: used,
      remaining: Math.max(0, c.spec.limit - used),
      overstay: checkedOn(c.spec, c.on) ? Math.max(0, used - c.spec.limit) : 0,
      window: { start: c.on - c.spec.window + 1, end: c.on },
      inside: c.stays.some((s) => s.entry <= c.on && c.on <= (s.exit ?? c.on)),
    })
  })

  test.prop([caseArb], RUNS)('violations equal the oracle', (c) => {
    const expected = violations(presence(c.stays, c.on, c.spec), c.spec)
    expect(run(c).violations.map(({ start, end, peakDaysUsed }) => ({ start, end, peakDaysUsed }))).toEqual(expected)
  })

  test.prop([caseArb], RUNS)('latestExit and its bound equal the oracle', (c) => {
    const r = run(c)
    const o = oracle(c.stays, c.spec, c.on)
    expect({ latestExit: r.latestExit, bound: r.latestExitBound }).toEqual({ latestExit: o.latestExit, bound: o.latestExitBound })
  })
})

describe('latest exit: legal and maximal, by the full check', () => {
  test.prop([caseArb], RUNS)('staying through latestExit breaks nothing; one more day does', (c) => {
    const r = run(c)
    const fault = (x: number) => extensionFault(c.stays, c.spec, c.on, x)
    switch (r.latestExitBound) {
      case 'limit':
      case 'plan':
        if (r.latestExit === null) {
          expect(r.latestExitBound).toBe('plan') // null with 'plan': even today breaks a plan
          expect(r.inside).toBe(false) // inside, harm is judged against leaving today: none
          expect(fault(c.on)).toBe('plan')
        } else {
          expect(r.latestExit).toBeGreaterThanOrEqual(c.on)
          expect(fault(r.latestExit)).toBeNull()
          expect(fault(r.latestExit + 1)).toBe(r.latestExitBound)
        }
        break
      case 'over':
        expect(r.latestExit).toBeNull()
        expect(fault(c.on)).toBe('limit')
        break
      case 'none':
        expect(r.latestExit).toBeNull()
        expect(fault((c.spec.validTo ?? c.on) + c.spec.window)).toBeNull()
        break
    }
  })
})

describe('invariants', () => {
  test.prop([caseArb], RUNS)('0 ≤ daysRemaining ≤ L, and remaining − overstay = L − used (no overstay where not in force)', (c) => {
    const r = run(c)
    expect(r.daysRemaining).toBeGreaterThanOrEqual(0)
    expect(r.daysRemaining).toBeLessThanOrEqual(c.spec.limit)
    expect(r.overstayDays).toBeGreaterThanOrEqual(0)
    expect(r.daysRemaining - r.overstayDays).toBe(c.spec.limit - r.daysUsed + (checkedOn(c.spec, c.on) ? 0 : Math.max(0, r.daysUsed - c.spec.limit)))
  })

  test.prop([caseArb, fc.array(fc.double({ noNaN: true }), { minLength: 8, maxLength: 8 })], RUNS)('the order of the stays does not matter', (c, keys) => {
    const shuffled = c.stays
      .map((s, i) => ({ s, key: keys[i] ?? 0 }))
      .sort((a, b) => a.key - b.key)
      .map(({ s }) => s)
    expect(essence(run({ ...c, stays: shuffled }))).toEqual(essence(run(c)))
  })

  test.prop([caseArb, fc.integer({ min: -20000, max: 20000 })], RUNS)('shifting every date by k shifts the answers by k', (c, k) => {
    const by = (d: number | null | undefined) => (d === null || d === undefined ? null : d + k)
    const spec = c.spec
    const rule = rollingRule({ limit: spec.limit, window: spec.window, countFrom: by(spec.countFrom), validFrom: by(spec.validFrom), validTo: by(spec.validTo) })
    const stays = c.stays.map((s, i) => stayOf(s.entry + k, by(s.exit), i + 2))
    expect(essence(run({ stays, rule, spec: specOf(rule), on: c.on + k }), k)).toEqual(essence(run(c)))
  })

  // Holds only when the reference day itself is checked (validFrom ≤ on). Otherwise, by the definition,
  // an earlier stay can push a planned day over the limit on its own, and a day that is over already is
  // no longer protected by (b): 1/62 from day -59, stays [0, 0], on -60 gives null ('plan'); adding
  // [-61, -61] makes day 0 over (2 in [-61, 0]), and entering on -60 (unchecked) becomes legal.
  test.prop([caseArb.filter((c) => c.spec.validFrom === null || c.spec.validFrom <= c.on), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 120 })], RUNS)(
    'adding a stay that ends before the reference day never adds days remaining nor moves latestExit later',
    (c, endsBefore, len) => {
      const exit = c.on - endsBefore
      const more = { ...c, stays: [...c.stays, stayOf(exit - len + 1, exit, 99)] }
      const before = run(c)
      const after = run(more)
      expect(after.daysRemaining).toBeLessThanOrEqual(before.daysRemaining)
      expect(exitRank(after)).toBeLessThanOrEqual(exitRank(before))
    },
  )
})
