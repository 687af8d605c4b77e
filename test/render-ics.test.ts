/**
 * The iCalendar file (--ics), parsed with ical.js, and checked line by line against RFC 5545:
 * CRLF line ends, lines of at most 75 octets folded with a leading space, TEXT escaping, a UID and
 * a DTSTAMP on every event, all-day DATE values; the same bytes on every run.
 */
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { assess } from '../src/engine/assess.js'
import { fullReentry } from '../src/engine/plan.js'
import { escapeText, foldLine, renderIcs } from '../src/render/ics.js'
import type { Rule } from '../src/rules/types.js'
import type { Stay } from '../src/types.js'
import { open, schengen, stay } from './helpers/factories.js'

/** As the CLI does it: inside, the full re-entry assumes leaving on the latest legal exit. */
function ics(stays: readonly Stay[], on: string, rule: Rule = schengen): string {
  const input = { stays, rule, on: day(on) }
  const report = assess(input)
  return renderIcs(report, fullReentry(input, report.latestExit ?? input.on))
}

function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v)
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      allDay: e.startDate.isDate,
      stamp: String(v.getFirstPropertyValue('dtstamp')),
      alarms: v.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    }
  })
}

/** RFC 5545 §3.1: CRLF everywhere, at most 75 octets a line, continuation lines start with one space. */
function expectWellFormed(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true)
  expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
  const lines = text.slice(0, -2).split('\r\n')
  expect(lines[0]).toBe('BEGIN:VCALENDAR')
  expect(lines.at(-1)).toBe('END:VCALENDAR')
  for (const line of lines) {
    expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75)
    expect(line).not.toContain('\uFFFD')
  }
  const unfolded = text.replace(/\r\n /g, '')
  for (const name of ['VERSION:2.0', 'PRODID:']) expect(unfolded).toContain(name)
  const events = unfolded.split('BEGIN:VEVENT').slice(1)
  for (const e of events) {
    expect(e).toMatch(/\r\nUID:[^\r\n]+\r\n/)
    expect(e).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/)
    expect(e).toMatch(/\r\nDTSTART;VALUE=DATE:\d{8}\r\n/)
  }
}

describe('iCalendar', () => {
  const inside = [stay('2024-01-05', '2024-02-20'), open('2024-05-01')]

  it('inside: the latest legal exit (with a reminder) and the earliest full re-entry, all-day', () => {
    const text = ics(inside, '2024-06-01')
    expectWellFormed(text)
    const events = eventsOf(text)
    expect(events).toMatchObject([
      {
        summary: 'Latest legal exit – Schengen area short stay (90 days in any 180)',
        start: '2024-06-12',
        end: '2024-06-13',
        allDay: true,
        stamp: '2024-06-01T00:00:00Z',
        alarms: ['-P7D'],
      },
      {
        summary: 'Earliest full re-entry for 90 days – Schengen area short stay (90 days in any 180)',
        start: '2024-09-11',
        allDay: true,
        stamp: '2024-06-01T00:00:00Z',
        alarms: [],
      },
    ])
    expect(events[0]!.description).toBe(
      'Inside on 2024-06-01: the last day you may be present is 2024-06-12 (12 days from 2024-06-01).\nComputed by stay-calc for 2024-06-01 under: Schengen area short stay (90 days in any 180). Not legal advice.',
    )
    expect(events[1]!.description).toContain('after leaving on 2024-06-12, counting the stays')
    expect(new Set(events.map((e) => e.uid)).size).toBe(2)
  })

  it('the same input gives the same bytes; DTSTAMP follows the reference day, never the clock', () => {
    expect(ics(inside, '2024-06-01')).toBe(ics(inside, '2024-06-01'))
    const later = eventsOf(ics(inside, '2024-06-05'))
    expect(later.map((e) => e.stamp)).toEqual(['2024-06-05T00:00:00Z', '2024-06-05T00:00:00Z'])
  })

  it('not inside: the last day of a stay entering on the reference day', () => {
    const events = eventsOf(ics([stay('2024-01-10', '2024-03-20')], '2024-06-01'))
    expect(events.map((e) => [e.summary.split(' – ')[0], e.start])).toEqual([
      ['Last day of a stay entering on 2024-06-01', '2024-06-19'],
      ['Earliest full re-entry for 90 days', '2024-06-19'],
    ])
  })

  it('overstaying: a "no legal stay" event on the reference day', () => {
    const text = ics([open('2024-01-01')], '2024-03-31')
    expectWellFormed(text)
    expect(eventsOf(text).map((e) => [e.summary.split(' – ')[0], e.start])).toEqual([
      ['No legal stay', '2024-03-31'],
      ['Earliest full re-entry for 90 days', '2024-06-30'],
    ])
  })

  it('a long label with accents, commas and semicolons folds between characters and escapes', () => {
    const rule: Rule = { ...schengen, label: 'Règle spéciale; séjours courts, «90/180» — 日本語のラベルも長くて、折り返しが必要です' }
    const text = ics(inside, '2024-06-01', rule)
    expectWellFormed(text)
    expect(text).toContain('R\u00e8gle sp\u00e9ciale\\; s\u00e9jours courts\\,')
    expect(eventsOf(text)[0]!.summary).toBe(`Latest legal exit – ${rule.label}`)
  })
})

describe('folding and escaping', () => {
  it.each([
    ['a;b,c\\d', 'a\\;b\\,c\\\\d'],
    ['line one\nline two', 'line one\\nline two'],
    ['plain', 'plain'],
    // A bare CR and CR LF are line breaks too; other controls (but HTAB) are not TEXT (§3.3.11): escapes.
    ['A\rB\r\nC', 'A\\nB\\nC'],
    ['A\u0001B\u001bC\tD\u007f', 'A\\\\u0001B\\\\u001bC\tD\\\\u007f'],
  ])('escapeText(%j) = %j', (input, output) => {
    expect(escapeText(input)).toBe(output)
  })

  it('folds at 75 octets, continuation lines of 74 after the space, never inside a character', () => {
    const line = `DESCRIPTION:${'é'.repeat(50)}${'x'.repeat(60)}${'😀'.repeat(20)}`
    const folded = foldLine(line)
    const parts = folded.split('\r\n')
    for (const [i, p] of parts.entries()) {
      expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75)
      if (i > 0) expect(p.startsWith(' ')).toBe(true)
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line)
    expect(foldLine('SHORT:x')).toBe('SHORT:x')
  })
})

// QA (README audit): under Schengen a visa's own earlier last day was in no calendar event, and an
// import of the file would have overstayed the visa by 54 days.
describe('an authorised-until date the rule cannot count', () => {
  const withUntil = (until: string): Stay => ({ ...open('2024-05-01'), until: day(until) })

  it('earlier than the latest exit: an event of its own on that day, with a week’s reminder', () => {
    // Inside from 2024-05-01 on 2024-06-01: 32 days, latest exit 2024-07-29 (day 90).
    const events = eventsOf(ics([withUntil('2024-06-05')], '2024-06-01'))
    expect(events.map((e) => [e.summary.split(' – ')[0], e.start])).toEqual([
      ['Latest legal exit', '2024-07-29'],
      ['Authorised stay ends', '2024-06-05'],
      ['Earliest full re-entry for 90 days', '2024-10-28'],
    ])
    expect(events[1]!.description.split('\n')[0]).toBe('Your document authorises this visit until 2024-06-05, before the latest exit schengen allows (2024-07-29), which cannot count it: leave by 2024-06-05.')
    expect(events[1]!.alarms).toEqual(['-P7D'])
  })

  it('already passed on the reference day: said on that day, with no reminder (QA)', () => {
    const events = eventsOf(ics([withUntil('2024-05-25')], '2024-06-01'))
    expect(events.map((e) => [e.summary.split(' – ')[0], e.start])).toEqual([
      ['Latest legal exit', '2024-07-29'],
      ['Authorised stay ended on 2024-05-25', '2024-06-01'],
      ['Earliest full re-entry for 90 days', '2024-10-28'],
    ])
    expect(events[1]!.description.split('\n')[0]).toBe(
      'Your document authorised this visit only until 2024-05-25: inside on 2024-06-01, you have stayed past it. schengen cannot count it, so its latest exit (2024-07-29) does not show it.',
    )
    expect(events[1]!.alarms).toEqual([])
  })

  it('later than the latest exit, or none: no such event', () => {
    expect(eventsOf(ics([withUntil('2024-08-15')], '2024-06-01')).map((e) => e.summary.split(' – ')[0])).toEqual(['Latest legal exit', 'Earliest full re-entry for 90 days'])
    expect(eventsOf(ics([open('2024-05-01')], '2024-06-01'))).toHaveLength(2)
  })
})
