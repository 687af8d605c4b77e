/**
 * The terminal timeline: days counted per day as bars against the limit line, with stays, plans,
 * the possible stay and overstays marked below. Readable without colour (each mark has its own
 * character) and within 80 columns (days are aggregated per column: the column shows its highest
 * count). Pure: a Timeline in, a string out.
 */
import { isoOf, ymdOf } from '../day.js'
import type { Timeline, TimelineDay } from '../engine/explain.js'
import { limitLineText } from '../rules/describe.js'
import { type Paint, paint, type TextOptions } from './style.js'
import { type BreachWords, constraintWords } from './breach-words.js'
import { lower } from '../words.js'

/** Data columns at most: 6 for the axis, 62 for the bars, 12 for the limit label = 80; a label of 5 digits takes one from the bars. */
export const MAX_COLUMNS = 62
const ROWS_BELOW = 6
const MAX_ROWS_ABOVE = 3

interface Column {
  readonly first: TimelineDay
  readonly last: TimelineDay
  readonly used: number
  readonly mark: ' ' | '=' | '+' | '~' | '!'
}

function columnsOf(days: readonly TimelineDay[], perColumn: number): Column[] {
  const cols: Column[] = []
  for (let i = 0; i < days.length; i += perColumn) {
    const part = days.slice(i, i + perColumn)
    const has = (p: (d: TimelineDay) => boolean): boolean => part.some(p)
    const mark = has((d) => d.over)
      ? '!'
      : has((d) => d.presence === 'recorded')
        ? '='
        : has((d) => d.presence === 'planned')
          ? '+'
          : has((d) => d.presence === 'hypothetical')
            ? '~'
            : ' '
    cols.push({ first: part[0]!, last: part.at(-1)!, used: Math.max(...part.map((d) => d.used)), mark })
  }
  return cols
}

/** `YYYY-MM` under the column holding the first of each month, skipped when it would touch the previous label. */
function dateAxis(cols: readonly Column[]): string {
  let line = ''
  cols.forEach((col, i) => {
    for (let d: number = col.first.day; d <= col.last.day; d++) {
      const { year, month, day } = ymdOf(d)
      if (day !== 1) continue
      if (line.length === 0 || i >= line.length + 2) line = line.padEnd(i) + `${year}-${String(month).padStart(2, '0')}`
      break
    }
  })
  return line === '' && cols[0] ? isoOf(cols[0].first.day) : line
}

const colour = (c: Paint, mark: Column['mark']): ((s: string) => string) =>
  mark === '!' ? c.red.bold : mark === '=' ? c.blue : mark === '+' ? c.cyan : mark === '~' ? c.green : (s: string) => s

export function renderTimeline(t: Timeline, options: TextOptions, words: BreachWords = constraintWords(t.constraint, undefined)): string {
  const c = paint(options)
  let peak = t.limit
  for (const d of t.days) if (d.used > peak) peak = d.used
  // Labels of up to 4 digits; a longer one (a custom limit of 10000 days) widens the axis and
  // takes its columns from the bars, so the lines stay within 80 columns (QA: the limit's row
  // stood one column right of the others).
  const width = Math.max(4, String(peak).length)
  const indent = ' '.repeat(width + 2)
  const perColumn = Math.max(1, Math.ceil(t.days.length / (MAX_COLUMNS - (width - 4))))
  const cols = columnsOf(t.days, perColumn)
  const step = t.limit / ROWS_BELOW
  const above = Math.min(MAX_ROWS_ABOVE, Math.ceil((peak - t.limit) / step))
  const axis = (label: string, corner: string): string => `${label.padStart(width)} ${corner}`
  const bar = (k: Column, over: boolean): string => (over ? c.red('#') : k.mark === '!' ? c.red('█') : c.green('█'))

  const unit = perColumn === 1 ? '1 column = 1 day' : `1 column = ${perColumn} days`
  const about = ` · days counted, ${t.label}`
  const fitted = about.length <= 80 - 'Timeline'.length ? about : `${about.slice(0, 80 - 'Timeline'.length - 1)}…`
  const lines = [c.bold('Timeline') + fitted, c.dim(`${indent.slice(1)}${isoOf(t.from)} – ${isoOf(t.to)}, ${unit}`)]
  for (let r = above; r >= 1; r--) {
    const floor = t.limit + (r - 1) * step
    const cells = cols.map((k) => (k.used > floor ? bar(k, true) : ' ')).join('')
    lines.push(`${axis(r === above ? String(peak) : '', '│')}${cells}`.trimEnd())
  }
  const line = cols.map((k) => (k.used > t.limit ? bar(k, true) : c.yellow('─'))).join('')
  lines.push(`${axis(String(t.limit), '┼')}${line} ${c.yellow(limitLineText(t.constraint, t.limit))}`)
  for (let r = ROWS_BELOW; r >= 1; r--) {
    const floor = (r - 1) * step
    const cells = cols.map((k) => (k.used > floor ? bar(k, false) : ' ')).join('')
    // Half the limit is labelled where a row ends exactly there.
    const label = r === ROWS_BELOW / 2 && Number.isInteger(t.limit / 2) ? String(t.limit / 2) : ''
    lines.push(`${axis(label, '│')}${cells}`.trimEnd())
  }
  lines.push(`${axis('0', '└')}${'─'.repeat(cols.length)}`)
  lines.push(`${indent}${cols.map((k) => colour(c, k.mark)(k.mark)).join('')}`.trimEnd())
  const at = (d: number): number => Math.floor((d - t.from) / perColumn)
  const markers = Array.from({ length: cols.length }, () => ' ')
  const onAt = at(t.on)
  if (onAt >= 0 && onAt < cols.length) markers[onAt] = '^'
  const exitAt = t.latestExit === null ? -1 : at(t.latestExit)
  if (exitAt >= 0 && exitAt < cols.length) markers[exitAt] = 'X'
  lines.push(`${indent}${markers.join('')}`.trimEnd())
  lines.push(`${indent}${dateAxis(cols)}`.trimEnd())

  const present = new Set(cols.map((k) => k.mark))
  const legend = [
    present.has('=') ? `= ${words.nouns.stay}` : '',
    present.has('+') ? '+ planned' : '',
    present.has('~') ? `~ ${lower(words.nouns.StayingOn)}` : '',
    // Days over it but no overstay, where the limit is not in force (QA: `#` bars with no key).
    present.has('!') ? `! ${words.brokenMark} (# ${words.overMark})` : cols.some((k) => k.used > t.limit) ? `# ${words.overMark}` : '',
  ].filter(Boolean)
  // A key only for a mark drawn: a plan years ahead can push the reference day off the period (QA).
  const shown = (at: number): boolean => at >= 0 && at < cols.length
  const keys = [shown(onAt) ? `^ ${isoOf(t.on)}` : '', shown(exitAt) ? `X ${words.latestKey} ${isoOf(t.latestExit!)}` : ''].filter(Boolean)
  if (legend.length > 0) lines.push(c.dim(`${indent}${legend.join('  ')}`))
  if (keys.length > 0) lines.push(c.dim(`${indent}${keys.join('  ')}`))
  return `${lines.join('\n')}\n`
}
