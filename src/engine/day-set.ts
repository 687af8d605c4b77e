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
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const r of ranges) {
    const s = Math.max(r.start, from)
    if (s > r.end) continue
    if (s < first) first = s
    if (r.end > last) last = r.end
  }
  if (first > last) return { first: 0, prefix: new Int32Array(1) }
  const span = last - first + 1
  const diff = new Int32Array(span + 1)
  for (const r of ranges) {
    const s = Math.max(r.start, from)
    if (s > r.end) continue
    diff[s - first]! += 1
    diff[r.end - first + 1]! -= 1
  }
  const prefix = new Int32Array(span + 1)
  let depth = 0
  for (let i = 0; i < span; i++) {
    depth += diff[i]!
    prefix[i + 1] = prefix[i]! + (depth > 0 ? 1 : 0)
  }
  return { first, prefix }
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
