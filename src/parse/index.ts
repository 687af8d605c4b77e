/** Input parsing: CSV files and --trip flags → stays with sources, plus cross-stay checks. */
export { parseDate, dateFormatProblem, expectedDate, type DateResult } from './date.js'
export { parseCsv, type ParseOptions, type ParsedFile } from './csv.js'
export { parseTripFlag } from './flags.js'
export { checkStays } from './stays.js'
