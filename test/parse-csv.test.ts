import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { day, isoOf } from '../src/day.js'
import { formatProblem } from '../src/errors.js'
import { parseCsv, stayFromDates, type ParseOptions } from '../src/parse/csv.js'
import { readTable } from '../src/parse/records.js'
import type { Stay } from '../src/types.js'
import { dedent } from './helpers/dedent.js'

/** A stay as `entry..exit @line` (`..` alone for an open stay, `>line` for a crossings exit row). */
function show(stay: Stay): string {
  const exit = stay.exit === null ? '' : isoOf(stay.exit)
  const exitLine = stay.exitSource === undefined ? '' : `>${stay.exitSource.line}`
  return `${isoOf(stay.entry)}..${exit} @${stay.source.line}${exitLine}`
}

function read(text: string, options?: ParseOptions) {
  const parsed = parseCsv(text, 'trips.csv', options)
  return { form: parsed.form, stays: parsed.stays.map(show), problems: parsed.problems.map(formatProblem) }
}

describe('parseCsv: stays form', () => {
  it.each([
    {
      name: 'entry and exit, empty exit = still inside',
      text: dedent`
        entry,exit
        2024-01-05,2024-01-10
        2024-02-01,
      `,
      stays: ['2024-01-05..2024-01-10 @2', '2024-02-01.. @3'],
    },
    {
      name: 'UTF-8 BOM before the header',
      text: '\uFEFFentry,exit\n2024-01-05,2024-01-10\n',
      stays: ['2024-01-05..2024-01-10 @2'],
    },
    {
      name: 'semicolons',
      text: dedent`
        Entry;Exit;Notes
        2024-01-05;2024-01-10;Lyon, France
      `,
      stays: ['2024-01-05..2024-01-10 @2'],
    },
    {
      name: 'tabs, with an empty exit between tabs',
      text: 'from\tto\tnotes\n2024-01-05\t2024-01-10\tski, then Geneva\n2024-02-01\t\tstill here\n',
      stays: ['2024-01-05..2024-01-10 @2', '2024-02-01.. @3'],
    },
    {
      name: 'comment and blank lines count in line numbers',
      text: dedent`
        # my trips
        entry,exit

          # winter
        2024-01-05,2024-01-10

        2024-02-01,2024-02-03
      `,
      stays: ['2024-01-05..2024-01-10 @5', '2024-02-01..2024-02-03 @7'],
    },
    {
      name: 'lines of spaces are blank',
      text: 'entry,exit\n   \n2024-01-05,2024-01-10\n\t\n',
      stays: ['2024-01-05..2024-01-10 @3'],
    },
    {
      name: 'CRLF line breaks',
      text: 'entry,exit\r\n\r\n2024-01-05,2024-01-10\r\n2024-02-01,\r\n',
      stays: ['2024-01-05..2024-01-10 @3', '2024-02-01.. @4'],
    },
    {
      name: 'no line break at the end',
      text: 'entry,exit\n2024-01-05,2024-01-10',
      stays: ['2024-01-05..2024-01-10 @2'],
    },
    {
      name: 'quoted fields, an escaped quote and a field over two lines',
      text: dedent`
        entry,exit,notes
        "2024-01-05","2024-01-10","Paris, France"
        2024-02-01,2024-02-03,"she said ""hi""
        # not a comment: inside quotes"
        2024-03-01,2024-03-02, "quoted after a space"
      `,
      stays: ['2024-01-05..2024-01-10 @2', '2024-02-01..2024-02-03 @3', '2024-03-01..2024-03-02 @5'],
    },
    {
      name: 'spaces around fields',
      text: 'entry , exit\n 2024-01-05 ,  2024-01-10 \n',
      stays: ['2024-01-05..2024-01-10 @2'],
    },
    {
      name: 'traveller, country, id and notes columns do not get in the way',
      text: dedent`
        traveller,id,country,entry,exit,name,notes
        Anna,7,FR,2024-01-05,2024-01-10,Anna K,
      `,
      stays: ['2024-01-05..2024-01-10 @2'],
    },
    {
      name: 'rows of empty fields are blank rows',
      text: 'entry,exit,notes\n,,\n2024-01-05,2024-01-10,\n',
      stays: ['2024-01-05..2024-01-10 @3'],
    },
    {
      name: 'unambiguous written-out dates',
      text: dedent`
        entry,exit
        5 Jan 2024,"Jan 10, 2024"
        2024/02/01,2024.02.03
      `,
      stays: ['2024-01-05..2024-01-10 @2', '2024-02-01..2024-02-03 @3'],
    },
    {
      name: '--date-format dd/MM/yyyy reads 03/04/2024 as 3 April',
      text: 'entry,exit\n03/04/2024,05/04/2024\n',
      options: { dateFormat: 'dd/MM/yyyy' },
      stays: ['2024-04-03..2024-04-05 @2'],
    },
    {
      name: 'one-day stay',
      text: 'entry,exit\n2024-01-05,2024-01-05\n',
      stays: ['2024-01-05..2024-01-05 @2'],
    },
    { name: 'header only', text: 'entry,exit\n', stays: [] },
  ])('$name', ({ text, options, stays }) => {
    expect(read(text, options)).toEqual({ form: 'stays', stays, problems: [] })
  })

  it.each([
    'arrival,departure',
    'Start Date , End_Date',
    'DATE-IN,date_out',
    'entered,left',
    'in,out',
    'from,to',
    'Entry Date,Exit Date',
    'start,end',
    '"Entry","Exit"',
    'Einreise,Ausreise',
    'Einreisedatum,Ausreisedatum',
    // QA: the README's "the same with date" read as any of these; only four were accepted.
    'from date,to date',
    'Date From,Date To',
    'entered date,left date',
    'date entered,date left',
    'in date,out date',
    'Date of arrival,Date of departure',
  ])('header synonyms: %s', (header) => {
    expect(read(`${header}\n2024-01-05,2024-01-10\n`)).toEqual({
      form: 'stays',
      stays: ['2024-01-05..2024-01-10 @2'],
      problems: [],
    })
  })

  it('reads the columns by name, whatever their order', () => {
    expect(read('notes,exit,entry\nx,2024-01-10,2024-01-05\n').stays).toEqual(['2024-01-05..2024-01-10 @2'])
  })
})

describe('parseCsv: a quoted note may hold line breaks', () => {
  it('lines that do not read as rows are the note\'s (a quote left open over rows is a problem: see below)', () => {
    // Its second line has the header's three fields, but no date: a note, not a row.
    const parsed = parseCsv('entry,exit,note\n2024-01-01,2024-01-05,"Paris, France\nmet Ann, Bob, Carl"\n2024-02-01,2024-02-03,\n', 'trips.csv')
    expect(parsed.problems).toEqual([])
    expect(parsed.stays.map((s) => `${isoOf(s.entry)}..${isoOf(s.exit!)} @${s.source.line}`)).toEqual(['2024-01-01..2024-01-05 @2', '2024-02-01..2024-02-03 @4'])
  })
  // QA (differential fuzz): notes like these were refused as rows when any date among values counted.
  it.each([
    ['hotel bookings', 'entry,exit,note\n2024-01-05,2024-01-20,"Hotel bookings:\n2024-01-05, 2024-01-12 (Paris)"\n2024-03-01,2024-03-10,\n'],
    ['an itinerary', 'entry,exit,note\n2024-01-05,2024-01-20,"Itinerary\nParis | 5 Jan 2024\nLyon | 12 Jan 2024"\n2024-03-01,2024-03-10,\n'],
    ['an itinerary of crossings', 'date,direction,note\n2024-01-05,in,"Itinerary\nParis, 5 Jan 2024\nLyon; 12 Jan 2024"\n2024-01-20,out,\n2024-03-01,in,\n2024-03-10,out,\n'],
    // QA (swallowed-rows pass): a time followed by text, and numbers shaped like dates.
    ['check-in times', 'entry,exit,note\n2024-01-05,2024-01-20,"Booking 4711\n2024-01-05 15:00 check-in, 2024-01-12 11:00 check-out"\n2024-03-01,2024-03-10,\n'],
    ['flights', 'entry,exit,note\n2024-01-05,2024-01-20,"Flights\n2024-01-05 08:15 LH1034 FRA-CDG; 2024-01-12 19:40 AF1418 CDG-FRA"\n2024-03-01,2024-03-10,\n'],
    ['phone numbers', 'entry,exit,note\n2024-01-05,2024-01-20,"Contacts\n06-12-3456, 06-98-7654"\n2024-03-01,2024-03-10,\n'],
  ])('a note whose lines hold dates but not where the header\'s columns are: %s', (_, text) => {
    const parsed = parseCsv(text, 'trips.csv')
    expect(parsed.problems).toEqual([])
    expect(parsed.stays.map((s) => `${isoOf(s.entry)}..${isoOf(s.exit!)}`)).toEqual(['2024-01-05..2024-01-20', '2024-03-01..2024-03-10'])
  })

  it('a date within a line of the note, or alone on one, is the note\'s', () => {
    const parsed = parseCsv('entry,exit,note\n2024-01-01,2024-01-05,"Paris\nback on 2024-01-05, maybe\n2024-01-05\n"\n2024-02-01,2024-02-03,\n', 'trips.csv')
    expect(parsed.problems).toEqual([])
    expect(parsed.stays.map((s) => `${isoOf(s.entry)}..${isoOf(s.exit!)} @${s.source.line}`)).toEqual(['2024-01-01..2024-01-05 @2', '2024-02-01..2024-02-03 @6'])
  })
})

describe('parseCsv: crossings form', () => {
  it.each([
    {
      name: 'in and out rows pair into stays; a final in is an open stay',
      text: dedent`
        date,direction
        2024-01-05,in
        2024-01-10,out
        2024-02-01,IN
      `,
      stays: ['2024-01-05..2024-01-10 @2>3', '2024-02-01.. @4'],
    },
    {
      name: 'rows out of date order are sorted first',
      text: dedent`
        Date;Type
        2024-02-01;entry
        2024-01-05;arrival
        2024-02-10;exit
        2024-01-10;departure
      `,
      stays: ['2024-01-05..2024-01-10 @3>5', '2024-02-01..2024-02-10 @2>4'],
    },
    {
      name: 'same-day out then in: exit and re-entry sharing the day',
      text: dedent`
        day,event
        2024-03-01,enter
        2024-03-10,leave
        2024-03-10,entered
        2024-03-20,exited
      `,
      stays: ['2024-03-01..2024-03-10 @2>3', '2024-03-10..2024-03-20 @4>5'],
    },
    {
      name: 'same-day in then out: a one-day stay',
      text: 'crossing date,kind\n2024-03-05,in\n2024-03-05,out\n',
      stays: ['2024-03-05..2024-03-05 @2>3'],
    },
    {
      name: 'an in/out column, comments and a note column',
      text: dedent`
        # border stamps
        Date,In/Out,Notes
        2024-01-05, In ,Almaty airport

        2024-01-10,Out,"train, to Tashkent"
      `,
      stays: ['2024-01-05..2024-01-10 @3>5'],
    },
    {
      name: '--date-format applies to crossings too',
      text: 'date,direction\n05.01.2024,in\n10.01.2024,out\n',
      options: { dateFormat: 'dd.MM.yyyy' },
      stays: ['2024-01-05..2024-01-10 @2>3'],
    },
  ])('$name', ({ text, options, stays }) => {
    expect(read(text, options)).toEqual({ form: 'crossings', stays, problems: [] })
  })
})

const ISO = '  expected a calendar date like 2024-02-28 (YYYY-MM-DD)'
const HEADER = '  expected a header like "entry,exit" (one row per stay) or "date,direction" (one row per crossing)'
const DIRECTIONS =
  '  expected one of in, entry, arrival, enter, entered (entering) or out, exit, departure, leave, exited (leaving)'

describe('parseCsv: problems', () => {
  it.each([
    {
      // QA fuzz: the three crossings after the note vanished into it, and an overstay was reported.
      name: 'a quote left open in a note, closed at the end of a later row',
      text: 'date,direction,note\n2024-01-01,in,"oops\n2024-01-05,out,\n2024-02-01,in,\n2024-02-10,out,"\n',
      form: 'crossings',
      problems: [
        "trips.csv:2: a quoted value runs on to line 5, over lines that read as rows\n  lines 3, 4, 5 alone read as a row (values where the header's columns are, a date among them), but inside the quotes they are part of this row's value: a quote is most likely missing\n  expected the quote closed on the line it opens (a quoted note may hold line breaks, but not rows)",
      ],
    },
    // QA (mangled input): swallowed lines of fewer fields than the header, or of another export's
    // delimiter, or with a month name beyond ASCII, vanished just the same (exit 1: a false overstay).
    ...[
      { name: 'two fields under a header of three', lines: ['2024-02-20,out', '2024-03-01,in', '2024-03-05,out"'], last: 5, rowLike: '3, 4, 5' },
      { name: 'separated by semicolons', lines: ['2024-02-20;out', '2024-03-01;in"'], last: 4, rowLike: '3, 4' },
      { name: 'separated by tabs', lines: ['2024-02-20\tout"'], last: 3, rowLike: '3' },
      { name: 'a field too many', lines: ['2024-02-20,out,x,y', 'end"'], last: 4, rowLike: '3' },
      { name: 'a German month name', lines: ['1 Mär 2024,out', 'end"'], last: 4, rowLike: '3' },
    ].map(({ name, lines, last, rowLike }) => ({
      name: `a quote left open in a note over rows: ${name}`,
      text: `date,direction,note\n2024-01-05,in,"Paris\n${lines.join('\n')}\n`,
      form: 'crossings' as const,
      problems: [
        `trips.csv:2: a quoted value runs on to line ${last}, over lines that read as rows\n  line${rowLike.includes(',') ? 's' : ''} ${rowLike} alone ${rowLike.includes(',') ? 'read' : 'reads'} as a row (values where the header's columns are, a date among them), but inside the quotes ${rowLike.includes(',') ? 'they are' : 'it is'} part of this row's value: a quote is most likely missing\n  expected the quote closed on the line it opens (a quoted note may hold line breaks, but not rows)`,
      ],
    })),
    // QA (swallowed-rows pass): a quote opened before the row's dates, or between them, swallowed
    // the next row: a false "ok", or two stays stitched into one overstay.
    ...[
      { name: 'in a first column, the rest of its line a row', text: 'note,entry,exit\n"Hotel Adlon,2024-01-06,2024-04-15\nconference",2024-06-01,2024-06-10\n' },
      { name: 'between the entry and the exit', text: 'entry,note,exit\n2024-01-10,"Lisbon,2024-02-10\n2024-05-20,Lisbon",2024-05-27\n' },
      { name: 'in a first column of crossings', text: 'note,date,direction\n"Berlin,2024-01-05,in\nBerlin",2024-05-01,in\nx,2024-05-10,out\n', form: 'crossings' as const },
    ].map(({ name, text, form }) => ({
      name: `a quote left open ${name}`,
      text,
      form: form ?? ('stays' as const),
      options: undefined,
      problems: [
        "trips.csv:2: a quoted value runs on to line 3, over lines that read as rows\n  line 3 alone reads as a row (values where the header's columns are, a date among them), but inside the quotes it is part of this row's value: a quote is most likely missing\n  expected the quote closed on the line it opens (a quoted note may hold line breaks, but not rows)",
      ],
      stays: [] as string[],
    })),
    {
      // The row then has a field too many as well: the swallowing is the problem told, not the count.
      name: 'a quote left open in a note closed before another field',
      text: 'entry,exit,note\n2024-01-05,2024-02-20,"x\n2024-03-01,2024-03-05\n",extra\n2024-05-01,,z\n',
      problems: [
        "trips.csv:2: a quoted value runs on to line 4, over lines that read as rows\n  line 3 alone reads as a row (values where the header's columns are, a date among them), but inside the quotes it is part of this row's value: a quote is most likely missing\n  expected the quote closed on the line it opens (a quoted note may hold line breaks, but not rows)",
      ],
      stays: ['2024-05-01.. @5'],
    },
    {
      name: 'impossible exit date',
      text: 'entry,exit\n2024-01-05,2024-02-30\n',
      problems: ['trips.csv:2: invalid exit date "2024-02-30"\n  day 30 is out of range for February 2024\n' + ISO],
    },
    {
      name: '29 February in a common year',
      text: 'entry,exit\n2023-02-29,2023-03-01\n2024-02-29,2024-03-01\n',
      problems: ['trips.csv:2: invalid entry date "2023-02-29"\n  day 29 is out of range for February 2023\n' + ISO],
      stays: ['2024-02-29..2024-03-01 @3'],
    },
    {
      name: 'exit before entry',
      text: 'entry,exit\n2024-03-05,2024-03-01\n',
      problems: [
        'trips.csv:2: exit 2024-03-01 is before entry 2024-03-05\n  the entry and exit dates may be swapped\n  expected an exit date on or after 2024-03-05',
      ],
    },
    {
      name: 'missing entry date',
      text: 'entry,exit,notes\n,2024-01-10,forgot\n',
      problems: ['trips.csv:2: missing entry date\n' + ISO],
    },
    {
      name: 'ambiguous 03/04/2024 without --date-format',
      text: 'entry,exit\n03/04/2024,2024-04-10\n',
      problems: [
        'trips.csv:2: ambiguous entry date "03/04/2024"\n  it could be 3 April or 4 March\n  expected a calendar date like 2024-02-28 (YYYY-MM-DD), or --date-format dd/MM/yyyy or MM/dd/yyyy',
      ],
    },
    {
      name: 'ISO date in a file read with --date-format',
      text: 'entry;exit\n05.01.2024;2024-01-10\n',
      options: { dateFormat: 'dd.MM.yyyy' },
      problems: [
        'trips.csv:2: invalid exit date "2024-01-10"\n  the input "2024-01-10" can\'t be parsed as format dd.MM.yyyy\n  expected a date like 28.02.2024 (--date-format dd.MM.yyyy)',
      ],
    },
    {
      name: 'neither form in the header',
      text: 'when,where\n2024-01-05,Paris\n',
      problems: [
        'trips.csv:1: missing required column(s)\n  the header has "when", "where"; a stays file needs an entry and an exit column, a crossings file a date and a direction column\n' +
          HEADER,
      ],
    },
    {
      name: 'an entry column without an exit column',
      text: '# trips\nentry,notes\n2024-01-05,x\n',
      problems: [
        'trips.csv:2: missing required column(s)\n  the header has "entry", "notes"; a stays file needs an entry and an exit column, a crossings file a date and a direction column\n' +
          HEADER,
      ],
    },
    {
      name: 'a header starting with # (a row-number column named #) is a comment: the row after it is read as the header, and the problem says so (QA)',
      text: '#,entry,exit\n1,2024-01-05,2024-01-10\n',
      problems: [
        'trips.csv:2: missing required column(s)\n  the header has "1", "2024-01-05", "2024-01-10"; a stays file needs an entry and an exit column, a crossings file a date and a direction column; this line reads as a row: is the header line missing, or does it start with # (a column named #), which makes it a comment?\n' +
          HEADER,
      ],
    },
    {
      name: 'empty file',
      text: '',
      problems: ['trips.csv: missing required column(s)\n  the file has no header line\n' + HEADER],
    },
    {
      name: 'only comments',
      text: '# nothing yet\n\n',
      problems: ['trips.csv: missing required column(s)\n  the file has no header line\n' + HEADER],
    },
    {
      name: 'two columns for the entry',
      text: 'entry,arrival,exit\n2024-01-05,2024-01-05,2024-01-10\n',
      problems: [
        'trips.csv:1: two entry columns: "entry" and "arrival"\n  stay-calc cannot tell which one to use\n  expected one entry column; rename or remove the other',
      ],
    },
    {
      name: 'columns of both forms: the exits would be left unread (QA)',
      text: 'date,direction,exit\n2024-01-05,in,2024-01-10\n',
      problems: [
        'trips.csv:1: columns of two forms: "exit" (a stay\'s entry or exit) and "date" (a crossing\'s date or direction)\n  stay-calc cannot tell whether a row is a stay or a crossing, and would leave one of these columns unread\n  expected entry and exit columns (one row per stay), or date and direction columns (one row per crossing); rename or remove the others',
      ],
    },
    {
      name: 'both forms whole: the crossings would be left unread (QA)',
      text: 'entry,exit,date,direction\n2024-01-05,2024-01-10,2024-03-01,in\n',
      problems: [
        'trips.csv:1: columns of two forms: "entry" (a stay\'s entry or exit) and "date" (a crossing\'s date or direction)\n  stay-calc cannot tell whether a row is a stay or a crossing, and would leave one of these columns unread\n  expected entry and exit columns (one row per stay), or date and direction columns (one row per crossing); rename or remove the others',
      ],
    },
    {
      name: 'an authorised-until column beside a log of moves would be left unread (QA)',
      text: 'date,from,to,until\n2024-01-05,,US,2024-02-01\n',
      problems: [
        'trips.csv:1: an authorised-until column cannot be read with a country column yet\n  the per-visit caps of the zones do not take an authorised last day yet, and dropping it would show a later deadline than your document allows\n  expected the file without the until column (check the authorised date by hand), or one country at a time without the country column',
      ],
    },
    {
      name: 'a stay\'s column beside a log of moves would be left unread (QA)',
      text: 'date,from,to,date from\n2024-01-05,DE,FR,2024-01-05\n',
      problems: [
        'trips.csv:1: columns of two forms: "date from" (a stay\'s entry or exit) and "date" (a crossing\'s date or direction)\n  stay-calc cannot tell whether a row is a stay or a crossing, and would leave one of these columns unread\n  expected entry and exit columns (one row per stay), or date and direction columns (one row per crossing); rename or remove the others',
      ],
    },
    {
      name: 'an authorised-until column in a crossings file would be left unread',
      text: 'date,direction,admit until\n2024-01-05,in,2024-03-01\n',
      problems: [
        'trips.csv:1: an authorised-until column ("admit until") in a crossings file\n  the last day a visit is authorised is read with its stay, and a crossings row is not a stay: the column would be left unread\n  expected a stays file with entry, exit and until columns, or --admit-until DATE for the visit in progress',
      ],
    },
    {
      name: 'unknown direction',
      text: 'date,direction\n2024-01-05,inside\n',
      form: 'crossings',
      problems: ['trips.csv:2: unknown direction "inside"\n' + DIRECTIONS],
    },
    {
      name: 'missing direction',
      text: 'date,direction\n2024-01-05,\n',
      form: 'crossings',
      problems: ['trips.csv:2: missing direction\n' + DIRECTIONS],
    },
    {
      name: 'a crossing date is named by its direction',
      text: 'date,direction\n2024-01-05,in\n2024-02-30,out\n',
      form: 'crossings',
      problems: ['trips.csv:3: invalid exit date "2024-02-30"\n  day 30 is out of range for February 2024\n' + ISO],
    },
    {
      name: 'two entries without an exit between them',
      text: dedent`
        date,direction
        2024-01-05,in
        2024-02-01,in
        2024-02-10,out
        2024-03-01,in
        2024-03-05,out
      `,
      form: 'crossings',
      problems: [
        'trips.csv:3: two entries without an exit between them\n  entry on 2024-01-05 (line 2), then entry again on 2024-02-01\n  expected an exit row between them, dated from 2024-01-05 to 2024-02-01',
      ],
      stays: ['2024-03-01..2024-03-05 @5>6'],
    },
    {
      name: 'an exit first in date order, though not in the file',
      text: 'date,direction\n2024-01-15,in\n2024-01-10,out\n',
      form: 'crossings',
      problems: [
        'trips.csv:3: exit without an entry before it\n  exit on 2024-01-10 is the first crossing in date order\n  expected an entry row dated on or before 2024-01-10',
      ],
      stays: ['2024-01-15.. @2'],
    },
    {
      name: 'two exits in a row',
      text: 'date,direction\n2024-01-05,in\n2024-01-10,out\n2024-01-12,out\n',
      form: 'crossings',
      problems: [
        'trips.csv:4: exit without an entry before it\n  exit on 2024-01-12 follows the exit on line 3\n  expected an entry row dated on or before 2024-01-12',
      ],
      stays: ['2024-01-05..2024-01-10 @2>3'],
    },
    {
      name: 'a bad crossing row stops pairing, so its neighbours are not blamed',
      text: 'date,direction\n2024-01-05,in\n2024-01-10,sideways\n2024-02-01,in\n2024-02-05,out\n',
      form: 'crossings',
      problems: ['trips.csv:3: unknown direction "sideways"\n' + DIRECTIONS],
    },
    {
      name: 'unterminated quote swallows the rest of the file',
      text: dedent`
        entry,exit,notes
        2024-01-05,2024-01-10,"Paris
        2024-02-01,2024-02-03,x

      `,
      problems: [
        'trips.csv:2: unterminated quoted field\n  a quote opened on this line is never closed, so everything up to line 4 was read as one field\n  expected a closing quote at the end of the field, like "Paris, France"',
      ],
    },
    {
      name: 'too many fields',
      text: 'entry,exit\n2024-01-05,2024-01-10,Paris, France\n2024-02-01,2024-02-03\n',
      problems: [
        'trips.csv:2: wrong number of fields\n  found 4 fields, the header has 2\n  expected one value per column, separated by commas; quote values that contain it, like "Paris, France"',
      ],
      stays: ['2024-02-01..2024-02-03 @3'],
    },
    {
      name: 'too few fields, semicolons',
      text: 'entry;exit;notes\n2024-01-05;2024-01-10\n',
      problems: [
        'trips.csv:2: wrong number of fields\n  found 2 fields, the header has 3\n  expected one value per column, separated by semicolons; quote values that contain it, like "Paris; France"',
      ],
    },
    {
      name: 'too many fields, tabs',
      text: 'entry\texit\n2024-01-05\t2024-01-10\tParis\n',
      problems: [
        'trips.csv:2: wrong number of fields\n  found 3 fields, the header has 2\n  expected one value per column, separated by tabs; quote values that contain a tab',
      ],
    },
    {
      name: 'text after a closing quote',
      text: 'entry,exit\n"2024-01-05"x,2024-01-10\n2024-02-01,2024-02-03\n',
      problems: [
        'trips.csv:2: malformed CSV row\n  text follows the closing quote of a field\n  expected quotes only around a whole field, like "Paris, France", with "" for a quote inside it',
      ],
      stays: ['2024-02-01..2024-02-03 @3'],
    },
    {
      name: 'a quote in the middle of a field',
      text: 'entry,exit,notes\n2024-01-05,2024-01-10,the "old" town\n2024-02-01,2024-02-03,\n',
      problems: [
        'trips.csv:2: malformed CSV row\n  a quote appears inside a field that does not start with one\n  expected quotes only around a whole field, like "Paris, France", with "" for a quote inside it',
      ],
      stays: ['2024-02-01..2024-02-03 @3'],
    },
    {
      name: 'an unreadable header stops there',
      text: '"entry"x,exit\n2024-01-05,2024-01-10\n',
      problems: [
        'trips.csv:1: malformed CSV row\n  text follows the closing quote of a field\n  expected quotes only around a whole field, like "Paris, France", with "" for a quote inside it',
      ],
    },
  ])('$name', ({ text, options, form = 'stays', problems, stays = [] }) => {
    expect(read(text, options)).toEqual({ form, stays, problems })
  })

  it('reports every bad row of a file in line order, and keeps only the good rows', () => {
    const text = dedent`
      # trips 2024
      entry,exit,notes
      2024-01-05,2024-01-10,ok
      2024-02-30,2024-13-01,both dates bad
      2024-03-05,2024-03-01,swapped

      03/04/2024,2024-04-10,ambiguous
      2024-05-01,2024-05-02,one,too many
      2024-06-01,2024-06-03,ok
    `
    expect(read(text)).toEqual({
      form: 'stays',
      stays: ['2024-01-05..2024-01-10 @3', '2024-06-01..2024-06-03 @9'],
      problems: [
        'trips.csv:4: invalid entry date "2024-02-30"\n  day 30 is out of range for February 2024\n' + ISO,
        'trips.csv:4: invalid exit date "2024-13-01"\n  month 13 is out of range\n' + ISO,
        'trips.csv:5: exit 2024-03-01 is before entry 2024-03-05\n  the entry and exit dates may be swapped\n  expected an exit date on or after 2024-03-05',
        'trips.csv:7: ambiguous entry date "03/04/2024"\n  it could be 3 April or 4 March\n  expected a calendar date like 2024-02-28 (YYYY-MM-DD), or --date-format dd/MM/yyyy or MM/dd/yyyy',
        'trips.csv:8: wrong number of fields\n  found 4 fields, the header has 3\n  expected one value per column, separated by commas; quote values that contain it, like "Paris, France"',
      ],
    })
  })

  it('names the file as given, e.g. <stdin>', () => {
    const parsed = parseCsv('entry,exit\n2024-01-05,x1\n', '<stdin>')
    expect(parsed.problems.map(formatProblem)).toEqual([
      '<stdin>:2: invalid exit date "x1"\n  not a date in a form stay-calc recognises\n' + ISO,
    ])
  })

  it('gives each problem a stable code', () => {
    const codes = (text: string) => parseCsv(text, 'f.csv').problems.map((p) => p.code)
    expect(codes('entry,exit\n2024-02-30,\n,\n03/04/2024,\n2024-01-05,2024-01-01\n')).toEqual([
      'E_DATE_INVALID',
      'E_DATE_AMBIGUOUS',
      'E_EXIT_BEFORE_ENTRY',
    ])
    expect(codes('a,b\n')).toEqual(['E_COLUMNS_MISSING'])
    expect(codes('entry,exit\n2024-01-05,"\n')).toEqual(['E_CSV_SYNTAX'])
    expect(codes('date,type\n2024-01-05,x\n')).toEqual(['E_DIRECTION_UNKNOWN'])
    expect(codes('date,type\n2024-01-05,in\n2024-01-06,in\n')).toEqual(['E_ENTRY_TWICE'])
    expect(codes('date,type\n2024-01-05,out\n')).toEqual(['E_EXIT_WITHOUT_ENTRY'])
  })
})

describe('parseCsv: crossings in any row order', () => {
  // Stays of two days or more, separated by at least one day outside: no two crossings share a
  // date, so the file order cannot matter (a one-day stay needs its in row before its out row);
  // the last stay may be open.
  const itinerary = fc
    .record({
      start: fc.integer({ min: 19000, max: 20000 }),
      legs: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 60 }), length: fc.integer({ min: 1, max: 40 }) }), {
        minLength: 1,
        maxLength: 12,
      }),
      open: fc.boolean(),
    })
    .map(({ start, legs, open }) => {
      let entry = start
      const stays = legs.map(({ gap, length }, i) => {
        entry += gap
        const stay = { entry, exit: open && i === legs.length - 1 ? null : entry + length }
        entry += length
        return stay
      })
      return stays
    })

  it('pairs into the same stays however the rows are shuffled', () => {
    fc.assert(
      fc.property(
        itinerary.chain((stays) => {
          const rows = stays.flatMap((s) => [`${isoOf(s.entry)},in`, ...(s.exit === null ? [] : [`${isoOf(s.exit)},out`])])
          return fc.record({ stays: fc.constant(stays), rows: fc.shuffledSubarray(rows, { minLength: rows.length }) })
        }),
        ({ stays, rows }) => {
          const parsed = parseCsv(['date,direction', ...rows].join('\n'), 'trips.csv')
          expect(parsed.problems).toEqual([])
          expect(parsed.stays.map((s) => [isoOf(s.entry), s.exit === null ? null : isoOf(s.exit)])).toEqual(
            stays.map((s) => [isoOf(s.entry), s.exit === null ? null : isoOf(s.exit)]),
          )
        },
      ),
    )
  })
})

describe('parseCsv: never throws for bad data', () => {
  const token = fc.constantFrom(',', ';', '\t', '"', '""', '\n', '\r\n', '#', ' ', 'x', '2024-01-05', '2024-02-30', 'in', 'out', 'entry', 'exit', 'date', 'type')
  it('returns problems instead of throwing, for any mix of CSV fragments', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const parsed = parseCsv(tokens.join(''), 'fuzz.csv')
        for (const problem of parsed.problems) expect(problem.source.file).toBe('fuzz.csv')
        for (const stay of parsed.stays) expect(stay.source.line).toBeGreaterThan(1)
      }),
      { numRuns: 500 },
    )
  })
})

describe('crossings in any order within a day', () => {
  it('a same-day border run written "in, out" reads as out and back in (the only consistent order)', () => {
    const r = parseCsv('date,direction\n2024-05-12,in\n2024-05-01,in\n2024-05-12,out\n', 'so.csv')
    expect(r.problems).toEqual([])
    expect(r.stays.map((s) => [s.entry, s.exit])).toEqual([
      [day('2024-05-01'), day('2024-05-12')],
      [day('2024-05-12'), null],
    ])
  })
})

/** The problem for a `#` line after the header that may be a row (E_CSV_HASH_ROW). */
function hashRow(line: number, first: string, column: string, fields: number): string {
  return (
    `trips.csv:${line}: a line starting with # that reads as a row\n` +
    `  lines starting with # are comments, but this one has the header's ${fields} fields, and "${first}" may be a value of the "${column}" column\n` +
    `  expected "${first}" in quotes if it is a row; if it is a comment, the line above the header line, or deleted`
  )
}

describe('parseCsv: lines starting with #', () => {
  it.each([
    {
      name: 'a commented-out row, where the first column is a date: # makes no date, so it is a comment',
      text: dedent`
        entry,exit,trip
        #2024-01-05,2024-02-20,Paris
        # 2024-03-01,2024-03-05,Rome
        2024-05-01,,Berlin
      `,
      stays: ['2024-05-01.. @4'],
    },
    {
      name: 'crossings: the first column is the date',
      text: 'date,direction,traveller\n#2024-01-05,in,#12\n2024-05-01,in,ana\n',
      form: 'crossings',
      stays: ['2024-05-01.. @3'],
    },
    {
      name: 'the first column is the direction',
      text: 'direction,date\n#in,2024-01-05\nin,2024-05-01\n',
      form: 'crossings',
      stays: ['2024-05-01.. @3'],
    },
    {
      name: 'a free-text first column: a # line with another number of fields is a comment',
      text: dedent`
        trip,entry,exit
        # my trips, 2024
        #1 Paris,2024-01-05,2024-02-20,see notes
        # nothing here
        2 Berlin,2024-05-01,
      `,
      stays: ['2024-05-01.. @5'],
    },
    {
      name: 'a # line that is no CSV record is a comment',
      text: 'trip,entry,exit\n#"1 Paris"x,2024-01-05,2024-02-20\n2 Berlin,2024-05-01,\n',
      stays: ['2024-05-01.. @3'],
    },
    {
      name: 'before the header, a # line is always a comment',
      text: '#1 Paris,2024-01-05,2024-02-20\ntrip,entry,exit\n2 Berlin,2024-05-01,\n',
      stays: ['2024-05-01.. @3'],
    },
    {
      name: 'a value starting with # in quotes is a row',
      text: 'trip,entry,exit\n"#1 Paris",2024-01-05,2024-02-20\n"#2 Berlin",2024-05-01,\n',
      stays: ['2024-01-05..2024-02-20 @2', '2024-05-01.. @3'],
    },
    {
      name: 'a # inside a quoted value spanning lines is no comment',
      text: 'trip,entry,exit\n"Paris\n#1",2024-01-05,2024-02-20\n',
      stays: ['2024-01-05..2024-02-20 @2'],
    },
  ])('$name', ({ text, form = 'stays', stays }) => {
    expect(read(text)).toEqual({ form, stays, problems: [] })
  })

  it('a # line with the header fields, where the first column holds free text, is reported, never dropped (QA: hash.csv)', () => {
    const text = 'trip,entry,exit\n#1 Paris,2024-01-05,2024-02-20\n#2 Berlin,2024-05-01,\n'
    expect(read(text)).toEqual({
      form: 'stays',
      stays: [],
      problems: [hashRow(2, '#1 Paris', 'trip', 3), hashRow(3, '#2 Berlin', 'trip', 3)],
    })
  })

  it('is reported in line order among the other problems, with the delimiter of the file', () => {
    const text = dedent`
      # note: a comment before the header
      traveller;date;direction
      ana;2024-01-05;sideways
      #12;2024-01-05;in
      ana;2024-01-06;in;x
      # "quoted" ; trailing comment
    `
    expect(parseCsv(text, 'trips.csv').problems.map((p) => [p.source.line, p.code])).toEqual([
      [3, 'E_DIRECTION_UNKNOWN'],
      [4, 'E_CSV_HASH_ROW'],
      [5, 'E_CSV_SYNTAX'],
    ])
    expect(formatProblem(parseCsv(text, 'trips.csv').problems[1]!)).toBe(hashRow(4, '#12', 'traveller', 3))
  })

  it('a trailing # line after the last row too; a # line with a stray quote cannot be a row', () => {
    const text = 'note;entry;exit\n"x";2024-01-05;2024-01-06\n#say "hi";2024-02-01;2024-02-02\n#x;2024-03-01;2024-03-02'
    expect(parseCsv(text, 'trips.csv').problems.map(formatProblem)).toEqual([hashRow(4, '#x', 'note', 3)])
  })
})

describe('parseCsv: a spreadsheet error value starting a row (QA: the row vanished as a comment)', () => {
  const errorRow = (line: number, first: string, column: string, fields: number) =>
    `trips.csv:${line}: a row starting with the spreadsheet error "${first}"\n` +
    `  lines starting with # are comments, but this one has the header's ${fields} fields, and "${first}" is what a spreadsheet writes in the "${column}" column for a formula that failed, not a row commented out\n` +
    `  expected the "${column}" cell mended in the spreadsheet and the file saved again; if it is a comment, the line above the header line, or deleted`

  it.each(['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#WERT!', '#NV', '#N/D', '#¡VALOR!', '#¿NOMBRE?'])('%s in a date column is reported, not dropped', (value) => {
    const text = `entry,exit,note\n2024-01-05,2024-01-20,Paris\n${value},2024-03-20,Rome\n`
    expect(read(text)).toEqual({ form: 'stays', stays: ['2024-01-05..2024-01-20 @2'], problems: [errorRow(3, value, 'entry', 3)] })
  })

  it('in a crossings file, the missing exit is told at its own line (not only as two entries in a row)', () => {
    const text = 'date,direction\n2024-01-05,in\n#REF!,out\n2024-03-05,in\n2024-03-07,out\n'
    expect(parseCsv(text, 'trips.csv').problems.map((p) => [p.source.line, p.code])[0]).toEqual([3, 'E_CSV_HASH_ROW'])
  })

  it.each([
    { name: 'a commented-out row', line: '#2024-02-01,2024-02-03,x' },
    { name: 'a note with the header fields', line: '# trip to Paris, London, Rome' },
    { name: 'a word that is no error value', line: '#TODO,check,dates' },
    { name: 'a word of a note, not in capitals, ending in ! (QA)', line: '#Important!, see,below' },
    { name: 'a question in a note (QA)', line: '#Why?,unclear,x' },
    { name: 'an error value with another number of fields', line: '#N/A,2024-03-20' },
  ])('$name stays a comment where the first column holds dates', ({ line }) => {
    expect(read(`entry,exit,note\n${line}\n2024-05-01,,Berlin\n`)).toEqual({ form: 'stays', stays: ['2024-05-01.. @3'], problems: [] })
  })
})

describe('parseCsv: an Excel sep= first line', () => {
  it.each([
    {
      name: 'sep=; sets the delimiter the header alone would not give, and is no row',
      text: 'sep=;\nentry;exit;notes, more, commas\n2024-01-05;2024-01-10;x\n',
      stays: ['2024-01-05..2024-01-10 @3'],
    },
    {
      name: 'sep=, with a BOM before it and CRLF line breaks',
      text: '\uFEFFsep=,\r\n# trips\r\nentry,exit,note\r\n2024-01-05,2024-01-10,a;b;c;d\r\n',
      stays: ['2024-01-05..2024-01-10 @4'],
    },
    {
      name: 'sep= and a tab',
      text: 'sep=\t\nentry\texit\n2024-01-05\t2024-01-10\n',
      stays: ['2024-01-05..2024-01-10 @3'],
    },
    {
      name: 'in quotes, as some programs write it',
      text: '"sep=;"\nEntry;Exit\n2024-01-05;2024-01-10\n',
      stays: ['2024-01-05..2024-01-10 @3'],
    },
  ])('$name', ({ text, stays }) => {
    expect(read(text)).toEqual({ form: 'stays', stays, problems: [] })
  })

  it('line numbers still count it', () => {
    expect(read('sep=;\nentry;exit\n2024-01-05;2024-02-30\n').problems).toEqual([
      'trips.csv:3: invalid exit date "2024-02-30"\n  day 30 is out of range for February 2024\n' + ISO,
    ])
  })

  it('only as the first line: later, it is a header (here without the needed columns)', () => {
    expect(parseCsv('# x\nsep=;\nentry;exit\n', 'trips.csv').problems.map((p) => [p.source.line, p.code])).toEqual([[2, 'E_COLUMNS_MISSING']])
  })
})

describe('parseCsv: files that are not UTF-8', () => {
  /** A text as a file of these bytes reads: invalid UTF-8 bytes become U+FFFD, as Node's `readFile(path, 'utf8')` gives them. */
  const asRead = (bytes: Buffer) => bytes.toString('utf8')
  const utf16 = (text: string, bom: boolean, bigEndian = false) => {
    const le = Buffer.from(text, 'utf16le')
    const bytes = bigEndian ? Buffer.from(le.map((_, i) => le[i ^ 1]!)) : le
    return asRead(Buffer.concat([bom ? Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : Buffer.alloc(0), bytes]))
  }
  const UTF16 = [
    'trips.csv: the file is UTF-16 text; stay-calc reads UTF-8',
    '  in UTF-16 each letter of the header comes with a NUL byte (Excel\'s "Unicode Text" is UTF-16)',
    '  expected the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor',
  ].join('\n')
  const CSV = 'entry,exit\r\n2024-01-05,2024-01-10\r\n2024-02-01,\r\n'

  it.each([
    { name: 'UTF-16 LE with its BOM (FF FE)', text: utf16(CSV, true) },
    { name: 'UTF-16 BE with its BOM (FE FF)', text: utf16(CSV, true, true) },
    { name: 'UTF-16 LE without a BOM', text: utf16(CSV, false) },
    { name: 'UTF-16 BE without a BOM, after a comment line', text: utf16(`# trips\n${CSV}`, false, true) },
  ])('$name: one problem for the file, nothing else', ({ text }) => {
    expect(read(text)).toEqual({ form: 'stays', stays: [], problems: [UTF16] })
  })

  it.each([false, true])('UTF-32 (big-endian: %s), with or without its BOM, is said to be UTF-32, not UTF-16 (QA)', (bigEndian) => {
    const utf32 = (text: string, bom: boolean) => {
      const body = Buffer.alloc(text.length * 4)
      ;[...text].forEach((c, i) => (bigEndian ? body.writeUInt32BE(c.codePointAt(0)!, i * 4) : body.writeUInt32LE(c.codePointAt(0)!, i * 4)))
      return asRead(Buffer.concat([bom ? Buffer.from(bigEndian ? [0, 0, 0xfe, 0xff] : [0xff, 0xfe, 0, 0]) : Buffer.alloc(0), body]))
    }
    for (const bom of [true, false]) {
      expect(read(utf32(CSV, bom)).problems).toEqual([
        'trips.csv: the file is UTF-32 text; stay-calc reads UTF-8\n  in UTF-32 each letter of the header comes with three NUL bytes\n  expected the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor',
      ])
    }
  })

  it('a binary file with runs like UTF-32 letters inside (a zip directory) is not text, not UTF-32 (QA)', () => {
    const zip = asRead(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00]), Buffer.from('a\0\0\0b\0\0\0c\0\0\0', 'latin1')]))
    expect(read(zip).problems[0]).toMatch(/^trips\.csv: not a text file\n/)
  })

  it.each([
    { name: 'Cyrillic', header: 'Дата,Направление' },
    { name: 'CJK', header: '日付,方向' },
    { name: 'Greek', header: 'Ημερομηνία,Κατεύθυνση' },
  ])('UTF-16 with its BOM and a header in $name is still said to be UTF-16 (QA: "not a text file")', ({ header }) => {
    for (const bigEndian of [false, true]) expect(read(utf16(`${header}\r\n2024-01-05,in\r\n`, true, bigEndian)).problems).toEqual([UTF16])
  })

  it.each([
    { name: 'an Excel 97 workbook (.xls): two U+FFFD first, like a UTF-16 BOM, but no letters with NULs', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0] },
    { name: 'a JPEG (JFIF)', bytes: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00] },
    { name: 'a JPEG (Exif)', bytes: [0xff, 0xd8, 0xff, 0xe1, 0x2a, 0x34, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a] },
    { name: 'a PNG: no NUL before its first line break', bytes: [...Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\na,b\n', 'latin1')] },
    { name: 'a PDF', bytes: [...Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj,x\n', 'latin1')] },
    { name: 'a GIF', bytes: [...Buffer.from('GIF89a\x01\x00,x\n', 'latin1')] },
  ])('$name is not text, in one problem (QA: .xls and JPEG were called UTF-16, a PNG gave a problem a line)', ({ bytes }) => {
    expect(read(asRead(Buffer.from(bytes))).problems).toEqual([
      'trips.csv: not a text file\n  its first line holds NUL bytes, or starts as a PDF or an image does: a spreadsheet (.xlsx, .xls) or another file that is not text\n  expected a CSV file saved as text, like Excel\'s "CSV UTF-8" (Save As)',
    ])
  })

  it('a binary file (a spreadsheet) is not text', () => {
    const xlsx = asRead(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x0a]))
    expect(read(xlsx).problems).toEqual([
      'trips.csv: not a text file\n  its first line holds NUL bytes, or starts as a PDF or an image does: a spreadsheet (.xlsx, .xls) or another file that is not text\n  expected a CSV file saved as text, like Excel\'s "CSV UTF-8" (Save As)',
    ])
  })

  const HINT = '"\uFFFD" stands for bytes that are not UTF-8: the file may be Latin-1 or Windows-1252; save it as UTF-8'
  it('Latin-1 bytes in a refused value: the problem says the file is not UTF-8', () => {
    const latin1 = (text: string) => asRead(Buffer.from(text, 'latin1'))
    expect(read(latin1('entry,exit,note\n5 Mär 2024,2024-04-01,Café\n2024-05-01,2024-05-02,Café\n')).problems).toEqual([
      `trips.csv:2: invalid entry date "5 M\uFFFDr 2024"\n  not a date in a form stay-calc recognises; ${HINT}\n` + ISO,
    ])
    expect(read(latin1('date,direction\n2024-01-05,Einreise über Land\n')).problems).toEqual([
      `trips.csv:2: unknown direction "Einreise \uFFFDber Land"\n  ${HINT}\n` + DIRECTIONS,
    ])
    expect(read(latin1('date,country,direction\n2024-01-05,Österreich,in\n')).problems).toEqual([
      `trips.csv:2: unknown country "\uFFFDsterreich"\n  did you mean AT (Austria)? ${HINT}\n  expected an ISO 3166-1 code like DE or DEU, or an English name like Germany`,
    ])
    expect(read(latin1('Rückkehr,Ausreise\n')).problems[0]).toContain(`; ${HINT}\n`)
  })

  it('no hint for a value without U+FFFD, nor for a --trip value', () => {
    expect(read('entry,exit\n5 Mär 2024,2024-04-01\n').problems[0]).not.toContain('UTF-8')
    const trip = stayFromDates('5 M\uFFFDr 2024', '', { flag: '--trip 5 M\uFFFDr 2024..' }, {})
    expect('problems' in trip && trip.problems[0]?.detail).toBe('not a date in a form stay-calc recognises')
  })
})

describe('parseCsv: a quote left open over rows dated with month names', () => {
  it.each([['5 Jan 2024'], ['05-Jan-2024'], ['2024-Jan-05'], ['Jan 5 2024']])('%s', (date) => {
    const parsed = parseCsv(`date,direction,note\n2024-01-01,in,"Paris\n${date},out,x\nend"\n`, 'trips.csv')
    expect(parsed.problems.map((p) => formatProblem(p).split('\n')[0])).toEqual(['trips.csv:2: a quoted value runs on to line 4, over lines that read as rows'])
  })
})

// QA (swallowed-rows pass): in a country log of moves (`date,from,to`), a note's line reads as a row
// only with countries where the countries are read.
describe('readTable: a note in a log of moves', () => {
  const problemsOf = (text: string) => readTable(text, 'log.csv').problems.map((p) => `${p.source.line}: ${p.message}`)
  it('a place that is no country is the note’s', () => {
    expect(problemsOf('date,from,to,note\n2024-03-12,FR,DE,"Itinerary\n12 Mar 2024, Hotel Ritz, Place Vendome"\n')).toEqual([])
  })
  it('a move between two countries is a row swallowed', () => {
    expect(problemsOf('date,from,to,note\n2024-03-12,FR,DE,"x\n2024-04-01,Germany,FRA\n"\n')).toEqual(['2: a quoted value runs on to line 4, over lines that read as rows'])
  })
})
