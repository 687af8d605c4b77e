/**
 * Rows that could not be read, kept small until their traveller is evaluated (src/batch/evaluate.ts):
 * a row the parsers refuse (a date or a direction) as its cells, UTF-8 in one growing byte array,
 * its problems worked out again from them; a row whose problem names no cell of it (one field too
 * many) as its problem's text, kept once for all the rows that have it. Kept as problems, with
 * their messages, a million bad rows (a whole export in dd/MM/yyyy without --date-format) took
 * 2.3 GB; kept so, about 30 bytes a row. The strings come from decoding UTF-8 (csv-parse, standard
 * input read whole), so they hold no lone surrogate and come back unchanged. Pure.
 */
import type { ProblemText } from '../errors.js'


/** Cells kept per row: the two date or date-and-direction cells, and the `until` cell. */
const CELLS = 3

export interface BadRowCells {
  readonly bytes: Uint8Array
  /** Where each cell ends in `bytes`; cell `c` of row `k` is at `ends[k * 3 + c - 1]` (0 before the first) … `ends[k * 3 + c]`. */
  readonly ends: Int32Array
  /** Row `k`'s problem is `texts[text[k]]`, or, when that is -1, its cells read again. */
  readonly text: Int32Array
  readonly texts: readonly ProblemText[]
  readonly length: number
}

export class BadRows implements BadRowCells {
  bytes: Uint8Array
  ends: Int32Array
  text: Int32Array
  readonly texts: ProblemText[] = []
  length = 0
  private used = 0
  private readonly textIndex = new Map<string, number>()

  /**
   * @param shared keep the cells on shared memory, as the rows are for worker threads
   *   (src/batch/store.ts): they then read them in place, with no copy for each.
   */
  constructor(private readonly shared = false) {
    this.bytes = this.grown(new Uint8Array(0), 1 << 12)
    this.ends = this.grown(new Int32Array(0), CELLS << 8)
    this.text = this.grown(new Int32Array(0), 1 << 8)
  }

  /** `array`'s contents in a new array of `length`, on shared memory if the rows are. */
  private grown<T extends Uint8Array | Int32Array>(array: T, length: number): T {
    const bytes = length * array.BYTES_PER_ELEMENT
    const buffer = this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)
    const copy = (array instanceof Uint8Array ? new Uint8Array(buffer) : new Int32Array(buffer)) as T
    copy.set(array)
    return copy
  }

  /** Keeps a row's cells; its index comes back. */
  push(first: string, second: string, until: string): number {
    const k = this.next(-1)
    this.put(first, k * CELLS)
    this.put(second, k * CELLS + 1)
    this.put(until, k * CELLS + 2)
    return k
  }

  /** Keeps a row's problem, without its source; its index comes back. */
  pushText(problem: ProblemText): number {
    const key = JSON.stringify(problem)
    let t = this.textIndex.get(key)
    if (t === undefined) {
      t = this.texts.push(problem) - 1
      this.textIndex.set(key, t)
    }
    const k = this.next(t)
    for (let c = 0; c < CELLS; c++) this.ends[k * CELLS + c] = this.used
    return k
  }

  private next(text: number): number {
    const k = this.length++
    if (this.length * CELLS > this.ends.length) this.ends = this.grown(this.ends, this.ends.length * 2)
    if (this.length > this.text.length) this.text = this.grown(this.text, this.text.length * 2)
    this.text[k] = text
    return k
  }

  private put(text: string, at: number): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.bytes.length) this.bytes = this.grown(this.bytes, Math.max(this.bytes.length * 2, this.used + text.length * 3))
    this.used += encoder.encodeInto(text, this.bytes.subarray(this.used)).written
    this.ends[at] = this.used
  }

  /** What crosses to a worker thread: on shared memory, the cells themselves; else a copy of what is used. */
  cells(): BadRowCells {
    const used = <T extends Uint8Array | Int32Array>(a: T, n: number): T => (this.shared ? a.subarray(0, n) : a.slice(0, n)) as T
    return { bytes: used(this.bytes, this.used), ends: used(this.ends, this.length * CELLS), text: used(this.text, this.length), texts: this.texts, length: this.length }
  }
}

const encoder = new TextEncoder()
// A cell may start with U+FEFF: kept, not taken for a byte order mark.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/** The cells of row `k`, as `push` was given them. */
export function badRowCells(rows: BadRowCells, k: number): [string, string, string] {
  const cell = (c: number): string => {
    const at = k * CELLS + c
    return decoder.decode(rows.bytes.subarray(at === 0 ? 0 : rows.ends[at - 1]!, rows.ends[at]!))
  }
  return [cell(0), cell(1), cell(2)]
}
