/**
 * Rows of a CSV file with countries → country stays, in one of three forms:
 * - `date,country,direction`: one row per crossing, `in`/`out` of that country;
 * - `date,from,to`: one row per move from one country to another (blank: outside, or home);
 * - `entry,exit,country`: one row per stay in a country.
 * Every row is checked first; the log is then walked in date order (rows of one date in an order
 * consistent with the log, else in file order) and every inconsistency reported with its line. A
 * `date,country,direction` or `date,from,to` log is walked by the caller (`walkCountryCrossings`,
 * `walkCountryMoves`): one traveller's rows of one form from several files are one log, as in the
 * plain crossings form (src/input.ts). Pure; never throws for bad data.
 */
import { isoOf } from '../day.js'
import { problems, zoneProblems, type InputProblem, type ProblemText } from '../errors.js'
import type { Columns } from '../parse/columns.js'
import { crossingAt, DIRECTION_WORDS, directionOf, inGivenOrder } from '../parse/crossings.js'
import { dateProblem, parseDate } from '../parse/date.js'
import type { CsvRow } from '../parse/records.js'
import type { CalendarDay, Crossing, SourceRef } from '../types.js'
import { countryLabel, countryOf, findCountry, isNotAvailable, suggestCountries } from './countries.js'
import type { CountryStay } from './types.js'

export interface CountryLogOptions {
  readonly dateFormat?: string
}

export interface CountryLog {
  readonly stays: CountryStay[]
  readonly problems: InputProblem[]
}

/**
 * A country log read: a `date,country,direction` or `date,from,to` log's rows, not walked (every
 * one read, or none when any has a problem); an `entry,exit,country` log's stays.
 */
export interface CountryLogRead extends CountryLog {
  readonly crossings: CountryCrossing[]
  readonly moves: CountryMove[]
}

/** A row of a `date,country,direction` log: a crossing in or out of `country`. */
export interface CountryCrossing extends Crossing {
  /** ISO 3166-1 alpha-2. */
  readonly country: string
}

/** The column layouts of a country log. */
export type CountryColumns =
  | Extract<Columns, { form: 'moves' }>
  | (Extract<Columns, { form: 'stays' | 'crossings' }> & { readonly country: number })

/** Whether a file with these columns is a country log (read here rather than by `parse/csv.ts`). */
export const hasCountries = (columns: Columns): columns is CountryColumns => columns.form === 'moves' || columns.country !== undefined

/**
 * @param file names the log: stays of different logs never join into one visit.
 * @example countryLog(rows of "entry,exit,country\n2024-01-05,,FR", …).stays[0].country //=> 'FR'
 * @example countryLog(rows of "date,country,direction\n2024-01-05,FR,in", …).crossings[0].country //=> 'FR'
 * @example countryLog(rows of "date,from,to\n2024-01-05,,FR", …).moves[0].to //=> 'FR'
 */
export function countryLog(rows: readonly CsvRow[], columns: CountryColumns, file: string, options: CountryLogOptions = {}): CountryLogRead {
  const field = (row: CsvRow, i: number): string => row.fields[i] ?? ''
  const source = (row: CsvRow): SourceRef => ({ file, line: row.line })
  if (columns.form === 'moves') {
    const parsed = rows.map((row) => moveRow(field(row, columns.date), field(row, columns.from), field(row, columns.to), source(row), options))
    return walk(parsed, (moves) => ({ moves }))
  }
  const country = columns.country
  if (columns.form === 'crossings') {
    const parsed = rows.map((row) => crossingRow(field(row, columns.date), field(row, country), field(row, columns.direction), source(row), options))
    return walk(parsed, (crossings) => ({ crossings }))
  }
  // Per-visit caps read an authorised last day per stay; zones do not carry it yet: refused, not dropped.
  if (columns.until !== undefined) return { stays: [], problems: [{ source: { file }, ...zoneProblems.untilWithCountries() }], crossings: [], moves: [] }
  const parsed = rows.map((row) => stayRow(field(row, columns.entry), field(row, columns.exit), field(row, country), source(row), options))
  return walk(parsed, (ok) => stayList(ok, file))
}

type RowResult<T> = { readonly row: T } | { readonly problems: InputProblem[] }

/** Walks the log only when every row is readable: a dropped row would make its neighbours look wrong. */
function walk<T>(parsed: readonly RowResult<T>[], walker: (rows: T[]) => Partial<CountryLogRead>): CountryLogRead {
  const found = parsed.flatMap((p) => ('problems' in p ? p.problems : []))
  if (found.length > 0) return { stays: [], problems: found, crossings: [], moves: [] }
  return { stays: [], problems: [], crossings: [], moves: [], ...walker(parsed.flatMap((p) => ('row' in p ? [p.row] : []))) }
}

/** A country cell → its alpha-2 code, or the problem (missing, or unknown with close matches). */
function countryCell(text: string, source: SourceRef, what: string): { code: string } | { problem: InputProblem } {
  const t = text.trim()
  if (t === '') return { problem: { source, ...zoneProblems.countryMissing(what) } }
  const c = findCountry(t)
  if (c !== undefined) return { code: c.code }
  if (isNotAvailable(t)) return { problem: { source, ...zoneProblems.countryNotAvailable(t) } }
  return { problem: { source, ...zoneProblems.countryUnknown(t, suggestCountries(t).map(countryLabel)) } }
}

// ---------------------------------------------------------------------------------------------
// date,country,direction

function crossingRow(dateText: string, countryText: string, directionText: string, source: SourceRef, options: CountryLogOptions): RowResult<CountryCrossing> {
  const direction = directionOf(directionText)
  const date = parseDate(dateText, direction === undefined ? 'crossing date' : `${direction} date`, options.dateFormat)
  const country = countryCell(countryText, source, 'country')
  const found: InputProblem[] = []
  if (direction === undefined) {
    const word = directionText.trim()
    found.push({ source, ...(word === '' ? problems.directionMissing(DIRECTION_WORDS) : problems.directionUnknown(word, DIRECTION_WORDS)) })
  }
  if ('problem' in country) found.push(country.problem)
  if (!date.ok) found.push(dateProblem(date, source))
  if (direction === undefined || !date.ok || 'problem' in country) return { problems: found }
  return { row: { day: date.day, country: country.code, direction, source } }
}

interface Inside {
  readonly country: string
  readonly entry: CalendarDay
  readonly source: SourceRef
  readonly direct: boolean
  /** Part of a reported problem: yields no stay. */
  readonly tainted: boolean
}

const name = (code: string): string => countryLabel(countryOf(code))

/** A country crossing as `mergeCrossings` names it: `entry into FR (France)`. */
export const describeCountryCrossing = (crossing: CountryCrossing): string => `${crossing.direction} ${crossing.direction === 'entry' ? 'into' : 'from'} ${name(crossing.country)}`

/** Sorted by date; rows of one date keep their file order (stable sort). */
const byDay = <T extends { readonly day: CalendarDay }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => a.day - b.day)

/** Where a row takes the traveller, as an edge between places (`OUTSIDE`, or a country code). */
type Edge = readonly [from: string, to: string]

/** The place of no recorded country, in an `Edge`. */
const OUTSIDE = ''

/** A date with more rows than this is read in the order given (no ordering is looked for). */
const MAX_ORDERED_ROWS = 500

/** Later dates looked at to choose where a log with a free start begins. */
const LOOKAHEAD_DATES = 50

/**
 * The rows in date order; rows of one date in an order consistent with the log's place before that
 * date (`place()`, read as each date begins; `undefined`: any, on a move log's first date), whichever
 * file or line each is on: out of FR then into DE when the log has you in FR, into FR then out of it
 * for a same-day visit. As plain crossings are read (src/parse/crossings.ts), the rows of one date
 * may come in any order. The rows of a date are edges between places, and a consistent order is an
 * Eulerian trail through them from that place (`dayTrail`): the given order (files, then rows) when
 * it is one. When none is, the given one, for the walker to report.
 */
function* byDayConsistent<T extends { readonly day: CalendarDay }>(rows: readonly T[], place: () => string | undefined, edge: (row: T) => Edge): Generator<T> {
  const groups: T[][] = []
  for (const row of byDay(rows)) {
    const last = groups[groups.length - 1]
    if (last !== undefined && last[0]!.day === row.day) last.push(row)
    else groups.push([row])
  }
  const edgesOf = (g: number): Edge[] | undefined => {
    const group = groups[g]
    return group === undefined || group.length > MAX_ORDERED_ROWS ? undefined : group.map(edge)
  }
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!
    const edges = edgesOf(g)
    if (group.length === 1 || edges === undefined) {
      yield* group
      continue
    }
    const at = place()
    const start = at ?? freeStart(edges, (k) => edgesOf(g + 1 + k))
    const order = start === undefined ? undefined : dayTrail(edges, start)
    yield* order === undefined ? group : order.map((i) => group[i]!)
  }
}

/**
 * Where a trail through all `edges` from `start` ends, or `undefined` when there is none: the
 * degrees must allow it (every place entered as often as left, but `start`, left once more, and
 * the end), and every edge must be reachable from `start`.
 */
function trailEnd(edges: readonly Edge[], start: string, graph?: DayGraph): string | undefined {
  const balance = new Map<string, number>()
  for (const [from, to] of edges) {
    balance.set(from, (balance.get(from) ?? 0) + 1)
    balance.set(to, (balance.get(to) ?? 0) - 1)
  }
  let end = start
  for (const [node, b] of balance) {
    if (b === 0) continue
    if (b === 1 && node === start) continue
    if (b === -1 && end === start && balance.get(start) === 1) end = node
    else return undefined
  }
  if (!balance.has(start)) return undefined
  const g = graph ?? new DayGraph(edges)
  return g.reachesAllFrom(g.place(start)) ? end : undefined
}

/**
 * The rows of one date as a graph on typed arrays: places numbered, each place's rows (either
 * way) in one list, and the rows taken so far (`take`). A date of a few hundred rows in a
 * scrambled order took seconds with maps built for every bridge test (QA).
 */
class DayGraph {
  private readonly ids = new Map<string, number>()
  readonly from: Int32Array
  readonly to: Int32Array
  readonly places: number
  /** Rows left at each place, either way (a row from a place to itself counts twice). */
  private readonly degree: Int32Array
  /** Each place's rows, either way: `incident[first[p]] … incident[first[p + 1] - 1]`. */
  private readonly first: Int32Array
  private readonly incident: Int32Array
  private readonly used: Uint8Array
  private readonly seen: Int32Array
  private readonly stack: Int32Array
  private walk = 0
  private placesLeft = 0

  constructor(edges: readonly Edge[]) {
    const count = edges.length
    this.from = Int32Array.from(edges, ([f]) => this.place(f))
    this.to = Int32Array.from(edges, ([, t]) => this.place(t))
    const places = (this.places = this.ids.size)
    const { from, to } = this
    const degree = (this.degree = new Int32Array(places))
    for (let i = 0; i < count; i++) {
      degree[from[i]!]!++
      degree[to[i]!]!++
    }
    const first = (this.first = new Int32Array(places + 1))
    for (let p = 0; p < places; p++) first[p + 1] = first[p]! + degree[p]!
    this.incident = new Int32Array(2 * count)
    const fill = first.slice(0, places)
    for (let i = 0; i < count; i++) {
      this.incident[fill[from[i]!]!++] = i
      this.incident[fill[to[i]!]!++] = i
    }
    for (let p = 0; p < places; p++) if (degree[p]! > 0) this.placesLeft++
    this.used = new Uint8Array(count)
    this.seen = new Int32Array(places)
    this.stack = new Int32Array(places)
  }

  /** The number of place `p` (numbered as first met). */
  place(p: string): number {
    let n = this.ids.get(p)
    if (n === undefined) this.ids.set(p, (n = this.ids.size))
    return n
  }

  isUsed(i: number): boolean {
    return this.used[i] === 1
  }

  /** Row `i` taken (`1`) or given back (`-1`). */
  take(i: number, sign: 1 | -1): void {
    this.used[i] = sign === 1 ? 1 : 0
    for (const p of [this.from[i]!, this.to[i]!]) {
      const before = this.degree[p]!
      this.degree[p] = before - sign
      if (before > 0 && this.degree[p] === 0) this.placesLeft--
      else if (before === 0 && this.degree[p]! > 0) this.placesLeft++
    }
  }

  /** Whether every place with rows left is reached from place `p` over the rows left, either way. */
  reachesAllFrom(p: number): boolean {
    if (this.placesLeft === 0) return true
    const { seen, stack, first, incident, from, to } = this
    const walk = ++this.walk
    seen[p] = walk
    stack[0] = p
    let top = 1
    let reached = this.degree[p]! > 0 ? 1 : 0
    while (top > 0) {
      const node = stack[--top]!
      for (let k = first[node]!; k < first[node + 1]!; k++) {
        const e = incident[k]!
        if (this.used[e] === 1) continue
        const other = from[e] === node ? to[e]! : from[e]!
        if (seen[other] === walk) continue
        seen[other] = walk
        reached++
        stack[top++] = other
      }
    }
    return reached === this.placesLeft
  }
}

/**
 * The rows of one date as an order consistent with `start` (their indexes), or `undefined` when
 * there is none. Fleury's algorithm: from each place, the first row in the given order after which
 * the rows left still have an order (that is not a bridge cut off). So the given order when it is
 * consistent, and never a dead end.
 */
function dayTrail(edges: readonly Edge[], start: string): number[] | undefined {
  // The given order, when it is one, in one pass: Fleury's bridge tests cost a pass per row.
  let place = start
  if (edges.every(([from, to]) => from === place && ((place = to), true))) return edges.map((_, i) => i)
  const graph = new DayGraph(edges)
  if (trailEnd(edges, start, graph) === undefined) return undefined
  const { from, to, places } = graph
  const count = edges.length
  // Rows left between each two places, either way: while another is left beside the one taken,
  // taking it cuts nothing off (the rows left were all reached before), and no walk is needed.
  const between = new Int32Array(places * places)
  const pair = (i: number): number => Math.min(from[i]!, to[i]!) * places + Math.max(from[i]!, to[i]!)
  for (let i = 0; i < count; i++) between[pair(i)]!++
  const tried = new Int32Array(places).fill(-1)
  const order: number[] = []
  let at = graph.place(start)
  while (order.length < count) {
    let pick: number | undefined
    for (let i = 0; i < count && pick === undefined; i++) {
      if (graph.isUsed(i) || from[i] !== at || tried[to[i]!] === order.length) continue
      tried[to[i]!] = order.length
      graph.take(i, 1)
      between[pair(i)]!--
      if (between[pair(i)]! > 0 || graph.reachesAllFrom(to[i]!)) pick = i
      else {
        graph.take(i, -1)
        between[pair(i)]!++
      }
    }
    if (pick === undefined) return undefined
    order.push(pick)
    at = to[pick]!
  }
  return order
}

/**
 * Where a log with a free start (a move log's first date) begins: the place its rows leave once
 * more than they enter; when they enter and leave each place equally often (a round trip), the one
 * from which most later dates also fit, ties to outside (a trip that begins by arriving, as a log
 * written day by day does; read from a country, the log would leave the traveller inside), then to
 * the first row's `from`, then the next rows'.
 * `undefined` when no start fits.
 * @param later the edges of the date `k` dates after, `undefined` past the last (or a date not ordered).
 */
function freeStart(edges: readonly Edge[], later: (k: number) => Edge[] | undefined): string | undefined {
  const froms = new Set(edges.map(([from]) => from))
  const candidates = [...(froms.has(OUTSIDE) ? [OUTSIDE] : []), ...froms].filter((node, i, all) => all.indexOf(node) === i && trailEnd(edges, node) !== undefined)
  if (candidates.length <= 1) return candidates[0]
  // A round trip: it ends where it begins, and the next dates begin there.
  const fits = (node: string): number => {
    let k = 0
    for (let next = later(k); next !== undefined && k < LOOKAHEAD_DATES; next = later(++k)) {
      const end = trailEnd(next, node)
      if (end === undefined) return k
      // A date that does not end where it begins ends in the same place from every start that fits.
      if (end !== node) return LOOKAHEAD_DATES
    }
    return LOOKAHEAD_DATES
  }
  let best = candidates[0]!
  let bestFits = fits(best)
  for (const node of candidates.slice(1)) {
    const n = fits(node)
    if (n > bestFits) {
      best = node
      bestFits = n
    }
  }
  return best
}

/**
 * One log's crossings (the rows of one file, or the merged rows of several: `mergeCrossings`), in
 * date order, into stays. The log is named by its first row's file. Problems come in the order the
 * rows were given (file, then line).
 */
export function walkCountryCrossings(rows: readonly CountryCrossing[]): CountryLog {
  const log = rows[0]?.source.file ?? ''
  const stays: CountryStay[] = []
  const found: InputProblem[] = []
  const report = (source: SourceRef, text: ProblemText) => found.push({ source, ...text })
  let inside: Inside | undefined
  /** The exit just before, if the next row may continue from it (same date, no crossing in between). */
  let lastExit: { readonly day: CalendarDay; readonly produced: boolean } | undefined
  let lastLeft: { readonly country: string; readonly day: CalendarDay; readonly source: SourceRef } | undefined
  const rowsInOrder = byDayConsistent(
    rows,
    () => inside?.country ?? OUTSIDE,
    (row): Edge => (row.direction === 'entry' ? [OUTSIDE, row.country] : [row.country, OUTSIDE]),
  )
  for (const row of rowsInOrder) {
    const day = isoOf(row.day)
    if (row.direction === 'entry') {
      if (inside !== undefined) {
        const since = { date: isoOf(inside.entry), at: crossingAt(inside.source, row.source) }
        report(
          row.source,
          inside.country === row.country
            ? zoneProblems.entryTwice(name(row.country), since, day)
            : zoneProblems.entryWhileInside(name(row.country), name(inside.country), since, day),
        )
      }
      // Out of one country and into another on one date is a move; out and back into the same
      // country is an exit and a re-entry (a border run: per-visit rules restart).
      const direct = lastExit !== undefined && lastExit.produced && lastExit.day === row.day && lastLeft?.country !== row.country
      inside = { country: row.country, entry: row.day, source: row.source, direct, tainted: inside !== undefined }
      lastExit = undefined
      continue
    }
    let produced = false
    if (inside === undefined) {
      const since = lastLeft === undefined ? null : { country: name(lastLeft.country), date: isoOf(lastLeft.day), at: crossingAt(lastLeft.source, row.source) }
      report(row.source, zoneProblems.exitNotEntered(name(row.country), day, since === null ? { first: true } : { outsideSince: since }))
    } else if (inside.country !== row.country) {
      const since = { country: name(inside.country), date: isoOf(inside.entry), at: crossingAt(inside.source, row.source) }
      report(row.source, zoneProblems.exitNotEntered(name(row.country), day, { insideSince: since }))
    } else if (!inside.tainted) {
      stays.push(countryStay(inside, row.day, row.source, log, stays.length))
      produced = true
    }
    inside = undefined
    lastExit = { day: row.day, produced }
    lastLeft = { country: row.country, day: row.day, source: row.source }
  }
  if (inside !== undefined && !inside.tainted) stays.push(countryStay(inside, null, undefined, log, stays.length))
  return { stays, problems: inGivenOrder(found, rows) }
}

function countryStay(inside: Inside, exit: CalendarDay | null, exitSource: SourceRef | undefined, log: string, seq: number): CountryStay {
  return {
    country: inside.country,
    entry: inside.entry,
    exit,
    source: inside.source,
    ...(exitSource === undefined ? {} : { exitSource }),
    log,
    seq,
    direct: inside.direct && seq > 0,
  }
}

// ---------------------------------------------------------------------------------------------
// date,from,to

/** A row of a `date,from,to` log: a move between countries (alpha-2; `null`: outside, or home). */
export interface CountryMove {
  readonly day: CalendarDay
  readonly from: string | null
  readonly to: string | null
  readonly source: SourceRef
}

/** A move as `mergeCrossings` names it: `move from FR (France) to DE (Germany)`, a blank side `outside`. */
export const describeMove = (move: CountryMove): string => `move from ${move.from === null ? 'outside' : name(move.from)} to ${move.to === null ? 'outside' : name(move.to)}`

function moveRow(dateText: string, fromText: string, toText: string, source: SourceRef, options: CountryLogOptions): RowResult<CountryMove> {
  const date = parseDate(dateText, 'move date', options.dateFormat)
  const found: InputProblem[] = []
  const side = (text: string, what: string): string | null => {
    if (text.trim() === '') return null
    const cell = countryCell(text, source, what)
    if ('problem' in cell) {
      found.push(cell.problem)
      return null
    }
    return cell.code
  }
  const from = side(fromText, 'from country')
  const to = side(toText, 'to country')
  if (!date.ok) found.push(dateProblem(date, source))
  if (found.length === 0 && from === null && to === null) found.push({ source, ...zoneProblems.moveEmpty() })
  if (found.length === 0 && from !== null && from === to) found.push({ source, ...zoneProblems.moveSame(name(from)) })
  if (!date.ok || found.length > 0) return { problems: found }
  return { row: { day: date.day, from, to, source } }
}

/**
 * One log's moves (the rows of one file, or the merged rows of several: `mergeCrossings`), in date
 * order, into stays. The first row may leave a country the log has not entered: the log starts
 * there (its travel day is the only day of it known). After that, each `from` must be where the
 * log has the traveller. The log is named by its first row's file. Problems come in the order the
 * rows were given (file, then line).
 */
export function walkCountryMoves(rows: readonly CountryMove[]): CountryLog {
  const log = rows[0]?.source.file ?? ''
  const stays: CountryStay[] = []
  const found: InputProblem[] = []
  let inside: Inside | undefined
  /** Where the traveller went outside (a blank `to`), for messages. */
  let outsideSince: { readonly country: string; readonly day: CalendarDay; readonly source: SourceRef } | undefined
  let first = true
  const rowsInOrder = byDayConsistent(
    rows,
    () => (first ? undefined : (inside?.country ?? OUTSIDE)),
    (row): Edge => [row.from ?? OUTSIDE, row.to ?? OUTSIDE],
  )
  for (const row of rowsInOrder) {
    const day = isoOf(row.day)
    if (first && row.from !== null) inside = { country: row.from, entry: row.day, source: row.source, direct: false, tainted: false }
    const where = inside?.country ?? null
    let tainted = false
    if (!first && row.from !== where) {
      tainted = true
      if (inside !== undefined && row.from === null) {
        const since = { date: isoOf(inside.entry), at: crossingAt(inside.source, row.source) }
        found.push({ source: row.source, ...zoneProblems.arrivalWhileInside(name(row.to ?? ''), name(inside.country), since, day) })
      } else if (row.from !== null) {
        const state =
          inside !== undefined
            ? { insideSince: { country: name(inside.country), date: isoOf(inside.entry), at: crossingAt(inside.source, row.source) } }
            : outsideSince !== undefined
              ? { outsideSince: { country: name(outsideSince.country), date: isoOf(outsideSince.day), at: crossingAt(outsideSince.source, row.source) } }
              : { first: true as const }
        found.push({ source: row.source, ...zoneProblems.exitNotEntered(name(row.from), day, state) })
      }
    }
    const leftStay = inside !== undefined && !inside.tainted && !tainted
    if (leftStay) stays.push(countryStay(inside as Inside, row.day, row.source, log, stays.length))
    if (inside !== undefined) outsideSince = { country: inside.country, day: row.day, source: row.source }
    inside = row.to === null ? undefined : { country: row.to, entry: row.day, source: row.source, direct: leftStay, tainted }
    first = false
  }
  if (inside !== undefined && !inside.tainted) stays.push(countryStay(inside, null, undefined, log, stays.length))
  return { stays, problems: inGivenOrder(found, rows) }
}

// ---------------------------------------------------------------------------------------------
// entry,exit,country

interface StayRow {
  readonly entry: CalendarDay
  readonly exit: CalendarDay | null
  readonly country: string
  readonly source: SourceRef
}

/** As `parse/csv.ts` `stayFromDates` (empty exit: still inside), plus the country cell. */
function stayRow(entryText: string, exitText: string, countryText: string, source: SourceRef, options: CountryLogOptions): RowResult<StayRow> {
  const entry = parseDate(entryText, 'entry date', options.dateFormat)
  const exit = exitText.trim() === '' ? null : parseDate(exitText, 'exit date', options.dateFormat)
  const country = countryCell(countryText, source, 'country')
  const found: InputProblem[] = []
  if ('problem' in country) found.push(country.problem)
  if (!entry.ok) found.push(dateProblem(entry, source))
  if (exit !== null && !exit.ok) found.push(dateProblem(exit, source))
  if (!entry.ok || (exit !== null && !exit.ok) || 'problem' in country) return { problems: found }
  const exitDay = exit === null ? null : exit.day
  if (exitDay !== null && exitDay < entry.day) return { problems: [{ source, ...problems.exitBeforeEntry(isoOf(exitDay), isoOf(entry.day)) }] }
  return { row: { entry: entry.day, exit: exitDay, country: country.code, source } }
}

/**
 * Stays as given, in date order. A stay in another country that begins on the day the one before
 * it ends is taken as a direct move (FR to 2024-01-20, DE from 2024-01-20): the stays form cannot
 * say otherwise.
 * Overlaps are left to `parse/stays.ts` (warnings).
 */
function stayList(rows: readonly StayRow[], log: string): CountryLog {
  const end = (r: StayRow): number => r.exit ?? Number.POSITIVE_INFINITY
  const sorted = [...rows].sort((a, b) => a.entry - b.entry || end(a) - end(b))
  const stays = sorted.map((r, seq): CountryStay => {
    const before = sorted[seq - 1]
    const direct = before !== undefined && before.exit === r.entry && before.country !== r.country
    return { country: r.country, entry: r.entry, exit: r.exit, source: r.source, log, seq, direct }
  })
  return { stays, problems: [] }
}

/**
 * A traveller's country stays from every input as one log, in date order: each file (or walked
 * log) made its own, and a stay in `v2.csv` beginning on the day one in `v1.csv` ends, in another
 * country, is a direct move all the same (README: all inputs are one list of stays; QA: a side
 * trip's files apart cut the US visit in two and hid its overstay). Within one log, what its walk
 * said of each move stands (a move log's `A→` then `→B` is via outside); across logs, a stay that
 * begins the day the one before ends, in another country, is a direct move, as in a stays file.
 * A stay recorded twice (a file given twice; checkStays warns of it) is kept once: its copy would
 * stand between a side trip and the stays around it (QA: the US overstay was hidden again). Not
 * within one walked log: two one-day stays in FR there are two visits (out of FR and back in).
 */
export function oneLog(stays: readonly CountryStay[]): CountryStay[] {
  const logs = [...new Set(stays.map((s) => s.log))]
  const rank = new Map(logs.map((name, i) => [name, i]))
  // Logs walked from crossings or moves: their stays name the row they end at.
  const walked = new Set(stays.filter((s) => s.exitSource !== undefined).map((s) => s.log))
  const end = (s: CountryStay): number => s.exit ?? Number.POSITIVE_INFINITY
  // Within a log, date order is its own order (its stays do not overlap): the ties keep it.
  const sorted = [...stays]
    .sort((a, b) => a.entry - b.entry || end(a) - end(b) || rank.get(a.log)! - rank.get(b.log)! || a.seq - b.seq)
    .filter((s, i, all) => {
      const before = all[i - 1]
      const same = before !== undefined && before.entry === s.entry && before.exit === s.exit && before.country === s.country
      return !same || (before.log === s.log && walked.has(s.log))
    })
  const log = logs[0] ?? ''
  return sorted.map((s, seq): CountryStay => {
    const before = sorted[seq - 1]
    if (before === undefined) return { ...s, log, seq, direct: false }
    const walked = before.log === s.log && before.seq === s.seq - 1
    return { ...s, log, seq, direct: walked ? s.direct : before.exit === s.entry && before.country !== s.country }
  })
}

