/**
 * The human report. Pure: a Report in, a string out. The headline answer comes last, where the
 * eye lands after the command returns (clig.dev).
 */
import { isoOf } from '../day.js'
import { authorisedUntil } from '../engine/authorised.js'
import type { ConstraintReport, Report, Violation } from '../engine/types.js'
import { inForce } from '../rules/validity.js'
import { formatSource } from '../errors.js'
import { entriesText } from '../rules/describe.js'
import { type Paint, paint, type TextOptions } from './style.js'
import { lower, plural } from '../words.js'
import { breachWords, thresholdOf } from './breach-words.js'

export type { TextOptions } from './style.js'

function staysBlock(report: Report, c: Paint): string[] {
  const n = breachWords(report).nouns
  if (report.stays.length === 0) return [`No ${n.stays} recorded.`]
  const lines = [c.bold(`${n.Stays} (${report.stays.length})`)]
  for (const s of report.stays) {
    const exit = s.exit === null ? n.inside.padEnd(10) : isoOf(s.exit)
    const planned = (s.entry > report.on ? c.cyan('  planned') : '') + (s.until === undefined ? '' : `  authorised until ${isoOf(s.until)}`)
    lines.push(`  ${isoOf(s.entry)} – ${exit}  ${plural(s.days, 'day').padStart(9)}  ${c.dim(formatSource(s.source))}${planned}`)
  }
  return lines
}

/**
 * Days over the limit at the peak of a run. A visit's limit is its own (a document's date may set
 * it), so for stay-length kinds every day of the run is one day over; a weighted test's allowance
 * changes with the years, so it has no single figure.
 */
function overBy(v: Violation, constraint: ConstraintReport): number | null {
  if (constraint.kind === 'per-visit' || constraint.kind === 'continuous') return v.end - v.start + 1
  return constraint.kind === 'weighted' ? null : v.peakDaysUsed - constraint.limit
}

function violationLine(v: Violation, c: Paint, constraints: readonly ConstraintReport[], many: boolean): string {
  const constraint = constraints.find((x) => x.id === v.constraint)
  const days = v.end - v.start + 1
  const threshold = thresholdOf(constraint)
  if (threshold !== null) return `  ${c.red(`${isoOf(v.start)} – ${isoOf(v.end)}`)}  ${plural(days, 'day')} present at or over the threshold of ${threshold}${many && constraint ? `  ${c.dim(constraint.label)}` : ''}`
  const by = constraint === undefined ? null : overBy(v, constraint)
  const over = by !== null && by > 0 ? ` (${by} over)` : ''
  const which = many && constraint ? `  ${c.dim(constraint.label)}` : ''
  return `  ${c.red(`${isoOf(v.start)} – ${isoOf(v.end)}`)}  ${plural(days, 'day')}, peak ${plural(v.peakDaysUsed, 'day')} counted${over}${which}`
}

/**
 * Constraint `i` of the report is a cap by entry date in force, but not for this visit (Thailand's
 * 30 days for entries until 2024-07-14): the entries it is for; otherwise `undefined`.
 */
function entriesOnly(report: Report, i: number): string | undefined {
  const spec = report.rule.constraints[i]
  const entries = spec === undefined ? '' : entriesText(spec)
  return entries !== '' && (spec === undefined || inForce(spec, report.on)) ? entries : undefined
}

function constraintsBlock(report: Report, c: Paint): string[] {
  if (report.constraints.length < 2) return []
  const lines = [c.bold('Constraints')]
  // The figures line up after the longest label (QA: kz-visa-free's per-visit label ran into them).
  const width = Math.max(36, ...report.constraints.map((k) => k.label.length))
  report.constraints.forEach((k, i) => {
    const exit = k.latestExit === null ? (k.latestExitBound === 'none' ? 'no limit' : 'none') : isoOf(k.latestExit)
    // A cap by entry date (Thailand's 30 days for entries until 2024-07-14) is in force, but not for this visit.
    const entries = entriesOnly(report, i)
    const state = k.inForce ? `${k.daysUsed}/${k.limit} used, latest exit ${exit}` : entries === undefined ? 'not in force on this date' : `not for this visit (only ${entries})`
    const mark = k.id === report.binding ? c.bold(' ← binding') : ''
    lines.push(`  ${k.label.padEnd(width)} ${state}${mark}`)
  })
  return ['', ...lines]
}

/** The headline figures of a threshold test: days counted, the threshold, and whether it is reached. */
function thresholdLine(report: Report, k: ConstraintReport, threshold: number, c: Paint): string {
  const total = k.details?.weightedTotal
  const counted = `Period ${isoOf(report.window.start)} – ${isoOf(report.window.end)}: ${plural(report.daysUsed, 'day')} counted`
  const weighted = typeof total === 'string' ? `, weighted total ${total}` : ''
  const crossedOn = k.details?.crossedOn
  if (k.details?.crossed === true) return c.red(`${counted}${weighted}: threshold of ${threshold} reached${typeof crossedOn === 'string' ? ` on ${crossedOn}` : ''}`)
  // No legal exit though not reached yet: planned stays reach it in this period whatever the exit.
  if (k.latestExitBound === 'over') return `${counted}${weighted}: under the threshold of ${threshold} so far`
  return `${counted}${weighted}: under the threshold of ${threshold}; ${plural(report.daysRemaining, 'more day')} stay under it`
}

/**
 * A threshold test with no legal exit though the count on the reference day is under it: planned
 * stays reach it later in the period (a violation of it after `on` in the period) whatever the exit.
 */
function decidedByPlans(report: Report, k: ConstraintReport): boolean {
  const end = k.details?.periodEnd
  return (
    k.details?.crossed !== true &&
    k.latestExitBound === 'over' &&
    typeof end === 'string' &&
    report.violations.some((v) => v.constraint === k.id && v.start > report.on && isoOf(v.start) <= end)
  )
}

/**
 * What the headline's days are counted over: the window, or for a cap on one stay the visit under
 * way (QA: outside one, "Window 2024-06-01 – 2024-06-01" read as a bug).
 */
function periodOf(report: Report, binding: ConstraintReport | undefined): string {
  const span = `${isoOf(report.window.start)} – ${isoOf(report.window.end)}`
  if (binding?.kind !== 'per-visit' && binding?.kind !== 'continuous') return `Window ${span}`
  if (report.daysUsed > 0) return `Visit ${span}`
  // Inside, with none of the visit's days counted yet (the rule not yet in force, or counting from a later day: QA).
  return report.inside ? `Visit under way on ${isoOf(report.on)}, no day of it counted yet` : `No visit under way on ${isoOf(report.on)}`
}

function headline(report: Report, c: Paint): string[] {
  const on = isoOf(report.on)
  const binding = report.constraints.find((k) => k.id === report.binding)
  const threshold = thresholdOf(binding)
  const limit = limitOf(report)
  const used = `${periodOf(report, binding)}: ${report.daysUsed} of ${limit} ${limit === 1 ? 'day' : 'days'} ${breachWords(report).nouns.used}`
  const lines = [
    threshold !== null && binding !== undefined
      ? thresholdLine(report, binding, threshold, c)
      : binding?.inForce === false
        ? // No limit applies on this date (or to this visit): days over it are no overstay.
          `${used}; ${idleLimit(entriesOnly(report, report.constraints.indexOf(binding)))}`
        : report.overstayDays > 0
          ? c.red(`${used}, ${report.overstayDays} over the limit`)
          : `${used}, ${report.daysRemaining} remaining`,
  ]
  const from = report.rule.countFrom
  if (from !== null && report.window.start < from) lines.push(c.dim(`(days before ${isoOf(from)} are not counted: the rule ${from > report.on ? 'takes' : 'took'} effect then)`))
  const { latestExit, latestExitBound: bound } = report
  if (latestExit === null) {
    if (bound === 'none') lines.push(c.green(`No limit applies from ${on}.`))
    else if (bound === 'plan') lines.push(c.red(`${report.inside ? 'Staying' : 'Entering'} on ${on} would make a planned stay break the rule.`))
    else if (threshold !== null && binding !== undefined && decidedByPlans(report, binding)) {
      lines.push(c.red(`Planned stays reach the threshold in this period whatever the exit: no exit keeps you under it.`))
    } else if (threshold !== null && binding?.details?.crossed !== true && !report.inside) {
      // Under it by a day: the day of entering would reach it (QA: "already reached" beside "under the threshold").
      lines.push(c.red(`Entering on ${on} would reach the threshold: no further day in this period keeps you under it.`))
    } else if (threshold !== null) lines.push(c.red(`The threshold is already reached in this period: every further day counts toward it.`))
    else lines.push(c.red(breachWords(report).noDayLeft(report.inside, on)))
    return lines
  }
  const length = latestExit - report.on + 1
  const because = bound === 'plan' ? ' (a planned stay binds)' : ''
  // A rule of absences (uk-ilr) counts periods abroad: its "exit" is the day you come back (QA: a
  // lawyer read "latest legal exit" for a client abroad); past a tax threshold's day nothing is unlawful.
  const words = breachWords(report)
  lines.push(
    report.inside
      ? c.bold(`${words.latest}: ${c.green(isoOf(latestExit))}`) + ` (${plural(length, 'day')} from ${on} inclusive)${because}`
      : c.bold(`${words.mayStayUntil(on)} ${c.green(isoOf(latestExit))}`) + ` (${plural(length, 'day')})${because}`,
  )
  // A document's earlier last day that the rule cannot count (Schengen 90/180 and a visa's own
  // duration): said under the headline, not only among the warnings (QA: a lawyer read the later date).
  const until = authorisedUntil(report)
  if (until !== null && until < report.on) lines.push(c.red(`Your document authorised this visit only until ${isoOf(until)}: you have stayed past it (see the warning).`))
  else if (until !== null && until < latestExit) lines.push(c.red(`Your document authorises this visit only until ${isoOf(until)}: leave by then (see the warning).`))
  return lines
}

const idleLimit = (entries: string | undefined): string => (entries === undefined ? 'the limit is not in force on this date' : `the limit does not apply to this visit (only ${entries})`)

function limitOf(report: Report): number {
  return report.constraints.find((k) => k.id === report.binding)?.limit ?? 0
}

/** The overstays (or thresholds reached) of a report, a heading and a line each; none: no lines. */
function violationsBlock(report: Report, c: ReturnType<typeof paint>): string[] {
  if (report.violations.length === 0) return []
  const lines = [c.red.bold(`${breachWords(report).heading} (${report.violations.length})`)]
  for (const v of report.violations) lines.push(violationLine(v, c, report.constraints, report.constraints.length > 1))
  return lines
}

/** `stay-calc plan` exits 1 when the history breaks a rule: these lines say where. */
export function renderHistoryViolations(reports: readonly Report[], options: TextOptions): string {
  const c = paint(options)
  const blocks = reports.filter((r) => r.violations.length > 0).map((r) => [...(reports.length > 1 ? [c.bold(r.rule.label)] : []), ...violationsBlock(r, c)].join('\n'))
  return blocks.length === 0 ? '' : `\n${blocks.join('\n\n')}\n`
}

export function renderText(report: Report, options: TextOptions): string {
  const c = paint(options)
  const lines: string[] = [c.bold(`${report.rule.label}`) + c.dim(` · on ${isoOf(report.on)}`), '']
  for (const item of staysBlock(report, c)) lines.push(item)
  for (const item of constraintsBlock(report, c)) lines.push(item)
  lines.push('')
  if (report.violations.length === 0) lines.push(c.green(breachWords(report).none))
  else lines.push(...violationsBlock(report, c))
  if (report.warnings.length > 0) {
    lines.push('', c.yellow.bold(`Warnings (${report.warnings.length})`))
    for (const w of report.warnings) lines.push(`  ${c.yellow(w.message)}  ${c.dim(w.sources.map(formatSource).join(', '))}`)
  }
  lines.push('', ...headline(report, c))
  return `${lines.join('\n')}\n`
}

/** With several rules: one line each, the binding one marked, and each rule's overstays. */
export function renderRulesSummary(reports: readonly Report[], binding: number, options: TextOptions): string {
  if (reports.length < 2) return ''
  const c = paint(options)
  const width = Math.max(...reports.map((r) => r.rule.id.length))
  const lines = ['', c.bold(`Rules checked (${reports.length})`)]
  reports.forEach((r, i) => {
    const words = breachWords(r)
    const exit = r.latestExit === null ? (r.latestExitBound === 'none' ? 'no limit' : lower(words.noDayTitle)) : `${words.latestKey} ${isoOf(r.latestExit)}`
    const over = r.violations.length > 0 ? c.red(`, ${breachWords(r).count(r.violations.length)}`) : ''
    const mark = i === binding ? c.bold('  ← binding') : ''
    // A threshold test counts toward its threshold, as its headline says (QA: "31/182 used" beside "threshold of 183").
    const binds = r.constraints.find((k) => k.id === r.binding)
    const threshold = thresholdOf(binds)
    // A weighted test's total is what reaches its threshold, not the days of this year (QA: us-spt).
    const total = binds?.details?.weightedTotal
    const counted = typeof total === 'string' ? `weighted ${total}` : `${r.daysUsed} counted`
    const used = threshold === null ? `${r.daysUsed}/${limitOf(r)} ${words.nouns.used}` : `${counted}, threshold ${threshold}`
    lines.push(`  ${r.rule.id.padEnd(width)}  ${used}, ${exit}${over}${mark}`)
    // The binding rule's are listed above; another rule's would be counted but never dated (QA).
    if (i !== binding) for (const v of r.violations) lines.push(`  ${violationLine(v, c, r.constraints, r.constraints.length > 1)}`)
  })
  return `${lines.join('\n')}\n`
}
