/**
 * What batch mode keeps of the input: per row, five integers in growable typed arrays (20 bytes a
 * row, no objects), so a million rows take about 20 MB however many travellers they belong to.
 * Pure; no I/O.
 */

/** `second` of a stays-form row whose exit is empty (still inside). */
export const OPEN_EXIT = -0x80000000

/** `until` of a row with no authorised last day (every crossings-form row). */
export const NO_UNTIL = -0x80000000

/** `second` of a crossings-form row. */
export const ENTRY = 1
export const EXIT = 0

export class RowStore {
  /** Traveller id (index into the traveller names). */
  traveller: Int32Array = new Int32Array(1024)
  /** Stays form: entry day. Crossings form: the crossing's day. */
  first: Int32Array = new Int32Array(1024)
  /** Stays form: exit day or OPEN_EXIT. Crossings form: ENTRY or EXIT. */
  second: Int32Array = new Int32Array(1024)
  /** 1-based physical line in its file. */
  line: Int32Array = new Int32Array(1024)
  /** Index of its file among the inputs. */
  file: Int32Array = new Int32Array(1024)
  /** Stays form: the authorised last day of the visit (an `admit until` column), or NO_UNTIL. */
  until: Int32Array = new Int32Array(1024)
  length = 0

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

  /** Forget the rows from `length` on (a file being read again). */
  truncate(length: number): void {
    this.length = Math.min(this.length, length)
  }

  /**
   * Row indexes grouped by traveller, each group in input order (a stable counting sort): the rows
   * of traveller t are `order[start[t]]` … `order[start[t + 1] - 1]`.
   */
  byTraveller(travellers: number): { start: Int32Array; order: Int32Array } {
    const start = new Int32Array(travellers + 1)
    for (let i = 0; i < this.length; i++) start[this.traveller[i]! + 1]! += 1
    for (let t = 0; t < travellers; t++) start[t + 1]! += start[t]!
    const next = start.slice(0, travellers)
    const order = new Int32Array(this.length)
    for (let i = 0; i < this.length; i++) order[next[this.traveller[i]!]!++] = i
    return { start, order }
  }

  private grow(): void {
    const size = this.traveller.length * 2
    const grown = (a: Int32Array) => {
      const b = new Int32Array(size)
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
