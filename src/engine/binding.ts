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

/**
 * The binding report, with the warnings the other rules' checks add about the input (an
 * authorised-until date one of them cannot use): the report shown is the binding one, and a
 * warning of another rule must not go unseen.
 */
export function bindingReport(reports: readonly Report[], binding: number): Report {
  const report = reports[binding]!
  if (reports.length === 1) return report
  const seen = new Set(report.warnings.map((w) => w.message))
  const more = reports.flatMap((r) => r.warnings.filter((w) => w.code.startsWith('W_UNTIL') && !seen.has(w.message) && seen.add(w.message)))
  return more.length === 0 ? report : { ...report, warnings: [...report.warnings, ...more] }
}
