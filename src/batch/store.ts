/**
 * What batch mode keeps of the input: per row, six integers in growable typed arrays (24 bytes a
 * row, no objects), so a million rows take about 25 MB however many travellers they belong to.
 * Pure; no I/O.
 */

/** `second` of a stays-form row whose exit is empty (still inside). */
export const OPEN_EXIT = -0x80000000

/** `until` of a row with no authorised last day (every crossings-form row). */
export const NO_UNTIL = -0x80000000

/**
 * `first` of a row with nothing but its traveller: it names them (so they are answered, with no
 * days if that is all there is) and holds no stay or crossing; evaluation passes over it.
 */
export const NAME_ONLY = -0x80000000

/**
 * `first` of a row that could not be read (a date or direction refused): `second` is the index of
 * its cells among the input's bad rows (./bad-rows.ts), read again for its problems when its
 * traveller is evaluated. Evaluation passes over it as a day.
 */
export const BAD_ROW = -0x7fffffff

/** `second` of a crossings-form row. */
export const ENTRY = 1
export const EXIT = 0

const int32s = (length: number, shared: boolean): Int32Array => (shared ? new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length) : new Int32Array(length))

export class RowStore {
  /** Traveller id (index into the traveller names). */
  traveller: Int32Array
  /** Stays form: entry day. Crossings form: the crossing's day. */
  first: Int32Array
  /** Stays form: exit day or OPEN_EXIT. Crossings form: ENTRY or EXIT. */
  second: Int32Array
  /** 1-based physical line in its file. */
  line: Int32Array
  /** Index of its file among the inputs. */
  file: Int32Array
  /** Stays form: the authorised last day of the visit (an `admit until` column), or NO_UNTIL. */
  until: Int32Array
  length = 0

  /**
   * @param shared keep the rows on shared memory, for worker threads to read in place
   *   (src/batch/parallel.ts): no thread then gathers rows for another.
   */
  constructor(private readonly isShared = false) {
    this.traveller = int32s(1024, isShared)
    this.first = int32s(1024, isShared)
    this.second = int32s(1024, isShared)
    this.line = int32s(1024, isShared)
    this.file = int32s(1024, isShared)
    this.until = int32s(1024, isShared)
  }

  push(traveller: number, first: number, second: number, line: number, file: number, until = NO_UNTIL): void {
    if (this.length === this.traveller.length) this.grow()
    const i = this.length++
    this.traveller[i] = traveller
    this.first[i] = first
    this.second[i] = second
    this.line[i] = line
    this.file[i] = file
    this.until[i] = until
  }

  /**
   * Appends the rows of a range read on another thread (src/batch/shard.ts), all of file `file`:
   * their travellers renamed by `ids`, their lines moved by `lineOffset`.
   */
  append(rows: { traveller: Int32Array; first: Int32Array; second: Int32Array; line: Int32Array; until: Int32Array; length: number }, ids: Int32Array, file: number, lineOffset: number): void {
    const n = rows.length
    const at = this.length
    while (at + n > this.traveller.length) this.grow()
    this.first.set(rows.first.subarray(0, n), at)
    this.second.set(rows.second.subarray(0, n), at)
    this.until.set(rows.until.subarray(0, n), at)
    this.file.fill(file, at, at + n)
    const { traveller, line } = this
    for (let i = 0; i < n; i++) {
      traveller[at + i] = ids[rows.traveller[i]!]!
      line[at + i] = rows.line[i]! + lineOffset
    }
    this.length = at + n
  }

  /** Takes these arrays as its rows (a worker's share, sent without a copy). */
  static of(rows: { traveller: Int32Array; first: Int32Array; second: Int32Array; line: Int32Array; file: Int32Array; until: Int32Array; length: number }): RowStore {
    const store = new RowStore()
    store.traveller = rows.traveller
    store.first = rows.first
    store.second = rows.second
    store.line = rows.line
    store.file = rows.file
    store.until = rows.until
    store.length = rows.length
    return store
  }

  /** Whether the rows are on shared memory (see the constructor). */
  get shared(): boolean {
    return this.isShared
  }

  /** Forget the rows from `length` on (a file being read again). */
  truncate(length: number): void {
    this.length = Math.min(this.length, length)
  }

  /**
   * The rows put in traveller order, each traveller's in input order (a stable counting sort), for
   * evaluation: the rows of traveller t are then `start[t]` … `start[t + 1] - 1`, which it returns
   * (on shared memory if the rows are). Left in input order, a traveller's rows lie scattered over
   * the whole store, and evaluation read them one cache miss each, on every thread at once; moved
   * once, in passes that read in order, they are read side by side (measured at 1M rows: 2–3% less
   * CPU time in all, on one thread or two). No row is read by its old index after this: it is
   * called once all rows are read.
   */
  groupByTraveller(travellers: number): Int32Array {
    const n = this.length
    const { traveller } = this
    const start = int32s(travellers + 1, this.isShared)
    for (let i = 0; i < n; i++) start[traveller[i]! + 1]! += 1
    for (let t = 0; t < travellers; t++) start[t + 1]! += start[t]!
    const next = start.slice(0, travellers)
    const to = int32s(n, false)
    for (let i = 0; i < n; i++) to[i] = next[traveller[i]!]!++
    const moved = (from: Int32Array): Int32Array => {
      const grouped = int32s(Math.max(n, 1), this.isShared)
      // A column of one value (the file, with one file; `until`, with crossings) is filled, not
      // moved row by row: a pass that reads in order costs a fraction of one that writes all over.
      let same = true
      for (let i = 1; i < n && same; i++) same = from[i] === from[0]
      if (same) grouped.fill(from[0] ?? 0, 0, n)
      else for (let i = 0; i < n; i++) grouped[to[i]!] = from[i]!
      return grouped
    }
    const grouped = int32s(Math.max(n, 1), this.isShared)
    for (let t = 0; t < travellers; t++) grouped.fill(t, start[t]!, start[t + 1]!)
    this.traveller = grouped
    this.first = moved(this.first)
    this.second = moved(this.second)
    this.line = moved(this.line)
    this.file = moved(this.file)
    this.until = moved(this.until)
    return start
  }

  private grow(): void {
    const size = this.traveller.length * 2
    const grown = (a: Int32Array) => {
      const b = int32s(size, this.isShared)
      b.set(a)
      return b
    }
    this.traveller = grown(this.traveller)
    this.first = grown(this.first)
    this.second = grown(this.second)
    this.line = grown(this.line)
    this.file = grown(this.file)
    this.until = grown(this.until)
  }
}
