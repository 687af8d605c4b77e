/**
 * Text for the planning answers: planned stays, `--for K`, days coming back, the earliest full
 * re-entry, `--explain`, and the `plan` re-entry calendar. Pure: data in, string out.
 */
import { isoOf, ymdOf } from '../day.js'
import { earlierYearKey } from '../engine/weighted.js'
import type { Explanation } from '../engine/explain.js'
import { type DaysComeBack, type EntryAnswer, type FullReentry, MAX_START_ADVICE, MAX_START_SEARCH_STAYS, type PlanCheck, type ReentryCalendar, type StayOption } from '../engine/plan.js'
import { FOR_SEARCH_BUDGET, type ForStay, type Planning } from '../engine/planning.js'
import type { Report } from '../engine/types.js'
import { formatSource } from '../errors.js'
import { constraintId, isThresholdId } from '../rules/describe.js'
import { type Paint, paint, type TextOptions } from './style.js'
import { renderTimeline } from './timeline.js'
import { breachWords, constraintWords, type Nouns, STAY_NOUNS } from './breach-words.js'
import { capital, lower, plural } from '../words.js'
import type { Purpose, Rule } from '../rules/types.js'

const span = (a: number, b: number): string => (a === b ? isoOf(a) : `${isoOf(a)} – ${isoOf(b)}`)

/** "11 days, until 2024-06-11" / "no stay possible" / "no limit". */
function stayPhrase(s: StayOption, n: Nouns): string {
  if (s.days === null) return 'no limit applies'
  if (s.days === 0 || s.latestExit === null) return s.bound === 'plan' ? `no ${n.stay} possible without breaking a planned ${n.stay}` : `no ${n.stay} possible`
  return `${plural(s.days, 'day')}, until ${isoOf(s.latestExit)}${s.bound === 'plan' ? ` (a planned ${n.stay} binds)` : ''}`
}

function noEntryPhrase(a: EntryAnswer, n: Nouns): string {
  if (a.reason === 'not-computed') {
    const most = a.ruleMaximum !== null && a.ruleMaximum < a.days ? `; the rule allows at most ${plural(a.ruleMaximum, 'day')} in one ${n.stay}` : ''
    return `not searched to the end: too many ${n.stays} over too long a span to search day by day (over ${FOR_SEARCH_BUDGET.toLocaleString('en-US')} ${n.stays} times days)${most}`
  }
  if (a.reason === 'exceeds-rule') return `never: the rule allows at most ${plural(a.ruleMaximum ?? 0, 'day')} in one ${n.stay}`
  return `not possible with the ${n.stays} recorded and planned`
}

export function forStayLines(f: ForStay, on: number, plans: readonly PlanCheck[], c: Paint, n: Nouns): string[] {
  const { answer, longest } = f
  const lines = [c.bold(`A ${answer.days}-day ${n.stay}`)]
  const from = longest.inside ? `${n.StayingOn} from ${isoOf(on)}` : `${n.Entering} on ${isoOf(on)}`
  lines.push(`  ${from}: ${stayPhrase(longest, n)}`)
  lines.push(
    answer.entry === null
      ? `  Earliest ${n.entry} on or after ${isoOf(answer.from)}: ${c.red(noEntryPhrase(answer, n))}`
      : `  Earliest ${n.entry} on or after ${isoOf(answer.from)}: ${c.green(isoOf(answer.entry))} (until ${isoOf(answer.exit as number)})`,
  )
  // Told from the day one leaves on: that day itself too (a same-day exit and re-entry), `on`
  // included when leaving then; not when the answer is staying on, as long as it lasts.
  const stayingOn = longest.days === null || longest.days >= answer.days
  if (f.leaving !== null && !stayingOn && answer.entry !== null && answer.entry >= f.leaving) lines.push(c.dim(`  (that ${n.entry} assumes you ${n.leave} on ${isoOf(f.leaving)}: ${lower(n.StayingOn)} uses days it needs)`))
  const { entry, exit } = answer
  // Entering on a plan's exit day is a same-day exit and re-entry, not running into it (QA).
  const joined = entry === null || exit === null ? undefined : plans.find((p) => p.entry <= exit + 1 && p.exit > entry)
  if (joined) lines.push(c.dim(`  (it runs into the planned ${n.stay} ${span(joined.entry, joined.exit)}: days ${n.present} count once)`))
  return lines
}

export function planLines(plans: readonly PlanCheck[], total: number, c: Paint, n: Nouns, heading: string): string[] {
  if (plans.length === 0) return []
  const count = total > plans.length ? `the first ${plans.length} of ${total} checked; ${heading} above covers every day` : `${plans.length}`
  const lines = [c.bold(`Planned ${n.stays} (${count})`)]
  for (const p of plans) {
    const head = `  ${span(p.entry, p.exit)}  ${plural(p.days, 'day').padStart(8)}  `
    const where = c.dim(formatSource(p.source))
    if (p.ok) {
      const more = p.longest.latestExit !== null && p.longest.latestExit > p.exit ? `, could ${n.stayVerb} until ${isoOf(p.longest.latestExit)}` : ''
      lines.push(`${head}${c.green('ok')}${more}  ${where}`)
      continue
    }
    lines.push(`${head}${c.red(`breaks the rule: ${plural(p.excessDays, 'day')} too long`)}${p.longest.bound === 'plan' ? ` (a later planned ${n.stay} would break it)` : ''}  ${where}`)
    const advice: string[] = []
    advice.push(p.shortenedExit === null ? `no day of it is legal from ${isoOf(p.entry)}` : `${n.leave} by ${c.green(isoOf(p.shortenedExit))}`)
    const start = p.earliestStart
    const skipped = start?.reason === 'not-computed'
    if (start !== null && !skipped) {
      advice.push(start.entry === null ? `no start keeps ${plural(p.days, 'day')} (${noEntryPhrase(start, n)})` : `start on ${c.green(isoOf(start.entry))}, the earliest start that keeps ${plural(p.days, 'day')}`)
    }
    lines.push(`    ${advice.join('; or ')}${skipped ? c.dim(` (earliest start: searched only for the first ${MAX_START_ADVICE} breaking plans of inputs up to ${MAX_START_SEARCH_STAYS} stays)`) : ''}`)
  }
  return lines
}

export function comebackLines(back: DaysComeBack | null, on: number, planned: boolean, c: Paint, n: Nouns = STAY_NOUNS): string[] {
  if (back === null || back.runs.length === 0) return []
  const note = planned ? `, planned ${n.stays} left out` : ''
  const lines = [c.bold('Days come back') + c.dim(` (if you are not ${n.present} after ${isoOf(back.after)}${note})`)]
  const then = back.after > on ? `; ${back.daysRemainingAfter} on ${isoOf(back.after)}, the recorded ${n.exit}` : ''
  lines.push(`  ${plural(back.daysRemaining, 'day')} remaining on ${isoOf(on)}${then}`)
  for (const r of back.runs) {
    const rise = r.from === r.to ? '' : `, rising to ${r.daysTo} by ${isoOf(r.to)}`
    lines.push(`  on ${isoOf(r.from)} you will have ${plural(r.daysFrom, 'day')} again${rise}`)
  }
  if (back.cutAt !== null) lines.push(c.dim(`  told until ${isoOf(back.cutAt)}, ten years on; days may still come back after it`))
  if (back.ruleEnds !== null) lines.push(c.dim(`  the rule is not in force after ${isoOf(back.ruleEnds)}: no limit from then`))
  return lines
}

export function fullReentryLine(full: FullReentry | null, c: Paint, n: Nouns): string[] {
  if (full === null) return []
  const after = full.leaving === null ? '' : ` after ${n.leaving} on ${isoOf(full.leaving)}`
  const when = full.entry === null ? c.red('not possible') : c.green(isoOf(full.entry))
  return [c.bold(`Earliest full ${n.reentry} (${plural(full.days, 'day')})${after}: `) + when]
}

/** Constraint ids of threshold tests (rules/describe.ts `constraintId`): `year:183+…`, `weighted:183`. */

/** A line of plain text in 80 columns, cut at spaces, the rest under its indent (a coloured line is left as it is). */
function wrapped(line: string): string[] {
  const width = 80
  if ([...line].length <= width || line.includes('\u001b')) return [line]
  const indent = /^ */.exec(line)![0]
  const out: string[] = []
  let rest = line
  while ([...rest].length > width) {
    const cut = rest.lastIndexOf(' ', width)
    if (cut <= indent.length) break
    out.push(rest.slice(0, cut))
    rest = indent + rest.slice(cut + 1)
  }
  out.push(rest)
  return out
}

/** What a constraint counts its days in, by its id (`constraintId`): a per-visit cap's are a visit's, not a window's (QA). */
function periodOf(constraint: string): string {
  const kind = constraint.slice(0, constraint.indexOf(':'))
  return kind === 'per-visit' || kind === 'continuous' ? 'visit' : kind === 'year' ? 'year' : kind === 'weighted' ? 'period' : 'window'
}

/**
 * A weighted test's earlier years as counted on `on` (US SPT: a third of last year's days, a sixth
 * of the year before's), when the period explained is that of `on`: this year's days alone do not
 * add up to the threshold (QA: "133 days would count …, reaching … 183").
 */
function earlierYears(report: Report, e: Explanation): string | undefined {
  const k = report.constraints.find((x) => x.id === e.constraint)
  const rule = report.rule.constraints.find((x) => constraintId(x) === e.constraint)
  if (rule?.kind !== 'weighted' || k?.details?.periodStart !== isoOf(e.window.start) || rule.divisors.length < 2) return undefined
  const { year, month, day } = ymdOf(e.window.start)
  const parts = rule.divisors.slice(1).map((divisor, i) => {
    const days = Number(k.details?.[earlierYearKey(i)] ?? 0)
    const when = month === 1 && day === 1 ? String(year - i - 1) : `the year from ${year - i - 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    return `${days} of ${when} ${divisor === 1 ? 'in full' : `at 1/${divisor} each`}`
  })
  return `  with ${parts.join(' and ')},`
}

export function explanationLines(e: Explanation | null, c: Paint, purpose: Purpose | undefined, earlier?: string): string[] {
  if (e === null) return [c.bold('Why there is no deadline'), '  No limit applies from the reference day: nothing binds.']
  const words = constraintWords(e.constraint, purpose)
  const n = words.nouns
  const { window, bindingDay } = e
  const title =
    e.latestExit === null
      ? words.noDayWhy
      : e.inside
        ? `Why ${isoOf(e.latestExit)} is the ${lower(words.latest)}`
        : `Why ${n.aStay} ${lower(n.Entering)} on ${isoOf(e.hypothetical?.start ?? bindingDay)} must end by ${isoOf(e.latestExit)}`
  const lines = [c.bold(title)]
  // Named by its own dates; the rows below give the part of it counted in the window.
  const plan = e.stays.find((s) => s.kind === 'planned' && s.stay.start <= bindingDay && bindingDay <= s.stay.end)
  const planName = plan ? `the planned ${n.stay} ${span(plan.stay.start, plan.stay.end)}` : `a planned ${n.stay}`
  // A threshold that planned stays reach whatever the exit: the year is decided, and its day is later.
  const decided = e.bound === 'over' && bindingDay > e.on
  const counts = e.bound === 'over' && e.hypothetical === null && !decided ? 'count' : 'would count'
  const doing = (until: number): string =>
    e.inside
      ? `${n.StayingOn} until ${isoOf(until)}`
      : `${n.Entering} on ${isoOf(e.hypothetical?.start ?? until)}${until === e.hypothetical?.start ? '' : ` and ${n.staying} until ${isoOf(until)}`}`
  // The day of leaving that breaks the rule: the day after the latest exit.
  const leavingDay = e.latestExit === null ? e.on : e.latestExit + 1
  if (decided) {
    lines.push(`  ${e.inside ? `Even ${n.leaving} on ${isoOf(e.on)}` : `Even without ${lower(n.Entering)}`}, planned ${n.stays} reach the threshold on ${isoOf(bindingDay)}:`)
  } else if (e.bound === 'over') {
    lines.push(e.inside ? `  Being ${n.inside} on ${isoOf(bindingDay)} already breaks the rule:` : `  ${n.Entering} on ${isoOf(bindingDay)} would break the rule that day:`)
  } else if (e.bound === 'plan' && (e.hypothetical !== null || e.latestExit !== null)) {
    // Inside, the day after the latest exit may come before the recorded exit: no hypothetical days.
    const until = e.hypothetical?.end ?? leavingDay
    lines.push(`  ${doing(until)} would make`, `  ${planName} break the rule on ${isoOf(bindingDay)}:`)
  } else if (bindingDay < leavingDay) {
    // Counting midnights or whole days, the day before leaving is the one too many, not the day left.
    const leaving = e.inside
      ? `${capital(n.leaving)} on ${isoOf(leavingDay)} or later`
      : `${n.Entering} on ${isoOf(e.hypothetical?.start ?? leavingDay)} and ${n.leaving} on ${isoOf(leavingDay)} or later`
    lines.push(`  ${leaving} would break the rule on ${isoOf(bindingDay)}:`)
  } else {
    lines.push(`  ${doing(bindingDay)} would break the rule that day:`)
  }
  lines.push(`  ${c.red(`${plural(e.daysCounted, 'day')} ${counts} in the ${periodOf(e.constraint)} ${span(window.start, window.end)}`)},`)
  // A threshold (UK SRT, US SPT) is broken by reaching it, not by going over it.
  // A visit's own authorised last day (--admit-until, an until column) may allow fewer days than the
  // rule's label says (QA: "90 days would count … over the limit of 90 days per visit" for 89).
  const stated = Number(/^(\d+) days? /.exec(e.label)?.[1] ?? Number.NaN)
  if (earlier !== undefined) lines.push(earlier)
  if (isThresholdId(e.constraint)) lines.push(`  reaching the threshold: ${e.label}.`)
  else if (stated === e.limit || Number.isNaN(stated)) lines.push(`  over the limit of ${e.label}.`)
  else lines.push(`  over the ${plural(e.limit, 'day')} authorised for this visit`, `  (the rule: ${e.label}).`)
  // The sentences in 80 columns, as the timeline under them (QA: up to 111 with us-spt's label).
  lines.push(...lines.splice(1).flatMap(wrapped), `  Counted in that ${periodOf(e.constraint)}:`)
  let total = 0
  for (const s of e.stays) {
    total += s.days
    const what = s.kind === 'hypothetical' ? (e.inside ? `if ${lower(n.StayingOn)}` : `if ${lower(n.Entering)}`) : `${s.kind}  ${formatSource(s.source ?? {})}`
    lines.push(`    ${span(s.entry, s.exit).padEnd(23)}  ${plural(s.days, 'day').padStart(8)}  ${c.dim(what)}`)
  }
  const shared = total === e.daysCounted ? '' : c.dim(`  (${plural(total - e.daysCounted, 'day')} shared by two ${n.stays} ${total - e.daysCounted === 1 ? 'counts' : 'count'} once)`)
  lines.push(`    ${''.padEnd(23)}  ${plural(e.daysCounted, 'day').padStart(8)}${shared}`)
  return lines
}

export interface PlanningTextOptions extends TextOptions {
  /** `--explain` was given: the explanation (or that nothing binds), days coming back, full re-entry. */
  readonly explain?: boolean
}

/** Sections appended to the main report: planned stays, `--explain`, the timeline, `--for`. */
export function renderPlanning(report: Report, planning: Planning, options: PlanningTextOptions): string {
  const c = paint(options)
  const words = breachWords(report)
  const n = words.nouns
  const explain = options.explain === true || planning.explain !== null
  const sections: string[][] = [planLines(planning.plans, planning.plansTotal, c, n, words.heading)]
  if (explain) sections.push(explanationLines(planning.explain, c, report.rule.purpose, planning.explain === null ? undefined : earlierYears(report, planning.explain)))
  if (planning.timeline !== null) sections.push(renderTimeline(planning.timeline, options, constraintWords(planning.timeline.constraint, report.rule.purpose)).trimEnd().split('\n'))
  if (explain) sections.push([...comebackLines(planning.daysComeBack, report.on, planning.plans.length > 0, c, n), ...fullReentryLine(planning.fullReentry, c, n)])
  if (planning.forStay !== null) sections.push(forStayLines(planning.forStay, report.on, planning.plans, c, n))
  const text = sections
    .filter((s) => s.length > 0)
    .map((s) => s.join('\n'))
    .join('\n\n')
  return text === '' ? '' : `\n${text}\n`
}

/** Rows of plain cells (entry days, longest stay, leave by, note) and whether no entry is possible. */
function calendarRows(cal: ReentryCalendar, plans: readonly PlanCheck[], n: Nouns): { cells: string[]; none: boolean }[] {
  return cal.groups.map((g) => {
    const entries = span(g.from, g.to)
    const none = g.daysFrom === 0
    const length =
      g.daysFrom === null ? 'no limit' : none ? `no ${n.entry}` : g.daysFrom === g.daysTo ? plural(g.daysFrom, 'day') : `${g.daysFrom} → ${plural(g.daysTo ?? 0, 'day')}`
    const leave = g.exitFrom === null || g.exitTo === null ? '' : span(g.exitFrom, g.exitTo)
    const staying = g.inside && g.from === cal.from
    const planned = g.inside && plans.some((p) => p.entry <= g.from && g.to <= p.exit)
    const note = [
      staying ? lower(n.StayingOn) : planned ? n.withinPlan : g.inside ? `still ${n.inside}: ${lower(n.StayingOn)}` : g.reenters ? n.planLastDay : '',
      g.joins ? `joins a planned ${n.stay}` : '',
      g.bound === 'plan' ? `a planned ${n.stay} binds` : '',
    ]
      .filter(Boolean)
      .join(', ')
    return { cells: [entries, length, leave, note], none }
  })
}

/** The `plan` command: the re-entry calendar, then planned stays, days coming back, full re-entry. */
export function renderPlanText(report: Report, planning: Planning, options: TextOptions, rules: readonly Rule[] = [report.rule]): string {
  const c = paint(options)
  const words = breachWords(report)
  const n = words.nouns
  const cal = planning.calendar
  // Every rule the answers hold under, not only the binding one's label (QA: read as Schengen alone).
  const title = rules.length > 1 ? `${rules.map((r) => r.id).join(' + ')}: every answer holds under each rule` : report.rule.label
  const lines: string[] = [c.bold(title) + c.dim(` · on ${isoOf(report.on)}`), '']
  if (cal !== null && cal.count > 0) {
    const last = cal.from + cal.count - 1
    lines.push(c.bold(`${n.calendar}, ${span(cal.from, last)}`) + c.dim(` (longest ${n.stay} ${lower(n.Entering)} on each day)`))
    const leaving = planning.daysComeBack?.after ?? cal.from
    // Before a recorded exit the rows are staying on from that day, if still there (QA: "already
    // inside" rows under "later entries assume you leave on …" read as a contradiction).
    if (cal.days[0]?.inside) {
      const said =
        leaving > cal.from
          ? [
              `  ${capital(n.inside)} on ${isoOf(cal.from)} until the recorded ${n.exit} ${isoOf(leaving)}: the rows to it are`,
              `  ${lower(n.StayingOn)} from that day; later ${n.entries} assume you ${n.leave} on ${isoOf(leaving)}.`,
            ]
          : [`  ${capital(n.inside)} on ${isoOf(cal.from)}: later ${n.entries} assume you ${n.leave} on ${isoOf(leaving)}.`]
      for (const line of said) lines.push(c.dim(line))
    }
    const header = [`${n.Entering} on`, `Longest ${n.stay}`, n.LeaveBy, '']
    const rows = calendarRows(cal, planning.plans, n)
    const widths = [0, 1, 2].map((k) => Math.max(header[k]!.length, ...rows.map((r) => r.cells[k]!.length)))
    const pad = (cells: readonly string[]) => cells.map((cell, k) => (k < 3 ? cell.padEnd(widths[k]!) : cell))
    lines.push(c.dim(`  ${pad(header).join('  ')}`.trimEnd()))
    for (const { cells, none } of rows) {
      const [entries, length, leave, note] = pad(cells)
      lines.push(`  ${entries}  ${none ? c.red(length!) : length}  ${leave}  ${c.dim(note!)}`.trimEnd())
    }
  }
  const rest = [planLines(planning.plans, planning.plansTotal, c, n, words.heading), comebackLines(planning.daysComeBack, report.on, planning.plans.length > 0, c, n)]
  for (const section of rest) if (section.length > 0) lines.push('', ...section)
  const full = fullReentryLine(planning.fullReentry, c, n)
  if (full.length > 0) lines.push('', ...full)
  return `${lines.join('\n')}\n`
}
