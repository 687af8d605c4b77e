/** Public library API: the engine, rules, parsers and renderers without the CLI. */
export * from './types.js'
export * from './day.js'
export * from './errors.js'
export * from './rules/index.js'
export { assess, resolveVisits, type AssessInput } from './engine/assess.js'
export type * from './engine/types.js'
export { buildDaySet, countIn, type DaySet, type DayRange } from './engine/day-set.js'
