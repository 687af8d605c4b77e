/**
 * Another traveller a bad row of a batch may belong to, besides the one its traveller cell names.
 * A bad row stops its traveller's answer; but three kinds of bad row name their traveller wrongly,
 * and the traveller they were meant for was answered as if the row did not exist (QA: ann over the
 * limit by 59 days, her exit row read as a traveller of its own):
 * - a row of another export, read as one cell (`ann;2024-01-10;out` in a file separated by commas,
 *   or by tabs): split at `;`, a tab, `|` or `,` into exactly the header's number of cells, its
 *   traveller cell names ann;
 * - a `#` line with the header's number of fields, reported because it may be a row as well as a
 *   comment (README, Comments): a commented-out row of the traveller named after the `#`;
 * - a row too malformed to read, with a stray quote in its traveller cell (`quoteReadings`).
 * stay-calc does not guess which is meant: the row's problem stays with the traveller its cell
 * names, and the other traveller, when the batch has one of that name, is told too. Pure.
 */
import { OTHER_DELIMITERS } from '../parse/records.js'

export interface MaybeTheirs {
  /** The other traveller's name. */
  readonly name: string
  /** How the row names them: split at this delimiter, with a `#` before the name, or read with its stray quote otherwise. */
  readonly how: MaybeHow
}

export type MaybeHow = { readonly split: string } | { readonly hash: true } | { readonly quote: true }

/**
 * The other traveller bad row `fields` may be meant for, `at` being the traveller column of a
 * header of `width` fields and `hashLine` whether the row is a `#` line read as a row (not merely a
 * row whose traveller cell starts with `#`, quoted or in a later column: QA); `undefined` when its
 * traveller cell is all it can mean.
 */
export function maybeTheirs(fields: readonly string[], width: number, at: number, hashLine: boolean): MaybeTheirs | undefined {
  const own = (fields[at] ?? '').trim()
  if (fields.length === 1 && width > 1) {
    const cell = fields[0]!
    for (const split of OTHER_DELIMITERS) {
      if (!cell.includes(split)) continue
      const cells = cell.split(split)
      if (cells.length !== width) continue
      const name = cells[at]!.trim()
      return name === '' || name === own ? undefined : { name, how: { split } }
    }
    return undefined
  }
  if (hashLine && at === 0 && own.startsWith('#')) {
    const name = own.replace(/^#+/, '').trim()
    return name === '' ? undefined : { name, how: { hash: true } }
  }
  return undefined
}

/**
 * The other travellers a row too malformed to read may be meant for, when a stray quote is in its
 * traveller cell (`raw`, as it stands in the line; `own` the name it is read as): its quoted part
 * (`"ann"x`, read as `annx`) and the text before the quote (`ann"`, read as `ann"`). QA: ann was
 * answered over the limit by 59 days, her exit row read as traveller `annx`.
 */
export function quoteReadings(raw: string | undefined, own: string): MaybeTheirs[] {
  const text = raw?.trim() ?? ''
  const at = text.indexOf('"')
  if (at < 0) return []
  const close = at === 0 ? text.indexOf('"', 1) : -1
  const names = new Set([at === 0 ? (close > 0 ? text.slice(1, close) : '') : text.slice(0, at), text.replaceAll('"', '')].map((name) => name.trim()))
  names.delete('')
  names.delete(own)
  return [...names].map((name) => ({ name, how: { quote: true } }))
}
