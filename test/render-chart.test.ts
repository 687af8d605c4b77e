/**
 * The chart (--chart FILE.svg / FILE.html), parsed as XML: well-formed, the expected elements (one
 * bar per day, one band per overstay, one mark per stay, the limit line), escaped text, and the
 * same bytes on every run.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import { buildTimeline } from '../src/engine/explain.js'
import { renderChartHtml, renderSvg } from '../src/render/chart.js'
import { chartFormatOf } from '../src/planning-output.js'
import { requireRule } from '../src/rules/index.js'
import type { Stay } from '../src/types.js'
import { open, schengen, stay } from './helpers/factories.js'

type Node = Record<string, unknown>

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute, textNodeName: '#text' })

/** Every element called `name` anywhere below `node`. */
function elements(node: unknown, name: string): Node[] {
  if (node === null || typeof node !== 'object') return []
  const found: Node[] = []
  for (const [key, value] of Object.entries(node as Node)) {
    const list = Array.isArray(value) ? value : [value]
    if (key === name) found.push(...(list as Node[]))
    for (const child of list) found.push(...elements(child, name))
  }
  return found
}

const withClass = (nodes: readonly Node[], cls: string): Node[] => nodes.filter((n) => String(n.class ?? '').split(' ').includes(cls))

function chartOf(stays: readonly Stay[], on: string) {
  const input = { stays, rule: schengen, on: day(on) }
  return { report: assess(input), timeline: buildTimeline(input) }
}

describe('SVG chart', () => {
  const overstays = chartOf([stay('2023-11-10', '2024-01-20'), stay('2024-03-01', '2024-03-31'), stay('2024-05-01', '2024-06-10')], '2024-06-01')

  it('is well-formed, with a title, a description and one bar per day', () => {
    const svg = renderSvg(overstays.report, overstays.timeline)
    expect(XMLValidator.validate(svg)).toBe(true)
    const doc = parser.parse(svg) as Node
    const [root] = elements(doc, 'svg')
    expect(root).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img' })
    expect(elements(root, 'title').length).toBeGreaterThan(0)
    expect(elements(root, 'desc')).toHaveLength(1)
    expect(withClass(elements(root, 'rect'), 'day')).toHaveLength(overstays.timeline.days.length)
    expect(withClass(elements(root, 'line'), 'limit')).toHaveLength(1)
    expect(withClass(elements(root, 'line'), 'on')).toHaveLength(1)
  })

  it('one band per overstay, and its days drawn as over', () => {
    const svg = renderSvg(overstays.report, overstays.timeline)
    const rects = elements(parser.parse(svg), 'rect')
    expect(overstays.report.violations.length).toBe(2)
    expect(withClass(rects, 'overstay')).toHaveLength(2)
    const overDays = overstays.timeline.days.filter((d) => d.over).length
    expect(overDays).toBeGreaterThan(0)
    expect(withClass(rects, 'over')).toHaveLength(overDays)
  })

  it('one mark per stay on the track, and the possible stay when inside', () => {
    const c = chartOf([stay('2024-01-05', '2024-02-20'), open('2024-05-01'), stay('2024-08-01', '2024-08-10')], '2024-06-01')
    const rects = elements(parser.parse(renderSvg(c.report, c.timeline)), 'rect')
    expect(withClass(rects, 'stay').map((r) => r.class)).toEqual(['stay recorded', 'stay recorded', 'stay planned', 'stay hypothetical'])
    expect(withClass(rects, 'overstay')).toHaveLength(0)
    expect(withClass(elements(parser.parse(renderSvg(c.report, c.timeline)), 'line'), 'latest-exit')).toHaveLength(1)
  })

  it('escapes text from the input (file names) and renders the same bytes every time', () => {
    const odd: Stay = { entry: day('2024-05-01'), exit: day('2024-05-20'), source: { file: 'trips <"Q2"> & more\'s.csv', line: 2 } }
    const c = chartOf([odd], '2024-06-01')
    const svg = renderSvg(c.report, c.timeline)
    expect(XMLValidator.validate(svg)).toBe(true)
    expect(svg).toContain('trips &lt;&quot;Q2&quot;&gt; &amp; more&#39;s.csv:2')
    expect(renderSvg(c.report, c.timeline)).toBe(svg)
    expect(svg).not.toMatch(/<script|href=|NaN|Infinity|undefined/)
  })
})

describe('the description says the answer, inside or outside on the reference day (QA: it said "no legal stay" outside)', () => {
  // By hand: 2024-01-05..02-20 is 47 days; outside on 06-01 the window 2023-12-04..2024-06-01 holds
  // those 47, so entering on 06-01 allows 43 more days (06-01..07-13), and 01-05 leaves the window
  // on 07-03, one more a day from then: 06-01 + 89 = 2024-08-29 (the text answer, `stay-calc --trip
  // 2024-01-05..2024-02-20 --on 2024-06-01`). Inside since 05-20: the window ending 07-01 starts
  // 01-04 and holds 47 + 43 (05-20..07-01) = 90; ending 07-02 it holds 47 + 44 = 91.
  it.each([
    ['outside', [stay('2024-01-05', '2024-02-20')], 'entering on 2024-06-01, you may stay until 2024-08-29'],
    ['inside', [stay('2024-01-05', '2024-02-20'), open('2024-05-20')], 'latest legal exit 2024-07-01'],
  ])('%s', (_, stays, said) => {
    const c = chartOf(stays, '2024-06-01')
    const desc = String(elements(parser.parse(renderSvg(c.report, c.timeline)), 'desc')[0]!['#text'])
    expect(desc).toContain(said)
  })
})

describe('HTML chart', () => {
  it('well-formed, wraps the SVG, lists the answer, the overstays and one row per stay', () => {
    const c = chartOf([stay('2023-11-10', '2024-01-20'), stay('2024-03-01', '2024-03-31')], '2024-06-01')
    const html = renderChartHtml(c.report, c.timeline)
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true)
    expect(XMLValidator.validate(html)).toBe(true)
    const doc = parser.parse(html) as Node
    expect(elements(doc, 'svg')).toHaveLength(1)
    expect(elements(elements(doc, 'tbody')[0], 'tr')).toHaveLength(2)
    expect(elements(doc, 'li')).toHaveLength(c.report.violations.length)
    expect(html).toContain('Entering on 2024-06-01, you may stay until')
    expect(renderChartHtml(c.report, c.timeline)).toBe(html)
  })
})

describe('chart format from the file name', () => {
  it.each([
    ['out.svg', 'svg'],
    ['OUT.SVG', 'svg'],
    ['report.html', 'html'],
    ['dir.v2/report.htm', 'html'],
    ['chart.png', null],
    ['svg', null],
    ['dir.svg/chart', null],
  ])('%s → %s', (path, format) => {
    expect(chartFormatOf(path)).toBe(format)
  })
})

describe('a chart of a tax test or an absence rule speaks of them, in its description too (QA)', () => {
  it.each([
    ['uk-ilr', ['2024-10-01', '2025-05-20'], '1 absence over the limit', 'Absences over the limit:'],
    ['uk-srt', ['2024-04-06', '2025-01-20'], 'threshold reached (1 period)', 'Threshold reached:'],
    ['schengen', ['2025-01-01', '2025-04-30'], '1 overstay', 'Overstays:'],
  ])('%s', (id, [entry, exit], described, heading) => {
    const input = { stays: [stay(entry!, exit!)], rule: requireRule(id), on: day('2025-06-01') }
    const [report, timeline] = [assess(input), buildTimeline(input)]
    const html = renderChartHtml(report, timeline)
    expect(/<desc id="chart-desc">([^<]*)<\/desc>/.exec(html)?.[1]).toContain(`, ${described}`)
    expect(html).toContain(`<p>${heading}</p>`)
  })
})
