/**
 * What breaking a rule is called, by what the rule counts: an overstay for a stay limit, reaching
 * the threshold for a tax-residence test (UK SRT, US SPT), an absence over the limit for a rule
 * that counts days abroad (UK settlement). A tax test or an absence is no overstay (QA: "No
 * overstay in the history" under uk-srt, "2 overstays" under uk-ilr). Pure.
 */
import type { ConstraintReport, Report } from '../engine/types.js'
import { plural } from '../words.js'

export interface BreachWords {
  /** What the rule counts: days of stay, days toward a threshold, or days abroad (whose end is a return). */
  readonly counts: 'stays' | 'threshold' | 'absences'
  /** The heading over the list: `Overstays`. */
  readonly heading: string
  /** The line when there is none: `No overstay in the history.` */
  readonly none: string
  /** `n` of them: `2 overstays`. */
  readonly count: (n: number) => string
  /** No legal day left on `on`, inside (away, for absences) or not. */
  readonly noDayLeft: (inside: boolean, on: string) => string
}

const OVERSTAY: BreachWords = {
  counts: 'stays',
  heading: 'Overstays',
  none: 'No overstay in the history.',
  count: (n) => plural(n, 'overstay'),
  noDayLeft: (inside, on) => (inside ? `Overstay: being inside on ${on} already breaks the rule.` : `No stay is possible on ${on}: entering would break the rule.`),
}
const THRESHOLD: BreachWords = {
  counts: 'threshold',
  heading: 'Threshold reached',
  none: 'The threshold is not reached in the history.',
  count: (n) => `threshold reached (${plural(n, 'period')})`,
  noDayLeft: (inside, on) => (inside ? `The threshold is reached: being present on ${on} already counts.` : `Entering on ${on} would reach the threshold.`),
}
const ABSENCE: BreachWords = {
  counts: 'absences',
  heading: 'Absences over the limit',
  none: 'No absence over the limit in the history.',
  count: (n) => plural(n, 'absence over the limit', 'absences over the limit'),
  noDayLeft: (inside, on) => (inside ? `Absence over the limit: being away on ${on} already breaks the rule.` : `No absence is possible on ${on}: leaving would break the rule.`),
}

/** A threshold test (tax residence): reaching the threshold is what "breaks" it, not staying over a cap. */
export function thresholdOf(k: ConstraintReport | undefined): number | null {
  const t = k?.details?.threshold
  return typeof t === 'number' ? t : null
}

/**
 * The words for a report's breaches: those of the constraints broken, or when none is, of all its
 * constraints; overstay words unless every one of them is a threshold test, or every one counts absences.
 */
export function breachWords(report: Report): BreachWords {
  const broken = new Set(report.violations.map((v) => v.constraint))
  const kinds = report.constraints.filter((k) => broken.size === 0 || broken.has(k.id))
  if (kinds.length > 0 && kinds.every((k) => thresholdOf(k) !== null)) return THRESHOLD
  if (kinds.length > 0 && kinds.every((k) => k.kind === 'absence')) return ABSENCE
  return OVERSTAY
}
