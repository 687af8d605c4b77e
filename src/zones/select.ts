/**
 * The zone options of a run: `--rule ZONE=ID` (a zone's rule instead of its default) and `--home`,
 * and whether the input is a country log at all. Pure; usage mistakes throw UsageError.
 */
import { UsageError, zoneProblems } from '../errors.js'
import { requireRule } from '../rules/index.js'
import type { Rule } from '../rules/types.js'
import type { SourceRef, Stay } from '../types.js'
import { countryLabel, findCountry, suggestCountries } from './countries.js'
import { isCountryStay, type CountryStay, type Zone } from './types.js'
import { findZone, zoneIds, zones } from './zones.js'

/** A `--rule` value that names a zone (`kz=kz-visa-free`) rather than a rule for the whole input. */
export const isZoneRuleValue = (value: string): boolean => value.includes('=')

/**
 * Rules by zone id from the `ZONE=ID` values among `--rule` values (others are skipped).
 * `extra`: rules from `--rules-file`, which ID may name too.
 * @example zoneRules(['kz=kz-visa-free']).get('kz')?.id //=> 'kz-visa-free'
 */
export function zoneRules(values: readonly string[], extra: readonly Rule[] = []): Map<string, Rule> {
  const rules = new Map<string, Rule>()
  const given = new Map<string, string>()
  for (const value of values.filter(isZoneRuleValue)) {
    const [zoneText = '', id = '', ...more] = value.split('=').map((t) => t.trim())
    if (zoneText === '' || id === '' || more.length > 0) throw new UsageError(zoneProblems.ruleValue(value))
    const zone = findZone(zoneText)
    if (zone === undefined) throw new UsageError(zoneProblems.zoneUnknown(zoneText, zoneIds()))
    const rule = requireRule(id, extra)
    // An absence rule reads stays as periods abroad; a zone's stays are presence in it.
    if (rule.constraints.some((c) => c.kind === 'absence')) throw new UsageError(zoneProblems.zoneRuleAbsence(zone.id, rule.id))
    const first = given.get(zone.id)
    if (first !== undefined) throw new UsageError(zoneProblems.zoneRuleTwice(zone.id, first, value))
    given.set(zone.id, value)
    rules.set(zone.id, rule)
  }
  return rules
}

/**
 * `--home`: alpha-2 code of the traveller's home country, whose days count for no zone.
 * @example homeCountry('United Kingdom') //=> 'GB'
 */
export function homeCountry(text: string): string {
  const country = findCountry(text)
  if (country === undefined) throw new UsageError(zoneProblems.homeUnknown(text, suggestCountries(text).map(countryLabel)))
  return country.code
}

export interface ZoneSpec {
  /** Every `--rule` value, plain ids and `ZONE=ID` alike. */
  readonly ruleValues: readonly string[]
  /** `--limit` or `--window` given. */
  readonly custom: boolean
  readonly home: string | undefined
}

/**
 * The stays as country stays when the input has a country column, `null` when it has none.
 * Throws UsageError when some input has countries and some not, or an option does not fit the input.
 */
export function countryInput(stays: readonly Stay[], spec: ZoneSpec): CountryStay[] | null {
  const withCountries = stays.filter(isCountryStay)
  const first = withCountries[0]
  if (first === undefined) {
    const zoneRule = spec.ruleValues.find(isZoneRuleValue)
    if (zoneRule !== undefined) throw new UsageError(zoneProblems.zoneRuleWithoutCountries(zoneRule))
    if (spec.home !== undefined) throw new UsageError(zoneProblems.homeWithoutCountries())
    return null
  }
  const plain = stays.find((s) => !isCountryStay(s))
  if (plain !== undefined) throw new UsageError(zoneProblems.countriesMixed(inputName(first.source), inputName(plain.source)))
  const plainRule = spec.ruleValues.find((v) => !isZoneRuleValue(v))
  if (plainRule !== undefined) {
    const zone = zoneOfRule(plainRule)
    throw new UsageError(zoneProblems.ruleWithCountries(plainRule, zone?.id, zone?.rule === plainRule))
  }
  if (spec.custom) throw new UsageError(zoneProblems.customWithCountries())
  return withCountries
}

/** The zone a rule is most likely meant for, for the example in a message: its default rule, or the zone its id starts with (`kz-visa-free`: kz). */
function zoneOfRule(id: string): Zone | undefined {
  return zones().find((z) => z.rule === id) ?? zones().find((z) => id.startsWith(`${z.id}-`))
}

/** The file, or the `--trip` flag, an input came from. */
const inputName = (source: SourceRef): string => source.flag ?? source.file ?? 'input'
