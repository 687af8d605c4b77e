/** The re-entry calendar's default length (src/rules/span.ts), by hand from the rules' constraints. */
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { requireRule } from '../src/rules/index.js'
import { ruleSpan } from '../src/rules/span.js'
import type { Rule } from '../src/rules/types.js'

const rule = (constraints: Rule['constraints']): Rule => ({ id: 'x', label: 'x', countFrom: null, constraints, source: 'test', confidence: 'official' }) as Rule

describe('ruleSpan', () => {
  const on = day('2024-06-01')
  it('windows and caps in days, in months from the day (12 months from 1 June 2024: 365 days; from 1 Feb 2024: 366)', () => {
    expect(ruleSpan([rule([{ kind: 'rolling', limit: 90, window: 180 }])], on)).toBe(180)
    expect(ruleSpan([rule([{ kind: 'rolling', limit: 90, window: 12, unit: 'months' }])], on)).toBe(365)
    expect(ruleSpan([rule([{ kind: 'rolling', limit: 90, window: 12, unit: 'months' }])], day('2024-02-01'))).toBe(366)
    expect(ruleSpan([rule([{ kind: 'absence', limit: 180, window: 12 }])], on)).toBe(365)
    expect(ruleSpan([rule([{ kind: 'per-visit', limit: 30 }])], on)).toBe(30)
    expect(ruleSpan([rule([{ kind: 'per-visit', limit: 6, unit: 'months' }])], on)).toBe(183)
    expect(ruleSpan([rule([{ kind: 'continuous', limit: 90 }])], on)).toBe(90)
    expect(ruleSpan([rule([{ kind: 'year', limit: 90 }])], on)).toBe(366)
    expect(ruleSpan([rule([{ kind: 'weighted', threshold: 183, divisors: [1, 3, 6], minCurrent: 31 }])], on)).toBe(1098)
    expect(ruleSpan([rule([{ kind: 'weighted', threshold: 100, divisors: [1, 2], minCurrent: 0 }])], on)).toBe(732)
  })

  it('the longest of every constraint of every rule', () => {
    expect(ruleSpan([rule([{ kind: 'per-visit', limit: 30 }, { kind: 'rolling', limit: 90, window: 180 }])], on)).toBe(180)
    expect(ruleSpan([requireRule('us-esta'), requireRule('schengen')], on)).toBe(180)
    expect(ruleSpan([rule([])], on)).toBe(1)
  })
})
