/**
 * Country logs (src/zones/log.ts through parseCsv): the three forms, success and error tables
 * with the exact messages, and the country table (src/zones/countries.ts).
 */
import { describe, expect, it } from 'vitest'
import { isoOf } from '../src/day.js'
import { formatProblem } from '../src/errors.js'
import { parseCsv } from '../src/parse/csv.js'
import { countries, countryKey, findCountry, isNotAvailable, suggestCountries } from '../src/zones/countries.js'
import { isCountryStay } from '../src/zones/types.js'
import { dedent } from './helpers/dedent.js'

/** A country stay as `FR 2024-01-05..2024-01-10 @2>3` (`+` when it continues the previous stay directly). */
function read(text: string) {
  const parsed = parseCsv(text, 'log.csv')
  const stays = parsed.stays.map((s) => {
    if (!isCountryStay(s)) return `no country: ${isoOf(s.entry)}`
    const exit = s.exit === null ? '' : isoOf(s.exit)
    const exitLine = s.exitSource === undefined ? '' : `>${s.exitSource.line}`
    return `${s.direct ? '+' : ''}${s.country} ${isoOf(s.entry)}..${exit} @${s.source.line}${exitLine}`
  })
  return { form: parsed.form, stays, problems: parsed.problems.map(formatProblem) }
}

describe('country logs: date,country,direction', () => {
  it.each([
    {
      name: 'moves inside Schengen on one date join directly; a final in is still inside',
      text: dedent`
        date,country,direction
        2024-01-05,FR,in
        2024-01-20,FR,out
        2024-01-20,DE,in
        2024-02-01,DE,out
        2024-02-03,IT,in
      `,
      stays: ['FR 2024-01-05..2024-01-20 @2>3', '+DE 2024-01-20..2024-02-01 @4>5', 'IT 2024-02-03.. @6'],
    },
    {
      name: 'alpha-3 codes, names in any case, accents optional, a note column',
      text: dedent`
        Date;Country;Direction;Note
        2024-03-01;deu;IN;Berlin
        2024-03-05;Germany;out;
        2024-03-05;turkiye;entry;Istanbul
        2024-03-09;Türkiye;exit;
        2024-03-09;côte d'ivoire;arrival;Abidjan
      `,
      stays: ['DE 2024-03-01..2024-03-05 @2>3', '+TR 2024-03-05..2024-03-09 @4>5', '+CI 2024-03-09.. @6'],
    },
    {
      name: 'rows in any date order; one date keeps file order (HU, a day in RS, HU again)',
      text: dedent`
        date,country,direction
        2024-04-30,HU,out
        2024-04-20,HU,out
        2024-04-20,RS,in
        2024-04-20,RS,out
        2024-04-20,HU,in
        2024-04-12,HU,in
      `,
      stays: ['HU 2024-04-12..2024-04-20 @7>3', '+RS 2024-04-20..2024-04-20 @4>5', '+HU 2024-04-20..2024-04-30 @6>2'],
    },
    {
      name: 'out and back into the same country on one date is an exit and a re-entry, not a move',
      text: 'date,country,direction\n2024-01-05,GE,in\n2024-03-01,GE,out\n2024-03-01,GE,in\n',
      stays: ['GE 2024-01-05..2024-03-01 @2>3', 'GE 2024-03-01.. @4'],
    },
    {
      name: 'leaving and coming back later is not a direct move',
      text: 'date,country,direction\n2024-01-05,FR,in\n2024-01-20,FR,out\n2024-01-21,FR,in\n2024-01-22,FR,out\n',
      stays: ['FR 2024-01-05..2024-01-20 @2>3', 'FR 2024-01-21..2024-01-22 @4>5'],
    },
    {
      // As plain crossings: on a date with an exit and an entry, the rows are read in the only
      // consistent order, out of FR (line 4) before into DE (line 3): a direct move.
      name: 'an entry into DE before the exit from FR on one date: read out of FR, then into DE',
      text: 'date,country,direction\n2024-01-05,FR,in\n2024-01-20,DE,in\n2024-01-20,FR,out\n',
      stays: ['FR 2024-01-05..2024-01-20 @2>4', '+DE 2024-01-20.. @3'],
    },
    {
      // Outside on 03-01 (left DE on 02-01): out of AT (line 4) cannot come first, into AT (line 5) can.
      name: 'a same-day visit written out, then in: read in, then out (a one-day stay)',
      text: 'date,country,direction\n2024-01-05,DE,in\n2024-02-01,DE,out\n2024-03-01,AT,out\n2024-03-01,AT,in\n',
      stays: ['DE 2024-01-05..2024-02-01 @2>3', 'AT 2024-03-01..2024-03-01 @5>4'],
    },
    { name: 'header only', text: 'date,country,direction\n', stays: [] },
  ])('$name', ({ text, stays }) => {
    expect(read(text)).toEqual({ form: 'crossings', stays, problems: [] })
  })

  it.each([
    {
      name: 'unknown country, with close matches',
      text: 'date,country,direction\n2024-01-05,Germny,in\n',
      problems: [
        'log.csv:2: unknown country "Germny"\n  did you mean DE (Germany)?\n  expected an ISO 3166-1 code like DE or DEU, or an English name like Germany',
      ],
    },
    {
      name: "a spreadsheet's or a form's \"not available\" is no Namibia (QA: 91 days went to NA, exit 0)",
      text: 'date,country,direction\n2024-01-05,#N/A,in\n2024-01-06,n/a,out\n2024-01-07,N.A.,in\n2024-01-08,#REF!,out\n',
      problems: ['#N/A', 'n/a', 'N.A.', '#REF!'].map(
        (cell, k) =>
          `log.csv:${k + 2}: unknown country "${cell}"\n  that is a spreadsheet's or a form's "not available" (or another error value), not a country\n  expected an ISO 3166-1 code like DE or DEU, or an English name like Germany`,
      ),
    },
    {
      name: 'unknown country, nothing close; a missing country; every row is reported',
      text: 'date,country,direction\n2024-01-05,Atlantis,in\n2024-01-06,,out\n2024-01-07,FR,sideways\n',
      problems: [
        'log.csv:2: unknown country "Atlantis"\n  not an ISO 3166-1 code or a country name stay-calc knows\n  expected an ISO 3166-1 code like DE or DEU, or an English name like Germany',
        'log.csv:3: missing country\n  expected an ISO 3166-1 code like DE or DEU, or an English name like Germany',
        'log.csv:4: unknown direction "sideways"\n  expected one of in, entry, arrival, enter, entered (entering) or out, exit, departure, leave, exited (leaving)',
      ],
    },
    {
      name: 'entering B while the log has you in A',
      text: 'date,country,direction\n2024-01-05,FR,in\n2024-01-20,DE,in\n2024-02-01,DE,out\n',
      problems: [
        'log.csv:3: entry into DE (Germany) while the log has you in FR (France)\n  FR (France) was entered on 2024-01-05 (line 2) and no exit from it is recorded before 2024-01-20\n  expected an exit from FR (France) dated from 2024-01-05 to 2024-01-20, before this row',
      ],
    },
    {
      name: 'entering the same country twice',
      text: 'date,country,direction\n2024-01-05,FR,in\n2024-01-20,FR,in\n',
      problems: [
        'log.csv:3: two entries into FR (France) without an exit between them\n  entry on 2024-01-05 (line 2), then entry again on 2024-01-20\n  expected an exit from FR (France) between them, dated from 2024-01-05 to 2024-01-20',
      ],
    },
    {
      name: 'an exit first; an exit from another country than the one entered; an exit after leaving',
      text: 'date,country,direction\n2024-01-01,ES,out\n2024-01-05,FR,in\n2024-01-20,DE,out\n2024-02-01,DE,out\n',
      problems: [
        'log.csv:2: exit from ES (Spain) without an entry into it\n  exit on 2024-01-01 is the first crossing in date order\n  expected an entry into ES (Spain) dated on or before 2024-01-01, before this row',
        'log.csv:4: exit from DE (Germany) without an entry into it\n  the log has you in FR (France) since 2024-01-05 (line 3)\n  expected an entry into DE (Germany) dated on or before 2024-01-20, before this row',
        'log.csv:5: exit from DE (Germany) without an entry into it\n  the log has you outside since leaving DE (Germany) on 2024-01-20 (line 4)\n  expected an entry into DE (Germany) dated on or before 2024-02-01, before this row',
      ],
    },
    {
      // No order of the two rows of 2024-01-20 is consistent (DE is entered while in FR, or IT left
      // while in FR): read in file order, the problems as written.
      name: 'rows of one date that no order makes consistent: file order, each problem reported',
      text: 'date,country,direction\n2024-01-05,FR,in\n2024-01-20,DE,in\n2024-01-20,IT,out\n',
      problems: [
        'log.csv:3: entry into DE (Germany) while the log has you in FR (France)\n  FR (France) was entered on 2024-01-05 (line 2) and no exit from it is recorded before 2024-01-20\n  expected an exit from FR (France) dated from 2024-01-05 to 2024-01-20, before this row',
        'log.csv:4: exit from IT (Italy) without an entry into it\n  the log has you in DE (Germany) since 2024-01-20 (line 3)\n  expected an entry into IT (Italy) dated on or before 2024-01-20, before this row',
      ],
    },
  ])('$name', ({ text, problems }) => {
    expect(read(text)).toEqual({ form: 'crossings', stays: [], problems })
  })
})

describe('country logs: date,from,to', () => {
  it.each([
    {
      name: 'blank from: arriving from outside; blank to: leaving to outside',
      text: dedent`
        date,from,to
        2024-01-05,,FR
        2024-01-20,FR,CH
        2024-02-01,CH,
      `,
      stays: ['FR 2024-01-05..2024-01-20 @2>3', '+CH 2024-01-20..2024-02-01 @3>4'],
    },
    {
      name: 'the first row may leave a country the log has not entered (home): only its travel day is known',
      text: dedent`
        Date,From Country,To Country
        2024-01-10,United Kingdom,Türkiye
        2024-02-20,TR,GEO
      `,
      stays: ['GB 2024-01-10..2024-01-10 @2>2', '+TR 2024-01-10..2024-02-20 @2>3', '+GE 2024-02-20.. @3'],
    },
    {
      name: 'origin/destination, and a same-day return',
      text: 'date,origin,destination\n2024-04-12,,HU\n2024-04-20,HU,RS\n2024-04-20,RS,HU\n',
      stays: ['HU 2024-04-12..2024-04-20 @2>3', '+RS 2024-04-20..2024-04-20 @3>4', '+HU 2024-04-20.. @4'],
    },
    {
      // The move out of DE (line 3) is written before the move into it (line 4), on one date: the
      // only chain from FR is FR→DE, then DE→IT.
      name: 'moves of one date in the wrong order: read in the one order that chains',
      text: 'date,from,to\n2024-01-05,,FR\n2024-01-20,DE,IT\n2024-01-20,FR,DE\n2024-02-01,IT,\n',
      stays: ['FR 2024-01-05..2024-01-20 @2>4', '+DE 2024-01-20..2024-01-20 @4>3', '+IT 2024-01-20..2024-02-01 @3>5'],
    },
  ])('$name', ({ text, stays }) => {
    expect(read(text)).toEqual({ form: 'crossings', stays, problems: [] })
  })

  it.each([
    {
      name: 'neither side, the same country on both sides, an unknown country',
      text: 'date,from,to\n2024-01-05,,\n2024-01-06,FR,France\n2024-01-07,FR,Narnia\n',
      problems: [
        'log.csv:2: a move with neither a from nor a to country\n  expected at least one country, like 2024-01-05,,FR (arriving in France from outside)',
        'log.csv:3: a move from FR (France) to itself\n  expected two different countries, or a blank side for outside (or home)',
        'log.csv:4: unknown country "Narnia"\n  not an ISO 3166-1 code or a country name stay-calc knows\n  expected an ISO 3166-1 code like DE or DEU, or an English name like Germany',
      ],
    },
    {
      name: 'leaving a country other than the one the log has you in, or while outside; arriving from outside while inside',
      text: dedent`
        date,from,to
        2024-01-05,,FR
        2024-01-20,DE,IT
        2024-02-01,IT,
        2024-02-10,ES,PT
        2024-03-01,,AT
      `,
      problems: [
        'log.csv:3: exit from DE (Germany) without an entry into it\n  the log has you in FR (France) since 2024-01-05 (line 2)\n  expected an entry into DE (Germany) dated on or before 2024-01-20, before this row',
        'log.csv:5: exit from ES (Spain) without an entry into it\n  the log has you outside since leaving IT (Italy) on 2024-02-01 (line 4)\n  expected an entry into ES (Spain) dated on or before 2024-02-10, before this row',
        'log.csv:6: arrival in AT (Austria) from outside while the log has you in PT (Portugal)\n  PT (Portugal) was entered on 2024-02-10 (line 5) and not left since\n  expected PT (Portugal) in the from column, or a move out of it dated from 2024-02-10 to 2024-03-01',
      ],
    },
  ])('$name', ({ text, problems }) => {
    expect(read(text)).toEqual({ form: 'crossings', stays: [], problems })
  })
})

describe('country logs: entry,exit,country', () => {
  it('one row per stay; a stay starting on the day the previous one ends is a direct move', () => {
    const text = 'entry,exit,country\n2024-01-20,2024-02-01,DE\n2024-01-05,2024-01-20,FR\n2024-03-01,,ES\n'
    expect(read(text)).toEqual({ form: 'stays', stays: ['FR 2024-01-05..2024-01-20 @3', '+DE 2024-01-20..2024-02-01 @2', 'ES 2024-03-01.. @4'], problems: [] })
  })

  it('reports bad dates and bad countries of a row together', () => {
    expect(read('entry,exit,country\n2024-02-30,2024-03-01,Frnace\n2024-03-10,2024-03-01,FR\n').problems).toEqual([
      'log.csv:2: unknown country "Frnace"\n  did you mean FR (France)?\n  expected an ISO 3166-1 code like DE or DEU, or an English name like Germany',
      'log.csv:2: invalid entry date "2024-02-30"\n  day 30 is out of range for February 2024\n  expected a calendar date like 2024-02-28 (YYYY-MM-DD)',
      'log.csv:3: exit 2024-03-01 is before entry 2024-03-10\n  the entry and exit dates may be swapped\n  expected an exit date on or after 2024-03-10',
    ])
  })

  it('two country columns are refused', () => {
    expect(read('entry,exit,country,country code\n').problems).toEqual([
      'log.csv:1: two country columns: "country" and "country code"\n  stay-calc cannot tell which one to use\n  expected one country column; rename or remove the other',
    ])
  })
})

describe('country table (ISO 3166-1)', () => {
  it('has the 249 ISO codes plus Kosovo (XK), each with a unique alpha-2 and alpha-3', () => {
    expect(countries()).toHaveLength(250)
    expect(new Set(countries().map((c) => c.code)).size).toBe(250)
    expect(new Set(countries().map((c) => c.alpha3)).size).toBe(250)
    for (const c of countries()) expect(`${c.code} ${c.alpha3}`).toMatch(/^[A-Z]{2} [A-Z]{3}$/)
  })

  it.each([
    ['de', 'DE'],
    ['DEU', 'DE'],
    ['germany', 'DE'],
    ['Deutschland', 'DE'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['GBR', 'GB'],
    ['Turkey', 'TR'],
    ['TÜRKIYE', 'TR'],
    ['Czech Republic', 'CZ'],
    ['EL', 'GR'],
    ['Ελλάδα', 'GR'],
    ['Россия', 'RU'],
    ['Russian Federation', 'RU'],
    ['Kosovo', 'XK'],
    ['  United States of America ', 'US'],
    ['Bosnia & Herzegovina', 'BA'],
    // ISO 3166-1's formal short names, as lists exported from it write them (QA)
    ['Korea, Republic of', 'KR'],
    ["Korea (the Democratic People's Republic of)", 'KP'],
    ["Korea, Democratic People's Republic of", 'KP'],
    ['Moldova, Republic of', 'MD'],
    ['Iran (Islamic Republic of)', 'IR'],
    ['Tanzania, United Republic of', 'TZ'],
    ['Bolivia (Plurinational State of)', 'BO'],
    ['Syrian Arab Republic', 'SY'],
    ["Lao People's Democratic Republic (the)", 'LA'],
    ['Republic of Ireland', 'IE'],
    ['Republic of Cyprus', 'CY'],
    ['Slovak Republic', 'SK'],
    ['Kyrgyz Republic', 'KG'],
    ['Bahamas (the)', 'BS'],
    ['The Gambia', 'GM'],
    ['Russian Federation (the)', 'RU'],
    ['Netherlands (Kingdom of the)', 'NL'],
  ])('%s → %s', (text, code) => {
    expect(findCountry(text)?.code).toBe(code)
  })

  it('a code is written in letters: not with a slash, a space or a #; dotted (U.S.) it is', () => {
    for (const text of ['N/A', '#N/A', 'n/a', 'N.A.', 'N A', 'F/R', 'D E', '#DE', '#Germany']) expect(findCountry(text), text).toBeUndefined()
    // Only an error value is told as one (QA: "#Important!" was called "not available").
    expect([isNotAvailable('#Important!'), isNotAvailable('#REF!'), isNotAvailable('#NV'), isNotAvailable('n/a')]).toEqual([false, true, true, true])
    expect([findCountry('NA')?.code, findCountry(' na ')?.code, findCountry('U.S.')?.code, findCountry('U.K.')?.code, findCountry('Guinea-Bissau')?.code]).toEqual(['NA', 'NA', 'US', 'GB', 'GW'])
  })

  it('every name and code names one country: no alias is that of another', () => {
    const seen = new Map<string, string>()
    for (const c of countries()) {
      for (const text of [c.code, c.alpha3, c.name, ...c.aliases]) {
        const key = countryKey(text)
        expect(seen.get(key) ?? c.code, text).toBe(c.code)
        seen.set(key, c.code)
      }
    }
    // "the" is dropped only where no country is found with it
    expect(findCountry('Theland')).toBeUndefined()
  })

  it.each([
    ['Germny', ['DE']],
    ['Swizerland', ['CH']],
    ['Korea', ['KP', 'KR']],
    ['ED', ['DE']],
    ['ZZ', []],
    ['DUE', ['DE']],
    ['', []],
  ])('suggestions for %j', (text, codes) => {
    expect(suggestCountries(text).map((c) => c.code)).toEqual(codes)
  })
})
