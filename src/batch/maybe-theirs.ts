/**
 * Another traveller a bad row of a batch may belong to, besides the one its traveller cell names.
 * A bad row stops its traveller's answer; but two kinds of bad row name their traveller wrongly,
 * and the traveller they were meant for was answered as if the row did not exist (QA: ann over the
 * limit by 59 days, her exit row read as a traveller of its own):
 * - a row of another export, read as one cell (`ann;2024-01-10;out` in a file separated by commas,
 *   or by tabs): split at `;`, a tab, `|` or `,` into exactly the header's number of cells, its
 *   traveller cell names ann;
 * - a `#` line with the header's number of fields, reported because it may be a row as well as a
 *   comment (README, Comments): a commented-out row of the traveller named after the `#`.
 * stay-calc does not guess which is meant: the row's problem stays with the traveller its cell
 * names, and the other traveller, when the batch has one of that name, is told too. Pure.
 */

/** Delimiters another export may use, most likely first. */
const OTHER_DELIMITERS = [';', '\t', '|', ',']

export interface MaybeTheirs {
  /** The other traveller's name. */
  readonly name: string
  /** How the row names them: split at this delimiter, or with a `#` before the name. */
  readonly how: { readonly split: string } | { readonly hash: true }
}

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
