/**
 * Each constraint kind on hand-computed itineraries: visits as recorded, continuity, years with
 * their own start, validity, count start, day counting, the details in the JSON, and several
 * constraints in one rule. Expected dates are counted by hand in the comments.
 */
import { describe, expect, it } from 'vitest'
import { day, isoOf } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import type { ConstraintReport, Report } from '../src/engine/types.js'
import type { Constraint, DayCounting, Rule } from '../src/rules/types.js'
import type { CalendarDay, Stay } from '../src/types.js'

const trip = (entry: string, exit: string | null): Stay => ({
  entry: day(entry),
  exit: exit === null ? null : day(exit),
  source: { flag: `--trip ${entry}..${exit ?? ''}` },
})

interface RuleOptions {
  readonly countFrom?: string
  readonly dayCounting?: DayCounting
  readonly validFrom?: string
  readonly validTo?: string
}

function rule(constraints: Constraint[], { countFrom, dayCounting, validFrom, validTo }: RuleOptions = {}): Rule {
  return {
    id: 'test',
    label: 'test',
    countFrom: countFrom === undefined ? null : day(countFrom),
    ...(dayCounting ? { dayCounting } : {}),
    ...(validFrom ? { validFrom: day(validFrom) } : {}),
    ...(validTo ? { validTo: day(validTo) } : {}),
    constraints,
    source: 'test',
    confidence: 'official',
  }
}

const run = (r: Rule, on: string, ...stays: [string, string | null][]): Report =>
  assess({ stays: stays.map(([a, b]) => trip(a, b)), rule: r, on: day(on) })

const only = (r: Report): ConstraintReport => {
  expect(r.constraints).toHaveLength(1)
  return r.constraints[0] as ConstraintReport
}
const exitOf = (c: { latestExit: number | null }): string | null => (c.latestExit === null ? null : isoOf(c.latestExit))
const runs = (r: { violations: Report['violations'] }) => r.violations.map((v) => [isoOf(v.start), isoOf(v.end), v.peakDaysUsed])
const d = (s: string): CalendarDay => day(s)

describe('per-visit', () => {
  const twenty = rule([{ kind: 'per-visit', limit: 20 }])

  it('counts overlapping records of one stay each from its own entry', () => {
    // Jan 5 + 20 = Jan 25 is day 21 of the second record.
    const r = run(twenty, '2024-02-01', ['2024-01-01', '2024-01-20'], ['2024-01-05', '2024-01-25'])
    expect(runs(only(r))).toEqual([['2024-01-25', '2024-01-25', 21]])
  })

  it('starts a new visit on a same-day exit and re-entry', () => {
    const r = run(twenty, '2024-02-10', ['2024-01-01', '2024-01-20'], ['2024-01-20', '2024-02-05'])
    expect(r.violations).toEqual([])
  })

  it('reports the day of the current visit and its last allowed day', () => {
    const c = only(run(twenty, '2024-01-12', ['2024-01-03', null]))
    expect(c).toMatchObject({ id: 'per-visit:20d', daysUsed: 10, limit: 20, daysRemaining: 10, window: { start: d('2024-01-03'), end: d('2024-01-12') } })
    expect(c.details).toEqual({ unit: 'days', visitEntry: '2024-01-03', visitDay: 10, lastAllowedDay: '2024-01-22' })
  })

  it('outside a visit, reports what a visit entered on the reference day may last', () => {
    const c = only(run(rule([{ kind: 'per-visit', limit: 1, unit: 'months' }]), '2024-01-31'))
    // 31 Jan + 1 month = 29 Feb (clamped), so the last day is 28 Feb: 29 days.
    expect(c).toMatchObject({ daysUsed: 0, limit: 29, latestExit: d('2024-02-28'), latestExitBound: 'limit' })
    expect(c.details).toEqual({ unit: 'months', visitEntry: null, visitDay: 0, lastAllowedDay: '2024-02-28' })
  })

  it('stops before a stay that would merge with a planned visit and push it over', () => {
    // Entering Jan 1: day 20 is Jan 20. A planned visit Jan 15-30 is absorbed once the stay runs past
    // Jan 15 (it would no longer be a new entry), and then Jan 21-30 are days 21-30 of one visit.
    // Leaving on Jan 15 and re-entering that day keeps the plan a visit of its own.
    const c = only(run(twenty, '2024-01-01', ['2024-01-15', '2024-01-30']))
    expect(c).toMatchObject({ latestExit: d('2024-01-15'), latestExitBound: 'plan' })
  })

  it('counts a visit running across countFrom from countFrom', () => {
    const r = run(rule([{ kind: 'per-visit', limit: 10 }], { countFrom: '2024-01-10' }), '2024-01-15', ['2024-01-01', null])
    // Day 1 is Jan 10: day 6 on Jan 15, day 10 on Jan 19.
    expect(only(r)).toMatchObject({ daysUsed: 6, latestExit: d('2024-01-19') })
  })
})

describe('continuous', () => {
  const fifteen = rule([{ kind: 'continuous', limit: 15 }])

  it('joins stays when the next begins on the day the last ends', () => {
    const r = run(fifteen, '2024-02-01', ['2024-01-01', '2024-01-10'], ['2024-01-10', '2024-01-20'])
    expect(runs(only(r))).toEqual([['2024-01-16', '2024-01-20', 20]])
  })

  it('does not join stays with a day between them', () => {
    const r = run(fifteen, '2024-02-01', ['2024-01-01', '2024-01-10'], ['2024-01-11', '2024-01-20'])
    expect(r.violations).toEqual([])
  })

  it('reports the day of the continuous stay', () => {
    const c = only(run(fifteen, '2024-01-12', ['2024-01-01', '2024-01-10'], ['2024-01-10', null]))
    expect(c).toMatchObject({ id: 'continuous:15', daysUsed: 12, latestExit: d('2024-01-15'), window: { start: d('2024-01-01'), end: d('2024-01-12') } })
    expect(c.details).toEqual({ stayStart: '2024-01-01', stayDay: 12, lastAllowedDay: '2024-01-15' })
  })

  it('a stay entered the day after leaving starts afresh', () => {
    const c = only(run(fifteen, '2024-01-11', ['2024-01-01', '2024-01-10']))
    expect(c).toMatchObject({ daysUsed: 0, latestExit: d('2024-01-25') }) // Jan 11 + 14
  })
})

describe('year', () => {
  it('counts each year from its own start (6 April)', () => {
    // Apr 1-5 belong to the year from 2023-04-06, Apr 6-10 to the year from 2024-04-06: 5 and 5.
    const r = run(rule([{ kind: 'year', limit: 6, yearStart: { month: 4, day: 6 } }]), '2024-04-10', ['2024-04-01', '2024-04-10'])
    const c = only(r)
    expect(r.violations).toEqual([])
    expect(c).toMatchObject({ id: 'year:6@04-06', daysUsed: 5, limit: 6, window: { start: d('2024-04-06'), end: d('2024-04-10') } })
    expect(c.details).toEqual({ periodStart: '2024-04-06', periodEnd: '2025-04-05', periodDays: 5 })
  })

  it('counts days before validFrom but checks only from it', () => {
    // Jan 1-10: 8 days by Jan 8 (over 5), but days before Jan 8 are not checked.
    const r = run(rule([{ kind: 'year', limit: 5, validFrom: d('2025-01-08') }]), '2025-01-10', ['2025-01-01', '2025-01-10'])
    expect(runs(only(r))).toEqual([['2025-01-08', '2025-01-10', 10]])
  })

  it('a threshold reports what is counted, the threshold and whether it is crossed', () => {
    const c = only(run(rule([{ kind: 'year', threshold: 10 }]), '2025-03-01', ['2025-01-01', '2025-01-05'], ['2025-06-01', '2025-06-30']))
    // 5 days by Mar 1; with the June plans the 10th day is June 5.
    expect(c).toMatchObject({ id: 'year:10+', daysUsed: 5, limit: 9, daysRemaining: 4 })
    expect(c.details).toEqual({ periodStart: '2025-01-01', periodEnd: '2025-12-31', periodDays: 35, threshold: 10, crossed: false, crossedOn: '2025-06-05' })
    expect(runs(c)).toEqual([['2025-06-05', '2025-06-30', 35]])
  })

  it('planned days later in the year shorten the stay now', () => {
    // 20 allowed; 15 planned in December. Entering Mar 1: staying 5 days (to Mar 5) keeps December legal.
    const c = only(run(rule([{ kind: 'year', limit: 20 }]), '2025-03-01', ['2025-12-01', '2025-12-15']))
    expect(c).toMatchObject({ latestExit: d('2025-03-05'), latestExitBound: 'plan' })
  })
})

describe('day counting', () => {
  it('midnight: the departure day is not counted', () => {
    const r = rule([{ kind: 'rolling', limit: 3, window: 10 }], { dayCounting: 'midnight' })
    expect(run(r, '2024-01-10', ['2024-01-01', '2024-01-04']).violations).toEqual([]) // nights of Jan 1, 2, 3
    expect(runs(run(r, '2024-01-10', ['2024-01-01', '2024-01-05']))).toEqual([['2024-01-04', '2024-01-04', 4]])
  })

  it('midnight: a same-day exit and re-entry keeps the night', () => {
    const r = rule([{ kind: 'year', limit: 100 }], { dayCounting: 'midnight' })
    // Nights Jan 1..4 and Jan 5..9: the re-entry on Jan 5 puts the night of Jan 5 back in.
    expect(run(r, '2024-01-31', ['2024-01-01', '2024-01-05'], ['2024-01-05', '2024-01-10']).daysUsed).toBe(9)
  })

  it('whole: neither the departure nor the return day is counted', () => {
    const r = rule([{ kind: 'absence', limit: 100, window: 12 }], { dayCounting: 'whole' })
    expect(run(r, '2024-01-31', ['2024-01-01', '2024-01-02']).daysUsed).toBe(0)
    expect(run(r, '2024-01-31', ['2024-01-01', '2024-01-03']).daysUsed).toBe(1)
  })

  it('whole: abroad on the reference day, the days so far count and today is not yet whole', () => {
    const c = only(run(rule([{ kind: 'absence', limit: 10, window: 12 }], { dayCounting: 'whole' }), '2024-01-06', ['2024-01-01', null]))
    // Whole days Jan 2-5 so far (4); returning on X counts Jan 2..X-1, so X-1 = Jan 11 gives 10.
    expect(c).toMatchObject({ daysUsed: 4, latestExit: d('2024-01-12'), latestExitBound: 'limit' })
  })
})

describe('validity and rules that change', () => {
  it('a rule in force from a date checks nothing before it', () => {
    const r = run(rule([{ kind: 'rolling', limit: 2, window: 10 }], { validFrom: '2024-06-01' }), '2024-01-05', ['2024-01-01', '2024-01-10'])
    expect(r.violations).toEqual([])
    expect(only(r).inForce).toBe(false)
  })

  it('a constraint no longer in force sets no bound', () => {
    const c = only(run(rule([{ kind: 'continuous', limit: 5, validTo: d('2024-01-03') }]), '2024-01-04'))
    expect(c).toMatchObject({ inForce: false, latestExit: null, latestExitBound: 'none' })
  })

  it('two regimes chained at a date: the later one binds after the change', () => {
    const r = rule([
      { kind: 'per-visit', limit: 30, validTo: d('2024-12-31') },
      { kind: 'per-visit', limit: 10, validFrom: d('2025-01-01') },
    ])
    // Entering Dec 20: the 30-day cap is checked only until Dec 31 (day 12), so it sets no bound.
    // From Jan 1 the 10-day cap applies, and Jan 1 would be day 13: the last day is Dec 31.
    const report = run(r, '2024-12-20', ['2024-12-20', null])
    expect(exitOf(report)).toBe('2024-12-31')
    expect(report.constraints.map((c) => [c.id, c.inForce, exitOf(c)])).toEqual([
      ['per-visit:30d', true, null],
      ['per-visit:10d', false, '2024-12-31'],
    ])
    // The headline figures are those of a constraint in force on the reference day.
    expect(report.binding).toBe('per-visit:30d')
  })

  it('gives constraints with the same id distinct ids', () => {
    const r = run(rule([{ kind: 'continuous', limit: 3 }, { kind: 'continuous', limit: 3, validFrom: d('2024-01-05') }]), '2024-01-10', ['2024-01-01', '2024-01-06'])
    expect(r.constraints.map((c) => c.id)).toEqual(['continuous:3', 'continuous:3#2'])
    expect(r.violations.map((v) => v.constraint)).toEqual(['continuous:3', 'continuous:3#2'])
  })
})

describe('several constraints: the headline', () => {
  const stacked = rule([
    { kind: 'per-visit', limit: 30 },
    { kind: 'rolling', limit: 90, window: 180 },
  ])

  it('takes the earliest exit and the constraint with the fewest days left', () => {
    // 80 days used in the window (Jan 1..Mar 20, 2024: 31 + 29 + 20); entering Apr 1 leaves 10.
    const r = run(stacked, '2024-04-01', ['2024-01-01', '2024-01-30'], ['2024-02-01', '2024-03-01'], ['2024-03-10', '2024-03-29'])
    expect(r.binding).toBe('rolling:90/180')
    expect(r.daysUsed).toBe(80)
    expect(r.daysRemaining).toBe(10)
    expect(exitOf(r)).toBe('2024-04-10')
  })

  it('names each violation by its constraint', () => {
    const r = run(stacked, '2024-03-05', ['2024-01-01', '2024-03-05'])
    // Day 31 is Jan 31; the 91st day in the window is Mar 31 (not reached).
    expect(r.violations).toEqual([{ start: d('2024-01-31'), end: d('2024-03-05'), peakDaysUsed: 65, constraint: 'per-visit:30d' }])
  })
})

describe('details in the JSON, per kind', () => {
  it.each<[string, Constraint, DayCounting, string[]]>([
    ['rolling in months', { kind: 'rolling', limit: 5, window: 1, unit: 'months' }, 'calendar', ['window', 'unit', 'windowDays']],
    ['rolling counting midnights', { kind: 'rolling', limit: 5, window: 10 }, 'midnight', ['window', 'unit', 'windowDays']],
    ['per-visit', { kind: 'per-visit', limit: 5 }, 'calendar', ['unit', 'visitEntry', 'visitDay', 'lastAllowedDay']],
    ['year limit', { kind: 'year', limit: 5 }, 'calendar', ['periodStart', 'periodEnd', 'periodDays']],
    ['year threshold', { kind: 'year', threshold: 5 }, 'calendar', ['periodStart', 'periodEnd', 'periodDays', 'threshold', 'crossed', 'crossedOn']],
    ['continuous', { kind: 'continuous', limit: 5 }, 'calendar', ['stayStart', 'stayDay', 'lastAllowedDay']],
    [
      'weighted',
      { kind: 'weighted', threshold: 5, divisors: [1, 3, 6], minCurrent: 1 },
      'calendar',
      ['periodStart', 'periodEnd', 'threshold', 'minCurrent', 'currentYearDays', 'previousYearDays', 'yearBeforeDays', 'weightedTotal', 'weightedTotalFloor', 'crossed', 'crossedOn'],
    ],
    ['absence', { kind: 'absence', limit: 5, window: 12 }, 'whole', ['window', 'unit', 'windowDays']],
  ])('%s', (_, constraint, dayCounting, keys) => {
    const c = only(run(rule([constraint], { dayCounting }), '2024-03-01', ['2024-02-01', '2024-02-03']))
    expect(Object.keys(c.details ?? {})).toEqual(keys)
  })
})
