/**
 * Batch CSV: one row per traveller, RFC 4180 quoting, safe to open in a spreadsheet: a cell
 * starting with = + - @ (or the minus sign −), a tab or a carriage return gets a leading single
 * quote, so it is never taken for a formula (OWASP, "CSV Injection"). Pure.
 */
import { isoOf } from '../day.js'
import { formatSource } from '../errors.js'
import { brokenReport, limitOf, type BatchContext, streamingWriter, type BatchWriter } from './batch.js'

export const CSV_COLUMNS = [
  'traveller',
  'status',
  'on',
  'rule',
  'inside',
  'days_used',
  'limit',
  'days_remaining',
  'overstay_days',
  'latest_exit',
  'latest_exit_bound',
  'violations',
  'first_violation_start',
  'first_violation_end',
  'violation_rule',
  'problems',
] as const

/** OWASP's list of characters a spreadsheet may read as the start of a formula, plus U+2212. */
const FORMULA_START = /^[=+\-@\t\r\u2212]/

/**
 * A cell as written: neutralised, then quoted when it holds a comma, quote or line break.
 * @example csvCell('=HYPERLINK("x")') //=> `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe
}

const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\n`

export function csvWriter(context: BatchContext): BatchWriter<string> {
  const on = isoOf(context.on)
  return streamingWriter({
    begin: () => csvLine(CSV_COLUMNS),
    piece: (result, status) => {
      if (!('report' in result)) {
        const problems = result.problems.map((p) => `${formatSource(p.source)}: ${p.message}`).join('; ')
        return csvLine([result.traveller, status, on, '', '', '', '', '', '', '', '', '', '', '', '', problems])
      }
      const r = result.report
      // Figures are the binding rule's; violations are of the rule broken (another, with several).
      const broken = brokenReport(result)
      const first = broken.violations[0]
      return csvLine([
        result.traveller,
        status,
        on,
        r.rule.id,
        String(r.inside),
        String(r.daysUsed),
        String(limitOf(r) ?? ''),
        String(r.daysRemaining),
        String(r.overstayDays),
        r.latestExit === null ? '' : isoOf(r.latestExit),
        r.latestExitBound,
        String(broken.violations.length),
        first === undefined ? '' : isoOf(first.start),
        first === undefined ? '' : isoOf(first.end),
        first === undefined ? '' : broken.rule.id,
        '',
      ])
    },
  })
}
