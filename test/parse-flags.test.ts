import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { formatProblem } from '../src/errors.js'
import { parseTripFlag } from '../src/parse/flags.js'

const TRIP = '  expected ENTRY..EXIT like 2024-01-05..2024-02-20, or ENTRY.. if still inside'
const ISO = '  expected a calendar date like 2024-02-28 (YYYY-MM-DD)'

describe('parseTripFlag: accepted', () => {
  it.each([
    { name: 'entry and exit', value: '2024-01-05..2024-02-20', entry: '2024-01-05', exit: '2024-02-20' },
    { name: 'open: still inside', value: '2024-05-01..', entry: '2024-05-01', exit: null },
    { name: 'one day', value: '2024-01-05..2024-01-05', entry: '2024-01-05', exit: '2024-01-05' },
    { name: 'spaces around the dots', value: ' 2024-01-05 .. 2024-01-10 ', entry: '2024-01-05', exit: '2024-01-10' },
    { name: 'month names', value: '5 Jan 2024..10 Feb 2024', entry: '2024-01-05', exit: '2024-02-10' },
    { name: 'year-first dotted dates', value: '2024.01.05..2024.01.10', entry: '2024-01-05', exit: '2024-01-10' },
    {
      name: '--date-format with dots inside the dates',
      value: '05.01.2024..20.02.2024',
      format: 'dd.MM.yyyy',
      entry: '2024-01-05',
      exit: '2024-02-20',
    },
    { name: '--date-format, open', value: '03/04/2024..', format: 'dd/MM/yyyy', entry: '2024-04-03', exit: null },
  ])('$name', ({ value, format, entry, exit }) => {
    const options = format === undefined ? {} : { dateFormat: format }
    expect(parseTripFlag(value, 1, options)).toEqual({
      stay: { entry: day(entry), exit: exit === null ? null : day(exit), source: { flag: `--trip ${value}` } },
      problems: [],
    })
  })
})

describe('parseTripFlag: refused', () => {
  it.each([
    { name: 'no dots', value: '2024-01-05', out: ['--trip 2024-01-05: malformed --trip value', '  no ".." between the entry and the exit', TRIP] },
    { name: 'not dates', value: 'a..b', out: ['--trip a..b: malformed --trip value', '  "a" is not a date', TRIP] },
    { name: 'exit is not a date', value: '2024-01-05..soon', out: ['--trip 2024-01-05..soon: malformed --trip value', '  "soon" is not a date', TRIP] },
    {
      name: 'no entry',
      value: '..2024-01-01',
      out: ['--trip ..2024-01-01: malformed --trip value', '  the entry date before ".." is missing', TRIP],
    },
    {
      name: 'three dots',
      value: '2024-01-05...2024-02-01',
      out: ['--trip 2024-01-05...2024-02-01: malformed --trip value', '  three dots; entry and exit are separated by exactly two', TRIP],
    },
    {
      name: 'two ranges in one flag',
      value: '2024-01-05..2024-02-01..2024-03-01',
      out: ['--trip 2024-01-05..2024-02-01..2024-03-01: malformed --trip value', '  more than one ".."', TRIP],
    },
    { name: 'empty', value: '', out: ['--trip : malformed --trip value', '  no ".." between the entry and the exit', TRIP] },
    {
      name: 'impossible entry date',
      value: '2024-02-30..2024-03-05',
      out: ['--trip 2024-02-30..2024-03-05: invalid entry date "2024-02-30"', '  day 30 is out of range for February 2024', ISO],
    },
    {
      name: 'exit before entry',
      value: '2024-03-05..2024-03-01',
      out: [
        '--trip 2024-03-05..2024-03-01: exit 2024-03-01 is before entry 2024-03-05',
        '  the entry and exit dates may be swapped',
        '  expected an exit date on or after 2024-03-05',
      ],
    },
    {
      name: 'ambiguous date',
      value: '03/04/2024..',
      out: [
        '--trip 03/04/2024..: ambiguous entry date "03/04/2024"',
        '  it could be 3 April or 4 March',
        '  expected a calendar date like 2024-02-28 (YYYY-MM-DD), or --date-format dd/MM/yyyy or MM/dd/yyyy',
      ],
    },
    {
      name: 'ISO date where --date-format was given',
      value: '2024-01-05..',
      format: 'dd.MM.yyyy',
      out: [
        '--trip 2024-01-05..: invalid entry date "2024-01-05"',
        '  the input "2024-01-05" can\'t be parsed as format dd.MM.yyyy',
        '  expected a date like 28.02.2024 (--date-format dd.MM.yyyy)',
      ],
    },
  ])('$name', ({ value, format, out }) => {
    const result = parseTripFlag(value, 2, format === undefined ? {} : { dateFormat: format })
    expect(result.stay).toBeUndefined()
    expect(result.problems.map(formatProblem)).toEqual([out.join('\n')])
  })

  it('reports both dates when both are bad', () => {
    const result = parseTripFlag('2024-02-30..2024-13-01', 1)
    expect(result.problems.map((p) => [p.code, p.message])).toEqual([
      ['E_DATE_INVALID', 'invalid entry date "2024-02-30"'],
      ['E_DATE_INVALID', 'invalid exit date "2024-13-01"'],
    ])
  })

  it('gives malformed values the code E_TRIP_MALFORMED', () => {
    expect(parseTripFlag('2024-01-05', 1).problems.map((p) => p.code)).toEqual(['E_TRIP_MALFORMED'])
  })
})
