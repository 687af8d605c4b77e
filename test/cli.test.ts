/** The CLI in-process: each case asserts exit code, stdout and stderr together. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { run } from './helpers/io.js'

const SCHENGEN_CSV = 'entry,exit\n2024-01-05,2024-02-20\n2024-05-01,\n'

describe('help and version', () => {
  it('--help prints the usage block the README quotes, verbatim', async () => {
    const r = await run(['--help'])
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toBe('')
    const readme = readFileSync('README.md', 'utf8')
    const block = /<!-- usage:start -->\n```text\n([\s\S]*?)```\n<!-- usage:end -->/.exec(readme)?.[1]
    expect(block, 'README has a usage block between usage:start/usage:end markers').toBeDefined()
    expect(r.stdout).toBe(block)
  })

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    for (const args of [['--version'], ['-V'], ['examples/crossings.csv', '--version'], ['--version', 'plan'], ['--version', 'rules', 'kz']]) {
      const r = await run(args)
      expect(r).toMatchObject({ exitCode: 0, stdout: `${pkg.version}\n`, stderr: '' })
    }
  })

  it('--version beside an unknown flag refuses the flag, as without it (QA: it printed the version, exit 0)', async () => {
    for (const args of [['--bogus', '--version'], ['--version', '--bogus']]) {
      const r = await run(args)
      expect([r.exitCode, r.stdout], args.join(' ')).toEqual([2, ''])
      expect(r.stderr).toContain("unknown option '--bogus'")
    }
  })

  it('every command line in the README and --help examples runs with the documented exit code', async () => {
    const help = (await run(['--help'])).stdout
    const commands = [...help.matchAll(/^\s+\$ stay-calc (.*)$/gm)].map((m) => m[1]!)
    expect(commands.length).toBeGreaterThanOrEqual(4)
    for (const line of commands) {
      if (line.includes('|')) continue // pipelines are exercised by the stdin test below
      const r = await run(line.split(/\s+/))
      expect([0, 1], `${line}\n${r.stderr}`).toContain(r.exitCode)
    }
  })
})

describe('usage errors exit 2 with a hint and nothing on stdout', () => {
  it.each([
    { name: 'unknown option', args: ['--frobnicate'], err: /unknown option '--frobnicate'/ },
    { name: 'unknown rule', args: ['--trip', '2024-01-01..2024-01-02', '--rule', 'mars'], err: /unknown rule "mars"; expected one of: schengen, kz, / },
    { name: 'bad --on', args: ['--trip', '2024-01-01..2024-01-02', '--on', '2024-13-01'], err: /invalid --on date "2024-13-01"/ },
    { name: 'no input', args: ['--on', '2024-06-01'], err: /no stays given: .* \(no stays yet: a file of only the header line entry,exit\)/ },
    { name: 'limit not below window', args: ['--trip', '2024-01-01..', '--limit', '200', '--window', '180'], err: /--limit 200 must be smaller than --window 180/ },
    { name: 'limit not a number', args: ['--trip', '2024-01-01..', '--limit', 'ninety'], err: /--limit takes a whole number of days ≥ 1, got "ninety"/ },
    // 10^11 days ran for minutes, then crashed V8 out of memory (QA); 100 years is the most.
    { name: 'window of 10^11 days', args: ['--trip', '2024-01-01..', '--window', '99999999999', '--limit', '99'], err: /--window takes at most 36525 days, got "99999999999"/ },
    { name: 'limit past 100 years', args: ['--trip', '2024-01-01..', '--window', '36525', '--limit', '36526'], err: /--limit takes at most 36525 days, got "36526"/ },
    { name: 'rule with limit', args: ['--trip', '2024-01-01..', '--rule', 'kz', '--limit', '30'], err: /drop --rule or drop --limit/ },
  ])('$name', async ({ args, err }) => {
    const r = await run(args)
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(err)
    expect(r.stderr).toMatch(/stay-calc --help/)
  })
})

describe('input errors', () => {
  it('reports every bad row of every file together, exit 2, no stack, nothing on stdout', async () => {
    const r = await run(['a.csv', 'b.csv', 'missing.csv'], {
      files: { 'a.csv': 'entry,exit\n2024-01-05,2024-02-30\n2024-03-10,2024-03-01\n', 'b.csv': 'entry,exit\n2024-05-01,2024-05-02\n03/04/2024,\n' },
    })
    expect(r.exitCode).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^stay-calc: 4 problems in the input\n/)
    expect(r.stderr).toContain('a.csv:2: invalid exit date "2024-02-30"')
    expect(r.stderr).toContain('a.csv:3:')
    expect(r.stderr).toContain('b.csv:3: ambiguous')
    expect(r.stderr).toContain('missing.csv: cannot read "missing.csv"')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('input the QA review found mishandled', () => {
  it('rows whose first value starts with # are reported, not dropped as comments (exit 2)', async () => {
    const r = await run(['hash.csv', '--on', '2024-06-01'], { files: { 'hash.csv': 'trip,entry,exit\n#1 Paris,2024-01-05,2024-02-20\n#2 Berlin,2024-05-01,\n' } })
    const problem = (line: number, value: string) =>
      `  hash.csv:${line}: a line starting with # that reads as a row\n` +
      `    lines starting with # are comments, but this one has the header's 3 fields, and "${value}" may be a value of the "trip" column\n` +
      `    expected "${value}" in quotes if it is a row; if it is a comment, the line above the header line, or deleted\n`
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: `stay-calc: 2 problems in the input\n${problem(2, '#1 Paris')}${problem(3, '#2 Berlin')}` })
  })

  it('the same crossings file given twice: each crossing read once, each copy a warning (exit 0)', async () => {
    const r = await run(['examples/crossings.csv', 'examples/crossings.csv', '--on', '2024-06-01'])
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain(
      [
        'Warnings (5)',
        '  duplicate entry on 2024-01-05, also in an earlier file (or the same file given twice); it is read once  examples/crossings.csv:3, examples/crossings.csv:3',
        '  duplicate exit on 2024-02-20, also in an earlier file (or the same file given twice); it is read once  examples/crossings.csv:4, examples/crossings.csv:4',
        '  duplicate entry on 2024-05-01, also in an earlier file (or the same file given twice); it is read once  examples/crossings.csv:5, examples/crossings.csv:5',
        '  duplicate exit on 2024-05-12, also in an earlier file (or the same file given twice); it is read once  examples/crossings.csv:6, examples/crossings.csv:6',
        '  duplicate entry on 2024-05-12, also in an earlier file (or the same file given twice); it is read once  examples/crossings.csv:7, examples/crossings.csv:7',
      ].join('\n'),
    )
    // The stays as for the file given once.
    expect(r.stdout).toContain('Stays (3)\n  2024-01-05 – 2024-02-20    47 days  examples/crossings.csv:3\n')
    // Counted once: as for the file given once.
    expect(r.stdout).toContain('Window 2023-12-05 – 2024-06-01: 79 of 90 days used, 11 remaining\nLatest legal exit: 2024-06-12')
  })

  it('a UTF-16 file: one problem saying so (exit 2)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCHENGEN_CSV, 'utf16le')]).toString('utf8')
    const r = await run(['u16.csv', '--on', '2024-06-01'], { files: { 'u16.csv': utf16 } })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toBe(
      'stay-calc: 1 problem in the input\n' +
        '  u16.csv: the file is UTF-16 text; stay-calc reads UTF-8\n' +
        '    in UTF-16 each letter of the header comes with a NUL byte (Excel\'s "Unicode Text" is UTF-16)\n' +
        '    expected the file saved as UTF-8: Excel\'s "CSV UTF-8" (Save As), or the UTF-8 encoding in a text editor\n',
    )
  })

  it("Excel's sep=; first line sets the delimiter; line numbers count it", async () => {
    const r = await run(['excel.csv', '--on', '2024-06-01', '--json'], { files: { 'excel.csv': 'sep=;\r\nEntry;Exit;Notes, more\r\n2024-01-05;2024-02-20;Paris, France\r\n' } })
    expect(r).toMatchObject({ exitCode: 0, stderr: '' })
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 47, stays: [{ source: 'excel.csv:3' }] })
  })
})

describe('--on and --admit-until read --date-format, and YYYY-MM-DD whatever it is', () => {
  const files = { 'd.csv': 'entry,exit\n05/01/2024,20/01/2024\n' }
  it.each([
    ['01/06/2024 in dd/MM/yyyy', ['--on', '01/06/2024'], '2024-06-01'],
    ['2024-06-01, ISO, with the format given', ['--on', '2024-06-01'], '2024-06-01'],
  ])('--on %s', async (_, on, expected) => {
    const r = await run(['d.csv', '--date-format', 'dd/MM/yyyy', ...on, '--json'], { files })
    expect(r.exitCode).toBe(0)
    const out = JSON.parse(r.stdout) as { on: string; stays: { entry: string; exit: string }[] }
    expect([out.on, out.stays[0]!.entry, out.stays[0]!.exit]).toEqual([expected, '2024-01-05', '2024-01-20'])
  })

  it('YYYY-MM-DD is read as such whatever the format (yyyy-dd-MM would make 2024-06-01 6 January)', async () => {
    const r = await run(['--trip', '2024-05-01..2024-10-05', '--date-format', 'yyyy-dd-MM', '--on', '2024-06-01', '--json'])
    expect((JSON.parse(r.stdout) as { on: string }).on).toBe('2024-06-01')
  })

  it('an unusable --date-format is the problem named, not the --on date', async () => {
    const r = await run(['d.csv', '--date-format', 'dd/MM', '--on', '01/06/2024'], { files })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/^stay-calc: --date-format "dd\/MM" does not give a full date/)
  })

  it('without the format, 01/06/2024 is still refused as ambiguous', async () => {
    const r = await run(['d.csv', '--on', '01/06/2024'], { files: { 'd.csv': 'entry,exit\n2024-01-05,2024-01-20\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('invalid --on date "01/06/2024": it could be 1 June or 6 January')
  })

  it('--admit-until in the format', async () => {
    const r = await run(['d.csv', '--date-format', 'dd/MM/yyyy', '--on', '10/01/2024', '--admit-until', '15/01/2024', '--rule', 'us-esta', '--json'], { files: { 'd.csv': 'entry,exit\n05/01/2024,\n' } })
    const out = JSON.parse(r.stdout) as { stays: { until: string | null }[] }
    expect(out.stays[0]!.until).toBe('2024-01-15')
  })
})

describe('reports', () => {
  it('text report: an overstay in the history exits 1; --exit-zero exits 0 with the same output', async () => {
    const files = { 't.csv': 'entry,exit\n2024-01-01,2024-03-31\n' } // 91 days: 2024-03-31 is day 91
    const r = await run(['t.csv', '--on', '2024-04-10'], { files })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('2024-03-31 – 2024-03-31  1 day, peak 91 days counted (1 over)')
    const z = await run(['t.csv', '--on', '2024-04-10', '--exit-zero'], { files })
    expect(z.exitCode).toBe(0)
    expect(z.stdout).toBe(r.stdout)
  })

  it('--json from stdin: the contract keys in order, dates as YYYY-MM-DD', async () => {
    const r = await run(['-', '--json', '--on', '2024-06-01'], { stdin: SCHENGEN_CSV })
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    expect(Object.keys(json).slice(0, 15)).toEqual([
      'schemaVersion', 'on', 'rule', 'inside', 'daysUsed', 'window', 'daysRemaining', 'overstayDays',
      'latestExit', 'latestExitBound', 'violations', 'stays', 'authorisedUntil', 'warnings', 'binding',
    ])
    // 2024-01-05..02-20 is 47 days, 2024-05-01..06-01 is 32 days: 79 used of 90 in [2023-12-05, 2024-06-01].
    expect(json).toMatchObject({
      schemaVersion: 1,
      on: '2024-06-01',
      rule: { id: 'schengen', limit: 90, window: 180, countFrom: null },
      inside: true,
      daysUsed: 79,
      window: { start: '2023-12-05', end: '2024-06-01' },
      daysRemaining: 11,
      overstayDays: 0,
      violations: [],
      stays: [
        { entry: '2024-01-05', exit: '2024-02-20', days: 47, source: '<stdin>:2' },
        { entry: '2024-05-01', exit: null, days: 32, source: '<stdin>:3' },
      ],
      warnings: [],
    })
  })

  it('the reference date defaults to the injected clock', async () => {
    const r = await run(['--trip', '2024-05-01..', '--json'], { today: '2024-05-10' })
    expect(JSON.parse(r.stdout)).toMatchObject({ on: '2024-05-10', daysUsed: 10 })
  })

  it('--limit/--window make a custom rolling rule', async () => {
    const r = await run(['--trip', '2024-01-01..2024-01-10', '--limit', '5', '--window', '30', '--on', '2024-01-10', '--json'])
    // Days 6..10 of the stay each see more than 5 days in their 30-day window.
    expect(r.exitCode).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ rule: { id: 'custom', limit: 5, window: 30 }, violations: [{ start: '2024-01-06', end: '2024-01-10', peakDaysUsed: 10 }] })
  })
})

describe('colour', () => {
  const args = ['--trip', '2024-01-01..2024-01-10', '--on', '2024-01-10']
  const ESC = '\u001b['
  it.each([
    { name: 'piped output is plain', tty: false, env: {}, extra: [], colour: false },
    { name: 'a terminal gets colour', tty: true, env: {}, extra: [], colour: true },
    { name: 'NO_COLOR wins over a terminal', tty: true, env: { NO_COLOR: '1' }, extra: [], colour: false },
    { name: '--no-color wins over a terminal', tty: true, env: {}, extra: ['--no-color'], colour: false },
    { name: 'FORCE_COLOR colours a pipe', tty: false, env: { FORCE_COLOR: '1' }, extra: [], colour: true },
    { name: 'FORCE_COLOR=0 keeps a terminal plain', tty: true, env: { FORCE_COLOR: '0' }, extra: [], colour: false },
    { name: 'an empty NO_COLOR is not set', tty: true, env: { NO_COLOR: '' }, extra: [], colour: true },
    { name: 'TERM=dumb is no colour terminal', tty: true, env: { TERM: 'dumb' }, extra: [], colour: false },
    { name: '--color colours a pipe despite NO_COLOR', tty: false, env: { NO_COLOR: '1' }, extra: ['--color'], colour: true },
  ])('$name', async ({ tty, env, extra, colour }) => {
    const r = await run([...args, ...extra], { tty, env })
    expect(r.stdout.includes(ESC)).toBe(colour)
  })
  it('--json never has colour', async () => {
    const r = await run([...args, '--json'], { tty: true })
    expect(r.stdout.includes(ESC)).toBe(false)
  })
})

describe('internal errors', () => {
  it('a bug exits 70 with a report link and no stack unless DEBUG=stay-calc', async () => {
    const { fakeIo } = await import('./helpers/io.js')
    const { main } = await import('../src/cli.js')
    for (const debug of [false, true]) {
      const { io, err } = fakeIo({ env: debug ? { DEBUG: 'stay-calc' } : {} })
      const broken = { ...io, stdout: () => { throw new Error('boom') } }
      const code = await main(['--trip', '2024-01-01..2024-01-02', '--on', '2024-01-02'], broken)
      expect(code).toBe(70)
      const text = err.join('')
      expect(text).toMatch(/^stay-calc: internal error: boom\nThis is a bug in stay-calc/)
      expect(/\n\s+at /.test(text)).toBe(debug)
    }
  })
})

describe('large inputs', () => {
  // 150,000 rows once overflowed the stack (an argument spread of every row): exit 70.
  const rows = (row: string, n: number) => `entry,exit\n${`${row}\n`.repeat(n)}`
  it('150,000 identical stays: one day counted once, exit 0', async () => {
    const r = await run(['big.csv', '--on', '2024-06-01', '--json'], { files: { 'big.csv': rows('2024-01-01,2024-01-02', 150_000) } })
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ daysUsed: 2 })
  })
  it('150,000 bad rows: all reported, exit 2', async () => {
    const r = await run(['bad.csv', '--on', '2024-06-01'], { files: { 'bad.csv': rows('2024-02-30,2024-03-01', 150_000) } })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toMatch(/^stay-calc: 150000 problems in the input\n/)
  })
})

describe('input sources', () => {
  it('standard input can be given once', async () => {
    const r = await run(['-', '-', '--on', '2024-06-01'], { stdin: 'entry,exit\n2024-01-01,2024-01-05\n' })
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toMatch(/standard input \(-\) can be given once/)
  })
  it('an unreadable rules file says what was expected', async () => {
    const r = await run(['--trip', '2024-01-01..2024-01-02', '--rules-file', 'nope.yaml'])
    expect(r.stderr).toContain('expected a readable JSON or YAML rules file')
  })
})

describe('text from the input in a message is escaped on every line of it', () => {
  it('a date cell with a line break and an ESC (--date-format): the detail line cannot forge a problem or drive the terminal', async () => {
    const files = { 'b4.csv': 'date,direction\n"05/01/2024\n  b4.csv:9: forged problem",in\n05/01/2024\u001b[2J\u001b[31mRED,out\n' }
    const r = await run(['b4.csv', '--on', '2024-06-01', '--date-format', 'dd/MM/yyyy'], { files })
    const forged = String.raw`"05/01/2024\n  b4.csv:9: forged problem"`
    const esc = String.raw`"05/01/2024\u001b[2J\u001b[31mRED"`
    expect(r).toMatchObject({ exitCode: 2, stdout: '' })
    expect(r.stderr).toBe(
      'stay-calc: 2 problems in the input\n' +
        `  b4.csv:2: invalid entry date ${forged}\n    the input ${forged} can't be parsed as format dd/MM/yyyy\n    expected a date like 28/02/2024 (--date-format dd/MM/yyyy)\n` +
        `  b4.csv:4: invalid exit date ${esc}\n    the input ${esc} can't be parsed as format dd/MM/yyyy\n    expected a date like 28/02/2024 (--date-format dd/MM/yyyy)\n`,
    )
  })

  it('a right-to-left override or a line separator in a quoted value is escaped too (JSON leaves them raw)', async () => {
    const r = await run(['x.csv', '--on', '2024-06-01'], { files: { 'x.csv': 'entry,exit\n2024-01-05\u202e,2024-01\u2028-06\n' } })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain(String.raw`x.csv:2: invalid entry date "2024-01-05\u202e"`)
    expect(r.stderr).toContain(String.raw`x.csv:2: invalid exit date "2024-01\u2028-06"`)
    expect(/[\u202e\u2028]/.test(r.stderr)).toBe(false)
  })
})

describe('a file name is shown escaped in every report, and kept as it is in JSON (QA)', () => {
  // An ESC and a line break in a file's name: shown raw, they drove the terminal and split a stay's line.
  const name = 'esc\u001b[31mred\nline.csv'
  const files = { [name]: 'entry,exit\n2024-01-01,2024-05-01\n' }
  const shown = String.raw`esc\u001b[31mred\nline.csv:2`

  it.each([
    ['text', [] as string[]],
    ['--explain', ['--explain']],
    ['github', ['--format', 'github']],
    ['text table', ['--batch']],
  ])('%s', async (_, extra) => {
    const r = await run(['--on', '2024-06-01', ...extra, '--', name], { files })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain(extra.includes('--batch') ? shown.slice(0, -2) : shown)
    // GitHub's file= is the path as its toolkit escapes it (% \r \n : ,), for the annotation's link.
    const shownText = r.stdout.replace(/^::error file=[^,]*,/gm, '')
    expect(shownText.includes('\u001b') || shownText.includes('red\nline')).toBe(false)
  })

  it('--json: the name as given', async () => {
    const r = await run(['--on', '2024-06-01', '--json', '--', name], { files })
    expect((JSON.parse(r.stdout) as { stays: { source: string }[] }).stays[0]!.source).toBe(`${name}:2`)
  })
})

describe('"1 day", never "1 days" (QA: a limit of 1)', () => {
  it('in the window line, the explanation, the timeline and the JSON label', async () => {
    const r = await run(['--limit', '1', '--window', '7', '--trip', '2024-05-30..2024-05-30', '--trip', '2024-06-01..', '--on', '2024-06-01', '--explain', '--timeline'])
    expect(r.stdout).toContain('over the limit of 1 day in any 7-day window.')
    expect(r.stdout).toContain('Timeline · days counted, 1 day in any 7-day window')
    expect(r.stdout).not.toMatch(/\b1 days\b/)
    const json = await run(['--limit', '1', '--window', '7', '--trip', '2024-05-30..2024-05-30', '--on', '2024-06-01', '--json'])
    expect((JSON.parse(json.stdout) as { constraints: { label: string }[] }).constraints[0]!.label).toBe('1 day in any 7-day window')
  })
})

describe('wording a reviewer found wanting (QA, README pass)', () => {
  it("commander's own errors speak as stay-calc, and name the command that has the option", async () => {
    const explain = await run(['plan', '--trip', '2024-01-01..2024-01-05', '--on', '2024-06-01', '--explain'])
    expect(explain).toMatchObject({ exitCode: 2, stdout: '' })
    expect(explain.stderr).toBe("stay-calc: unknown option '--explain' (an option of stay-calc)\n(run stay-calc --help for usage)\n")
    const days = await run(['--trip', '2024-01-01..2024-01-05', '--days', '3'])
    expect(days.stderr.split('\n')[0]).toBe("stay-calc: unknown option '--days' (an option of stay-calc plan)")
    const bogus = await run(['--bogus'])
    expect(bogus.stderr.split('\n')[0]).toBe("stay-calc: unknown option '--bogus'")
    const valued = await run(['--trip', '2024-01-01..2024-01-05', '--exit-zero=true'])
    expect(valued.stderr.split('\n')[0]).toBe("stay-calc: --exit-zero takes no value (got '--exit-zero=true'; an option of stay-calc and stay-calc plan)")
    // Not "unknown", and no "Did you mean --explain?" of the flag itself; under plan, whose it is.
    const explained = await run(['--trip', '2024-01-01..2024-01-05', '--explain=1'])
    expect(explained.stderr).toBe("stay-calc: --explain takes no value (got '--explain=1'; an option of stay-calc)\n(run stay-calc --help for usage)\n")
    const planExplained = await run(['plan', '--trip', '2024-01-01..2024-01-05', '--explain=1'])
    expect(planExplained.stderr.split('\n')[0]).toBe("stay-calc: --explain takes no value (got '--explain=1'; an option of stay-calc)")
    // plan's --rule takes no ZONE=ID (plan reads no country column): its help does not offer it (QA).
    const planHelp = await run(['plan', '--help'])
    expect(planHelp.stdout).toContain('rule to check (repeatable; default: schengen); list')
    expect(planHelp.stdout).not.toContain('ZONE=ID')
    // plan reads no country column, so it takes no --home (QA: its --help listed one it always refused).
    const home = await run(['plan', '--home', 'GB', '--trip', '2024-01-01..2024-01-05', '--on', '2024-06-01'])
    expect([home.exitCode, home.stderr.split('\n')[0]]).toEqual([2, "stay-calc: unknown option '--home' (an option of stay-calc)"])
    expect((await run(['plan', '--help'])).stdout).not.toContain('--home')
  })

  it('--json tells its warnings on stderr too; the text report only in itself', async () => {
    const files = { 'a.csv': 'entry,exit\n2024-01-05,2024-02-20\n' }
    const json = await run(['a.csv', 'a.csv', '--on', '2024-06-01', '--json'], { files })
    expect(json.exitCode).toBe(0)
    expect((JSON.parse(json.stdout) as { warnings: unknown[] }).warnings).toHaveLength(1)
    expect(json.stderr).toBe(
      'stay-calc: 1 warning (in the JSON\'s "warnings" too)\n  a.csv:2: duplicate stay 2024-01-05..2024-02-20; each day is counted once\n    read from a.csv:2, not from this row\n',
    )
    const text = await run(['a.csv', 'a.csv', '--on', '2024-06-01'], { files })
    expect(text.stderr).toBe('')
    expect(text.stdout).toContain('Warnings (1)')
  })

  it('a per-visit headline says "Visit", or that none is under way, not a one-day window', async () => {
    const outside = await run(['--trip', '2024-01-01..2024-01-10', '--rule', 'kz-visa-free', '--on', '2024-06-01'])
    expect(outside.stdout).toContain('No visit under way on 2024-06-01: 0 of 30 days used, 30 remaining\n')
    const inside = await run(['--trip', '2024-05-20..', '--rule', 'kz-visa-free', '--on', '2024-06-01'])
    // 2024-05-20 … 06-01 is 13 days of 30; the 90/180 window has as many.
    expect(inside.stdout).toContain('Visit 2024-05-20 – 2024-06-01: 13 of 30 days used, 17 remaining\n')
    // Inside before the rule counts any day (QA: "No visit under way" beside a stay listed as inside).
    const early = await run(['--trip', '2023-01-20..', '--rule', 'kz-visa-free', '--on', '2023-01-25'])
    expect(early.stdout).toContain('Visit under way on 2023-01-25, no day of it counted yet: 0 of 30 days used')
    expect(early.stdout).not.toContain('No visit under way')
    // The constraints table lines its figures up after the longest label.
    const rows = inside.stdout.split('\n').filter((l) => / used, latest exit /.test(l))
    expect(rows).toHaveLength(2)
    expect(new Set(rows.map((l) => l.search(/\d+\/\d+ used/))).size).toBe(1)
  })

  it('a threshold test draws its line as "below 183", as the title counts it', async () => {
    const r = await run(['--trip', '2024-04-06..2024-09-30', '--rule', 'uk-srt', '--on', '2024-07-01', '--timeline'])
    expect(r.stdout).toMatch(/^ 182 ┼─+ below 183$/m)
    const schengen = await run(['--trip', '2024-01-05..2024-02-20', '--trip', '2024-05-01..', '--on', '2024-06-01', '--timeline'])
    expect(schengen.stdout).toMatch(/^ {2}90 ┼.* limit 90$/m)
  })

  it('rules ID --on DATE says the date once when nothing is in force', async () => {
    const r = await run(['rules', 'kz', '--on', '2015-01-01'])
    expect(r.stdout).toContain('\nOn 2015-01-01: not in force\n')
  })
})
