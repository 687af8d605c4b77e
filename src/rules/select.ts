/**
 * Which rules a run checks, from `--rule` (repeatable), `--limit`/`--window` and the rules loaded
 * from `--rules-file`. Pure; usage mistakes throw UsageError.
 */
import { problems, UsageError } from '../errors.js'
import { customRollingRule, requireRule } from './index.js'
import { MAX_RULE_DAYS, type Rule } from './types.js'

export interface RuleSpec {
  /** `--rule` values, in order; zone overrides (`ZONE=ID`) are not rule ids and are skipped here. */
  readonly ids: readonly string[]
  readonly limit?: string | undefined
  readonly window?: string | undefined
}

export const DEFAULT_RULE = 'schengen'

/** `--limit 90`, `--for 30`: a whole number of days from 1 to `max`. */
export function wholeNumber(flag: string, text: string, max = MAX_RULE_DAYS): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) throw new UsageError(problems.badNumber(flag, text))
  const n = Number(text)
  if (n > max) throw new UsageError(problems.tooManyDays(flag, text.trim(), max))
  return n
}

export function selectRules(spec: RuleSpec, extra: readonly Rule[] = []): Rule[] {
  const ids = spec.ids.filter((id) => !id.includes('='))
  if (spec.limit === undefined && spec.window === undefined) {
    const chosen = (ids.length > 0 ? ids : [DEFAULT_RULE]).map((id) => requireRule(id, extra))
    return chosen.filter((rule, i) => chosen.indexOf(rule) === i)
  }
  if (ids.length > 0) throw new UsageError(problems.ruleAndCustom())
  const limit = spec.limit === undefined ? 90 : wholeNumber('--limit', spec.limit)
  const window = spec.window === undefined ? 180 : wholeNumber('--window', spec.window)
  if (limit >= window) throw new UsageError(problems.limitNotBelowWindow(limit, window))
  return [customRollingRule(limit, window)]
}
