/**
 * Batch output for GitHub Actions: an `::error` workflow command per traveller that breaks the
 * rule (at the stay where it first breaks) and per input problem (at its row), so they show as
 * annotations on the files; then a plain summary line. Escaped exactly as @actions/core's
 * `issueCommand` does. Pure.
 */
import { formatSource, printable, type InputProblem } from '../errors.js'
import { breachWords, rulesBreachWords } from './breach-words.js'
import { batchTitle, brokenReport, stayOfViolation, streamingWriter, summaryLine, violationText, type BatchContext, type BatchWriter } from './batch.js'

/** @actions/core `escapeData`: the message after `::`. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** @actions/core `escapeProperty`: a `key=value` before `::`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

interface Where {
  readonly file?: string | undefined
  readonly line?: number | undefined
}

/** `::error file=…,line=…,title=…::message`; properties without a value are left out. */
export function errorCommand(where: Where, title: string, message: string): string {
  const properties = [
    // A file name's control characters escaped as everywhere (QA: an ESC reached the CI log raw);
    // the annotation then names no file, which only such a name loses.
    where.file === undefined ? '' : `file=${escapeProperty(printable(where.file))}`,
    where.line === undefined ? '' : `line=${where.line}`,
    `title=${escapeProperty(title)}`,
  ].filter((p) => p !== '')
  return `::error ${properties.join(',')}::${escapeData(message)}\n`
}

/** Each part through `printable`, as on stderr: a part may echo a cell (an ESC would reach the CI log raw). */
function problemText(p: InputProblem): string {
  return [p.message, p.detail, p.expected === undefined ? undefined : `expected ${p.expected}`]
    .filter((s) => s !== undefined)
    .map(printable)
    .join('\n')
}

export function githubWriter(context: BatchContext): BatchWriter<string> {
  return streamingWriter({
    piece: (result, status) => {
      if (!('report' in result)) {
        return result.problems
          .map((p) => errorCommand(p.source, `stay-calc: input error (${printable(result.traveller)})`, `${printable(formatSource(p.source))}: ${problemText(p)}`))
          .join('')
      }
      if (status === 'ok') return ''
      const report = brokenReport(result)
      const first = report.violations[0]
      const stay = first === undefined ? report.stays[0] : stayOfViolation(report, first)
      const words = breachWords(report)
      const title = `stay-calc: ${printable(result.traveller)} ${status === 'over' ? words.titleNow : words.titleBroken}`
      return errorCommand(stay?.source ?? {}, title, violationText(result))
    },
    end: (totals) => `stay-calc: ${summaryLine(totals, rulesBreachWords(context.rules))} (${batchTitle(context)})\n`,
  })
}
