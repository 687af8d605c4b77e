/** Preset lookup: the single source for `--rule` choices, `rules` listings and the README table. */
import { problems, UsageError } from '../errors.js'
import { PRESETS } from './presets.js'
import type { Rule } from './types.js'

export type {
  AbsenceConstraint,
  Confidence,
  Constraint,
  ConstraintKind,
  ContinuousConstraint,
  DayCounting,
  PerVisitConstraint,
  PeriodUnit,
  RollingConstraint,
  Rule,
  WeightedConstraint,
  YearConstraint,
  YearStart,
} from './types.js'
export { PRESETS }

const byName = (rules: readonly Rule[]): Map<string, Rule> => {
  const map = new Map<string, Rule>()
  for (const r of rules) {
    map.set(r.id, r)
    for (const alias of r.aliases ?? []) map.set(alias, r)
  }
  return map
}

const BY_NAME: ReadonlyMap<string, Rule> = byName(PRESETS)

/** Preset ids, in catalogue order. */
export const RULE_IDS: readonly string[] = PRESETS.map((r) => r.id)

/** Every name `--rule` accepts for a preset: ids and aliases. */
export const RULE_NAMES: readonly string[] = [...BY_NAME.keys()]

export const isRuleId = (id: string): boolean => BY_NAME.has(id.toLowerCase())

/**
 * A rule by id or alias (case-insensitive): first among `extra` (rules from a rules file), then presets.
 * @example findRule('ESTA')?.id //=> 'us-esta'
 */
export function findRule(id: string, extra: readonly Rule[] = []): Rule | undefined {
  const key = id.toLowerCase()
  return (extra.length > 0 ? byName(extra).get(key) : undefined) ?? BY_NAME.get(key)
}

/** A custom rolling rule from `--limit`/`--window`. */
export function customRollingRule(limit: number, window: number): Rule {
  return {
    id: 'custom',
    label: `custom (${limit} ${limit === 1 ? 'day' : 'days'} in any ${window})`,
    kindSummary: `rolling ${limit}/${window}`,
    countFrom: null,
    constraints: [{ kind: 'rolling', limit, window }],
    source: 'user-defined with --limit and --window',
    confidence: 'official',
  }
}

/**
 * `findRule`, or a UsageError listing every id accepted (presets, then `extra`).
 * @example requireRule('nope') // throws UsageError: unknown rule "nope"; expected one of: schengen, kz, ...
 */
export function requireRule(id: string, extra: readonly Rule[] = []): Rule {
  const rule = findRule(id, extra)
  if (!rule) throw new UsageError(problems.unknownRule(id, [...RULE_IDS, ...extra.map((r) => r.id)]))
  return rule
}
