/**
 * The JSON contract (schemaVersion 1). Keys are always present, in this order; `null` rather than
 * missing; dates as YYYY-MM-DD. Documented in the README ("JSON output"). Pure.
 */
import { isoOf as isoOfDay } from '../day.js'
import { authorisedUntil } from '../engine/authorised.js'
import type { ConstraintReport, Report, Violation } from '../engine/types.js'
import { sourceText } from '../errors.js'
import type { Rule } from '../rules/types.js'
import type { Warning } from '../types.js'

export const SCHEMA_VERSION = 1

/**
 * `isoOf`, remembered for days 1900 … 2199: a batch renders the same few thousand dates millions
 * of times (bench/batch.js: about 80 ms of 4 s at 1M rows).
 */
const ISO_FIRST = -25_567 // 1900-01-01
const ISO_SPAN = 109_573 // through 2199-12-31
let isoMemo: string[] | undefined
export function isoOf(day: number): string {
  const i = day - ISO_FIRST
  if (!(i >= 0 && i < ISO_SPAN)) return isoOfDay(day)
  isoMemo ??= Array.from({ length: ISO_SPAN }, () => '')
  return (isoMemo[i] ||= isoOfDay(day))
}

const isoOrNull = (d: number | null): string | null => (d === null ? null : isoOf(d))

/** `rule` block: the headline limit/window are those of the binding constraint. */
function ruleJson(rule: Rule, binding: ConstraintReport | undefined) {
  const window = binding?.kind === 'rolling' ? binding.window.end - binding.window.start + 1 : null
  return {
    id: rule.id,
    label: rule.label,
    limit: binding ? binding.limit : null,
    window,
    countFrom: isoOrNull(rule.countFrom),
  }
}

function violationJson(v: Violation) {
  return { start: isoOf(v.start), end: isoOf(v.end), peakDaysUsed: v.peakDaysUsed, constraint: v.constraint }
}

function constraintJson(c: ConstraintReport) {
  return {
    id: c.id,
    kind: c.kind,
    label: c.label,
    inForce: c.inForce,
    limit: c.limit,
    daysUsed: c.daysUsed,
    window: { start: isoOf(c.window.start), end: isoOf(c.window.end) },
    daysRemaining: c.daysRemaining,
    overstayDays: c.overstayDays,
    latestExit: isoOrNull(c.latestExit),
    latestExitBound: c.latestExitBound,
    violations: c.violations.map(violationJson),
    details: c.details ?? {},
  }
}

export function warningJson(w: Warning) {
  return { code: w.code, message: w.message, sources: w.sources.map(sourceText) }
}

/** The single-traveller object, as plain data (also the element of batch outputs). */
export function reportJson(report: Report) {
  const binding = report.constraints.find((c) => c.id === report.binding)
  return {
    schemaVersion: SCHEMA_VERSION,
    on: isoOf(report.on),
    rule: ruleJson(report.rule, binding),
    inside: report.inside,
    daysUsed: report.daysUsed,
    window: { start: isoOf(report.window.start), end: isoOf(report.window.end) },
    daysRemaining: report.daysRemaining,
    overstayDays: report.overstayDays,
    latestExit: isoOrNull(report.latestExit),
    latestExitBound: report.latestExitBound,
    violations: report.violations.map(violationJson),
    stays: report.stays.map((s) => ({
      entry: isoOf(s.entry),
      exit: isoOrNull(s.exit),
      days: s.days,
      source: sourceText(s.source),
      until: isoOrNull(s.until ?? null),
    })),
    authorisedUntil: isoOrNull(authorisedUntil(report)),
    warnings: report.warnings.map(warningJson),
    binding: report.binding,
    constraints: report.constraints.map(constraintJson),
  }
}

/** `extra`: keys appended after the contract's (the planning answers, src/render/plan-json.ts). */
export function renderJson(report: Report, extra: Readonly<Record<string, unknown>> = {}): string {
  return `${JSON.stringify({ ...reportJson(report), ...extra }, null, 2)}\n`
}

/** Every rule's answer when several are checked (`--rule a --rule b`); the binding one first in `bindingRule`. */
export function rulesJson(reports: readonly Report[], binding: number) {
  return {
    bindingRule: reports[binding]?.rule.id ?? null,
    rules: reports.map((r) => ({
      id: r.rule.id,
      label: r.rule.label,
      daysUsed: r.daysUsed,
      daysRemaining: r.daysRemaining,
      overstayDays: r.overstayDays,
      latestExit: isoOrNull(r.latestExit),
      latestExitBound: r.latestExitBound,
      binding: r.binding,
      violations: r.violations.map(violationJson),
    })),
  }
}
