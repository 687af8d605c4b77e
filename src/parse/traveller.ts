/**
 * Which column of a CSV header names the traveller of each row (batch mode): one of the usual
 * names, or the column given with `--group-by`. Pure; names are compared as in columns.ts.
 */
import { batchProblems, problems, type ProblemText } from '../errors.js'
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
  if (groupBy !== undefined) return { problem: batchProblems.groupByMissing(groupBy, header.filter((h) => h.trim() !== '')) }
  return undefined
}
