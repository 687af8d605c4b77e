/**
 * A traveller's JSON element written straight to text: the same characters as
 * `JSON.stringify(travellerJson(result))` (test/json-text.test.ts checks them against each other),
 * in about a third of the time. At a million rows the batch writes 166 MB of JSON Lines, and
 * building the plain objects and stringifying them was the largest cost after csv-parse itself
 * (bench/batch.js). The keys are fixed, so they are written as literals; the strings that repeat
 * (rule labels, constraint ids, file names, dates) are quoted once. Pure.
 */
import type { ConstraintReport, Report, StayReport, Violation } from '../engine/types.js'
import type { SourceRef, Warning } from '../types.js'
import { travellerJson, type TravellerResult } from './batch.js'
import { isoOf, SCHEMA_VERSION, warningJson } from './json.js'

/** `JSON.stringify` of strings seen again and again; bounded, since names of files are the user's. */
const quotedMemo = new Map<string, string>()
const QUOTED_MAX = 4096
function quoted(text: string): string {
  let q = quotedMemo.get(text)
  if (q === undefined) {
    q = JSON.stringify(text)
    if (quotedMemo.size < QUOTED_MAX) quotedMemo.set(text, q)
  }
  return q
}

const quotedDays = new Map<number, string>()
function day(d: number): string {
  let q = quotedDays.get(d)
  if (q === undefined) {
    q = `"${isoOf(d)}"`
    if (quotedDays.size < 1 << 17) quotedDays.set(d, q)
  }
  return q
}

const dayOrNull = (d: number | null | undefined): string => (d === null || d === undefined ? 'null' : day(d))

/** `JSON.stringify` of a number: the engine's figures are integers, but `Infinity` would be `null`. */
const num = (n: number): string => (Number.isFinite(n) ? `${n}` : 'null')

function source(s: SourceRef): string {
  if (s.flag !== undefined) return quoted(s.flag)
  if (s.file === undefined) return '"input"'
  if (s.line === undefined) return quoted(s.file)
  // the file's quoted name without its closing quote, then `:line"`
  return `${quoted(s.file).slice(0, -1)}:${s.line}"`
}

function list<T>(items: readonly T[], item: (x: T) => string): string {
  if (items.length === 0) return '[]'
  let out = `[${item(items[0] as T)}`
  for (let i = 1; i < items.length; i++) out += `,${item(items[i] as T)}`
  return `${out}]`
}

const violation = (v: Violation): string =>
  `{"start":${day(v.start)},"end":${day(v.end)},"peakDaysUsed":${num(v.peakDaysUsed)},"constraint":${quoted(v.constraint)}}`

const stay = (s: StayReport): string =>
  `{"entry":${day(s.entry)},"exit":${dayOrNull(s.exit)},"days":${num(s.days)},"source":${source(s.source)},"until":${dayOrNull(s.until)}}`

const warning = (w: Warning): string => JSON.stringify(warningJson(w))

function details(d: ConstraintReport['details']): string {
  if (d === undefined) return '{}'
  for (const _ in d) return JSON.stringify(d)
  return '{}'
}

const constraint = (c: ConstraintReport): string =>
  `{"id":${quoted(c.id)},"kind":${quoted(c.kind)},"label":${quoted(c.label)},"inForce":${c.inForce},"limit":${num(c.limit)},"daysUsed":${num(c.daysUsed)},` +
  `"window":{"start":${day(c.window.start)},"end":${day(c.window.end)}},"daysRemaining":${num(c.daysRemaining)},"overstayDays":${num(c.overstayDays)},` +
  `"latestExit":${dayOrNull(c.latestExit)},"latestExitBound":${quoted(c.latestExitBound)},"violations":${list(c.violations, violation)},"details":${details(c.details)}}`

function rule(report: Report): string {
  const binding = report.constraints.find((c) => c.id === report.binding)
  const window = binding?.kind === 'rolling' ? num(binding.window.end - binding.window.start + 1) : 'null'
  const { rule } = report
  return `{"id":${quoted(rule.id)},"label":${quoted(rule.label)},"limit":${binding ? num(binding.limit) : 'null'},"window":${window},"countFrom":${dayOrNull(rule.countFrom)}}`
}

const ruleAnswer = (r: Report): string =>
  `{"id":${quoted(r.rule.id)},"label":${quoted(r.rule.label)},"daysUsed":${num(r.daysUsed)},"daysRemaining":${num(r.daysRemaining)},"overstayDays":${num(r.overstayDays)},` +
  `"latestExit":${dayOrNull(r.latestExit)},"latestExitBound":${quoted(r.latestExitBound)},"binding":${quoted(r.binding)},"violations":${list(r.violations, violation)}}`

/** `JSON.stringify(travellerJson(result))`, faster. */
export function travellerJsonText(result: TravellerResult): string {
  if (!('report' in result)) return JSON.stringify(travellerJson(result))
  const { report: r, reports, binding } = result
  return (
    `{"traveller":${JSON.stringify(result.traveller)},"schemaVersion":${SCHEMA_VERSION},"on":${day(r.on)},"rule":${rule(r)},"inside":${r.inside},` +
    `"daysUsed":${num(r.daysUsed)},"window":{"start":${day(r.window.start)},"end":${day(r.window.end)}},"daysRemaining":${num(r.daysRemaining)},` +
    `"overstayDays":${num(r.overstayDays)},"latestExit":${dayOrNull(r.latestExit)},"latestExitBound":${quoted(r.latestExitBound)},` +
    `"violations":${list(r.violations, violation)},"stays":${list(r.stays, stay)},"warnings":${list(r.warnings, warning)},"binding":${quoted(r.binding)},` +
    `"constraints":${list(r.constraints, constraint)},"bindingRule":${reports[binding] === undefined ? 'null' : quoted(reports[binding].rule.id)},"rules":${list(reports, ruleAnswer)}}`
  )
}
