/**
 * The rules catalogue as text: `stay-calc rules` (one line per rule), `stay-calc rules ID` (one rule
 * explained with its legal source, validity and confidence) and the README's rules table. Pure:
 * rules in, a string out (each ends with a newline); no colour.
 */
import { isoOf } from '../day.js'
import { constraintId, constraintInForce, constraintLabel, constraintScope, constraintSummary, DAY_COUNTING_TEXT, ruleSummary, validityText } from '../rules/describe.js'
import type { Confidence, Constraint, PerVisitConstraint, Rule } from '../rules/types.js'

const CONFIDENCE_TEXT: Readonly<Record<Confidence, string>> = {
  official: 'official: read from primary sources (the law, a government page)',
  secondary: 'secondary: from law firms, news or embassy advice; the primary text was not retrieved',
  unverified: 'unverified: sources conflict or the reading is ambiguous; the conservative reading is used',
}

/**
 * One line per rule: id, label, and the constraints in a few words.
 * @example renderRulesList([schengen]) //=> 'schengen  Schengen area short stay (90 days in any 180) · rolling 90/180\n'
 */
export function renderRulesList(rules: readonly Rule[], on?: number): string {
  const width = Math.max(0, ...rules.map((r) => r.id.length))
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.label} · ${ruleSummary(r)}${on === undefined ? '' : ` · ${onText(r, on)}`}\n`).join('')
}

/** The constraints checked on `on` in a few words (`per visit 60`), or `undefined` when none is. */
function checkedOn(rule: Rule, on: number): string | undefined {
  const checked = rule.constraints.filter((c) => constraintInForce(rule, c, on))
  return checked.length === 0 ? undefined : checked.map(constraintSummary).join(' + ')
}

/** `on 2024-06-01: per visit 60`, or `not in force on 2024-06-01`. */
function onText(rule: Rule, on: number): string {
  const checked = checkedOn(rule, on)
  return checked === undefined ? `not in force on ${isoOf(on)}` : `on ${isoOf(on)}: ${checked}`
}

/**
 * Everything the project knows about one rule: constraints with validity, count start, day
 * counting, source, confidence and interpretation notes.
 */
export function renderRuleDetail(rule: Rule, on?: number): string {
  const lines = [`${rule.id}: ${rule.label}`]
  if (rule.aliases && rule.aliases.length > 0) lines.push(`Also: ${rule.aliases.join(', ')}`)
  // A threshold test holds while it is not reached: "all must hold" above "183 days … reach the
  // threshold" read as a requirement to reach it (QA).
  const thresholds = rule.constraints.some((c) => 'threshold' in c && c.threshold !== undefined)
  lines.push('', thresholds ? 'Constraints (all must hold; a threshold holds while it is not reached):' : 'Constraints (all must hold):')
  for (const c of rule.constraints) {
    const when = constraintScope(c)
    const checked = on === undefined ? '' : constraintInForce(rule, c, on) ? ` (checked on ${isoOf(on)})` : ` (not checked on ${isoOf(on)})`
    lines.push(`  - ${constraintLabel(c)}${when === '' ? '' : `, ${when}`}${checked}`)
  }
  if (on !== undefined) lines.push(`On ${isoOf(on)}: ${checkedOn(rule, on) ?? 'not in force'}`)
  const ruleWhen = validityText(rule)
  if (ruleWhen !== '') lines.push(`In force: ${ruleWhen}`)
  lines.push(`Counts from: ${rule.countFrom === null ? 'all recorded presence' : `${isoOf(rule.countFrom)} (earlier presence is ignored)`}`)
  lines.push(`Day counting: ${DAY_COUNTING_TEXT[rule.dayCounting ?? 'calendar']}`)
  if (rule.purpose === 'tax') lines.push('Purpose: tax: days counted for a tax rule; passing its limit changes what is taxed, no stay is unlawful')
  lines.push(`Source: ${rule.source}`)
  lines.push(`Confidence: ${CONFIDENCE_TEXT[rule.confidence]}`)
  if (rule.notes && rule.notes.length > 0) {
    lines.push('Notes:')
    for (const note of rule.notes) lines.push(`  - ${note}`)
  }
  return `${lines.join('\n')}\n`
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** The README's rules table (GitHub Markdown), generated from the same data as `--rule`. */
export function rulesMarkdownTable(rules: readonly Rule[]): string {
  const rows = [
    '| Rule | What it is | Constraints | Counts | Confidence |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((r) => {
      const counts = [r.dayCounting ?? 'calendar', r.countFrom === null ? '' : `from ${isoOf(r.countFrom)}`].filter(Boolean).join(', ')
      return `| \`${r.id}\` | ${cell(r.label)} | ${cell(ruleSummary(r))} | ${cell(counts)} | ${r.confidence} |`
    }),
  ]
  return `${rows.join('\n')}\n`
}

const isoOrNull = (d: number | null | undefined): string | null => (d === null || d === undefined ? null : isoOf(d))

/** A rule as plain JSON data (`stay-calc rules --json`): day numbers become YYYY-MM-DD. */
export function ruleJson(rule: Rule, on?: number) {
  return {
    id: rule.id,
    label: rule.label,
    aliases: rule.aliases ?? [],
    summary: ruleSummary(rule),
    countFrom: isoOrNull(rule.countFrom),
    validFrom: isoOrNull(rule.validFrom),
    validTo: isoOrNull(rule.validTo),
    dayCounting: rule.dayCounting ?? 'calendar',
    purpose: rule.purpose ?? 'stay',
    constraints: rule.constraints.map((c) => ({ ...constraintJson(c), inForce: on === undefined ? null : constraintInForce(rule, c, on) })),
    source: rule.source,
    confidence: rule.confidence,
    notes: rule.notes ?? [],
    inForce: on === undefined ? null : rule.constraints.some((c) => constraintInForce(rule, c, on)),
  }
}

/** A constraint as JSON data: its own keys, then id, label and validity; a per-visit one then its entries (YYYY-MM-DD or null). */
function constraintJson(c: Constraint) {
  // Validity and entry dates left out of the constraint's own keys, so they always come in this
  // place: spread first, a key set on the preset kept its place before id (ua's, Schengen's).
  const { entriesFrom: _from, entriesUntil: _until, validFrom: _validFrom, validTo: _validTo, ...own } = c as Constraint &
    Partial<Pick<PerVisitConstraint, 'entriesFrom' | 'entriesUntil'>>
  return {
    ...own,
    id: constraintId(c),
    label: constraintLabel(c),
    validFrom: isoOrNull(c.validFrom),
    validTo: isoOrNull(c.validTo),
    ...(c.kind === 'per-visit' ? { entriesFrom: isoOrNull(c.entriesFrom), entriesUntil: isoOrNull(c.entriesUntil) } : {}),
  }
}

/** `on`: the day `inForce` answers for (`stay-calc rules --on`); without it, `on` and every `inForce` are null. */
export function renderRulesJson(rules: readonly Rule[], on?: number): string {
  return `${JSON.stringify({ schemaVersion: 1, on: on === undefined ? null : isoOf(on), rules: rules.map((r) => ruleJson(r, on)) }, null, 2)}\n`
}
