/**
 * The longest single stay each preset allows (`forStay.ruleMaximum`, the "never: at most N days"
 * message, the length of the earliest full re-entry) against the brute-force oracle of every
 * constraint kind (test/helpers/rule-oracle.ts), which works day by day from the definitions.
 *
 * A stay [E, X] alone (no other presence) is legal when no day of it breaks a constraint of the
 * rule: `oracleBrokenDays` of that one visit is empty for each constraint (a day breaks the rule when
 * it breaks one of them). The maximum is the most days of a legal stay over every entry day once all
 * rule changes are over: E in a leap cycle of 1461 days from 2030-01-01 (every day of the year, in
 * leap and common years alike). The engine's claim M is checked both ways: no entry day allows a
 * stay of M + 1 days, and some entry day allows M.
 *
 * QA found the maximum read off one entry day, which understates it where the calendar matters:
 * `am` (180 per calendar year) allows 360 entering on 5 July, `us-b2` and `uk-visitor` (6 months)
 * 184 entering on 1 July, `uk-srt` (183 midnights per tax year) 365 (sums in the table below).
 */
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { earliestEntry } from '../src/engine/plan.js'
import { PRESETS } from '../src/rules/index.js'
import type { Rule } from '../src/rules/types.js'
import { oracleBrokenDays, type OracleVisit } from './helpers/rule-oracle.js'

/** After every preset's rule changes (the latest is 2025-01-01, `ru`); 2030-2033 holds one leap year. */
const SETTLED = day('2030-01-01')
const CYCLE = 4 * 365 + 1

/** Whether a stay [entry, exit] with no other presence keeps every constraint of the rule. */
function legalAlone(rule: Rule, entry: number, exit: number): boolean {
  const visit: OracleVisit[] = [{ start: entry, end: exit }]
  return rule.constraints.every((constraint) => oracleBrokenDays({ countFrom: rule.countFrom, dayCounting: rule.dayCounting ?? 'calendar', constraint }, visit).size === 0)
}

describe('the longest single stay a preset allows, against the oracle', () => {
  // Worked by hand where the calendar matters (2024 a leap year):
  // - am, 180 per calendar year: entering Jul 5, Jul 5 … Dec 31 = 27 + 31 + 30 + 31 + 30 + 31 = 180,
  //   then Jan 1 … the 180th day of the next year: 360 (an earlier entry puts over 180 in the first
  //   year, a later one has fewer in it);
  // - us-b2 / uk-visitor, 6 months from entry: Jul 1 … Dec 31 = 31 + 31 + 30 + 31 + 30 + 31 = 184,
  //   no 6 calendar months hold more (two 31-day months together only in Jul-Aug and Dec-Jan);
  // - uk-srt, 183 midnights per tax year from 6 April: entering Oct 6 with 182 nights left in the tax
  //   year (Oct 6 … Apr 5, a common February) and leaving on the 183rd night of the next: 182 + 182
  //   nights and the day of leaving, 365;
  // - us-spt, current + 1/3 + 1/6 reaching 183: at most 182 at the end of one year (Jul 3 … Dec 31),
  //   then n in the next while n + 182/3 < 183, n ≤ 122: 304.
  const expected: Record<string, number> = { am: 360, 'us-b2': 184, 'uk-visitor': 184, 'uk-srt': 365, 'us-spt': 304 }

  it.each(PRESETS.map((rule) => ({ id: rule.id, rule })))('$id', ({ id, rule }) => {
    const answer = earliestEntry({ stays: [], rule, on: SETTLED }, 1)
    const max = answer.ruleMaximum
    expect(max).not.toBeNull()
    const m = max as number
    if (id in expected) expect(m).toBe(expected[id])
    // No entry day allows one day more.
    for (let e = SETTLED; e < SETTLED + CYCLE; e++) expect(legalAlone(rule, e, e + m), `${m + 1} days entering on ${e}`).toBe(false)
    // Some entry day allows that many.
    let witness: number | null = null
    for (let e = SETTLED; e < SETTLED + CYCLE && witness === null; e++) if (legalAlone(rule, e, e + m - 1)) witness = e
    expect(witness, `${m} days entering on some day`).not.toBeNull()
    // `--for` agrees: a stay of the maximum is found, one day more is never possible, for that reason.
    const found = earliestEntry({ stays: [], rule, on: SETTLED }, m)
    expect(found.entry).not.toBeNull()
    expect(legalAlone(rule, found.entry as number, (found.entry as number) + m - 1)).toBe(true)
    expect(earliestEntry({ stays: [], rule, on: SETTLED }, m + 1)).toMatchObject({ entry: null, reason: 'exceeds-rule', ruleMaximum: m })
  })
})
