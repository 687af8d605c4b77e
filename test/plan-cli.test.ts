/** The planning flags and the `plan` command in-process: exit code, stdout and stderr together. */
import { XMLValidator } from 'fast-xml-parser'
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { fakeIo, run } from './helpers/io.js'

const HISTORY = ['--trip', '2024-01-05..2024-02-20', '--trip', '2024-05-01..', '--on', '2024-06-01']
// A 71-day winter, then a 45-day summer plan that breaks the rule (19 days fit from Jun 1).
const PLANS = { 'plans.csv': 'entry,exit\n2024-01-10,2024-03-20\n2024-06-01,2024-07-15\n2024-12-01,2024-12-10\n' }

const usage = (message: string): string => `stay-calc: ${message}\n(run stay-calc --help for usage)\n`

describe('planning flags on the main command', () => {
  it('--for and --explain add their sections after the report', async () => {
    const plain = await run(HISTORY)
    const r = await run([...HISTORY, '--for', '30', '--explain'])
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout.startsWith(plain.stdout)).toBe(true)
    const extra = r.stdout.slice(plain.stdout.length)
    expect(extra).toContain('Why 2024-06-12 is the latest legal exit')
    expect(extra).toContain('Timeline · days counted, 90 days in any 180-day window')
    expect(extra).toContain('on 2024-07-03 you will have 12 days again, rising to 58 by 2024-08-18')
    expect(extra).toContain('Earliest full re-entry (90 days) after leaving on 2024-06-12: 2024-09-11')
    expect(extra).toMatch(/A 30-day stay\n {2}Staying on from 2024-06-01: 12 days, until 2024-06-12\n {2}Earliest entry on or after 2024-06-01: 2024-06-22 \(until 2024-07-21\)\n {2}\(that entry assumes you leave on 2024-06-01: staying on uses days it needs\)\n$/)
    for (const line of extra.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80)
  })

  // QA (law oracle): leaving on `on` itself, the new visit was put a day later than the day one
  // leaves, though a same-day exit and re-entry starts a new visit (README; ESTA: arrival day = day 1).
  // By hand: 90 days from 2024-03-01 end on 2024-05-29; with a recorded exit on 2024-03-05, from then.
  it.each([
    ['open, leaving on --on', '2024-01-01..', '2024-03-01', '2024-05-29'],
    ['a recorded exit on --on', '2024-01-01..2024-03-01', '2024-03-01', '2024-05-29'],
    ['a recorded exit after --on', '2024-01-01..2024-03-05', '2024-03-05', '2024-06-02'],
  ])('--for under a cap per visit, %s: a new visit from the day one leaves', async (_, trip, entry, exit) => {
    const r = await run(['--rule', 'us-esta', '--trip', trip, '--on', '2024-03-01', '--for', '90', '--json'])
    const { forStay } = JSON.parse(r.stdout) as { forStay: { entry: string; exit: string; leaving: string } }
    expect([forStay.entry, forStay.exit, forStay.leaving]).toEqual([entry, exit, entry])
    const text = await run(['--rule', 'us-esta', '--trip', trip, '--on', '2024-03-01', '--for', '90'])
    expect(text.stdout).toContain(`  Earliest entry on or after 2024-03-01: ${entry} (until ${exit})\n  (that entry assumes you leave on ${entry}: staying on uses days it needs)\n`)
  })

  it('--for exactly the days staying on allows: staying on is the answer, no note of leaving (mutation-testing gap)', async () => {
    // By hand: inside since 1 May; 1 May – 29 July is 31 + 30 + 29 = 90 days, so staying on from
    // 1 June (counted already) lasts 30 + 29 = 59 days, to 29 July.
    const r = await run(['--trip', '2024-05-01..', '--on', '2024-06-01', '--for', '59'])
    expect(r.stdout).toContain('  Staying on from 2024-06-01: 59 days, until 2024-07-29\n  Earliest entry on or after 2024-06-01: 2024-06-01 (until 2024-07-29)\n')
    expect(r.stdout).not.toContain('that entry assumes')
  })

  it('--timeline alone draws only the timeline', async () => {
    const r = await run([...HISTORY, '--timeline'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('Timeline · ')
    expect(r.stdout).not.toMatch(/^Why/m)
  })

  it('--timeline with --json is refused, not dropped unsaid (QA)', async () => {
    const r = await run([...HISTORY, '--timeline', '--json'])
    expect([r.exitCode, r.stdout]).toEqual([2, ''])
    expect(r.stderr).toBe(
      'stay-calc: --timeline draws text for a terminal and has no JSON form; with --json, --explain gives the binding window and its stays, and --chart FILE.svg draws the timeline to a file\n(run stay-calc --help for usage)\n',
    )
  })

  it('--explain, not inside: why a stay entering on the reference day must end when it does', async () => {
    // 5 days in any 10: Jan 1 … 10 is an overstay (exit 1); entering Jun 1, Jun 6 would be the 6th day.
    const r = await run(['--trip', '2024-01-01..2024-01-10', '--on', '2024-06-01', '--limit', '5', '--window', '10', '--explain'])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('Why a stay entering on 2024-06-01 must end by 2024-06-05')
  })

  it('planned stays in the input are checked without any flag; a breaking plan exits 1', async () => {
    const r = await run(['plans.csv', '--on', '2024-04-01'], { files: PLANS })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(
      [
        'Planned stays (2)',
        '  2024-06-01 – 2024-07-15   45 days  breaks the rule: 26 days too long  plans.csv:3',
        '    leave by 2024-06-19; or start on 2024-06-19, the earliest start that keeps 45 days',
        '  2024-12-01 – 2024-12-10   10 days  ok, could stay until 2025-02-28  plans.csv:4',
      ].join('\n'),
    )
  })

  it('--json: days coming back cut at ten years say where (cutAt), as the text does', async () => {
    // 3000 days in any 36525, 1930-01-01 … 1938-03-01 inside, on 2024-06-01: 1930-01-01 leaves the
    // window ending 2030-01-01 and days come back until 2038-03-01, past ten years on (2034-06-08).
    const rules = JSON.stringify({ rules: [{ id: 'century', label: 'A century window', constraints: [{ kind: 'rolling', limit: 3000, window: 36525 }] }] })
    const args = ['--rules-file', 'century.json', '--rule', 'century', '--trip', '1930-01-01..1938-03-01', '--on', '2024-06-01', '--explain']
    const files = { 'century.json': rules }
    const json = JSON.parse((await run([...args, '--json'], { files })).stdout) as { daysComeBack: { cutAt: string | null; runs: { from: string }[] } }
    expect(json.daysComeBack.cutAt).toBe('2034-06-08')
    expect(json.daysComeBack.runs[0]!.from).toBe('2030-01-01')
    expect((await run(args, { files })).stdout).toContain('told until 2034-06-08, ten years on; days may still come back after it')
  })

  it('--json: the core keys first and unchanged, the planning keys after them', async () => {
    const core = JSON.parse((await run([...HISTORY, '--json'])).stdout) as Record<string, unknown>
    const r = await run([...HISTORY, '--json', '--for', '30', '--explain'])
    expect(r.exitCode).toBe(0)
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    const coreKeys = Object.keys(core).filter((k) => !['forStay', 'plans', 'plansTotal', 'daysComeBack', 'fullReentry', 'explain', 'plan'].includes(k))
    expect(Object.keys(json)).toEqual([...coreKeys, 'forStay', 'plans', 'plansTotal', 'daysComeBack', 'fullReentry', 'explain', 'plan'])
    for (const k of coreKeys) expect(json[k], k).toEqual(core[k])
    expect(json).toMatchObject({
      forStay: {
        days: 30,
        from: '2024-06-01',
        entry: '2024-06-22',
        exit: '2024-07-21',
        reason: null,
        ruleMaximum: 90,
        longest: { entry: '2024-06-01', longestStay: 12, latestExit: '2024-06-12', latestExitBound: 'limit', inside: true },
      },
      plans: [],
      daysComeBack: {
        daysRemaining: 11,
        after: '2024-06-01',
        daysRemainingAfter: 11,
        runs: [
          { from: '2024-07-03', to: '2024-08-18', daysFrom: 12, daysTo: 58 },
          { from: '2024-10-28', to: '2024-11-28', daysFrom: 59, daysTo: 90 },
        ],
        cutAt: null,
      },
      fullReentry: { leaving: '2024-06-12', entry: '2024-09-11', days: 90 },
      explain: {
        latestExit: '2024-06-12',
        latestExitBound: 'limit',
        inside: true,
        hypothetical: { start: '2024-06-02', end: '2024-06-13' },
        bindingDay: '2024-06-13',
        window: { start: '2023-12-17', end: '2024-06-13' },
        daysCounted: 91,
        sharedDays: 0,
        limit: 90,
        stays: [
          { entry: '2024-01-05', exit: '2024-02-20', days: 47, kind: 'recorded', source: '--trip 2024-01-05..2024-02-20' },
          { entry: '2024-05-01', exit: '2024-06-01', days: 32, kind: 'recorded', source: '--trip 2024-05-01..' },
          { entry: '2024-06-02', exit: '2024-06-13', days: 12, kind: 'hypothetical', source: null },
        ],
      },
      plan: null,
    })
  })

  it('--explain --json: sharedDays, the days two stays hold that count once (QA)', async () => {
    // Staying on from 2024-06-09 to 07-27 runs through the plan 07-22..07-23: 42 + 49 + 2 = 93 days listed, 91 counted.
    const r = await run(['--trip', '2024-04-28..2024-06-08', '--trip', '2024-07-22..2024-07-23', '--on', '2024-06-01', '--explain', '--json'])
    const explain = (JSON.parse(r.stdout) as { explain: { daysCounted: number; sharedDays: number; stays: { days: number }[] } }).explain
    expect([explain.daysCounted, explain.sharedDays, explain.stays.map((s) => s.days)]).toEqual([91, 2, [42, 49, 2]])
    expect(r.stderr).toBe('')
  })

  it('--explain --json counting midnights: the binding day is the day the rule breaks, the end of its window', async () => {
    // uk-srt, tax year 2024-04-06 … 2025-04-05. Midnights Apr 20 … May 8 = 11 + 8 = 19; from Sep 11
    // to Jan 28 = 20 + 31 + 30 + 31 + 28 = 140: 159 leaving on Jan 29. Staying on, the nights Jan 29,
    // 30, … are the 160th, 161st, …: the 183rd is Jan 29 + 23 = Feb 21. Leaving on Feb 21 that night
    // is not in the UK (182, Finance Act 2013 Sch. 45 para 22): latest exit Feb 21. Leaving on Feb 22
    // makes the night of Feb 21 the 183rd: the rule breaks on Feb 21 (19 + 164 = 183), the binding day.
    const args = ['--rule', 'uk-srt', '--trip', '2024-04-20..2024-05-09', '--trip', '2024-09-11..2025-06-15', '--on', '2025-01-29', '--explain']
    const json = JSON.parse((await run([...args, '--json'])).stdout) as { explain: Record<string, unknown> }
    expect(json.explain).toMatchObject({
      latestExit: '2025-02-21',
      latestExitBound: 'limit',
      bindingDay: '2025-02-21',
      window: { start: '2024-04-06', end: '2025-02-21' },
      daysCounted: 183,
      limit: 182,
    })
    expect((json.explain.stays as { days: number }[]).map((s) => s.days)).toEqual([19, 164])
    const text = (await run(args)).stdout
    expect(text).toContain('Why 2025-02-21 is the last day under the threshold\n  Leaving on 2025-02-22 or later would break the rule on 2025-02-21:\n')
    expect(text).toContain('183 days would count in the year 2024-04-06 – 2025-02-21,')
  })

  it('a threshold that planned stays reach whatever the exit: no legal exit, explained by the day they reach it', async () => {
    // uk-srt, tax year 2024-04-06 … 2025-04-05, on 2024-05-01 inside a stay recorded to May 10, with
    // a plan Jun 1 … 2025-01-31. Leaving on May 1: midnights Apr 6 … Apr 30 = 25; the plan adds Jun 1
    // … Jan 30 = 30 + 31 + 31 + 30 + 31 + 30 + 31 + 30 = 244 (269 ≥ 183): resident for 2024-25 whatever
    // the exit (Finance Act 2013 Sch. 45 para 7). The 183rd midnight is the plan's 158th: Jun 1 + 157 =
    // Nov 5 (June 30, July 61, August 92, September 122, October 153, Nov 1-5 158).
    const args = ['--rule', 'uk-srt', '--trip', '2024-04-06..2024-05-10', '--trip', '2024-06-01..2025-01-31', '--on', '2024-05-01']
    const r = await run([...args, '--explain'])
    expect(r.stdout).toContain('Period 2024-04-06 – 2024-05-01: 26 days counted: under the threshold of 183 so far\n')
    expect(r.stdout).toContain('Planned stays reach the threshold in this period whatever the exit: no exit keeps you under it.\n')
    expect(r.stdout).not.toContain('Latest legal exit')
    expect(r.stdout).toContain('Even leaving on 2024-05-01, planned stays reach the threshold on 2024-11-05:\n  183 days would count in the year 2024-04-06 – 2024-11-05,')
    const json = JSON.parse((await run([...args, '--explain', '--json'])).stdout) as Record<string, unknown>
    expect(json).toMatchObject({ latestExit: null, latestExitBound: 'over' })
    expect(json.explain).toMatchObject({ latestExitBound: 'over', bindingDay: '2024-11-05', window: { start: '2024-04-06', end: '2024-11-05' }, daysCounted: 183 })
    expect((json.explain as { stays: { days: number; kind: string }[] }).stays.map((s) => [s.days, s.kind])).toEqual([[25, 'recorded'], [158, 'planned']])
  })

  it('--json: planned stays with their advice; not asked for: null', async () => {
    const r = await run(['plans.csv', '--on', '2024-04-01', '--json'], { files: PLANS })
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    expect(json).toMatchObject({
      forStay: null,
      explain: null,
      plans: [
        { entry: '2024-06-01', exit: '2024-07-15', days: 45, source: 'plans.csv:3', ok: false, excessDays: 26, latestExit: '2024-06-19', shortenedExit: '2024-06-19', earliestStart: '2024-06-19', earliestStartReason: null },
        { entry: '2024-12-01', exit: '2024-12-10', ok: true, excessDays: 0, latestExit: '2025-02-28', shortenedExit: null, earliestStart: null },
      ],
    })
  })

  it('--for longer than the rule allows: the answer says never, exit 0', async () => {
    const r = await run([...HISTORY, '--for', '120'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('Earliest entry on or after 2024-06-01: never: the rule allows at most 90 days in one stay')
  })

  it('the most a rule allows in one stay is found on any day of the calendar (QA)', async () => {
    // am, 180 per calendar year, nothing in 2024. Entering before Jul 5 the 181st day of 2024 ends
    // the stay (Jun 1: 180 days); entering Jul 5, Jul 5 … Dec 31 = 27 + 31 + 30 + 31 + 30 + 31 = 180,
    // then 180 in 2025: 360. A 300-day stay enters Jul 5 and ends Jul 5 + 299 = 2025-04-30 (120 days
    // of 2025: Jan 31 + Feb 28 + Mar 31 + Apr 30).
    const am = ['--rule', 'am', '--trip', '2023-01-01..2023-01-10', '--on', '2024-06-01']
    const json = JSON.parse((await run([...am, '--for', '300', '--json'])).stdout) as { forStay: Record<string, unknown> }
    expect(json.forStay).toMatchObject({ entry: '2024-07-05', exit: '2025-04-30', reason: null, ruleMaximum: 360 })
    expect((await run([...am, '--for', '361'])).stdout).toContain('never: the rule allows at most 360 days in one stay')
    // us-b2, 6 months from entry: Jul 1 … Dec 31 = 31 + 31 + 30 + 31 + 30 + 31 = 184.
    const b2 = ['--rule', 'us-b2', '--trip', '2023-01-01..2023-01-10', '--on', '2024-06-01']
    expect(JSON.parse((await run([...b2, '--for', '184', '--json'])).stdout).forStay).toMatchObject({ entry: '2024-07-01', exit: '2024-12-31', ruleMaximum: 184 })
    expect((await run([...b2, '--for', '185'])).stdout).toContain('never: the rule allows at most 184 days in one stay')
    // uk-srt: 182 midnights Oct 6 … Apr 5 (26 + 30 + 31 + 31 + 28 + 31 + 5), 182 more to the night of
    // Oct 4, leaving Oct 5: 365 days, the length of the full re-entry too.
    const srt = JSON.parse((await run(['--rule', 'uk-srt', '--trip', '2023-01-01..2023-01-10', '--on', '2024-06-01', '--for', '365', '--json'])).stdout) as Record<string, Record<string, unknown>>
    expect(srt.forStay).toMatchObject({ entry: '2024-10-06', exit: '2025-10-05', ruleMaximum: 365 })
    expect(srt.fullReentry).toMatchObject({ days: 365 })
  })

  it('leaving on the reference day, a breaking plan may start again that day (QA)', async () => {
    // Mar 13 … Jun 10 = 19 + 30 + 31 + 10 = 90; the one-day plan on Jun 20 makes 91 in its window.
    // Re-entering on Jun 10, the day left, adds no day: legal (as with --on 2024-06-01).
    const args = ['--trip', '2024-03-13..2024-06-10', '--trip', '2024-06-20..2024-06-20', '--json']
    for (const on of ['2024-06-01', '2024-06-10']) {
      const json = JSON.parse((await run([...args, '--on', on])).stdout) as { plans: Record<string, unknown>[] }
      expect(json.plans[0], `on ${on}`).toMatchObject({ ok: false, earliestStart: '2024-06-10', earliestStartReason: null })
    }
  })

  it('--explain lists each stay by the days of it counted in the window (QA)', async () => {
    // Jan 1 … Feb 29 = 60; entering Apr 1, staying until Apr 3 makes Jun 28's window (Jan 1 … Jun 28)
    // hold 60 + 3 + 28: the plan's 28 days there are Jun 1 … Jun 28, not its own Jun 1 … Jun 30.
    const args = ['--trip', '2024-01-01..2024-02-29', '--trip', '2024-06-01..2024-06-30', '--on', '2024-04-01', '--explain']
    const text = (await run(args)).stdout
    expect(text).toContain('  the planned stay 2024-06-01 – 2024-06-30 break the rule on 2024-06-28:\n')
    expect(text).toContain('    2024-06-01 – 2024-06-28   28 days  planned  --trip 2024-06-01..2024-06-30\n')
    const json = JSON.parse((await run([...args, '--json'])).stdout) as { explain: { stays: unknown[] } }
    expect(json.explain.stays).toEqual([
      { entry: '2024-01-01', exit: '2024-02-29', days: 60, kind: 'recorded', source: '--trip 2024-01-01..2024-02-29' },
      { entry: '2024-04-01', exit: '2024-04-03', days: 3, kind: 'hypothetical', source: null },
      { entry: '2024-06-01', exit: '2024-06-28', days: 28, kind: 'planned', source: '--trip 2024-06-01..2024-06-30' },
    ])
    // kz counts nothing before 2023-01-27: staying on from Jan 8, the 91st day counted is Apr 27.
    const kz = (await run(['--trip', '2022-11-24..2022-12-30', '--trip', '2023-01-07..2023-01-08', '--on', '2023-01-08', '--rule', 'kz', '--explain'])).stdout
    expect(kz).toContain('    2023-01-27 – 2023-04-27   91 days  if staying on\n')
  })

  it('--chart FILE.svg and FILE.html, --ics FILE: written through the Io, stdout unchanged', async () => {
    const plain = await run(HISTORY)
    const r = await run([...HISTORY, '--chart', 'out/chart.svg', '--ics', 'out/trip.ics'])
    expect(r).toMatchObject({ exitCode: 0, stdout: plain.stdout, stderr: '' })
    expect(Object.keys(r.written).sort()).toEqual(['out/chart.svg', 'out/trip.ics'])
    expect(XMLValidator.validate(r.written['out/chart.svg']!)).toBe(true)
    const events = new ICAL.Component(ICAL.parse(r.written['out/trip.ics']!)).getAllSubcomponents('vevent')
    expect(events.map((e) => String(e.getFirstPropertyValue('dtstart')))).toEqual(['2024-06-12', '2024-09-11'])
    const html = await run([...HISTORY, '--chart', 'chart.HTML', '--json'])
    expect(html.written['chart.HTML']).toMatch(/^<!DOCTYPE html>/)
    expect(JSON.parse(html.stdout)).toMatchObject({ latestExit: '2024-06-12' })
  })

  it('a file that cannot be written: exit 2, the reason, nothing on stdout', async () => {
    const { io, out, err } = fakeIo()
    const failing = { ...io, writeFile: async () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) }
    const code = await main([...HISTORY, '--ics', '/root/trip.ics'], failing)
    expect(code).toBe(2)
    expect(out.join('')).toBe('')
    expect(err.join('')).toBe(
      // QA: not "1 problem in the input": the input was fine.
      'stay-calc: cannot write the --ics file "/root/trip.ics": permission denied; give a file name in a folder you can write to\n',
    )
  })

  it('a write that fails on a full disk takes the files this run made with it, not one that was there (QA)', async () => {
    const r = await run([...HISTORY, '--chart', 'out/chart.svg', '--ics', 'out/trip.ics'], { fullDisk: ['out/trip.ics'] })
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('stay-calc: cannot write the --ics file "out/trip.ics": no space left on device; give a file name in a folder you can write to\n')
    expect(r.written).toEqual({})
    // A chart that was there before the run is overwritten, not removed (it cannot be given back).
    const kept = await run([...HISTORY, '--chart', 'examples/batch.csv.svg', '--ics', 'out/trip.ics'], { fullDisk: ['out/trip.ics'], files: { 'examples/batch.csv.svg': 'old' } })
    expect(kept.exitCode).toBe(2)
    expect(Object.keys(kept.written)).toEqual(['examples/batch.csv.svg'])
  })
})

describe('the plan command', () => {
  it('a re-entry calendar, the planned stays, the days coming back', async () => {
    const r = await run(['plan', 'plans.csv', '--on', '2024-04-01', '--days', '90'], { files: PLANS })
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatchInlineSnapshot(`
      "Schengen area short stay (90 days in any 180) · on 2024-04-01

      Re-entry calendar, 2024-04-01 – 2024-06-29 (longest stay entering on each day)
        Entering on              Longest stay  Leave by
        2024-04-01 – 2024-05-31  no entry                  a planned stay binds
        2024-06-01 – 2024-06-19  19 → 1 day    2024-06-19  inside a planned stay
        2024-06-20 – 2024-06-29  no entry                  inside a planned stay

      Planned stays (2)
        2024-06-01 – 2024-07-15   45 days  breaks the rule: 26 days too long  plans.csv:3
          leave by 2024-06-19; or start on 2024-06-19, the earliest start that keeps 45 days
        2024-12-01 – 2024-12-10   10 days  ok, could stay until 2025-02-28  plans.csv:4

      Days come back (if you are not present after 2024-04-01, planned stays left out)
        19 days remaining on 2024-04-01
        on 2024-07-08 you will have 20 days again, rising to 90 by 2024-09-16

      Earliest full re-entry (90 days): 2024-10-14

      Overstays (1)
        2024-06-20 – 2024-07-15  26 days, peak 108 days counted (18 over)
      "
    `)
  })

  it('--exit-zero and the input options work after the command name', async () => {
    const r = await run(['plan', 'plans.csv', '--on', '2024-04-01', '--exit-zero', '--rule', 'schengen', '--days', '3'], { files: PLANS })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('Re-entry calendar, 2024-04-01 – 2024-04-03')
  })

  it('--json: the core object, then the calendar under "plan"; --days defaults to the window', async () => {
    const r = await run(['plan', ...HISTORY, '--json'])
    expect(r.exitCode).toBe(0)
    const json = JSON.parse(r.stdout) as { plan: { from: string; days: number; calendar: unknown[]; groups: unknown[] }; daysUsed: number }
    expect(json.daysUsed).toBe(79)
    expect(json.plan).toMatchObject({ from: '2024-06-01', days: 180 })
    expect(json.plan.calendar).toHaveLength(180)
    expect(json.plan.calendar[0]).toEqual({ entry: '2024-06-01', longestStay: 12, latestExit: '2024-06-12', latestExitBound: 'limit', inside: true })
    expect(json.plan.groups[0]).toEqual({ from: '2024-06-01', to: '2024-06-01', daysFrom: 12, daysTo: 12, exitFrom: '2024-06-12', exitTo: '2024-06-12', latestExitBound: 'limit', inside: true })
  })

  // QA: the default was the window of the report's binding constraint on the day, one day for
  // kz-visa-free outside (a per-visit cap binds there), 57 days for uk-srt. By hand, from 1 June 2024:
  // the rolling 180 days; ESTA's 90-day visit; a tax year (366 days); the SPT's three years (1098);
  // the Schengen 180 with kz's 30-day visit beside it, the longer; a window of 12 months: 365 days.
  it.each([
    ['kz-visa-free', [], 180],
    ['us-esta', [], 90],
    ['uk-srt', [], 366],
    ['us-spt', [], 1098],
    ['schengen', ['--rule', 'kz-visa-free'], 180],
    ['custom', ['--limit', '10', '--window', '45'], 45],
    // Every rule's constraints: the UK tax year beside Schengen's 180 days.
    ['schengen', ['--rule', 'uk-srt'], 366],
    // A window longer than --days may ask for: the calendar's most, 3660.
    ['custom', ['--limit', '90', '--window', '5000'], 3660],
  ] as const)('--days defaults to the rule\'s window, the longest of its constraints: %s', async (rule, extra, days) => {
    const r = await run(['plan', '--trip', '2024-05-01..2024-05-10', '--on', '2024-06-01', ...(rule === 'custom' ? [] : ['--rule', rule]), ...extra, '--json'])
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout) as { plan: { days: number; calendar: unknown[] } }
    expect([json.plan.days, json.plan.calendar.length]).toEqual([days, days])
  })

  it('plan --help lists --days and the shared options', async () => {
    const r = await run(['plan', '--help'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/^Usage: stay-calc plan \[options\] \[files\.\.\.\]/)
    expect(r.stdout).toContain('--days <n>')
    expect(r.stdout).toContain('--trip <ENTRY..EXIT>')
    expect(r.stdout).not.toContain('--for')
  })
})

describe('stay-calc plan with several rules (QA: titled with the binding rule alone)', () => {
  it('names every rule the calendar holds under; one rule keeps its label', async () => {
    // us-esta: 90 per admission; Schengen: Mar 1 … Apr 15 = 46 days in the window, so 44 more entering Jun 1.
    const both = await run(['plan', '--rule', 'us-esta', '--rule', 'schengen', '--trip', '2024-03-01..2024-04-15', '--on', '2024-06-01', '--days', '30'])
    expect(both.stdout.split('\n')[0]).toBe('us-esta + schengen: every answer holds under each rule · on 2024-06-01')
    expect(both.stdout).toContain('  2024-06-01 – 2024-06-30  44 days       2024-07-14 – 2024-08-12')
    const one = await run(['plan', '--rule', 'us-esta', '--trip', '2024-03-01..2024-04-15', '--on', '2024-06-01', '--days', '30'])
    expect(one.stdout.split('\n')[0]).toBe('United States, Visa Waiver Program / ESTA (90 days per admission) · on 2024-06-01')
  })
})

describe("a planned stay's last day, entered again, that runs into another plan joins it (QA)", () => {
  it('us-esta: Jul 5 (the first plan\'s last day) gives 90 days into the plan from Jul 7: both notes', async () => {
    const r = await run(['plan', '--trip', '2025-07-01..2025-07-05', '--trip', '2025-07-07..2025-08-20', '-r', 'us-esta', '--on', '2025-06-01', '--days', '40'])
    expect(r.stdout).toContain("  2025-07-05               90 days       2025-10-02               a planned stay's last day: out and in again, joins a planned stay\n")
  })

  it('the note is each row\'s own: leaving before a plan, or on its first day (out and in again), joins none', async () => {
    // us-esta, a plan Sep 1–10: entering Jun 1–4, 90 days end Aug 29 – Sep 1 (before the plan, or on
    // its first day); Jun 5–12 end on Sep 1, which the plan binds; from Jun 13, 90 days run into it
    // and on to 90 days from the entry (Sep 10 … ). QA: the first two rows said "joins a planned stay".
    const r = await run(['plan', '--rule', 'us-esta', '--trip', '2024-09-01..2024-09-10', '--on', '2024-06-01'])
    const rows = r.stdout.split('\n').slice(4, 7).map((l) => l.trimEnd())
    expect(rows).toEqual([
      '  2024-06-01 – 2024-06-04  90 days       2024-08-29 – 2024-09-01',
      '  2024-06-05 – 2024-06-12  89 → 82 days  2024-09-01               a planned stay binds',
      '  2024-06-13 – 2024-08-29  90 days       2024-09-10 – 2024-11-26  joins a planned stay',
    ])
  })
})

describe('bad planning flags exit 2 before any input is read', () => {
  it.each([
    { name: '--for not a number', args: [...HISTORY, '--for', 'a month'], err: usage('--for takes a whole number of days ≥ 1, got "a month"') },
    { name: '--for zero', args: [...HISTORY, '--for', '0'], err: usage('--for takes a whole number of days ≥ 1, got "0"') },
    { name: '--for too large', args: [...HISTORY, '--for', '100000'], err: usage('--for takes at most 3660 days, got "100000"') },
    { name: '--days negative', args: ['plan', ...HISTORY, '--days', '-5'], err: usage('--days takes a whole number of days ≥ 1, got "-5"') },
    { name: '--days too large', args: ['plan', ...HISTORY, '--days', '4000'], err: usage('--days takes at most 3660 days, got "4000"') },
    { name: '--chart with another extension', args: [...HISTORY, '--chart', 'chart.png'], err: usage('--chart takes a file name ending in .svg or .html, got "chart.png"') },
    { name: 'checked before the files', args: ['missing.csv', '--for', 'x'], err: usage('--for takes a whole number of days ≥ 1, got "x"') },
  ])('$name', async ({ args, err }) => {
    const r = await run(args)
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: err, written: {} })
  })

  it('--days is not an option of the main command', async () => {
    const r = await run([...HISTORY, '--days', '30'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain("unknown option '--days'")
  })
})

describe('a planned stay entering on the day another ends', () => {
  // A same-day exit and re-entry starts a new visit (README "Visits"): the plan is checked as one.
  it.each([
    { rule: 'kz-visa-free', trips: ['2024-02-01..2024-02-20', '2024-02-20..2024-03-05'], on: '2024-01-15', second: { ok: true, latestExit: '2024-03-20' } },
    // ESTA: 90 days from 2024-04-22 end on 2024-07-20 (not from 04-16: 07-14).
    { rule: 'us-esta', trips: ['2024-04-16..2024-04-22', '2024-04-22..2024-05-10'], on: '2024-02-11', second: { ok: true, latestExit: '2024-07-20' } },
  ])('$rule: a new visit, not staying on in the one before', async ({ rule, trips, on, second }) => {
    const r = await run(['plan', '--rule', rule, ...trips.flatMap((t) => ['--trip', t]), '--on', on, '--days', '3', '--json'])
    expect(r.exitCode).toBe(0)
    expect((JSON.parse(r.stdout) as { plans: unknown[] }).plans[1]).toMatchObject({ ...second, excessDays: 0 })
  })
})

describe('rules of several constraints, and days before a rule counts (QA)', () => {
  it('a planned day another constraint breaks even without entering holds no latest exit back', async () => {
    // kz-visa-free: 30 per visit and 90 in any 180. Outside on 2024-01-03 after 2023-12-01 … 12-30,
    // a 60-day plan from 2024-03-01 overstays its 30 days from 03-31 whatever one does. Entering on
    // 01-03 for 30 days (to 02-01): the window ending 03-30 holds 30 + 30 + 30 = 90, so no day the
    // rule kept breaks; a 31st day (to 02-02) would put 03-30 at 91.
    const args = ['--rule', 'kz-visa-free', '--on', '2024-01-03', '--trip', '2023-12-01..2023-12-30', '--trip', '2024-03-01..2024-04-29']
    const json = JSON.parse((await run([...args, '--json'])).stdout) as { latestExit: string; constraints: { id: string; latestExit: string; latestExitBound: string }[] }
    expect(json.latestExit).toBe('2024-02-01')
    expect(json.constraints.map((c) => [c.id, c.latestExit, c.latestExitBound])).toEqual([
      ['per-visit:30d', '2024-02-01', 'limit'],
      ['rolling:90/180', '2024-02-01', 'plan'],
    ])
    expect((await run(args)).stdout).toContain('Entering on 2024-01-03, you may stay until 2024-02-01 (30 days)')
  })

  it('--for before a rule counts: the longest stay any entry day allows, not the limit', async () => {
    // kz counts from 2023-01-27: entering 2023-01-20, days count from 01-27, 90 of them to 04-26: 97 days.
    const args = ['--rule', 'kz', '--on', '2023-01-20', '--trip', '2022-06-01..2022-06-10']
    const over = await run([...args, '--for', '100'])
    expect(over.stdout).toContain('Entering on 2023-01-20: 97 days, until 2023-04-26')
    expect(over.stdout).toContain('Earliest entry on or after 2023-01-20: never: the rule allows at most 97 days in one stay')
    const json = JSON.parse((await run([...args, '--for', '100', '--json'])).stdout) as { forStay: { reason: string; ruleMaximum: number } }
    expect(json.forStay).toMatchObject({ reason: 'exceeds-rule', ruleMaximum: 97 })
    expect((await run([...args, '--for', '97'])).stdout).toContain('Earliest entry on or after 2023-01-20: 2023-01-20 (until 2023-04-26)')
  })

  it('--for found before a rule counts: ruleMaximum is the longest stay from then, not the limit (QA)', async () => {
    // Entering 2022-12-01: days count from 2023-01-27, 90 of them to 04-26: 31 + 31 + 26 + 90 - 31 = 147 days
    // (2022-12-01 … 2023-04-26). A 120-day stay fits; the answer must not say the rule allows at most 90.
    const json = JSON.parse((await run(['--rule', 'kz', '--trip', '2010-01-01..2010-01-01', '--on', '2022-12-01', '--for', '120', '--json'])).stdout) as {
      forStay: { entry: string; ruleMaximum: number; longest: { longestStay: number } }
    }
    expect(json.forStay).toMatchObject({ entry: '2022-12-01', ruleMaximum: 147, longest: { longestStay: 147 } })
    // A property of the rule and the first day, not of the length asked (QA: 90 for --for 30).
    for (const k of ['30', '90', '91']) {
      const other = JSON.parse((await run(['--rule', 'kz', '--trip', '2010-01-01..2010-01-01', '--on', '2022-12-01', '--for', k, '--json'])).stdout) as { forStay: { ruleMaximum: number } }
      expect([k, other.forStay.ruleMaximum]).toEqual([k, 147])
    }
  })

  it("a visit's last allowed day before a rule counts is counted from then, as its latest exit is", async () => {
    for (const on of ['2023-01-20', '2023-01-26', '2023-01-27']) {
      const json = JSON.parse((await run(['--rule', 'kz-visa-free', '--trip', '2022-12-01..', '--on', on, '--json'])).stdout) as { constraints: { id: string; latestExit: string; details: { lastAllowedDay: string } }[] }
      const visit = json.constraints.find((c) => c.id === 'per-visit:30d')!
      expect([on, visit.latestExit, visit.details.lastAllowedDay]).toEqual([on, '2023-02-25', '2023-02-25'])
    }
  })
})

describe("a breaking plan's earliest start is never inside another plan; another plan's exit day is a start (QA)", () => {
  const plans = async (args: string[]) =>
    (JSON.parse((await run([...args, '--json'])).stdout) as { plans: { entry: string; ok: boolean; earliestStart: string | null }[] }).plans.map((p) => [p.entry, p.ok, p.earliestStart])

  it('schengen: not the first day of the 72-day plan, but 2024-09-20', async () => {
    // By hand: after the plan 06-10..08-20 (72 days), a 10-day trip from S counts the days of
    // 03-01..04-10 still in the window, plus 72, plus its own: S = 09-20 opens the window on 03-25
    // (17 + 72 + 1 = 90); S = 09-19 holds 18 + 72 + 1 = 91. Before 06-10 the trip runs into the plan.
    expect(await plans(['--trip', '2024-03-01..2024-04-10', '--trip', '2024-06-10..2024-08-20', '--trip', '2024-09-01..2024-09-10', '--on', '2024-06-01'])).toEqual([
      ['2024-06-10', false, '2024-07-10'],
      ['2024-09-01', false, '2024-09-20'],
    ])
  })

  it('ru: not the first day of the 185-day plan, but 2026-01-01 (90 per calendar year)', async () => {
    expect(await plans(['--rule', 'ru', '--trip', '2025-04-11..2025-10-12', '--trip', '2025-10-13..2025-11-01', '--on', '2025-04-10'])).toEqual([
      ['2025-04-11', false, null],
      ['2025-10-13', false, '2026-01-01'],
    ])
  })

  it('uk-visitor: on the exit day of another plan, a new visit (a same-day exit and re-entry)', async () => {
    // The 184-day plan 04-20..10-20 is too long for 6 months; moved, it may enter on 03-21, the day
    // the plan 02-05..03-21 ends: 6 months from 03-21 run to 09-20 (184 days is 03-21..09-20).
    expect(
      await plans(['--rule', 'uk-visitor', '--trip', '2024-09-17..2024-09-26', '--trip', '2025-02-05..2025-03-21', '--trip', '2025-04-20..2025-10-20', '--trip', '2025-10-30..2025-12-27', '--on', '2025-02-03']),
    ).toEqual([
      ['2025-02-05', true, null],
      ['2025-04-20', false, '2025-03-21'],
      ['2025-10-30', true, null],
    ])
  })
})

describe('days come back only when the history holds fewer days, not when the calendar alone allows more (QA)', () => {
  // 6 months per visit are 181 to 184 days by the month of entry: after the visit 05-20..06-05 ends,
  // a fresh visit from 06-06 may last 183 days (to 12-05), and nothing recorded matters any more.
  it.each(['uk-visitor', 'us-b2'])('%s', async (rule) => {
    const json = JSON.parse((await run(['--rule', rule, '--trip', '2024-05-20..2024-06-05', '--on', '2024-06-01', '--json'])).stdout) as { daysComeBack: unknown }
    // On 06-01, 13 days of 184 (05-20 … 11-19) used: 171; on the recorded exit 06-05, 17: 167.
    expect(json.daysComeBack).toEqual({ daysRemaining: 171, after: '2024-06-05', daysRemainingAfter: 167, runs: [{ from: '2024-06-06', to: '2024-06-06', daysFrom: 183, daysTo: 183 }], cutAt: null, ruleEnds: null })
  })

  it('a calendar year: the days come back on 1 January', async () => {
    // am: 180 days per calendar year; 2025-05-01..07-15 is 76 days, so 104 remain from 07-16 on.
    const json = JSON.parse((await run(['--rule', 'am', '--trip', '2025-05-01..2025-07-15', '--on', '2025-07-10', '--json'])).stdout) as { daysComeBack: { runs: unknown } }
    expect(json.daysComeBack.runs).toEqual([{ from: '2026-01-01', to: '2026-01-01', daysFrom: 180, daysTo: 180 }])
  })
})

describe('a plan longer than the rule allows may still start where other stays already break it (QA)', () => {
  // us-spt: the 334-day plan 2026-09-08.. is over 183 weighted days whenever it starts alone; moved
  // to 2030-07-03 it overlaps years the other plans already make resident, so it harms no day there.
  it('us-spt: 2030-07-03, not "exceeds-rule"', async () => {
    const args = ['plan', '--on', '2025-07-14', '--days', '1', '--rule', 'us-spt', '--trip', '2026-09-08..2027-08-07', '--trip', '2030-08-18..2031-04-08', '--trip', '2031-07-14..2031-10-22']
    const plans = (JSON.parse((await run([...args, '--json'])).stdout) as { plans: { entry: string; earliestStart: string | null }[] }).plans
    expect(plans[0]).toMatchObject({ entry: '2026-09-08', earliestStart: '2030-07-03' })
    // And so moved, the plan keeps the rule as the other stays are.
    const moved = JSON.parse((await run(['plan', '--on', '2025-07-14', '--days', '1', '--rule', 'us-spt', '--trip', '2030-07-03..2031-06-01', '--trip', '2030-08-18..2031-04-08', '--trip', '2031-07-14..2031-10-22', '--json'])).stdout) as { plans: { entry: string; ok: boolean }[] }
    expect(moved.plans.find((p) => p.entry === '2030-07-03')?.ok).toBe(true)
  })
})

describe('a plan entering before the recorded exit of the stay one is in is still a plan (QA, law oracle)', () => {
  const latest = async (args: string[]) => {
    const r = await run([...args, '--json'])
    return (({ latestExit, latestExitBound }) => ({ latestExit, latestExitBound }))(JSON.parse(r.stdout) as { latestExit: string | null; latestExitBound: string })
  }

  it('Schengen: leaving on X keeps the plan from 08-20, so X + the plan fit one window', async () => {
    // The window ending 2024-10-13 starts 2024-04-17 (14 + 153 + 13 = 180 days). The plan
    // 08-20 … 10-13 is 12 + 30 + 13 = 55 days, so 35 days from 04-29 at most: 06-02. (The stay's
    // recorded exit of 08-21 is only an intention: cutting the plan with it gave 07-27, 55 over.)
    expect(await latest(['--trip', '2024-04-29..2024-08-21', '--trip', '2024-08-20..2024-10-13', '--on', '2024-04-29'])).toEqual({ latestExit: '2024-06-02', latestExitBound: 'plan' })
    // The plan a day later (on the recorded exit: a same-day exit and re-entry) is 54 days: 06-03.
    expect(await latest(['--trip', '2024-04-29..2024-08-21', '--trip', '2024-08-21..2024-10-13', '--on', '2024-04-29'])).toEqual({ latestExit: '2024-06-03', latestExitBound: 'plan' })
  })

  it('a cap per visit: the plan from 05-20 is a visit of its own unless the stay runs into it', async () => {
    // 05-20 … 06-10 is 22 days of 30. Leaving on 05-20 it enters that day (a new visit); leaving on
    // 05-21 the stay runs into it: one visit 04-29 … 06-10 of 43 days.
    expect(await latest(['--trip', '2024-04-29..2024-05-21', '--trip', '2024-05-20..2024-06-10', '--rule', 'kz-visa-free', '--on', '2024-04-29'])).toEqual({ latestExit: '2024-05-20', latestExitBound: 'plan' })
  })

  it('--explain counts the plan in the window that binds', async () => {
    const r = await run(['--trip', '2024-04-29..2024-08-21', '--trip', '2024-08-20..2024-10-13', '--on', '2024-04-29', '--explain'])
    expect(r.stdout).toContain('Why 2024-06-02 is the latest legal exit\n  Staying on until 2024-06-03 would make\n  the planned stay 2024-08-20 – 2024-10-13 break the rule on 2024-10-13:\n  91 days would count in the window 2024-04-17 – 2024-10-13,')
  })
})

describe('--explain under a cap per visit, with a plan entering on the day after the latest exit (QA, planning oracle)', () => {
  it('names the visit that breaks, not the plan entered that day', async () => {
    // Entering 2025-03-08, 90 days end on 2025-06-05 (24 + 30 + 31 + 5); staying to 06-06 is day 91.
    // The plan entering 06-06 is a same-day exit and re-entry: its day 1 breaks nothing.
    const r = await run(['--trip', '2024-07-21..2024-10-17', '--trip', '2024-12-10..2025-02-06', '--trip', '2025-05-20..2025-05-24', '--trip', '2025-06-06..2025-06-16', '--on', '2025-03-08', '--rule', 'us-esta', '--explain', '--json'])
    const explain = (JSON.parse(r.stdout) as { explain: { window: { start: string; end: string }; daysCounted: number; bindingDay: string } }).explain
    expect(explain).toMatchObject({ bindingDay: '2025-06-06', window: { start: '2025-03-08', end: '2025-06-06' }, daysCounted: 91 })
  })
})

describe('days come back after a recorded exit still ahead (QA, planning oracle)', () => {
  it('tells the days remaining on that exit too, so "again" reads as days regained', async () => {
    // 2024-12-18 … 2025-01-04 is 18 days (72 remaining); to the recorded exit 01-17, 31 (59).
    const r = await run(['--trip', '2024-12-18..2025-01-17', '--on', '2025-01-04', '--explain'])
    expect(r.stdout).toContain('Days come back (if you are not present after 2025-01-17)\n  72 days remaining on 2025-01-04; 59 on 2025-01-17, the recorded exit\n  on 2025-06-16 you will have 60 days again')
  })
})

describe('--for with a recorded exit ahead: a same-day exit and re-entry that day (QA, law oracle round 2)', () => {
  it('th: the visit entered 07-10 has 30 days (to 08-08); a new one entered on the exit 07-25 has 60 (to 09-22)', async () => {
    const r = await run(['--rule', 'th', '--trip', '2024-07-10..2024-07-25', '--on', '2024-07-20', '--for', '60'])
    expect(r.stdout).toContain(
      '  Staying on from 2024-07-20: 20 days, until 2024-08-08\n  Earliest entry on or after 2024-07-20: 2024-07-25 (until 2024-09-22)\n  (that entry assumes you leave on 2024-07-25: staying on uses days it needs)\n',
    )
  })
})

describe('--explain quotes a visit\'s authorised days, not the rule\'s, when a document allows fewer (QA)', () => {
  it('us-esta with --admit-until 2024-08-28: 89 days from 06-01, and staying to 08-29 is the 90th', async () => {
    const r = await run(['--rule', 'us-esta', '--trip', '2024-06-01..2024-06-10', '--trip', '2024-08-29..2024-09-05', '--admit-until', '2024-08-28', '--on', '2024-06-01', '--explain'])
    expect(r.stdout).toContain('  90 days would count in the visit 2024-06-01 – 2024-08-29,\n  over the 89 days authorised for this visit\n  (the rule: 90 days per visit (entry day is day 1)).\n')
  })
})

describe('a plan with its own authorised last day (an until column) is checked under it (QA, explain pass)', () => {
  const files = (exit: string) => ({ 'p.csv': `entry,exit,until\n2024-07-03,${exit},2024-07-20\n` })
  it('within it: ok, and no longer stay offered than it allows', async () => {
    const r = await run(['p.csv', '--rule', 'us-esta', '--on', '2024-07-02'], { files: files('2024-07-20') })
    expect(r.stdout).toContain('  2024-07-03 – 2024-07-20   18 days  ok  p.csv:2\n')
  })
  it('past it: 5 days too long; leave by 07-20, or enter another day from --on (07-02), another admission of 90 days', async () => {
    const r = await run(['p.csv', '--rule', 'us-esta', '--on', '2024-07-02'], { files: files('2024-07-25') })
    expect(r.stdout).toContain('  2024-07-03 – 2024-07-25   23 days  breaks the rule: 5 days too long  p.csv:2\n    leave by 2024-07-20; or start on 2024-07-02, the earliest start that keeps 23 days\n')
  })
})

describe('--explain keeps its sentences within 80 columns (QA, explain pass)', () => {
  it.each([
    [['--rule', 'us-spt', '--trip', '2024-08-10..2024-11-16', '--on', '2024-12-20']],
    [['--rule', 'uk-srt', '--trip', '2024-04-06..2024-05-10', '--on', '2024-06-01']],
    [['--trip', '2023-09-02..2023-11-30', '--on', '2024-02-29']],
  ])('%j', async (args) => {
    const r = await run([...args, '--explain'])
    const why = r.stdout.slice(r.stdout.indexOf('Why'), r.stdout.indexOf('  Counted in that '))
    expect(why.length).toBeGreaterThan(0)
    for (const line of why.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80)
  })
})

describe('--explain of a weighted test gives the earlier years it weighs (QA: 133 days "reaching" 183)', () => {
  it('us-spt: 133 days of 2024 with 152 of 2023 at 1/3 (50 2/3) and none of 2022 make 183 2/3, the threshold reached on 2024-07-11', async () => {
    // 2023-01-01 … 06-01 is 152 days; 2024-03-01 … 07-11 is 133 (31 + 30 + 31 + 30 + 11). 132 + 152/3 = 182 2/3 stays under 183.
    const r = await run(['--rule', 'us-spt', '--trip', '2023-01-01..2023-06-01', '--trip', '2024-03-01..', '--on', '2024-05-01', '--explain'])
    expect(r.stdout).toContain('  133 days would count in the period 2024-01-01 – 2024-07-11,\n  with 152 of 2023 at 1/3 each and 0 of 2022 at 1/6 each,\n  reaching the threshold:')
    // A rules file's test whose year starts in April names its years by their first day.
    const rules = 'rules:\n  - id: w\n    label: W\n    constraints: [{ kind: weighted, threshold: 100, divisors: [1, 2], minCurrent: 1, yearStart: "04-06" }]\n'
    const april = await run(['--rules-file', 'r.yaml', '--rule', 'w', '--trip', '2023-04-06..2023-05-15', '--trip', '2024-04-06..', '--on', '2024-05-01', '--explain'], { files: { 'r.yaml': rules } })
    expect(april.stdout).toContain('  with 40 of the year from 2023-04-06 at 1/2 each,\n')
  })
})

describe('--for with thousands of planned stays (QA, scale pass)', () => {
  // One-day plans every third day from 2014-02-01: under 90/180 each window of 180 days holds 60.
  const plans = (n: number) =>
    `entry,exit\n${Array.from({ length: n }, (_, i) => {
      const d = new Date(Date.UTC(2014, 1, 1 + 3 * i)).toISOString().slice(0, 10)
      return `${d},${d}`
    }).join('\n')}\n`

  it('Schengen: the search reads the stays near each day, and finds the first 90 free days after the last plan', async () => {
    // The last of 3,000 plans is 2038-09-20 (2014-02-01 + 8,997 days). A 90-day stay from E counts,
    // in the 180 days ending on its last day, its own 90 and every plan of the 90 days before E: so
    // none may be there, E ≥ 2038-09-20 + 91 = 2038-12-20 (earlier days of the stay count fewer of
    // its days and at most a third of theirs in plans, under 90).
    const r = await run(['p.csv', '--on', '2014-01-01', '--for', '90', '--json'], { files: { 'p.csv': plans(3000) } })
    expect(JSON.parse(r.stdout).forStay).toMatchObject({ entry: '2038-12-20', exit: '2039-03-19', reason: null })
  })

  it('a continuous cap (ru), whose search reads every stay for each day: given up past the budget, and said so', async () => {
    const r = await run(['p.csv', '--rule', 'ru', '--on', '2014-01-01', '--for', '90'], { files: { 'p.csv': plans(2500) } })
    expect(r.stdout).toContain('Earliest entry on or after 2014-01-01: not searched to the end: too many stays over too long a span to search day by day (over 2,000,000 stays times days)\n')
    const json = await run(['p.csv', '--rule', 'ru', '--on', '2014-01-01', '--for', '90', '--json'], { files: { 'p.csv': plans(2500) } })
    expect(JSON.parse(json.stdout).forStay).toMatchObject({ entry: null, reason: 'not-computed', ruleMaximum: 90 })
    // Longer than ru allows at all (90 days in 180), given up: the rule's maximum is still told
    // (differential QA: it was lost, with "exceeds-rule").
    const longer = await run(['p.csv', '--rule', 'ru', '--on', '2014-01-01', '--for', '91'], { files: { 'p.csv': plans(2500) } })
    expect(longer.stdout).toContain('(over 2,000,000 stays times days); the rule allows at most 90 days in one stay\n')
  })
})
