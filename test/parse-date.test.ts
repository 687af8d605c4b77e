import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { day, isoOf, ymdOf } from '../src/day.js'
import { formatProblem } from '../src/errors.js'
import { dateFormatProblem, dateProblem, parseDate } from '../src/parse/date.js'
import { run } from './helpers/io.js'

const at = { file: 'trips.csv', line: 2 }

/** The date as ISO text, or the whole formatted problem: one string to compare either way. */
function outcome(text: string, what: string, format?: string): string {
  const result = parseDate(text, what, format)
  return result.ok ? isoOf(result.day) : formatProblem(dateProblem(result, at))
}

describe('parseDate: accepted', () => {
  it.each([
    { name: 'ISO date', text: '2024-01-05', iso: '2024-01-05' },
    { name: 'leap day in a leap year', text: '2024-02-29', iso: '2024-02-29' },
    { name: 'surrounding whitespace', text: ' \t2024-03-01  ', iso: '2024-03-01' },
    { name: 'first accepted year', text: '1900-01-01', iso: '1900-01-01' },
    { name: 'last accepted year', text: '2199-12-31', iso: '2199-12-31' },
    { name: 'year first with slashes', text: '2024/03/01', iso: '2024-03-01' },
    { name: 'year first with dots', text: '2024.03.01', iso: '2024-03-01' },
    { name: 'year first without zero padding', text: '2024/3/1', iso: '2024-03-01' },
    // Months 10 to 12 have two digits unpadded too: a writer who pads nothing.
    { name: 'year first, October, day unpadded', text: '2024-10-5', iso: '2024-10-05' },
    { name: 'year first, month unpadded, day of two digits', text: '2024-1-15', iso: '2024-01-15' },
    { name: 'day, month name, year', text: '5 Jan 2024', iso: '2024-01-05' },
    { name: 'month name, day, year', text: 'Jan 5, 2024', iso: '2024-01-05' },
    { name: 'dashed day-month-year', text: '05-Jan-2024', iso: '2024-01-05' },
    { name: 'dashed year-month-day', text: '2024-Jan-05', iso: '2024-01-05' },
    { name: 'full month name', text: '29 February 2024', iso: '2024-02-29' },
    { name: 'month name in capitals, Sept', text: 'SEPT 9 2024', iso: '2024-09-09' },
    { name: 'abbreviation with a dot', text: 'Dec. 31, 2023', iso: '2023-12-31' },
    { name: 'format dd/MM/yyyy: 03/04 is 3 April', text: '03/04/2024', format: 'dd/MM/yyyy', iso: '2024-04-03' },
    { name: 'format MM/dd/yyyy: 03/04 is 4 March', text: '03/04/2024', format: 'MM/dd/yyyy', iso: '2024-03-04' },
    { name: 'format dd.MM.yyyy, leap day', text: '29.02.2024', format: 'dd.MM.yyyy', iso: '2024-02-29' },
    { name: 'format d/M/yyyy, no padding', text: '3/4/2024', format: 'd/M/yyyy', iso: '2024-04-03' },
    { name: 'format with an English month name', text: '5 Jan 2024', format: 'd MMM yyyy', iso: '2024-01-05' },
    // Two-digit years as the README says luxon reads them: up to 60 this century, from 61 the last.
    { name: 'format dd/MM/yy: 24 is 2024', text: '03/04/24', format: 'dd/MM/yy', iso: '2024-04-03' },
    { name: 'format dd/MM/yy: 60 is 2060', text: '03/04/60', format: 'dd/MM/yy', iso: '2060-04-03' },
    { name: 'format dd/MM/yy: 61 is 1961', text: '03/04/61', format: 'dd/MM/yy', iso: '1961-04-03' },
    // The stamp date at the crossing point (rules-reference §4.3), never moved through UTC:
    // 01:30 at +02:00 is 23:30 UTC the day before, and 23:30 at -05:00 is 04:30 UTC the day after.
    { name: 'offset east of UTC after midnight keeps its date', text: '2024-01-05T01:30+02:00', format: "yyyy-MM-dd'T'HH:mmZZ", iso: '2024-01-05' },
    { name: 'offset west of UTC before midnight keeps its date', text: '2024-01-10T23:30-05:00', format: "yyyy-MM-dd'T'HH:mmZZ", iso: '2024-01-10' },
    { name: 'compact offset (ZZZ)', text: '2024-12-31T23:59-1100', format: "yyyy-MM-dd'T'HH:mmZZZ", iso: '2024-12-31' },
    { name: 'narrow offset (Z), 14 hours east', text: '2024-03-01 00:15 +14', format: 'yyyy-MM-dd HH:mm Z', iso: '2024-03-01' },
    // Europe/Athens is UTC+2 in January; America/New_York UTC-5.
    { name: 'IANA zone name (z) east', text: '2024-01-05 01:30 Europe/Athens', format: 'yyyy-MM-dd HH:mm z', iso: '2024-01-05' },
    { name: 'IANA zone name (z) west', text: '2024-01-10 23:30 America/New_York', format: 'yyyy-MM-dd HH:mm z', iso: '2024-01-10' },
    { name: 'a time without an offset is read as written', text: '05.01.2024 23:59', format: 'dd.MM.yyyy HH:mm', iso: '2024-01-05' },
    // QA: luxon makes 24:00 the next day's midnight; the date written is the day it ends.
    { name: '24:00 (the end of the day) keeps the date written', text: '05.01.2024 24:00', format: 'dd.MM.yyyy HH:mm', iso: '2024-01-05' },
    { name: '24:00 on the last day of a year and of the range', text: '31.12.2199 24:00', format: 'dd.MM.yyyy HH:mm', iso: '2199-12-31' },
    { name: '00:00 is that day', text: '06.01.2024 00:00', format: 'dd.MM.yyyy HH:mm', iso: '2024-01-06' },
  ])('$name', ({ text, format, iso }) => {
    expect(outcome(text, 'entry date', format)).toBe(iso)
  })

  // Day numbers counted by hand: 1970–2023 has 54 years, 13 of them leap (1972 … 2020), so
  // 2024-01-01 is 54 × 365 + 13 = 19723, and 2024-02-29 is 19723 + 31 + 28 = 19782.
  it.each([
    { text: '1970-01-01', day: 0 },
    { text: '2024-01-01', day: 19723 },
    { text: '2024-02-29', day: 19782 },
    { text: '1969-12-31', day: -1 },
  ])('$text is day $day', ({ text, day }) => {
    expect(parseDate(text, 'entry date')).toEqual({ ok: true, day })
  })
})

const ISO = 'expected a calendar date like 2024-02-28 (YYYY-MM-DD)'
const EITHER_SLASH = 'expected a calendar date like 2024-02-28 (YYYY-MM-DD), or --date-format dd/MM/yyyy or MM/dd/yyyy'

describe('parseDate: refused', () => {
  it.each([
    {
      // A file cut mid-date (QA fuzz): 2024-01-1 was read as 2024-01-01.
      name: 'a padded month with a one-digit day: cut short',
      text: '2024-01-1',
      what: 'exit date',
      out: ['trips.csv:2: invalid exit date "2024-01-1"', '  the month has a leading zero but the day one digit: a date cut short (2024-01-10 … 2024-01-19?), or written without its zero (2024-01-01?)', `  ${ISO}`],
    },
    {
      // No day of February 2024 begins with 3, and none of January with 7: only the zero is missing.
      name: 'a padded month with a one-digit day no longer day begins with',
      text: '2024-02-3',
      out: ['trips.csv:2: invalid entry date "2024-02-3"', '  the month has a leading zero but the day one digit: written without its zero (2024-02-03?)', `  ${ISO}`],
    },
    {
      name: 'a padded month with a day of 3 in a 30-day month: 30 only',
      text: '2024-04-3',
      out: ['trips.csv:2: invalid entry date "2024-04-3"', '  the month has a leading zero but the day one digit: a date cut short (2024-04-30?), or written without its zero (2024-04-03?)', `  ${ISO}`],
    },
    {
      name: 'day 30 in February',
      text: '2024-02-30',
      what: 'exit date',
      out: ['trips.csv:2: invalid exit date "2024-02-30"', '  day 30 is out of range for February 2024', `  ${ISO}`],
    },
    {
      name: 'leap day in a common year',
      text: '2023-02-29',
      out: ['trips.csv:2: invalid entry date "2023-02-29"', '  day 29 is out of range for February 2023', `  ${ISO}`],
    },
    {
      name: 'day 31 in April',
      text: '2024-04-31',
      out: ['trips.csv:2: invalid entry date "2024-04-31"', '  day 31 is out of range for April 2024', `  ${ISO}`],
    },
    {
      name: 'day 0',
      text: '2024-01-00',
      out: ['trips.csv:2: invalid entry date "2024-01-00"', '  day 0 is out of range for January 2024', `  ${ISO}`],
    },
    {
      name: 'month 13',
      text: '2024-13-01',
      out: ['trips.csv:2: invalid entry date "2024-13-01"', '  month 13 is out of range', `  ${ISO}`],
    },
    {
      name: 'year 0024',
      text: '0024-01-01',
      out: ['trips.csv:2: invalid entry date "0024-01-01"', '  year 0024 is out of range (1900 to 2199)', `  ${ISO}`],
    },
    {
      name: 'year 1899',
      text: '1899-12-31',
      out: ['trips.csv:2: invalid entry date "1899-12-31"', '  year 1899 is out of range (1900 to 2199)', `  ${ISO}`],
    },
    {
      name: 'year 2200',
      text: '2200-01-01',
      out: ['trips.csv:2: invalid entry date "2200-01-01"', '  year 2200 is out of range (1900 to 2199)', `  ${ISO}`],
    },
    {
      name: 'impossible day with a month name',
      text: '31 Feb 2024',
      out: ['trips.csv:2: invalid entry date "31 Feb 2024"', '  day 31 is out of range for February 2024', `  ${ISO}`],
    },
    {
      name: '03/04/2024 could be either',
      text: '03/04/2024',
      out: ['trips.csv:2: ambiguous entry date "03/04/2024"', '  it could be 3 April or 4 March', `  ${EITHER_SLASH}`],
    },
    {
      name: 'dotted day and month',
      text: '03.04.2024',
      out: [
        'trips.csv:2: ambiguous entry date "03.04.2024"',
        '  it could be 3 April or 4 March',
        '  expected a calendar date like 2024-02-28 (YYYY-MM-DD), or --date-format dd.MM.yyyy or MM.dd.yyyy',
      ],
    },
    {
      name: 'unpadded dashed day and month',
      text: '3-4-2024',
      out: [
        'trips.csv:2: ambiguous entry date "3-4-2024"',
        '  it could be 3 April or 4 March',
        '  expected a calendar date like 2024-02-28 (YYYY-MM-DD), or --date-format d-M-yyyy or M-d-yyyy',
      ],
    },
    {
      name: '25/04/2024 reads one way only, but the file may hold 03/04 too',
      text: '25/04/2024',
      out: [
        'trips.csv:2: entry date "25/04/2024" without the order of its day and month',
        '  write it as 2024-04-25, or say the order with --date-format dd/MM/yyyy',
        `  ${EITHER_SLASH}`,
      ],
    },
    {
      name: '04/25/2024, month first',
      text: '04/25/2024',
      out: [
        'trips.csv:2: entry date "04/25/2024" without the order of its day and month',
        '  write it as 2024-04-25, or say the order with --date-format MM/dd/yyyy',
        `  ${EITHER_SLASH}`,
      ],
    },
    {
      name: 'same day and month',
      text: '04/04/2024',
      out: [
        'trips.csv:2: entry date "04/04/2024" without the order of its day and month',
        '  write it as 2024-04-04, or say the order with --date-format dd/MM/yyyy',
        `  ${EITHER_SLASH}`,
      ],
    },
    {
      name: 'no order of day and month works',
      text: '31/02/2024',
      out: ['trips.csv:2: invalid entry date "31/02/2024"', '  neither order of day and month gives a calendar date', `  ${ISO}`],
    },
    {
      name: 'a time of day',
      text: '2024-01-05T10:00',
      out: ['trips.csv:2: invalid entry date "2024-01-05T10:00"', '  a time of day is not accepted, only the calendar day', `  ${ISO}`],
    },
    {
      name: 'a time of day after a space',
      text: '2024-01-05 10:00',
      out: ['trips.csv:2: invalid entry date "2024-01-05 10:00"', '  a time of day is not accepted, only the calendar day', `  ${ISO}`],
    },
    {
      name: 'a time of day without its colon (QA)',
      text: '2024-01-05 1030',
      out: ['trips.csv:2: invalid entry date "2024-01-05 1030"', '  a time of day is not accepted, only the calendar day', `  ${ISO}`],
    },
    {
      name: 'a note after the date is no time of day (QA)',
      text: '2024-01-05 (approx)',
      out: ['trips.csv:2: invalid entry date "2024-01-05 (approx)"', '  "(approx)" follows the date, and only the date is read (in a file, a note goes in a column of its own)', `  ${ISO}`],
    },
    {
      name: 'a week date',
      text: '2024-W01-1',
      out: ['trips.csv:2: invalid entry date "2024-W01-1"', '  week dates are not accepted', `  ${ISO}`],
    },
    {
      name: 'an ordinal date',
      text: '2024-005',
      out: ['trips.csv:2: invalid entry date "2024-005"', '  ordinal (day-of-year) dates are not accepted', `  ${ISO}`],
    },
    {
      name: 'a two-digit year',
      text: '03/04/24',
      out: ['trips.csv:2: invalid entry date "03/04/24"', '  the year needs four digits', `  ${ISO}`],
    },
    {
      name: 'not a date',
      text: 'yesterday',
      out: ['trips.csv:2: invalid entry date "yesterday"', '  not a date in a form stay-calc recognises', `  ${ISO}`],
    },
    { name: 'empty', text: '', out: ['trips.csv:2: missing entry date', `  ${ISO}`] },
    { name: 'only spaces', text: '   ', out: ['trips.csv:2: missing entry date', `  ${ISO}`] },
    {
      name: 'format: impossible day',
      text: '30.02.2024',
      format: 'dd.MM.yyyy',
      out: [
        'trips.csv:2: invalid entry date "30.02.2024"',
        '  day 30 is out of range for February 2024',
        '  expected a date like 28.02.2024 (--date-format dd.MM.yyyy)',
      ],
    },
    {
      name: 'format: ISO text does not match, luxon explains',
      text: '2024-02-28',
      format: 'dd.MM.yyyy',
      out: [
        'trips.csv:2: invalid entry date "2024-02-28"',
        '  the input "2024-02-28" can\'t be parsed as format dd.MM.yyyy',
        '  expected a date like 28.02.2024 (--date-format dd.MM.yyyy)',
      ],
    },
    {
      name: 'format: year out of range',
      text: '31.12.1899',
      format: 'dd.MM.yyyy',
      out: [
        'trips.csv:2: invalid entry date "31.12.1899"',
        '  year 1899 is out of range (1900 to 2199)',
        '  expected a date like 28.02.2024 (--date-format dd.MM.yyyy)',
      ],
    },
    {
      name: 'format without a year would read the clock',
      text: '28.02',
      format: 'dd.MM',
      out: [
        'trips.csv:2: invalid entry date "28.02"',
        '  --date-format "dd.MM" does not give a full date (day, month and year)',
        '  expected a date like 28.02 (--date-format dd.MM)',
      ],
    },
    {
      name: 'format: an unknown zone name',
      text: '2024-01-05 01:30 Mars/Olympus',
      format: 'yyyy-MM-dd HH:mm z',
      out: [
        'trips.csv:2: invalid entry date "2024-01-05 01:30 Mars/Olympus"',
        '  the zone "Mars/Olympus" is not supported',
        '  expected a date like 2024-02-28 00:00 UTC (--date-format yyyy-MM-dd HH:mm z)',
      ],
    },
    {
      name: 'format: missing',
      text: '',
      format: 'dd.MM.yyyy',
      out: ['trips.csv:2: missing entry date', '  expected a date like 28.02.2024 (--date-format dd.MM.yyyy)'],
    },
  ])('$name', ({ text, what = 'entry date', format, out }) => {
    expect(outcome(text, what, format)).toBe(out.join('\n'))
  })

  it('gives a stable code for each kind of refusal', () => {
    const code = (text: string) => {
      const result = parseDate(text, 'entry date')
      return result.ok ? 'ok' : result.code
    }
    expect([code(''), code('2024-02-30'), code('03/04/2024'), code('2024-02-28')]).toEqual([
      'E_DATE_MISSING',
      'E_DATE_INVALID',
      'E_DATE_AMBIGUOUS',
      'ok',
    ])
  })

  it('quotes long input cut short', () => {
    const result = parseDate('x'.repeat(100), 'entry date')
    expect(result.ok ? '' : result.message).toBe(`invalid entry date "${'x'.repeat(39)}…"`)
  })
})

describe('dateFormatProblem', () => {
  it.each([
    { format: 'dd.MM.yyyy', problem: undefined },
    { format: 'MM/dd/yy', problem: undefined },
    { format: 'd MMMM yyyy', problem: undefined },
    { format: 'dd.MM', problem: '--date-format "dd.MM" does not give a full date (day, month and year)' },
    { format: 'MM/yyyy', problem: '--date-format "MM/yyyy" does not give a full date (day, month and year)' },
  ])('$format', ({ format, problem }) => {
    expect(dateFormatProblem(format)).toBe(problem)
  })
})

describe('parseDate: every day from 1900 to 2199', () => {
  const anyDay = fc.integer({ min: day('1900-01-01'), max: day('2199-12-31') })
  const two = (n: number) => String(n).padStart(2, '0')
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

  it('reads its ISO text, its dd.MM.yyyy text with the format, and its "d MMM yyyy" text', () => {
    fc.assert(
      fc.property(anyDay, (n) => {
        const { year, month, day: d } = ymdOf(n)
        expect(parseDate(isoOf(n), 'entry date')).toEqual({ ok: true, day: n })
        expect(parseDate(`${two(d)}.${two(month)}.${year}`, 'entry date', 'dd.MM.yyyy')).toEqual({ ok: true, day: n })
        expect(parseDate(`${d} ${MONTHS[month - 1]} ${year}`, 'entry date')).toEqual({ ok: true, day: n })
      }),
    )
  })
})

describe('--date-format with a time and an offset, from a file', () => {
  it('keeps each stamp date as written: 5 to 10 January is 6 days', async () => {
    // Entry 01:30 at +02:00 (23:30 UTC on the 4th) and exit 23:30 at -05:00 (04:30 UTC on the 11th):
    // through UTC the stay would be 4-11 January, 8 days; the stamps say 5 and 10 January, 6 days.
    const files = { 'times.csv': 'entry,exit\n2024-01-05T01:30+02:00,2024-01-10T23:30-05:00\n' }
    const r = await run(['times.csv', '--date-format', "yyyy-MM-dd'T'HH:mmZZ", '--on', '2024-01-20', '--json'], { files })
    expect(r.exitCode).toBe(0)
    const json = JSON.parse(r.stdout) as { daysUsed: number; stays: { entry: string; exit: string; days: number }[] }
    expect(json.stays).toMatchObject([{ entry: '2024-01-05', exit: '2024-01-10', days: 6 }])
    expect(json.daysUsed).toBe(6)
  })
})

describe('numeric formats are read without luxon, as luxon reads them', () => {
  // The reading luxon gives, straight from luxon: the oracle for the fast reader (src/parse/date.ts numericReader).
  const luxonDay = async (text: string, format: string): Promise<number | null> => {
    const { DateTime } = await import('luxon')
    const t = DateTime.fromFormat(text.trim(), format, { zone: 'utc', setZone: true, locale: 'en-US' })
    return t.isValid && t.year >= 1900 && t.year <= 2199 ? day(`${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`) : null
  }
  const FORMATS = ['dd/MM/yyyy', 'd.M.yyyy', 'MM-dd-yyyy', 'yyyy/MM/dd', 'ddMMyyyy', 'dMyyyy', 'yyyy-M-d', 'M/d/yyyy']
  const write = (format: string, y: number, m: number, d: number, pad: boolean) =>
    format.replace(/yyyy|dd|d|MM|M/g, (t) => {
      const v = t === 'yyyy' ? y : t.startsWith('d') ? d : m
      return t === 'yyyy' ? String(v).padStart(4, '0') : t.length === 2 || pad ? String(v).padStart(2, '0') : String(v)
    })

  it('dates written in the format, and mangled ones, read as luxon reads them', async () => {
    const text = fc.oneof(
      fc.tuple(fc.constantFrom(...FORMATS), fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.boolean()).map(([f, y, m, d, pad]) => [f, write(f, y, m, d, pad)] as const),
      fc.tuple(fc.constantFrom(...FORMATS), fc.stringMatching(/^[0-9./\- a]{0,12}$/)).map(([f, s]) => [f, s] as const),
    )
    await fc.assert(
      fc.asyncProperty(text, async ([format, written]) => {
        const got = parseDate(written, 'entry date', format)
        expect(got.ok ? got.day : null, `${written} in ${format}`).toBe(await luxonDay(written, format))
      }),
      { numRuns: 3000 },
    )
  })

  it('a day that does not exist keeps luxon-path words', () => {
    const got = parseDate('31/02/2024', 'entry date', 'dd/MM/yyyy')
    expect(got.ok).toBe(false)
    expect(got.ok ? '' : got.detail).toBe('day 31 is out of range for February 2024')
  })
})
