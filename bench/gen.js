// Seeded, deterministic travel histories for benchmarks (and any test that wants a big input).
// Plain day numbers (days since 1970-01-01); no dependency on dist/.

/** mulberry32: a tiny 32-bit PRNG; the same seed always gives the same sequence in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * `count` stays over `years` years from day `start`, sorted by entry. The span is cut into 90-day
 * blocks with random intensity (about a third empty, so presence comes and goes and the history holds
 * legal stretches, short overstays and long ones). Stays are mostly 1–3 days, some 4–20, a few 21–120;
 * they share days, touch (same-day re-entry) and overlap freely. The first stay starts on `start`, the
 * last ends on the last day of the span; with `openLast` the last stay is open (`exit: null`).
 * @returns {{ stays: { entry: number, exit: number | null, source: { file: string, line: number } }[], first: number, last: number }}
 */
export function generateHistory({ seed = 1, count = 20_000, years = 60, start = 0, openLast = true, block = 90 } = {}) {
  const rand = mulberry32(seed)
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
  const span = Math.round(years * 365.2425)
  const last = start + span - 1
  const blocks = Math.ceil(span / block)
  const cumulative = new Float64Array(blocks)
  let total = 0
  for (let b = 0; b < blocks; b++) {
    total += rand() < 0.35 ? 0 : rand() ** 2
    cumulative[b] = total
  }
  const pickBlock = (x) => {
    let lo = 0
    let hi = blocks - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  const ranges = []
  for (let i = 0; i < count; i++) {
    const entry = Math.min(last, start + pickBlock(rand() * total) * block + int(0, block - 1))
    const r = rand()
    const len = r < 0.75 ? int(1, 3) : r < 0.97 ? int(4, 20) : int(21, 120)
    ranges.push({ entry, exit: Math.min(last, entry + len - 1) })
  }
  ranges.sort((a, b) => a.entry - b.entry || a.exit - b.exit)
  ranges[0].entry = start
  ranges[count - 1].exit = last
  const stays = ranges.map((r, i) => ({
    entry: r.entry,
    exit: openLast && i === count - 1 ? null : r.exit,
    source: { file: 'generated.csv', line: i + 2 },
  }))
  return { stays, first: start, last }
}
