/**
 * Batch CSV: one row per traveller, RFC 4180 quoting, safe to open in a spreadsheet: a cell
 * starting with = + - @ (or the minus sign −), a tab or a carriage return gets a leading single
 * quote, so it is never taken for a formula (OWASP, "CSV Injection"). Names have their control
 * characters escaped as everywhere else (`\n`, `\u001b`): printed to a terminal or a CI log, a
 * cell can neither draw nor start a line of its own. Pure.
 */
import { authorisedUntil } from '../engine/authorised.js'
import { formatSource, printable } from '../errors.js'
import { brokenReport, limitOf, type BatchContext, streamingWriter, type BatchWriter } from './batch.js'
import { isoOf } from './json.js'

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
  'authorised_until',
  'violations',
  'first_violation_start',
  'first_violation_end',
  'violation_rule',
  'problems',
] as const

/**
 * OWASP's list of characters a spreadsheet may read as the start of a formula, plus U+2212 and
 * the full-width ＝ ＋ － ＠ (which a spreadsheet in an East Asian locale may take for their ASCII
 * forms: QA), also after any white space `trim` takes (a spreadsheet that trims cells on import
 * would see `  =1+1` as a formula: QA).
 */
const FORMULA_START = /^\s*[=+\-@\t\r\u2212\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * A cell as written: neutralised, then quoted when it holds a comma, quote or line break, or
 * begins with `::`: the row's first cell begins a line, and a CI runner reads a line that starts
 * with `::`, spaces aside, as a workflow command (QA); quoted, it starts with `"`, and reads back
 * as itself.
 * @example csvCell('=HYPERLINK("x")') //=> `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]|^\s*::/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe
}

const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\n`

/** A figure: digits only when it is a whole number ≥ 0, as the engine's are; anything else goes through `csvCell`. */
const figure = (n: number): string => (Number.isSafeInteger(n) && n >= 0 ? `${n}` : csvCell(String(n)))

export function csvWriter(context: BatchContext): BatchWriter<string> {
  const on = isoOf(context.on)
  // Cells that repeat (rule ids, bounds) are made safe once; dates and figures need nothing.
  const cells = new Map<string, string>()
  const cell = (value: string): string => {
    let safe = cells.get(value)
    if (safe === undefined) cells.set(value, (safe = csvCell(value)))
    return safe
  }
  return streamingWriter({
    begin: () => csvLine(CSV_COLUMNS),
    piece: (result, status) => {
      if (!('report' in result)) {
        // Messages are text about the input, escaped as on stderr.
        const problems = result.problems.map((p) => printable(`${formatSource(p.source)}: ${p.message}`)).join('; ')
        return csvLine([printable(result.traveller), status, on, '', '', '', '', '', '', '', '', '', '', '', '', '', problems])
      }
      const r = result.report
      // Figures are the binding rule's; violations are of the rule broken (another, with several).
      const broken = brokenReport(result)
      const first = broken.violations[0]
      const limit = limitOf(r)
      const until = authorisedUntil(r)
      return (
        `${csvCell(printable(result.traveller))},${status},${on},${cell(r.rule.id)},${r.inside},${figure(r.daysUsed)},${limit === null ? '' : figure(limit)},` +
        `${figure(r.daysRemaining)},${figure(r.overstayDays)},${r.latestExit === null ? '' : isoOf(r.latestExit)},${cell(r.latestExitBound)},${until === null ? '' : isoOf(until)},${figure(broken.violations.length)},` +
        `${first === undefined ? ',,' : `${isoOf(first.start)},${isoOf(first.end)},${cell(broken.rule.id)}`},\n`
      )
    },
  })
}
