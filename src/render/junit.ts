/**
 * Batch output as JUnit XML, for CI test reports: one test case per traveller, a `<failure>` when
 * the rule is broken, an `<error>` when the input has problems. Text is XML-escaped and characters
 * XML 1.0 forbids are replaced, so any traveller name or cell gives a well-formed document. Pure.
 */
import { formatProblem, printable, unicodeEscape } from '../errors.js'
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

/** XML 1.0's other characters it cannot hold, which are no control characters: U+FFFE, U+FFFF and lone surrogates. */
const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text whose characters XML 1.0 cannot hold, and which are no control characters, escaped (`\uffff`) rather than lost. */
const xmlHeld = (text: string): string => text.replace(NOT_XML, unicodeEscape)

/**
 * A traveller's name as a test case's: escaped as in every format (`\u0001`), and so are the
 * other characters XML 1.0 cannot hold (`\uffff`). Replaced by U+FFFD they made two travellers
 * one name (QA).
 */
function caseName(name: string): string {
  return xmlHeld(printable(name))
}

/** An attribute; line breaks and tabs as character references, which XML keeps (it turns literal ones into spaces). */
const attr = (name: string, value: string | number): string =>
  ` ${name}="${xmlEscape(String(value)).replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;')}"`

/**
 * Test cases held at most before they are written out as a suite of their own. The counts go in
 * a suite's start tag, so its cases wait for them; a batch of up to this many travellers (this many
 * included) is one suite, and a bigger one a suite per this many, so memory does not grow with the output (QA:
 * 128,000 travellers held 416 MB against 147 MB for JSON Lines).
 */
export const JUNIT_SUITE_CASES = 10_000

/** Where each case begins in joined cases (markup: `<` in text is escaped, so it opens nothing but a tag). */
const CASE_START = /(?= {4}<testcase )/

/** Occurrences of `tag` (markup, as above). */
const tags = (text: string, tag: string): number => text.split(tag).length - 1

export function junitWriter(context: BatchContext, suiteCases = JUNIT_SUITE_CASES): BatchWriter<string> {
  let cases: string[] = []
  let held = { tests: 0, failures: 0, errors: 0 }
  let parts = 0
  const classname = `stay-calc.${context.rules.map((r) => r.id).join('+')}`
  const counts = (c: { tests: number; failures: number; errors: number }): string => `${attr('tests', c.tests)}${attr('failures', c.failures)}${attr('errors', c.errors)}`
  const suite = (name: string, c: { tests: number; failures: number; errors: number }): string =>
    [`  <testsuite${attr('name', name)}${counts(c)}${attr('skipped', 0)}>\n`, ...cases, '  </testsuite>\n'].join('')
  /** The cases held, as the next part (the document's head before the first). */
  const flushPart = (): string => {
    const head = parts === 0 ? `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attr('name', 'stay-calc')}>\n` : ''
    parts++
    const text = head + suite(`${batchTitle(context)}, part ${parts}`, held)
    cases = []
    held = { tests: 0, failures: 0, errors: 0 }
    return text
  }
  return {
    streams: false,
    begin: () => '',
    piece: (result, status) => {
      const open = `    <testcase${attr('classname', classname)}${attr('name', caseName(result.traveller))}`
      if (!('report' in result)) {
        const n = result.problems.length
        const message = `${n} problem${n === 1 ? '' : 's'} in the input`
        // A cell quoted in a message keeps its U+FFFE or U+FFFF, escaped (stderr has it as it is).
        const body = xmlHeld(result.problems.map(formatProblem).join('\n'))
        return `${open}>\n      <error${attr('type', 'input')}${attr('message', message)}>${xmlEscape(body)}</error>\n    </testcase>\n`
      }
      if (status === 'ok') return `${open}/>\n`
      const text = xmlHeld(violationText(result))
      return `${open}>\n      <failure${attr('type', status)}${attr('message', text)}>${xmlEscape(text)}</failure>\n    </testcase>\n`
    },
    // A piece may hold several cases (a worker joins its chunk's): taken apart, so the parts are
    // the same however many threads made them (output byte for byte as one thread's).
    add: (piece) => {
      let out = ''
      for (const one of piece.split(CASE_START)) {
        if (one === '') continue
        // A full part goes out once another case comes: a batch of exactly that many stays one suite.
        if (held.tests >= suiteCases) out += flushPart()
        cases.push(one)
        held = { tests: held.tests + 1, failures: held.failures + tags(one, '<failure '), errors: held.errors + tags(one, '<error ') }
      }
      return out
    },
    end: (totals) => {
      if (parts > 0) return `${held.tests > 0 ? flushPart() : ''}</testsuites>\n`
      const all = { tests: totals.travellers, failures: totals.over + totals.overstay, errors: totals.error }
      return ['<?xml version="1.0" encoding="UTF-8"?>\n', `<testsuites${attr('name', 'stay-calc')}${counts(all)}>\n`, suite(batchTitle(context), all), '</testsuites>\n'].join('')
    },
  }
}
