/**
 * The planning keys of the JSON output, appended after the core contract (which keeps its keys and
 * their meaning). Always present; `null` when not asked for. Dates as YYYY-MM-DD. Documented in
 * the README ("Planning and explanation"). Pure.
 */
import { isoOf } from '../day.js'
import type { Explanation } from '../engine/explain.js'
import type { EntryAnswer, PlanCheck, ReentryCalendar, StayOption } from '../engine/plan.js'
import type { Planning } from '../engine/planning.js'
import { sourceText } from '../errors.js'

const isoOrNull = (d: number | null): string | null => (d === null ? null : isoOf(d))

function stayOptionJson(s: StayOption) {
  return { entry: isoOf(s.entry), longestStay: s.days, latestExit: isoOrNull(s.latestExit), latestExitBound: s.bound, inside: s.inside }
}

function entryJson(a: EntryAnswer) {
  return { days: a.days, from: isoOf(a.from), entry: isoOrNull(a.entry), exit: isoOrNull(a.exit), reason: a.reason, ruleMaximum: a.ruleMaximum }
}

function planJson(p: PlanCheck) {
  return {
    entry: isoOf(p.entry),
    exit: isoOf(p.exit),
    days: p.days,
    source: sourceText(p.source),
    ok: p.ok,
    excessDays: p.excessDays,
    latestExit: isoOrNull(p.longest.latestExit),
    latestExitBound: p.longest.bound,
    shortenedExit: isoOrNull(p.shortenedExit),
    earliestStart: p.earliestStart === null ? null : isoOrNull(p.earliestStart.entry),
    earliestStartReason: p.earliestStart?.reason ?? null,
  }
}

function explainJson(e: Explanation) {
  return {
    latestExit: isoOrNull(e.latestExit),
    latestExitBound: e.bound,
    inside: e.inside,
    hypothetical: e.hypothetical === null ? null : { start: isoOf(e.hypothetical.start), end: isoOf(e.hypothetical.end) },
    bindingDay: isoOf(e.bindingDay),
    constraint: e.constraint,
    label: e.label,
    limit: e.limit,
    window: { start: isoOf(e.window.start), end: isoOf(e.window.end) },
    daysCounted: e.daysCounted,
    // A day in two of the stays (a same-day exit and re-entry, staying on through a planned stay)
    // counts once, as the text says (QA: the days added up to more than daysCounted).
    sharedDays: e.stays.reduce((n, s) => n + s.days, 0) - e.daysCounted,
    stays: e.stays.map((s) => ({
      entry: isoOf(s.entry),
      exit: isoOf(s.exit),
      days: s.days,
      kind: s.kind,
      source: s.source === null ? null : sourceText(s.source),
    })),
  }
}

export function calendarJson(cal: ReentryCalendar) {
  return {
    from: isoOf(cal.from),
    days: cal.count,
    calendar: cal.days.map(stayOptionJson),
    groups: cal.groups.map((g) => ({
      from: isoOf(g.from),
      to: isoOf(g.to),
      daysFrom: g.daysFrom,
      daysTo: g.daysTo,
      exitFrom: isoOrNull(g.exitFrom),
      exitTo: isoOrNull(g.exitTo),
      latestExitBound: g.bound,
      inside: g.inside,
    })),
  }
}

/** The keys appended to the core JSON object, in this order. */
export function planningJson(p: Planning) {
  return {
    forStay: p.forStay === null ? null : { ...entryJson(p.forStay.answer), longest: stayOptionJson(p.forStay.longest), leaving: isoOrNull(p.forStay.leaving) },
    plans: p.plans.map(planJson),
    plansTotal: p.plansTotal,
    daysComeBack:
      p.daysComeBack === null
        ? null
        : {
            daysRemaining: p.daysComeBack.daysRemaining,
            after: isoOf(p.daysComeBack.after),
            daysRemainingAfter: p.daysComeBack.daysRemainingAfter,
            runs: p.daysComeBack.runs.map((r) => ({ from: isoOf(r.from), to: isoOf(r.to), daysFrom: r.daysFrom, daysTo: r.daysTo })),
            cutAt: isoOrNull(p.daysComeBack.cutAt),
            ruleEnds: isoOrNull(p.daysComeBack.ruleEnds),
          },
    fullReentry: p.fullReentry === null ? null : { leaving: isoOrNull(p.fullReentry.leaving), entry: isoOrNull(p.fullReentry.entry), days: p.fullReentry.days },
    explain: p.explain === null ? null : explainJson(p.explain),
    plan: p.calendar === null ? null : calendarJson(p.calendar),
  }
}
