/**
 * The engine against hand-computed rows. Every figure was worked out by hand from the definitions
 * (rules-reference §1.2–1.4), never by running the engine; the comment beside a row shows the sum.
 * Window for day D: [D − 179, D] (180 dates). Month lengths: Jan 31, Feb 28 (29 in 2024), Mar 31,
 * Apr 30, May 31, Jun 30, Jul 31, Aug 31, Sep 30, Oct 31, Nov 30, Dec 31.
 */
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import type { Rule } from '../src/rules/types.js'
import type { Stay } from '../src/types.js'
import { iso, kz, open, rollingRule, schengen, stay } from './helpers/factories.js'
import { oracle } from './helpers/oracle.js'

interface Expected {
  readonly used: number
  readonly remaining: number
  readonly overstay: number
  readonly inside: boolean
  /** `[start, end]` of the window ending on `on`; checked when given. */
  readonly window?: readonly [string, string]
  readonly latestExit: string | null
  readonly bound: 'limit' | 'plan' | 'over' | 'none'
  readonly violations: readonly (readonly [string, string, number])[]
}

interface Row {
  readonly name: string
  readonly rule?: Rule
  readonly stays: readonly Stay[]
  readonly on: string
  readonly expected: Expected
}

const none: Expected['violations'] = []

const cases: readonly Row[] = [
  // ── single stays ───────────────────────────────────────────────────────────────────────────
  {
    // window: Jul 15..31 (17) + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 1..10 (10) = 180
    // stay on: 10 + k ≤ 90 ⇒ k = 80 (nothing leaves the window for 170 days) ⇒ Jan 10 + 80 = Mar 30
    name: 'single 10-day stay, checked on its last day',
    stays: [stay('2024-01-01', '2024-01-10')],
    on: '2024-01-10',
    expected: { used: 10, remaining: 80, overstay: 0, inside: true, window: ['2023-07-15', '2024-01-10'], latestExit: '2024-03-30', bound: 'limit', violations: none },
  },
  {
    // window(Feb 1) = [2023-08-06, Feb 1]: Aug 6..31 (26) + 30 + 31 + 30 + 31 + 31 + 1 = 180; holds all 10.
    // entering Feb 1: 10 + (k + 1) ≤ 90 ⇒ k = 79 ⇒ Feb 1 + 79 = Apr 20 (Feb 29 = +28, Mar 31 = +59)
    name: 'entering after a past stay ("if I enter on D, I may stay until …")',
    stays: [stay('2024-01-01', '2024-01-10')],
    on: '2024-02-01',
    expected: { used: 10, remaining: 80, overstay: 0, inside: false, window: ['2023-08-06', '2024-02-01'], latestExit: '2024-04-20', bound: 'limit', violations: none },
  },
  {
    // Jan 1..Mar 30 = 31 + 29 + 30 = 90: the last legal day; Mar 31 would be day 91
    name: 'exactly 90 days',
    stays: [stay('2024-01-01', '2024-03-30')],
    on: '2024-03-30',
    expected: { used: 90, remaining: 0, overstay: 0, inside: true, latestExit: '2024-03-30', bound: 'limit', violations: none },
  },
  {
    // Jan 1..Mar 31 = 91; the violation is the single day Mar 31 (the 91st)
    name: '91 days: one too many',
    stays: [stay('2024-01-01', '2024-03-31')],
    on: '2024-03-31',
    expected: { used: 91, remaining: 0, overstay: 1, inside: true, latestExit: null, bound: 'over', violations: [['2024-03-31', '2024-03-31', 91]] },
  },

  // ── the window's edge ──────────────────────────────────────────────────────────────────────
  {
    // window(Jun 28) = Jan 1 (31) + Feb 29 + Mar 31 + Apr 30 + May 31 + Jun 1..28 (28) = 180: Jan 1 is its first day
    // entering Jun 28: used' = 2; from Jun 29 Jan 1 has left, used' = k + 1 ≤ 90 ⇒ k = 89 ⇒ Sep 25
    name: 'day 180: an old day is still in the window',
    stays: [stay('2024-01-01', '2024-01-01')],
    on: '2024-06-28',
    expected: { used: 1, remaining: 89, overstay: 0, inside: false, window: ['2024-01-01', '2024-06-28'], latestExit: '2024-09-25', bound: 'limit', violations: none },
  },
  {
    // window(Jun 29) = [Jan 2, Jun 29]; k + 1 ≤ 90 ⇒ Jun 29 + 89 = Sep 26 (Jun 30 +1, Jul 31 +32, Aug 31 +63)
    name: 'day 181 falls out of the window',
    stays: [stay('2024-01-01', '2024-01-01')],
    on: '2024-06-29',
    expected: { used: 0, remaining: 90, overstay: 0, inside: false, window: ['2024-01-02', '2024-06-29'], latestExit: '2024-09-26', bound: 'limit', violations: none },
  },
  {
    // absence Mar 31..Jun 27 = 1 + 30 + 31 + 27 = 89 days. window(Jun 28) = [Jan 1, Jun 28]: 90 + 1 = 91
    name: '89 days of absence are not enough for a new entry',
    stays: [stay('2024-01-01', '2024-03-30'), stay('2024-06-28', '2024-06-28')],
    on: '2024-06-28',
    expected: { used: 91, remaining: 0, overstay: 1, inside: true, window: ['2024-01-01', '2024-06-28'], latestExit: null, bound: 'over', violations: [['2024-06-28', '2024-06-28', 91]] },
  },
  {
    // EC user manual §1 (rules-reference §1.1): "an absence for an uninterrupted period of 90 days allows
    // for a new stay for up to 90 days". Absence Mar 31..Jun 28 = 90 days; enter Jun 29.
    // window(Jun 29 + k) = [Jan 2 + k, …]: past (89 − k) + new (k + 1) = 90 for k = 0..89; k = 90 gives 91.
    // So a full 90-day stay Jun 29..Sep 26, although daysRemaining on Jun 29 is only 1 (§4.2).
    name: 'EC manual: 90 days of absence allow a new stay of up to 90 days',
    stays: [stay('2024-01-01', '2024-03-30')],
    on: '2024-06-29',
    expected: { used: 89, remaining: 1, overstay: 0, inside: false, window: ['2024-01-02', '2024-06-29'], latestExit: '2024-09-26', bound: 'limit', violations: none },
  },

  // ── calendar: leap day and year end ───────────────────────────────────────────────────────
  {
    // window(2024-06-30) = Jan 3..31 (29) + Feb 29 + 31 + 30 + 31 + 30 = 180 ⇒ starts Jan 3: only Jan 3 counts
    // entering: used' = 2 on Jun 30, then k + 1 ⇒ Jun 30 + 89 = Sep 27
    name: 'leap year: a window across 29 Feb 2024 starts a day later',
    stays: [stay('2024-01-01', '2024-01-03')],
    on: '2024-06-30',
    expected: { used: 1, remaining: 89, overstay: 0, inside: false, window: ['2024-01-03', '2024-06-30'], latestExit: '2024-09-27', bound: 'limit', violations: none },
  },
  {
    // window(2023-06-30) = Jan 2..31 (30) + Feb 28 + 31 + 30 + 31 + 30 = 180 ⇒ starts Jan 2: Jan 2, 3 count
    // entering: 3, 3, then k + 1 from k = 2 ⇒ Jun 30 + 89 = Sep 27
    name: 'common year: the same window starts on 2 January',
    stays: [stay('2023-01-01', '2023-01-03')],
    on: '2023-06-30',
    expected: { used: 2, remaining: 88, overstay: 0, inside: false, window: ['2023-01-02', '2023-06-30'], latestExit: '2023-09-27', bound: 'limit', violations: none },
  },
  {
    // Feb 27, 28, 29, Mar 1, 2 = 5 days; + 85 ⇒ Mar 2 + 85 = May 26 (Mar 31 +29, Apr 30 +59)
    name: 'leap year: a stay across 29 February',
    stays: [stay('2024-02-27', '2024-03-02')],
    on: '2024-03-02',
    expected: { used: 5, remaining: 85, overstay: 0, inside: true, latestExit: '2024-05-26', bound: 'limit', violations: none },
  },
  {
    // Feb 27, 28, Mar 1, 2 = 4 days; + 86 ⇒ Mar 2 + 86 = May 27
    name: 'common year: the same dates are a day shorter',
    stays: [stay('2023-02-27', '2023-03-02')],
    on: '2023-03-02',
    expected: { used: 4, remaining: 86, overstay: 0, inside: true, latestExit: '2023-05-27', bound: 'limit', violations: none },
  },
  {
    // Dec 20..31 (12) + Jan 1..10 (10) = 22; + 68 ⇒ Jan 10 + 68 = Mar 18 (Jan 31 +21, Feb 29 +50)
    name: 'a stay across the year end',
    stays: [stay('2023-12-20', '2024-01-10')],
    on: '2024-01-10',
    expected: { used: 22, remaining: 68, overstay: 0, inside: true, latestExit: '2024-03-18', bound: 'limit', violations: none },
  },
  {
    // window(2024-01-01) = Jul 6..31 (26) + 31 + 30 + 31 + 30 + 31 + 1 = 180; Dec 25..Jan 1 = 8
    name: 'a window across the year end',
    stays: [stay('2023-07-05', '2023-07-05'), stay('2023-12-25', '2024-01-01')],
    on: '2024-01-01',
    // latestExit: 8 + k ≤ 90 ⇒ k = 82 (Jul 5 is already out; Dec 25 leaves only at k = 172) ⇒ Jan 1 + 82 = Mar 23
    expected: { used: 8, remaining: 82, overstay: 0, inside: true, window: ['2023-07-06', '2024-01-01'], latestExit: '2024-03-23', bound: 'limit', violations: none },
  },

  {
    // 1969: Jan 31 + Feb 28 + Mar 31 = 90 ⇒ Apr 1 is day 91, Apr 10 day 100. Day numbers are negative here.
    name: 'a violation before 1970 (negative day numbers)',
    // A 90/180 rule with no start: Schengen's is checked from 2013-10-18.
    rule: rollingRule({ limit: 90, window: 180 }),
    stays: [stay('1969-01-01', '1969-04-10')],
    on: '1969-04-10',
    expected: { used: 100, remaining: 0, overstay: 10, inside: true, latestExit: null, bound: 'over', violations: [['1969-04-01', '1969-04-10', 100]] },
  },
  {
    // Oct 31 + Nov 30 = 61, Dec 30 = day 91; + Dec 31 + Jan 1..10 ⇒ 102. window(Jan 10) starts 1969-07-15.
    name: 'a violation across 1 January 1970',
    // A 90/180 rule with no start: Schengen's is checked from 2013-10-18.
    rule: rollingRule({ limit: 90, window: 180 }),
    stays: [stay('1969-10-01', '1970-01-10')],
    on: '1970-01-10',
    expected: { used: 102, remaining: 0, overstay: 12, inside: true, window: ['1969-07-15', '1970-01-10'], latestExit: null, bound: 'over', violations: [['1969-12-30', '1970-01-10', 102]] },
  },

  // ── days counted once ──────────────────────────────────────────────────────────────────────
  {
    // Jan 1..10 and Jan 10..20 share Jan 10: 20 days, not 21; + 70 ⇒ Jan 20 + 70 = Mar 30
    name: 'same-day exit and re-entry counts that day once',
    stays: [stay('2024-01-01', '2024-01-10'), stay('2024-01-10', '2024-01-20')],
    on: '2024-01-20',
    expected: { used: 20, remaining: 70, overstay: 0, inside: true, latestExit: '2024-03-30', bound: 'limit', violations: none },
  },
  {
    // union Jan 1..20 = 20 days
    name: 'overlapping stays count each day once',
    stays: [stay('2024-01-01', '2024-01-15'), stay('2024-01-10', '2024-01-20')],
    on: '2024-01-20',
    expected: { used: 20, remaining: 70, overstay: 0, inside: true, latestExit: '2024-03-30', bound: 'limit', violations: none },
  },
  {
    name: 'a duplicated stay counts once',
    stays: [stay('2024-01-01', '2024-01-10'), stay('2024-01-01', '2024-01-10')],
    on: '2024-01-10',
    expected: { used: 10, remaining: 80, overstay: 0, inside: true, latestExit: '2024-03-30', bound: 'limit', violations: none },
  },

  // ── open stays ─────────────────────────────────────────────────────────────────────────────
  {
    // May 1..31 = 31; + 59 ⇒ May 31 + 59 = Jul 29 (Jun 30 +30)
    name: 'open stay runs through the reference day',
    stays: [open('2024-05-01')],
    on: '2024-05-31',
    expected: { used: 31, remaining: 59, overstay: 0, inside: true, latestExit: '2024-07-29', bound: 'limit', violations: none },
  },
  {
    // entered today: 1 day; May 1 + 89 = Jul 29
    name: 'open stay that began on the reference day',
    stays: [open('2024-05-01')],
    on: '2024-05-01',
    expected: { used: 1, remaining: 89, overstay: 0, inside: true, latestExit: '2024-07-29', bound: 'limit', violations: none },
  },

  // ── planned stays after the reference day ─────────────────────────────────────────────────
  {
    // plan Mar 1..Apr 19 = 31 + 19 = 50 days. window(Apr 19) starts Oct 23, 2023, so holds all of
    // [Jan 1, X]: n + 50 ≤ 90 ⇒ n = 40 days ⇒ X = Jan 1 + 39 = Feb 9. Without the plan: Mar 30.
    name: 'a planned stay binds the latest exit',
    stays: [stay('2024-03-01', '2024-04-19')],
    on: '2024-01-01',
    expected: { used: 0, remaining: 90, overstay: 0, inside: false, latestExit: '2024-02-09', bound: 'plan', violations: none },
  },
  {
    // plan Mar 1..May 29 = 31 + 30 + 29 = 90; window(May 29) = [2023-12-02, May 29] holds Jan 1: 91
    name: 'a planned 90-day stay leaves no day to enter now',
    stays: [stay('2024-03-01', '2024-05-29')],
    on: '2024-01-01',
    expected: { used: 0, remaining: 90, overstay: 0, inside: false, latestExit: null, bound: 'plan', violations: none },
  },
  {
    // Jan 1..Apr 9 = 31 + 29 + 31 + 9 = 100 days; Mar 31 is day 91, so the limit alone gives Mar 30.
    // The plan May 1..10 breaks the rule with the recorded exit Apr 9, but not leaving on Jan 1 (the
    // baseline: 1 + 10 days), so it is protected. window(May 10) = 2023-11-13 .. 2024-05-10 (18 + 31
    // + 31 + 29 + 31 + 30 + 10 = 180 days) holds Jan 1..X whole: leaving on Mar 20 = 80 days + 10 =
    // 90; leaving on Mar 21 = 81 + 10 = 91 on May 10 ⇒ Mar 20, bound by the plan.
    name: 'latest exit protects a plan that the recorded exit breaks',
    stays: [stay('2024-01-01', '2024-04-09'), stay('2024-05-01', '2024-05-10')],
    on: '2024-01-01',
    expected: {
      used: 1, remaining: 89, overstay: 0, inside: true, latestExit: '2024-03-20', bound: 'plan',
      violations: [['2024-03-31', '2024-04-09', 100], ['2024-05-01', '2024-05-10', 110]],
    },
  },

  {
    // `stay-calc --trip 2024-05-01..2024-07-15 --trip 2024-08-01..2024-08-31 --on 2024-06-01`.
    // used(Jun 1): window 2023-12-05 .. 2024-06-01 holds May 1..Jun 1 = 31 + 1 = 32.
    // Recorded: May 1..Jul 15 = 31 + 30 + 15 = 76 days; window(Aug d) = Feb 4+d-1 .. Aug d holds all
    // of them, so Aug d counts 76 + d: over from Aug 15 (91) to Aug 31 (107).
    // Leaving on X instead: window(Aug 31) = Mar 5 .. Aug 31 (27 + 30 + 31 + 30 + 31 + 31 = 180)
    // holds May 1..X and all 31 August days. X = Jun 28: 31 + 28 = 59, + 31 = 90 ✓ (Aug d: 59 + d);
    // X = Jun 29: 60 + 31 = 91 ✗. The limit alone would allow Jul 29 (May 1 + 89), so the plan binds.
    name: 'leaving earlier than recorded keeps a plan legal that the recorded exit breaks',
    stays: [stay('2024-05-01', '2024-07-15'), stay('2024-08-01', '2024-08-31')],
    on: '2024-06-01',
    expected: {
      used: 32, remaining: 58, overstay: 0, inside: true, window: ['2023-12-05', '2024-06-01'], latestExit: '2024-06-28', bound: 'plan',
      violations: [['2024-08-15', '2024-08-31', 107]],
    },
  },

  // ── violations ─────────────────────────────────────────────────────────────────────────────
  {
    // run 1: Mar 31 (day 91) .. Apr 9 (day 100), peak 100.
    // run 2: window(May 10) = [2023-11-13, May 10] holds all 100 + May 1..10 ⇒ 101 .. 110, peak 110.
    name: 'violations: two runs with their peaks, including one after the reference day',
    stays: [stay('2024-01-01', '2024-04-09'), stay('2024-05-01', '2024-05-10')],
    on: '2024-04-09',
    expected: {
      used: 100, remaining: 0, overstay: 10, inside: true, latestExit: null, bound: 'over',
      violations: [['2024-03-31', '2024-04-09', 100], ['2024-05-01', '2024-05-10', 110]],
    },
  },

  // ── Kazakhstan: countFrom 2023-01-27 (rules-reference §2.3) ─────────────────────────────────
  {
    // counted Jan 27..Mar 1 = 5 + 28 + 1 = 34; window(Mar 1) = Sep 3..30 (28) + 31 + 30 + 31 + 31 + 28 + 1 = 180
    // staying on: Jan 27 + 89 = Apr 26 is the 90th counted day (Jan 31 +4, Feb 28 +32, Mar 31 +63)
    name: 'kz: inside since 2022-11-01, days before 2023-01-27 ignored',
    rule: kz,
    stays: [open('2022-11-01')],
    on: '2023-03-01',
    expected: { used: 34, remaining: 56, overstay: 0, inside: true, window: ['2022-09-03', '2023-03-01'], latestExit: '2023-04-26', bound: 'limit', violations: none },
  },
  {
    // Nov 1..Mar 1 = 30 + 31 + 31 + 28 + 1 = 121; day 91 = Nov 1 + 90 = Jan 30; peak on Mar 1
    name: 'the same history under schengen is a long overstay',
    stays: [open('2022-11-01')],
    on: '2023-03-01',
    expected: { used: 121, remaining: 0, overstay: 31, inside: true, latestExit: null, bound: 'over', violations: [['2023-01-30', '2023-03-01', 121]] },
  },
  {
    // before the rule: nothing counted yet; counting starts Jan 27 ⇒ Apr 26 again
    name: 'kz: on the day before the rule, the whole 90 is ahead',
    rule: kz,
    stays: [open('2022-11-01')],
    on: '2023-01-26',
    expected: { used: 0, remaining: 90, overstay: 0, inside: true, latestExit: '2023-04-26', bound: 'limit', violations: none },
  },
  {
    // Jan 27..Apr 26 = 5 + 28 + 31 + 26 = 90
    name: 'kz: leaving on the 90th counted day',
    rule: kz,
    stays: [stay('2022-11-01', '2023-04-26')],
    on: '2023-04-26',
    expected: { used: 90, remaining: 0, overstay: 0, inside: true, latestExit: '2023-04-26', bound: 'limit', violations: none },
  },
  {
    // window(Apr 28) = Oct 31 (1) + 30 + 31 + 31 + 28 + 31 + 28 = 180: 90 counted + Apr 28 = 91
    name: 'kz: a visa run two days later does not reset the count',
    rule: kz,
    stays: [stay('2022-11-01', '2023-04-26'), open('2023-04-28')],
    on: '2023-04-28',
    expected: { used: 91, remaining: 0, overstay: 1, inside: true, window: ['2022-10-31', '2023-04-28'], latestExit: null, bound: 'over', violations: [['2023-04-28', '2023-04-28', 91]] },
  },
  {
    // MVD (RBC, 18 Jan 2023): "if he left now and entered on 27 January, a new 90-day term".
    name: 'kz: leave and re-enter on 27 January: a fresh 90 days',
    rule: kz,
    stays: [stay('2022-11-01', '2023-01-20'), open('2023-01-27')],
    on: '2023-01-27',
    expected: { used: 1, remaining: 89, overstay: 0, inside: true, latestExit: '2023-04-26', bound: 'limit', violations: none },
  },
  {
    // counted Jan 27..May 1 = 5 + 28 + 31 + 30 + 1 = 95; day 91 = Jan 27 + 90 = Apr 27
    name: 'kz: staying on past the 90th counted day',
    rule: kz,
    stays: [open('2022-11-01')],
    on: '2023-05-01',
    expected: { used: 95, remaining: 0, overstay: 5, inside: true, latestExit: null, bound: 'over', violations: [['2023-04-27', '2023-05-01', 95]] },
  },

  // ── Swiss SEM calculator examples (rules-reference §1.2) ───────────────────────────────────
  // Source: Staatssekretariat für Migration, "Aufenthaltsrechner", Beispiele 1–6, last changed
  // 01.12.2014: https://www.sem.admin.ch/sem/de/home/themen/einreise/aufenthaltsrechner/bsp-N.html
  {
    // SEM Beispiel 1: one stay 15.08.2014–30.09.2014 (47 days: Aug 15..31 = 17 + 30); re-entry on
    // 01.01.2015 "bis zu 90 Tage". window(Jan 1) starts Jul 6; past 47 + (k + 1) rises to 88 at k = 40,
    // stays 88 while Aug 15..Sep 30 leave (k ≤ 87), then 89, 90 (k = 89), 91 ⇒ Jan 1 + 89 = Mar 31 = 90 days.
    name: 'SEM example 1: re-entry on 01.01.2015 for up to 90 days',
    stays: [stay('2014-08-15', '2014-09-30')],
    on: '2015-01-01',
    expected: { used: 47, remaining: 43, overstay: 0, inside: false, window: ['2014-07-06', '2015-01-01'], latestExit: '2015-03-31', bound: 'limit', violations: none },
  },
  {
    // SEM Beispiel 2: exit 30.11.2014, "Ein Aufenthalt wäre noch bis zum 13.12.2014 möglich gewesen".
    // window(Nov 30) = Jun 4..30 (27) + 31 + 31 + 30 + 31 + 30 = 180; used 47 + 30 = 77;
    // nothing leaves before k = 72 ⇒ 77 + k ≤ 90 ⇒ k = 13 ⇒ Dec 13
    name: 'SEM example 2: legal stay, possible until 13.12.2014',
    stays: [stay('2014-08-15', '2014-09-30'), stay('2014-11-01', '2014-11-30')],
    on: '2014-11-30',
    expected: { used: 77, remaining: 13, overstay: 0, inside: true, window: ['2014-06-04', '2014-11-30'], latestExit: '2014-12-13', bound: 'limit', violations: none },
  },
  {
    // SEM Beispiel 4: exit check 30.01.2014, "hätte noch bis am 31.03.2014 legal … bleiben können".
    // window(Jan 30) = Aug 4..31 (28) + 30 + 31 + 30 + 31 + 30 = 180: June/July out; 47 + 30 = 77.
    // 77 + k up to 88 at k = 11 (Aug 4..14 empty); constant 88 while Aug 15..Sep 30 leave (to k = 58);
    // then 89, 90 at k = 60, 91 ⇒ Jan 30 + 60 = Mar 31
    name: 'SEM example 4: multiple entries, possible until 31.03.2014',
    stays: [stay('2013-06-01', '2013-07-13'), stay('2013-08-15', '2013-09-30'), stay('2014-01-01', '2014-01-30')],
    on: '2014-01-30',
    expected: { used: 77, remaining: 13, overstay: 0, inside: true, window: ['2013-08-04', '2014-01-30'], latestExit: '2014-03-31', bound: 'limit', violations: none },
  },
  {
    // SEM Beispiel 5: exit 09.06.2014 with "einen Overstay von 9 Tagen".
    // window(Jun 9) = Dec 12..31 (20) + 31 + 28 + 31 + 30 + 31 + 9 = 180; Feb 21..Apr 20 = 8 + 31 + 20 = 59,
    // May 1..Jun 9 = 40 ⇒ 99. Day 91: 59 + (j + 1) > 90 ⇒ j = 31 ⇒ May 1 + 31 = Jun 1.
    // The Sep 2013 stay never shares a window with May/June (window(May 1) starts 2013-11-03).
    name: 'SEM example 5: a 9-day overstay at exit on 09.06.2014',
    stays: [stay('2013-09-01', '2013-09-30'), stay('2014-02-21', '2014-04-20'), stay('2014-05-01', '2014-06-09')],
    on: '2014-06-09',
    expected: { used: 99, remaining: 0, overstay: 9, inside: true, window: ['2013-12-12', '2014-06-09'], latestExit: null, bound: 'over', violations: [['2014-06-01', '2014-06-09', 99]] },
  },
  {
    // SEM Beispiel 5, re-entry on 30.08.2014: window start 04.03.2014, "Aufenthalt von zu 50 Tagen möglich".
    // window(Aug 30) = Mar 4..31 (28) + 30 + 31 + 30 + 31 + 30 = 180; past Mar 4..Apr 20 (48) + May 1..Jun 9 (40) = 88.
    // Staying: 89 while Mar 4..Apr 20 leave (k ≤ 48), then 40 + (k + 1): 90 at k = 49, 91 at k = 50
    // ⇒ Aug 30 + 49 = Oct 18: Aug 30..Oct 18 = 2 + 30 + 18 = 50 days. Full history given (no SEM workaround).
    name: 'SEM example 5: re-entry on 30.08.2014 for up to 50 days',
    stays: [stay('2013-09-01', '2013-09-30'), stay('2014-02-21', '2014-04-20'), stay('2014-05-01', '2014-06-09')],
    on: '2014-08-30',
    expected: { used: 88, remaining: 2, overstay: 0, inside: false, window: ['2014-03-04', '2014-08-30'], latestExit: '2014-10-18', bound: 'limit', violations: [['2014-06-01', '2014-06-09', 99]] },
  },
  {
    // SEM Beispiel 6: exit 01.03.2014, "einen Overstay von 74 Tagen im Bezugszeitraum von 180 Tagen
    // (03.09.2013–01.03.2014)". The page's stamp table is garbled; the stay in the window is the entry
    // 19.09.2013: Sep 19..30 (12) + 31 + 30 + 31 + 31 + 28 + 1 = 164 = 90 + 74. Day 91 = Dec 18 (12+31+30+18).
    name: 'SEM example 6: a 74-day overstay at exit on 01.03.2014',
    stays: [stay('2013-09-19', '2014-03-01')],
    on: '2014-03-01',
    expected: { used: 164, remaining: 0, overstay: 74, inside: true, window: ['2013-09-03', '2014-03-01'], latestExit: null, bound: 'over', violations: [['2013-12-18', '2014-03-01', 164]] },
  },

  // ── other limits and windows ───────────────────────────────────────────────────────────────
  {
    // 2 days in any 5: present Jan 1, 2. window(Jan 5) = [Jan 1, Jan 5] still holds both: entering makes 3
    name: 'custom 2/5: too early to come back',
    rule: rollingRule({ limit: 2, window: 5 }),
    stays: [stay('2024-01-01', '2024-01-02')],
    on: '2024-01-05',
    expected: { used: 2, remaining: 0, overstay: 0, inside: false, window: ['2024-01-01', '2024-01-05'], latestExit: null, bound: 'over', violations: none },
  },
  {
    // window(Jan 6) = [Jan 2, Jan 6]: Jan 2 + Jan 6 = 2 ✓; Jan 7: Jan 6, 7 = 2 ✓; Jan 8: Jan 6, 7, 8 = 3 ✗
    name: 'custom 2/5: back for two days',
    rule: rollingRule({ limit: 2, window: 5 }),
    stays: [stay('2024-01-01', '2024-01-02')],
    on: '2024-01-06',
    expected: { used: 1, remaining: 1, overstay: 0, inside: false, latestExit: '2024-01-07', bound: 'limit', violations: none },
  },
  {
    // as above, plus a planned day Jan 10 (alone it has 1). X = Jan 7: window(Jan 10) = [Jan 6, Jan 10]
    // holds Jan 6, 7, 10 = 3 ✗; X = Jan 6: Jan 6, 10 = 2 ✓ ⇒ the plan cuts a day
    name: 'custom 2/5: a planned day cuts the stay short',
    rule: rollingRule({ limit: 2, window: 5 }),
    stays: [stay('2024-01-01', '2024-01-02'), stay('2024-01-10', '2024-01-10')],
    on: '2024-01-06',
    expected: { used: 1, remaining: 1, overstay: 0, inside: false, latestExit: '2024-01-06', bound: 'plan', violations: none },
  },
  {
    // planned day Jan 11 instead: X = Jan 7 keeps window(Jan 11) = Jan 7, 11 = 2 ✓; X = Jan 8 breaks
    // both the limit (Jan 6, 7, 8) and the plan (Jan 7, 8, 11): the limit is what is reported
    name: 'custom 2/5: limit and plan stop on the same day, the limit is reported',
    rule: rollingRule({ limit: 2, window: 5 }),
    stays: [stay('2024-01-01', '2024-01-02'), stay('2024-01-11', '2024-01-11')],
    on: '2024-01-06',
    expected: { used: 1, remaining: 1, overstay: 0, inside: false, latestExit: '2024-01-07', bound: 'limit', violations: none },
  },
  {
    // A plan day that breaks even leaving on the reference day is broken whatever the exit: it does
    // not pin the exit to Jan 1. 2 days in any 5; inside Jan 1 (recorded to Jan 3), plan Jan 6..8.
    // Leaving on Jan 1: window(Jan 8) = [Jan 4, Jan 8] holds Jan 6, 7, 8 = 3 ✗ already (the plan
    // alone is too long). X = Jan 2: window(Jan 6) = [Jan 2, Jan 6] = Jan 2, 6 = 2 ✓, window(Jan 7)
    // = Jan 6, 7 = 2 ✓: no day that kept the rule breaks. X = Jan 3: window(Jan 3) = Jan 1, 2, 3 ✗.
    // Recorded: Jan 3 = 3 ✗; Jan 6 = Jan 2, 3, 6 ✗; Jan 7 = Jan 3, 6, 7 ✗; Jan 8 ✗.
    name: 'custom 2/5: a plan already broken leaving on the reference day does not pin the exit',
    rule: rollingRule({ limit: 2, window: 5 }),
    stays: [stay('2024-01-01', '2024-01-03'), stay('2024-01-06', '2024-01-08')],
    on: '2024-01-01',
    expected: {
      used: 1, remaining: 1, overstay: 0, inside: true, latestExit: '2024-01-02', bound: 'limit',
      violations: [['2024-01-03', '2024-01-03', 3], ['2024-01-06', '2024-01-08', 3]],
    },
  },
]

describe('assess: hand-computed table', () => {
  it.each(cases)('$name', ({ rule = schengen, stays, on, expected }) => {
    const r = assess({ stays, rule, on: day(on) })
    const actual: Expected = {
      used: r.daysUsed,
      remaining: r.daysRemaining,
      overstay: r.overstayDays,
      inside: r.inside,
      ...(expected.window ? { window: [iso(r.window.start), iso(r.window.end)] as [string, string] } : {}),
      latestExit: iso(r.latestExit),
      bound: r.latestExitBound,
      violations: r.violations.map((v) => [iso(v.start) ?? '', iso(v.end) ?? '', v.peakDaysUsed] as const),
    }
    expect(actual).toEqual(expected)
  })
})

describe('the oracle agrees with the hand-computed table', () => {
  it.each(cases)('$name', ({ rule = schengen, stays, on, expected }) => {
    const r = oracle(stays, rule, day(on))
    expect({
      used: r.daysUsed,
      remaining: r.daysRemaining,
      overstay: r.overstayDays,
      inside: r.inside,
      ...(expected.window ? { window: [iso(r.window.start), iso(r.window.end)] } : {}),
      latestExit: iso(r.latestExit),
      bound: r.latestExitBound,
      violations: r.violations.map((v) => [iso(v.start), iso(v.end), v.peakDaysUsed]),
    }).toEqual(expected)
  })
})
