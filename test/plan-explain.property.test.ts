/**
 * The explanation of the latest exit and the timeline's counts against the brute-force oracle.
 */
import { test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { buildTimeline, explainLatestExit } from '../src/engine/explain.js'
import * as oracle from './helpers/plan-oracle.js'

const RUNS = { numRuns: Number(process.env.PLAN_RUNS ?? 300) }

describe('explanation of the latest exit', () => {
  test.prop([oracle.scenarioArb], RUNS)('the binding day breaks the rule with the hypothetical presence, and the window holds exactly the stays listed', ({ rule, stays, on }) => {
    const e = explainLatestExit({ stays, rule: oracle.toRule(rule), on })
    expect(e).not.toBeNull()
    if (e === null) return
    const p = oracle.presenceOf(rule, stays, on)
    const inside = stays.some((s) => s.entry <= on && on <= (s.exit ?? on))
    expect(e.inside).toBe(inside)
    const n = oracle.maxStay(rule, p, on)
    expect(e.latestExit).toBe(n === 0 ? null : on + n - 1)

    const probe = e.latestExit === null ? on : e.latestExit + 1
    // Inside: staying on after the recorded exit of the stay running through the reference day.
    const current = stays.filter((s) => s.entry <= on && on <= (s.exit ?? on)).map((s) => s.exit ?? on)
    const start = inside ? Math.max(on, ...current) + 1 : on
    expect(e.hypothetical === null ? null : [e.hypothetical.start, e.hypothetical.end]).toEqual(probe >= start ? [start, probe] : null)
    const q = new Set(p)
    for (let d = start; d <= probe; d++) if (rule.countFrom === null || d >= rule.countFrom) q.add(d)

    if (e.bound === 'limit') expect(e.bindingDay).toBe(probe)
    if (e.bound === 'over') expect(e.bindingDay).toBe(on)
    if (e.bound === 'plan') {
      // The first planned day that kept the rule and breaks it with the hypothetical presence.
      const harmed = [...p].filter((d) => d > probe && !oracle.breaks(rule, p, d) && oracle.breaks(rule, q, d))
      expect(e.bindingDay).toBe(Math.min(...harmed))
    }
    expect([e.window.start, e.window.end]).toEqual([e.bindingDay - rule.window + 1, e.bindingDay])
    expect(e.daysCounted).toBe(oracle.used(rule, q, e.bindingDay))
    expect(e.daysCounted).toBeGreaterThan(rule.limit)

    const listed = new Set<number>()
    for (const s of e.stays) {
      expect(s.days).toBeGreaterThan(0)
      for (let d = Math.max(s.entry, e.window.start, rule.countFrom ?? s.entry); d <= Math.min(s.exit, e.window.end); d++) listed.add(d)
    }
    expect(listed.size).toBe(e.daysCounted)
  })
})

describe('timeline', () => {
  test.prop([oracle.scenarioArb], RUNS)('each day counts what the oracle counts, and overstays are days of presence breaking the rule', ({ rule, stays, on }) => {
    const t = buildTimeline({ stays, rule: oracle.toRule(rule), on }, { maxDays: 400 })
    const p = oracle.presenceOf(rule, stays, on)
    const inside = stays.some((s) => s.entry <= on && on <= (s.exit ?? on))
    const q = new Set(p)
    if (inside && t.latestExit !== null) for (let d = on + 1; d <= t.latestExit; d++) if (rule.countFrom === null || d >= rule.countFrom) q.add(d)
    expect(t.days.length).toBe(t.to - t.from + 1)
    expect(t.to).toBeGreaterThanOrEqual(on)
    for (const d of q) if (d >= on - rule.window + 1 && d <= on) expect(d, 'presence counted on the reference day is shown').toBeGreaterThanOrEqual(t.from)
    for (const d of t.days) {
      expect(d.used, `day ${d.day}`).toBe(oracle.used(rule, q, d.day))
      expect(d.over, `day ${d.day}`).toBe(oracle.breaks(rule, q, d.day))
    }
  })
})
