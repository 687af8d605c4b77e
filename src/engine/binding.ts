/** Several rules at once (`--rule a --rule b`): every one must hold, so the earliest deadline binds. */
import { exitRank } from './assess.js'
import type { Report } from './types.js'

/**
 * Index of the binding report: one on which presence on the reference day is already illegal,
 * else the earliest latest exit; reports setting no limit come last; ties go to the first given.
 */
export function bindingIndex(reports: readonly Report[]): number {
  const rank = (r: Report): number => exitRank(r.latestExit, r.latestExitBound)
  let best = 0
  reports.forEach((r, i) => {
    if (rank(r) < rank(reports[best]!)) best = i
  })
  return best
}
