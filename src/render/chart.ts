/**
 * The timeline as a self-contained picture: an SVG file, or an HTML page wrapping it with the
 * answer and the stays, for pasting into an email or a file note. Deterministic (same input, same
 * bytes; no clock, no random ids), no scripts, no external resources. Pure: data in, string out.
 *
 * Elements tests and styles rely on: one `rect.day` per day (classes `recorded`, `planned`,
 * `hypothetical`, `absent`, plus `over`), `line.limit`, one `rect.overstay` per overstay, one
 * `rect.stay` per stay on the track below the axis, `line.on` and `line.latest-exit`.
 */
import { isoOf, ymdOf } from '../day.js'
import type { Timeline } from '../engine/explain.js'
import type { Report } from '../engine/types.js'
import { formatSource } from '../errors.js'
import { isThresholdId, limitLineText } from '../rules/describe.js'
import { capital, lower, plural } from '../words.js'
import { breachWords, constraintWords } from './breach-words.js'

export type ChartFormat = 'svg' | 'html'

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** Numbers with at most two decimals and no trailing zeros, the same on every platform. */
const num = (n: number): string => String(Math.round(n * 100) / 100)

const PLOT_WIDTH = 900
const PLOT_HEIGHT = 220
const LEFT = 44
const TOP = 40
const TRACK = 14

const STYLE = `
  .background { fill: #ffffff; }
  .axis, .tick { stroke: #555555; stroke-width: 1; }
  .grid { stroke: #dddddd; stroke-width: 1; }
  .label { fill: #333333; font: 11px system-ui, sans-serif; }
  .title { fill: #111111; font: bold 13px system-ui, sans-serif; }
  .day.recorded { fill: #3b6fb6; }
  .day.planned { fill: #2aa3b8; }
  .day.hypothetical { fill: #6cbf6c; }
  .day.absent { fill: #c8c8c8; }
  .day.over { fill: #d62728; }
  .limit { stroke: #e08a00; stroke-width: 2; stroke-dasharray: 6 3; }
  .overstay { fill: #d62728; fill-opacity: 0.12; stroke: #d62728; stroke-width: 1; }
  .stay.recorded { fill: #3b6fb6; }
  .stay.planned { fill: #2aa3b8; }
  .stay.hypothetical { fill: #6cbf6c; }
  .on { stroke: #111111; stroke-width: 1.5; }
  .latest-exit { stroke: #2c8a2c; stroke-width: 1.5; stroke-dasharray: 3 2; }
`

/**
 * The headline answer as a sentence, for the page and the picture's description alike: the
 * timeline keeps a latest exit only when inside (to draw staying on), so it cannot say it (QA).
 */
function answer(report: Report): string {
  const words = breachWords(report)
  if (report.latestExit !== null) {
    return `${report.inside ? words.latest : words.mayStayUntil(isoOf(report.on))} ${isoOf(report.latestExit)}.`
  }
  return report.latestExitBound === 'none' ? 'No limit applies from the reference day.' : `${words.noDayTitle} from ${isoOf(report.on)}.`
}

/** The chart as a standalone SVG document (no XML declaration needed: UTF-8 is the default). */
export function renderSvg(report: Report, t: Timeline): string {
  const n = t.days.length
  const dayWidth = Math.min(8, PLOT_WIDTH / n)
  const plotWidth = dayWidth * n
  const peak = Math.max(t.limit, ...t.days.map((d) => d.used))
  const top = Math.ceil((peak * 1.1) / 10) * 10
  const y = (v: number): number => TOP + PLOT_HEIGHT - (v / top) * PLOT_HEIGHT
  const x = (day: number): number => LEFT + (day - t.from) * dayWidth
  const base = TOP + PLOT_HEIGHT
  const width = Math.ceil(LEFT + plotWidth + 70)
  const height = base + TRACK * 3 + 40
  const title = `Days counted: ${t.label}`
  const words = constraintWords(t.constraint, report.rule.purpose)
  const summary = [
    `${isoOf(t.from)} to ${isoOf(t.to)}`,
    `reference day ${isoOf(t.on)}`,
    lower(answer(report)).replace(/\.$/, ''),
    t.violations.length === 0 ? lower(breachWords(report).none).replace(/\.$/, '') : breachWords(report).count(t.violations.length),
  ].join(', ')

  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    `<desc id="chart-desc">${escapeXml(summary)}.</desc>`,
    `<style>${STYLE}</style>`,
    `<rect class="background" x="0" y="0" width="${width}" height="${height}"/>`,
    `<text class="title" x="${LEFT}" y="16">${escapeXml(title)}</text>`,
  )

  out.push('<g class="grid-lines">')
  for (const v of [0, Math.round(t.limit / 2), t.limit]) {
    out.push(`<line class="grid" x1="${LEFT}" y1="${num(y(v))}" x2="${num(LEFT + plotWidth)}" y2="${num(y(v))}"/>`)
    out.push(`<text class="label" x="${LEFT - 6}" y="${num(y(v) + 4)}" text-anchor="end">${v}</text>`)
  }
  out.push('</g>')

  out.push('<g class="days">')
  for (const d of t.days) {
    const kind = d.presence ?? 'absent'
    const cls = `day ${kind}${d.over ? ' over' : ''}`
    const h = (d.used / top) * PLOT_HEIGHT
    out.push(
      `<rect class="${cls}" x="${num(x(d.day))}" y="${num(base - h)}" width="${num(dayWidth)}" height="${num(h)}"><title>${isoOf(d.day)}: ${plural(d.used, 'day')} counted${d.over ? `, ${words.overMark}` : ''}</title></rect>`,
    )
  }
  out.push('</g>')

  out.push('<g class="overstays">')
  for (const v of t.violations) {
    const a = Math.max(v.start, t.from)
    const b = Math.min(v.end, t.to)
    out.push(
      `<rect class="overstay" x="${num(x(a))}" y="${TOP}" width="${num((b - a + 1) * dayWidth)}" height="${PLOT_HEIGHT}"><title>${capital(words.brokenMark)} ${isoOf(v.start)} to ${isoOf(v.end)}: up to ${plural(v.peakDaysUsed, 'day')} counted</title></rect>`,
    )
  }
  out.push('</g>')

  out.push(
    `<line class="limit" x1="${LEFT}" y1="${num(y(t.limit))}" x2="${num(LEFT + plotWidth)}" y2="${num(y(t.limit))}"/>`,
    `<text class="label" x="${num(LEFT + plotWidth + 6)}" y="${num(y(t.limit) + 4)}">${limitLineText(t.constraint, t.limit)}</text>`,
    `<line class="axis" x1="${LEFT}" y1="${base}" x2="${num(LEFT + plotWidth)}" y2="${base}"/>`,
  )

  // The stays track: recorded and planned stays from the report, the possible stay from the timeline.
  const stays = report.stays.map((s) => ({
    entry: s.entry as number,
    exit: (s.exit ?? report.on) as number,
    kind: s.entry > report.on ? 'planned' : 'recorded',
    label: `${isoOf(s.entry)} to ${isoOf(s.exit ?? report.on)} (${formatSource(s.source)})`,
  }))
  const possible = t.days.filter((d) => d.presence === 'hypothetical')
  if (possible.length > 0) {
    const [a, b] = [possible[0]!.day, possible.at(-1)!.day]
    stays.push({ entry: a, exit: b, kind: 'hypothetical', label: `staying on ${isoOf(a)} to ${isoOf(b)} (${lower(words.latest)})` })
  }
  out.push('<g class="stays">')
  for (const s of stays) {
    const a = Math.max(s.entry, t.from)
    const b = Math.min(s.exit, t.to)
    if (a > b) continue
    const row = s.kind === 'planned' ? 1 : 0
    out.push(
      `<rect class="stay ${s.kind}" x="${num(x(a))}" y="${base + 6 + row * TRACK}" width="${num((b - a + 1) * dayWidth)}" height="${TRACK - 4}"><title>${escapeXml(s.label)}</title></rect>`,
    )
  }
  out.push('</g>')

  // The reference day is labelled to the left of its line, the latest exit to the right.
  const marker = (cls: string, day: number, text: string, anchor: 'start' | 'end'): void => {
    if (day < t.from || day > t.to) return
    const mx = x(day) + dayWidth / 2
    out.push(`<line class="${cls}" x1="${num(mx)}" y1="${TOP - 2}" x2="${num(mx)}" y2="${base + TRACK * 2 + 4}"/>`)
    out.push(`<text class="label" x="${num(mx + (anchor === 'start' ? 3 : -3))}" y="${TOP - 6}" text-anchor="${anchor}">${escapeXml(text)}</text>`)
  }
  marker('on', t.on, isoOf(t.on), 'end')
  if (t.latestExit !== null) marker('latest-exit', t.latestExit, `${words.by} ${isoOf(t.latestExit)}`, 'start')

  out.push('<g class="months">')
  for (let d: number = t.from; d <= t.to; d++) {
    const { year, month, day } = ymdOf(d)
    if (day !== 1) continue
    out.push(`<line class="tick" x1="${num(x(d))}" y1="${base}" x2="${num(x(d))}" y2="${base + 4}"/>`)
    if (month === 1 || n <= 400 || month % 3 === 1) {
      out.push(`<text class="label" x="${num(x(d))}" y="${base + TRACK * 2 + 20}">${year}-${String(month).padStart(2, '0')}</text>`)
    }
  }
  out.push('</g>')
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

/**
 * The days counted on the reference day, against the limit; a threshold test's against its
 * threshold, which it is reached at (QA: "0 of 182 days used" where the text said "under the threshold of 183").
 */
function counted(report: Report, t: Timeline): string {
  const period = `${isoOf(report.window.start)} to ${isoOf(report.window.end)}`
  if (isThresholdId(t.constraint)) return `${plural(report.daysUsed, 'day')} counted in the period ${period}, threshold ${t.limit + 1}`
  return `${report.daysUsed} of ${plural(t.limit, 'day')} used in the window ${period}`
}

/** An HTML page: the headline answer, the chart, and the stays as a table. */
export function renderChartHtml(report: Report, t: Timeline): string {
  const title = `stay-calc: ${report.rule.label}, ${isoOf(report.on)}`
  const rows = report.stays
    .map((s) => {
      const cells = [isoOf(s.entry), s.exit === null ? 'inside' : isoOf(s.exit), String(s.days), s.entry > report.on ? 'planned' : 'recorded', formatSource(s.source)]
      return `<tr>${cells.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`
    })
    .join('\n')
  const overstays = t.violations.map((v) => `<li>${isoOf(v.start)} to ${isoOf(v.end)}: up to ${plural(v.peakDaysUsed, 'day')} counted</li>`).join('\n')
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>${escapeXml(title)}</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2em; color: #111111; }
  table { border-collapse: collapse; margin-top: 1em; }
  td, th { border: 1px solid #cccccc; padding: 2px 8px; text-align: left; }
</style>
</head>
<body>
<h1>${escapeXml(report.rule.label)}</h1>
<p>On ${isoOf(report.on)}: ${counted(report, t)}. ${escapeXml(answer(report))}</p>
${overstays === '' ? `<p>${breachWords(report).none}</p>` : `<p>${breachWords(report).heading}:</p>\n<ul>\n${overstays}\n</ul>`}
<figure>
${renderSvg(report, t).trimEnd()}
</figure>
<table>
<thead><tr><th>Entry</th><th>Exit</th><th>Days</th><th>Kind</th><th>Source</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p><small>Computed by stay-calc. Not legal advice.</small></p>
</body>
</html>
`
}

export function renderChart(format: ChartFormat, report: Report, t: Timeline): string {
  return format === 'svg' ? renderSvg(report, t) : renderChartHtml(report, t)
}
