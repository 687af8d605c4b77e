/**
 * Batch output as JUnit XML, for CI test reports: one test case per traveller, a `<failure>` when
 * the rule is broken, an `<error>` when the input has problems. Text is XML-escaped and characters
 * XML 1.0 forbids are replaced, so any traveller name or cell gives a well-formed document. Pure.
 */
import { formatProblem } from '../errors.js'
import { batchTitle, violationText, type BatchContext, type BatchWriter } from './batch.js'

/** Escapes for text and attribute values; characters not allowed in XML 1.0 become U+FFFD. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

/** An attribute; line breaks and tabs as character references, which XML keeps (it turns literal ones into spaces). */
const attr = (name: string, value: string | number): string =>
  ` ${name}="${xmlEscape(String(value)).replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;')}"`

export function junitWriter(context: BatchContext): BatchWriter<string> {
  const cases: string[] = []
  const classname = `stay-calc.${context.rules.map((r) => r.id).join('+')}`
  return {
    streams: false,
    begin: () => '',
    piece: (result, status) => {
      const open = `    <testcase${attr('classname', classname)}${attr('name', result.traveller)}`
      if (!('report' in result)) {
        const n = result.problems.length
        const message = `${n} problem${n === 1 ? '' : 's'} in the input`
        const body = result.problems.map(formatProblem).join('\n')
        return `${open}>\n      <error${attr('type', 'input')}${attr('message', message)}>${xmlEscape(body)}</error>\n    </testcase>\n`
      }
      if (status === 'ok') return `${open}/>\n`
      const text = violationText(result)
      return `${open}>\n      <failure${attr('type', status)}${attr('message', text)}>${xmlEscape(text)}</failure>\n    </testcase>\n`
    },
    add: (piece) => {
      cases.push(piece)
      return ''
    },
    end: (totals) => {
      const failures = totals.over + totals.overstay
      const counts = `${attr('tests', totals.travellers)}${attr('failures', failures)}${attr('errors', totals.error)}`
      return [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        `<testsuites${attr('name', 'stay-calc')}${counts}>\n`,
        `  <testsuite${attr('name', batchTitle(context))}${counts}${attr('skipped', 0)}>\n`,
        ...cases,
        '  </testsuite>\n',
        '</testsuites>\n',
      ].join('')
    },
  }
}
