/**
 * A CSV header → which form the file is in and where its columns are. Names are matched
 * case-insensitively, ignoring surrounding spaces and treating `_`, `-` and spaces alike.
 * Other columns (notes, traveller …) are ignored here; later features read them.
 * A `country` column, or a `date,from,to` header, makes a file a country log (src/zones/log.ts).
 */
import { problems, withEncodingHint, zoneProblems, type ProblemText } from '../errors.js'

export type Columns =
  | { readonly form: 'stays'; readonly entry: number; readonly exit: number; readonly country?: number; readonly until?: number }
  | { readonly form: 'crossings'; readonly date: number; readonly direction: number; readonly country?: number }
  /** One row per move between countries: `date,from,to` (src/zones/log.ts). */
  | { readonly form: 'moves'; readonly date: number; readonly from: number; readonly to: number }

type Role = 'entry' | 'exit' | 'date' | 'direction' | 'country' | 'from' | 'to' | 'until'

/** Each word as it is and with `date` before or after it: `entry`, `entry date`, `date entry`, `date of entry`. */
function withDate(words: readonly string[]): string[] {
  return words.flatMap((w) => [w, `${w} date`, `date ${w}`, `date of ${w}`])
}

/**
 * Accepted header names per role, already normalised (see `normaliseName`). German Einreise /
 * Ausreise too: `--date-format dd.MM.yyyy` users export such files (see examples/european-dates.csv).
 */
const NAMES: Record<Role, readonly string[]> = {
  entry: [...withDate(['entry', 'from', 'arrival', 'start', 'in', 'entered']), 'einreise', 'einreisedatum', 'einreise datum'],
  exit: [...withDate(['exit', 'to', 'departure', 'end', 'out', 'left']), 'ausreise', 'ausreisedatum', 'ausreise datum'],
  date: ['date', 'day', 'crossing date'],
  direction: ['direction', 'type', 'event', 'kind', 'in/out'],
  country: ['country', 'country code'],
  // A move's two countries. `from`/`to` also name a stay's entry/exit: with a date column and no
  // direction column they are countries (`date,from,to`).
  from: ['from', 'from country', 'origin'],
  to: ['to', 'to country', 'destination'],
  // The authorised last day of a visit (Stay.until): the I-94 "Admit Until" date, a stamped date.
  until: ['until', 'admit until', 'admitted until', 'authorised until', 'authorized until', 'allowed until', 'leave until', 'stay until', 'i94', 'i 94', 'i94 date', 'i 94 date'],
}

/** Whether a header name is one read for dates or directions (`--group-by date` is a usage error). */
export function isDataColumnName(name: string): boolean {
  const n = normaliseName(name)
  return (['entry', 'exit', 'date', 'direction', 'until'] as const).some((role) => NAMES[role].includes(n))
}

export function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/ ?\/ ?/g, '/')
}

/**
 * The stays form wins when both could apply (a stays file may well have a `type` column).
 * Two columns for one role are refused rather than picking one silently.
 */
export function recogniseColumns(header: readonly string[]): { columns: Columns } | { problem: ProblemText } {
  const recognised = recognise(header)
  // A header name with bytes that are not UTF-8 (`Einreise` is fine, `R\uFFFDckkehr` is not) gets a hint.
  return 'problem' in recognised ? { problem: withEncodingHint(recognised.problem) } : recognised
}

/**
 * Whether the first column holds free text (a traveller, a note: no column stay-calc reads), where a
 * value may start with `#`: then a line starting with `#` after the header may be a row (see
 * `readTable`). No column stay-calc reads accepts such a value: a date, a direction, a country.
 * `false` for a header without the needed columns (its rows are not read at all).
 * @example firstColumnFree(['traveller', 'date', 'direction']) //=> true
 * @example firstColumnFree(['entry', 'exit', 'note']) //=> false
 */
export function firstColumnFree(header: readonly string[]): boolean {
  const recognised = recognise(header)
  if ('problem' in recognised) return false
  return !Object.entries(recognised.columns).some(([role, index]) => role !== 'form' && index === 0)
}

function recognise(header: readonly string[]): { columns: Columns } | { problem: ProblemText } {
  const names = header.map(normaliseName)
  const at = (role: Role) => names.flatMap((name, i) => (NAMES[role].includes(name) ? [i] : []))
  const [entry, exit, date, direction] = [at('entry'), at('exit'), at('date'), at('direction')]
  const moves = recogniseMoves(header, at)
  if (moves !== undefined) return moves
  const stays = entry.length > 0 && exit.length > 0
  const crossings = date.length > 0 && direction.length > 0
  if (!stays && !crossings) return { problem: problems.columnsMissing(header.filter((h) => h.trim() !== '')) }
  // Another form's columns are never left unread (QA: `date,direction,exit` dropped every exit):
  // both forms whole, or a crossings file with an entry or exit column (not `from`/`to`, which may
  // name countries), is refused. A stays file may carry a `type` or `kind` (a visa type): kept.
  const staysColumn = [...entry, ...exit].find((i) => !['from', 'to'].includes(names[i]!))
  if (crossings && (stays || staysColumn !== undefined)) {
    const a = stays ? Math.min(entry[0]!, exit[0]!) : staysColumn!
    return { problem: problems.columnsOfTwoForms(header[a] ?? '', header[Math.min(date[0]!, direction[0]!)] ?? '') }
  }
  const roles: [Role, number[]][] = stays ? [['entry', entry], ['exit', exit]] : [['date', date], ['direction', direction]]
  for (const [role, indexes] of roles) {
    const [first = 0, second] = indexes
    if (second !== undefined) return { problem: problems.columnsAmbiguous(role, header[first] ?? '', header[second] ?? '') }
  }
  const one = (indexes: number[]) => indexes[0] ?? 0
  const country = at('country')
  const [firstCountry = 0, secondCountry] = country
  if (secondCountry !== undefined) return { problem: problems.columnsAmbiguous('country', header[firstCountry] ?? '', header[secondCountry] ?? '') }
  const withCountry = country.length > 0 ? { country: firstCountry } : {}
  const until = at('until')
  const [firstUntil = 0, secondUntil] = until
  if (stays && secondUntil !== undefined) return { problem: problems.columnsAmbiguous('until', header[firstUntil] ?? '', header[secondUntil] ?? '') }
  if (!stays && until.length > 0) return { problem: problems.untilInCrossings(header[firstUntil] ?? '') }
  const withUntil = until.length > 0 ? { until: firstUntil } : {}
  return stays
    ? { columns: { form: 'stays', entry: one(entry), exit: one(exit), ...withCountry, ...withUntil } }
    : { columns: { form: 'crossings', date: one(date), direction: one(direction), ...withCountry } }
}

/** `date,from,to` (no direction, no country column): a log of moves between countries. */
function recogniseMoves(
  header: readonly string[],
  at: (role: Role) => number[],
): { columns: Columns } | { problem: ProblemText } | undefined {
  const [date, from, to] = [at('date'), at('from'), at('to')]
  if (date.length === 0 || from.length === 0 || to.length === 0 || at('direction').length > 0 || at('country').length > 0) return undefined
  for (const [role, indexes] of [['date', date], ['from', from], ['to', to]] as const) {
    const [first = 0, second] = indexes
    if (second !== undefined) return { problem: problems.columnsAmbiguous(role, header[first] ?? '', header[second] ?? '') }
  }
  // A stay's column beside them (`date from`, `exit`) would be left unread, as in `recognise` (QA).
  const staysColumn = [...at('entry'), ...at('exit')].find((i) => i !== from[0] && i !== to[0])
  if (staysColumn !== undefined) return { problem: problems.columnsOfTwoForms(header[staysColumn] ?? '', header[date[0]!] ?? '') }
  // Nor an authorised last day: dropped, the deadline would be later than the document's (QA).
  if (at('until').length > 0) return { problem: zoneProblems.untilWithCountries() }
  return { columns: { form: 'moves', date: date[0] ?? 0, from: from[0] ?? 0, to: to[0] ?? 0 } }
}
