/** Issue 3 from the command line: several rules at once, the rules catalogue, custom rules files. */
import { describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { run } from './helpers/io.js'

describe('several rules at once', () => {
  // Entering Russia 2025-11-01 and leaving 2026-01-31: 92 continuous days. Russia's 90-day continuous
  // cap ends on 2026-01-29 (61 days in 2025 + 29 in 2026 = 90), so both 2026-01-30 and -31 break it;
  // under Schengen the same 92 days break 90/180 on days 91 and 92 (2026-01-30, 2026-01-31) too.
  const args = ['--trip', '2025-11-01..2026-01-31', '--rule', 'ru', '--rule', 'schengen', '--on', '2025-12-01']

  it('reports each rule, the binding one, and exits 1 if any rule is broken', async () => {
    const r = await run([...args, '--json'])
    expect(r.exitCode).toBe(1)
    const json = JSON.parse(r.stdout) as { bindingRule: string; rules: { id: string; latestExit: string }[]; latestExit: string }
    expect(json.rules.map((x) => x.id)).toEqual(['ru', 'schengen'])
    // On 2025-12-01 both rules allow staying until 2026-01-29: a tie goes to the first rule given.
    expect(json.rules.map((x) => x.latestExit)).toEqual(['2026-01-29', '2026-01-29'])
    expect(json.bindingRule).toBe('ru')
    expect(json.latestExit).toBe('2026-01-29')
  })

  it('the earliest deadline binds', async () => {
    // kz-visa-free caps each visit at 30 days: entering 2024-05-01 the last day is 2024-05-30,
    // while Schengen alone would allow 90 days (to 2024-07-29).
    const r = await run(['--trip', '2024-05-01..', '--rule', 'schengen', '--rule', 'kz-visa-free', '--on', '2024-05-01', '--json'])
    const json = JSON.parse(r.stdout) as { bindingRule: string; latestExit: string; rules: { latestExit: string }[] }
    expect(json.rules.map((x) => x.latestExit)).toEqual(['2024-07-29', '2024-05-30'])
    expect(json).toMatchObject({ bindingRule: 'kz-visa-free', latestExit: '2024-05-30' })
  })

  it('text lists every rule and marks the binding one', async () => {
    const r = await run(args)
    expect(r.stdout).toMatch(/Rules checked \(2\)\n {2}ru {8}31\/90 used, latest exit 2026-01-29, 1 overstay {2}← binding\n {2}schengen {2}31\/90 used, latest exit 2026-01-29, 1 overstay\n/)
  })

  it('aliases and any case are accepted', async () => {
    const r = await run(['--trip', '2024-05-01..', '--rule', 'SCHENGEN', '--on', '2024-05-01', '--json'])
    expect(JSON.parse(r.stdout)).toMatchObject({ rule: { id: 'schengen' } })
  })
})

describe('stay-calc rules', () => {
  it('lists every preset, one per line', async () => {
    const r = await run(['rules'])
    expect(r.exitCode).toBe(0)
    const ids = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])
    for (const id of ['schengen', 'kz', 'kz-visa-free', 'ru', 'tr', 'ua', 'rs', 'al', 'ge', 'am', 'us-esta', 'us-b2', 'uk-visitor', 'mx', 'th', 'uk-srt', 'us-spt', 'oecd-183', 'uk-ilr']) {
      expect(ids).toContain(id)
    }
  })

  it('explains one rule with its source, validity and confidence', async () => {
    const r = await run(['rules', 'kz'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('Counts from: 2023-01-27')
    expect(r.stdout).toContain('Decree No. 1146')
    expect(r.stdout).toMatch(/Confidence: official/)
  })

  it('--json gives the rule as data with ISO dates', async () => {
    const r = await run(['rules', 'ru', '--json'])
    const json = JSON.parse(r.stdout) as { rules: { id: string; constraints: { kind: string; validTo: string | null; validFrom: string | null }[] }[] }
    expect(json.rules[0]!.id).toBe('ru')
    expect(json.rules[0]!.constraints.map((c) => [c.kind, c.validFrom, c.validTo])).toEqual([
      ['rolling', null, '2024-12-31'],
      ['year', '2025-01-01', null],
      ['continuous', null, null],
    ])
  })

  it('an unknown rule is a usage error', async () => {
    const r = await run(['rules', 'atlantis'])
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toMatch(/unknown rule "atlantis"/)
  })
})

describe('--rules-file', () => {
  it('loads custom rules usable with --rule and listed by rules', async () => {
    // my-visa: 60 days per visit from 2024-01-01; entering 2024-03-01 the 60th day is 2024-04-29.
    const r = await run(['--trip', '2024-03-01..', '--rules-file', 'examples/rules/custom.yaml', '--rule', 'my-visa', '--on', '2024-03-01', '--json'])
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ rule: { id: 'my-visa' }, latestExit: '2024-04-29' })
    const list = await run(['rules', '--rules-file', 'examples/rules/custom.yaml'])
    expect(list.stdout).toMatch(/^my-visa /m)
  })

  it('a bad rules file: every problem with file, line and path, exit 2', async () => {
    const files = { 'r.yaml': 'rules:\n  - id: x\n    label: X\n    source: s\n    constraints:\n      - kind: rolling\n        limit: ninety\n        window: 180\n' }
    const r = await run(['--trip', '2024-03-01..', '--rules-file', 'r.yaml', '--rule', 'x'], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain('r.yaml:7: rules[0].constraints[0].limit: expected a whole number from 1 to 36525, got "ninety"')
  })

  it('a cap only for later entries: the visit is 12 days long, with no limit and no "over the limit" for it', async () => {
    const files = { 'r.yaml': 'rules:\n  - id: capped\n    label: Capped\n    constraints:\n      - kind: per-visit\n        limit: 10\n        entriesFrom: 2024-06-01\n' }
    const r = await run(['--trip', '2024-05-01..', '--rules-file', 'r.yaml', '--rule', 'capped', '--on', '2024-05-12'], { files })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('Visit 2024-05-01 – 2024-05-12: 12 of 10 days used; the limit does not apply to this visit (only entries from 2024-06-01)\nNo limit applies from 2024-05-12.')
    expect(r.stdout).not.toContain('over the limit')
  })

  it('a missing rules file is an input error', async () => {
    const r = await run(['--trip', '2024-03-01..', '--rules-file', 'nope.yaml'])
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain('nope.yaml: cannot read "nope.yaml"')
  })
})

describe('planning with several rules', () => {
  // 80 Schengen days (2024-03-01 … 2024-05-19); kz-visa-free also caps each visit at 30 days.
  const args = ['--trip', '2024-03-01..2024-05-19', '--rule', 'schengen', '--rule', 'kz-visa-free', '--on', '2024-06-01', '--json']

  it('--for K respects every rule: no 40-day stay is ever possible under a 30-day cap', async () => {
    const r = await run([...args, '--for', '40'])
    const json = JSON.parse(r.stdout) as { forStay: { entry: string | null; reason: string | null; ruleMaximum: number } }
    expect(json.forStay).toMatchObject({ entry: null, reason: 'exceeds-rule', ruleMaximum: 30 })
  })

  it('--for K finds the earliest entry that every rule allows', async () => {
    // Schengen: the old 80 days (2024-03-01 … 2024-05-19) stay in every window ending by 2024-08-27
    // (2024-03-01 + 179). A stay entering on E may have at most 10 days up to 2024-08-27, so
    // E ≥ 2024-08-18; from 2024-08-28 one old day leaves per day as one stay day comes, so the count
    // stays at 90. kz-visa-free adds a 30-day cap per visit, which a 20-day stay keeps.
    const r = await run([...args, '--for', '20'])
    expect(JSON.parse(r.stdout)).toMatchObject({ forStay: { entry: '2024-08-18', exit: '2024-09-06' } })
  })
})

describe('a visit authorised until a date (US I-94 "Admit Until", a stamped date)', () => {
  // us-b2 defaults to 6 months: entering 2024-01-15, the day before 2024-07-15.
  const open = ['--trip', '2024-01-15..', '--rule', 'us-b2', '--on', '2024-03-01', '--json']

  it('without a date the preset default applies', async () => {
    expect(JSON.parse((await run(open)).stdout)).toMatchObject({ latestExit: '2024-07-14' })
  })

  it('--admit-until sets the last day of the visit in progress', async () => {
    const r = await run([...open, '--admit-until', '2024-04-30'])
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ latestExit: '2024-04-30', stays: [{ entry: '2024-01-15', until: '2024-04-30' }] })
  })

  it('an admit-until column: staying past it is an overstay of exactly those days', async () => {
    const files = { 'i94.csv': 'entry,exit,Admit Until\n2024-01-15,2024-05-10,2024-04-30\n2024-08-01,2024-08-20,\n' }
    const r = await run(['i94.csv', '--rule', 'us-b2', '--on', '2024-09-01', '--json'], { files })
    expect(r.exitCode).toBe(1)
    const json = JSON.parse(r.stdout) as { violations: { start: string; end: string }[]; stays: { until: string | null }[] }
    expect(json.violations.map((v) => [v.start, v.end])).toEqual([['2024-05-01', '2024-05-10']])
    expect(json.stays.map((s) => s.until)).toEqual(['2024-04-30', null])
  })

  it('bad dates: in the column (file:line) and in the flag (usage error)', async () => {
    const files = { 'i94.csv': 'entry,exit,until\n2024-01-15,2024-05-10,2024-13-01\n2024-06-01,2024-06-02,2024-05-01\n' }
    const r = await run(['i94.csv', '--rule', 'us-b2', '--on', '2024-09-01'], { files })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain('i94.csv:2: invalid authorised-until date "2024-13-01"')
    expect(r.stderr).toContain('i94.csv:3: authorised until 2024-05-01, before entry 2024-06-01')
    const flag = await run([...open, '--admit-until', '2023-12-31'])
    expect(flag).toMatchObject({ exitCode: 2, stdout: '' })
    expect(flag.stderr).toContain('authorised until 2023-12-31, before entry 2024-01-15')
  })
})

describe('per-visit rules on the day of a same-day exit and re-entry', () => {
  it('the new visit counts from its entry day (ESTA: re-entering 2024-03-30 → until 03-30 + 89 = 2024-06-27)', async () => {
    const r = await run(['--trip', '2024-01-01..2024-03-30', '--trip', '2024-03-30..', '--on', '2024-03-30', '--rule', 'us-esta', '--json'])
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 1, latestExit: '2024-06-27' })
  })
  it('kz-visa-free from a crossings file: out and back in on 2024-01-30 → 30th day 2024-02-28', async () => {
    const files = { 'run.csv': 'date,direction\n2024-01-01,in\n2024-01-30,out\n2024-01-30,in\n' }
    const r = await run(['run.csv', '--rule', 'kz-visa-free', '--on', '2024-01-30', '--json'], { files })
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 1, latestExit: '2024-02-28' })
  })
})

describe('threshold tests read as thresholds in text', () => {
  it('US SPT 180/150/110 (IRS worked example: 110 + 150/3 + 180/6 = 190 ≥ 183, resident)', async () => {
    const r = await run(['--trip', '2022-01-01..2022-06-29', '--trip', '2023-01-01..2023-05-30', '--trip', '2024-01-01..2024-04-19', '--rule', 'us-spt', '--on', '2024-12-31'])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('Period 2024-01-01 – 2024-12-31: 110 days counted, weighted total 190: threshold of 183 reached')
    expect(r.stdout).toContain('Threshold reached (')
    expect(r.stdout).not.toContain('Overstays')
  })
  it('UK SRT: 86 midnights from 6 April to 1 July (the night of 1 July not yet), leave by 5 October', async () => {
    const r = await run(['--trip', '2024-04-06..2024-07-01', '--rule', 'uk-srt', '--on', '2024-07-01'])
    expect(r.stdout).toContain('86 days counted: under the threshold of 183; 96 more days stay under it')
    expect(r.stdout).toContain('Last day under the threshold: 2024-10-05')
  })
})

describe('absences read as absences in text', () => {
  it('UK ILR: 212 whole days abroad in the 12 months: absences over the limit, not overstays; with Schengen beside it, overstays', async () => {
    const r = await run(['--trip', '2024-01-01..2024-08-01', '--rule', 'uk-ilr', '--on', '2024-09-01'])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('Absences over the limit (1)\n  2024-06-30 – 2024-07-31  32 days')
    expect(r.stdout).not.toContain('Overstays')
    const schengen = await run(['--trip', '2024-01-01..2024-08-01', '--on', '2024-09-01'])
    expect(schengen.stdout).toContain('Overstays (1)')
    // Away since 2022-05-01: the 180th whole day abroad is 2022-10-28, so back by 2022-10-29 (rules-reference).
    const back = await run(['--trip', '2022-05-01..', '--rule', 'uk-ilr', '--on', '2022-06-01'])
    expect(back.stdout).toContain('Latest legal return: 2022-10-29 (151 days from 2022-06-01 inclusive)')
    const home = await run(['--trip', '2022-01-01..2022-01-10', '--rule', 'uk-ilr', '--on', '2022-06-01'])
    expect(home.stdout).toContain('Leaving on 2022-06-01, you may stay away until')
    const away = await run(['--trip', '2024-01-01..', '--rule', 'uk-ilr', '--on', '2024-08-01'])
    expect(away.stdout).toContain('Absence over the limit: being away on 2024-08-01 already breaks the rule.')
  })

  it('no breach: each rule in its own words; several rules: each counted in its own words, a threshold against its threshold (QA)', async () => {
    const srt = await run(['--rule', 'uk-srt', '--trip', '2024-04-10..2024-05-01', '--on', '2024-06-01'])
    expect(srt.stdout).toContain('The threshold is not reached in the history.')
    expect(srt.stdout).not.toMatch(/overstay/i)
    const ilr = await run(['--rule', 'uk-ilr', '--trip', '2024-04-10..2024-05-01', '--on', '2024-06-01'])
    expect(ilr.stdout).toContain('No absence over the limit in the history.')
    const all = await run(['--rule', 'uk-srt', '--rule', 'uk-ilr', '--rule', 'schengen', '--trip', '2023-04-10..2023-12-20', '--trip', '2024-05-01..', '--on', '2024-06-01'])
    expect(all.stdout).toContain('  uk-srt    31 counted, threshold 183, last day under the threshold 2024-10-30, threshold reached (1 period)\n')
    expect(all.stdout).toContain('  uk-ilr    231/180 abroad, no legal absence, 2 absences over the limit  ← binding\n')
    expect(all.stdout).toContain('  schengen  48/90 used, latest exit 2024-07-29, 1 overstay\n')
    // A weighted test: its total, not this year's days (1 Jan … 29 Jun 2024 = 181 days, a third: 181/3;
    // Feb 1 … Mar 2 2025 = 30: 30 + 181/3 = 271/3); an absence rule: the latest return.
    const spt = await run(['--trip', '2024-01-01..2024-06-29', '--trip', '2025-02-01..2025-03-02', '-r', 'us-spt', '-r', 'schengen', '--on', '2025-06-01'])
    expect(spt.stdout).toContain('  us-spt    weighted 271/3, threshold 183, last day under the threshold 2025-08-31\n')
    const away = await run(['--trip', '2025-01-05..2025-05-20', '-r', 'uk-ilr', '-r', 'ge', '--on', '2025-06-01'])
    expect(away.stdout).toContain('  uk-ilr  134/180 abroad, latest return 2025-07-18  ← binding\n')
  })
})

describe('several rules: every rule\'s breaches dated (QA: "2 overstays" under ru, never dated)', () => {
  it('a rule that does not bind lists its overstays under its line, each with its constraint', async () => {
    const r = await run(['--rule', 'schengen', '--rule', 'ru', '--trip', '2023-01-01..2023-05-20', '--trip', '2024-05-01..', '--on', '2024-06-01'])
    // 2023-01-01 … 2023-05-20 = 140 days: the 91st, 2023-04-01, to the end break 90/180 and 90 continuous.
    expect(r.stdout).toContain(
      '  ru        32/90 used, latest exit 2024-07-29, 2 overstays\n' +
        '    2023-04-01 – 2023-05-20  50 days, peak 140 days counted (50 over)  90 days in any 180-day window\n' +
        '    2023-04-01 – 2023-05-20  50 days, peak 140 days counted (50 over)  90 days of continuous presence\n',
    )
  })
})

describe('options given before a subcommand', () => {
  it('reach plan as if given after it; repeatable ones are joined', async () => {
    const before = await run(['--on', '2024-06-01', '--rule', 'kz', 'plan', '--trip', '2024-05-01..2024-05-10', '--json'])
    const after = await run(['plan', '--on', '2024-06-01', '--rule', 'kz', '--trip', '2024-05-01..2024-05-10', '--json'])
    expect(before).toEqual(after)
    expect(JSON.parse(before.stdout)).toMatchObject({ on: '2024-06-01', rule: { id: 'kz' } })
    const joined = await run(['--trip', '2024-01-01..2024-01-05', 'plan', '--trip', '2024-05-01..2024-05-10', '--on', '2024-06-01', '--json'])
    expect(JSON.parse(joined.stdout)).toMatchObject({ stays: [{ entry: '2024-01-01' }, { entry: '2024-05-01' }] })
  })

  it('reach rules (--json), and one the subcommand does not have is refused with exit 2', async () => {
    expect(JSON.parse((await run(['--json', 'rules', 'kz'])).stdout)).toMatchObject({ rules: [{ id: 'kz' }] })
    const wrong = await run(['--explain', 'plan', '--trip', '2024-05-01..2024-05-10'])
    expect(wrong).toMatchObject({ exitCode: 2, stdout: '' })
    expect(wrong.stderr).toContain('--explain is not an option of stay-calc plan')
  })

  // A second value silently replaced the first: a second --date-format re-read 03/04/2024 (QA).
  it.each([
    [['--trip', '03/04/2024..03/04/2024', '--on', '2024-06-01', '--date-format', 'dd/MM/yyyy', '--date-format', 'MM/dd/yyyy'], '--date-format given twice ("dd/MM/yyyy" and "MM/dd/yyyy")'],
    [['--trip', '2024-01-01..2024-01-05', '--on', '2024-06-01', '--on', '2024-06-02'], '--on given twice ("2024-06-01" and "2024-06-02")'],
    [['--trip', '2024-01-01..2024-01-05', '--limit', '30', '--limit', '60'], '--limit given twice ("30" and "60")'],
    [['examples/batch.csv', '--format', 'csv', '--format', 'json'], '--format given twice ("csv" and "json")'],
    [['--on', '2024-06-01', 'plan', '--on', '2024-06-02', '--trip', '2024-01-01..2024-01-05'], '--on given twice ("2024-06-01" and "2024-06-02")'],
    [['plan', '--trip', '2024-01-01..2024-01-05', '--days', '10', '--days', '20'], '--days given twice ("10" and "20")'],
  ])('a flag of one value given twice is refused, exit 2: %j', async (args, message) => {
    const r = await run(args)
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    // Said as stay-calc says usage errors; not commander's "argument '2024-06-02' is invalid" (QA).
    expect(r.stderr).toMatch(new RegExp(`^stay-calc: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    expect(r.stderr).not.toContain('invalid')
  })

  it('stay-calc rules --on: the catalogue says what is checked that day (before the command name too)', async () => {
    const list = await run(['rules', '--on', '2015-01-01'])
    expect(list.exitCode).toBe(0)
    expect(list.stdout).toContain('· rolling 90/180 from 2015-04-08 · not in force on 2015-01-01\n')
    const json = JSON.parse((await run(['--on', '2025-01-01', 'rules', 'ru', '--json'])).stdout) as { on: string; rules: { inForce: boolean; constraints: { inForce: boolean }[] }[] }
    expect(json.on).toBe('2025-01-01')
    expect(json.rules[0]!.constraints.map((c) => c.inForce)).toEqual([false, true, true])
    expect((await run(['rules', '--on', '01.06.2024', '--date-format', 'dd.MM.yyyy'])).stdout).toContain('· on 2024-06-01: ')
  })

  it('usage errors of stay-calc rules exit 2, like the main command', async () => {
    // A --date-format that cannot read a date, whether or not a date needs it (QA: the ISO --on let it through).
    for (const args of [['rules', '--limit', '30'], ['rules', 'a', 'b'], ['rules', '--rules-file'], ['rules', '--on', '2024-02-30'], ['rules', '--on', '2024-06-01', '--on', '2024-06-02'], ['rules', '--on', '2024-06-01', '--date-format', 'dd.MM'], ['rules', '--date-format', 'dd.MM.yyyy a H']]) {
      const r = await run(args)
      expect(r.exitCode, args.join(' ')).toBe(2)
      expect(r.stderr).toContain('(run stay-calc --help for usage)')
    }
  })
})

describe('an authorised-until date the rule cannot check is said so', () => {
  // QA (law pass): a Schengen visa's own last day binds, but the headline gave the 90/180 date alone.
  it('in the text report, under the latest exit when it is earlier (and only then)', async () => {
    const earlier = await run(['--trip', '2024-03-01..', '--admit-until', '2024-04-15', '--on', '2024-04-01'])
    expect(earlier.stdout).toContain(
      'Latest legal exit: 2024-05-29 (59 days from 2024-04-01 inclusive)\nYour document authorises this visit only until 2024-04-15: leave by then (see the warning).\n',
    )
    const later = await run(['--trip', '2024-03-01..', '--admit-until', '2024-06-15', '--on', '2024-04-01'])
    expect(later.stdout).not.toContain('Your document')
    // A visit over by --on: its date is the past's, not this visit's.
    const files = { 's.csv': 'entry,exit,until\n2024-01-01,2024-01-10,2024-01-08\n2024-03-01,,\n' }
    const past = await run(['s.csv', '--on', '2024-04-01'], { files })
    expect(past.exitCode).toBe(0)
    expect(past.stdout).toContain('Latest legal exit: 2024-05-19')
    expect(past.stdout).not.toContain('Your document')
  })

  it('a date already passed while still inside: said so in the text, the warning and the JSON', async () => {
    const r = await run(['--trip', '2024-03-01..', '--admit-until', '2024-03-20', '--on', '2024-04-01'])
    expect(r.stdout).toContain('Your document authorised this visit only until 2024-03-20: you have stayed past it (see the warning).\n')
    expect(r.stdout).not.toContain('leave by then')
    expect(r.stdout).toContain('still inside on 2024-04-01, after the authorised 2024-03-20: schengen has no per-visit cap to count that overstay')
    const json = JSON.parse((await run(['--trip', '2024-03-01..', '--admit-until', '2024-03-20', '--on', '2024-04-01', '--json'])).stdout) as Record<string, unknown>
    expect(json.authorisedUntil).toBe('2024-03-20')
  })

  it('JSON authorisedUntil: the date of the visit going on at --on, whatever the rule; null outside or without one', async () => {
    const at = async (args: string[], files?: Record<string, string>): Promise<unknown> => (JSON.parse((await run([...args, '--json'], files === undefined ? {} : { files })).stdout) as Record<string, unknown>).authorisedUntil
    expect(await at(['--trip', '2024-03-01..', '--admit-until', '2024-04-15', '--on', '2024-04-01'])).toBe('2024-04-15')
    // Later than the rule's latest exit: still the document's date (the script takes the earlier).
    expect(await at(['--trip', '2024-03-01..', '--admit-until', '2024-06-15', '--on', '2024-04-01'])).toBe('2024-06-15')
    expect(await at(['--trip', '2024-03-01..', '--on', '2024-04-01'])).toBeNull()
    // A visit over by --on, or one still to come: not the visit going on.
    const files = { 's.csv': 'entry,exit,until\n2024-01-01,2024-01-10,2024-01-08\n2024-05-01,2024-05-20,2024-05-25\n' }
    expect(await at(['s.csv', '--on', '2024-04-01'], files)).toBeNull()
    // Under a per-visit cap too (ESTA), where latestExit already reads it.
    const esta = JSON.parse((await run(['--trip', '2024-03-01..', '--admit-until', '2024-04-15', '--on', '2024-04-01', '--rule', 'us-esta', '--json'])).stdout) as Record<string, unknown>
    expect([esta.authorisedUntil, esta.latestExit]).toEqual(['2024-04-15', '2024-04-15'])
  })

  it('in a batch: the csv column authorised_until, and the table shows the earlier date as the latest exit', async () => {
    const files = { 'b.csv': 'traveller,entry,exit,until\nann,2024-05-01,,2024-06-10\nbob,2024-05-01,2024-05-03,\ncyd,2024-05-01,,2024-05-10\ndee,2024-05-01,,2024-12-10\n' }
    const csv = parse((await run(['b.csv', '--on', '2024-05-20', '--format', 'csv'], { files })).stdout, { columns: true }) as Record<string, string>[]
    expect(csv.map((row) => [row.traveller, row.latest_exit, row.authorised_until])).toEqual([
      ['ann', '2024-07-29', '2024-06-10'],
      ['bob', '2024-08-14', ''],
      ['cyd', '2024-07-29', '2024-05-10'],
      ['dee', '2024-07-29', '2024-12-10'],
    ])
    const table = (await run(['b.csv', '--on', '2024-05-20'], { files })).stdout.split('\n')
    const row = (name: string): string => table.find((line) => line.startsWith(`${name} `))!.replace(/ +/g, ' ')
    expect(row('cyd')).toBe('cyd 20/90 70 2024-05-10 PAST document date')
    expect(row('ann')).toBe('ann 20/90 70 2024-06-10 ok, document date')
    expect(row('dee')).toBe('dee 20/90 70 2024-07-29 ok, inside')
    // Most urgent first: the earlier date to leave by, at the same days remaining.
    expect(table.filter((line) => /^(ann|cyd|dee) /.test(line)).map((line) => line.split(' ')[0])).toEqual(['cyd', 'ann', 'dee'])
  })

  it('in a batch table: past the document date first among those within the rule; an overstay keeps the rule\'s date (QA)', async () => {
    // eve: 2 of 90 used, past her document's 05-19; fay: 80 of 90 used, no document.
    const files = {
      'b.csv': 'traveller,entry,exit,until\neve,2024-05-19,,2024-05-19\nfay,2024-03-02,,\n',
      'k.csv': 'traveller,entry,exit,until\nana,2022-10-02,2023-01-29,2023-01-11\n',
    }
    const table = (await run(['b.csv', '--on', '2024-05-20'], { files })).stdout.split('\n').filter((line) => /^(eve|fay) /.test(line))
    expect(table.map((line) => line.replace(/ +/g, ' '))).toEqual(['eve 2/90 88 2024-05-19 PAST document date', 'fay 80/90 10 2024-05-30 ok, inside'])
    // A planned overstay (kz-visa-free: 30 days a visit, 2023-01-27 on): the row names it, with the rule's latest exit.
    const kz = (await run(['k.csv', '--rule', 'kz-visa-free', '--on', '2022-12-03', '-q'], { files })).stdout.split('\n').find((line) => line.startsWith('ana '))!
    expect(kz.replace(/ +/g, ' ')).toBe('ana 0/30 30 2023-01-26 overstay 2023-01-27')
  })

  it('under a rule without a per-visit cap (Schengen): a warning, the count unchanged', async () => {
    const withDate = await run(['--trip', '2024-01-01..', '--admit-until', '2024-01-20', '--on', '2024-01-05', '--json'])
    const without = await run(['--trip', '2024-01-01..', '--on', '2024-01-05', '--json'])
    const a = JSON.parse(withDate.stdout) as Record<string, unknown>
    const b = JSON.parse(without.stdout) as Record<string, unknown>
    expect(a.latestExit).toBe(b.latestExit)
    expect(a.warnings).toEqual([
      {
        code: 'W_UNTIL_NOT_CHECKED',
        message: 'authorised until 2024-01-20: schengen has no per-visit cap to check it against, so the count does not show it; leave by that date all the same',
        sources: ['--trip 2024-01-01..'],
      },
    ])
  })

  // QA (law pass): ESTA's 90 days are never extended (INA §217(a)(1); 8 CFR 214.1(c)(3)(i)), so a
  // later date on an I-94 cannot be the last legal day; a B-2 admission can be extended, so there it is.
  it('past the longest visit a hard cap allows (ESTA 90 days from 2024-01-01: last day 2024-03-30): the cap binds, with a warning', async () => {
    const r = await run(['--rule', 'us-esta', '--trip', '2024-01-01..', '--admit-until', '2024-12-31', '--on', '2024-01-05', '--json'])
    const report = JSON.parse(r.stdout) as { latestExit: string; warnings: { code: string; message: string }[] }
    expect(report.latestExit).toBe('2024-03-30')
    expect(report.warnings.map((w) => w.code)).toEqual(['W_UNTIL_BEYOND_CAP'])
    expect(report.warnings[0]!.message).toBe(
      'authorised until 2024-12-31, after the longest visit us-esta allows from this entry (last day 2024-03-30), which no document extends: 2024-03-30 is used; check the date against the entry stamp or admission record',
    )
    // Over from day 91, whatever the document says; a date before the cap's last day still binds.
    const over = await run(['--rule', 'us-esta', '--trip', '2024-01-01..2024-04-10', '--admit-until', '2024-12-31', '--on', '2024-06-01', '--json'])
    expect((JSON.parse(over.stdout) as { violations: { start: string; end: string }[] }).violations.map((v) => [v.start, v.end])).toEqual([['2024-03-31', '2024-04-10']])
    const earlier = await run(['--rule', 'us-esta', '--trip', '2024-01-01..', '--admit-until', '2024-02-15', '--on', '2024-01-05', '--json'])
    expect((JSON.parse(earlier.stdout) as { latestExit: string }).latestExit).toBe('2024-02-15')
  })

  it('past the longest visit a cap allows that a document may extend (B-2: 6 months from 2024-01-01, last day 2024-06-30): used as given, with a warning', async () => {
    const r = await run(['--rule', 'us-b2', '--trip', '2024-01-01..', '--admit-until', '2024-12-31', '--on', '2024-01-05', '--json'])
    const report = JSON.parse(r.stdout) as { latestExit: string; warnings: { code: string; message: string }[] }
    expect(report.latestExit).toBe('2024-12-31')
    expect(report.warnings.map((w) => w.message)).toEqual([
      'authorised until 2024-12-31, after the longest visit us-b2 allows from this entry (last day 2024-06-30): the date is used as given; check it against the entry stamp or admission record (a typo, or an extension where the rule allows one)',
    ])
  })

  it('within the cap: no warning', async () => {
    const r = await run(['--rule', 'us-esta', '--trip', '2024-01-01..', '--admit-until', '2024-03-30', '--on', '2024-01-05', '--json'])
    expect((JSON.parse(r.stdout) as { warnings: unknown[] }).warnings).toEqual([])
  })
})

describe('a cap for some entries only, in the text report', () => {
  it('says it is not for this visit, naming the entries it is for (th: 30 days for entries until 2024-07-14)', async () => {
    const r = await run(['--rule', 'th', '--trip', '2024-07-20..', '--on', '2024-08-14'])
    expect(r.stdout).toContain('  30 days per visit (entry day is day 1) not for this visit (only entries until 2024-07-14)\n')
    expect(r.stdout).toContain('  60 days per visit (entry day is day 1) 26/60 used, latest exit 2024-09-17 ← binding\n')
  })
})

describe('authorised-until warnings follow the visit', () => {
  it('a record within an overlapping visit is measured from the visit entry (ESTA from 2024-05-01: last day 2024-07-29)', async () => {
    const r = await run(['--rule', 'us-esta', '--trip', '2024-05-01..2024-05-20', '--trip', '2024-05-10..', '--admit-until', '2024-08-05', '--on', '2024-06-01', '--json'])
    const warnings = (JSON.parse(r.stdout) as { warnings: { code: string; message: string }[] }).warnings
    expect(warnings.find((w) => w.code === 'W_UNTIL_BEYOND_CAP')?.message).toContain('last day 2024-07-29')
  })

  it('a visit that is over: a warning only when it ran past the date', async () => {
    const past = await run(['--trip', '2024-01-01..2024-01-30', '--admit-until', '2024-01-20', '--on', '2024-06-01', '--json'])
    expect((JSON.parse(past.stdout) as { warnings: { message: string }[] }).warnings.map((w) => w.message)).toEqual([
      'left on 2024-01-30, after the authorised 2024-01-20: schengen has no per-visit cap to count that overstay, so the count does not show it',
    ])
    const kept = await run(['--trip', '2024-01-01..2024-01-10', '--admit-until', '2024-01-20', '--on', '2024-06-01', '--json'])
    expect((JSON.parse(kept.stdout) as { warnings: unknown[] }).warnings).toEqual([])
  })
})

describe('more usage errors exit 2', () => {
  it('a --date-format luxon cannot use (meridiem with a 24-hour clock)', async () => {
    const r = await run(['examples/crossings.csv', '--date-format', 'yyyy-MM-dd HH:mm a'])
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain(`--date-format "yyyy-MM-dd HH:mm a" cannot be used: Can't include meridiem when specifying 24-hour format`)
  })

  it('--no-color before rules is no error (rules has no colour to give)', async () => {
    const r = await run(['--no-color', 'rules', 'kz'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('kz')
  })
})

describe('authorised-until dates with several rules, and with countries', () => {
  it("every rule's warning about the date is shown, whichever rule binds (single and batch alike)", async () => {
    const args = ['--rule', 'us-esta', '--rule', 'kz-visa-free', '--admit-until', '2024-02-05', '--on', '2024-01-15']
    const single = await run(['--trip', '2024-01-01..2024-02-10', ...args.slice(0, 4), '--on', '2024-01-15', '--json', '--admit-until', '2024-02-05'])
    const codes = (JSON.parse(single.stdout) as { warnings: { code: string; message: string }[] }).warnings
    expect(codes.map((w) => w.code)).toEqual(['W_UNTIL_BEYOND_CAP'])
    expect(codes[0]!.message).toContain('kz-visa-free allows from this entry (last day 2024-01-30)')
    const files = { 'b.csv': 'traveller,entry,exit,admit until\nann,2024-01-01,2024-02-10,2024-02-05\n' }
    const batch = await run(['b.csv', ...args.slice(0, 4), '--on', '2024-01-15', '--format', 'jsonl'], { files })
    expect((JSON.parse(batch.stdout) as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(['W_UNTIL_BEYOND_CAP'])
  })

  it('a country log refuses an until column and --admit-until rather than drop them', async () => {
    const files = {
      'until.csv': 'entry,exit,country,until\n2024-01-01,2024-03-01,US,2024-02-15\n',
      'plain.csv': 'entry,exit,country\n2024-01-01,2024-03-01,US\n',
    }
    const column = await run(['until.csv', '--on', '2024-02-01'], { files })
    expect(column).toMatchObject({ exitCode: 2, stdout: '' })
    expect(column.stderr).toContain('until.csv: an authorised-until column cannot be read with a country column yet')
    const flag = await run(['plain.csv', '--on', '2024-02-01', '--admit-until', '2024-02-10'], { files })
    expect(flag).toMatchObject({ exitCode: 2, stdout: '' })
    expect(flag.stderr).toContain('--admit-until does not read input with a country column yet')
  })
})

describe('one rules file', () => {
  it('a second --rules-file is refused rather than silently replacing the first', async () => {
    const r = await run(['--rules-file', 'a.yaml', '--rules-file', 'b.yaml', '--trip', '2024-01-01..2024-01-02'])
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toContain('one rules file only: "a.yaml" and "b.yaml" given')
  })

  // QA: commander's message echoed the second name raw, ESC and all.
  it('names with control characters are escaped in the message', async () => {
    const r = await run(['--rules-file', 'a.yaml', '--rules-file', 'b\u001b[31m.yaml', '--trip', '2024-01-01..2024-01-02'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain(String.raw`one rules file only: "a.yaml" and "b\u001b[31m.yaml" given`)
    expect(r.stderr.includes('\u001b')).toBe(false)
  })

  it('standard input as the rules file and as an input: refused, it is read once', async () => {
    const r = await run(['-', '--rules-file', '-', '--on', '2024-06-01'], { stdin: 'entry,exit\n2024-01-01,2024-01-02\n' })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toMatch(/standard input \(-\) can be given once/)
  })

  // QA: a label, source or note is printed; a control character in it would drive the terminal.
  it('a control character in a label, source or note is refused, with its line', async () => {
    const yaml = 'rules:\n  - id: x\n    label: "X\\e[31mred"\n    source: "S\\u0007"\n    notes: ["a\\tb"]\n    constraints: [{ kind: continuous, limit: 30 }]\n'
    const r = await run(['--rules-file', 'r.yaml', '--rule', 'x', '--trip', '2024-01-01..2024-01-02'], { files: { 'r.yaml': yaml } })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    const expected = 'expected a non-empty text, on one line, without control characters'
    expect(r.stderr).toContain(`r.yaml:3: rules[0].label: ${expected}, got "X\\u001b[31mred"`)
    expect(r.stderr).toContain(`r.yaml:4: rules[0].source: ${expected}`)
    expect(r.stderr).toContain(`r.yaml:5: rules[0].notes[0]: ${expected}`)
    expect(r.stderr.includes('\u001b')).toBe(false)
  })
})

describe('stay-calc rules takes the colour flags every command takes (QA: a script passing --no-color failed here)', () => {
  it.each([[['rules', '--no-color']], [['rules', 'kz', '--color']], [['--no-color', 'rules', 'kz']], [['rules', '--json', '--no-color']]])('%j', async (args) => {
    const plain = await run(args.filter((a) => a !== '--color' && a !== '--no-color'))
    const r = await run(args)
    expect([r.exitCode, r.stderr]).toEqual([0, ''])
    expect(r.stdout).toBe(plain.stdout)
    expect(r.stdout.length).toBeGreaterThan(100)
  })
})

describe('a bad rules file and bad inputs: every problem listed together (QA: the inputs\' came only once the rules file was mended)', () => {
  const files = { 'bad.yaml': 'rules:\n  - id: Bad\n    constraints: []\n', 'trips.csv': 'entry,exit\n2024-01-01,2024-02-30\n' }
  it.each([[[]], [['plan']]])('%j', async (command) => {
    const r = await run([...command, 'trips.csv', 'nope.csv', '--rules-file', 'bad.yaml', '--trip', '2024-02-30..', '--on', '2024-06-01'], { files })
    expect([r.exitCode, r.stdout]).toEqual([2, ''])
    const places = [...r.stderr.matchAll(/^ {2}(\S+?):? /gm)].map((m) => m[1])
    expect(r.stderr).toMatch(/^stay-calc: 6 problems in the input\n/)
    expect(places).toEqual(['bad.yaml:2', 'bad.yaml:2', 'bad.yaml:3', 'trips.csv:2', 'nope.csv', '--trip'])
  })
})
