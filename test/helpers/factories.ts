/**
 * Test factories: each table row shows only what matters.
 * @example stay('2024-01-01', '2024-01-10'); open('2024-05-01'); rollingRule({ limit: 2, window: 5 })
 */
import { day, isoOf } from '../../src/day.js'
import { requireRule } from '../../src/rules/index.js'
import type { Rule } from '../../src/rules/types.js'
import type { CalendarDay, Stay } from '../../src/types.js'

/** A closed stay from ISO literals, both days included. */
export function stay(entry: string, exit: string): Stay {
  return { entry: day(entry), exit: day(exit), source: { flag: `--trip ${entry}..${exit}` } }
}

/** An open stay ("still inside"): presence runs through the reference day. */
export function open(entry: string): Stay {
  return { entry: day(entry), exit: null, source: { flag: `--trip ${entry}..` } }
}

/** A stay from day numbers (property tests); `line` only labels the source. */
export function stayOf(entry: number, exit: number | null, line = 1): Stay {
  return { entry: entry as CalendarDay, exit: exit as CalendarDay | null, source: { file: 'generated.csv', line } }
}

export const schengen: Rule = requireRule('schengen')
export const kz: Rule = requireRule('kz')

export interface RollingRuleOptions {
  readonly limit: number
  readonly window: number
  readonly countFrom?: number | null
  readonly validFrom?: number | null
  readonly validTo?: number | null
}

/** A one-constraint rolling rule with any limit, window, count start and validity. */
export function rollingRule({ limit, window, countFrom = null, validFrom = null, validTo = null }: RollingRuleOptions): Rule {
  return {
    id: 'test',
    label: `test (${limit} days in any ${window})`,
    countFrom: countFrom as CalendarDay | null,
    constraints: [{ kind: 'rolling', limit, window, validFrom: validFrom as CalendarDay | null, validTo: validTo as CalendarDay | null }],
    source: 'test',
    confidence: 'official',
  }
}

/** `YYYY-MM-DD`, or `null` passed through (for report fields that may be null). */
export const iso = (n: number | null): string | null => (n === null ? null : isoOf(n))
