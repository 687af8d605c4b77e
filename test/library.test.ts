/** The library API (src/index.ts, the package's main export) works without the CLI. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import * as lib from '../src/index.js'

describe('library API', () => {
  it('parse → check → assess → render, with no process, clock or files', () => {
    const parsed = lib.parseCsv('entry,exit\n2024-01-05,2024-02-20\n2024-05-01,\n', 'trips.csv')
    expect(parsed.problems).toEqual([])
    const on = lib.day('2024-06-01')
    const { stays, warnings, problems } = lib.checkStays(parsed.stays, on)
    expect(problems).toEqual([])
    const report = lib.assess({ stays, rule: lib.requireRule('schengen'), on, warnings })
    // 47 days (Jan 5 – Feb 20) + 32 days (May 1 – Jun 1) in the window 2023-12-05 … 2024-06-01.
    expect(report.daysUsed).toBe(79)
    expect(lib.reportJson(report)).toMatchObject({ daysUsed: 79, daysRemaining: 11, latestExit: '2024-06-12' })
    expect(lib.renderText(report, { color: false })).toContain('Latest legal exit: 2024-06-12')
  })

  it('a country log: parse → check → assessZones, typed without a cast (isCountryStay; QA)', () => {
    const parsed = lib.parseCsv('date,country,direction\n2024-05-01,FR,in\n2024-05-10,FR,out\n', 'log.csv')
    expect(parsed.problems).toEqual([])
    const on = lib.day('2024-06-01')
    const checked = lib.checkStays(parsed.stays, on)
    const stays: lib.CountryStay[] = checked.stays.filter(lib.isCountryStay)
    expect(stays).toHaveLength(checked.stays.length)
    const report = lib.assessZones({ stays, on })
    expect(report.zones.find((z) => z.zone.id === 'schengen')).toMatchObject({ report: { daysUsed: 10 } })
  })

  it('a stay the caller did not check: a RangeError naming checkStays, not an internal error (QA)', () => {
    const rule = lib.requireRule('schengen')
    const backwards = { entry: lib.day('2024-02-10'), exit: lib.day('2024-02-01'), source: { file: 'mine' } }
    expect(() => lib.assess({ stays: [backwards], rule, on: lib.day('2024-03-01') })).toThrow(RangeError)
    expect(() => lib.assess({ stays: [backwards], rule, on: lib.day('2024-03-01') })).toThrow(/checkStays/)
    // checkStays reports it as a problem instead
    expect(lib.checkStays([backwards], lib.day('2024-03-01')).problems.length).toBeGreaterThan(0)
    expect(() => lib.day('2024-02-30')).toThrow(RangeError)
  })

  it('exposes the rules catalogue and the version', () => {
    expect(lib.RULE_IDS).toContain('kz')
    expect(lib.VERSION).toMatch(/^\d+\.\d+\.\d+/)
  })
})

describe('the README example', () => {
  it('runs as shown and prints what its comment says', async () => {
    const readme = readFileSync('README.md', 'utf8')
    const code = /<!-- library-example -->\n```js\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(code, 'README: the library example').toBeDefined()
    const dir = mkdtempSync(join(tmpdir(), 'stay-calc-lib-'))
    const file = join(dir, 'example.mjs')
    // As a user of the package: `stay-calc` is this repository's build.
    writeFileSync(file, code!.replace("from 'stay-calc'", `from ${JSON.stringify(pathToFileURL(resolve('dist/index.js')).href)}`))
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    const printed = /console\.log\(.*\/\/ (.*)$/m.exec(code!)?.[1]
    expect(r.stdout.trim()).toBe(printed)
  })

  it('type-checks against the built types in a project without Node typings (QA: they needed @types/node)', () => {
    const code = /<!-- library-example -->\n```js\n([\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1] ?? ''
    const dir = mkdtempSync(join(tmpdir(), 'stay-calc-types-'))
    const file = join(dir, 'example.ts')
    // `console` is Node's or a browser's: declared here, so that nothing else needs either.
    writeFileSync(file, `declare const console: { log(...items: unknown[]): void }\n${code.replace("from 'stay-calc'", `from ${JSON.stringify(resolve('dist/index.js'))}`)}`)
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    })
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(errors).toEqual([])
    // A type of csv-parse or chalk would bring Node's in by a reference of its own, without an error here.
    expect(program.getSourceFiles().map((f) => f.fileName).filter((f) => f.includes('/node_modules/') && !f.includes('/node_modules/typescript/lib/'))).toEqual([])
  })
})
