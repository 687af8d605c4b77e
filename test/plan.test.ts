/**
 * Planning answers against hand-computed rows (Schengen 90/180 unless said). Every figure was
 * worked out by hand from the definitions (rules-reference §1.4), never by running the code; the
 * comment beside a row shows the sum. Window for day D: [D − 179, D]. 2024 is a leap year.
 *
 * History used below: H = 2024-01-10 … 2024-03-20 = 22 + 29 + 20 = 71 days. Its first day leaves
 * the window of D when D − 179 > Jan 10, i.e. from 2024-07-08 (Jan 11 + 179).
 */
import { Chalk } from 'chalk'
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { explainLatestExit } from '../src/engine/explain.js'
import { checkPlans, daysComeBack, earliestEntry, fullReentry, longestStay, reentryCalendar } from '../src/engine/plan.js'
import { buildPlanning } from '../src/engine/planning.js'
import { comebackLines } from '../src/render/plan.js'
import { requireRule } from '../src/rules/index.js'
import type { Rule } from '../src/rules/types.js'
import { iso, open, rollingRule, schengen, stay, stayOf } from './helpers/factories.js'

const H = stay('2024-01-10', '2024-03-20')

describe('longest stay entering on a day', () => {
  it.each([
    // Entering Jun 1: 71 + n ≤ 90 while no day of H has left (through Jul 7): n = 19, until Jun 19.
    { name: 'old days still in the window', stays: [H], on: '2024-06-01', entry: '2024-06-01', days: 19, exit: '2024-06-19', bound: 'limit' },
    // 90 days Jan 1 … Mar 30; entering Apr 1 the window already holds 90: no stay.
    { name: 'limit used up', stays: [stay('2024-01-01', '2024-03-30')], on: '2024-04-01', entry: '2024-04-01', days: 0, exit: null, bound: 'over' },
    // §4.2: entering Jun 29, each day gained loses an old one (Jan 2 … Mar 30 = 89, +1 = 90), until
    // Sep 26, whose window starts Mar 31: a full 90 days although only 1 remains on Jun 29.
    { name: 'old days leave as the stay goes on', stays: [stay('2024-01-01', '2024-03-30')], on: '2024-04-01', entry: '2024-06-29', days: 90, exit: '2024-09-26', bound: 'limit' },
    // Inside on Jun 1 since May 1 (32 days) after Jan 5 … Feb 20 (47): 79 + 11 more = 90 on Jun 12.
    { name: 'inside: staying on', stays: [stay('2024-01-05', '2024-02-20'), open('2024-05-01')], on: '2024-06-01', entry: '2024-06-01', days: 12, exit: '2024-06-12', bound: 'limit' },
  ])('$name', ({ stays, on, entry, days, exit, bound }) => {
    const got = longestStay({ stays, rule: schengen, on: day(on) }, day(entry))
    expect({ days: got.days, exit: iso(got.latestExit), bound: got.bound }).toEqual({ days, exit, bound })
  })
})

describe('earliest entry for a stay of K days', () => {
  it.each([
    // At d = E + 9 the days of Jan 1 … Mar 30 from E − 170 on must be ≤ 80: E − 170 ≥ Jan 11, E ≥ Jun 29.
    { name: '10 days after a full 90', stays: [stay('2024-01-01', '2024-03-30')], on: '2024-04-01', k: 10, entry: '2024-06-29' },
    // The same bound holds for every K ≤ 90 after a contiguous 90 (each day in drops one out).
    { name: '90 days after a full 90', stays: [stay('2024-01-01', '2024-03-30')], on: '2024-04-01', k: 90, entry: '2024-06-29' },
    // 19 days fit from Jun 1 (see above).
    { name: 'fits at once', stays: [H], on: '2024-06-01', k: 19, entry: '2024-06-01' },
    // 20 days from Jun 2 reach Jun 21, still before Jul 8: 71 + 20 = 91. From E, at d = E + 19 the days
    // of H from E − 160 on must be ≤ 70: E − 160 ≥ Jan 11, E ≥ Jun 19 (Jan 11 + 160).
    { name: 'one day too many', stays: [H], on: '2024-06-01', k: 20, entry: '2024-06-19' },
    { name: 'empty history', stays: [], on: '2024-06-01', k: 90, entry: '2024-06-01' },
  ])('$name', ({ stays, on, k, entry }) => {
    const got = earliestEntry({ stays, rule: schengen, on: day(on) }, k)
    expect([iso(got.entry), iso(got.exit)]).toEqual([entry, iso(day(entry) + k - 1)])
  })

  it('a stay longer than the rule allows: never, with the reason and the maximum', () => {
    const got = earliestEntry({ stays: [H], rule: schengen, on: day('2024-06-01') }, 91)
    expect(got).toMatchObject({ entry: null, exit: null, reason: 'exceeds-rule', ruleMaximum: 90 })
  })

  it('a per-visit cap binds too (kz-visa-free: 30 per entry and 90/180)', () => {
    const rule = requireRule('kz-visa-free')
    expect(earliestEntry({ stays: [], rule, on: day('2024-06-01') }, 31)).toMatchObject({ entry: null, reason: 'exceeds-rule', ruleMaximum: 30 })
    expect(iso(earliestEntry({ stays: [], rule, on: day('2024-06-01') }, 30).entry)).toBe('2024-06-01')
  })
})

describe('planned stays', () => {
  it('a plan that fits: ok, with how long it could run', () => {
    // Plan Jul 10 … Jul 19 after H: window of Jul 19 starts Jan 22: H days Jan 22 … Mar 20 = 59, + 10 = 69.
    const [check] = checkPlans({ stays: [H, stay('2024-07-10', '2024-07-19')], rule: schengen, on: day('2024-06-01') })
    expect(check).toMatchObject({ ok: true, excessDays: 0, shortenedExit: null, earliestStart: null })
  })

  it('a breaking plan: how many days too long, the shortened exit, the earliest start keeping its length', () => {
    // Plan Jun 1 … Jul 15 (45 days): 19 days fit (until Jun 19), so 26 too many. Keeping 45 days,
    // at d = E + 44 the days of H from E − 135 on must be ≤ 45: E − 135 ≥ Feb 5, E ≥ Jun 19.
    const [check] = checkPlans({ stays: [H, stay('2024-06-01', '2024-07-15')], rule: schengen, on: day('2024-04-01') })
    expect(check).toMatchObject({ days: 45, ok: false, excessDays: 26 })
    expect(iso(check!.shortenedExit)).toBe('2024-06-19')
    expect(iso(check!.earliestStart!.entry)).toBe('2024-06-19')
  })

  it('a plan that cannot start that day at all', () => {
    // After a full 90 (Jan 1 … Mar 30) no day before Jun 29 can be entered.
    const [check] = checkPlans({ stays: [stay('2024-01-01', '2024-03-30'), stay('2024-06-01', '2024-06-05')], rule: schengen, on: day('2024-04-01') })
    expect(check).toMatchObject({ ok: false, excessDays: 5, shortenedExit: null })
    expect(iso(check!.earliestStart!.entry)).toBe('2024-06-29')
  })

  it('inside on the reference day, a moved plan starts after the current stay as recorded, not within it', () => {
    // `--trip 2024-01-01..2024-03-30 --trip 2024-05-01..2024-05-10 --on 2024-03-15`. The plan is checked
    // against the recorded stay Jan 1 … Mar 30 (90 days, all in the window of May 1 … 10): every day
    // over. Keeping that exit, a 10-day stay entering on E needs the window of E + 9 to hold at most
    // 80 of those days: E + 9 − 179 ≥ Jan 11, E ≥ Jun 29 (the EC manual's example). Starting on
    // Mar 16 would only be staying on in the current stay and leaving it before its recorded exit.
    const stays = [stay('2024-01-01', '2024-03-30'), stay('2024-05-01', '2024-05-10')]
    const [check] = checkPlans({ stays, rule: schengen, on: day('2024-03-15') })
    expect(check).toMatchObject({ ok: false, excessDays: 10, shortenedExit: null })
    expect(iso(check!.earliestStart!.from)).toBe('2024-03-30')
    expect(iso(check!.earliestStart!.entry)).toBe('2024-06-29')
  })

  it('a moved plan may start on the recorded exit of the current stay: a same-day exit and re-entry', () => {
    // us-esta, 90 days per admission. Inside Jan 1 … Mar 1 (2024), on Feb 1; a 90-day plan Feb 20 …
    // May 19 (10 + 31 + 30 + 19) enters while inside, so it is that visit from Jan 1, whose 90th day
    // is Mar 30 (31 + 29 + 30): 40 days fit from Feb 20 (10 + 30), 50 too many. Moved, it may start
    // on Mar 1, the day the current stay is left, as a new admission (Mar 1 + 89 = May 29); staying
    // on in the visit from Jan 1 would only give it until Mar 30.
    const rule = requireRule('us-esta')
    const [check] = checkPlans({ stays: [stay('2024-01-01', '2024-03-01'), stay('2024-02-20', '2024-05-19')], rule, on: day('2024-02-01') })
    expect(check).toMatchObject({ days: 90, ok: false, excessDays: 50 })
    expect(iso(check!.shortenedExit)).toBe('2024-03-30')
    expect(iso(check!.earliestStart!.entry)).toBe('2024-03-01')
  })

  it('leaving on the reference day, a moved plan may start that very day: a same-day exit and re-entry', () => {
    // QA: `--trip 2024-03-13..2024-06-10 --trip 2024-06-20..2024-06-20 --on 2024-06-10`. Mar 13 … Jun 10
    // = 19 + 30 + 31 + 10 = 90 days, left on Jun 10 as recorded. The one-day plan on Jun 20 makes 91 in
    // its window (Dec 24 … Jun 20): over. Moved to Jun 10 it re-enters the day the stay is left, a day
    // already counted: 90 in the window of Jun 10, legal. With `--on 2024-06-01` the answer was already
    // Jun 10; `--on 2024-06-10` must not skip that day (it gave Sep 9, when Mar 13 has left the window).
    for (const on of ['2024-06-01', '2024-06-10']) {
      const [check] = checkPlans({ stays: [stay('2024-03-13', '2024-06-10'), stay('2024-06-20', '2024-06-20')], rule: schengen, on: day(on) })
      expect(check).toMatchObject({ ok: false, excessDays: 1, shortenedExit: null })
      expect([iso(check!.earliestStart!.from), iso(check!.earliestStart!.entry)], `on ${on}`).toEqual(['2024-06-10', '2024-06-10'])
    }
  })

  it('outside on the reference day, a moved plan may start on it (as --for may enter then)', () => {
    // Jan 1 … Mar 30 = 31 + 29 + 30 = 90, on Mar 31 (outside), plan Apr 10 (1 day): 91 in its window.
    // Every day up to Jun 28 still has all 90 in its window; Jun 29's starts Jan 2: 89 + 1 = 90.
    const [check] = checkPlans({ stays: [stay('2024-01-01', '2024-03-30'), stay('2024-04-10', '2024-04-10')], rule: schengen, on: day('2024-03-31') })
    expect([iso(check!.earliestStart!.from), iso(check!.earliestStart!.entry)]).toEqual(['2024-03-31', '2024-06-29'])
  })

  it('the latest exit from the reference day respects a later plan', () => {
    // H, plan Jul 1 … Jul 10. Entering Jun 1 for n days: on Jul 7 the window (Jan 10 … Jul 7) holds
    // 71 + n + 7 ≤ 90, so n ≤ 12: until Jun 12 (without the plan: Jun 19).
    const got = longestStay({ stays: [H, stay('2024-07-01', '2024-07-10')], rule: schengen, on: day('2024-06-01') }, day('2024-06-01'))
    expect({ days: got.days, exit: iso(got.latestExit), bound: got.bound }).toEqual({ days: 12, exit: '2024-06-12', bound: 'plan' })
  })
})

describe('days come back', () => {
  it('one run per stay leaving the window, from the first day it starts to leave', () => {
    // 90 days Jan 1 … Mar 30, on Apr 1: 0 remaining; Jan 1 leaves on Jun 29 (Jan 2 + 179), Mar 30 on
    // Sep 26 (Mar 31 + 179): one more day each day, 1 on Jun 29 … 90 on Sep 26.
    const got = daysComeBack({ stays: [stay('2024-01-01', '2024-03-30')], rule: schengen, on: day('2024-04-01') })
    expect(got.daysRemaining).toBe(0)
    expect(got.runs.map((r) => [iso(r.from), iso(r.to), r.daysFrom, r.daysTo])).toEqual([['2024-06-29', '2024-09-26', 1, 90]])
  })

  it('not past the rules\' last day in force: no limit after it, nothing comes back (QA)', () => {
    // 10 of 10 days in any 30 (2020-12-01 … 12-10), on 12-11; the rule ends 2021-01-05. Dec 1 leaves
    // the window on Dec 31 (Dec 2 + 29) and Dec 10 on Jan 9: told only up to Jan 5 (1 … 6).
    for (const rule of [{ ...rollingRule({ limit: 10, window: 30 }), validTo: day('2021-01-05') }, rollingRule({ limit: 10, window: 30, validTo: day('2021-01-05') })] satisfies Rule[]) {
      const got = daysComeBack({ stays: [stay('2020-12-01', '2020-12-10')], rule, on: day('2020-12-11') })
      expect(got.runs.map((r) => [iso(r.from), iso(r.to), r.daysFrom, r.daysTo])).toEqual([['2020-12-31', '2021-01-05', 1, 6]])
      expect([got.ruleEnds === null ? null : iso(got.ruleEnds), got.cutAt]).toEqual(['2021-01-05', null])
      expect(comebackLines(got, day('2020-12-11'), false, new Chalk({ level: 0 }))).toContain('  the rule is not in force after 2021-01-05: no limit from then')
    }
    // A rule that never ends: null, and every day told.
    const forever = daysComeBack({ stays: [stay('2020-12-01', '2020-12-10')], rule: rollingRule({ limit: 10, window: 30 }), on: day('2020-12-11') })
    expect([forever.ruleEnds, forever.runs.map((r) => [iso(r.from), iso(r.to)])]).toEqual([null, [['2020-12-31', '2021-01-09']]])
  })

  it('two stays: two runs; planned stays are left out', () => {
    // Jan 5 … Feb 20 (47) and May 1 … Jun 1 (32), on Jun 1: 11 remaining. Jan 5 leaves on Jul 3,
    // Feb 20 on Aug 18 (12 … 58); May 1 on Oct 28, Jun 1 on Nov 28 (59 … 90).
    const stays = [stay('2024-01-05', '2024-02-20'), open('2024-05-01'), stay('2024-07-01', '2024-07-05')]
    const got = daysComeBack({ stays, rule: schengen, on: day('2024-06-01') })
    expect(got.daysRemaining).toBe(11)
    expect(got.runs.map((r) => [iso(r.from), iso(r.to), r.daysFrom, r.daysTo])).toEqual([
      ['2024-07-03', '2024-08-18', 12, 58],
      ['2024-10-28', '2024-11-28', 59, 90],
    ])
  })
})

describe('days come back within ten years of on (MAX_COMEBACK_DAYS)', () => {
  it('a window of 100 years: the runs stop 3659 days after on', () => {
    // 10 in 36525 days; 2024-01-01 … 2024-01-10 (10 days), on 2024-01-10: 0 remaining. Jan 1 leaves
    // the window ending Jan 1 + 36525, a century on: no day of it comes back within ten years.
    const rule = rollingRule({ limit: 10, window: 36525 })
    const got = daysComeBack({ stays: [stay('2024-01-01', '2024-01-10')], rule, on: day('2024-01-10') })
    // 2024-01-10 + 3659: ten years to 2034-01-10 are 3653 days (29 Feb 2024, 2028, 2032), then 6 more.
    expect(got).toMatchObject({ daysRemaining: 0, runs: [], cutAt: day('2034-01-16') })
    // 30 in 3700 days, 2015-01-01 … 2015-01-30, on 2024-06-01: Jan 1 leaves the window ending
    // 2015-01-01 + 3700 = 2025-02-17 … Jan 30 the one ending 2025-03-18 (all within ten years).
    const near = daysComeBack({ stays: [stay('2015-01-01', '2015-01-30')], rule: rollingRule({ limit: 30, window: 3700 }), on: day('2024-06-01') })
    expect(near.runs.map((r) => [iso(r.from), iso(r.to), r.daysFrom, r.daysTo])).toEqual([['2025-02-17', '2025-03-18', 1, 30]])
    expect(near.cutAt).toBeNull()
    // Cut while days still come back: 3000 in 36525, 1930-01-01 … 1938-03-01, on 2024-06-01: Jan 1 1930
    // leaves the window ending 2030-01-01 (+ 36525), and days come back till 2038-03-01, past the cut.
    const cut = daysComeBack({ stays: [stay('1930-01-01', '1938-03-01')], rule: rollingRule({ limit: 3000, window: 36525 }), on: day('2024-06-01') })
    expect(iso(cut.cutAt!)).toBe('2034-06-08')
    expect(comebackLines(cut, day('2024-06-01'), false, new Chalk({ level: 0 })).at(-1)).toBe('  told until 2034-06-08, ten years on; days may still come back after it')
  })
})

describe('earliest full re-entry', () => {
  it('after leaving on the latest legal exit', () => {
    // Jan 5 … Feb 20 and May 1 … staying until Jun 12: a full 90 needs [E − 90, E − 1] free of
    // presence at d = E + 89, so E ≥ Jun 12 + 91 = Sep 11.
    const input = { stays: [stay('2024-01-05', '2024-02-20'), open('2024-05-01')], rule: schengen, on: day('2024-06-01') }
    expect(fullReentry(input, day('2024-06-12'))).toEqual({ leaving: day('2024-06-12'), entry: day('2024-09-11'), days: 90 })
  })

  it('not inside: from the reference day', () => {
    expect(fullReentry({ stays: [stay('2024-01-01', '2024-03-30')], rule: schengen, on: day('2024-04-01') })).toEqual({ leaving: null, entry: day('2024-06-29'), days: 90 })
  })

  it('beyond 50 stays, within the plan checks\' budget: past it, no answer (QA: 499 planned stays took 11 s)', () => {
    // 91-day stays every 128 days from 2024-06-10, each over kz-visa-free's 30 a visit: a full visit
    // only after the last (about 2199), searched a day at a time over 499 stays.
    const many = Array.from({ length: 499 }, (_, i) => stayOf(day('2024-06-10') + 128 * i, day('2024-06-10') + 128 * i + 90))
    expect(fullReentry({ stays: many, rule: requireRule('kz-visa-free'), on: day('2024-06-01') })).toBeNull()
    // 60 short stays, well within the budget: answered.
    const some = Array.from({ length: 60 }, (_, i) => stayOf(day('2024-06-10') + 200 * i, day('2024-06-10') + 200 * i + 9))
    const got = fullReentry({ stays: some, rule: schengen, on: day('2024-06-01') })
    expect(got).not.toBeNull()
    expect(got?.entry).not.toBeNull()
  })
})

describe('re-entry calendar', () => {
  it('groups days with the same longest stay, or the same exit', () => {
    // 3 days in any 7 (window [d − 6, d]) after Jan 1 and Jan 2. Entering on Jan 3 … Jan 6, the
    // second day's window still holds Jan 1 and Jan 2: {1, 2, E, E + 1} = 4, so 1 day. Entering on
    // Jan 7: Jan 7 {1, 2, 7}, Jan 8 {2, 7, 8}, Jan 9 {7, 8, 9} = 3, Jan 10 = 4: 3 days; the same later.
    const rule = rollingRule({ limit: 3, window: 7 })
    const cal = reentryCalendar({ stays: [stay('2024-01-01', '2024-01-02')], rule, on: day('2024-01-03') }, 8)
    expect(cal.days.map((d) => d.days)).toEqual([1, 1, 1, 1, 3, 3, 3, 3])
    expect(cal.groups.map((g) => [iso(g.from), iso(g.to), g.daysFrom, g.daysTo, iso(g.exitFrom), iso(g.exitTo)])).toEqual([
      ['2024-01-03', '2024-01-06', 1, 1, '2024-01-03', '2024-01-06'],
      ['2024-01-07', '2024-01-10', 3, 3, '2024-01-09', '2024-01-12'],
    ])
  })

  it('groups days sharing the exit when a plan binds it', () => {
    // 3 in 7 with only a plan, Jan 10 … Jan 11 (legal: 1 and 2 days). Entering E through X must keep
    // Jan 10 (window Jan 4 … 10) and Jan 11 (Jan 5 … 11) at ≤ 3:
    //   Jan 3: limit stops at Jan 5 (3 days); Jan 10 holds {4, 5, 10} = 3, Jan 11 {5, 10, 11} = 3.
    //   Jan 4: Jan 6 would make Jan 10 hold {4, 5, 6, 10}: until Jan 5.  Jan 5: Jan 6 would make Jan 11
    //   hold {5, 6, 10, 11}: Jan 5 only.  Jan 6, 7, 8: likewise one day (Jan 11 holds E, 10, 11).
    //   Jan 9: runs into the plan, {9, 10, 11} = 3 on Jan 11, Jan 12 would be the 4th: until Jan 11.
    const rule = rollingRule({ limit: 3, window: 7 })
    const cal = reentryCalendar({ stays: [stay('2024-01-10', '2024-01-11')], rule, on: day('2024-01-03') }, 7)
    expect(cal.days.map((d) => [iso(d.latestExit), d.days, d.bound])).toEqual([
      ['2024-01-05', 3, 'limit'],
      ['2024-01-05', 2, 'plan'],
      ['2024-01-05', 1, 'plan'],
      ['2024-01-06', 1, 'plan'],
      ['2024-01-07', 1, 'plan'],
      ['2024-01-08', 1, 'plan'],
      ['2024-01-11', 3, 'limit'],
    ])
    expect(cal.groups.map((g) => [iso(g.from), iso(g.to), g.daysFrom, g.daysTo, iso(g.exitFrom), iso(g.exitTo), g.bound])).toEqual([
      ['2024-01-03', '2024-01-03', 3, 3, '2024-01-05', '2024-01-05', 'limit'],
      ['2024-01-04', '2024-01-05', 2, 1, '2024-01-05', '2024-01-05', 'plan'],
      ['2024-01-06', '2024-01-08', 1, 1, '2024-01-06', '2024-01-08', 'plan'],
      ['2024-01-09', '2024-01-09', 3, 3, '2024-01-11', '2024-01-11', 'limit'],
    ])
  })
})

describe("re-entry calendar: a planned stay's last day under a per-visit cap (QA)", () => {
  it('entering on it is a same-day exit and re-entry, a new visit: 90 days under us-esta, as --for and the full re-entry say', () => {
    // Plan Feb 1 … May 1 2025 = 28 + 31 + 30 + 1 = 90 days (legal). Leaving May 1 and admitted again
    // that day: a new admission, May 1 … Jul 29 = 31 + 30 + 29 = 90 days. Staying on from Apr 30
    // (inside the plan) ends with the plan's 90th day, May 1: 2 days.
    const input = { stays: [stay('2025-02-01', '2025-05-01')], rule: requireRule('us-esta'), on: day('2025-01-31') }
    const cal = reentryCalendar(input, 95)
    const at = (d: string) => cal.days[day(d) - input.on]!
    expect([at('2025-04-30').days, at('2025-04-30').inside]).toEqual([2, true])
    expect([at('2025-05-01').days, iso(at('2025-05-01').latestExit), at('2025-05-01').inside, at('2025-05-01').reenters]).toEqual([90, '2025-07-29', false, true])
    expect(buildPlanning(input, { forDays: 90 }).forStay?.answer).toMatchObject({ entry: day('2025-05-01'), exit: day('2025-07-29') })
    expect(fullReentry(input)?.entry).toBe(day('2025-05-01'))
    // Its own group, between the plan's days and the days after it.
    expect(cal.groups.map((g) => [iso(g.from), iso(g.to), g.inside, g.reenters])).toEqual([
      ['2025-01-31', '2025-01-31', false, false],
      ['2025-02-01', '2025-04-30', true, false],
      ['2025-05-01', '2025-05-01', false, true],
      ['2025-05-02', '2025-05-05', false, false],
    ])
  })

  it('kz-visa-free: 30 per entry, so 30 again on a plan\'s last day where the 90/180 leaves room', () => {
    // Plan Mar 1 … Mar 20 2024 (20 days). Entering Mar 20 anew: 30 per entry, and 90/180 holds
    // 20 + 29 = 49 at most: Mar 20 … Apr 18 = 12 + 18 = 30 days. Staying on: the visit's 30th day is Mar 30.
    const input = { stays: [stay('2024-03-01', '2024-03-20')], rule: requireRule('kz-visa-free'), on: day('2024-02-01') }
    const cal = reentryCalendar(input, 60)
    const at = (d: string) => cal.days[day(d) - input.on]!
    expect([at('2024-03-19').days, iso(at('2024-03-19').latestExit)]).toEqual([12, '2024-03-30'])
    expect([at('2024-03-20').days, iso(at('2024-03-20').latestExit), at('2024-03-20').reenters]).toEqual([30, '2024-04-18', true])
  })

  it('under Schengen, re-entering gives no longer stay: the day stays in the plan\'s row', () => {
    const cal = reentryCalendar({ stays: [stay('2024-07-01', '2024-07-10')], rule: schengen, on: day('2024-06-01') }, 60)
    expect(cal.days.some((d) => d.reenters === true)).toBe(false)
    expect(cal.groups.some((g) => g.from <= day('2024-07-10') && day('2024-07-10') <= g.to && g.inside)).toBe(true)
  })
})

describe('explanation of the latest exit', () => {
  it('bound by the limit: the window of the day after, and what it holds', () => {
    // Entering Jun 1 after H: exit Jun 19; on Jun 20 the window Dec 24 … Jun 20 holds 71 + 20 = 91.
    const e = explainLatestExit({ stays: [H], rule: schengen, on: day('2024-06-01') })!
    expect([iso(e.latestExit), e.bound, iso(e.bindingDay), iso(e.window.start), iso(e.window.end), e.daysCounted, e.limit]).toEqual([
      '2024-06-19', 'limit', '2024-06-20', '2023-12-24', '2024-06-20', 91, 90,
    ])
    expect(e.stays.map((s) => [iso(s.entry), iso(s.exit), s.days, s.kind])).toEqual([
      ['2024-01-10', '2024-03-20', 71, 'recorded'],
      ['2024-06-01', '2024-06-20', 20, 'hypothetical'],
    ])
  })

  it('bound by a plan: the plan day that would break, and its window', () => {
    // See "respects a later plan": staying until Jun 13 makes Jul 7 count 71 + 13 + 7 = 91.
    const e = explainLatestExit({ stays: [H, stay('2024-07-01', '2024-07-10')], rule: schengen, on: day('2024-06-01') })!
    expect([iso(e.latestExit), e.bound, iso(e.bindingDay), iso(e.window.start), iso(e.window.end), e.daysCounted]).toEqual([
      '2024-06-12', 'plan', '2024-07-07', '2024-01-10', '2024-07-07', 91,
    ])
    expect(e.stays.map((s) => [iso(s.entry), iso(s.exit), s.days, s.kind])).toEqual([
      ['2024-01-10', '2024-03-20', 71, 'recorded'],
      ['2024-06-01', '2024-06-13', 13, 'hypothetical'],
      ['2024-07-01', '2024-07-07', 7, 'planned'], // the plan's days in the window: Jul 1 … 7
    ])
  })

  it('each stay by the days of it counted in the window, not its own dates (QA)', () => {
    // `--trip 2024-01-01..2024-02-29 --trip 2024-06-01..2024-06-30 --on 2024-04-01`: Jan 1 … Feb 29 =
    // 60. Entering Apr 1 for n days, Jun 28's window (Jan 1 … Jun 28) holds 60 + n + 28 (Jun 1 … 28):
    // n = 2, until Apr 2; staying until Apr 3 makes 91 on Jun 28. The plan's row is Jun 1 … Jun 28,
    // the 28 days of it in that window, not Jun 1 … Jun 30 (30 days) beside "28 days".
    const e = explainLatestExit({ stays: [stay('2024-01-01', '2024-02-29'), stay('2024-06-01', '2024-06-30')], rule: schengen, on: day('2024-04-01') })!
    expect([iso(e.latestExit), e.bound, iso(e.bindingDay), iso(e.window.start), e.daysCounted]).toEqual(['2024-04-02', 'plan', '2024-06-28', '2024-01-01', 91])
    expect(e.stays.map((s) => [iso(s.entry), iso(s.exit), s.days, s.kind, iso(s.stay.start), iso(s.stay.end)])).toEqual([
      ['2024-01-01', '2024-02-29', 60, 'recorded', '2024-01-01', '2024-02-29'],
      ['2024-04-01', '2024-04-03', 3, 'hypothetical', '2024-04-01', '2024-04-03'],
      ['2024-06-01', '2024-06-28', 28, 'planned', '2024-06-01', '2024-06-30'],
    ])
  })

  it('kz: the days before the rule took effect are not in the row (QA)', () => {
    // `--trip 2022-11-24..2022-12-30 --trip 2023-01-07..2023-01-08 --on 2023-01-08 --rule kz`: nothing
    // before 2023-01-27 counts. Staying on, the 91st counted day is Jan 27 + 90 = Apr 27 (5 + 28 + 31
    // + 27 = 91): latest exit Apr 26. The hypothetical row is Jan 27 … Apr 27 (91 days), not Jan 9 …
    // Apr 27 (109 days); the recorded Jan 7 … 8 counts nothing and is not listed.
    const e = explainLatestExit({ stays: [stay('2022-11-24', '2022-12-30'), stay('2023-01-07', '2023-01-08')], rule: requireRule('kz'), on: day('2023-01-08') })!
    expect([iso(e.latestExit), iso(e.bindingDay), e.daysCounted]).toEqual(['2023-04-26', '2023-04-27', 91])
    expect(e.stays.map((s) => [iso(s.entry), iso(s.exit), s.days, s.kind])).toEqual([['2023-01-27', '2023-04-27', 91, 'hypothetical']])
  })

  it('a cap on the length of a visit counts calendar days even when the rule counts midnights', () => {
    // 10 days per visit (entry day 1), midnights for anything else; inside Mar 1 … Mar 20, on Mar 5.
    // The 10th day is Mar 10, the latest exit; leaving on Mar 11 makes Mar 11 day 11 of the visit
    // Mar 1 … Mar 11: the row is those 11 calendar days, the night of leaving included.
    const rule: Rule = { id: 'test', label: 'test', countFrom: null, dayCounting: 'midnight', constraints: [{ kind: 'per-visit', limit: 10 }], source: 'test', confidence: 'official' }
    const e = explainLatestExit({ stays: [stay('2024-03-01', '2024-03-20')], rule, on: day('2024-03-05') })!
    expect([iso(e.latestExit), iso(e.bindingDay), iso(e.window.start), e.daysCounted]).toEqual(['2024-03-10', '2024-03-11', '2024-03-01', 11])
    expect(e.stays.map((s) => [iso(s.entry), iso(s.exit), s.days, s.kind])).toEqual([['2024-03-01', '2024-03-11', 11, 'recorded']])
  })

  it('over: being inside already breaks the rule', () => {
    // Jan 1 … open on Mar 31 = 91 days in the window of Mar 31.
    const e = explainLatestExit({ stays: [open('2024-01-01')], rule: schengen, on: day('2024-03-31') })!
    expect([e.latestExit, e.bound, iso(e.bindingDay), e.daysCounted, e.hypothetical]).toEqual([null, 'over', '2024-03-31', 91, null])
  })
})

describe('leaving before a recorded exit, counting midnights (uk-srt)', () => {
  // Inside 2024-04-06 … 2024-10-20 (recorded). Midnights from Apr 6: April 25, May 56, June 86,
  // July 117, August 148, September 178, Oct 1-4 182. Leaving on Oct 5 keeps the night of Oct 5
  // out (Finance Act 2013 Sch. 45 para 22): 182; leaving on Oct 6 makes it the 183rd.
  const srt = requireRule('uk-srt')
  const trip = stay('2024-04-06', '2024-10-20')

  it('the explanation cuts the recorded stay at the day after the latest exit', () => {
    // Leaving on Oct 6: the midnights Apr 6 … Oct 5 are 183, the night of Oct 5 the one too many
    // (window Apr 6 … Oct 5); the recorded Oct 6 … Oct 19 are not those of that scenario. The
    // binding day is the day the rule breaks, Oct 5 (the 183rd midnight), not the day of leaving.
    const e = explainLatestExit({ stays: [trip], rule: srt, on: day('2024-10-01') })!
    expect([iso(e.latestExit), e.bound, iso(e.bindingDay), iso(e.window.start), iso(e.window.end), e.daysCounted, e.limit, e.hypothetical]).toEqual([
      '2024-10-05', 'limit', '2024-10-05', '2024-04-06', '2024-10-05', 183, 182, null,
    ])
    // The row gives the nights counted: Apr 6 … Oct 5 (the stay as left on Oct 6), 183.
    expect(e.stays.map((s) => [iso(s.entry), iso(s.exit), s.days, s.kind, iso(s.stay.start), iso(s.stay.end)])).toEqual([
      ['2024-04-06', '2024-10-05', 183, 'recorded', '2024-04-06', '2024-10-06'],
    ])
  })

  it('over: on Oct 10 the midnights before it are already 187', () => {
    // Apr 6 … Oct 9 = 182 + 5; leaving that day, the night of Oct 10 does not count.
    const e = explainLatestExit({ stays: [trip], rule: srt, on: day('2024-10-10') })!
    expect([e.latestExit, e.bound, iso(e.bindingDay), e.daysCounted]).toEqual([null, 'over', '2024-10-10', 187])
  })

  it('a window of midnights: the one ending on the night too many, not on the day of leaving', () => {
    // At most 3 midnights in any 4 days, inside Mar 1 … Mar 10 (recorded). Leaving on X counts the
    // nights Mar 1 … X-1: Mar 1-3 are 3, so the latest exit is Mar 4. Leaving on Mar 5 the night of
    // Mar 4 is the 4th in the window Mar 1 … Mar 4; the window of Mar 5 (Mar 2 … Mar 5) holds only 3.
    const rule: Rule = { ...rollingRule({ limit: 3, window: 4 }), dayCounting: 'midnight' }
    const e = explainLatestExit({ stays: [stay('2024-03-01', '2024-03-10')], rule, on: day('2024-03-01') })!
    expect([iso(e.latestExit), e.bound, iso(e.bindingDay), iso(e.window.start), iso(e.window.end), e.daysCounted]).toEqual([
      '2024-03-04', 'limit', '2024-03-04', '2024-03-01', '2024-03-04', 4,
    ])
    // The row gives the nights counted, Mar 1 … Mar 4 (the stay as left on Mar 5).
    expect(e.stays.map((s) => [iso(s.entry), iso(s.exit), s.days, s.kind])).toEqual([['2024-03-01', '2024-03-04', 4, 'recorded']])
  })

  it('the re-entry calendar stays on to Oct 5 however late the recorded exit', () => {
    // Staying on from Oct 1 … Oct 5: leave by Oct 5 (5 … 1 days). From Oct 6 the 183rd night is past.
    const cal = reentryCalendar({ stays: [trip], rule: srt, on: day('2024-10-01') }, 7)
    expect(cal.days.map((d) => [iso(d.entry), iso(d.latestExit), d.days, d.bound, d.inside])).toEqual([
      ['2024-10-01', '2024-10-05', 5, 'limit', true],
      ['2024-10-02', '2024-10-05', 4, 'limit', true],
      ['2024-10-03', '2024-10-05', 3, 'limit', true],
      ['2024-10-04', '2024-10-05', 2, 'limit', true],
      ['2024-10-05', '2024-10-05', 1, 'limit', true],
      ['2024-10-06', null, 0, 'over', true],
      ['2024-10-07', null, 0, 'over', true],
    ])
  })
})

describe('bounded planning work on huge inputs', () => {
  it('checks at most MAX_PLAN_CHECKS plans and reports how many there are', async () => {
    const { MAX_PLAN_CHECKS, checkPlans, countPlans } = await import('../src/engine/plan.js')
    const { day, requireRule } = await import('../src/index.js')
    // 300 two-day plans, every third day from 2025-01-01.
    const stays = Array.from({ length: 300 }, (_, i) => {
      const entry = (day('2025-01-01') + 3 * i) as ReturnType<typeof day>
      return { entry, exit: (entry + 1) as ReturnType<typeof day>, source: {} }
    })
    const input = { stays, rule: requireRule('schengen'), on: day('2024-06-01') }
    expect(countPlans(input)).toBe(300)
    const checks = checkPlans(input)
    expect(checks).toHaveLength(MAX_PLAN_CHECKS)
    expect(checks[0]!.entry).toBe(day('2025-01-01'))
  })

  it('the earliest-start searches share one budget of stays times days (QA: a commuter under ru took 13 s)', async () => {
    const { MAX_START_ADVICE, checkPlans } = await import('../src/engine/plan.js')
    const { day, requireRule } = await import('../src/index.js')
    // A weekly commuter from 2020: 4 days in, 3 out, 300 weeks. Under ru every 2021 plan breaks
    // 90 in any 180 (4 days in 7 are 103 of 180), and no start keeps 4 days before the schedule ends.
    const stays = Array.from({ length: 300 }, (_, i) => {
      const entry = (day('2020-01-01') + 7 * i) as ReturnType<typeof day>
      return { entry, exit: (entry + 3) as ReturnType<typeof day>, source: { file: 'wk.csv', line: i + 2 } }
    })
    const checks = checkPlans({ stays, rule: requireRule('ru'), on: day('2021-01-01') })
    const breaking = checks.filter((c) => !c.ok)
    expect(breaking.length).toBeGreaterThan(MAX_START_ADVICE)
    const given = breaking.filter((c) => c.earliestStart?.reason !== 'not-computed')
    // Some advice within the budget, then none: each later search would cost as much again.
    expect(given.length).toBeGreaterThan(0)
    expect(given.length).toBeLessThan(MAX_START_ADVICE)
    expect(breaking.slice(0, given.length)).toEqual(given)
    for (const c of given) expect(c.earliestStart?.entry).toBe(day('2026-01-01'))
  })
})
