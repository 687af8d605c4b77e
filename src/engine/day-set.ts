/**
 * A set of calendar days stored as a prefix sum over a dense range, so "how many days of the set
 * fall in [a, b]" is two array reads. Pure; no I/O, no clock.
 */

export interface DayRange {
  readonly start: number
  readonly end: number
}

export interface DaySet {
  /** Day number of `prefix[0]`'s position. */
  readonly first: number
  /** `prefix[i]` = members in `[first, first + i)`; length = span + 1. */
  readonly prefix: Int32Array
}

/**
 * The union of inclusive ranges, ignoring days before `from` (a rule's `countFrom`).
 * Overlapping ranges count each day once. Cost: O(ranges + span).
 */
export function buildDaySet(ranges: readonly DayRange[], from: number = Number.NEGATIVE_INFINITY): DaySet {
  const first = firstDay(ranges, from)
  const last = lastDayOf(ranges, from)
  if (first > last) return { first: 0, prefix: new Int32Array(1) }
  const prefix = new Int32Array(last - first + 2)
  fillPrefix(prefix, ranges, from, first)
  return { first, prefix }
}

/*
 * Memory lent by `borrowDaySet`. Allocating a set's array cost more than filling it when a batch
 * assesses 100,000 short histories (a typed array's backing store is allocated outside the heap);
 * one buffer lent out again and again costs nothing. Huge spans get an array of their own, so a
 * single long history does not pin megabytes for the life of the process.
 */
const KEEP_AT_MOST = 1 << 20
let spare = new Int32Array(1 << 12)
/** The set made in `spare`, while it is out. */
let lent: DaySet | null = null

/**
 * `buildDaySet` in memory that is reused: the set is the caller's until it gives it back with
 * `returnDaySet`, and must not be kept after that (nor reach any result). While one is out, the
 * next borrower gets an array of its own, so nesting is safe.
 */
export function borrowDaySet(ranges: readonly DayRange[], from: number = Number.NEGATIVE_INFINITY): DaySet {
  const first = firstDay(ranges, from)
  const last = lastDayOf(ranges, from)
  if (first > last) return { first: 0, prefix: new Int32Array(1) }
  const size = last - first + 2
  if (lent !== null || size > KEEP_AT_MOST) return buildDaySet(ranges, from)
  if (size > spare.length) spare = new Int32Array(Math.max(size, spare.length * 2))
  const prefix = spare.subarray(0, size)
  fillPrefix(prefix, ranges, from, first)
  lent = { first, prefix }
  return lent
}

/** Gives back a set from `borrowDaySet` (any other set is left alone). */
export function returnDaySet(set: DaySet): void {
  if (set === lent) lent = null
}

/** The first counted day of the ranges (+Infinity when none counts). */
function firstDay(ranges: readonly DayRange[], from: number): number {
  let first = Number.POSITIVE_INFINITY
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!
    const s = r.start > from ? r.start : from
    if (s <= r.end && s < first) first = s
  }
  return first
}

/** The last counted day of the ranges (-Infinity when none counts). */
function lastDayOf(ranges: readonly DayRange[], from: number): number {
  let last = Number.NEGATIVE_INFINITY
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!
    if ((r.start > from ? r.start : from) <= r.end && r.end > last) last = r.end
  }
  return last
}

/** Fills `prefix` (length span + 1, any contents) for ranges whose counted days start at `first`. */
function fillPrefix(prefix: Int32Array, ranges: readonly DayRange[], from: number, first: number): void {
  let start = Number.NEGATIVE_INFINITY
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!
    const s = r.start > from ? r.start : from
    if (s > r.end) continue
    if (s < start) return fillUnsorted(prefix, ranges, from, first)
    start = s
  }
  fillSorted(prefix, ranges, from, first)
}

/**
 * Ranges in order of their first counted day (as `assess` gives them): each day's entry is
 * written once, a gap with a single `fill`, so the cost is mostly the days present.
 */
function fillSorted(prefix: Int32Array, ranges: readonly DayRange[], from: number, first: number): void {
  // Days before index `done` are written: prefix[0 ... done].
  let done = 0
  let count = 0
  prefix[0] = 0
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!
    const s = r.start > from ? r.start : from
    if (s > r.end) continue
    const a = s - first
    const b = r.end - first
    if (b < done) continue
    if (a > done) {
      prefix.fill(count, done + 1, a + 1)
      done = a
    }
    for (; done <= b; done++) prefix[done + 1] = ++count
  }
}

/**
 * Ranges in any order: the +1/-1 marks of a difference array, shifted one place up (`prefix[i + 1]`
 * holds day i's mark; the mark after the last day is never read), then running sums over them.
 */
function fillUnsorted(prefix: Int32Array, ranges: readonly DayRange[], from: number, first: number): void {
  const span = prefix.length - 1
  prefix.fill(0)
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!
    const s = r.start > from ? r.start : from
    if (s > r.end) continue
    prefix[s - first + 1]! += 1
    const after = r.end - first + 1
    if (after < span) prefix[after + 1]! -= 1
  }
  // The running count stays in a local: reading back the element just written would chain every
  // step to the one before through memory.
  let depth = 0
  let count = 0
  for (let i = 1; i <= span; i++) {
    depth += prefix[i]!
    if (depth > 0) count++
    prefix[i] = count
  }
}

/** Members of `set` in `[from, to]` (inclusive); 0 when `to < from`. */
export function countIn(set: DaySet, from: number, to: number): number {
  if (to < from) return 0
  const n = set.prefix.length - 1
  const a = Math.min(Math.max(from - set.first, 0), n)
  const b = Math.min(Math.max(to - set.first + 1, 0), n)
  return set.prefix[b]! - set.prefix[a]!
}

export function has(set: DaySet, d: number): boolean {
  return countIn(set, d, d) === 1
}

/** Last day covered by the set's array (members are within `[first, lastDay]`). */
export function lastDay(set: DaySet): number {
  return set.first + set.prefix.length - 2
}

/** Members of a set of days in `[from, to]` (inclusive; 0 when `to < from`). */
export type RangeCount = (from: number, to: number) => number

/**
 * `countIn` for the union of inclusive ranges (days before `from` ignored) without a dense array:
 * the merged ranges and the members before each, found by binary search. Cost O(r log r) to build
 * and O(log r) a question, whatever the days spanned: a stay of a century costs no more than a week.
 */
export function rangeCount(ranges: readonly DayRange[], from: number = Number.NEGATIVE_INFINITY): RangeCount {
  const sorted: DayRange[] = []
  for (const r of ranges) {
    const start = r.start > from ? r.start : from
    if (start <= r.end) sorted.push({ start, end: r.end })
  }
  sorted.sort((a, b) => a.start - b.start)
  const starts: number[] = []
  const ends: number[] = []
  for (const r of sorted) {
    const last = ends.length - 1
    if (last >= 0 && r.start <= ends[last]! + 1) {
      if (r.end > ends[last]!) ends[last] = r.end
    } else {
      starts.push(r.start)
      ends.push(r.end)
    }
  }
  const before: number[] = []
  let total = 0
  for (let i = 0; i < starts.length; i++) {
    before.push(total)
    total += ends[i]! - starts[i]! + 1
  }
  /** Members on or before day x. */
  const upTo = (x: number): number => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]! <= x) lo = mid + 1
      else hi = mid
    }
    const i = lo - 1
    return i < 0 ? 0 : before[i]! + Math.min(x, ends[i]!) - starts[i]! + 1
  }
  return (a, b) => (b < a ? 0 : upTo(b) - upTo(a - 1))
}
