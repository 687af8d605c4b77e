/**
 * The planning answers against the brute-force oracle (test/helpers/plan-oracle.ts), over random
 * rolling rules (small limits and windows so that every case is dense with binding days),
 * histories, open stays and plans.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { checkPlans, daysComeBack, earliestEntry, fullReentry, longestStay, reentryCalendar } from '../src/engine/plan.js'
import { buildPlanning } from '../src/engine/planning.js'
import type { CalendarDay } from '../src/types.js'
import * as oracle from './helpers/plan-oracle.js'

const RUNS = { numRuns: Number(process.env.PLAN_RUNS ?? 300) }

describe('longest stay entering on a day', () => {
  test.prop([oracle.scenarioArb, fc.integer({ min: 0, max: 60 })], RUNS)('is legal and maximal', ({ rule, stays, on }, ahead) => {
    const entry = (on + ahead) as CalendarDay
    const got = longestStay({ stays, rule: oracle.toRule(rule), on }, entry)
    const p = oracle.baselineOf(rule, stays, on, entry)
    expect(got.days).not.toBeNull()
    const n = got.days as number
    expect(oracle.legalStay(rule, p, entry, n), 'legal').toBe(true)
    expect(oracle.legalStay(rule, p, entry, n + 1), 'one more day is not').toBe(false)
    expect(n).toBe(oracle.maxStay(rule, p, entry))
    expect(got.latestExit).toBe(n === 0 ? null : entry + n - 1)
  })
})

describe('earliest entry for a stay of K days (--for K)', () => {
  test.prop([oracle.scenarioArb, fc.integer({ min: 1, max: 16 })], RUNS)('is legal and earliest, or never with a reason', ({ rule, stays, on }, k) => {
    const got = earliestEntry({ stays, rule: oracle.toRule(rule), on }, k)
    const at = (e: number) => oracle.baselineOf(rule, stays, on, e)
    const want = oracle.earliestEntry(rule, stays, on, on, k)
    expect(got.entry).toBe(want)
    if (got.entry === null) {
      // Entering before countFrom or validFrom, a stay may run longer than the limit (QA: kz on
      // 2023-01-20 allows 97 days): the most any entry day from `on` allows with no other presence.
      let maximum = rule.limit
      for (let e = on; e < Math.max(rule.countFrom ?? on, rule.validFrom ?? on); e++) maximum = Math.max(maximum, oracle.maxStay(rule, new Set(), e))
      expect(got.reason).toBe(k > maximum ? 'exceeds-rule' : 'not-found')
      expect(got.ruleMaximum).toBe(maximum)
      return
    }
    expect(got.exit).toBe(got.entry + k - 1)
    expect(oracle.legalStay(rule, at(got.entry), got.entry, k), 'legal').toBe(true)
    for (let e = on; e < got.entry; e++) expect(oracle.legalStay(rule, at(e), e, k), `not legal entering on ${e}`).toBe(false)
  })

  // The search reads only the stays near each day it tries (src/engine/plan.ts `nearStays`):
  // many planned stays, most of them far from any one day, give the oracle's answer all the same.
  test.prop([oracle.scenariosOf(40), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 30 })], RUNS)('with many stays, most far from the day tried, the same', (scenario, k, back) => {
    // Asked before the scenario's day, so more of the stays are planned; an open one closed then.
    const { rule, on } = scenario
    const stays = scenario.stays.map((s) => (s.exit === null ? { ...s, exit: on } : s))
    const early = (on - back) as CalendarDay
    const got = earliestEntry({ stays, rule: oracle.toRule(rule), on: early }, k)
    expect(got.entry).toBe(oracle.earliestEntry(rule, stays, early, early, k))
  })

  test.prop([oracle.scenarioArb], RUNS)('a stay longer than the limit is never possible, for that reason', ({ rule, stays, on }) => {
    // With countFrom in the future an early entry may run longer: only ask after it.
    const from = Math.max(on, rule.countFrom ?? on, rule.validFrom ?? on) as CalendarDay
    const got = earliestEntry({ stays, rule: oracle.toRule(rule), on }, rule.limit + 1, from)
    expect(got).toMatchObject({ entry: null, exit: null, reason: 'exceeds-rule', ruleMaximum: rule.limit })
  })
})

describe('re-entry calendar', () => {
  test.prop([oracle.scenarioArb, fc.integer({ min: 1, max: 40 })], RUNS)('every day is the oracle maximum; groups cover every day once and agree', ({ rule, stays, on }, count) => {
    const cal = reentryCalendar({ stays, rule: oracle.toRule(rule), on }, count)
    expect(cal.days.map((d) => d.entry)).toEqual(Array.from({ length: count }, (_, k) => on + k))
    for (const d of cal.days) expect(d.days, `entering on ${d.entry}`).toBe(oracle.maxStay(rule, oracle.baselineOf(rule, stays, on, d.entry), d.entry))
    let next: number = on
    for (const g of cal.groups) {
      expect(g.from).toBe(next)
      const members = cal.days.filter((d) => d.entry >= g.from && d.entry <= g.to)
      const sameDays = members.every((d) => d.days === members[0]!.days)
      const sameExit = members.every((d) => d.latestExit === members[0]!.latestExit)
      expect(sameDays || sameExit).toBe(true)
      expect(members.every((d) => d.bound === g.bound && d.inside === g.inside)).toBe(true)
      expect([g.daysFrom, g.daysTo, g.exitFrom, g.exitTo]).toEqual([members[0]!.days, members.at(-1)!.days, members[0]!.latestExit, members.at(-1)!.latestExit])
      next = g.to + 1
    }
    expect(next).toBe(on + count)
  })

  // Each day reads the stays near it (src/engine/plan.ts `longestNear`), all of them when the
  // answer runs past what those decide: many stays, most of them far from any one day, the same.
  test.prop([oracle.scenariosOf(40), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 30 })], RUNS)('with many stays, most far from the day, the oracle maximum', (scenario, count, back) => {
    const { rule, on } = scenario
    const stays = scenario.stays.map((s) => (s.exit === null ? { ...s, exit: on } : s))
    const early = (on - back) as CalendarDay
    const cal = reentryCalendar({ stays, rule: oracle.toRule(rule), on: early }, count)
    for (const d of cal.days) expect(d.days, `entering on ${d.entry}`).toBe(oracle.maxStay(rule, oracle.baselineOf(rule, stays, early, d.entry), d.entry))
  })
})

/**
 * Scenarios whose reference day is often the last recorded day of a stay (left that day): the
 * earliest start of a moved plan may then be the reference day itself.
 */
const leavingOnArb = fc.tuple(oracle.scenarioArb, fc.nat()).map(([s, k]) => {
  const exits = s.stays.map((x) => x.exit).filter((x): x is CalendarDay => x !== null && x < Math.max(...s.stays.map((y) => y.entry)))
  // An open stay is open on the reference day it was made for.
  return exits.length === 0 || s.stays.some((x) => x.exit === null) ? s : { ...s, on: exits[k % exits.length]! }
})

describe('planned stays', () => {
  test.prop([fc.oneof(oracle.scenarioArb, leavingOnArb)], RUNS)('advice makes a breaking plan legal and is minimal', ({ rule, stays, on }) => {
    const checks = checkPlans({ stays, rule: oracle.toRule(rule), on })
    const plans = stays.map((s, i) => ({ s, i })).filter(({ s }) => s.entry > on)
    expect(checks).toHaveLength(plans.length)
    for (const { s, i } of plans) {
      const check = checks.find((c) => c.source === s.source)!
      const otherStays = stays.filter((_, k) => k !== i)
      const others = oracle.baselineOf(rule, otherStays, on, s.entry)
      const len = (s.exit as number) - s.entry + 1
      expect(check.days).toBe(len)
      expect(check.ok, 'ok iff the whole plan is legal').toBe(oracle.legalStay(rule, others, s.entry, len))
      if (check.ok) {
        expect(check).toMatchObject({ excessDays: 0, shortenedExit: null, earliestStart: null })
        continue
      }
      // Shortened exit: legal, and the latest legal exit (every longer cut tried).
      let latest: number | null = null
      for (let n = 1; n < len; n++) if (oracle.legalStay(rule, others, s.entry, n)) latest = s.entry + n - 1
      expect(check.shortenedExit).toBe(latest)
      expect(check.excessDays).toBe(len - (latest === null ? 0 : latest - s.entry + 1))
      // Earliest start that keeps the length: legal and earliest, the other stays keeping their
      // dates, so not before the stay one is in on `on` ends as recorded (on that day at the
      // earliest, a same-day exit and re-entry: `on` itself when it is left then; README, "Planned
      // stays"); outside, after `on`.
      const start = check.earliestStart!
      const from = oracle.stayOnExit(otherStays, on) ?? on
      expect(start.from).toBe(from)
      expect(start.entry).toBe(oracle.earliestStart(rule, otherStays, on, from, len))
      if (start.entry !== null) expect(oracle.legalStay(rule, oracle.baselineOf(rule, otherStays, on, start.entry), start.entry, len)).toBe(true)
    }
  })
})

describe('days come back', () => {
  test.prop([oracle.scenarioArb], RUNS)('runs are exactly the days on which the days remaining grow', ({ rule, stays, on }) => {
    const got = daysComeBack({ stays, rule: oracle.toRule(rule), on })
    const history = oracle.presenceOf(rule, stays.filter((s) => s.entry <= on), on)
    expect(got.daysRemaining).toBe(oracle.remaining(rule, history, on))
    expect(got.after).toBe(Math.max(on, ...stays.filter((s) => s.entry <= on).map((s) => s.exit ?? on)))
    const rising = new Set<number>()
    const end = oracle.searchEnd(rule, history, on)
    for (let t = on + 1; t <= end; t++) if (oracle.remaining(rule, history, t) > oracle.remaining(rule, history, t - 1)) rising.add(t)
    const covered = new Set<number>()
    for (const run of got.runs) {
      expect(run.daysFrom).toBe(oracle.remaining(rule, history, run.from))
      expect(run.daysTo).toBe(oracle.remaining(rule, history, run.to))
      for (let t = run.from; t <= run.to; t++) covered.add(t)
      expect(rising.has(run.to + 1), 'runs are maximal').toBe(false)
      expect(rising.has(run.from - 1), 'runs are maximal').toBe(false)
    }
    expect([...covered].sort((a, b) => a - b)).toEqual([...rising].sort((a, b) => a - b))
  })
})

describe('--for K as the command line asks it', () => {
  test.prop([oracle.scenarioArb, fc.integer({ min: 1, max: 16 })], RUNS)('staying on when that lasts, else from the day one leaves, never inside a plan', ({ rule, stays, on }, k) => {
    const got = buildPlanning({ stays, rule: oracle.toRule(rule), on }, { forDays: k }).forStay!
    const exit = oracle.stayOnExit(stays, on)
    if (oracle.maxStay(rule, oracle.baselineOf(rule, stays, on, on), on) >= k) {
      expect(got.answer.entry).toBe(on)
      return
    }
    // Still inside until a recorded exit: its days are no entry, its exit day is (as a plan's).
    const inside = exit !== null && exit > on ? [{ entry: on as CalendarDay, exit: exit as CalendarDay, source: { flag: 'staying on' } }] : []
    const from = exit !== null && exit > on ? exit : on
    const plans = [...stays.filter((s) => s.entry > on), ...inside].map((s) => ({ ...s, entry: Math.max(s.entry, on + 1) as CalendarDay }))
    const want = oracle.earliestStart(rule, [...stays.filter((s) => !(s.entry > on)), ...plans], on, from, k)
    expect(got.answer.entry).toBe(want)
  })
})

describe('earliest full re-entry', () => {
  test.prop([oracle.scenarioArb, fc.integer({ min: 0, max: 20 })], RUNS)('is the earliest day after leaving (or from the reference day) for a stay of the limit', ({ rule, stays, on }, extra) => {
    const current = stays.filter((s) => s.entry <= on && on <= (s.exit ?? on)).map((s) => s.exit ?? on)
    const leaving = current.length > 0 ? Math.max(on + extra, ...current) : null
    const got = fullReentry({ stays, rule: oracle.toRule(rule), on }, (on + extra) as CalendarDay)
    // Inside: staying on until `leaving`, then out.
    const staying = leaving === null ? [] : [{ entry: on, exit: leaving as CalendarDay, source: { flag: 'staying on' } }]
    const from = leaving === null ? on : leaving + 1
    // Never on a day inside a planned stay: the stay would be that plan, cut or stretched (QA).
    expect(got).toEqual({ leaving, entry: oracle.earliestStart(rule, [...stays, ...staying], on, from, rule.limit), days: rule.limit })
  })
})
