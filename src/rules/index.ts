/** Preset lookup: the single source for `--rule` choices, `rules` listings and the README table. */
import { InputError, problems } from '../errors.js'
import { PRESETS } from './presets.js'
import type { Rule } from './types.js'

export type { Constraint, RollingConstraint, Rule, Confidence } from './types.js'
export { PRESETS }

const BY_ID: ReadonlyMap<string, Rule> = new Map(PRESETS.map((r: Rule) => [r.id, r]))

export const RULE_IDS: readonly string[] = PRESETS.map((r) => r.id)

export const isRuleId = (id: string): boolean => BY_ID.has(id)

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id.toLowerCase())
}

/** A custom rolling rule from `--limit`/`--window`. */
export function customRollingRule(limit: number, window: number): Rule {
  return {
    id: 'custom',
    label: `custom (${limit} days in any ${window})`,
    countFrom: null,
    constraints: [{ kind: 'rolling', limit, window }],
    source: 'user-defined with --limit and --window',
    confidence: 'official',
  }
}

export function requireRule(id: string): Rule {
  const rule = findRule(id)
  if (!rule) throw new InputError([{ source: { flag: `--rule ${id}` }, code: 'E_RULE_UNKNOWN', message: problems.unknownRule(id, RULE_IDS) }])
  return rule
}
