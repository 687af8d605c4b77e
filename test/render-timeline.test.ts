/** The terminal timeline: inline snapshots (colour off), 80 columns, marks readable without colour. */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { buildTimeline } from '../src/engine/explain.js'
import { MAX_COLUMNS, renderTimeline } from '../src/render/timeline.js'
import { requireRule } from '../src/rules/index.js'
import type { Stay } from '../src/types.js'
import { open, rollingRule, schengen, stay, stayOf } from './helpers/factories.js'
import * as oracle from './helpers/plan-oracle.js'

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '')
const timeline = (stays: readonly Stay[], on: string) => buildTimeline({ stays, rule: schengen, on: day(on) })

describe('timeline', () => {
  it('inside, staying on until the latest exit, a plan after', () => {
    const t = timeline([stay('2024-01-05', '2024-02-20'), open('2024-05-01'), stay('2024-08-01', '2024-08-10')], '2024-06-01')
    expect(renderTimeline(t, { color: false })).toMatchInlineSnapshot(`
      "Timeline · days counted, 90 days in any 180-day window
           2023-12-22 – 2024-08-24, 1 column = 4 days
        90 ┼────────────────────────────────────────────────────────────── limit 90
           │                                       █████████████
           │                                    ███████████████████████
           │              ████████████████████████████████████████████████
        45 │           ███████████████████████████████████████████████████
           │       ███████████████████████████████████████████████████████
           │   ███████████████████████████████████████████████████████████
         0 └──────────────────────────────────────────────────────────────
               =============                =========~~~           ++++
                                                    ^  X
              2024-01        2024-03        2024-05         2024-07
            = stay  + planned  ~ staying on
            ^ 2024-06-01  X latest exit 2024-06-12
      "
    `)
  })

  it('an overstay rises above the limit line and is marked with !', () => {
    const t = timeline([stay('2023-11-10', '2024-01-20'), stay('2024-03-01', '2024-03-31')], '2024-06-01')
    const text = renderTimeline(t, { color: false })
    expect(text).toMatchInlineSnapshot(`
      "Timeline · days counted, 90 days in any 180-day window
           2023-10-27 – 2024-06-15, 1 column = 4 days
       103 │                                    ################
        90 ┼────────────────────────────────────################─────── limit 90
           │                                ████████████████████████
           │                  █████████████████████████████████████████
           │              █████████████████████████████████████████████
        45 │           ████████████████████████████████████████████████
           │       ████████████████████████████████████████████████████
           │   ████████████████████████████████████████████████████████
         0 └───────────────────────────────────────────────────────────
               ===================         =====!!!!
                                                                  ^
             2023-11        2024-01        2024-03        2024-05
            = stay  ! overstay (# over the limit)
            ^ 2024-06-01
      "
    `)
    expect(text).toContain('#')
    expect(text).toContain('!')
  })

  it('days over the limit where it is not in force: # bars, keyed, and no overstay mark (QA)', () => {
    const rule = rollingRule({ limit: 90, window: 180, validTo: day('2023-12-31') })
    const t = buildTimeline({ stays: [stay('2024-01-01', '2024-05-30')], rule, on: day('2024-06-01') })
    const text = renderTimeline(t, { color: false })
    expect(text).toContain('#')
    expect(text).not.toContain('!')
    expect(text.split('\n').some((line) => line.trim() === '= stay  # over the limit')).toBe(true)
  })

  it('a short period: one column per day', () => {
    const t = buildTimeline({ stays: [stay('2024-01-01', '2024-01-03')], rule: oracle.toRule({ limit: 3, window: 7, countFrom: null, validFrom: null }), on: day('2024-01-04') })
    expect(renderTimeline(t, { color: false })).toMatchInlineSnapshot(`
      "Timeline · days counted, 3 days in any 7-day window
           2023-12-29 – 2024-01-18, 1 column = 1 day
         3 ┼───────────────────── limit 3
           │     █████
           │     █████
           │    ███████
           │    ███████
           │   █████████
           │   █████████
         0 └─────────────────────
               ===
                  ^
               2024-01
            = stay
            ^ 2024-01-04
      "
    `)
  })

  it('any rule: a long label is cut to fit 80 columns', () => {
    const t = buildTimeline({ stays: [stay('2024-03-01', '2024-04-20')], rule: requireRule('us-spt'), on: day('2024-04-15') })
    const text = renderTimeline(t, { color: false })
    for (const line of text.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80)
    expect(text.split('\n')[0]).toMatch(/^Timeline · days counted, weighted days .*…$/)
  })

  it('colour only adds escapes: the text without them is the plain text', () => {
    const t = timeline([stay('2023-11-10', '2024-01-20'), stay('2024-03-01', '2024-03-31')], '2024-06-01')
    const coloured = renderTimeline(t, { color: true })
    expect(coloured).not.toBe(plain(coloured))
    expect(plain(coloured)).toBe(renderTimeline(t, { color: false }))
  })

  const longHistory = fc
    .array(fc.record({ gap: fc.integer({ min: 0, max: 200 }), len: fc.integer({ min: 1, max: 120 }) }), { maxLength: 30 })
    .map((parts) => {
      let cursor = 18_000
      return parts.map(({ gap, len }, i) => {
        const entry = cursor + gap
        cursor = entry + len - 1
        return stayOf(entry, cursor, i + 2)
      })
    })

  it.each([
    [90, 180, '2024-01-05', '2024-02-20'],
    [9999, 20000, '2000-01-01', '2024-01-01'],
    [10000, 20000, '2000-01-01', '2024-01-01'],
    [36525, 36525, '1930-01-01', '2024-01-01'],
  ])('limit %i in %i days: every row of the axis has its corner in one column, within 80 columns (QA: 5-digit limits)', (limit, window, entry, exit) => {
    const t = buildTimeline({ stays: [stay(entry, exit)], rule: rollingRule({ limit, window }), on: day('2024-06-01') })
    const lines = renderTimeline(t, { color: false }).trimEnd().split('\n')
    const corners = lines.filter((l) => /[│┼└]/.test(l)).map((l) => [...l].findIndex((ch) => '│┼└'.includes(ch)))
    expect(corners.length).toBeGreaterThanOrEqual(8)
    expect(new Set(corners).size, lines.join('\n')).toBe(1)
    // The marks, markers and dates start where the bars do.
    const track = lines.find((l) => /^ +[=+~!]/.test(l))!
    expect(track.search(/\S/)).toBeGreaterThan(corners[0]!)
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80)
    expect(lines.find((l) => l.includes('┼'))).toContain(`${limit} ┼`)
    // The reference day is shown, however far the latest exit (QA: the first day shown was after it).
    expect(t.from).toBeLessThanOrEqual(day('2024-06-01'))
    expect(t.to).toBeGreaterThanOrEqual(day('2024-06-01'))
    expect(lines.some((l) => /^ +\^ 2024-06-01/.test(l)), lines.join('\n')).toBe(true)
  })

  it.each([
    ['1100 in 2000', 1100, 2000],
    ['2000 in 4000', 2000, 4000],
  ])('inside with a latest exit years ahead (%s): the reference day is on the timeline', (_, limit, window) => {
    const t = buildTimeline({ stays: [open('2024-06-01')], rule: rollingRule({ limit, window }), on: day('2024-06-01') })
    expect(t.from).toBeLessThanOrEqual(day('2024-06-01'))
    expect(renderTimeline(t, { color: false })).toContain('^ 2024-06-01')
  })

  test.prop([longHistory, fc.integer({ min: 0, max: 4000 })], { numRuns: 300 })('fits 80 columns; each column marked ! exactly when it holds an overstay', (stays, at) => {
    const t = buildTimeline({ stays, rule: schengen, on: (18_000 + at) as never })
    const text = renderTimeline(t, { color: false })
    for (const line of text.trimEnd().split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80)
    const perColumn = Math.ceil(t.days.length / MAX_COLUMNS)
    const track = text.split('\n').find((l) => /^ {6}[=+~! ]*$/.test(l) && l.trim() !== '') ?? ''
    for (let col = 0; col * perColumn < t.days.length; col++) {
      const over = t.days.slice(col * perColumn, (col + 1) * perColumn).some((d) => d.over)
      expect(track[6 + col] === '!', `column ${col}`).toBe(over)
    }
  })
})
