/** Public library API: the engine, rules, parsers and renderers without the CLI. */
export * from './types.js'
export * from './day.js'
export * from './errors.js'
export * from './rules/index.js'
export { assess, resolveVisits, type AssessInput } from './engine/assess.js'
export type * from './engine/types.js'
export { buildDaySet, countIn, type DaySet, type DayRange } from './engine/day-set.js'
export {
  checkPlans,
  daysComeBack,
  earliestEntry,
  fullReentry,
  longestStay,
  reentryCalendar,
  type CalendarGroup,
  type Comeback,
  type DaysComeBack,
  type EntryAnswer,
  type FullReentry,
  type NoEntryReason,
  type PlanCheck,
  type PlanInput,
  type ReentryCalendar,
  type StayOption,
} from './engine/plan.js'
export { buildTimeline, explainLatestExit, type Contribution, type Explanation, type PresenceKind, type Timeline, type TimelineDay, type TimelineOptions } from './engine/explain.js'
export { buildPlanning, type ForStay, type Planning, type PlanningRequest } from './engine/planning.js'
export { bindingIndex } from './engine/binding.js'
export { selectRules, type RuleSpec } from './rules/select.js'
export { loadRulesFile, type LoadedRules } from './rules/load.js'
export * from './parse/index.js'
export { renderText, renderRulesSummary, type TextOptions } from './render/text.js'
export { renderJson, reportJson, rulesJson, SCHEMA_VERSION } from './render/json.js'
export { renderRuleDetail, renderRulesJson, renderRulesList, rulesMarkdownTable, ruleJson } from './render/rules.js'
export { assessZones, anyViolation, type ZoneReport, type ZonesReport, type ZonesInput } from './zones/assess.js'
export { countries, findCountry, type Country } from './zones/countries.js'
export { findZone, zones } from './zones/zones.js'
export { isCountryStay, type CountryStay } from './zones/types.js'
export { renderZonesJson, renderZonesText } from './render/zones.js'
export { VERSION } from './version.js'
