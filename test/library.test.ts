/** The library API (src/index.ts, the package's main export) works without the CLI. */
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

  it('exposes the rules catalogue and the version', () => {
    expect(lib.RULE_IDS).toContain('kz')
    expect(lib.VERSION).toMatch(/^\d+\.\d+\.\d+/)
  })
})
