/**
 * Each constraint kind on hand-computed itineraries: visits as recorded, continuity, years with
 * their own start, validity, count start, day counting, the details in the JSON, and several
 * constraints in one rule. Expected dates are counted by hand in the comments.
 */
import { describe, expect, it } from 'vitest'
import { day, isoOf } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import type { ConstraintReport, ContinuingStay, Report } from '../src/engine/types.js'
import { requireRule } from '../src/rules/index.js'
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

  it('merges overlapping records into one visit from the earliest entry (rules-reference §4.5)', () => {
    // Entering Jan 5 while inside since Jan 1 is no new entry: one visit Jan 1-25, day 21 is Jan 21.
    const r = run(twenty, '2024-02-01', ['2024-01-01', '2024-01-20'], ['2024-01-05', '2024-01-25'])
    expect(runs(only(r))).toEqual([['2024-01-21', '2024-01-25', 25]])
  })

  it('merges a chain of overlaps, across a same-day re-entry bridged by an overlapping record', () => {
    // Jan 1-10 and Jan 10-20 alone are two visits (a same-day exit and re-entry); Jan 5-12 overlaps
    // both, so the person never left: one visit Jan 1-20, days 21+ none, but a 15-day cap breaks
    // on Jan 16-20 (days 16-20).
    const fifteen = rule([{ kind: 'per-visit', limit: 15 }])
    const chain = run(fifteen, '2024-02-01', ['2024-01-01', '2024-01-10'], ['2024-01-10', '2024-01-20'], ['2024-01-05', '2024-01-12'])
    expect(runs(only(chain))).toEqual([['2024-01-16', '2024-01-20', 20]])
    const twoVisits = run(fifteen, '2024-02-01', ['2024-01-01', '2024-01-10'], ['2024-01-10', '2024-01-20'])
    expect(twoVisits.violations).toEqual([])
  })

  it('an open stay and a record entering on the reference day are one visit', () => {
    // Inside since Jan 1 (no exit) and a record entering Jan 15: no exit was made, so one visit
    // Jan 1-30; day 21 is Jan 21. Staying on, the visit is on day 15 and may last until Jan 20.
    const r = assess({ stays: [trip('2024-01-01', null), trip('2024-01-15', '2024-01-30')], rule: twenty, on: d('2024-01-15') })
    expect(runs(only(r))).toEqual([['2024-01-21', '2024-01-30', 30]])
    expect(only(r)).toMatchObject({ daysUsed: 15, latestExit: d('2024-01-20'), latestExitBound: 'limit' })
  })

  it('the figures on the reference day are those of the merged visit', () => {
    // Jan 1-20 and Jan 10-.. (open): day 15 on Jan 15, last allowed day Jan 20.
    const c = only(run(twenty, '2024-01-15', ['2024-01-01', '2024-01-20'], ['2024-01-10', null]))
    expect(c).toMatchObject({ daysUsed: 15, latestExit: d('2024-01-20'), latestExitBound: 'limit', window: { start: d('2024-01-01'), end: d('2024-01-15') } })
    expect(c.details).toMatchObject({ visitEntry: '2024-01-01', visitDay: 15, lastAllowedDay: '2024-01-20' })
  })

  it('a merged visit is authorised until the date of its record entered last that gives one', () => {
    const ninety = rule([{ kind: 'per-visit', limit: 90 }])
    const withUntil = (entry: string, exit: string, until?: string): Stay => (until ? { ...trip(entry, exit), until: d(until) } : trip(entry, exit))
    // One visit Jan 1 - Feb 10. The later record's date (Feb 5) replaces the first one's (Jan 25):
    // Feb 6-10 are over (day 37-41 of the visit).
    const both = assess({ stays: [withUntil('2024-01-01', '2024-01-20', '2024-01-25'), withUntil('2024-01-10', '2024-02-10', '2024-02-05')], rule: ninety, on: d('2024-03-01') })
    expect(runs(only(both))).toEqual([['2024-02-06', '2024-02-10', 41]])
    // Only the first record gives a date: it holds for the whole visit (Jan 26 - Feb 10, days 26-41).
    const first = assess({ stays: [withUntil('2024-01-01', '2024-01-20', '2024-01-25'), withUntil('2024-01-10', '2024-02-10')], rule: ninety, on: d('2024-03-01') })
    expect(runs(only(first))).toEqual([['2024-01-26', '2024-02-10', 41]])
    // Only the later record gives one (as --admit-until does): it holds from the visit's entry.
    const later = assess({ stays: [withUntil('2024-01-01', '2024-01-20'), withUntil('2024-01-10', '2024-02-10', '2024-01-31')], rule: ninety, on: d('2024-03-01') })
    expect(runs(only(later))).toEqual([['2024-02-01', '2024-02-10', 41]])
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

  it('entriesUntil: the cap holds for the whole of a visit entered by then', () => {
    // Entered Jan 5 (on the last day of entries capped at 10): the 10th day is Jan 14, and Jan 15-20
    // are over although they come after Jan 5. A visit entered Jan 6 is not capped.
    const capped = rule([{ kind: 'per-visit', limit: 10, entriesUntil: d('2024-01-05') }])
    expect(runs(only(run(capped, '2024-02-01', ['2024-01-05', '2024-01-20'])))).toEqual([['2024-01-15', '2024-01-20', 16]])
    expect(run(capped, '2024-02-01', ['2024-01-06', '2024-01-20']).violations).toEqual([])
    // Inside on Jan 16 on that visit: already over, no legal exit.
    expect(only(run(capped, '2024-01-16', ['2024-01-05', null]))).toMatchObject({ inForce: true, latestExit: null, latestExitBound: 'over', daysUsed: 12 })
    // Entering on Jan 5 may stay until Jan 14; entering on Jan 6 is not capped (and not in force).
    expect(only(run(capped, '2024-01-05'))).toMatchObject({ inForce: true, latestExit: d('2024-01-14'), latestExitBound: 'limit' })
    expect(only(run(capped, '2024-01-06'))).toMatchObject({ inForce: false, latestExit: null, latestExitBound: 'none' })
  })

  it('entriesFrom: only visits entered from that day, by the entry of the merged visit', () => {
    const capped = rule([{ kind: 'per-visit', limit: 10, entriesFrom: d('2024-01-10') }])
    // Jan 1-12 and Jan 10-25 are one visit entered Jan 1: not capped.
    expect(run(capped, '2024-02-01', ['2024-01-01', '2024-01-12'], ['2024-01-10', '2024-01-25']).violations).toEqual([])
    // Alone, the Jan 10 record is a visit entered Jan 10: days 11-16 (Jan 20-25) are over.
    expect(runs(only(run(capped, '2024-02-01', ['2024-01-10', '2024-01-25'])))).toEqual([['2024-01-20', '2024-01-25', 16]])
    // Staying on from Jan 8 in a visit entered Jan 1 sets no bound, even over a planned visit it absorbs.
    expect(only(run(capped, '2024-01-08', ['2024-01-01', null]))).toMatchObject({ inForce: false, latestExitBound: 'none' })
  })

  describe('a return from a side trip (ContinuingStay) is no new visit', () => {
    const ninety = rule([{ kind: 'per-visit', limit: 90 }])
    const back = (entry: string, exit: string | null): ContinuingStay => ({ ...trip(entry, exit), continuesVisit: true })

    it('the visit runs on from its first entry through the days away', () => {
      // Jan 1 - Mar 1, away Mar 2-9, back Mar 10 - May 15: day 90 is Mar 30 (Jan 31, Feb 29, Mar 30);
      // May 15 is day 31 + 29 + 31 + 30 + 15 = 136.
      const r = assess({ stays: [trip('2024-01-01', '2024-03-01'), back('2024-03-10', '2024-05-15')], rule: ninety, on: d('2024-06-01') })
      expect(runs(only(r))).toEqual([['2024-03-31', '2024-05-15', 136]])
      // The same stays, the second a new entry: two visits of 61 and 67 days.
      expect(run(ninety, '2024-06-01', ['2024-01-01', '2024-03-01'], ['2024-03-10', '2024-05-15']).violations).toEqual([])
    })

    it('only days present break the cap: days away after the last allowed day are no overstay', () => {
      // Away Mar 26 - Apr 9 (day 90 is Mar 30), back Apr 10-20: days 101-111 (Apr 10 is 31 + 29 + 31 + 10).
      const r = assess({ stays: [trip('2024-01-01', '2024-03-25'), back('2024-04-10', '2024-04-20')], rule: ninety, on: d('2024-06-01') })
      expect(runs(only(r))).toEqual([['2024-04-10', '2024-04-20', 111]])
    })

    it('presence-based constraints count only the days present', () => {
      // Jan 1 - Mar 1 (31 + 29 + 1 = 61 days) and Mar 10 - May 15 (22 + 30 + 15 = 67 days): 128 in 2024.
      const year = rule([{ kind: 'year', limit: 365 }])
      const r = assess({ stays: [trip('2024-01-01', '2024-03-01'), back('2024-03-10', '2024-05-15')], rule: year, on: d('2024-06-01') })
      expect(r.daysUsed).toBe(128)
    })

    it('on the side trip, with the return recorded: day 65 of the visit, back by Mar 30', () => {
      // Mar 5 is day 31 + 29 + 5 = 65; the planned return's days from Mar 31 already break the cap.
      const c = only(assess({ stays: [trip('2024-01-01', '2024-03-01'), back('2024-03-10', '2024-05-15')], rule: ninety, on: d('2024-03-05') }))
      expect(c).toMatchObject({ daysUsed: 65, latestExit: d('2024-03-30'), latestExitBound: 'limit' })
      expect(c.details).toMatchObject({ visitEntry: '2024-01-01' })
    })

    it('on the side trip, return not recorded (returnsOn): an entry that day goes on with the visit', () => {
      const stays = [trip('2024-01-01', '2024-03-01')]
      const c = only(assess({ stays, rule: ninety, on: d('2024-03-05'), returnsOn: true }))
      expect(c).toMatchObject({ daysUsed: 65, latestExit: d('2024-03-30'), latestExitBound: 'limit' })
      // Past day 90 already: coming back is an overstay at once.
      expect(only(assess({ stays, rule: ninety, on: d('2024-04-02'), returnsOn: true }))).toMatchObject({ latestExit: null, latestExitBound: 'over' })
      // Without it, a new visit: Mar 5 + 89 = Jun 2.
      expect(only(assess({ stays, rule: ninety, on: d('2024-03-05') }))).toMatchObject({ daysUsed: 0, latestExit: d('2024-06-02') })
    })

    it('back on the day the side trip began: one visit, not a same-day re-entry', () => {
      // Out and back on Mar 1 (a same-day trip): still the visit from Jan 1, day 61 on Mar 1.
      const c = only(assess({ stays: [trip('2024-01-01', '2024-03-01'), back('2024-03-01', null)], rule: ninety, on: d('2024-03-01') }))
      expect(c).toMatchObject({ daysUsed: 61, latestExit: d('2024-03-30') })
    })
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

  it('whole: a same-day return and departure on the reference day makes it no whole day away', () => {
    // Abroad Jan 1 .. 6 (whole days Jan 2 .. 5 = 4), back on Jan 6 and off again that day. Returning
    // on X counts Jan 7 .. X-1: 4 + (X - 7) ≤ 10 ⇒ X = Jan 13, a day later than had one stayed
    // abroad through Jan 6 (Jan 2 .. 11 = 10 ⇒ Jan 12).
    const ten = rule([{ kind: 'absence', limit: 10, window: 12 }], { dayCounting: 'whole' })
    for (const back of ['2024-01-20', null]) {
      const c = only(run(ten, '2024-01-06', ['2024-01-01', '2024-01-06'], ['2024-01-06', back]))
      expect(c, `back ${back}`).toMatchObject({ daysUsed: 4, latestExit: d('2024-01-13'), latestExitBound: 'limit' })
    }
    expect(only(run(ten, '2024-01-06', ['2024-01-01', null]))).toMatchObject({ latestExit: d('2024-01-12') })
  })

  it('whole: abroad on the reference day, the days so far count and today is not yet whole', () => {
    const c = only(run(rule([{ kind: 'absence', limit: 10, window: 12 }], { dayCounting: 'whole' }), '2024-01-06', ['2024-01-01', null]))
    // Whole days Jan 2-5 so far (4); returning on X counts Jan 2..X-1, so X-1 = Jan 11 gives 10.
    expect(c).toMatchObject({ daysUsed: 4, latestExit: d('2024-01-12'), latestExitBound: 'limit' })
  })
})

describe('the latest exit ends the current stay there (leaving on X, not at the recorded exit)', () => {
  // Leaving on X, the stay one is in ends on X: its recorded days after X are gone. Counting
  // midnights or whole days the exit day is then not counted, even when the recorded stay ran on.

  it('uk-srt: leaving on 5 October is 182 midnights, whatever exit is recorded (Finance Act 2013 Sch. 45 para 22)', () => {
    // Midnights from 6 April: April 6-30 = 25, May 56, June 86, July 117, August 148, September 178,
    // October 1-4 = 182. Leaving on Oct 5 the night of Oct 5 is not in the UK: 182, under 183.
    // Leaving on Oct 6 makes the night of Oct 5 the 183rd. Recorded exit Oct 20 or still inside alike.
    const srt = requireRule('uk-srt')
    for (const exit of ['2024-10-20', null]) {
      const r = run(srt, '2024-10-01', ['2024-04-06', exit])
      expect([exitOf(r), r.latestExitBound], `exit ${exit}`).toEqual(['2024-10-05', 'limit'])
      expect(r.daysUsed).toBe(exit === null ? 178 : 179) // the night of Oct 1 counts only when recorded
    }
    // On Oct 5 itself, leaving that day: the 182 midnights before it, the night of Oct 5 not counted.
    expect(exitOf(run(srt, '2024-10-05', ['2024-04-06', '2024-10-20']))).toBe('2024-10-05')
    // On Oct 6 the night of Oct 5 was the 183rd: no legal exit, recorded exit or not.
    const late = run(srt, '2024-10-06', ['2024-04-06', '2024-10-20'])
    expect([late.latestExit, late.latestExitBound]).toEqual([null, 'over'])
  })

  it('whole days: returning on Jan 12 is 10 whole days abroad, though the recorded return is later', () => {
    // Abroad from Jan 1 (departure day not whole): returning on X counts Jan 2 ... X-1; at most 10
    // gives X - 1 = Jan 11, X = Jan 12. The recorded return on Jan 20 does not count Jan 12 then.
    const r = rule([{ kind: 'absence', limit: 10, window: 12 }], { dayCounting: 'whole' })
    for (const back of ['2024-01-20', null]) {
      expect(only(run(r, '2024-01-06', ['2024-01-01', back])), `back ${back}`).toMatchObject({ latestExit: d('2024-01-12'), latestExitBound: 'limit' })
    }
  })

  it('calendar days: the exit day counts, so the recorded exit changes nothing (Oct 4)', () => {
    // The same trip counted in calendar days: Apr 6 ... Oct 4 is 182 days, Oct 5 would be the 183rd.
    const r = rule([{ kind: 'year', threshold: 183, yearStart: { month: 4, day: 6 } }])
    for (const exit of ['2024-10-20', null]) {
      expect(only(run(r, '2024-10-01', ['2024-04-06', exit])), `exit ${exit}`).toMatchObject({ latestExit: d('2024-10-04'), latestExitBound: 'limit' })
    }
    // 90/180 on calendar days: inside Jan 1 - May 30, the 91st day is Mar 31 either way.
    const schengen = rule([{ kind: 'rolling', limit: 90, window: 180 }])
    expect(exitOf(run(schengen, '2024-03-01', ['2024-01-01', '2024-05-30']))).toBe('2024-03-30')
    expect(exitOf(run(schengen, '2024-03-01', ['2024-01-01', null]))).toBe('2024-03-30')
  })

  it('midnights: a separate stay entering on the first day over keeps that day counted, so the day before', () => {
    // At most 6 midnights in any 30 days; inside from Mar 1. Staying on, the midnights are Mar 1, 2,
    // ...: the 7th is Mar 7, the first day over. Leaving on Mar 7 that night is not counted ...
    const six = rule([{ kind: 'rolling', limit: 6, window: 30 }], { dayCounting: 'midnight' })
    expect(exitOf(run(six, '2024-03-01', ['2024-03-01', null]))).toBe('2024-03-07')
    // ... also when the stay is recorded to Mar 20 (it was Mar 6 when the recorded nights were kept) ...
    expect(exitOf(run(six, '2024-03-01', ['2024-03-01', '2024-03-20']))).toBe('2024-03-07')
    // ... but a planned stay entering on Mar 7 counts its night: leaving and coming back that day,
    // Mar 1-6 and Mar 7 are 7. Leaving on Mar 6: Mar 1-5 and Mar 7 are 6, and the plan keeps the rule.
    const r = only(run(six, '2024-03-01', ['2024-03-01', '2024-03-04'], ['2024-03-07', '2024-03-08']))
    expect(r).toMatchObject({ latestExit: d('2024-03-06'), latestExitBound: 'limit', violations: [] })
  })
})

describe('a plan that the recorded exit breaks is protected (harm is judged against leaving on the reference day)', () => {
  it('uk-srt (midnights): 2024-08-05, not the 183rd midnight on its own (Finance Act 2013 Sch. 45 paras 7, 22)', () => {
    // Inside since 2024-04-06, recorded to 2024-09-30; planned 2024-12-01 .. 2025-01-31 in the same
    // tax year (to 2025-04-05): nights Dec 1 .. Jan 30 = 31 + 30 = 61.
    // Recorded: nights Apr 6 .. Sep 29 = 25 + 31 + 30 + 31 + 31 + 29 = 177; + 6 plan nights = 183 on
    // Dec 6, so the plan breaks from Dec 6 to Jan 30 (177 + 61 = 238).
    // Leaving on X: nights Apr 6 .. X-1 = X - Apr 6, plus 61, at most 182 ⇒ X - Apr 6 ≤ 121 ⇒ X = Aug 5
    // (Apr 6 .. Aug 4 = 25 + 31 + 30 + 31 + 4 = 121). Leaving on Aug 6 makes the night of Jan 30 the
    // 183rd. Without the plan the answer would be Oct 5 (182 nights Apr 6 .. Oct 4).
    const r = run(requireRule('uk-srt'), '2024-06-01', ['2024-04-06', '2024-09-30'], ['2024-12-01', '2025-01-31'])
    expect([exitOf(r), r.latestExitBound]).toEqual(['2024-08-05', 'plan'])
    expect(r.daysUsed).toBe(25 + 31 + 1) // the night of Jun 1 counts, as recorded
    expect(runs(r)).toEqual([['2024-12-06', '2025-01-30', 238]])
    const alone = run(requireRule('uk-srt'), '2024-06-01', ['2024-04-06', '2024-09-30'])
    expect([exitOf(alone), alone.latestExitBound]).toEqual(['2024-10-05', 'limit'])
  })

  it('ru (90 per calendar year from 2025, and 90 continuous): 2025-04-29', () => {
    // Inside since 2025-03-01, recorded to 2025-05-31 (92 days: Mar 31 + Apr 30 + May 31); planned
    // 2025-09-01 .. 09-30 (30 days). Recorded, the year's 91st day is May 30, and every plan day is
    // over (93rd .. 122nd). Leaving on X: (X - Mar 1 + 1) + 30 ≤ 90 ⇒ 60 days ⇒ X = Mar 1 + 59 =
    // Apr 29 (31 + 29). The continuous cap (90 days from Mar 1: May 29) and the year alone would
    // allow May 29; the plan binds a month earlier.
    const r = run(requireRule('ru'), '2025-03-10', ['2025-03-01', '2025-05-31'], ['2025-09-01', '2025-09-30'])
    expect([exitOf(r), r.latestExitBound]).toEqual(['2025-04-29', 'plan'])
    const year = r.constraints.find((c) => c.kind === 'year') as ConstraintReport
    const continuous = r.constraints.find((c) => c.kind === 'continuous') as ConstraintReport
    expect([exitOf(year), year.latestExitBound]).toEqual(['2025-04-29', 'plan'])
    expect([exitOf(continuous), continuous.latestExitBound]).toEqual(['2025-05-29', 'limit'])
  })

  it('calendar days: plan days over the limit whatever the exit are no harm; those within it bind', () => {
    // 20 days per calendar year; inside since Jan 1 (recorded to Jan 31), on Jan 10; planned
    // Dec 1 .. 31. Leaving on Jan 10: Dec d counts 10 + d, over from Dec 11 whatever the exit, so
    // those days are no harm (no exit cures them); Dec 10 counts 20 and one more January day would
    // make it the 21st: Jan 10, bound by the plan, not "no legal exit". (Judged against the recorded
    // exit, every December day was over already and only the limit bound: Jan 20.)
    const r = only(run(rule([{ kind: 'year', limit: 20 }]), '2025-01-10', ['2025-01-01', '2025-01-31'], ['2025-12-01', '2025-12-31']))
    expect([exitOf(r), r.latestExitBound]).toEqual(['2025-01-10', 'plan'])
  })

  it('outside on the reference day, entering at all may break a plan: no legal stay', () => {
    // 20 days per calendar year, planned Dec 1 .. 20 (20 days). Not entering keeps it legal; entering
    // on Jan 10 for a day makes Dec 20 the 21st.
    const r = only(run(rule([{ kind: 'year', limit: 20 }]), '2025-01-10', ['2025-12-01', '2025-12-20']))
    expect([r.latestExit, r.latestExitBound]).toEqual([null, 'plan'])
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
