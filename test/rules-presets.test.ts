/**
 * Every preset against its own source's worked figures (../shared/rules-reference.md §2-§5), with
 * the expected dates counted by hand in the comments. Nothing here is copied from the engine's output.
 */
import { describe, expect, it } from 'vitest'
import { day, isoOf } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import type { Report } from '../src/engine/types.js'
import { UsageError } from '../src/errors.js'
import { findRule, PRESETS, requireRule, RULE_IDS, RULE_NAMES } from '../src/rules/index.js'
import type { Stay } from '../src/types.js'
import { run as cli } from './helpers/io.js'

const trip = (entry: string, exit: string | null): Stay => ({
  entry: day(entry),
  exit: exit === null ? null : day(exit),
  source: { flag: `--trip ${entry}..${exit ?? ''}` },
})

function run(ruleId: string, on: string, ...stays: [string, string | null][]): Report {
  return assess({ stays: stays.map(([a, b]) => trip(a, b)), rule: requireRule(ruleId), on: day(on) })
}

const exitOf = (r: Report): string | null => (r.latestExit === null ? null : isoOf(r.latestExit))
const constraint = (r: Report, id: string) => {
  const c = r.constraints.find((x) => x.id === id)
  if (!c) throw new Error(`no constraint ${id} in ${r.constraints.map((x) => x.id).join(', ')}`)
  return c
}
const runs = (r: Report) => r.violations.map((v) => [isoOf(v.start), isoOf(v.end), v.peakDaysUsed, v.constraint])
/** The runs that start on or after `from` (a year's own crossing, when earlier years cross too). */
const runsFrom = (r: Report, from: string) => runs(r).filter(([start]) => (start as string) >= from)

describe('catalogue', () => {
  it('has every preset the issue names, with lowercase unique ids and aliases', () => {
    expect(RULE_IDS).toEqual([
      'schengen', 'kz', 'kz-visa-free', 'ru', 'tr', 'ua', 'rs', 'al', 'ge', 'am',
      'us-esta', 'us-b2', 'uk-visitor', 'mx', 'th', 'uk-srt', 'us-spt', 'oecd-183', 'uk-ilr',
    ])
    for (const name of RULE_NAMES) expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/)
    expect(new Set(RULE_NAMES).size).toBe(RULE_NAMES.length)
  })

  it('gives every preset a source, a confidence, a summary, and notes', () => {
    for (const rule of PRESETS) {
      expect(rule.source.length, rule.id).toBeGreaterThan(40)
      expect(['official', 'secondary', 'unverified']).toContain(rule.confidence)
      expect(rule.kindSummary.length, rule.id).toBeGreaterThan(5)
      expect(rule.notes.length, rule.id).toBeGreaterThan(0)
    }
  })

  it('finds presets by alias, in any case', () => {
    expect(findRule('ESTA')?.id).toBe('us-esta')
    expect(findRule('srt')?.id).toBe('uk-srt')
    expect(findRule('Schengen')?.id).toBe('schengen')
    expect(findRule('nope')).toBeUndefined()
  })

  it('refuses an unknown rule with a usage error listing the ids', () => {
    expect(() => requireRule('nope')).toThrow(UsageError)
    expect(() => requireRule('nope')).toThrow(
      'unknown rule "nope"; expected one of: schengen, kz, kz-visa-free, ru, tr, ua, rs, al, ge, am, us-esta, us-b2, uk-visitor, mx, th, uk-srt, us-spt, oecd-183, uk-ilr',
    )
  })

  it('lists rules from a rules file first, and in the error', () => {
    const mine = { ...requireRule('tr'), id: 'mine', aliases: ['my'] }
    expect(requireRule('MY', [mine]).id).toBe('mine')
    expect(() => requireRule('other', [mine])).toThrow(/expected one of: schengen, .*, uk-ilr, mine$/)
  })
})

describe('us-esta: 90 days per admission, arrival day is day 1', () => {
  it('arrived 4 April 2014, admitted until 2 July 2014', () => {
    // April 4..30 = 27 days, May 31 (58), June 30 (88), July 1-2 (90).
    const r = run('us-esta', '2014-04-04', ['2014-04-04', null])
    expect(exitOf(r)).toBe('2014-07-02')
    expect(r.latestExitBound).toBe('limit')
  })

  it('arrive on July 1, leave on or before September 28', () => {
    // July 31 days, August 31 (62), September 28 (90).
    expect(exitOf(run('us-esta', '2014-07-01', ['2014-07-01', null]))).toBe('2014-09-28')
  })

  it('flags the 91st day of an admission', () => {
    const r = run('us-esta', '2014-07-03', ['2014-04-04', '2014-07-03'])
    expect(runs(r)).toEqual([['2014-07-03', '2014-07-03', 91, 'per-visit:90d']])
    expect(r.overstayDays).toBe(1)
  })

  it('gives a new admission after an exit, even the next day', () => {
    const r = run('us-esta', '2014-07-03', ['2014-04-04', '2014-07-02'], ['2014-07-03', null])
    expect(r.violations).toEqual([])
    expect(exitOf(r)).toBe('2014-09-30') // July 3 + 89: July 29 days (29), August 31 (60), September 30 (90)
  })
})

describe('kz-visa-free: 30 per entry and 90 in any 180, from 2023-01-27', () => {
  it('the 30th day from entry is the last', () => {
    // 1 March + 29 = 30 March.
    const r = run('kz-visa-free', '2024-03-01', ['2024-03-01', null])
    expect(exitOf(r)).toBe('2024-03-30')
    expect(r.binding).toBe('per-visit:30d')
    expect(r.daysRemaining).toBe(29)
  })

  it('a 31-day stay breaks the per-entry cap but not the 90/180', () => {
    const r = run('kz-visa-free', '2024-03-31', ['2024-03-01', '2024-03-31'])
    expect(runs(r)).toEqual([['2024-03-31', '2024-03-31', 31, 'per-visit:30d']])
  })

  it('three 30-day stays leave nothing for a fourth within 180 days', () => {
    // Jan 1-30, Feb 10-Mar 10 (2024: Feb 20 + Mar 10), Mar 20-Apr 18 (12 + 18): 90 days by Apr 18.
    const r = run('kz-visa-free', '2024-05-01', ['2024-01-01', '2024-01-30'], ['2024-02-10', '2024-03-10'], ['2024-03-20', '2024-04-18'])
    expect(r.violations).toEqual([])
    expect(r.latestExit).toBeNull()
    expect(r.latestExitBound).toBe('over')
    expect(r.binding).toBe('rolling:90/180')
  })

  it('counts a stay running across 2023-01-27 from that day', () => {
    // Jan 27..31 = 5 days, Feb 1..25 = 25: the 30th day is 25 February.
    expect(exitOf(run('kz-visa-free', '2023-01-27', ['2023-01-20', null]))).toBe('2023-02-25')
  })
})

describe('ru: 90/180 + 90 continuous until 2024; 90 per calendar year + 90 continuous from 2025', () => {
  it('entering 2025-11-01, the continuous cap ends on 2026-01-29 though each year is under 90', () => {
    // November 30 + December 31 = 61 days in 2025; January 1..29 = 29 in 2026; 90 in a row.
    const r = run('ru', '2025-11-01', ['2025-11-01', null])
    expect(exitOf(r)).toBe('2026-01-29')
    expect(constraint(r, 'continuous:90').latestExit).toBe(day('2026-01-29'))
    expect(constraint(r, 'year:90').latestExit).toBe(day('2026-03-31')) // 2026: Jan 31 + Feb 28 + Mar 31
    expect(constraint(r, 'rolling:90/180').latestExitBound).toBe('none')
  })

  it('leaving one day later breaks only the continuous cap', () => {
    const r = run('ru', '2026-01-30', ['2025-11-01', '2026-01-30'])
    expect(runs(r)).toEqual([['2026-01-30', '2026-01-30', 91, 'continuous:90']])
    expect(constraint(r, 'year:90').daysUsed).toBe(30)
  })

  it('a same-day exit and re-entry does not interrupt the continuous stay', () => {
    const r = run('ru', '2026-01-30', ['2025-11-01', '2025-12-15'], ['2025-12-15', '2026-01-30'])
    expect(runs(r)).toEqual([['2026-01-30', '2026-01-30', 91, 'continuous:90']])
  })

  it('at the rule change a full 90/180 no longer blocks entry: a new calendar year starts', () => {
    // 2024-10-03..12-31 is 90 days (Oct 29 + Nov 30 + Dec 31).
    const before = run('ru', '2024-12-31', ['2024-10-03', '2024-12-31'])
    expect(before.violations).toEqual([])
    expect(before.latestExit).toBe(day('2024-12-31'))
    // Entering 2025-01-02: the rolling window is not checked any more, 2025 starts at 0, and the
    // earlier stay ended on Dec 31 (not a same-day re-entry). Jan 2..31 = 30, Feb 28, Mar 31, Apr 1: 90.
    const after = run('ru', '2025-01-02', ['2024-10-03', '2024-12-31'], ['2025-01-02', null])
    expect(constraint(after, 'rolling:90/180').inForce).toBe(false)
    expect(constraint(after, 'rolling:90/180').latestExitBound).toBe('none')
    expect(exitOf(after)).toBe('2025-04-01')
    expect(after.violations).toEqual([])
  })

  it('under the old rule a full 90/180 blocks entry in December 2024', () => {
    // 2024-09-01..11-29 is 90 days (Sep 30 + Oct 31 + Nov 29), all inside the window of 2024-12-15.
    const r = run('ru', '2024-12-15', ['2024-09-01', '2024-11-29'])
    expect(r.latestExit).toBeNull()
    expect(r.latestExitBound).toBe('over')
    expect(constraint(r, 'year:90').latestExit).toBe(day('2025-03-31'))
  })

  it('91 days in a calendar year break the 2025 limit', () => {
    // Jan 1..Mar 1 = 60 days, May 1..May 31 = 31: the 91st day is May 31.
    const r = run('ru', '2025-06-01', ['2025-01-01', '2025-03-01'], ['2025-05-01', '2025-05-31'])
    expect(runs(r)).toEqual([['2025-05-31', '2025-05-31', 91, 'year:90']])
  })
})

describe('uk-srt: 183 midnights in the tax year from 6 April', () => {
  it('entering on 6 April with no earlier days, leave by 5 October for 182 midnights', () => {
    // Midnights Apr 6..Oct 4: April 25, May 31 (56), June 30 (86), July 31 (117), August 31 (148),
    // September 30 (178), October 1-4 (182). Leaving on Oct 5, that night is not in the UK.
    const r = run('uk-srt', '2024-04-06', ['2024-04-06', null])
    expect(exitOf(r)).toBe('2024-10-05')
    expect(r.latestExitBound).toBe('limit')
    expect(r.daysUsed).toBe(0) // the night of the reference day has not come yet
    expect(r.window).toEqual({ start: day('2024-04-06'), end: day('2024-04-06') })
  })

  it('leaving on 6 October gives the 183rd midnight (5 October) and residence', () => {
    const r = run('uk-srt', '2024-10-06', ['2024-04-06', '2024-10-06'])
    expect(runs(r)).toEqual([['2024-10-05', '2024-10-05', 183, 'year:183+@04-06']])
    const c = constraint(r, 'year:183+@04-06')
    expect(c.daysUsed).toBe(183)
    expect(c.limit).toBe(182)
    expect(c.details).toMatchObject({ threshold: 183, crossed: true, crossedOn: '2024-10-05', periodStart: '2024-04-06', periodEnd: '2025-04-05' })
  })

  it('once the 183rd midnight has passed there is no legal exit, as under us-spt', () => {
    // Inside since 6 April: the 183rd midnight is 5 October (see above). On 20 October the midnights
    // Apr 6..Oct 19 are 182 + 15 = 197: leaving that day adds none, but the threshold is reached.
    const r = run('uk-srt', '2024-10-20', ['2024-04-06', null])
    expect(r.latestExit).toBeNull()
    expect(r.latestExitBound).toBe('over')
    expect(r.daysUsed).toBe(197)
    // On 6 October the night of the 5th was the 183rd: already resident.
    expect(run('uk-srt', '2024-10-06', ['2024-04-06', null]).latestExitBound).toBe('over')
    // The same state under us-spt (calendar days, no earlier years): arriving 1 January 2024, the
    // 183rd day is 1 July (Jan 31, Feb 29 (60), Mar 31 (91), Apr 30 (121), May 31 (152), Jun 30 (182)).
    const spt = run('us-spt', '2024-07-20', ['2024-01-01', null])
    expect([spt.latestExit, spt.latestExitBound]).toEqual([null, 'over'])
  })

  it('not inside, with the threshold reached earlier in the tax year: no legal stay either', () => {
    // Apr 6..Oct 10 gives midnights Apr 6..Oct 9 = 182 + 5 = 187 in the tax year 2024-25.
    const r = run('uk-srt', '2024-12-01', ['2024-04-06', '2024-10-10'])
    expect([r.latestExit, r.latestExitBound]).toEqual([null, 'over'])
  })

  it('planned stays that reach the threshold whatever the exit decide the tax year: no latest exit', () => {
    // Tax year 2024-04-06 … 2025-04-05. Inside on 2024-05-01 (recorded to May 10), planned Jun 1 …
    // 2025-01-31. Leaving on May 1: midnights Apr 6 … Apr 30 = 25; the plan's midnights Jun 1 …
    // Jan 30 = 30 + 31 + 31 + 30 + 31 + 30 + 31 + 30 = 244: 269 ≥ 183, resident for 2024-25 whatever
    // the exit (Finance Act 2013 Sch. 45 para 7: residence is for the tax year). Staying longer only
    // brings the 183rd midnight earlier (Nov 5 leaving on May 1, Nov 4 leaving on May 2): no harm,
    // and no exit keeps the year under the threshold.
    const r = run('uk-srt', '2024-05-01', ['2024-04-06', '2024-05-10'], ['2024-06-01', '2025-01-31'])
    expect([r.latestExit, r.latestExitBound]).toEqual([null, 'over'])
    expect(r.daysUsed).toBe(26) // Apr 6 … May 1, the night of May 1 as recorded
    // The same with a plan that stays under: Jun 1 … Sep 30 is 121 midnights, 25 + 121 = 146. Staying
    // on runs into it: Apr 6 … Oct 4 is 182 midnights, leaving on Oct 5 keeps the night of Oct 5 out.
    const under = run('uk-srt', '2024-05-01', ['2024-04-06', '2024-05-10'], ['2024-06-01', '2024-09-30'])
    expect([exitOf(under), under.latestExitBound]).toEqual(['2024-10-05', 'limit'])
  })

  it('a later tax year that planned stays decide sets no bound: the next undecided one does', () => {
    // Entering on 2025-03-01 (no earlier days); planned 2025-06-01 … 2026-01-31: 244 midnights in
    // 2025-26 (as above), resident for 2025-26 whatever else. Staying on from Mar 1: 2024-25 gets
    // Mar 1 … Apr 5 = 31 + 5 = 36 midnights (under 183); 2025-26 is decided, so its days neither
    // bound the stay nor are harmed; 2026-27 from 6 April 2026: 182 midnights by Oct 4, 2026
    // (April 25, May 56, June 86, July 117, August 148, September 178, October 1-4 182), so
    // leaving on 2026-10-05 keeps it under.
    const r = run('uk-srt', '2025-03-01', ['2025-06-01', '2026-01-31'])
    expect([exitOf(r), r.latestExitBound]).toEqual(['2026-10-05', 'limit'])
  })

  it('a new tax year starts afresh for a stay running across 6 April', () => {
    // Inside since 2024-04-06 (resident for 2024-25). From 6 April 2025 the midnights Apr 6..Oct 4 2025
    // are 182 again (April 25, May 31, June 30, July 31, August 31, September 30, October 4).
    const r = run('uk-srt', '2025-04-06', ['2024-04-06', null])
    expect(exitOf(r)).toBe('2025-10-05')
    expect(r.latestExitBound).toBe('limit')
  })

  it('in text: a day under the threshold and outside, entering would reach it: not "already reached" (QA)', async () => {
    // 2024-01-01 … 06-30 is 182 days of 2024 (a leap year): a day on 2024-07-01 makes 183.
    const r = await cli(['--rule', 'us-spt', '--trip', '2024-01-01..2024-06-30', '--on', '2024-07-01'])
    expect(r.stdout).toContain('182 days counted, weighted total 182: under the threshold of 183 so far\n')
    expect(r.stdout).toContain('Entering on 2024-07-01 would reach the threshold: no further day in this period keeps you under it.\n')
    expect(r.stdout).not.toContain('already reached')
  })

  it('in text: the threshold is already reached, with no latest exit line', async () => {
    const r = await cli(['--rule', 'uk-srt', '--trip', '2024-04-06..', '--on', '2024-10-20'])
    expect(r.stdout).toContain('threshold of 183 reached on 2024-10-05')
    expect(r.stdout).toContain('The threshold is already reached in this period')
    expect(r.stdout).not.toContain('Latest legal exit')
    const json = JSON.parse((await cli(['--rule', 'uk-srt', '--trip', '2024-04-06..', '--on', '2024-10-20', '--json'])).stdout) as Record<string, unknown>
    expect(json).toMatchObject({ latestExit: null, latestExitBound: 'over' })
  })

  it('counts in the tax year: days before 6 April belong to the year before', () => {
    // Leaving on 6 April 2025: midnights Jan 1..Apr 5 = 31 + 28 + 31 + 5 = 95, all in tax year 2024-25.
    const r = run('uk-srt', '2025-04-06', ['2025-01-01', '2025-04-06'])
    expect(r.daysUsed).toBe(0)
    expect(constraint(r, 'year:183+@04-06').details).toMatchObject({ periodStart: '2025-04-06', crossed: false, crossedOn: null })
    const r2 = run('uk-srt', '2025-04-05', ['2025-01-01', '2025-04-06'])
    expect(r2.daysUsed).toBe(95)
  })
})

describe('us-spt: current + 1/3 previous + 1/6 the year before ≥ 183, with ≥ 31 this year', () => {
  // Stays of n days from 1 January of a year.
  const daysFromJan1 = (year: number, n: number): [string, string] => [`${year}-01-01`, isoOf(day(`${year}-01-01`) + n - 1)]

  it('120/120/120 gives 180: not resident', () => {
    const r = run('us-spt', '2024-12-31', daysFromJan1(2022, 120), daysFromJan1(2023, 120), daysFromJan1(2024, 120))
    expect(constraint(r, 'weighted:183').details).toMatchObject({
      currentYearDays: 120, previousYearDays: 120, yearBeforeDays: 120, weightedTotal: '180', crossed: false, crossedOn: null,
    })
    expect(r.violations).toEqual([])
    // 123 days this year would reach 183 (123 + 40 + 20): 122 allowed, 2 left.
    expect(r.daysRemaining).toBe(2)
  })

  it('110/150/180 gives 190: resident, from the 103rd day of the year', () => {
    // Needed this year: (1098 - 2·150 - 180) / 6 = 103. 2024 is a leap year: Jan 31 + Feb 29 + Mar 31 = 91,
    // so day 103 is 12 April and day 110 is 19 April.
    const r = run('us-spt', '2024-12-31', daysFromJan1(2022, 180), daysFromJan1(2023, 150), daysFromJan1(2024, 110))
    expect(constraint(r, 'weighted:183').details).toMatchObject({ weightedTotal: '190', crossed: true, crossedOn: '2024-04-12' })
    expect(runsFrom(r, '2024-01-01')).toEqual([['2024-04-12', '2024-04-19', 110, 'weighted:183']])
    // 2023 crossed on its own too: 150 + 180/3 = 210; with 60 from 2022, day 123 of 2023 is 3 May.
    expect(runs(r)[0]).toEqual(['2023-05-03', '2023-05-30', 150, 'weighted:183'])
  })

  it('exact fractions: 122/183/0 gives 183 (resident), 121/183/0 gives 182 (not)', () => {
    const yes = run('us-spt', '2024-12-31', daysFromJan1(2023, 183), daysFromJan1(2024, 122))
    expect(constraint(yes, 'weighted:183').details).toMatchObject({ weightedTotal: '183', crossed: true })
    const no = run('us-spt', '2024-12-31', daysFromJan1(2023, 183), daysFromJan1(2024, 121))
    expect(constraint(no, 'weighted:183').details).toMatchObject({ weightedTotal: '182', crossed: false })
    expect(runsFrom(no, '2024-01-01')).toEqual([])
    // 183 days in 2023 crossed in 2023 itself, on its 183rd day: Jan 1 + 182 = 2 July.
    expect(runs(no)).toEqual([['2023-07-02', '2023-07-02', 183, 'weighted:183']])
  })

  it('keeps thirds and sixths exact: 100/100/101 gives 100 + 33 1/3 + 16 5/6 = 150 1/6', () => {
    const r = run('us-spt', '2024-12-31', daysFromJan1(2022, 101), daysFromJan1(2023, 100), daysFromJan1(2024, 100))
    expect(constraint(r, 'weighted:183').details).toMatchObject({ weightedTotal: '901/6', weightedTotalFloor: 150 })
  })

  it('needs 31 days this year even when the earlier years alone exceed 183', () => {
    // 365 + 365 earlier give 121 2/3 + 60 5/6 = 182.5 without this year: 1 day gives 183.5, but
    // the threshold is reached only on the 31st day (31 January).
    const r = run('us-spt', '2025-12-31', ['2023-01-01', '2024-12-31'], daysFromJan1(2025, 40))
    expect(runsFrom(r, '2025-01-01')).toEqual([['2025-01-31', '2025-02-09', 40, 'weighted:183']])
    // 2024 (leap) needed ceil((1098 - 2·365) / 6) = 62 days: 2 March.
    expect(runsFrom(r, '2024-01-01')[0]?.slice(0, 2)).toEqual(['2024-03-02', '2024-12-31'])
  })

  it('a planned stay that reaches the threshold whatever the exit decides the year: no latest exit', () => {
    // Inside on 2024-02-01 (recorded to Feb 10), planned Mar 1 … Dec 20, no days in 2022-23.
    // Leaving on Feb 1: Jan 1 … Feb 1 = 32 days; the plan: Mar 31, Apr 30 (61), May 31 (92), Jun 30
    // (122), Jul 31 (153), Aug 31 (184), Sep 30 (214), Oct 31 (245), Nov 30 (275), Dec 1-20 (295).
    // 32 + 295 = 327 ≥ 183 with ≥ 31 in 2024: resident for 2024 whatever the exit (26 U.S.C.
    // §7701(b)(3): resident "with respect to any calendar year"), reached on the plan's 151st day,
    // Jul 29 (Mar 1 … Jul 29 = 31 + 30 + 31 + 30 + 29).
    const r = run('us-spt', '2024-02-01', ['2024-01-01', '2024-02-10'], ['2024-03-01', '2024-12-20'])
    expect([r.latestExit, r.latestExitBound]).toEqual([null, 'over'])
    expect(r.daysUsed).toBe(32)
  })

  it('staying longer this year may harm next year through its weight of 1/3: bound by the plan', () => {
    // Inside from 2024-01-01 (recorded to Jan 3), planned 2025-01-01 … 2025-06-20: Jan 31, Feb 28
    // (59), Mar 31 (90), Apr 30 (120), May 31 (151), Jun 1-20 (171) days in 2025. 2025 reaches 183
    // when 171 + n/3 ≥ 183, n the days of 2024: n ≥ 36. Leaving on Jan 1 (n = 1) keeps 2025 under,
    // so 2025 is undecided and turning it resident is harm: n ≤ 35, leave by Feb 4 (Jan 31 + 4).
    // 2024 itself stays far under (35 days).
    const r = run('us-spt', '2024-01-01', ['2024-01-01', '2024-01-03'], ['2025-01-01', '2025-06-20'])
    expect([exitOf(r), r.latestExitBound]).toEqual(['2024-02-04', 'plan'])
  })

  it('with no earlier days, 182 days this year keep you under: arriving 1 January 2025, leave by 1 July', () => {
    // Jan 31, Feb 28 (59), Mar 31 (90), Apr 30 (120), May 31 (151), Jun 30 (181), Jul 1 (182).
    expect(exitOf(run('us-spt', '2025-01-01', ['2025-01-01', null]))).toBe('2025-07-01')
  })
})

describe('uk-ilr: at most 180 whole days absent in any 12 months (stays are periods abroad)', () => {
  it('leaving on 1 May 2022, the 180th whole day abroad is 28 October: return by 29 October', () => {
    // Whole days from 2 May: May 30, June 30 (60), July 31 (91), August 31 (122), September 30 (152),
    // October 28 (180). The return day (29 October) is not absence.
    const r = run('uk-ilr', '2022-05-01', ['2022-05-01', null])
    expect(exitOf(r)).toBe('2022-10-29')
  })

  it('returning on 30 October makes 181 whole days', () => {
    const r = run('uk-ilr', '2022-10-30', ['2022-05-01', '2022-10-30'])
    expect(runs(r)).toEqual([['2022-10-29', '2022-10-29', 181, 'absence:180/12m']])
  })

  it('over the limit in the 12 months before the reference day: no legal exit, whatever happens that day', () => {
    // Abroad 2023-01-01 … 07-15: whole days Jan 2 … Jul 14 = 30 + 28 + 31 + 30 + 31 + 30 + 14 = 194;
    // the 181st is Jul 1, so Jul 1 … 14 break the rule, and the 12 months ending on Jul 15 (from
    // 2022-07-16) hold 194 > 180. Continuity is broken and no return restores it (Appendix
    // Continuous Residence CR 2.1): "over", whether one is still away on Jul 15, comes back and
    // leaves again that day, is at home on Jul 16 and leaves again then, or stays home.
    const away = ['2023-01-01', '2023-07-15'] as [string, string]
    for (const [on, ...more] of [
      ['2023-07-15'],
      ['2023-07-15', '2023-07-15', '2023-07-20'],
      ['2023-07-16', '2023-07-16', '2023-07-20'],
      ['2023-07-16'],
    ] as [string, ...string[]][]) {
      const stays: [string, string][] = more.length === 0 ? [away] : [away, [more[0]!, more[1]!]]
      const r = run('uk-ilr', on, ...stays)
      expect([r.latestExit, r.latestExitBound, r.daysUsed], `on ${on} with ${more.join('..')}`).toEqual([null, 'over', 194])
    }
  })

  it('back and away again the same day, under the limit: the latest return counts from the day after', () => {
    // Abroad 2023-01-01 … 06-20: whole days Jan 2 … Jun 19 = 30 + 28 + 31 + 30 + 31 + 19 = 169. Back
    // and away again on Jun 20 (recorded back on Jun 30): Jun 20 is a departure day, no whole day
    // away. Returning on X adds Jun 21 … X-1: 169 + (X - Jun 21) ≤ 180 gives X = Jul 2 (Jun 21 …
    // Jul 1 = 11 days, 180 in all; returning on Jul 3 makes Jul 2 the 181st).
    const r = run('uk-ilr', '2023-06-20', ['2023-01-01', '2023-06-20'], ['2023-06-20', '2023-06-30'])
    expect([exitOf(r), r.latestExitBound, r.daysUsed]).toEqual(['2023-07-02', 'limit', 169])
  })

  it('does not count travel days: two trips sharing a day count their whole days only', () => {
    // Out Jan 1, back Jan 11 (9 whole days); out again Jan 11, back Jan 21 (9): 18.
    const r = run('uk-ilr', '2022-01-31', ['2022-01-01', '2022-01-11'], ['2022-01-11', '2022-01-21'])
    expect(r.daysUsed).toBe(18)
  })
})

describe('uk-visitor and us-b2: 6 calendar months per visit', () => {
  it.each([
    ['uk-visitor', '2024-01-15', '2024-07-14'],
    ['uk-visitor', '2023-08-31', '2024-02-28'], // 31 Aug + 6 months = 29 Feb 2024 (clamped): last day 28 Feb
    ['uk-visitor', '2023-08-29', '2024-02-28'],
    ['us-b2', '2024-01-15', '2024-07-14'],
    ['us-b2', '2024-08-31', '2025-02-27'], // 31 Aug + 6 months = 28 Feb 2025 (clamped): last day 27 Feb
  ])('%s entering %s may stay until %s', (id, entry, last) => {
    expect(exitOf(run(id, entry, [entry, null]))).toBe(last)
  })
})

describe('per-visit day caps', () => {
  it.each([
    ['mx', '2024-01-01', '2024-06-28'], // 180 days: Jan 31, Feb 29 (60), Mar 31 (91), Apr 30 (121), May 31 (152), Jun 28 (180)
    ['ge', '2024-01-01', '2024-12-30'], // 365 days of the 366 of 2024
    ['ge', '2023-01-01', '2023-12-31'],
    ['th', '2024-07-15', '2024-09-12'], // 60 days: Jul 17, Aug 31 (48), Sep 12 (60)
    ['th', '2024-07-14', '2024-08-12'], // entry before the change: 30 days (Jul 18, Aug 12)
    ['th', '2024-07-01', '2024-07-30'],
    ['th', '2023-03-01', '2023-03-30'],
  ])('%s entering %s may stay until %s', (id, entry, last) => {
    expect(exitOf(run(id, entry, [entry, null]))).toBe(last)
  })

  it('th: a 40-day stay entered before 15 July 2024 breaks the 30-day cap, one entered after does not', () => {
    // Jul 12 + 30 = Aug 11 is day 31; Aug 20 is day 40. The cap follows the entry, not the calendar.
    const before = run('th', '2024-08-20', ['2024-07-12', '2024-08-20'])
    expect(runs(before)).toEqual([['2024-08-11', '2024-08-20', 40, 'per-visit:30d']])
    const after = run('th', '2024-08-30', ['2024-07-20', '2024-08-30'])
    expect(after.violations).toEqual([])
  })

  it('th: entered on 14 July 2024 and still inside on 14 August: already over (day 30 was 12 August)', () => {
    // Jul 14..31 = 18 days, Aug 1..12 = 12: day 30 is Aug 12; Aug 14 is day 32.
    const r = run('th', '2024-08-14', ['2024-07-14', null])
    expect([r.latestExit, r.latestExitBound]).toEqual([null, 'over'])
    expect(r.binding).toBe('per-visit:30d')
    expect(r.overstayDays).toBe(2)
    expect(runs(r)).toEqual([['2024-08-13', '2024-08-14', 32, 'per-visit:30d']])
  })

  it('th: a 60-day stay entered on 1 July 2024 overstays its last 30 days, however late they fall', () => {
    // Jul 1 + 29 = Jul 30 is day 30; Jul 31..Aug 29 are days 31-60 (Jul 1 entry, 2024).
    const r = run('th', '2024-09-10', ['2024-07-01', '2024-08-29'])
    expect(runs(r)).toEqual([['2024-07-31', '2024-08-29', 60, 'per-visit:30d']])
    // Entering on 10 September 2024 is under the 60-day regime: Sep 10 + 59 = Nov 8.
    expect(exitOf(r)).toBe('2024-11-08')
    expect(r.constraints.map((c) => [c.id, c.inForce])).toEqual([['per-visit:60d', true], ['per-visit:30d', false]])
  })

  it('th: the JSON keeps its shape, with the 30-day cap binding', async () => {
    const r = await cli(['--rule', 'th', '--trip', '2024-07-14..', '--on', '2024-08-14', '--json'])
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    expect(r.exitCode).toBe(1)
    expect(json).toMatchObject({ latestExit: null, latestExitBound: 'over', binding: 'per-visit:30d', daysUsed: 32, overstayDays: 2 })
    expect(Object.keys((json.constraints as Record<string, unknown>[])[1] ?? {})).toEqual([
      'id', 'kind', 'label', 'inForce', 'limit', 'daysUsed', 'window', 'daysRemaining', 'overstayDays', 'latestExit', 'latestExitBound', 'violations', 'details',
    ])
  })
})

describe('per-visit presets: overlapping records are one visit (rules-reference §4.5)', () => {
  it('us-esta: stays of 1 Jan - 20 Mar and 1 Mar - 20 May 2024 are one admission of 141 days', () => {
    // Jan 1 + 89 = Mar 30 (Jan 31, Feb 29 (60), Mar 30 (90)); Mar 31 is day 91; May 20 is day
    // 31 + 29 + 31 + 30 + 20 = 141.
    const r = run('us-esta', '2024-06-01', ['2024-01-01', '2024-03-20'], ['2024-03-01', '2024-05-20'])
    expect(runs(r)).toEqual([['2024-03-31', '2024-05-20', 141, 'per-visit:90d']])
  })

  it('us-esta: leaving and coming back on the same day is still a new admission', () => {
    // Mar 20 - May 20 is 12 + 30 + 20 = 62 days of a new admission.
    const r = run('us-esta', '2024-06-01', ['2024-01-01', '2024-03-20'], ['2024-03-20', '2024-05-20'])
    expect(r.violations).toEqual([])
  })

  it.each(['kz-visa-free', 'th'])('%s: 1-20 January and 10 January - 15 February 2024 overstay from 31 January', (id) => {
    // One visit from Jan 1: day 30 is Jan 30; Jan 31..Feb 15 are days 31-46.
    const r = run(id, '2024-03-01', ['2024-01-01', '2024-01-20'], ['2024-01-10', '2024-02-15'])
    expect(runs(r).filter(([, , , c]) => c === 'per-visit:30d')).toEqual([['2024-01-31', '2024-02-15', 46, 'per-visit:30d']])
  })

  it('us-esta from the command line: the overlap warning and the overstay', async () => {
    const r = await cli(['--rule', 'us-esta', '--trip', '2024-01-01..2024-03-20', '--trip', '2024-03-01..2024-05-20', '--on', '2024-06-01', '--json'])
    expect(r.exitCode).toBe(1)
    const json = JSON.parse(r.stdout) as { violations: unknown[]; warnings: { code: string }[] }
    expect(json.violations).toEqual([{ start: '2024-03-31', end: '2024-05-20', peakDaysUsed: 141, constraint: 'per-visit:90d' }])
    expect(json.warnings).toHaveLength(1)
  })

  it('--admit-until on a merged visit: the date given for the record entered last holds', async () => {
    // Jan 1 - Mar 20 and Mar 1 - May 20 under us-b2 (6 months: Jan 1 + 6 months - 1 day = Jun 30).
    // --admit-until 2024-04-30 goes to the record entered last (Mar 1), and so to the visit from
    // Jan 1: May 1..20 are over (days 122-141).
    const base = ['--rule', 'us-b2', '--trip', '2024-01-01..2024-03-20', '--trip', '2024-03-01..2024-05-20', '--on', '2024-06-01', '--json']
    expect((JSON.parse((await cli(base)).stdout) as { violations: unknown[] }).violations).toEqual([])
    const r = await cli([...base, '--admit-until', '2024-04-30'])
    const json = JSON.parse(r.stdout) as { violations: unknown[]; stays: { until: string | null }[] }
    expect(json.stays.map((s) => s.until)).toEqual([null, '2024-04-30'])
    expect(json.violations).toEqual([{ start: '2024-05-01', end: '2024-05-20', peakDaysUsed: 141, constraint: 'per-visit:6m' }])
  })
})

describe('am: 180 days per calendar year', () => {
  it('180 days from 1 January 2024 end on 28 June; the 181st breaks the limit', () => {
    expect(exitOf(run('am', '2024-01-01', ['2024-01-01', null]))).toBe('2024-06-28')
    const r = run('am', '2024-06-29', ['2024-01-01', '2024-06-29'])
    expect(runs(r)).toEqual([['2024-06-29', '2024-06-29', 181, 'year:180']])
  })

  it('a new calendar year starts at 0', () => {
    // 2024-07-05..12-31 = 180 days (Jul 27, Aug 31, Sep 30, Oct 31, Nov 30, Dec 31); 2025 starts afresh:
    // Jan 31, Feb 28 (59), Mar 31 (90), Apr 30 (120), May 31 (151), Jun 29 (180).
    const r = run('am', '2025-01-01', ['2024-07-05', '2024-12-31'], ['2025-01-01', null])
    expect(r.daysUsed).toBe(1)
    expect(r.violations).toEqual([])
    expect(exitOf(r)).toBe('2025-06-29')
  })
})

describe('oecd-183: 183 days in any twelve months', () => {
  it('arriving 1 January 2024 with no earlier days, the 183rd day is 1 July', () => {
    // Jan 31, Feb 29 (60), Mar 31 (91), Apr 30 (121), May 31 (152), Jun 30 (182), Jul 1 (183).
    expect(exitOf(run('oecd-183', '2024-01-01', ['2024-01-01', null]))).toBe('2024-07-01')
  })

  it('past the 183rd day there is no legal exit', () => {
    // Arriving 1 January 2024, the 183rd day is 1 July: on 20 August (233rd day) it is already broken.
    const r = run('oecd-183', '2024-08-20', ['2024-01-01', null])
    expect([r.latestExit, r.latestExitBound]).toEqual([null, 'over'])
  })

  it('the twelve months ending on 28 Feb 2025 start on 29 Feb 2024 (366 days)', () => {
    const r = run('oecd-183', '2025-02-28', ['2024-02-29', '2024-02-29'])
    expect(r.daysUsed).toBe(1)
    expect(r.window).toEqual({ start: day('2024-02-29'), end: day('2025-02-28') })
    expect(r.constraints[0]?.details).toMatchObject({ window: 12, unit: 'months', windowDays: 366 })
    expect(run('oecd-183', '2025-03-01', ['2024-02-29', '2024-02-29']).daysUsed).toBe(0)
  })
})

describe('rolling 90/180 presets', () => {
  it.each(['schengen', 'tr', 'rs', 'al', 'ua'])('%s: a fresh entry may stay 90 days', (id) => {
    // 1 March 2024 + 89 = 29 May (Mar 31, Apr 30 (61), May 29 (90)).
    expect(exitOf(run(id, '2024-03-01', ['2024-03-01', null]))).toBe('2024-05-29')
  })

  it('ua checks days from 2015-04-08 only, counting earlier presence in the window', () => {
    // 2015-01-01..04-30 = 120 days; the 91st day is 1 April, but only days from 8 April are checked.
    const r = run('ua', '2015-04-30', ['2015-01-01', '2015-04-30'])
    expect(runs(r)).toEqual([['2015-04-08', '2015-04-30', 120, 'rolling:90/180']])
  })

  it('ua before 2015-04-08: the days are told, but nobody is over a rule not yet in force (QA)', async () => {
    // 2014-11-01..2015-03-01 = 30 + 31 + 31 + 28 + 1 = 121 days in the window ending 03-01. The rule
    // checks days from 04-08: staying on, the window ending 04-08 (from 2014-10-11) holds
    // 121 + 38 = 159 > 90, so the last legal day is 04-07; nothing is over on 03-01.
    const r = run('ua', '2015-03-01', ['2014-11-01', '2015-03-01'])
    expect({ used: r.daysUsed, over: r.overstayDays, exit: exitOf(r), violations: r.violations }).toEqual({ used: 121, over: 0, exit: '2015-04-07', violations: [] })
    // Batch: not "over", exit 0 (it said OVER by 31, exit 1).
    const b = await cli(['x.csv', '--rule', 'ua', '--on', '2015-03-01', '--format', 'csv'], { files: { 'x.csv': 'traveller,entry,exit\nx,2014-11-01,2015-03-01\n' } })
    expect(b.exitCode).toBe(0)
    expect(b.stdout.split('\n')[1]).toMatch(/^x,ok,/)
  })
})
