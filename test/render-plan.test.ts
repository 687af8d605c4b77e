/** Text of the planning answers (colour off, inline snapshots), and one check that colour is applied. */
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import { buildPlanning } from '../src/engine/planning.js'
import { renderPlanning, renderPlanText } from '../src/render/plan.js'
import { requireRule } from '../src/rules/index.js'
import type { Stay } from '../src/types.js'
import { open, rollingRule, schengen, stay } from './helpers/factories.js'

function planning(stays: readonly Stay[], on: string, request: Parameters<typeof buildPlanning>[1]) {
  const input = { stays, rule: schengen, on: day(on) }
  return { report: assess(input), planning: buildPlanning(input, request) }
}

const H = stay('2024-01-10', '2024-03-20')

describe('sections appended to the report', () => {
  it('a breaking plan and one that fits', () => {
    const { report, planning: p } = planning([H, stay('2024-06-01', '2024-07-15'), stay('2024-12-01', '2024-12-10')], '2024-04-01', {})
    expect(renderPlanning(report, p, { color: false })).toMatchInlineSnapshot(`
      "
      Planned stays (2)
        2024-06-01 – 2024-07-15   45 days  breaks the rule: 26 days too long  --trip 2024-06-01..2024-07-15
          leave by 2024-06-19; or start on 2024-06-19, the earliest start that keeps 45 days
        2024-12-01 – 2024-12-10   10 days  ok, could stay until 2025-02-28  --trip 2024-12-01..2024-12-10
      "
    `)
  })

  it('--for K: reachable, and longer than the rule allows', () => {
    const a = planning([H], '2024-06-01', { forDays: 20 })
    expect(renderPlanning(a.report, a.planning, { color: false })).toMatchInlineSnapshot(`
      "
      A 20-day stay
        Entering on 2024-06-01: 19 days, until 2024-06-19
        Earliest entry on or after 2024-06-01: 2024-06-19 (until 2024-07-08)
      "
    `)
    const b = planning([H], '2024-06-01', { forDays: 91 })
    expect(renderPlanning(b.report, b.planning, { color: false })).toMatchInlineSnapshot(`
      "
      A 91-day stay
        Entering on 2024-06-01: 19 days, until 2024-06-19
        Earliest entry on or after 2024-06-01: never: the rule allows at most 90 days in one stay
      "
    `)
  })

  it('--for K running into a planned stay says so', () => {
    const { report, planning: p } = planning([stay('2024-06-10', '2024-06-20')], '2024-06-01', { forDays: 30 })
    expect(renderPlanning(report, p, { color: false })).toMatchInlineSnapshot(`
      "
      Planned stays (1)
        2024-06-10 – 2024-06-20   11 days  ok, could stay until 2024-09-07  --trip 2024-06-10..2024-06-20

      A 30-day stay
        Entering on 2024-06-01: 90 days, until 2024-08-29
        Earliest entry on or after 2024-06-01: 2024-06-01 (until 2024-06-30)
        (it runs into the planned stay 2024-06-10 – 2024-06-20: days present count once)
      "
    `)
  })

  it('--explain counting midnights toward a threshold: the night before leaving is the one too many, and reaching the threshold breaks it', () => {
    // UK SRT: present at the end of Apr 6 … Oct 5 is 183 midnights; leaving on Oct 5 keeps 182.
    const input = { stays: [stay('2024-04-06', '2024-10-20')], rule: requireRule('uk-srt'), on: day('2024-10-01') }
    const lines = renderPlanning(assess(input), buildPlanning(input, { explain: true }), { color: false }).split('\n')
    expect(lines.slice(1, 5)).toEqual([
      'Why 2024-10-05 is the last day under the threshold',
      '  Leaving on 2024-10-06 or later would break the rule on 2024-10-05:',
      '  183 days would count in the year 2024-04-06 – 2024-10-05,',
      '  reaching the threshold: 183 days in the year from 6 April reach the threshold.',
    ])
  })

  it('--explain, inside: the window, its stays, days coming back, full re-entry', () => {
    const { report, planning: p } = planning([stay('2024-01-05', '2024-02-20'), open('2024-05-01')], '2024-06-01', { explain: true, summary: true })
    expect(renderPlanning(report, p, { color: false })).toMatchInlineSnapshot(`
      "
      Why 2024-06-12 is the latest legal exit
        Staying on until 2024-06-13 would break the rule that day:
        91 days would count in the window 2023-12-17 – 2024-06-13,
        over the limit of 90 days in any 180-day window.
        Counted in that window:
          2024-01-05 – 2024-02-20   47 days  recorded  --trip 2024-01-05..2024-02-20
          2024-05-01 – 2024-06-01   32 days  recorded  --trip 2024-05-01..
          2024-06-02 – 2024-06-13   12 days  if staying on
                                    91 days

      Days come back (if you are not present after 2024-06-01)
        11 days remaining on 2024-06-01
        on 2024-07-03 you will have 12 days again, rising to 58 by 2024-08-18
        on 2024-10-28 you will have 59 days again, rising to 90 by 2024-11-28
      Earliest full re-entry (90 days) after leaving on 2024-06-12: 2024-09-11
      "
    `)
  })

  it('--explain, a plan binds', () => {
    const { report, planning: p } = planning([H, stay('2024-07-01', '2024-07-10')], '2024-06-01', { explain: true, summary: true })
    expect(renderPlanning(report, p, { color: false })).toMatchInlineSnapshot(`
      "
      Planned stays (1)
        2024-07-01 – 2024-07-10   10 days  ok, could stay until 2024-09-28  --trip 2024-07-01..2024-07-10

      Why a stay entering on 2024-06-01 must end by 2024-06-12
        Entering on 2024-06-01 and staying until 2024-06-13 would make
        the planned stay 2024-07-01 – 2024-07-10 break the rule on 2024-07-07:
        91 days would count in the window 2024-01-10 – 2024-07-07,
        over the limit of 90 days in any 180-day window.
        Counted in that window:
          2024-01-10 – 2024-03-20   71 days  recorded  --trip 2024-01-10..2024-03-20
          2024-06-01 – 2024-06-13   13 days  if entering
          2024-07-01 – 2024-07-07    7 days  planned  --trip 2024-07-01..2024-07-10
                                    91 days

      Days come back (if you are not present after 2024-06-01, planned stays left out)
        19 days remaining on 2024-06-01
        on 2024-07-08 you will have 20 days again, rising to 90 by 2024-09-16
      Earliest full re-entry (90 days): 2024-06-19
      "
    `)
  })

  it('--explain, already over the limit', () => {
    const { report, planning: p } = planning([open('2024-01-01')], '2024-03-31', { explain: true, summary: true })
    expect(renderPlanning(report, p, { color: false })).toMatchInlineSnapshot(`
      "
      Why no stay is possible
        Being inside on 2024-03-31 already breaks the rule:
        91 days count in the window 2023-10-04 – 2024-03-31,
        over the limit of 90 days in any 180-day window.
        Counted in that window:
          2024-01-01 – 2024-03-31   91 days  recorded  --trip 2024-01-01..
                                    91 days

      Days come back (if you are not present after 2024-03-31)
        0 days remaining on 2024-03-31
        on 2024-06-30 you will have 1 day again, rising to 90 by 2024-09-27
      Earliest full re-entry (90 days) after leaving on 2024-03-31: 2024-06-30
      "
    `)
  })

  it('--explain when no limit applies (a rule no longer in force)', () => {
    const input = { stays: [stay('2024-05-01', '2024-05-10')], rule: rollingRule({ limit: 5, window: 10, validTo: day('2020-12-31') }), on: day('2024-06-01') }
    const text = renderPlanning(assess(input), buildPlanning(input, { explain: true, summary: true }), { color: false, explain: true })
    expect(text).toMatchInlineSnapshot(`
      "
      Why there is no deadline
        No limit applies from the reference day: nothing binds.
      "
    `)
  })

  it('nothing asked and no plans: nothing appended', () => {
    const { report, planning: p } = planning([H], '2024-06-01', {})
    expect(renderPlanning(report, p, { color: false })).toBe('')
  })

  it('colour marks the answers when asked for', () => {
    const { report, planning: p } = planning([H, stay('2024-06-01', '2024-07-15')], '2024-04-01', { forDays: 20 })
    const text = renderPlanning(report, p, { color: true })
    expect(text).toContain('\u001b[31m') // red: the breaking plan
    expect(text).toContain('\u001b[32m') // green: the dates to act on
  })
})

describe('the plan command', () => {
  it('calendar with a plan that binds and one it joins', () => {
    const { report, planning: p } = planning([H, stay('2024-07-01', '2024-07-10')], '2024-06-01', { summary: true, calendarDays: 60 })
    expect(renderPlanText(report, p, { color: false })).toMatchInlineSnapshot(`
      "Schengen area short stay (90 days in any 180) · on 2024-06-01

      Re-entry calendar, 2024-06-01 – 2024-07-30 (longest stay entering on each day)
        Entering on              Longest stay  Leave by
        2024-06-01 – 2024-06-18  12 days       2024-06-12 – 2024-06-29  a planned stay binds
        2024-06-19 – 2024-06-30  90 days       2024-09-16 – 2024-09-27  joins a planned stay
        2024-07-01 – 2024-07-10  90 → 81 days  2024-09-28               inside a planned stay
        2024-07-11 – 2024-07-30  80 days       2024-09-28 – 2024-10-17

      Planned stays (1)
        2024-07-01 – 2024-07-10   10 days  ok, could stay until 2024-09-28  --trip 2024-07-01..2024-07-10

      Days come back (if you are not present after 2024-06-01, planned stays left out)
        19 days remaining on 2024-06-01
        on 2024-07-08 you will have 20 days again, rising to 90 by 2024-09-16

      Earliest full re-entry (90 days): 2024-06-19
      "
    `)
  })

  it('inside on the reference day: the first row is staying on', () => {
    const { report, planning: p } = planning([stay('2024-01-05', '2024-02-20'), open('2024-05-01')], '2024-06-01', { summary: true, calendarDays: 30 })
    expect(renderPlanText(report, p, { color: false })).toMatchInlineSnapshot(`
      "Schengen area short stay (90 days in any 180) · on 2024-06-01

      Re-entry calendar, 2024-06-01 – 2024-06-30 (longest stay entering on each day)
        Inside on 2024-06-01: later entries assume you leave on 2024-06-01.
        Entering on              Longest stay  Leave by
        2024-06-01               12 days       2024-06-12               staying on
        2024-06-02 – 2024-06-21  11 days       2024-06-12 – 2024-07-01
        2024-06-22 – 2024-06-30  58 days       2024-08-18 – 2024-08-26

      Days come back (if you are not present after 2024-06-01)
        11 days remaining on 2024-06-01
        on 2024-07-03 you will have 12 days again, rising to 58 by 2024-08-18
        on 2024-10-28 you will have 59 days again, rising to 90 by 2024-11-28

      Earliest full re-entry (90 days) after leaving on 2024-06-12: 2024-09-11
      "
    `)
  })

  it('no entry possible at first, and a small custom rule', () => {
    const input = { stays: [stay('2024-01-01', '2024-01-03')], rule: rollingRule({ limit: 3, window: 7 }), on: day('2024-01-04') }
    const text = renderPlanText(assess(input), buildPlanning(input, { summary: true, calendarDays: 7 }), { color: false })
    expect(text).toMatchInlineSnapshot(`
      "test (3 days in any 7) · on 2024-01-04

      Re-entry calendar, 2024-01-04 – 2024-01-10 (longest stay entering on each day)
        Entering on              Longest stay  Leave by
        2024-01-04 – 2024-01-07  no entry
        2024-01-08 – 2024-01-10  3 days        2024-01-10 – 2024-01-12

      Days come back (if you are not present after 2024-01-04)
        0 days remaining on 2024-01-04
        on 2024-01-08 you will have 1 day again, rising to 3 by 2024-01-10

      Earliest full re-entry (3 days): 2024-01-08
      "
    `)
  })
})

describe('the re-entry calendar with a recorded exit ahead (QA, planning oracle)', () => {
  it('says the rows before that exit are staying on, and labels them so', () => {
    const { report, planning: p } = planning([stay('2024-05-20', '2024-06-10')], '2024-06-01', { summary: true, calendarDays: 14 })
    const text = renderPlanText(report, p, { color: false })
    expect(text).toContain('  Inside on 2024-06-01 until the recorded exit 2024-06-10: the rows to it are\n  staying on from that day; later entries assume you leave on 2024-06-10.\n')
    // 06-01 … 06-10: 12 days used on 06-01 (78 to go, to 08-17), each day on one fewer, same exit.
    expect(text).toContain('  2024-06-01 – 2024-06-10  78 → 69 days  2024-08-17               staying on\n')
  })
})
