/**
 * Zones: the membership data (Schengen's 29 states and their dates), attribution of days to
 * zones (boundaries, non-members, internal moves, travel days, home), the binding deadline across
 * zones, `--rule ZONE=ID` selection, and the README's zones table.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { day, isoOf } from '../src/day.js'
import { UsageError } from '../src/errors.js'
import { parseCsv } from '../src/parse/csv.js'
import { findRule } from '../src/rules/index.js'
import { zonesMarkdownTable } from '../src/render/zones.js'
import { assessZones, type ZonesReport } from '../src/zones/assess.js'
import { attribute } from '../src/zones/attribute.js'
import { countryOf } from '../src/zones/countries.js'
import { countryInput, homeCountry, zoneRules } from '../src/zones/select.js'
import { isCountryStay, type CountryStay } from '../src/zones/types.js'
import { findZone, zones } from '../src/zones/zones.js'
import { stay } from './helpers/factories.js'

/** Country stays from a `date,country,direction` (or other) log written inline. */
function log(text: string): CountryStay[] {
  const parsed = parseCsv(text, 'log.csv')
  expect(parsed.problems).toEqual([])
  return parsed.stays.filter(isCountryStay)
}

const crossings = (rows: string): CountryStay[] => log(`date,country,direction\n${rows.trim().replace(/\n\s+/g, '\n')}\n`)

const range = (s: { entry: number; exit: number | null }): string => `${isoOf(s.entry)}..${s.exit === null ? '' : isoOf(s.exit)}`

/** Per zone: its visits and ignored days, compactly. */
function zonesOf(stays: readonly CountryStay[], on: string, home?: string) {
  return attribute(stays, day(on), home === undefined ? {} : { home }).zones.map((z) => ({
    zone: z.zone.id,
    stays: z.stays.map(range),
    ignored: z.ignored.map((d) => `${isoOf(d.start)}..${isoOf(d.end)} ${d.country}: ${d.reason}`),
  }))
}

const schengen = zones().find((z) => z.id === 'schengen')!

describe('zone data', () => {
  it('Schengen has the 29 states, with the dates the acquis applied in full', () => {
    const states = schengen.members.filter((m) => m.deFacto !== true && m.partOf === undefined)
    expect(states).toHaveLength(29)
    // Åland: Finnish territory, Schengen with Finland (QA: its days were counted by no zone).
    expect(schengen.members.filter((m) => m.partOf !== undefined).map((m) => [m.country, m.partOf, isoOf(m.from!)])).toEqual([['AX', 'FI', '2001-03-25']])
    const since = Object.fromEntries(states.map((m) => [m.country, m.from === null ? null : isoOf(m.from)]))
    expect(since).toEqual({
      ...Object.fromEntries('BE DE ES FR LU NL PT'.split(' ').map((c) => [c, '1995-03-26'])),
      IT: '1997-10-26',
      AT: '1997-12-01',
      GR: '2000-01-01',
      ...Object.fromEntries('DK FI IS NO SE'.split(' ').map((c) => [c, '2001-03-25'])),
      ...Object.fromEntries('CZ EE HU LT LV MT PL SI SK'.split(' ').map((c) => [c, '2007-12-21'])),
      CH: '2008-12-12',
      LI: '2011-12-19',
      HR: '2023-01-01',
      BG: '2024-03-31',
      RO: '2024-03-31',
    })
    // 25 EU states plus Iceland, Liechtenstein, Norway and Switzerland (rules-reference §4.8).
    expect(states.filter((m) => !['IS', 'LI', 'NO', 'CH'].includes(m.country))).toHaveLength(25)
    expect(schengen.members.filter((m) => m.deFacto === true).map((m) => m.country)).toEqual(['MC', 'SM', 'VA'])
  })

  it('Ireland and Cyprus are not members of any zone', () => {
    for (const z of zones()) for (const code of ['IE', 'CY']) expect(z.members.map((m) => m.country)).not.toContain(code)
    expect(schengen.nonMembers?.map((n) => n.country)).toEqual(['IE', 'CY'])
  })

  it('every zone names an existing preset, an existing country, and a unique id; no country is in two zones', () => {
    for (const z of zones()) {
      expect(findRule(z.rule), z.id).toBeDefined()
      for (const m of z.members) expect(countryOf(m.country).code).toBe(m.country)
    }
    expect(new Set(zones().map((z) => z.id)).size).toBe(zones().length)
    const all = zones().flatMap((z) => z.members.map((m) => m.country))
    expect(new Set(all).size).toBe(all.length)
  })

  it('zones are found by id or alias, case-insensitively', () => {
    expect(['schengen', 'KZ', 'gb', 'GBR', 'usa', 'uk'].map((t) => findZone(t)?.id)).toEqual(['schengen', 'kz', 'uk', 'uk', 'us', 'uk'])
    expect(findZone('de')).toBeUndefined()
  })

  it('the README zones table is generated from the data', () => {
    const readme = readFileSync('README.md', 'utf8')
    const block = /<!-- zones:start -->\n([\s\S]*?)<!-- zones:end -->/.exec(readme)?.[1]
    expect(block, 'README has a zones block between zones:start/zones:end markers').toBe(`${zonesMarkdownTable(zones())}\n`)
  })
})

describe('attribution: membership by date', () => {
  it.each([
    { name: 'HR: 2022-12-31 is not counted, 2023-01-01 is', country: 'HR', entry: '2022-12-31', exit: '2023-01-01', counted: ['2023-01-01..2023-01-01'], ignored: ['2022-12-31..2022-12-31 HR: before Croatia joined the Schengen area on 2023-01-01'] },
    { name: 'HR: a stay ending 2022-12-31 is not counted at all', country: 'HR', entry: '2022-12-20', exit: '2022-12-31', counted: [], ignored: ['2022-12-20..2022-12-31 HR: before Croatia joined the Schengen area on 2023-01-01'] },
    { name: 'HR: a stay from 2023-01-01 counts whole', country: 'HR', entry: '2023-01-01', exit: '2023-01-05', counted: ['2023-01-01..2023-01-05'], ignored: [] },
    { name: 'BG: 2024-03-30 is not counted, 2024-03-31 is', country: 'BG', entry: '2024-03-30', exit: '2024-03-31', counted: ['2024-03-31..2024-03-31'], ignored: ['2024-03-30..2024-03-30 BG: before Bulgaria joined the Schengen area on 2024-03-31 (air and sea borders; land-border checks lifted from 2025-01-01)'] },
    { name: 'RO: 2024-03-30 is not counted, 2024-03-31 is', country: 'RO', entry: '2024-03-30', exit: '2024-03-31', counted: ['2024-03-31..2024-03-31'], ignored: ['2024-03-30..2024-03-30 RO: before Romania joined the Schengen area on 2024-03-31 (air and sea borders; land-border checks lifted from 2025-01-01)'] },
    { name: 'RO: a stay across the 2025-01-01 land opening is counted whole', country: 'RO', entry: '2024-12-30', exit: '2025-01-02', counted: ['2024-12-30..2025-01-02'], ignored: [] },
    { name: 'IE: never counted', country: 'IE', entry: '2024-01-05', exit: '2024-01-10', counted: [], ignored: ['2024-01-05..2024-01-10 IE: Ireland is not in the Schengen area'] },
    { name: 'CY: never counted', country: 'CY', entry: '2024-05-01', exit: '2024-05-03', counted: [], ignored: ['2024-05-01..2024-05-03 CY: Cyprus is not in the Schengen area'] },
    { name: 'FR: counted', country: 'FR', entry: '2024-05-01', exit: '2024-05-03', counted: ['2024-05-01..2024-05-03'], ignored: [] },
  ])('$name', ({ country, entry, exit, counted, ignored }) => {
    const zones = zonesOf(crossings(`${entry},${country},in\n${exit},${country},out`), '2025-06-01')
    expect(zones).toEqual([{ zone: 'schengen', stays: counted, ignored }])
  })

  it('an open stay in Croatia from 2022 counts from 2023-01-01 through the reference date', () => {
    expect(zonesOf(crossings('2022-12-20,HR,in'), '2023-01-10')).toEqual([
      { zone: 'schengen', stays: ['2023-01-01..'], ignored: ['2022-12-20..2022-12-31 HR: before Croatia joined the Schengen area on 2023-01-01'] },
    ])
  })

  it('days in Ireland count for no zone; the report lists them as not counted', () => {
    const r = attribute(crossings('2024-01-05,IE,in\n2024-01-10,IE,out\n2024-02-01,JP,in\n2024-02-03,JP,out'), day('2024-06-01'))
    expect(r.uncounted.map((d) => `${isoOf(d.start)}..${isoOf(d.end)} ${d.country}: ${d.reason}`)).toEqual([
      '2024-01-05..2024-01-10 IE: no zone counts Ireland',
      '2024-02-01..2024-02-03 JP: no zone counts Japan',
    ])
  })
})

describe('attribution: visits, internal moves and travel days', () => {
  it('moves between Schengen states on one date do not split the Schengen stay', () => {
    const stays = crossings(`
      2024-01-05,FR,in
      2024-01-20,FR,out
      2024-01-20,DE,in
      2024-02-01,DE,out
      2024-02-01,AT,in
      2024-02-10,AT,out
    `)
    expect(zonesOf(stays, '2024-06-01')).toEqual([{ zone: 'schengen', stays: ['2024-01-05..2024-02-10'], ignored: [] }])
  })

  it('leaving Schengen for a non-member and returning splits it; a same-day return shares the day', () => {
    const stays = crossings(`
      2024-04-12,HU,in
      2024-04-20,HU,out
      2024-04-20,RS,in
      2024-04-20,RS,out
      2024-04-20,HU,in
      2024-04-30,HU,out
      2024-04-30,IE,in
      2024-05-10,IE,out
      2024-05-10,FR,in
    `)
    const r = assessZones({ stays, on: day('2024-06-01') })
    const [sch, rs] = r.zones
    expect(sch?.report.stays.map(range)).toEqual(['2024-04-12..2024-04-20', '2024-04-20..2024-04-30', '2024-05-10..'])
    // 04-12 … 04-30 is 19 days (04-20 once), 05-10 … 06-01 is 23.
    expect(sch?.report.daysUsed).toBe(19 + 23)
    expect(rs?.report.stays.map(range)).toEqual(['2024-04-20..2024-04-20'])
    expect(sch?.countries).toEqual([
      { country: 'HU', days: 19 },
      { country: 'FR', days: 23 },
    ])
  })

  it('a same-day exit and re-entry of one country (a border run) makes two visits, as in the core', () => {
    const stays = crossings('2024-01-05,GE,in\n2024-03-01,GE,out\n2024-03-01,GE,in')
    expect(zonesOf(stays, '2024-06-01')).toEqual([{ zone: 'ge', stays: ['2024-01-05..2024-03-01', '2024-03-01..'], ignored: [] }])
  })

  it('a gap day outside any recorded country splits a stay, even between two Schengen states', () => {
    const stays = crossings('2024-01-05,FR,in\n2024-01-20,FR,out\n2024-01-21,DE,in\n2024-01-25,DE,out')
    expect(zonesOf(stays, '2024-06-01')).toEqual([{ zone: 'schengen', stays: ['2024-01-05..2024-01-20', '2024-01-21..2024-01-25'], ignored: [] }])
  })

  it('a travel day counts for both countries, and so for both zones', () => {
    const stays = crossings('2024-03-01,TR,in\n2024-03-10,TR,out\n2024-03-10,GE,in\n2024-03-12,GE,out')
    const r = assessZones({ stays, on: day('2024-03-10') })
    expect(r.zones.map((z) => [z.zone.id, z.report.stays.map(range), z.report.inside, z.report.daysUsed])).toEqual([
      ['tr', ['2024-03-01..2024-03-10'], true, 10],
      ['ge', ['2024-03-10..2024-03-12'], true, 1],
    ])
  })

  it('joining a stay is per log: the same dates in two files are two visits', () => {
    const a = log('date,country,direction\n2024-01-05,FR,in\n2024-01-20,FR,out\n')
    const b = parseCsv('date,country,direction\n2024-01-20,DE,in\n2024-01-25,DE,out\n', 'other.csv').stays.filter(isCountryStay)
    expect(zonesOf([...a, ...b], '2024-06-01')[0]?.stays).toEqual(['2024-01-05..2024-01-20', '2024-01-20..2024-01-25'])
  })

  it('--home: days at home count for no zone and split the visits around them', () => {
    const stays = log('date,from,to\n2024-01-10,GB,FR\n2024-01-20,FR,GB\n2024-03-01,GB,\n')
    expect(zonesOf(stays, '2024-06-01', 'GB')).toEqual([{ zone: 'schengen', stays: ['2024-01-10..2024-01-20'], ignored: [] }])
    const home = attribute(stays, day('2024-06-01'), { home: 'GB' }).uncounted.map((d) => `${isoOf(d.start)}..${isoOf(d.end)} ${d.reason}`)
    expect(home).toEqual(['2024-01-10..2024-01-10 your home country (--home)', '2024-01-20..2024-03-01 your home country (--home)'])
    // Without --home, the UK counts them under its own preset (same first day: catalogue order).
    expect(zonesOf(stays, '2024-06-01').map((z) => z.zone)).toEqual(['schengen', 'uk'])
  })

  it('the zones are listed by first day; the US zone takes Puerto Rico in', () => {
    const stays = crossings('2024-02-01,PR,in\n2024-02-05,PR,out\n2024-02-05,US,in\n2024-02-20,US,out\n2024-01-01,FR,in\n2024-01-05,FR,out')
    expect(zonesOf(stays, '2024-06-01')).toEqual([
      { zone: 'schengen', stays: ['2024-01-01..2024-01-05'], ignored: [] },
      { zone: 'us', stays: ['2024-02-01..2024-02-20'], ignored: [] },
    ])
  })
})

describe('attribution: side trips from the United States (9 FAM 201.1-4(C)(e)(2))', () => {
  const usZone = (stays: readonly CountryStay[], on: string, home?: string) => {
    const r = assessZones({ stays, on: day(on), ...(home === undefined ? {} : { home }) })
    const us = r.zones.find((z) => z.zone.id === 'us')
    if (us === undefined) throw new Error('no US zone')
    return us
  }
  const mexico = `
    2024-01-01,US,in
    2024-03-01,US,out
    2024-03-01,MX,in
    2024-03-10,MX,out
    2024-03-10,US,in
    2024-05-15,US,out
  `

  it('the data: Canada, Mexico and the adjacent islands, for the US zone only', () => {
    const us = findZone('us')
    expect(us?.sideTrips?.countries).toEqual(expect.arrayContaining(['CA', 'MX', 'BS', 'BM', 'CU', 'JM', 'PM', 'AW', 'KY']))
    for (const c of us?.sideTrips?.countries ?? []) expect(countryOf(c).code).toBe(c)
    expect(zones().filter((z) => z.sideTrips !== undefined).map((z) => z.id)).toEqual(['us'])
  })

  it('a trip to Mexico and back does not start a new ESTA admission: over from 2024-03-31', () => {
    // Admitted 2024-01-01 for 90 days: the last day is 03-30 (Jan 31, Feb 29, Mar 30). Back on 03-10
    // for the balance; 03-31 … 05-15 (16 + 30 + 15 = 46 days) are over, 05-15 being day 136.
    const us = usZone(crossings(mexico), '2024-06-01')
    expect(us.report.stays.map(range)).toEqual(['2024-01-01..2024-03-01', '2024-03-10..2024-05-15'])
    expect(us.report.violations.map((v) => [isoOf(v.start), isoOf(v.end), v.peakDaysUsed])).toEqual([['2024-03-31', '2024-05-15', 136]])
    // Only the days in the US are days there: 61 + 67.
    expect(us.countries).toEqual([{ country: 'US', days: 128 }])
    expect(us.ignored.map((d) => `${isoOf(d.start)}..${isoOf(d.end)} ${d.country}: ${d.reason}`)).toEqual([
      '2024-03-01..2024-03-10 MX: a side trip from the United States: the visit entered on 2024-01-01 goes on through it, the return is no new entry',
    ])
  })

  it('Mexico still counts the trip under its own rule', () => {
    const r = assessZones({ stays: crossings(mexico), on: day('2024-06-01') })
    expect(r.zones.find((z) => z.zone.id === 'mx')?.report.stays.map(range)).toEqual(['2024-03-01..2024-03-10'])
  })

  it('from a from/to log too, through two side-trip countries in a row', () => {
    const stays = log('date,from,to\n2024-01-01,,US\n2024-02-20,US,CA\n2024-02-25,CA,BS\n2024-03-05,BS,US\n2024-04-10,US,\n')
    const us = usZone(stays, '2024-06-01')
    expect(us.report.violations.map((v) => [isoOf(v.start), isoOf(v.end)])).toEqual([['2024-03-31', '2024-04-10']])
    expect(us.ignored.map((d) => d.country)).toEqual(['CA', 'BS'])
  })

  it('a trip elsewhere, a gap, or a home in Mexico (--home MX) starts a new admission', () => {
    const elsewhere = crossings(mexico.replaceAll('MX', 'GB'))
    expect(usZone(elsewhere, '2024-06-01').report.violations).toEqual([])
    const gap = crossings(mexico.replace('2024-03-10,US,in', '2024-03-11,US,in'))
    expect(usZone(gap, '2024-06-01').report.violations).toEqual([])
    expect(usZone(crossings(mexico), '2024-06-01', 'MX').report.violations).toEqual([])
  })

  it('a side trip that never comes back is no side trip; one still going on makes coming back no new entry', () => {
    const gone = crossings('2024-01-01,US,in\n2024-03-01,US,out\n2024-03-01,MX,in\n2024-03-10,MX,out\n2024-03-10,FR,in\n2024-03-20,FR,out')
    expect(usZone(gone, '2024-06-01').ignored).toEqual([])
    // In Mexico on 03-05 since leaving the US on 03-01: coming back that day is day 65 of the
    // admission from 01-01 (31 + 29 + 5), to be left by 03-30, not a new 90 days (to 06-02).
    const away = usZone(crossings('2024-01-01,US,in\n2024-03-01,US,out\n2024-03-01,MX,in'), '2024-03-05')
    expect(away.report).toMatchObject({ inside: false, daysUsed: 65, latestExit: day('2024-03-30'), latestExitBound: 'limit' })
    expect(away.ignored.map((d) => d.reason)).toEqual([
      'a side trip from the United States: coming back is no new entry, the visit entered on 2024-01-01 goes on',
    ])
  })

  it('a second side trip still goes back to the first entry', () => {
    const twice = crossings(`
      2024-01-01,US,in
      2024-02-01,US,out
      2024-02-01,CA,in
      2024-02-05,CA,out
      2024-02-05,US,in
      2024-03-01,US,out
      2024-03-01,MX,in
      2024-03-10,MX,out
      2024-03-10,US,in
      2024-04-05,US,out
    `)
    const us = usZone(twice, '2024-06-01')
    expect(us.report.violations.map((v) => [isoOf(v.start), isoOf(v.end), v.peakDaysUsed])).toEqual([['2024-03-31', '2024-04-05', 96]])
    expect(us.ignored.map((d) => d.reason.match(/entered on (\S+)/)?.[1])).toEqual(['2024-01-01', '2024-01-01'])
  })
})

describe('reports per zone and the binding deadline', () => {
  const binding = (r: ZonesReport) => (r.binding === null ? null : [r.binding.zone.id, r.binding.report.latestExit === null ? null : isoOf(r.binding.report.latestExit)])

  it('the earliest latest exit among the zones the traveller is in binds', () => {
    // On the travel day 2024-03-10 the traveller is in Türkiye (10 of 90 used) and in Georgia (one year per visit).
    const stays = crossings('2024-03-01,TR,in\n2024-03-10,TR,out\n2024-03-10,GE,in')
    const r = assessZones({ stays, on: day('2024-03-10') })
    expect(binding(r)).toEqual(['tr', '2024-05-29'])
    expect(r.zones.map((z) => z.report.latestExit === null ? null : isoOf(z.report.latestExit))).toEqual(['2024-05-29', '2025-03-09'])
  })

  it('no binding deadline when in no zone', () => {
    const r = assessZones({ stays: crossings('2024-03-01,FR,in\n2024-03-10,FR,out'), on: day('2024-06-01') })
    expect(binding(r)).toBeNull()
  })

  it('an overstay binds at once', () => {
    const r = assessZones({ stays: crossings('2024-01-01,FR,in\n2024-03-31,FR,out\n2024-03-31,DE,in'), on: day('2024-04-10') })
    expect(binding(r)).toEqual(['schengen', null])
    expect(r.zones[0]?.report.violations.map((v) => `${isoOf(v.start)}..${isoOf(v.end)} ${v.peakDaysUsed}`)).toEqual(['2024-03-31..2024-04-10 101'])
  })

  describe('in a country that joins a zone before the traveller leaves it (QA)', () => {
    const joining = (r: ZonesReport) => r.warnings.filter((w) => w.code === 'W_JOINS_ZONE').map((w) => w.message)

    it('Croatia on 2022-12-20, 90 Schengen days in the window of 2023-01-01: leave by 2022-12-31', () => {
      // 2022-09-01..11-29 is 90 days, all in [2022-07-06, 2023-01-01]: a first Croatian day of 2023 would be the 91st.
      const stays = crossings('2022-09-01,SI,in\n2022-11-29,SI,out\n2022-11-29,HR,in')
      const r = assessZones({ stays, on: day('2022-12-20') })
      expect(joining(r)).toEqual([
        'Croatia joins the Schengen area on 2023-01-01: from then your days there count toward schengen with no border crossed, and with the days already counted the first would break it: leave by 2022-12-31',
      ])
      expect(binding(r)).toBeNull()
    })

    it('Bulgaria on 2024-03-30 with nothing counted: 90 days from 2024-03-31, to 2024-06-28', () => {
      const r = assessZones({ stays: crossings('2024-03-20,BG,in'), on: day('2024-03-30') })
      expect(joining(r)).toEqual(['Bulgaria joins the Schengen area on 2024-03-31: from then your days there count toward schengen with no border crossed; staying on, leave by 2024-06-28'])
    })

    it('days counted before it bind with the window of each later day (60 used: 30 more)', () => {
      // FR 2024-01-01..02-29 (60 days); BG from 2024-03-10. From 2024-03-31 the window holds the 60 and the BG days: 30 of them, to 2024-04-29.
      const r = assessZones({ stays: crossings('2024-01-01,FR,in\n2024-02-29,FR,out\n2024-03-10,BG,in'), on: day('2024-03-20') })
      expect(joining(r)).toEqual(['Bulgaria joins the Schengen area on 2024-03-31: from then your days there count toward schengen with no border crossed; staying on, leave by 2024-04-29'])
    })

    it('none when the recorded exit comes before the joining day, for the home country, or once a member', () => {
      expect(joining(assessZones({ stays: crossings('2024-03-20,BG,in\n2024-03-30,BG,out'), on: day('2024-03-25') }))).toEqual([])
      expect(joining(assessZones({ stays: crossings('2024-03-20,BG,in'), on: day('2024-03-25'), home: 'BG' }))).toEqual([])
      expect(joining(assessZones({ stays: crossings('2024-03-20,BG,in'), on: day('2024-04-02') }))).toEqual([])
      // A recorded exit on or after the joining day: the days from it count.
      expect(joining(assessZones({ stays: crossings('2024-03-20,BG,in\n2024-03-31,BG,out'), on: day('2024-03-25') }))).toHaveLength(1)
    })
  })

  it('--rule ZONE=ID replaces one zone\'s rule', () => {
    const stays = crossings('2024-05-01,KZ,in\n2024-06-10,KZ,out')
    const byDefault = assessZones({ stays, on: day('2024-06-20') })
    const visaFree = assessZones({ stays, on: day('2024-06-20'), rules: zoneRules(['kz=kz-visa-free']) })
    expect(byDefault.zones[0]?.report.violations).toEqual([])
    expect(visaFree.zones[0]?.report.rule.id).toBe('kz-visa-free')
    expect(visaFree.zones[0]?.report.violations.map((v) => `${isoOf(v.start)}..${isoOf(v.end)}`)).toEqual(['2024-05-31..2024-06-10'])
  })
})

describe('zone options', () => {
  it.each([
    { values: ['kz=kz-visa-free', 'US=us-b2', 'schengen'], rules: { kz: 'kz-visa-free', us: 'us-b2' } },
    { values: [' gb = uk-visitor '], rules: { uk: 'uk-visitor' } },
    { values: ['kz=ESTA'], rules: { kz: 'us-esta' } },
  ])('zoneRules($values)', ({ values, rules }) => {
    expect(Object.fromEntries([...zoneRules(values)].map(([zone, rule]) => [zone, rule.id]))).toEqual(rules)
  })

  it.each([
    { values: ['=kz'], message: '--rule "=kz": expected ID or ZONE=ID, like kz=kz-visa-free' },
    { values: ['kz=a=b'], message: '--rule "kz=a=b": expected ID or ZONE=ID, like kz=kz-visa-free' },
    { values: ['mars=kz'], message: `unknown zone "mars" in --rule; expected one of: ${zones().map((z) => z.id).join(', ')}` },
    { values: ['kz=mars'], message: /^unknown rule "mars"; expected one of: schengen, kz/ },
    { values: ['kz=kz', 'KAZ=kz-visa-free'], message: 'two rules for zone kz: --rule kz=kz and --rule KAZ=kz-visa-free; give one' },
    { values: ['uk=uk-ilr'], message: 'rule "uk-ilr" counts days abroad, so it cannot count the days in zone uk' },
  ])('zoneRules($values) refuses', ({ values, message }) => {
    expect(() => zoneRules(values)).toThrow(UsageError)
    expect(() => zoneRules(values)).toThrow(message)
  })

  it('--home takes any form of a country and suggests close ones', () => {
    expect(homeCountry('United Kingdom')).toBe('GB')
    expect(() => homeCountry('Untied Kingdom')).toThrow('unknown --home country "Untied Kingdom": did you mean GB (United Kingdom)?')
  })

  it('countryInput: country stays, or null; mixing and options that do not fit are refused', () => {
    const fr = crossings('2024-01-05,FR,in')
    const plain = stay('2024-01-05', '2024-01-10')
    const spec = { ruleValues: [], custom: false, home: undefined }
    expect(countryInput(fr, spec)).toEqual(fr)
    expect(countryInput([plain], spec)).toBeNull()
    expect(() => countryInput([...fr, plain], spec)).toThrow('log.csv names countries (a country column, or from and to) but --trip 2024-01-05..2024-01-10 does not')
    expect(() => countryInput(fr, { ...spec, ruleValues: ['kz'] })).toThrow('--rule kz is for input without a country column')
    expect(() => countryInput(fr, { ...spec, custom: true })).toThrow('--limit/--window are for input without a country column')
    expect(() => countryInput([plain], { ...spec, ruleValues: ['kz=kz'] })).toThrow('--rule kz=kz sets the rule of a zone, but no input has a country column')
    expect(() => countryInput([plain], { ...spec, home: 'GB' })).toThrow('--home needs input with a country column')
  })
})
