/** The CLI with country logs, in-process: each case asserts exit code, stdout and stderr together. */
import { describe, expect, it } from 'vitest'
import { dedent } from './helpers/dedent.js'
import { run } from './helpers/io.js'

const TRIP = dedent`
  date,country,direction
  2022-12-28,HR,in
  2023-01-08,HR,out
  2023-01-08,SI,in
  2023-01-20,SI,out
  2023-01-20,RS,in
`

describe('text report with countries', () => {
  it('a section per zone, what each zone ignored and why, and the binding deadline last', async () => {
    const r = await run(['trip.csv', '--on', '2023-01-25'], { files: { 'trip.csv': TRIP } })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe(dedent`
      ═══ Schengen area (zone schengen) ═══
      Days by country: HR 8 days, SI 13 days

      Schengen area short stay (90 days in any 180) · on 2023-01-25

      Stays (1)
        2023-01-01 – 2023-01-20    20 days  trip.csv:2

      No overstay in the history.

      Window 2022-07-30 – 2023-01-25: 20 of 90 days used, 70 remaining
      Entering on 2023-01-25, you may stay until 2023-04-04 (70 days)

      Not counted in the Schengen area (1)
        2022-12-28 – 2022-12-31     4 days in HR: before Croatia joined the Schengen area on 2023-01-01  trip.csv:2

      ═══ Serbia (zone rs) ═══
      Days by country: RS 6 days

      Serbia, visa-free stay (90 days in any 180; read as rolling) · on 2023-01-25

      Stays (1)
        2023-01-20 – inside         6 days  trip.csv:6

      No overstay in the history.

      Window 2022-07-30 – 2023-01-25: 6 of 90 days used, 84 remaining
      Latest legal exit: 2023-04-19 (85 days from 2023-01-25 inclusive)

      Summary on 2023-01-25
        Schengen area  20/90 used    entering on 2023-01-25, may stay until 2023-04-04
        Serbia         6/90 used     inside, latest legal exit 2023-04-19

      Leave Serbia by 2023-04-19
    `)
  })

  it('a broken rule in any zone exits 1; --exit-zero reports the same and exits 0', async () => {
    const files = { 'kz.csv': 'date,from,to\n2024-05-01,,Kazakhstan\n2024-06-10,KZ,\n' }
    const r = await run(['kz.csv', '--rule', 'kz=kz-visa-free', '--on', '2024-06-20'], { files })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('  2024-05-31 – 2024-06-10  11 days, peak 41 days counted (11 over)')
    expect(r.stdout).toContain('  Kazakhstan  0/30 used     entering on 2024-06-20, may stay until 2024-07-19, 1 overstay in the history\n')
    expect(r.stdout.endsWith('\nOn 2024-06-20 you are in no zone.\n')).toBe(true)
    const z = await run(['kz.csv', '--rule', 'kz=kz-visa-free', '--on', '2024-06-20', '--exit-zero'], { files })
    expect(z).toMatchObject({ exitCode: 0, stdout: r.stdout, stderr: '' })
    const eaeu = await run(['kz.csv', '--on', '2024-06-20'], { files })
    expect(eaeu).toMatchObject({ exitCode: 0, stderr: '' })
  })

  it('an overstay today says so in the headline', async () => {
    const files = { 'fr.csv': 'entry,exit,country\n2024-01-01,2024-03-31,FR\n2024-03-31,,DE\n' }
    const r = await run(['fr.csv', '--on', '2024-04-10'], { files })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('  2024-01-01 – inside       101 days  fr.csv:2\n')
    expect(r.stdout.endsWith('\nOverstay: being in the Schengen area on 2024-04-10 already breaks its rule.\n')).toBe(true)
  })
})

describe('dates still to come are told as such (QA: "joined" on a day before it)', () => {
  it('a day in Croatia before 2023-01-01, seen from 2022-12-25: before Croatia joins', async () => {
    const r = await run(['log.csv', '--on', '2022-12-25'], { files: { 'log.csv': 'date,country,direction\n2022-12-20,HR,in\n' } })
    expect(r.stdout).toContain('6 days in HR: before Croatia joins the Schengen area on 2023-01-01')
    const later = await run(['log.csv', '--on', '2023-01-05'], { files: { 'log.csv': 'date,country,direction\n2022-12-20,HR,in\n' } })
    expect(later.stdout).toContain('12 days in HR: before Croatia joined the Schengen area on 2023-01-01')
  })

  it('kz seen before 2023-01-27: the rule takes effect then', async () => {
    const before = await run(['--rule', 'kz', '--trip', '2022-09-01..2022-12-20', '--on', '2022-12-01'])
    expect(before.stdout).toContain('(days before 2023-01-27 are not counted: the rule takes effect then)')
    const after = await run(['--rule', 'kz', '--trip', '2022-12-01..2023-02-20', '--on', '2023-02-01'])
    expect(after.stdout).toContain('(days before 2023-01-27 are not counted: the rule took effect then)')
  })
})

describe('JSON with countries', () => {
  it('stays in two countries on the same days: a warning that names both, not "each day is counted once"', async () => {
    const files = { 'log.csv': 'country,entry,exit\nFR,2024-01-01,2024-01-10\nTR,2024-01-05,2024-01-15\nFR,2024-01-12,2024-01-14\n' }
    const r = await run(['log.csv', '--on', '2024-02-01', '--json'], { files })
    const json = JSON.parse(r.stdout) as { warnings: { code: string; message: string; sources: string[] }[] }
    expect(json.warnings).toEqual([
      { code: 'W_OVERLAP', message: 'stays in FR and TR overlap on 2024-01-05..2024-01-10 (check the dates): each zone counts the days of its own countries', sources: ['log.csv:2', 'log.csv:3'] },
      { code: 'W_OVERLAP', message: 'stays in TR and FR overlap on 2024-01-12..2024-01-14 (check the dates): each zone counts the days of its own countries', sources: ['log.csv:3', 'log.csv:4'] },
    ])
  })

  it('zones: each the single-rule object with `zone` first; the binding deadline; ignored and uncounted days', async () => {
    const files = { 'trip.csv': `${TRIP}2023-01-22,RS,out\n2023-01-22,IE,in\n` }
    const r = await run(['trip.csv', '--on', '2023-01-25', '--json'], { files })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    const json = JSON.parse(r.stdout) as Record<string, unknown> & { zones: Record<string, unknown>[] }
    expect(Object.keys(json)).toEqual(['schemaVersion', 'on', 'inside', 'binding', 'zones', 'uncounted', 'warnings'])
    expect(json).toMatchObject({ schemaVersion: 1, on: '2023-01-25', inside: [], binding: null, warnings: [] })
    expect(json.uncounted).toEqual([{ country: 'IE', start: '2023-01-22', end: '2023-01-25', days: 4, reason: 'no zone counts Ireland', source: 'trip.csv:8' }])
    const [schengen, serbia] = json.zones
    expect(Object.keys(schengen ?? {})).toEqual([
      'zone', 'schemaVersion', 'on', 'rule', 'inside', 'daysUsed', 'window', 'daysRemaining', 'overstayDays', 'latestExit',
      'latestExitBound', 'violations', 'stays', 'authorisedUntil', 'warnings', 'binding', 'constraints', 'zoneName', 'countries', 'ignored',
    ])
    expect(schengen).toMatchObject({
      zone: 'schengen',
      rule: { id: 'schengen', limit: 90, window: 180 },
      daysUsed: 20,
      stays: [{ entry: '2023-01-01', exit: '2023-01-20', days: 20, source: 'trip.csv:2' }],
      countries: [{ country: 'HR', name: 'Croatia', days: 8 }, { country: 'SI', name: 'Slovenia', days: 13 }],
      ignored: [
        { country: 'HR', start: '2022-12-28', end: '2022-12-31', days: 4, reason: 'before Croatia joined the Schengen area on 2023-01-01', source: 'trip.csv:2' },
        { country: 'IE', start: '2023-01-22', end: '2023-01-25', days: 4, reason: 'Ireland is not in the Schengen area', source: 'trip.csv:8' },
      ],
    })
    expect(serbia).toMatchObject({ zone: 'rs', inside: false, daysUsed: 3, stays: [{ entry: '2023-01-20', exit: '2023-01-22', days: 3 }] })
  })

  it('a side trip to Mexico keeps the ESTA admission from 2024-01-01 running: over from 2024-03-31, exit 1', async () => {
    const side = dedent`
      date,country,direction
      2024-01-01,US,in
      2024-03-01,US,out
      2024-03-01,MX,in
      2024-03-10,MX,out
      2024-03-10,US,in
      2024-05-15,US,out
    `
    const r = await run(['side.csv', '--on', '2024-06-01', '--json'], { files: { 'side.csv': side } })
    expect(r.exitCode).toBe(1)
    const json = JSON.parse(r.stdout) as { zones: Record<string, unknown>[] }
    const us = json.zones.find((z) => z.zone === 'us')
    // Jan 1 + 89 = Mar 30; May 15 is day 31 + 29 + 31 + 30 + 15 = 136 of the admission.
    expect(us).toMatchObject({
      violations: [{ start: '2024-03-31', end: '2024-05-15', peakDaysUsed: 136, constraint: 'per-visit:90d' }],
      stays: [
        { entry: '2024-01-01', exit: '2024-03-01', days: 61, source: 'side.csv:2', until: null },
        { entry: '2024-03-10', exit: '2024-05-15', days: 67, source: 'side.csv:6', until: null },
      ],
      ignored: [{ country: 'MX', start: '2024-03-01', end: '2024-03-10', days: 10, source: 'side.csv:4' }],
    })
    expect(Object.keys((us?.stays as object[])[1] ?? {})).toEqual(['entry', 'exit', 'days', 'source', 'until'])
  })

  // The same side trip as stays, one per file, or a crossings file beside a stays file: one list of
  // stays (README, Input), so the visit goes on through Mexico as in one file (QA: it was cut in two
  // and no overstay was told).
  it.each([
    [
      'three stays files',
      {
        'v1.csv': 'entry,exit,country\n2024-01-01,2024-03-01,US\n',
        'v2.csv': 'entry,exit,country\n2024-03-01,2024-03-10,MX\n',
        'v3.csv': 'entry,exit,country\n2024-03-10,2024-05-15,US\n',
      },
    ],
    [
      // A stay recorded twice stood between the side trip and the stays around it.
      'one stays file given twice',
      {
        'one.csv': 'entry,exit,country\n2024-01-01,2024-03-01,US\n2024-03-01,2024-03-10,MX\n2024-03-10,2024-05-15,US\n',
      },
      ['one.csv', 'one.csv'],
    ],
    [
      'the side trip twice in one file',
      {
        'dup.csv': 'entry,exit,country\n2024-01-01,2024-03-01,US\n2024-03-01,2024-03-10,MX\n2024-03-01,2024-03-10,MX\n2024-03-10,2024-05-15,US\n',
      },
    ],
    [
      'a crossings file and a stays file',
      {
        'us.csv': 'date,country,direction\n2024-01-01,US,in\n2024-03-01,US,out\n2024-03-10,US,in\n2024-05-15,US,out\n',
        'mx.csv': 'entry,exit,country\n2024-03-01,2024-03-10,MX\n',
      },
    ],
  ])('the side trip split over files (%s): over from 2024-03-31, as in one file', async (_, files: Record<string, string>, paths?: string[]) => {
    const r = await run([...(paths ?? Object.keys(files)), '--on', '2024-06-01', '--json'], { files })
    expect(r.exitCode).toBe(1)
    const us = (JSON.parse(r.stdout) as { zones: Record<string, unknown>[] }).zones.find((z) => z.zone === 'us')
    expect(us).toMatchObject({ violations: [{ start: '2024-03-31', end: '2024-05-15', peakDaysUsed: 136, constraint: 'per-visit:90d' }] })
  })

  it('binding names the zone to leave first', async () => {
    const r = await run(['trip.csv', '--on', '2023-01-25', '--json'], { files: { 'trip.csv': TRIP } })
    expect(JSON.parse(r.stdout)).toMatchObject({ inside: ['rs'], binding: { zone: 'rs', latestExit: '2023-04-19', latestExitBound: 'limit' } })
  })
})

describe('bad input with countries: every problem together, file:line, exit 2, nothing on stdout', () => {
  it('unknown countries; an entry while inside, an exit from a country never entered', async () => {
    const files = {
      'a.csv': 'date,country,direction\n2024-01-05,Germny,in\n2024-01-10,ZZ,out\n',
      'b.csv': 'date,country,direction\n2024-01-05,FR,in\n2024-01-20,DE,in\n2024-02-01,ES,out\n',
    }
    // Together they are one log, and a.csv's rows cannot be read: its rows' own problems only.
    const r = await run(['a.csv', 'b.csv', '--on', '2024-06-01'], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toBe(dedent`
      stay-calc: 2 problems in the input
        a.csv:2: unknown country "Germny"
          did you mean DE (Germany)?
          expected an ISO 3166-1 code like DE or DEU, or an English name like Germany
        a.csv:3: unknown country "ZZ"
          not an ISO 3166-1 code or a country name stay-calc knows
          expected an ISO 3166-1 code like DE or DEU, or an English name like Germany
    `)
    const alone = await run(['b.csv', '--on', '2024-06-01'], { files })
    expect(alone).toMatchObject({ exitCode: 2, stdout: '' })
    expect(alone.stderr).toBe(dedent`
      stay-calc: 2 problems in the input
        b.csv:3: entry into DE (Germany) while the log has you in FR (France)
          FR (France) was entered on 2024-01-05 (line 2) and no exit from it is recorded before 2024-01-20
          expected an exit from FR (France) dated from 2024-01-05 to 2024-01-20, before this row
        b.csv:4: exit from ES (Spain) without an entry into it
          the log has you in DE (Germany) since 2024-01-20 (line 3)
          expected an entry into ES (Spain) dated on or before 2024-02-01, before this row
    `)
  })
})

describe('options with countries: usage errors exit 2 with a hint', () => {
  const files = {
    'c.csv': 'date,country,direction\n2024-01-05,FR,in\n',
    'p.csv': 'entry,exit\n2024-01-05,2024-01-10\n',
    'm.csv': 'date,from,to\n2024-01-05,,FR\n',
    // Its exit pairs with nothing alone: read apart it would be a problem of a row that is fine.
    'x.csv': 'date,direction\n2024-02-10,out\n',
  }
  it.each([
    // Refused before the stays are paired or checked, so no problem of the other input comes first.
    { name: 'a move log still inside, and --trip after it', args: ['m.csv', '--trip', '2024-06-05..2024-06-10'], err: 'm.csv names countries (a country column, or from and to) but --trip 2024-06-05..2024-06-10 does not' },
    { name: 'a country log and a crossings file whose rows pair with nothing alone', args: ['c.csv', 'x.csv'], err: 'c.csv names countries (a country column, or from and to) but x.csv does not' },
    { name: 'a plain --rule, a zone default', args: ['c.csv', '--rule', 'kz'], err: '--rule kz is for input without a country column; with countries, zone kz is counted under kz already: leave --rule out' },
    { name: 'a plain --rule, another rule of a zone', args: ['c.csv', '--rule', 'kz-visa-free'], err: 'name the zone, like --rule kz=kz-visa-free' },
    { name: 'a plain --rule of no zone', args: ['c.csv', '--rule', 'oecd-183'], err: 'name the zone, like --rule ZONE=oecd-183' },
    { name: '--limit', args: ['c.csv', '--limit', '30'], err: '--limit/--window are for input without a country column; with countries each zone has its own rule (--rule ZONE=ID)' },
    { name: 'a file with countries and one without', args: ['c.csv', 'p.csv'], err: 'c.csv names countries (a country column, or from and to) but p.csv does not: give a country for every stay, or for none' },
    { name: '--trip with countries', args: ['c.csv', '--trip', '2023-03-01..2023-03-02'], err: 'c.csv names countries (a country column, or from and to) but --trip 2023-03-01..2023-03-02 does not' },
    { name: 'unknown zone', args: ['c.csv', '--rule', 'mars=kz'], err: 'unknown zone "mars" in --rule; expected one of: schengen, kz, ru, tr, ua, rs, al, ge, am, us, uk, mx, th' },
    { name: 'unknown rule for a zone', args: ['c.csv', '--rule', 'kz=mars'], err: 'unknown rule "mars"; expected one of: schengen, kz,' },
    { name: 'a zone rule without countries', args: ['p.csv', '--rule', 'kz=kz-visa-free'], err: '--rule kz=kz-visa-free sets the rule of a zone, but no input has a country column' },
    { name: '--home without countries', args: ['p.csv', '--home', 'GB'], err: '--home needs input with a country column' },
    { name: 'unknown --home', args: ['c.csv', '--home', 'Atlantis'], err: 'unknown --home country "Atlantis"; expected an ISO 3166-1 code like DE or DEU, or an English name like Germany' },
    { name: 'a planning flag', args: ['c.csv', '--for', '10'], err: '--for does not read input with a country column yet' },
    { name: 'stay-calc plan', args: ['plan', 'c.csv'], err: 'stay-calc plan does not read input with a country column yet' },
  ])('$name', async ({ args, err }) => {
    const r = await run([...args, '--on', '2024-06-01'], { files })
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(err)
    expect(r.stderr).toMatch(/\(run stay-calc --help for usage\)\n$/)
    expect(r.exitCode).toBe(2)
  })

  it('without countries, a plain --rule keeps its meaning', async () => {
    const r = await run(['p.csv', '--rule', 'kz', '--on', '2024-06-01'], { files })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(r.stdout).toMatch(/^Kazakhstan, citizens of EAEU states/)
  })
})
