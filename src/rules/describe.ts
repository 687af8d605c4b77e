/**
 * Words for constraints and rules: stable ids, labels and short summaries, shared by the engine's
 * reports, `stay-calc rules` and the README table. Pure; no I/O.
 */
import { isoOf } from '../day.js'
import { inForce } from './validity.js'
import type { Constraint, DayCounting, PeriodUnit, Rule, YearStart } from './types.js'
import { plural } from '../words.js'

const pad2 = (n: number): string => String(n).padStart(2, '0')

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `04-06`. */
export function yearStartText(start: YearStart): string {
  return `${pad2(start.month)}-${pad2(start.day)}`
}

export const isCalendarYear = (start: YearStart | undefined): boolean => start === undefined || (start.month === 1 && start.day === 1)

function yearWords(start: YearStart | undefined): string {
  return isCalendarYear(start) || start === undefined ? 'calendar year' : `year from ${start.day} ${MONTHS[start.month - 1]}`
}

function lengthWords(n: number, unit: PeriodUnit): string {
  return plural(n, unit === 'months' ? 'month' : 'day')
}

const unitMark = (unit: PeriodUnit): string => (unit === 'months' ? 'm' : 'd')

/** The weights of a weighted constraint: `1, 1/3, 1/6`. */
export function weightsText(divisors: readonly number[]): string {
  return divisors.map((d) => (d === 1 ? '1' : `1/${d}`)).join(', ')
}

/**
 * Stable id of a constraint within a rule, named in violations and the JSON `constraints` array.
 * @example constraintId({ kind: 'per-visit', limit: 30 }) //=> 'per-visit:30d'
 */
export function constraintId(c: Constraint): string {
  switch (c.kind) {
    case 'rolling':
      return (c.unit ?? 'days') === 'days' ? `rolling:${c.limit}/${c.window}` : `rolling:${c.limit}/${c.window}m`
    case 'per-visit':
      return `per-visit:${c.limit}${unitMark(c.unit ?? 'days')}`
    case 'year': {
      const at = isCalendarYear(c.yearStart) || c.yearStart === undefined ? '' : `@${yearStartText(c.yearStart)}`
      return c.threshold === undefined ? `year:${c.limit}${at}` : `year:${c.threshold}+${at}`
    }
    case 'continuous':
      return `continuous:${c.limit}`
    case 'weighted':
      return `weighted:${c.threshold}`
    case 'absence':
      return `absence:${c.limit}/${c.window}${unitMark(c.unit ?? 'months')}`
  }
}

/** Whether a constraint id (`constraintId`) is a threshold test's, broken by reaching it: `year:183+`, `weighted:183`. */
export const isThresholdId = (id: string): boolean => /^year:\d+\+/.test(id) || id.startsWith('weighted:')

/**
 * The words beside a chart's limit line (`limit`: the most days allowed): `limit 90`, or for a
 * threshold test `below 183` (QA: "limit 182" under a title saying 183 days reach the threshold).
 */
export const limitLineText = (id: string, limit: number): string => (isThresholdId(id) ? `below ${limit + 1}` : `limit ${limit}`)

/**
 * One line of human wording for a constraint (the report's `label`).
 * @example constraintLabel({ kind: 'year', threshold: 183, yearStart: { month: 4, day: 6 } }) //=> '183 days in the year from 6 April reach the threshold'
 */
export function constraintLabel(c: Constraint): string {
  switch (c.kind) {
    case 'rolling':
      return (c.unit ?? 'days') === 'days'
        ? `${lengthWords(c.limit, 'days')} in any ${c.window}-day window`
        : `${lengthWords(c.limit, 'days')} in any ${lengthWords(c.window, 'months')}`
    case 'per-visit':
      return `${lengthWords(c.limit, c.unit ?? 'days')} per visit (entry day is day 1)`
    case 'year':
      return c.threshold === undefined
        ? `${lengthWords(c.limit, 'days')} per ${yearWords(c.yearStart)}`
        : `${lengthWords(c.threshold, 'days')} in the ${yearWords(c.yearStart)} reach${c.threshold === 1 ? 'es' : ''} the threshold`
    case 'continuous':
      return `${lengthWords(c.limit, 'days')} of continuous presence`
    case 'weighted':
      return `weighted days (${weightsText(c.divisors)}) reach ${c.threshold}, with at least ${c.minCurrent} in the current ${yearWords(c.yearStart)}`
    case 'absence':
      return `${lengthWords(c.limit, 'days')} absent in any ${lengthWords(c.window, c.unit ?? 'months')}`
  }
}

/**
 * A few words for listings: `rolling 90/180`, `per visit 6 months`, `tax year ≥183 from 04-06`.
 * @example constraintSummary({ kind: 'rolling', limit: 90, window: 180 }) //=> 'rolling 90/180'
 */
export function constraintSummary(c: Constraint): string {
  switch (c.kind) {
    case 'rolling':
      return (c.unit ?? 'days') === 'days' ? `rolling ${c.limit}/${c.window}` : `rolling ${c.limit} in ${lengthWords(c.window, 'months')}`
    case 'per-visit':
      return `per visit ${(c.unit ?? 'days') === 'days' ? c.limit : lengthWords(c.limit, 'months')}`
    case 'year': {
      const year = isCalendarYear(c.yearStart) || c.yearStart === undefined ? 'calendar year' : `year from ${yearStartText(c.yearStart)}`
      return c.threshold === undefined ? `${c.limit} per ${year}` : `≥${c.threshold} per ${year}`
    }
    case 'continuous':
      return `continuous ${c.limit}`
    case 'weighted':
      return `weighted ≥${c.threshold} (${weightsText(c.divisors)}; ≥${c.minCurrent} this year)`
    case 'absence':
      return `absence ${c.limit} in ${lengthWords(c.window, c.unit ?? 'months')}`
  }
}

/** `from 2025-01-01`, `until 2024-12-31`, `from 2015-04-08 until 2020-01-01`, or `` when always in force. */
export function validityText(v: { readonly validFrom?: number | null; readonly validTo?: number | null }): string {
  const from = v.validFrom ?? null
  const to = v.validTo ?? null
  if (from !== null && to !== null) return `from ${isoOf(from)} until ${isoOf(to)}`
  if (from !== null) return `from ${isoOf(from)}`
  if (to !== null) return `until ${isoOf(to)}`
  return ''
}

/**
 * Which visits a per-visit constraint applies to, by entry day: `entries until 2024-07-14`,
 * `entries from 2024-07-15`, `entries from … until …`, or `` for every visit.
 */
export function entriesText(c: Constraint): string {
  if (c.kind !== 'per-visit') return ''
  const from = c.entriesFrom ?? null
  const to = c.entriesUntil ?? null
  if (from !== null && to !== null) return `entries from ${isoOf(from)} until ${isoOf(to)}`
  if (from !== null) return `entries from ${isoOf(from)}`
  if (to !== null) return `entries until ${isoOf(to)}`
  return ''
}

/** The visits and the days a constraint applies to: `for entries until 2024-07-14`, `from 2025-01-01`, both, or ``. */
export function constraintScope(c: Constraint): string {
  const entries = entriesText(c)
  return [entries === '' ? '' : `for ${entries}`, validityText(c)].filter((t) => t !== '').join(', checked ')
}

/** The rule's constraints in a few words, each with its validity: `per visit 30 + rolling 90/180`. */
export function ruleSummary(rule: Rule): string {
  return rule.kindSummary ?? computedRuleSummary(rule)
}

export function computedRuleSummary(rule: Rule): string {
  return rule.constraints
    .map((c) => {
      const when = constraintScope(c)
      return when === '' ? constraintSummary(c) : `${constraintSummary(c)} (${when})`
    })
    .join(' + ')
}

export const DAY_COUNTING_TEXT: Readonly<Record<DayCounting, string>> = {
  calendar: 'calendar days: any presence on a date counts, entry and exit days included',
  midnight: 'midnights: a day counts if present at its end, so the departure day does not count',
  whole: 'whole days: departure and return days do not count',
}

/**
 * Whether constraint `c` of `rule` is checked on day `on`: within its own validity and the rule's;
 * a cap on visits by entry date, for a visit entered that day (`stay-calc rules --on`).
 * @example constraintInForce(ua, ua.constraints[0], day('2015-01-01')) //=> false (in force from 2015-04-08)
 */
export function constraintInForce(rule: Rule, c: Constraint, on: number): boolean {
  const entries = c.kind !== 'per-visit' || inForce({ validFrom: c.entriesFrom ?? null, validTo: c.entriesUntil ?? null }, on)
  return inForce(rule, on) && inForce(c, on) && entries
}
