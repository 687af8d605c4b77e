/**
 * A CSV header → which form the file is in and where its columns are. Names are matched
 * case-insensitively, ignoring surrounding spaces and treating `_`, `-` and spaces alike.
 * Other columns (notes, country, traveller …) are ignored here; later features read them.
 */
import { problems, type ProblemText } from '../errors.js'

export type Columns =
  | { readonly form: 'stays'; readonly entry: number; readonly exit: number }
  | { readonly form: 'crossings'; readonly date: number; readonly direction: number }

type Role = 'entry' | 'exit' | 'date' | 'direction'

/**
 * Accepted header names per role, already normalised (see `normaliseName`). German Einreise /
 * Ausreise too: `--date-format dd.MM.yyyy` users export such files (see examples/european-dates.csv).
 */
const NAMES: Record<Role, readonly string[]> = {
  entry: ['entry', 'from', 'arrival', 'start', 'in', 'entered', 'entry date', 'date in', 'arrival date', 'start date', 'einreise'],
  exit: ['exit', 'to', 'departure', 'end', 'out', 'left', 'exit date', 'date out', 'departure date', 'end date', 'ausreise'],
  date: ['date', 'day', 'crossing date'],
  direction: ['direction', 'type', 'event', 'kind', 'in/out'],
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
  const names = header.map(normaliseName)
  const at = (role: Role) => names.flatMap((name, i) => (NAMES[role].includes(name) ? [i] : []))
  const [entry, exit, date, direction] = [at('entry'), at('exit'), at('date'), at('direction')]
  const stays = entry.length > 0 && exit.length > 0
  const crossings = date.length > 0 && direction.length > 0
  if (!stays && !crossings) return { problem: problems.columnsMissing(header.filter((h) => h.trim() !== '')) }
  const roles: [Role, number[]][] = stays ? [['entry', entry], ['exit', exit]] : [['date', date], ['direction', direction]]
  for (const [role, indexes] of roles) {
    const [first = 0, second] = indexes
    if (second !== undefined) return { problem: problems.columnsAmbiguous(role, header[first] ?? '', header[second] ?? '') }
  }
  const one = (indexes: number[]) => indexes[0] ?? 0
  return stays
    ? { columns: { form: 'stays', entry: one(entry), exit: one(exit) } }
    : { columns: { form: 'crossings', date: one(date), direction: one(direction) } }
}
