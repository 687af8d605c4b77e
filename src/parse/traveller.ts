/**
 * Which column of a CSV header names the traveller of each row (batch mode): one of the usual
 * names, or the column given with `--group-by`. Pure; names are compared as in columns.ts.
 */
import { batchProblems, problems, withEncodingHint, type ProblemText } from '../errors.js'
import { normaliseName } from './columns.js'

/**
 * Accepted names, in order of preference: with both `id` and `name` (an HR export), `id` is the
 * key that tells two people of the same name apart.
 */
export const TRAVELLER_COLUMNS = ['traveller', 'traveler', 'person', 'id', 'name'] as const

export type TravellerColumn =
  /** The column's index and its name as written in the header. */
  | { readonly index: number; readonly name: string }
  | { readonly problem: ProblemText }
  /** No traveller column: the file is one traveller. */
  | undefined

/**
 * @param groupBy the column named with `--group-by`, if any; it must be there.
 * @example travellerColumn(['Person', 'date', 'direction']) //=> { index: 0, name: 'Person' }
 */
export function travellerColumn(header: readonly string[], groupBy?: string): TravellerColumn {
  const names = header.map(normaliseName)
  const wanted = groupBy === undefined ? TRAVELLER_COLUMNS : [normaliseName(groupBy)]
  for (const name of wanted) {
    const [first, second] = names.flatMap((n, i) => (n === name ? [i] : []))
    if (first === undefined) continue
    if (second !== undefined) return { problem: problems.columnsAmbiguous('traveller', header[first] ?? '', header[second] ?? '') }
    return { index: first, name: header[first] ?? '' }
  }
  // A header name read from bytes that are not UTF-8 (`Employ\uFFFD No`) cannot match: the hint says why.
  if (groupBy !== undefined) return { problem: withEncodingHint(batchProblems.groupByMissing(groupBy, header.filter((h) => h.trim() !== ''))) }
  return undefined
}

/**
 * The columns that may name each row's traveller, for a header that cannot be used otherwise: the
 * one `travellerColumn` finds, or every column of an ambiguous name (any of them may be the one);
 * none when the `--group-by` column is missing, or the file has no traveller column.
 * @example travellerColumnsLoose(['traveller', 'Traveller', 'date']) //=> [0, 1]
 */
export function travellerColumnsLoose(header: readonly string[], groupBy?: string): number[] {
  const names = header.map(normaliseName)
  const wanted = groupBy === undefined ? TRAVELLER_COLUMNS : [normaliseName(groupBy)]
  for (const name of wanted) {
    const found = names.flatMap((n, i) => (n === name ? [i] : []))
    if (found.length > 0) return found
  }
  return []
}
