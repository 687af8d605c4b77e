/**
 * The batch text report: one row per traveller, most urgent first (over the limit, then an
 * overstay past or planned, then input errors, then the fewest days remaining and the earliest
 * latest exit), within 80 columns; the summary line last. Keeps one small row per traveller. Pure.
 */
import stringWidth from 'string-width'
import { authorisedUntil } from '../engine/authorised.js'
import { lineStart, printable } from '../errors.js'
import { isoOf } from './json.js'
import { paint } from './style.js'
import { breachWords, rulesBreachWords, type BreachWords } from './breach-words.js'
import { batchTitle, brokenReport, shownLimitOf, summaryLine, type BatchContext, type BatchStatus, type BatchTotals, type BatchWriter, type TravellerResult } from './batch.js'

interface Row {
  readonly traveller: string
  readonly status: BatchStatus
  /** RANK of the status. */
  readonly rank: number
  readonly used: string
  /** Days remaining, for sorting: -1 when past the document's authorised date. */
  readonly remaining: number
  readonly overstayDays: number
  /** Day number, `-Infinity` when there is no legal exit, `+Infinity` when no limit applies. */
  readonly exit: number
  /** The line from the remaining column on, which no other row's width changes: made where the row is. */
  readonly tail: string
}

const RANK: Record<BatchStatus, number> = { over: 0, overstay: 1, error: 2, ok: 3 }

/** Most urgent first; ties by name, so the order never depends on the input's. */
function byUrgency(a: Row, b: Row): number {
  return (
    a.rank - b.rank ||
    b.overstayDays - a.overstayDays ||
    a.remaining - b.remaining ||
    a.exit - b.exit ||
    (a.traveller < b.traveller ? -1 : a.traveller > b.traveller ? 1 : 0)
  )
}

function rowOf(result: TravellerResult, status: BatchStatus): Row {
  if (!('report' in result)) {
    const n = result.problems.length
    const note = `${n} input problem${n === 1 ? '' : 's'}`
    return { traveller: lineStart(printable(result.traveller)), status, rank: RANK[status], used: '', remaining: 0, overstayDays: 0, exit: 0, tail: tailOf('', '', note) }
  }
  const r = result.report
  const broken = brokenReport(result)
  const latest = r.latestExit !== null ? r.latestExit : r.latestExitBound === 'none' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
  // A document's earlier last day that the rule cannot count (authorised.ts): the date to leave by.
  const until = authorisedUntil(r)
  // Only for a traveller within the rule: an overstay's row keeps the rule's date beside its note (QA).
  const byDocument = status === 'ok' && until !== null && until < latest
  const pastDocument = byDocument && until < r.on
  const exit = byDocument ? until : latest
  const first = broken.violations[0]
  const words = breachWords(broken)
  const note =
    status === 'over'
      ? words.overNow(r.overstayDays)
      : status === 'overstay' && first !== undefined
        ? words.brokenFrom(isoOf(first.start))
        : r.latestExitBound === 'over'
          ? 'ok, no days left'
          : byDocument
            ? pastDocument
              ? 'PAST document date'
              : 'ok, document date'
            : r.inside
            ? `ok, ${breachWords(r).nouns.inside}`
            : 'ok'
  const tail = tailOf(String(r.daysRemaining), exitText(exit), note)
  // Past the document's date: before every other traveller within the rule, whatever days remain.
  const remaining = pastDocument ? -1 : r.daysRemaining
  return { traveller: lineStart(printable(result.traveller)), status, rank: RANK[status], used: `${r.daysUsed}/${shownLimitOf(r) ?? '?'}`, remaining, overstayDays: r.overstayDays, exit, tail }
}

const tailOf = (remaining: string, exit: string, status: string): string => `${remaining.padStart(9)}  ${exit.padEnd(11)} ${status}`

const NAME_WIDTH = 26
/** The widest tail a line of NAME_WIDTH names has room for: the status column up to 20 characters. */
const TAIL_WIDTH = 43
/** The used column's narrowest width ("164/90" fits); wider figures take columns from the names. */
const USED_WIDTH = 7

/** Plain ASCII text takes a column a character; anything else is measured as a terminal shows it. */
const PLAIN = /^[\x20-\x7e]*$/
const columns = (text: string): number => (PLAIN.test(text) ? text.length : stringWidth(text))

/**
 * Names are measured by their first this many UTF-16 units at most: far more than a column shows,
 * and string-width's cost grows faster than a text's length (QA: a 128,000-character name, a
 * stray quote's swallowed lines, took 15 s; with a byte that is not UTF-8, minutes).
 */
const MEASURED = 256
const headOf = (text: string): string => (text.length > MEASURED ? text.slice(0, MEASURED) : text)
/** `columns` of a name, up to those of its first MEASURED units. */
const nameColumns = (text: string): number => (PLAIN.test(text) ? text.length : stringWidth(headOf(text)))

/** Made on first use: an Intl.Segmenter takes milliseconds to make. */
let graphemes: Intl.Segmenter | undefined

/** A `/`, or a `\` that is no escape `printable` wrote (`\n`, `\u001b`; QA: `::x` written `\u003a:x`). */
const PATH_LIKE = /\/|\\(?![nrt]|u[0-9a-f]{4})/

/**
 * A name in `width` terminal columns: cut with … when wider (a plain path at its start), never inside a character (a wide
 * CJK character or an emoji takes two columns, a combining accent none), then padded.
 */
function fit(text: string, width: number): string {
  if (PLAIN.test(text)) {
    if (text.length <= width) return text.padEnd(width)
    // A path (a file's own traveller: `itineraries/bruno.csv`) is told apart by its end: its start is cut.
    return PATH_LIKE.test(text) ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, width - 1)}…`
  }
  const head = headOf(text)
  const used = stringWidth(head)
  if (used <= width && head === text) return text + ' '.repeat(width - used)
  let cut = ''
  let taken = 0
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  for (const { segment } of graphemes.segment(head)) {
    const w = stringWidth(segment)
    if (taken + w > width - 1) break
    cut += segment
    taken += w
  }
  return `${cut}…${' '.repeat(width - 1 - taken)}`
}

/**
 * The title in 80 columns: when too long for one line (several rules, a long label), a rule a
 * line, `+` with the first word of its label, words wrapped (a word wider than a line cut), and
 * `· on DATE` kept whole.
 */
function titleLines(context: BatchContext): string {
  const title = batchTitle(context)
  if (columns(title) <= TITLE_WIDTH) return title
  const lines: string[] = []
  context.rules.forEach((rule, i) => {
    const words = printable(rule.label).split(' ').filter((w) => w !== '')
    if (i > 0) words[0] = `+ ${words[0] ?? ''}`
    if (i === context.rules.length - 1) words.push(`· on ${isoOf(context.on)}`)
    for (const line of filled(words.flatMap((w) => cutToWidth(w, TITLE_WIDTH - 2)))) lines.push(line)
  })
  return lines.join('\n')
}

const TITLE_WIDTH = 80

/** `words` joined by spaces into lines of TITLE_WIDTH columns, each line after the first indented by two. */
function filled(words: readonly string[]): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    if (line !== '' && columns(line) + 1 + columns(word) > TITLE_WIDTH) {
      lines.push(line)
      line = `  ${word}`
    } else line = line === '' ? word : `${line} ${word}`
  }
  lines.push(line)
  return lines
}

/** `word` in pieces of at most `width` columns, never cut inside a character. */
function cutToWidth(word: string, width: number): string[] {
  if (columns(word) <= width) return [word]
  const pieces: string[] = []
  let piece = ''
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  for (const { segment } of graphemes.segment(word)) {
    if (piece !== '' && columns(piece) + columns(segment) > width) {
      pieces.push(piece)
      piece = ''
    }
    piece += segment
  }
  return [...pieces, piece]
}

/** The summary line in TITLE_WIDTH columns: broken after a comma, the rest indented (QA: 92 columns with all four statuses). */
function summaryLines(totals: BatchTotals, words: BreachWords): string {
  const parts = summaryLine(totals, words).split(', ')
  return filled(parts.map((part, i) => (i < parts.length - 1 ? `${part},` : part))).join('\n')
}

function exitText(exit: number): string {
  return exit === Number.POSITIVE_INFINITY ? 'no limit' : exit === Number.NEGATIVE_INFINITY ? '—' : isoOf(exit)
}

export function tableWriter(context: BatchContext): BatchWriter<Row> {
  const rows: Row[] = []
  return {
    streams: false,
    holdsAll: true,
    begin: () => '',
    piece: rowOf,
    add: (row) => {
      rows.push(row)
      return ''
    },
    end: (totals) => {
      const c = paint({ color: context.color })
      // Wider figures (a limit of thousands of days) take their columns from the names, so a line
      // stays within 80 columns.
      const usedWidth = rows.reduce((m, r) => Math.max(m, r.used.length), USED_WIDTH)
      // So do a wider tail (a status of "123456 input problems"): the names get what is left.
      const tailWidth = rows.reduce((m, r) => Math.max(m, r.tail.length), TAIL_WIDTH)
      const width = Math.min(NAME_WIDTH - (usedWidth - USED_WIDTH) - (tailWidth - TAIL_WIDTH), rows.reduce((m, r) => Math.max(m, nameColumns(r.traveller)), 9))
      const line = (name: string, used: string, tail: string) => `${fit(name, width)}  ${used.padStart(usedWidth)}  ${tail}`
      const out = [c.bold(titleLines(context)), '']
      const words = rulesBreachWords(context.rules)
      if (rows.length > 0) out.push(c.bold(line('traveller', words.counts === 'absences' ? 'away' : 'used', tailOf('remaining', words.counts === 'stays' ? 'latest exit' : words.by, 'status'))))
      for (const r of rows.sort(byUrgency)) {
        const text = line(r.traveller, r.used, r.tail)
        out.push(r.status === 'ok' ? text : r.status === 'error' ? c.yellow(text) : c.red(text))
      }
      if (rows.length > 0) out.push('')
      const summary = summaryLines(totals, words)
      out.push(totals.over + totals.overstay > 0 ? c.red(summary) : summary)
      return `${out.join('\n')}\n`
    },
  }
}
