/**
 * What every batch format shares: a traveller's status, the JSON element, the totals and the
 * summary line, and the writer interface the formats implement. Writers return strings and keep
 * only what they must (the text table and JUnit need the totals before the rows). Pure.
 */
import { isoOf } from '../day.js'
import type { Report, Violation } from '../engine/types.js'
import { formatSource, printable, type InputProblem } from '../errors.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay, Warning } from '../types.js'
import type { ByteWriter } from './byte-writer.js'
import { reportJson, rulesJson } from './json.js'
import { plural } from '../words.js'
import { breachWords, thresholdOf, type BreachWords } from './breach-words.js'

export type TravellerResult =
  /** `report` is the binding one of `reports` (one per rule, as `--rule` gave them). */
  | { readonly traveller: string; readonly report: Report; readonly reports: readonly Report[]; readonly binding: number }
  /**
   * `warnings`: a row the merge read once as a copy (W_DUPLICATE) may explain a problem; shown
   * with the problems on stderr only, so the output's error entries keep their keys.
   */
  | { readonly traveller: string; readonly problems: readonly InputProblem[]; readonly warnings?: readonly Warning[] }

export const BATCH_FORMATS = ['text', 'json', 'jsonl', 'csv', 'github', 'junit'] as const
export type BatchFormat = (typeof BATCH_FORMATS)[number]

export interface BatchContext {
  readonly rules: readonly Rule[]
  readonly on: CalendarDay
  /** Text format only. */
  readonly color: boolean
}

/**
 * - `over`: inside on the reference date, and over the limit;
 * - `overstay`: the rule is broken on some other day of the history (past or planned);
 * - `error`: the input has problems, so there is no answer;
 * - `ok`.
 */
export type BatchStatus = 'over' | 'overstay' | 'error' | 'ok'

export function statusOf(result: TravellerResult): BatchStatus {
  if (!('report' in result)) return 'error'
  const { report } = result
  // Over the limit while still inside; a past overstay leaves its days in the window after leaving.
  if (report.inside && (report.overstayDays > 0 || report.latestExitBound === 'over')) return 'over'
  return result.reports.some((r) => r.violations.length > 0) ? 'overstay' : 'ok'
}

export interface BatchTotals {
  readonly travellers: number
  readonly over: number
  readonly overstay: number
  readonly error: number
  readonly ok: number
}

/**
 * `120 travellers: 2 over the limit, 1 with an overstay (past or planned), 1 with input errors, 116 ok`.
 * The `overstay` status is the rule broken on a day other than the reference day, before it or in a
 * planned stay after it: "in the history" read as a past offence to a lawyer (README review).
 */
export function summaryLine(totals: BatchTotals, words: BreachWords): string {
  const parts = [
    totals.over > 0 ? words.totalNow(totals.over) : '',
    totals.overstay > 0 ? words.totalBroken(totals.overstay) : '',
    totals.error > 0 ? `${totals.error} with input errors` : '',
    `${totals.ok} ok`,
  ].filter((p) => p !== '')
  return `${plural(totals.travellers, 'traveller')}: ${parts.join(', ')}`
}

/** `Schengen area short stay (90 days in any 180) · on 2024-06-01` (several rules joined with `+`). */
export function batchTitle(context: BatchContext): string {
  return `${printable(context.rules.map((r) => r.label).join(' + '))} · on ${isoOf(context.on)}`
}

export function problemJson(p: InputProblem) {
  return {
    file: p.source.file ?? null,
    line: p.source.line ?? null,
    code: p.code,
    message: p.message,
    detail: p.detail ?? null,
    expected: p.expected ?? null,
  }
}

/**
 * One element of `travellers` (json) or one line (jsonl): `traveller` first, then the object
 * `--json` prints for that traveller alone.
 */
export function travellerJson(result: TravellerResult) {
  if ('report' in result) return { traveller: result.traveller, ...reportJson(result.report), ...rulesJson(result.reports, result.binding) }
  return { traveller: result.traveller, error: true as const, problems: result.problems.map(problemJson) }
}

/** The limit of the binding constraint, as the JSON's `limit` and the csv `limit` column give it (a threshold test's: one below its threshold). */
export function limitOf(report: Report): number | null {
  return report.constraints.find((c) => c.id === report.binding)?.limit ?? null
}

/** The figure to read days against in text, "79/90": a threshold test's threshold, which is reached at that count (QA: "212/182"). */
export function shownLimitOf(report: Report): number | null {
  return thresholdOf(report.constraints.find((c) => c.id === report.binding)) ?? limitOf(report)
}

/** The stay a violation starts in: where a reader should look (file:line). */
export function stayOfViolation(report: Report, v: Violation): Report['stays'][number] | undefined {
  return report.stays.find((s) => s.entry <= v.start && v.start <= (s.exit ?? report.on)) ?? report.stays[0]
}

/** The report to quote for a broken rule: the binding one, unless only another rule is broken. */
export function brokenReport(result: Extract<TravellerResult, { report: Report }>): Report {
  const { report } = result
  if (report.violations.length > 0 || report.overstayDays > 0) return report
  return result.reports.find((r) => r.violations.length > 0) ?? report
}

/** One line about a broken rule, for github and junit: figures first, then the first violation. */
export function violationText(result: Extract<TravellerResult, { report: Report }>): string {
  const report = brokenReport(result)
  const words = breachWords(report)
  const limit = shownLimitOf(report)
  const on = isoOf(report.on)
  const first = report.violations[0]
  const parts: string[] = []
  if (words.counts === 'threshold' && (report.overstayDays > 0 || (report.inside && report.latestExitBound === 'over'))) parts.push(`${report.daysUsed} days counted on ${on}, threshold ${limit ?? '?'} reached`)
  else if (report.overstayDays > 0) parts.push(`${report.daysUsed} of ${limit ?? '?'} days ${words.nouns.used} on ${on}, ${report.overstayDays} over the limit`)
  else if (report.inside && report.latestExitBound === 'over') parts.push(`being ${words.nouns.inside} on ${on} breaks the rule`)
  if (first !== undefined) {
    const where = stayOfViolation(report, first)
    parts.push(
      `${words.periods(report.violations.length)}, the first ${isoOf(first.start)} – ${isoOf(first.end)} with ${first.peakDaysUsed} days counted${where ? ` (stay from ${formatSource(where.source)})` : ''}`,
    )
  }
  return `${printable(result.traveller)}: ${parts.join('; ')} under ${report.rule.label}`
}

/**
 * Streams a batch: `begin` once, `add` per traveller in input order, `end` with the totals.
 * `piece` is a traveller's share of the output and keeps no state, so it is made on whichever
 * thread evaluated the traveller (src/batch/parallel.ts); only `add` sees the pieces in order.
 * When pieces are strings, `add(a + b)` is `add(a) + add(b)`, so a worker may send them joined.
 */
export interface BatchWriter<P = unknown> {
  /** Once the first piece is added, `add` gives every piece back as it is. */
  readonly streams: boolean
  /**
   * Nothing is written before `end` (the table: sorted once all are in), so a progress bar may
   * share a terminal with standard output; JUnit writes a suite as each fills (QA: the bar ran into
   * the XML on a terminal past 10,000 travellers).
   */
  readonly holdsAll?: true
  begin(): string
  piece(result: TravellerResult, status: BatchStatus): P
  add(piece: P): string
  end(totals: BatchTotals): string
  /**
   * A streaming format's piece written as UTF-8 straight into `out`, with no string made: the
   * bytes of `piece(result, status)`. Only for formats whose `add` gives every piece back as it
   * is; the others are written as strings.
   */
  readonly write?: (out: ByteWriter, result: TravellerResult, status: BatchStatus) => void
}

/** A format whose pieces are written as they come. */
export function streamingWriter(parts: { begin?: () => string; piece: (result: TravellerResult, status: BatchStatus) => string; end?: (totals: BatchTotals) => string }): BatchWriter<string> {
  return { streams: true, begin: parts.begin ?? (() => ''), piece: parts.piece, add: (piece) => piece, end: parts.end ?? (() => '') }
}
