/**
 * Batch input: every file (or standard input) streamed row by row into a RowStore, each row's
 * traveller from the traveller column, or the file itself when it has none. Rows need not be
 * sorted or grouped. Dates in `YYYY-MM-DD` take the fast path (parse/iso-day.ts); any other row
 * goes through the parsers of single-traveller mode, so every message is theirs, word for word.
 * A bad row becomes a problem of its traveller; a problem no traveller can be told for (a bad
 * header, an unreadable file) belongs to the traveller named by the file. A header that cannot be
 * used stops more than that traveller: each traveller its rows name is told so (their rows there
 * are not read), and without a traveller column to tell (the `--group-by` column missing) every
 * traveller of the batch is.
 */
import { problems as messages, batchProblems, InternalError, type InputProblem, type ProblemText, UsageError } from '../errors.js'
import { readSource, STDIN_NAME } from '../input.js'
import type { Io } from '../io.js'
import { isDataColumnName, normaliseName, recogniseColumns } from '../parse/columns.js'
import { crossingFromRow, stayFromDates, type ParseOptions } from '../parse/csv.js'
import { directionOf } from '../parse/crossings.js'
import { isoDay } from '../parse/iso-day.js'
import { isSkippable, physicalLines, readTable } from '../parse/records.js'
import { streamCsv, type RowSink } from '../parse/stream.js'
import { travellerColumn, travellerColumnsLoose } from '../parse/traveller.js'
import { Interner } from './interner.js'
import { KeptStdin } from './kept-stdin.js'
import { maybeTheirs, quoteReadings, type MaybeTheirs } from './maybe-theirs.js'
import { PREFETCH_MAX_BYTES, smallFile } from './prefetch.js'
import { readAhead } from '../read-ahead.js'
import type { Sharding } from './parallel.js'
import type { ShardRows } from './shard.js'
import { BadRows, badRowCells, type BadRowCells } from './bad-rows.js'
import { BAD_ROW, ENTRY, EXIT, NAME_ONLY, NO_UNTIL, OPEN_EXIT, RowStore } from './store.js'

export interface ReadSettings {
  readonly dateFormat?: string
  readonly groupBy?: string
  /** Standard input already read whole (while deciding on batch mode), if it was. */
  readonly stdinText?: string
}

/** `unread`: no row of the file was read (no header, one that cannot be used, or no file at all). */
export type FileForm = 'stays' | 'crossings' | 'unread'

export interface FileInfo {
  /** As in messages: the path given, or `<stdin>`. */
  readonly name: string
  form: FileForm
}

/**
 * A file with rows whose header has no traveller column that can be used, or a file that could not
 * be read at all (`line` undefined: not text, UTF-16, missing): anyone may have rows there.
 */
interface BlindFile {
  readonly file: number
  readonly line?: number
  readonly why?: string
}

export interface FileProblem {
  readonly file: number
  readonly problem: InputProblem
}

/** A character beyond ASCII (a code point, so an emoji is one). */
/** The problem of a `#` line read as a row (errors.ts `csvHashRow`): it may be a commented-out row (./maybe-theirs.ts). */
const HASH_ROW = 'E_CSV_HASH_ROW'
const BEYOND_ASCII = /[\u0080-\u{10ffff}]/u
const BEYOND_ASCII_RUNS = /[\u0080-\u{10ffff}]+/gu

/** A name as bytes that are not UTF-8 may read: each run of characters beyond ASCII (U+FFFD included) one U+FFFD. */
/** Problems placed at a row that names the traveller. */
const NAMING = new Set(['E_TRAVELLER_ENCODING', 'E_ROWS_UNREAD'])

const lookalikeKey = (name: string): string => name.normalize('NFC').replace(BEYOND_ASCII_RUNS, '\uFFFD')
/** A name as the batch merges it (`mergeCanonicalNames`): spaces around it dropped, its letters in NFC. */
const canonicalName = (name: string): string => name.trim().normalize('NFC')

/**
 * A traveller cell's name, or '' for none: a quoted cell of only spaces (`" "`) names nobody, as an
 * empty cell does (csv-parse trims only unquoted cells; QA: `" "` and `"  "` were two travellers
 * nobody could tell apart). The first character decides cheaply for nearly every name.
 */
function nameIn(cell: string | undefined): string {
  if (cell === undefined) return ''
  const c = cell.charCodeAt(0)
  return (c <= 0x20 || c === 0xa0 || c >= 0x1680) && cell.trim() === '' ? '' : cell
}

/** Rows whose travellers are looked up together (BatchInput `deferTraveller`). */
const PENDING_ROWS = 1024

/** Everything kept of the input, for `evaluateTraveller`. */
export class BatchInput {
  private readonly interner: Interner | undefined
  /** Traveller names by id, in order of first sight. */
  readonly names: readonly string[]
  readonly store: RowStore
  readonly files: FileInfo[] = []
  /** Problems by traveller id. */
  readonly problems = new Map<number, FileProblem[]>()
  /** Travellers that are a file of their own (no traveller column): answered even with no rows. */
  readonly wholeFiles = new Set<number>()
  /** The traveller of each file path (`fileTraveller`), apart from the names cells give. */
  private readonly fileIds = new Map<string, number>()
  /** Travellers named by a file, for its problems or as a file of their own (`fileTraveller`). */
  private readonly fileNamed = new Set<number>()
  private readonly blind: BlindFile[] = []
  /** Names checked for U+FFFD so far (ids below this), and the ids of those that have it. */
  private scanned = 0
  private readonly notUtf8 = new Set<number>()
  /** Rows whose traveller is yet to be looked up (`deferTraveller`), and the names. */
  private readonly pendingRows = new Int32Array(PENDING_ROWS)
  private readonly pendingNames: string[] = []
  private pending = 0

  /** Bad rows that may be another traveller's than their cell names (./maybe-theirs.ts), told to them once all is read (`markMaybeTheirs`). */
  private readonly maybe: { readonly file: number; readonly line: number; readonly named: string; readonly theirs: MaybeTheirs }[] = []

  /** Files with rows that could not be read (`addBadRow`): such a file is not read by ranges (src/batch/shard.ts). */
  readonly badFiles = new Set<number>()

  /**
   * @param names for a worker's share of travellers, evaluated only: their names by id, with no
   *   lookup by name (so no table to build); otherwise names are met as rows are read.
   * @param store that share's rows
   * @param parseOptions how dates are read (`--date-format`), for the rows and, later, the bad rows' problems
   * @param badRows that share's bad rows (`addBadRow`)
   */
  constructor(
    names?: readonly string[],
    store = new RowStore(),
    readonly parseOptions: ParseOptions = {},
    readonly badRows: BadRowCells = new BadRows(),
  ) {
    this.interner = names === undefined ? new Interner() : undefined
    this.names = names ?? this.interner!.names
    this.store = store
  }

  /**
   * A row of `file` that the parsers refused: kept as its cells (./bad-rows.ts), its problems
   * worked out again when its traveller is evaluated (`badRowProblems`), not kept as messages.
   */
  addBadRow(traveller: number, file: number, line: number, first: string, second: string, until: string): void {
    if (!(this.badRows instanceof BadRows)) throw new InternalError('a batch input made for evaluation only was given a row')
    this.pushBadRow(traveller, file, line, this.badRows.push(first, second, until))
  }

  private pushBadRow(traveller: number, file: number, line: number, k: number): void {
    this.store.push(traveller, BAD_ROW, k, line, file)
    this.badFiles.add(file)
  }

  /** Bad row `line` of `file`, whose traveller cell names `named`, may be `theirs.name`'s (./maybe-theirs.ts). */
  addMaybeTheirs(file: number, line: number, named: string, theirs: MaybeTheirs): void {
    this.maybe.push({ file, line, named, theirs })
  }

  /**
   * Each traveller a bad row may belong to (`addMaybeTheirs`) is told, if the batch has them:
   * their answer could be missing that row. Before names are merged (`mergeCanonicalNames`), as
   * rows are; a name no row gives is nobody (no traveller made up for it).
   */
  markMaybeTheirs(): void {
    if (this.maybe.length === 0) return
    this.settle()
    // Names as the batch merges them (`mergeCanonicalNames`, `trimNames`): `Müller` with ü as one
    // character or as u and a combining mark, `" ann "` quoted with spaces (QA).
    let canonical: Map<string, number> | undefined
    const idOf = (name: string): number | undefined => {
      const found = this.interner?.find(name)
      if (found !== undefined) return found
      // The first of a spelling (the one merged into), file travellers apart: nobody's rows name them.
      canonical ??= new Map(this.names.flatMap((n, id) => (this.fileNamed.has(id) ? [] : [[canonicalName(n), id] as const])).reverse())
      return canonical.get(canonicalName(name))
    }
    for (const { file, line, named, theirs } of this.maybe) {
      const id = idOf(theirs.name)
      // The row's own traveller, once names are merged: told already, by the row's problem.
      if (id === undefined || canonicalName(this.names[id]!) === canonicalName(named)) continue
      const name = this.files[file]!.name
      this.addRowProblem(id, file, line, { source: { file: name, line }, ...batchProblems.rowMaybeTheirs(name, line, named, theirs.how) })
    }
    this.maybe.length = 0
  }

  /** The bad rows as a worker thread is given them (BadRows `cells`). */
  sharedBadRows(): BadRowCells {
    return this.badRows instanceof BadRows ? this.badRows.cells() : this.badRows
  }

  /**
   * `problem` of row `line` of `file`, traveller's: kept as text once for every row that has it
   * (`addBadRow`'s reason: a million rows with one field too many) when its source is just that row.
   */
  addRowProblem(traveller: number, file: number, line: number, problem: InputProblem): void {
    const { source, ...text } = problem
    const plain = source.file === this.files[file]!.name && source.line === line && Object.keys(source).length === 2
    if (!plain || !(this.badRows instanceof BadRows)) return this.addProblem(traveller, file, problem)
    this.pushBadRow(traveller, file, line, this.badRows.pushText(text))
  }

  /** Whether bad row `row` (a store index) was kept as its problem's text (`addRowProblem`), not its cells. */
  isTextRow(row: number): boolean {
    return this.badRows.text[this.store.second[row]!]! >= 0
  }

  /** The problems of bad row `row` (a store index), as when it was read (`addBadRow`, `addRowProblem`). */
  badRowProblems(row: number): InputProblem[] {
    const { store } = this
    const info = this.files[store.file[row]!]!
    const k = store.second[row]!
    const line = store.line[row]!
    const text = this.badRows.text[k]!
    if (text >= 0) return [{ source: { file: info.name, line }, ...this.badRows.texts[text]! }]
    const [first, second, until] = badRowCells(this.badRows, k)
    const result = parseRow(info, first, second, until, line, this.parseOptions)
    if (!('problems' in result)) throw new InternalError(`${info.name} line ${line}: a row refused when read was read when evaluated`)
    return result.problems
  }

  idOf(name: string): number {
    this.settle()
    return this.lookups().id(name)
  }

  /**
   * The traveller named by file `file` (its path): the file's own rows when it has no traveller
   * column, and its problems. Not the traveller a cell spelling that path names: a file is a
   * traveller of its own (QA: `ana.csv` took the rows of a traveller called "ana.csv" in `t.csv`).
   * The same path given twice is one traveller.
   */
  fileTraveller(file: number): number {
    const name = this.files[file]!.name
    let id = this.fileIds.get(name)
    if (id === undefined) {
      this.settle()
      id = this.lookups().fresh(name)
      this.fileIds.set(name, id)
      this.fileNamed.add(id)
    }
    return id
  }

  /** The ids `fileTraveller` gave (a range read on its own thread sends them with its rows). */
  fileNamedIds(): number[] {
    return [...this.fileNamed]
  }

  /**
   * Traveller `id` was named by a cell of row `line` of `file`: a name with U+FFFD (bytes that are
   * not UTF-8; Latin-1 `Müller` and `Möller` both read `M\uFFFDller`) may stand for several
   * people, so each such row is a problem of that traveller and no answer is given for the name.
   */
  checkCell(id: number, file: number, line: number): void {
    if (id >= this.scanned) this.scanNames()
    if (this.notUtf8.size === 0 || !this.notUtf8.has(id)) return
    this.addProblem(id, file, { source: { file: this.files[file]!.name, line }, ...batchProblems.travellerNotUtf8(this.names[id]!) })
  }

  /** Notes the names met since the last scan that hold U+FFFD (`notUtf8`). */
  private scanNames(): void {
    const { names } = this
    for (; this.scanned < names.length; this.scanned++) if (names[this.scanned]!.includes('\uFFFD')) this.notUtf8.add(this.scanned)
  }

  /**
   * Once every file is read: names that are one text in Unicode's eyes (NFC: `Müller` typed as one
   * character, or as `u` and a combining diaeresis, as macOS writes it), or that differ only in
   * spaces around them (a quoted `"ann "`: csv-parse trims only unquoted cells), are one traveller,
   * under the spelling met first (without spaces around it: `trimNames`). Exports from two systems would otherwise split a person in two,
   * each half under the limit. Only names from traveller cells, beyond ASCII or with such spaces,
   * are looked at; rows keep their order.
   */
  mergeCanonicalNames(): void {
    this.settle()
    this.scanNames()
    const { names } = this
    const first = new Map<string, number>()
    let remap: Int32Array | undefined
    for (let id = 0; id < names.length; id++) {
      const name = names[id]!
      // A traveller named by a file is its path, which is that file's alone (QA: `ann.csv ` is another file).
      if (this.fileNamed.has(id)) continue
      let plain = name.charCodeAt(0) > 0x20 && name.charCodeAt(name.length - 1) > 0x20
      for (let i = 0; i < name.length && plain; i++) plain = name.charCodeAt(i) < 0x80
      if (plain) continue
      const key = canonicalName(name)
      // Only spaces: never met, as such a cell names nobody (`nameIn`); nothing to join if it were.
      if (key === '') continue
      // The name written plainly may be met before or after: the earliest of them leads.
      const found = this.interner?.find(key)
      const written = found === undefined || this.fileNamed.has(found) ? undefined : found
      const earlier = first.get(key)
      const leader = Math.min(id, earlier ?? id, written ?? id)
      first.set(key, leader)
      if (leader === id && (written === undefined || written === id)) continue
      remap ??= Int32Array.from({ length: names.length }, (_, k) => k)
      remap[id] = leader
      if (written !== undefined) remap[written] = leader
    }
    this.trimNames()
    if (remap === undefined) return
    const { traveller, length } = this.store
    for (let i = 0; i < length; i++) traveller[i] = remap[traveller[i]!]!
    for (const [id, list] of [...this.problems]) {
      const to = remap[id]!
      if (to === id) continue
      this.problems.delete(id)
      for (const p of list) this.addProblem(to, p.file, p.problem)
    }
    // Travellers named by files (wholeFiles among them) are never joined: only these ids move.
    for (const id of [...this.notUtf8]) {
      if (remap[id] === id) continue
      this.notUtf8.delete(id)
      this.notUtf8.add(remap[id]!)
    }
  }

  /**
   * A name is shown without spaces around it (a quoted `"  bob"`), as it is matched: padded, it
   * would stand in a JSON key or CSV cell as another name, and push its heading on stderr to the
   * indent of the previous traveller's problems (QA). Run once no name is looked up any more.
   * Not the travellers named by files: a path is that file's alone, spaces and all; nor a name
   * that would then read as one of those paths (a cell `"x.csv "` beside the file `x.csv`).
   */
  private trimNames(): void {
    const names = this.names as string[]
    for (let id = 0; id < names.length; id++) {
      const name = names[id]!
      const [first, last] = [name.charCodeAt(0), name.charCodeAt(name.length - 1)]
      // Printable ASCII at both ends: nothing to trim (nearly every name, cheaply).
      if ((first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) || this.fileNamed.has(id)) continue
      const trimmed = name.trim()
      if (trimmed !== '' && !this.fileIds.has(trimmed)) names[id] = trimmed
    }
  }

  /** `file` has rows and no traveller column that can be used (see `markBlind`). */
  addBlind(file: number, line: number, why: string): void {
    this.blind.push({ file, line, why })
  }

  /**
   * `file` could not be read at all (not text, UTF-16, missing): whose rows it holds nobody can
   * tell, so every traveller of the batch is told, as for a header that cannot be used (QA: a
   * traveller whose exit was in a UTF-16 export was answered "over by 62 days").
   */
  addUnread(file: number): void {
    this.blind.push({ file })
  }

  /**
   * Once every file is read: for each file with rows but no traveller column that can be used,
   * every traveller of the batch is told their rows may be there (any of them may have some). Not
   * the travellers named by files: each has a problem of its own file already.
   */
  markBlind(): void {
    if (this.blind.length === 0) return
    this.settle()
    const met = new Uint8Array(this.names.length)
    const { traveller } = this.store
    for (let i = 0; i < this.store.length; i++) met[traveller[i]!] = 1
    for (const id of this.problems.keys()) met[id] = 1
    for (const { file, line, why } of this.blind) {
      const name = this.files[file]!.name
      const problem =
        line === undefined || why === undefined
          ? { source: { file: name }, ...batchProblems.rowsInUnreadFile(name) }
          : { source: { file: name, line }, ...batchProblems.rowsAnywhere(name, line, why) }
      for (let id = 0; id < met.length; id++) if (met[id] === 1 && !this.fileNamed.has(id)) this.addProblem(id, file, problem)
    }
  }

  /**
   * Once every file is read: a name with U+FFFD may stand for other travellers too (`M\uFFFDller`
   * for `Müller`, whose other rows are in a UTF-8 file), whose answer would then miss its rows. Each
   * traveller whose name it could be is told so, at the first row naming it, whether that row was
   * read or its file could not be (a header that cannot be used, a quote never closed). A file that
   * is not UTF-8 is nearly always Latin-1 or Windows-1252: one byte per character, and a run of
   * such bytes reads as one or more U+FFFD (two can make one: é then a no-break space). So names are
   * compared with each run of characters beyond ASCII, or of U+FFFD, as one U+FFFD, after NFC (a
   * macOS name may spell ë as e and a combining mark). One pass over the names, however many.
   */
  markLookalikes(): void {
    this.settle()
    this.scanNames()
    const unreadable = new Map<string, { name: string; at: FileProblem }>()
    for (const id of this.notUtf8) {
      const name = this.names[id]!
      // The row that names it (read, or in a file that could not be read), else any row of its file.
      const problems = this.problems.get(id) ?? []
      const at = problems.find((p) => NAMING.has(p.problem.code) && p.problem.source.line !== undefined) ?? problems.find((p) => p.problem.source.line !== undefined)
      const key = lookalikeKey(name)
      if (at !== undefined && !unreadable.has(key)) unreadable.set(key, { name, at })
    }
    if (unreadable.size === 0) return
    this.names.forEach((name, other) => {
      if (this.notUtf8.has(other) || this.fileNamed.has(other) || !BEYOND_ASCII.test(name)) return
      const found = unreadable.get(lookalikeKey(name))
      if (found !== undefined) this.addProblem(other, found.at.file, { source: found.at.problem.source, ...batchProblems.travellerLookalike(found.name) })
    })
  }

  /**
   * Row `row`'s traveller is `name`: looked up with others a batch at a time (`settle`), still in
   * order, so ids stay in order of first sight. Each lookup lands where no recent one did, and
   * between two rows csv-parse runs through enough memory to push the table out of the cache: in
   * one tight loop the misses overlap (measured: about half the time of a lookup per row).
   */
  deferTraveller(row: number, name: string): void {
    const k = this.pending++
    this.pendingRows[k] = row
    this.pendingNames[k] = name
    if (this.pending === PENDING_ROWS) this.settle()
  }

  /** Looks up the travellers of the rows deferred so far; the rows' travellers are final once it returns. */
  settle(): void {
    const n = this.pending
    if (n === 0) return
    this.pending = 0
    const interner = this.lookups()
    const { traveller, file, line } = this.store
    const { pendingRows, pendingNames } = this
    for (let k = 0; k < n; k++) {
      const row = pendingRows[k]!
      const id = interner.id(pendingNames[k]!)
      traveller[row] = id
      this.checkCell(id, file[row]!, line[row]!)
    }
  }

  private lookups(): Interner {
    if (this.interner === undefined) throw new InternalError('a batch input made for evaluation only was looked up by name')
    return this.interner
  }

  addProblem(traveller: number, file: number, problem: InputProblem): void {
    const list = this.problems.get(traveller)
    if (list === undefined) this.problems.set(traveller, [{ file, problem }])
    else list.push({ file, problem })
  }

  /** Adds the rows of a range of `file` read on its own (src/batch/shard.ts), its lines moved by `lineOffset`. */
  appendRows(rows: ShardRows, file: number, lineOffset: number): void {
    const byFile = new Set(rows.fileNamed)
    this.store.append(rows, Int32Array.from(rows.names, (name, k) => (byFile.has(k) ? this.fileTraveller(file) : this.idOf(name))), file, lineOffset)
  }

  /** Forget what was read of `file` from row `mark` on, to read it again. */
  rollback(file: number, mark: number): void {
    this.settle()
    // The cells of bad rows from `mark` on stay behind, unused: the file is read again whole anyway.
    this.store.truncate(mark)
    this.badFiles.delete(file)
    for (let k = this.blind.length - 1; k >= 0; k--) if (this.blind[k]!.file === file) this.blind.splice(k, 1)
    for (let k = this.maybe.length - 1; k >= 0; k--) if (this.maybe[k]!.file === file) this.maybe.splice(k, 1)
    for (const [id, list] of this.problems) {
      const kept = list.filter((p) => p.file !== file)
      if (kept.length === 0) this.problems.delete(id)
      else this.problems.set(id, kept)
    }
  }
}

/**
 * Reads every input into one BatchInput; `onBytes` hears of the bytes read (progress). With
 * `sharding` (src/batch/parallel.ts), a big file may be read by byte ranges on several threads.
 */
export async function readBatch(
  paths: readonly string[],
  settings: ReadSettings,
  io: Io,
  onBytes?: (bytes: number) => void,
  sharding?: Sharding,
): Promise<BatchInput> {
  // Rows read for several threads are kept where every thread can read them.
  const input = new BatchInput(undefined, new RowStore(sharding !== undefined), parseOptionsOf(settings), new BadRows(sharding !== undefined))
  // Small files read ahead while earlier ones are parsed (a folder of itineraries).
  const most = Math.min(PREFETCH_MAX_BYTES, (sharding?.sharesFrom ?? Number.POSITIVE_INFINITY) - 1)
  const files = readAhead(paths, async (path) => ({ path, bytes: paths.length > 1 ? await smallFile(path, io, most) : undefined }))
  for await (const { path, bytes } of files) await readFile(path, input, settings, io, onBytes, sharding, bytes)
  input.settle()
  input.markMaybeTheirs()
  input.mergeCanonicalNames()
  input.markBlind()
  input.markLookalikes()
  return input
}

function chunksOf(path: string, settings: ReadSettings, io: Io): AsyncIterable<Uint8Array | string> | Iterable<string> {
  if (path === '-') {
    if (settings.stdinText !== undefined) return [settings.stdinText]
    return io.stdinStream?.() ?? (async function* () { yield await io.readStdin() })()
  }
  return io.openRead?.(path) ?? (async function* () { yield await io.readFile(path) })()
}

/** Reads one input into `input`; `prefetched`: its bytes, read ahead (./prefetch.ts), for a small file. */
async function readFile(
  path: string,
  input: BatchInput,
  settings: ReadSettings,
  io: Io,
  onBytes?: (bytes: number) => void,
  sharding?: Sharding,
  prefetched?: Uint8Array,
): Promise<void> {
  const name = path === '-' ? STDIN_NAME : path
  const index = input.files.length
  const info: FileInfo = { name, form: 'unread' }
  input.files.push(info)
  // A file small enough to read ahead is too small to share among threads.
  if (prefetched === undefined && sharding !== undefined && path !== '-' && (await sharding(path, name, index, info, input, onBytes))) return
  const mark = input.store.length
  const sink = new FileSink(input, index, info, settings)
  // A pipe or a FIFO (no size: not a regular file) is used up by the stream: it cannot be opened again.
  const pipe = prefetched === undefined && path !== '-' && io.fileSize !== undefined && (await io.fileSize(path)) === undefined
  const chunks = prefetched === undefined ? chunksOf(path, settings, io) : [prefetched]
  // Such an input (standard input not read whole already): kept while streamed, to be read again whole after a malformed row.
  const kept = (path === '-' && settings.stdinText === undefined && prefetched === undefined) || pipe ? new KeptStdin(toAsync(chunks)) : undefined
  let outcome
  try {
    outcome = await streamCsv(kept ?? toAsync(chunks), name, sink, onBytes)
  } catch (error) {
    if (!isErrno(error)) throw error
    const problem: InputProblem = { source: { file: name }, code: 'E_FILE_UNREADABLE', ...messages.fileUnreadable(name, error) }
    input.addProblem(input.fileTraveller(index), index, problem)
    input.addUnread(index)
    return
  }
  // The text to read again after a malformed row, when the input cannot be opened again.
  const keptText = outcome.damaged === undefined ? undefined : kept !== undefined ? await kept.whole() : path === '-' ? settings.stdinText : undefined
  await kept?.close()
  // No header and no reason given: a file of blank and comment lines. (A damaged head, a file that
  // is not UTF-8 text or an unreadable header row, is read again below for readTable's message.)
  if (!outcome.header && outcome.damaged === undefined) {
    input.addProblem(input.fileTraveller(index), index, { source: { file: name }, ...messages.columnsMissing([]) })
    return
  }
  if (outcome.damaged === undefined) {
    sink.finish()
    return
  }
  if ((path !== '-' && !pipe) || keptText !== undefined) {
    // Read again whole, with the splitter that reports each malformed row on its own line
    // (standard input when it was read whole to look for a traveller column; it or a pipe when kept).
    input.rollback(index, mark)
    const source = keptText !== undefined ? { text: keptText, name } : await readSource(path, io)
    if ('code' in source) {
      input.addProblem(input.fileTraveller(index), index, source)
      input.addUnread(index)
    } else {
      const again = new FileSink(input, index, info, settings)
      replay(source.text, again, input, index)
      again.finish()
    }
    return
  }
  sink.finish()
  input.addProblem(input.fileTraveller(index), index, outcome.damaged)
  const line = outcome.damaged.source.line ?? 0
  const damaged = { source: { file: name, line }, ...batchProblems.inputDamaged(line, path === '-' ? undefined : name) }
  for (const id of travellersSince(input, mark)) input.addProblem(id, index, damaged)
}

/**
 * The travellers of the rows read from row `mark` on; not those of rows that could not be read
 * (BAD_ROW), which already stop their traveller's answer with a problem of their own.
 */
function travellersSince(input: BatchInput, mark: number): Set<number> {
  input.settle()
  const seen = new Set<number>()
  const { traveller, first } = input.store
  for (let i = mark; i < input.store.length; i++) if (first[i] !== BAD_ROW) seen.add(traveller[i]!)
  return seen
}

function replay(text: string, sink: FileSink, input: BatchInput, index: number): void {
  const table = readTable(text, sink.info.name)
  const fileId = () => input.fileTraveller(index)
  if (table.header === undefined) {
    const found = table.problems.length > 0 ? table.problems : [{ source: { file: sink.info.name }, ...messages.columnsMissing([]) }]
    for (const p of found) input.addProblem(fileId(), index, p)
    // Not text (UTF-16, a spreadsheet), or no header to be read: its rows may be anyone's. (A file
    // of blank and comment lines holds none.)
    if (table.problems.length > 0) input.addUnread(index)
    return
  }
  if (!sink.header(table.header.fields, table.header.line)) {
    for (const p of table.problems) input.addProblem(fileId(), index, p)
    return
  }
  // A row that cannot be read still names its traveller, most likely: its line split at the
  // delimiter, quotes kept as far as they go (looseCells). The problem stops that traveller's
  // answer, as a bad row does when streamed. Bad lines and rows in line order, as the stream
  // meets them: travellers get their ids in order of first sight.
  const lines = physicalLines(text)
  const bad = table.problems.slice().sort((a, b) => (a.source.line ?? 0) - (b.source.line ?? 0))
  const mark = input.store.length
  const { rows } = table
  // A row read but refused for the rows in its values names its traveller with its own fields: a
  // quoted name over lines (`"Ada` then `L."`) whole, not its first line's part (QA: Ada L. was
  // answered from her other rows, and "Ada" was told instead). Not when the quote left open is in
  // the traveller column (`"ana,2024-01-01,in` then rows): its first line's name is the better guess.
  const ownName = (fields: readonly string[]): boolean => {
    const cell = sink.travellerCell(fields)
    return !(/[\r\n]/.test(cell) && cell.includes(table.delimiter))
  }
  const read = new Map((table.spans ?? []).flatMap((s) => (s.fields === undefined || !ownName(s.fields) ? [] : [[s.line, s.fields] as const])))
  let r = 0
  for (const p of bad) {
    const line = p.source.line ?? 0
    for (; r < rows.length && rows[r]!.line < line; r++) sink.row(rows[r]!.fields, rows[r]!.line)
    const fields = read.get(line)
    if (fields !== undefined) {
      sink.badRow(fields, line, p)
      continue
    }
    const split = line === 0 ? { cells: [], raw: [] } : looseSplit(lines[line - 1] ?? '', table.delimiter)
    sink.badRow(split.cells, line, p, split.raw)
  }
  for (; r < rows.length; r++) sink.row(rows[r]!.fields, rows[r]!.line)
  // A malformed row over several lines (a quote closed on a later line, text after it) swallowed
  // the lines after its first, which may be rows of other travellers: each is told (QA: ben was
  // answered from his other rows alone, and cy, named only there, was left out).
  const width = table.header?.fields.length ?? 0
  for (const { line, lastLine, rowLike } of table.spans ?? []) {
    // Of a quoted value over lines that read as rows, those lines, and its last line if it does too
    // (`cy",2024-01-01,in` is cy's; `end"`, the value's end, is nobody's: QA).
    const rowOf = (s: { cells: string[]; line: number }) => rowLike === undefined || rowLike.includes(s.line) || (s.line === lastLine && s.cells.length === width)
    const swallowed = looseLines(lines, line, lastLine, table.delimiter).filter(rowOf)
    if (sink.unreadLines(swallowed)) continue
    const first = sink.travellerNamed(read.get(line) ?? looseCells(lines[line - 1] ?? '', table.delimiter))
    const told = new Set([first])
    for (const { cells, line: at } of swallowed) {
      const id = sink.travellerNamed(cells.map(withoutStrayQuotes))
      input.checkCell(id, index, at)
      if (told.has(id)) continue
      told.add(id)
      input.addProblem(id, index, { source: { file: sink.info.name, line: at }, ...batchProblems.rowSwallowed(sink.info.name, line, lastLine) })
    }
  }
  const open = table.unclosedAt
  if (open === undefined) return
  const after = looseLines(lines, open, lines.length, table.delimiter)
  // A header that cannot be used: no row of the file is read anyway, and each traveller named is told so.
  if (sink.unreadLines(after)) return
  // Every traveller with rows in the file may have lost some: those read before the open quote,
  // and those the lines after it name (read loosely, as they could not be read as rows). Not the
  // one the line with the open quote names: that problem, on that line, says as much.
  const lost = { source: { file: sink.info.name, line: open }, ...batchProblems.rowsLost(sink.info.name, open) }
  const marked = travellersSince(input, mark)
  for (const { cells, line } of after) {
    const id = sink.travellerNamed(cells.map(withoutStrayQuotes))
    marked.add(id)
    // A name that is not UTF-8 gets its hint at the line naming it, as when its row is read.
    input.checkCell(id, index, line)
  }
  marked.delete(sink.travellerNamed(looseCells(lines[open - 1] ?? '', table.delimiter)))
  for (const id of marked) input.addProblem(id, index, lost)
}

/**
 * A cell of a line a quote swallowed, without the quotes at its ends: the quote that opened or
 * closed the swallowing is no part of a name (QA: `chen"` was told, and chen answered without the row).
 */
function withoutStrayQuotes(cell: string): string {
  return cell.replace(/^"+|"+$/g, '').trim()
}

/** Physical lines `from + 1` … `to` (1-based) that are not blank or comments, each split loosely, with its line number. */
function looseLines(lines: readonly string[], from: number, to: number, delimiter: string): { cells: string[]; line: number }[] {
  return lines.slice(from, to).flatMap((text, i) => (isSkippable(text) ? [] : [{ cells: looseCells(text, delimiter), line: from + 1 + i }]))
}

/**
 * A line that could not be read as a row, split at `delimiter` as far as its quotes allow: a quoted
 * field as CSV reads it (`""` a quote), text after its closing quote kept up to the delimiter, and
 * a quote never closed on the line read as plain text. Cells trimmed.
 * @example looseCells('"Lovelace, Ada",2024-02-0"1,out', ',') //=> ['Lovelace, Ada', '2024-02-0"1', 'out']
 */
export function looseCells(line: string, delimiter: string): string[] {
  return looseSplit(line, delimiter).cells
}

/** `looseCells`, with each cell's text as it stands in the line too (quotes and all, untrimmed). */
function looseSplit(line: string, delimiter: string): { cells: string[]; raw: string[] } {
  const cells: string[] = []
  const raw: string[] = []
  let i = 0
  for (;;) {
    // Spaces before a quote are skipped, but never the delimiter: a tab is one (QA: an empty cell
    // before a quoted one vanished, and the cells after it moved left).
    let open = i
    while (open < line.length && line[open] !== delimiter && (line[open] === ' ' || line[open] === '\t')) open++
    if (open >= line.length || line[open] === delimiter) open = i - 1
    let end: number
    let cell: string
    const closing = open >= i && line[open] === '"' ? closingQuote(line, open + 1) : -1
    if (closing >= 0) {
      end = line.indexOf(delimiter, closing + 1)
      cell = line.slice(open + 1, closing).replaceAll('""', '"') + line.slice(closing + 1, end < 0 ? line.length : end)
    } else {
      const from = open >= i && line[open] === '"' ? open + 1 : i
      end = line.indexOf(delimiter, from)
      cell = line.slice(from, end < 0 ? line.length : end)
    }
    cells.push(cell.trim())
    raw.push(line.slice(i, end < 0 ? line.length : end))
    if (end < 0) return { cells, raw }
    i = end + delimiter.length
  }
}

/** The index of the quote closing a quoted field whose text starts at `from` (`""` is a quote inside), or -1. */
function closingQuote(line: string, from: number): number {
  for (let k = from; k < line.length; k++) {
    if (line[k] !== '"') continue
    if (line[k + 1] === '"') k++
    else return k
  }
  return -1
}

function isErrno(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === 'string' && typeof (error as { syscall?: unknown }).syscall === 'string'
}

async function* toAsync(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of chunks) yield chunk
}

/** Receives one file's rows from the stream reader and keeps them as integers. */
export class FileSink implements RowSink {
  /** The header row, once read. */
  headerFields: readonly string[] | undefined
  private travellerAt = -1
  private travellerName = ''
  /** The traveller of every row when the file has no traveller column; -1 otherwise. */
  private fileTraveller = -1
  private a = 0
  private b = 0
  /** Stays form: the `admit until` column, or -1. */
  private untilAt = -1
  private readonly options: ParseOptions
  private readonly fast: boolean
  private readonly groupBy: string | undefined
  /**
   * The header cannot be used: its line, why, and the columns that may still name the rows'
   * travellers (none: the `--group-by` column is missing). Rows are then only read for those names.
   */
  private unread: { readonly line: number; readonly why: string; readonly columns: readonly number[]; readonly told: Set<number>; rows: boolean } | undefined

  constructor(
    private readonly input: BatchInput,
    private readonly index: number,
    readonly info: FileInfo,
    settings: ReadSettings,
  ) {
    this.options = input.parseOptions
    this.fast = input.parseOptions.dateFormat === undefined
    this.groupBy = settings.groupBy
  }

  header(fields: readonly string[], line: number): boolean {
    this.headerFields = fields
    const { input, index, info } = this
    const fail = (text: ProblemText) => {
      input.addProblem(input.fileTraveller(index), index, { source: { file: info.name, line }, ...text })
      // The rows still name travellers, whose answers would leave these rows out: read on for the names.
      const columns = travellerColumnsLoose(fields, this.groupBy)
      if (columns.length === 0 && this.groupBy === undefined) return false
      this.unread = { line, why: text.message, columns, told: new Set(), rows: false }
      return true
    }
    const recognised = recogniseColumns(fields)
    // A header that cannot be used still has its rows read for the travellers they name: never by
    // a column of dates (`--group-by date` is a usage error either way).
    if ('problem' in recognised && this.groupBy !== undefined && isDataColumnName(this.groupBy)) {
      throw new UsageError(batchProblems.groupByReadAsData(normaliseName(this.groupBy), info.name))
    }
    if ('problem' in recognised) return fail(recognised.problem)
    const who = travellerColumn(fields, this.groupBy)
    if (who !== undefined && 'problem' in who) return fail(who.problem)
    const { columns } = recognised
    const data = columns.form === 'stays' ? [columns.entry, columns.exit, columns.until] : columns.form === 'crossings' ? [columns.date, columns.direction] : [columns.date]
    if (who !== undefined && data.includes(who.index)) throw new UsageError(batchProblems.groupByReadAsData(who.name, info.name))
    // Country logs answer per zone (src/zones/); batch mode does not read them yet.
    if ((columns as { country?: number }).country !== undefined || (columns.form !== 'stays' && columns.form !== 'crossings')) {
      return fail(batchProblems.countriesInBatch())
    }
    if (who === undefined) {
      this.fileTraveller = input.fileTraveller(index)
      input.wholeFiles.add(this.fileTraveller)
    }
    else {
      this.travellerAt = who.index
      this.travellerName = who.name
    }
    if (columns.form === 'stays') {
      info.form = 'stays'
      this.a = columns.entry
      this.b = columns.exit
      this.untilAt = columns.until ?? -1
    } else {
      info.form = 'crossings'
      this.a = columns.date
      this.b = columns.direction
    }
    return true
  }

  /** Once the file is read: a file with rows and no traveller column that can be used is noted (BatchInput `markBlind`). */
  finish(): void {
    const unread = this.unread
    if (unread !== undefined && unread.columns.length === 0 && unread.rows) this.input.addBlind(this.index, unread.line, unread.why)
  }

  /**
   * Lines after a quote never closed, split loosely, when the header cannot be used: told as the
   * rows before them (`true`). Otherwise `false`, and the caller marks their travellers.
   */
  unreadLines(lines: readonly { readonly cells: readonly string[]; readonly line: number }[]): boolean {
    if (this.unread === undefined) return false
    for (const { cells, line } of lines) this.unreadRow(cells, line)
    return true
  }

  /** A row of a file whose header cannot be used: each traveller it names is told, once. */
  private unreadRow(fields: readonly string[], line: number): void {
    const unread = this.unread!
    const { columns, told } = unread
    if (fields.every((f, i) => f === '' || columns.includes(i))) return
    unread.rows = true
    for (const at of columns) {
      const name = nameIn(fields[at])
      if (name === '') continue
      const id = this.input.idOf(name)
      if (told.has(id)) continue
      told.add(id)
      this.input.addProblem(id, this.index, { source: { file: this.info.name, line }, ...batchProblems.rowsUnread(this.info.name, unread.line, unread.why) })
    }
  }

  row(fields: readonly string[], line: number): void {
    if (this.unread !== undefined) return this.unreadRow(fields, line)
    // A row with nothing but its traveller holds no stay, as a row of empty fields in a file of
    // one's own holds none, but it names them: a roster row is answered, never dropped unseen.
    if (fields[this.a] === '' && fields.every((f, i) => f === '' || i === this.travellerAt)) {
      const name = this.fileTraveller >= 0 ? '' : nameIn(fields[this.travellerAt])
      if (name === '') return
      const row = this.input.store.length
      this.input.store.push(-1, NAME_ONLY, 0, line, this.index)
      this.input.deferTraveller(row, name)
      return
    }
    const first = fields[this.a] ?? ''
    const second = fields[this.b] ?? ''
    const until = this.untilAt < 0 ? '' : (fields[this.untilAt] ?? '')
    if (this.fast) {
      if (this.fileTraveller >= 0) {
        if (this.pushFast(this.fileTraveller, first, second, until, line)) return
      } else {
        // The usual row: its traveller is looked up later, with others (BatchInput `deferTraveller`).
        const name = nameIn(fields[this.travellerAt])
        const row = this.input.store.length
        if (name !== '' && this.pushFast(-1, first, second, until, line)) {
          this.input.deferTraveller(row, name)
          return
        }
      }
    }
    const traveller = this.travellerOf(fields, line)
    if (traveller < 0) return
    this.slowRow(traveller, first, second, until, line)
  }

  /** A row in the usual form (YYYY-MM-DD dates, `in`/`out` or the like) kept as it is; `false` for any other. */
  private pushFast(traveller: number, first: string, second: string, untilText: string, line: number): boolean {
    const { store } = this.input
    if (this.info.form === 'stays') {
      const entry = isoDay(first)
      const exit = second === '' ? OPEN_EXIT : isoDay(second)
      const until = untilText === '' ? NO_UNTIL : isoDay(untilText)
      if (entry === undefined || exit === undefined || until === undefined || (exit !== OPEN_EXIT && exit < entry) || (until !== NO_UNTIL && until < entry)) return false
      store.push(traveller, entry, exit, line, this.index, until)
      return true
    }
    const direction = second === 'in' ? ENTRY : second === 'out' ? EXIT : codeOf(directionOf(second))
    const day = isoDay(first)
    if (direction < 0 || day === undefined) return false
    store.push(traveller, day, direction, line, this.index)
    return true
  }

  /** @param raw the row's cells as they stand in its line, for a row too malformed to read (`looseSplit`) */
  badRow(fields: readonly string[], line: number, problem: InputProblem, raw?: readonly string[]): void {
    if (this.unread !== undefined) {
      // Its problem is the file's, as the header's is; the travellers it names are told their rows are not read.
      this.input.addProblem(this.input.fileTraveller(this.index), this.index, problem)
      this.unreadRow(fields, line)
      return
    }
    const id = this.travellerNamed(fields)
    this.input.addRowProblem(id, this.index, line, problem)
    if (this.fileTraveller >= 0) return
    const named = nameIn(fields[this.travellerAt])
    if (named !== '') this.input.checkCell(id, this.index, line)
    const theirs = maybeTheirs(fields, this.headerFields?.length ?? 0, this.travellerAt, problem.code === HASH_ROW)
    if (theirs !== undefined) this.input.addMaybeTheirs(this.index, line, this.input.names[id]!, theirs)
    for (const other of quoteReadings(raw?.[this.travellerAt], named)) {
      // `"ann";2024-01-10;out` names ann both ways: told once, as a row of another export.
      if (other.name !== theirs?.name) this.input.addMaybeTheirs(this.index, line, this.input.names[id]!, other)
    }
  }

  /** A row's traveller cell, as read (`''` when the file has no traveller column). */
  travellerCell(fields: readonly string[]): string {
    return this.travellerAt < 0 ? '' : (fields[this.travellerAt] ?? '')
  }

  /**
   * The traveller a row's traveller cell names (a bad row stops their answer, met before or after);
   * with no name there, the file's traveller.
   */
  travellerNamed(fields: readonly string[]): number {
    if (this.fileTraveller >= 0) return this.fileTraveller
    const name = nameIn(fields[this.travellerAt])
    return name === '' ? this.input.fileTraveller(this.index) : this.input.idOf(name)
  }

  private travellerOf(fields: readonly string[], line: number): number {
    if (this.fileTraveller >= 0) return this.fileTraveller
    const name = nameIn(fields[this.travellerAt])
    if (name !== '') {
      const id = this.input.idOf(name)
      this.input.checkCell(id, this.index, line)
      return id
    }
    const problem = { source: { file: this.info.name, line }, ...batchProblems.travellerMissing(this.travellerName) }
    this.input.addRowProblem(this.input.fileTraveller(this.index), this.index, line, problem)
    return -1
  }

  /** A row `pushFast` did not take: through the parsers of single-traveller mode; a refused one is kept for its messages. */
  private slowRow(traveller: number, first: string, second: string, until: string, line: number): void {
    const result = parseRow(this.info, first, second, until, line, this.options)
    const { store } = this.input
    if ('stay' in result) store.push(traveller, result.stay.entry, result.stay.exit ?? OPEN_EXIT, line, this.index, result.stay.until ?? NO_UNTIL)
    else if ('crossing' in result) store.push(traveller, result.crossing.day, codeOf(result.crossing.direction), line, this.index)
    else this.input.addBadRow(traveller, this.index, line, first, second, until)
  }
}

export function parseOptionsOf(settings: Pick<ReadSettings, 'dateFormat'>): ParseOptions {
  return settings.dateFormat === undefined ? {} : { dateFormat: settings.dateFormat }
}

/** A row of `info`'s form through the parsers of single-traveller mode. */
function parseRow(info: FileInfo, first: string, second: string, until: string, line: number, options: ParseOptions) {
  const source = { file: info.name, line }
  return info.form === 'stays' ? stayFromDates(first, second, source, options, until) : crossingFromRow(first, second, source, options)
}

function codeOf(direction: 'entry' | 'exit' | undefined): number {
  return direction === 'entry' ? ENTRY : direction === 'exit' ? EXIT : -1
}
