/**
 * The rows of one date of a country log (`date,country,direction`) or a move log (`date,from,to`)
 * are read in an order consistent with the log: an Eulerian trail through them, places as nodes,
 * from where the log has you (src/zones/log.ts `byDayConsistent`). QA findings 1, 2 and 3: a move
 * log's free first date, a busy day, and which order is read when several fit. Expectations worked
 * out by hand.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { day, isoOf } from '../src/day.js'
import { formatProblem } from '../src/errors.js'
import { gatherStays } from '../src/input.js'
import { isCountryStay } from '../src/zones/types.js'
import { fakeIo, run } from './helpers/io.js'

/** Each stay as `+FR 2024-01-20..2024-01-25 a.csv:2>a.csv:3` (`+`: straight on from the one before). */
async function staysOf(paths: string[], files: Record<string, string>): Promise<string[]> {
  const { stays } = await gatherStays({ files: paths, trips: [] }, day('2024-06-01'), fakeIo({ files }).io)
  const at = (s: { file?: string; line?: number } | undefined) => (s === undefined ? '' : `${s.file}:${s.line}`)
  return stays.map((s) => {
    const [country, direct] = isCountryStay(s) ? [s.country, s.direct] : ['?', false]
    return `${direct ? '+' : ''}${country} ${isoOf(s.entry)}..${s.exit === null ? '' : isoOf(s.exit)} ${at(s.source)}>${at(s.exitSource)}`
  })
}

/** The problems of a run that gathering refuses, as `formatProblem` writes them. */
async function problemsOf(paths: string[], files: Record<string, string>): Promise<string[]> {
  try {
    await gatherStays({ files: paths, trips: [] }, day('2024-06-01'), fakeIo({ files }).io)
  } catch (error) {
    return (error as { problems: Parameters<typeof formatProblem>[0][] }).problems.map(formatProblem)
  }
  return []
}

/** Schengen's days used and stays in the JSON answer, and the exit status. */
async function schengen(args: string[], files: Record<string, string>) {
  const r = await run([...args, '--json'], { files })
  const zone = (JSON.parse(r.stdout) as { zones: { zone: string; daysUsed: number; stays: unknown[] }[] }).zones.find((z) => z.zone === 'schengen')!
  return { exitCode: r.exitCode, daysUsed: zone.daysUsed, stays: zone.stays.length }
}

const moves = (...rows: string[]) => `date,from,to\n${rows.join('\n')}\n`
const crossings = (...rows: string[]) => `date,country,direction\n${rows.join('\n')}\n`

describe('a move log\'s first date: the start is free, and chosen so that the next date fits (QA 1)', () => {
  const files = {
    'm1.csv': moves('2024-01-20,DE,FR', '2024-01-20,FR,DE', '2024-01-25,DE,'),
    'm2.csv': moves('2024-01-20,FR,DE', '2024-01-20,DE,FR', '2024-01-25,DE,'),
    'a.csv': moves('2024-01-20,FR,DE'),
    'b.csv': moves('2024-01-20,DE,FR'),
    'c.csv': moves('2024-01-25,DE,'),
  }

  // By hand: the round trip DE→FR→DE on 01-20 can start in DE or FR; 01-25 leaves DE, so it starts
  // in DE. DE 01-20, FR 01-20, DE 01-20..01-25: one Schengen visit of 6 days.
  it('m1.csv (DE→FR first) and m2.csv (FR→DE first): the same stays, each naming its own rows', async () => {
    expect(await staysOf(['m1.csv'], files)).toEqual(['DE 2024-01-20..2024-01-20 m1.csv:2>m1.csv:2', '+FR 2024-01-20..2024-01-20 m1.csv:2>m1.csv:3', '+DE 2024-01-20..2024-01-25 m1.csv:3>m1.csv:4'])
    expect(await staysOf(['m2.csv'], files)).toEqual(['DE 2024-01-20..2024-01-20 m2.csv:3>m2.csv:3', '+FR 2024-01-20..2024-01-20 m2.csv:3>m2.csv:2', '+DE 2024-01-20..2024-01-25 m2.csv:2>m2.csv:4'])
    for (const f of ['m1.csv', 'm2.csv']) expect(await schengen([f, '--on', '2024-02-01'], files)).toEqual({ exitCode: 0, daysUsed: 6, stays: 1 })
  })

  it.each([[['a.csv', 'b.csv', 'c.csv']], [['b.csv', 'a.csv', 'c.csv']], [['c.csv', 'a.csv', 'b.csv']]])('the rows split over files, %j: accepted, 6 days', async (paths) => {
    expect(await schengen([...paths, '--on', '2024-02-01'], files)).toEqual({ exitCode: 0, daysUsed: 6, stays: 1 })
  })

  // By hand: the only date is a round trip through outside, FR and DE, so it may start at any of
  // them and no later date says which. Read from outside (arrive in FR, on to DE, leave): a day trip
  // of 1 day, as the same rows in the order they happened give; from DE it would end inside DE.
  it.each([
    ['scrambled', ['2024-01-10,DE,', '2024-01-10,,FR', '2024-01-10,FR,DE']],
    ['in the order they happened', ['2024-01-10,,FR', '2024-01-10,FR,DE', '2024-01-10,DE,']],
  ])('a round trip through outside as the only date, %s: a day trip of 1 day, not still inside', async (_, rows) => {
    expect(await schengen(['r.csv', '--on', '2024-06-01'], { 'r.csv': moves(...rows) })).toEqual({ exitCode: 0, daysUsed: 1, stays: 1 })
    expect(await staysOf(['r.csv'], { 'r.csv': moves(...rows) })).toEqual([
      expect.stringMatching(/^FR 2024-01-10\.\.2024-01-10 /),
      expect.stringMatching(/^\+DE 2024-01-10\.\.2024-01-10 /),
    ])
  })
})

describe('a busy first date is ordered without a step limit (QA 2)', () => {
  const chain = ['FR', 'DE', 'AT', 'CH', 'IT', 'ES', 'PT', 'BE', 'NL', 'LU', 'DK', 'SE', 'NO', 'FI', 'PL', 'CZ', 'SK', 'HU', 'SI', 'HR', 'GR', 'MT', 'EE', 'LV', 'LT', 'IS']
  // 25 moves FR→DE→…→LT→IS on 03-01, written last to first, then out of IS on 03-05.
  const legs = chain.slice(1).map((to, i) => `2024-03-01,${chain[i]},${to}`)
  const files = {
    'chain25.csv': moves(...[...legs].reverse(), '2024-03-05,IS,'),
    // Through DE with 5 side trips (FR, AT, CH, IT, NL), from DK, on to CZ; the start row last.
    'hub5.csv': moves(
      ...['FR', 'AT', 'CH', 'IT', 'NL'].flatMap((c) => [`2024-03-01,DE,${c}`, `2024-03-01,${c},DE`]),
      '2024-03-01,DE,CZ',
      '2024-03-01,DK,DE',
      '2024-03-05,CZ,',
    ),
  }

  it('chain25.csv: the one chain, FR first; 25 one-day stays, then IS 03-01..03-05: one visit of 5 days', async () => {
    const stays = await staysOf(['chain25.csv'], files)
    expect(stays).toHaveLength(26)
    // FR→DE is line 26 (the last move of 03-01), LT→IS line 2, IS→ line 27.
    expect(stays[0]).toBe('FR 2024-03-01..2024-03-01 chain25.csv:26>chain25.csv:26')
    expect(stays[1]).toBe('+DE 2024-03-01..2024-03-01 chain25.csv:26>chain25.csv:25')
    expect(stays[25]).toBe('+IS 2024-03-01..2024-03-05 chain25.csv:2>chain25.csv:27')
    expect(await schengen(['chain25.csv', '--on', '2024-04-01'], files)).toEqual({ exitCode: 0, daysUsed: 5, stays: 1 })
  })

  it('hub5.csv: DK→DE first (the only start), the side trips in the order given, DE→CZ last; one visit of 5 days', async () => {
    expect(await staysOf(['hub5.csv'], files)).toEqual([
      'DK 2024-03-01..2024-03-01 hub5.csv:13>hub5.csv:13',
      '+DE 2024-03-01..2024-03-01 hub5.csv:13>hub5.csv:2',
      '+FR 2024-03-01..2024-03-01 hub5.csv:2>hub5.csv:3',
      '+DE 2024-03-01..2024-03-01 hub5.csv:3>hub5.csv:4',
      '+AT 2024-03-01..2024-03-01 hub5.csv:4>hub5.csv:5',
      '+DE 2024-03-01..2024-03-01 hub5.csv:5>hub5.csv:6',
      '+CH 2024-03-01..2024-03-01 hub5.csv:6>hub5.csv:7',
      '+DE 2024-03-01..2024-03-01 hub5.csv:7>hub5.csv:8',
      '+IT 2024-03-01..2024-03-01 hub5.csv:8>hub5.csv:9',
      '+DE 2024-03-01..2024-03-01 hub5.csv:9>hub5.csv:10',
      '+NL 2024-03-01..2024-03-01 hub5.csv:10>hub5.csv:11',
      '+DE 2024-03-01..2024-03-01 hub5.csv:11>hub5.csv:12',
      '+CZ 2024-03-01..2024-03-05 hub5.csv:12>hub5.csv:14',
    ])
    expect(await schengen(['hub5.csv', '--on', '2024-04-01'], files)).toEqual({ exitCode: 0, daysUsed: 5, stays: 1 })
  })
})

describe('a country log: 4 rows of one date, scrambled over three files', () => {
  // In AT from 01-10; on 02-01 out of AT, a day in FR, on into DE; out of DE on 02-20.
  const files = {
    'x.csv': crossings('2024-01-10,AT,in', '2024-02-01,DE,in'),
    'y.csv': crossings('2024-02-01,FR,out', '2024-02-01,FR,in'),
    'z.csv': crossings('2024-02-01,AT,out', '2024-02-20,DE,out'),
  }
  const orders = [
    ['x.csv', 'y.csv', 'z.csv'],
    ['x.csv', 'z.csv', 'y.csv'],
    ['y.csv', 'x.csv', 'z.csv'],
    ['y.csv', 'z.csv', 'x.csv'],
    ['z.csv', 'x.csv', 'y.csv'],
    ['z.csv', 'y.csv', 'x.csv'],
  ]
  // By hand: the only order is AT out, FR in, FR out, DE in (DE in before FR in would strand FR's
  // rows). One Schengen visit 01-10..02-20 = 22 + 20 = 42 days.
  it.each(orders.map((o) => [o]))('files %j: AT, then straight on to FR and DE', async (paths) => {
    expect(await staysOf(paths, files)).toEqual(['AT 2024-01-10..2024-02-01 x.csv:2>z.csv:2', '+FR 2024-02-01..2024-02-01 y.csv:3>y.csv:2', '+DE 2024-02-01..2024-02-20 x.csv:3>z.csv:3'])
    expect(await schengen([...paths, '--on', '2024-06-01'], files)).toEqual({ exitCode: 0, daysUsed: 42, stays: 1 })
  })
})

describe('a date with no consistent order: the order given, the problems as before', () => {
  it('a move log: DE→IT and IT→DE while the log has you in FR', async () => {
    const files = { 'n.csv': moves('2024-01-05,,FR', '2024-01-20,DE,IT', '2024-01-20,IT,DE') }
    expect(await problemsOf(['n.csv'], files)).toEqual([
      'n.csv:3: exit from DE (Germany) without an entry into it\n  the log has you in FR (France) since 2024-01-05 (line 2)\n  expected an entry into DE (Germany) dated on or before 2024-01-20, before this row',
    ])
  })

  it('a move log\'s first date with two moves that do not chain (FR→DE, IT→AT): the order given', async () => {
    const files = { 'n.csv': moves('2024-01-20,FR,DE', '2024-01-20,IT,AT') }
    expect(await problemsOf(['n.csv'], files)).toEqual([
      'n.csv:3: exit from IT (Italy) without an entry into it\n  the log has you in DE (Germany) since 2024-01-20 (line 2)\n  expected an entry into IT (Italy) dated on or before 2024-01-20, before this row',
    ])
  })
})

describe('when several orders fit one date, which is read (QA 3, README "Countries and zones")', () => {
  const rules = 'rules:\n  - id: pv30\n    label: Thirty per visit\n    source: test\n    constraints:\n      - kind: per-visit\n        limit: 30\n'
  const on02 = (...rows: string[]) => crossings('2024-01-15,FR,in', ...rows.map((r) => `2024-02-01,${r}`), '2024-02-20,DE,out')
  const files = {
    'pv.yaml': rules,
    // FR→DE→FR→DE: moves, one visit.
    'o1.csv': on02('FR,out', 'DE,in', 'DE,out', 'FR,in', 'FR,out', 'DE,in'),
    // Out of FR and back in (a border run: a new visit), straight on into DE for the day, out of DE
    // and back in (a border run again).
    'o2.csv': on02('FR,out', 'FR,in', 'FR,out', 'DE,in', 'DE,out', 'DE,in'),
    // No order given that fits (DE in first): from each place the first row in the order given
    // after which the rest still fit: FR out, DE in, DE out, FR in, FR out, DE in, as o1.
    'o3.csv': on02('DE,in', 'FR,in', 'FR,out', 'DE,out', 'FR,out', 'DE,in'),
  }
  const args = (f: string) => [f, '--rules-file', 'pv.yaml', '--rule', 'schengen=pv30', '--on', '2024-03-01']

  it('o1.csv as given: one visit 01-15..02-20 of 37 days, over the 30 from 02-14 (exit 1)', async () => {
    expect(await schengen(args('o1.csv'), files)).toEqual({ exitCode: 1, daysUsed: 0, stays: 1 })
  })

  it('o2.csv as given: visits 01-15..02-01, 02-01 (FR, DE), 02-01..02-20 (DE): none over 30 (exit 0)', async () => {
    expect(await schengen(args('o2.csv'), files)).toEqual({ exitCode: 0, daysUsed: 0, stays: 3 })
  })

  it('o3.csv, whose order given does not fit: read as o1.csv', async () => {
    expect(await staysOf(['o3.csv'], files)).toEqual([
      'FR 2024-01-15..2024-02-01 o3.csv:2>o3.csv:5',
      '+DE 2024-02-01..2024-02-01 o3.csv:3>o3.csv:6',
      '+FR 2024-02-01..2024-02-01 o3.csv:4>o3.csv:7',
      '+DE 2024-02-01..2024-02-20 o3.csv:8>o3.csv:9',
    ])
    expect(await schengen(args('o3.csv'), files)).toEqual({ exitCode: 1, daysUsed: 0, stays: 1 })
  })
})

describe('a busy date in any order: a walk of up to 300 moves, rows shuffled, is always read as a walk', () => {
  const PLACES = ['', 'FR', 'DE', 'IT', 'AT']
  // A walk from DE (where the log has you since 01-01) through random places on 01-10, each move to
  // somewhere else; its rows shuffled. Some order of them is a walk from DE (the walk itself), so the
  // log must be read without a problem, and every move into a country opens one stay of its own.
  const walk = fc.array(fc.integer({ min: 1, max: PLACES.length - 1 }), { minLength: 1, maxLength: 300 }).map((steps) => {
    let at = 2
    return steps.map((step) => {
      const from = at
      at = (at + step) % PLACES.length
      return [PLACES[from]!, PLACES[at]!] as const
    })
  })
  test.prop([walk, fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 })], { numRuns: 60 })('move log and crossing log alike', async (walked, asCrossings, seed) => {
    const shuffled = fc.sample(fc.shuffledSubarray(walked, { minLength: walked.length, maxLength: walked.length }), { seed, numRuns: 1 })[0]!
    const rows = asCrossings
      ? shuffled.flatMap(([from, to]) => [...(from === '' ? [] : [`2024-01-10,${from},out`]), ...(to === '' ? [] : [`2024-01-10,${to},in`])])
      : shuffled.map(([from, to]) => `2024-01-10,${from},${to}`)
    const files = { 'log.csv': asCrossings ? crossings('2024-01-01,DE,in', ...rows) : moves('2024-01-01,,DE', ...rows) }
    expect(await problemsOf(['log.csv'], files)).toEqual([])
    const stays = await staysOf(['log.csv'], files)
    expect(stays).toHaveLength(1 + walked.filter(([, to]) => to !== '').length)
    // In the order read, each stay begins where the one before ended: on 01-10 (but DE's first).
    expect(stays.slice(1).every((s) => s.includes(' 2024-01-10..'))).toBe(true)
  })
})
