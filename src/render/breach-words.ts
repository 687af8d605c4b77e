/**
 * What breaking a rule is called, by what the rule counts: an overstay for a stay limit, reaching
 * the threshold for a tax-residence test (UK SRT, US SPT), an absence over the limit for a rule
 * that counts days abroad (UK settlement), days over the limit for a tax rule's cap (OECD Art.
 * 15(2)(a): passing 183 days loses an exemption, no stay is unlawful). A tax test or an absence is
 * no overstay (QA: "No overstay in the history" under uk-srt, "2 overstays" under uk-ilr). Pure.
 */
import type { ConstraintReport, Report } from '../engine/types.js'
import { constraintId, isThresholdId } from '../rules/describe.js'
import type { Purpose, Rule } from '../rules/types.js'
import { plural } from '../words.js'

/**
 * The nouns and verbs of presence: a stay, entering and leaving; or, for a rule that counts days
 * abroad (UK settlement), an absence, leaving home and coming back (QA: "Stays", "Earliest entry"
 * and a "Re-entry calendar" for periods abroad).
 */
export interface Nouns {
  /** `stay` / `absence`, its plural, and with its article. */
  readonly stay: string
  readonly stays: string
  readonly aStay: string
  /** The heading over the list: `Stays` / `Periods abroad`. */
  readonly Stays: string
  /** Present on the day: `inside` / `away`. */
  readonly inside: string
  /** Days counted: `used` / `abroad`. */
  readonly used: string
  /** Starting one: `Entering` / `Leaving`; `entry` / `departure`. */
  readonly Entering: string
  readonly entry: string
  /** Ending one: `leave` / `return`; `Leave by` / `Return by`. */
  readonly leave: string
  readonly LeaveBy: string
  /** Going on with the one under way: `Staying on` / `Staying away`. */
  readonly StayingOn: string
  /** Present: `present` / `away`. */
  readonly present: string
  /** `entries` / `departures`; `exit` / `return`; `leaving` / `returning`; `stay` / `stay away`; `staying` / `staying away`. */
  readonly entries: string
  readonly exit: string
  readonly leaving: string
  readonly stayVerb: string
  readonly staying: string
  /** The `plan` calendar, its title and the answer of a whole one: `Re-entry calendar`, `re-entry`. */
  readonly calendar: string
  readonly reentry: string
  /** Calendar notes: `inside a planned stay`; `a planned stay's last day: out and in again`. */
  readonly withinPlan: string
  readonly planLastDay: string
}

export const STAY_NOUNS: Nouns = {
  stay: 'stay',
  stays: 'stays',
  aStay: 'a stay',
  Stays: 'Stays',
  inside: 'inside',
  used: 'used',
  Entering: 'Entering',
  entry: 'entry',
  leave: 'leave',
  LeaveBy: 'Leave by',
  StayingOn: 'Staying on',
  present: 'present',
  entries: 'entries',
  exit: 'exit',
  leaving: 'leaving',
  stayVerb: 'stay',
  staying: 'staying',
  calendar: 'Re-entry calendar',
  reentry: 're-entry',
  withinPlan: 'inside a planned stay',
  planLastDay: "a planned stay's last day: out and in again",
}
const ABSENCE_NOUNS: Nouns = {
  stay: 'absence',
  stays: 'absences',
  aStay: 'an absence',
  Stays: 'Periods abroad',
  inside: 'away',
  used: 'abroad',
  Entering: 'Leaving',
  entry: 'departure',
  leave: 'return',
  LeaveBy: 'Return by',
  StayingOn: 'Staying away',
  present: 'away',
  entries: 'departures',
  exit: 'return',
  leaving: 'returning',
  stayVerb: 'stay away',
  staying: 'staying away',
  calendar: 'Departure calendar',
  reentry: 'absence',
  withinPlan: 'within a planned absence',
  planLastDay: "a planned absence's last day: back and away again",
}

export interface BreachWords {
  readonly nouns: Nouns
  /** What the rule counts: days of stay, days toward a threshold, days abroad (whose end is a return), or days toward a tax rule's cap. */
  readonly counts: 'stays' | 'threshold' | 'absences' | 'tax'
  /** The heading over the list: `Overstays`. */
  readonly heading: string
  /** The line when there is none: `No overstay in the history.` */
  readonly none: string
  /** `n` of them: `2 overstays`. */
  readonly count: (n: number) => string
  /** No legal day left on `on`, inside (away, for absences) or not. */
  readonly noDayLeft: (inside: boolean, on: string) => string
  /** A batch's status, inside on `on` and over by `days` (0: no day left): `OVER by 3`. */
  readonly overNow: (days: number) => string
  /** A batch's status, the rule broken on another day, the first from `start`: `overstay 2024-03-01`. */
  readonly brokenFrom: (start: string) => string
  /** A batch's one-line title for a traveller over now / broken on another day (GitHub annotations). */
  readonly titleNow: string
  readonly titleBroken: string
  /** `n` periods of the rule broken, for a one-line account (GitHub, JUnit). */
  readonly periods: (n: number) => string
  /** A batch's summary parts: travellers over now, broken on another day. */
  readonly totalNow: (n: number) => string
  readonly totalBroken: (n: number) => string
  /** The deadline when inside (away, for absences) on `on`: `Latest legal exit`. */
  readonly latest: string
  /** The same in a timeline's key: `latest exit`; and beside it on a chart: `exit by`. */
  readonly latestKey: string
  readonly by: string
  /** The answer when not inside, before its date: `Entering on 2024-06-01, you may stay until`. */
  readonly mayStayUntil: (on: string) => string
  /** The deadline when inside, told in a calendar event: `Inside on …: the last day you may be present is …`. */
  readonly deadline: (on: string, last: string, days: string) => string
  /** No legal day from `on`, as a title: `No legal stay`; and as the question `--explain` answers. */
  readonly noDayTitle: string
  readonly noDayWhy: string
  /** A timeline's marks: the days the rule is broken (`!`), and days counted over the limit (`#`). */
  readonly brokenMark: string
  readonly overMark: string
}

const OVERSTAY: BreachWords = {
  nouns: STAY_NOUNS,
  counts: 'stays',
  heading: 'Overstays',
  none: 'No overstay in the history.',
  count: (n) => plural(n, 'overstay'),
  noDayLeft: (inside, on) => (inside ? `Overstay: being inside on ${on} already breaks the rule.` : `No stay is possible on ${on}: entering would break the rule.`),
  overNow: (days) => (days > 0 ? `OVER by ${days}` : 'OVER: no legal stay'),
  brokenFrom: (start) => `overstay ${start}`,
  titleNow: 'over the limit',
  titleBroken: 'overstay',
  periods: (n) => plural(n, 'overstay period'),
  totalNow: (n) => `${n} over the limit`,
  totalBroken: (n) => `${n} with an overstay (past or planned)`,
  latest: 'Latest legal exit',
  latestKey: 'latest exit',
  by: 'exit by',
  mayStayUntil: (on) => `Entering on ${on}, you may stay until`,
  deadline: (on, last, days) => `Inside on ${on}: the last day you may be present is ${last} (${days} from ${on}).`,
  noDayTitle: 'No legal stay',
  noDayWhy: 'Why no stay is possible',
  brokenMark: 'overstay',
  overMark: 'over the limit',
}
const THRESHOLD: BreachWords = {
  nouns: STAY_NOUNS,
  counts: 'threshold',
  heading: 'Threshold reached',
  none: 'The threshold is not reached in the history.',
  count: (n) => `threshold reached (${plural(n, 'period')})`,
  noDayLeft: (inside, on) => (inside ? `The threshold is reached: being present on ${on} already counts.` : `Entering on ${on} would reach the threshold.`),
  overNow: () => 'REACHED',
  brokenFrom: (start) => `reached ${start}`,
  titleNow: 'threshold reached',
  titleBroken: 'threshold reached',
  periods: (n) => plural(n, 'period at or over the threshold', 'periods at or over the threshold'),
  totalNow: (n) => `${n} present with the threshold reached`,
  totalBroken: (n) => `${n} with the threshold reached (past or planned)`,
  // Staying on is lawful: past the day, the threshold is reached (tax residence), nothing more.
  latest: 'Last day under the threshold',
  latestKey: 'last day under the threshold',
  by: 'leave by',
  mayStayUntil: (on) => `Entering on ${on}, you stay under the threshold until`,
  deadline: (on, last, days) => `Present on ${on}: the last day you may be present and stay under the threshold is ${last} (${days} from ${on}).`,
  noDayTitle: 'Threshold reached',
  noDayWhy: 'Why no day keeps you under the threshold',
  brokenMark: 'threshold reached',
  overMark: 'at or over the threshold',
}
const ABSENCE: BreachWords = {
  nouns: ABSENCE_NOUNS,
  counts: 'absences',
  heading: 'Absences over the limit',
  none: 'No absence over the limit in the history.',
  count: (n) => plural(n, 'absence over the limit', 'absences over the limit'),
  noDayLeft: (inside, on) => (inside ? `Absence over the limit: being away on ${on} already breaks the rule.` : `No absence is possible on ${on}: leaving would break the rule.`),
  overNow: (days) => (days > 0 ? `AWAY, OVER by ${days}` : 'AWAY, OVER: no day left'),
  brokenFrom: (start) => `absence over ${start}`,
  titleNow: 'away, over the limit',
  titleBroken: 'absence over the limit',
  periods: (n) => plural(n, 'absence over the limit', 'absences over the limit'),
  totalNow: (n) => `${n} away over the limit`,
  totalBroken: (n) => `${n} with an absence over the limit (past or planned)`,
  latest: 'Latest legal return',
  latestKey: 'latest return',
  by: 'return by',
  mayStayUntil: (on) => `Leaving on ${on}, you may stay away until`,
  deadline: (on, last, days) => `Away on ${on}: return by ${last} (${days} from ${on}).`,
  noDayTitle: 'No legal absence',
  noDayWhy: 'Why no absence is possible',
  brokenMark: 'absence over the limit',
  overMark: 'over the limit',
}
const TAX_CAP: BreachWords = {
  nouns: STAY_NOUNS,
  counts: 'tax',
  heading: 'Over the limit',
  none: 'The limit is not passed in the history.',
  count: (n) => `over the limit (${plural(n, 'period')})`,
  noDayLeft: (inside, on) => (inside ? `Over the limit: being present on ${on} already passes it.` : `Entering on ${on} would pass the limit.`),
  overNow: (days) => (days > 0 ? `OVER by ${days}` : 'OVER: no day left'),
  brokenFrom: (start) => `over ${start}`,
  titleNow: 'over the limit',
  titleBroken: 'over the limit',
  periods: (n) => plural(n, 'period over the limit', 'periods over the limit'),
  totalNow: (n) => `${n} present and over the limit`,
  totalBroken: (n) => `${n} over the limit on other days (past or planned)`,
  latest: 'Last day within the limit',
  latestKey: 'last day within the limit',
  by: 'leave by',
  mayStayUntil: (on) => `Entering on ${on}, you stay within the limit until`,
  deadline: (on, last, days) => `Present on ${on}: the last day you may be present within the limit is ${last} (${days} from ${on}).`,
  noDayTitle: 'Over the limit',
  noDayWhy: 'Why no day keeps you within the limit',
  brokenMark: 'over the limit',
  overMark: 'over the limit',
}

/** A threshold test (tax residence): reaching the threshold is what "breaks" it, not staying over a cap. */
export function thresholdOf(k: ConstraintReport | undefined): number | null {
  const t = k?.details?.threshold
  return typeof t === 'number' ? t : null
}

/**
 * The words for a report's breaches: those of the constraints broken, or when none is, of all its
 * constraints; overstay words unless every one of them is a threshold test, or every one counts
 * absences, or the rule is a tax rule (`purpose`).
 */
export function breachWords(report: Report): BreachWords {
  const broken = new Set(report.violations.map((v) => v.constraint))
  const kinds = report.constraints.filter((k) => broken.size === 0 || broken.has(k.id))
  if (kinds.length > 0 && kinds.every((k) => thresholdOf(k) !== null)) return THRESHOLD
  if (kinds.length > 0 && kinds.every((k) => k.kind === 'absence')) return ABSENCE
  return report.rule.purpose === 'tax' ? TAX_CAP : OVERSTAY
}

/** The words for one constraint, by its id (`rolling:90/180`, `absence:…`, a threshold test's), under a rule of `purpose`. */
export function constraintWords(id: string, purpose: Purpose | undefined): BreachWords {
  if (isThresholdId(id)) return THRESHOLD
  if (id.startsWith('absence:')) return ABSENCE
  return purpose === 'tax' ? TAX_CAP : OVERSTAY
}

/**
 * The words for a batch's summary, whose travellers are all checked under `rules`: a rule's own
 * words when all of them have the same (from their constraints, as `breachWords`), else overstay words.
 */
export function rulesBreachWords(rules: readonly Rule[]): BreachWords {
  const words = new Set(
    rules.map((rule) => {
      const each = new Set(rule.constraints.map((k) => constraintWords(constraintId(k), rule.purpose)))
      return each.size === 1 ? [...each][0]! : rule.purpose === 'tax' ? TAX_CAP : OVERSTAY
    }),
  )
  return words.size === 1 ? [...words][0]! : OVERSTAY
}
