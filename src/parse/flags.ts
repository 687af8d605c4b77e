/**
 * `--trip ENTRY..EXIT` values → stays. `ENTRY..` (nothing after the dots) is a stay still going on.
 * Dates follow the same rules, and `--date-format`, as in CSV files.
 */
import { problems, tripShape, type InputProblem } from '../errors.js'
import type { Stay } from '../types.js'
import { stayFromDates, type ParseOptions } from './csv.js'

/**
 * @param index 1-based position among the --trip flags. Messages name the flag by its text
 *   (`--trip 2024-01-05..x`), which is what the user can search their command for.
 * @example parseTripFlag('2024-05-01..', 1).stay //=> { entry: 19844, exit: null, source: { flag: '--trip 2024-05-01..' } }
 */
export function parseTripFlag(
  value: string,
  index: number,
  options: ParseOptions = {},
): { stay?: Stay; problems: InputProblem[] } {
  const source = { flag: `--trip ${value}` }
  const parts = splitTrip(value)
  if (typeof parts === 'string') return { problems: [{ source, ...problems.tripMalformed(parts) }] }
  const result = stayFromDates(parts.entry, parts.exit, source, options)
  return 'stay' in result ? { stay: result.stay, problems: [] } : { problems: result.problems }
}

/** Entry and exit text, or why the value is not `ENTRY..EXIT` / `ENTRY..`. */
function splitTrip(value: string): { entry: string; exit: string } | string {
  if (value.includes('...')) return tripShape.threeDots()
  const parts = value.split('..')
  if (parts.length === 1) return tripShape.noDots()
  const [entry = '', exit = '', ...more] = parts.map((p) => p.trim())
  if (more.length > 0) return tripShape.manyDots()
  if (entry === '') return tripShape.noEntry()
  // "a..b" is a malformed flag, not two bad dates; "2024-02-30..x" goes on to a date message.
  const notDate = [entry, exit].find((p) => p !== '' && !/\d/.test(p))
  if (notDate !== undefined) return tripShape.notDate(notDate)
  return { entry, exit }
}
