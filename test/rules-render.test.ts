/** `stay-calc rules`, `stay-calc rules ID` and the README table, written out by hand. */
import { describe, expect, it } from 'vitest'
import { day } from '../src/day.js'
import { renderRuleDetail, renderRulesList, ruleJson, rulesMarkdownTable } from '../src/render/rules.js'
import { PRESETS, requireRule } from '../src/rules/index.js'
import type { Rule } from '../src/rules/types.js'

const custom: Rule = {
  id: 'my-visa',
  aliases: ['mv'],
  label: 'My visa | test',
  countFrom: day('2024-01-01'),
  validFrom: day('2024-01-01'),
  validTo: null,
  dayCounting: 'midnight',
  constraints: [
    { kind: 'per-visit', limit: 6, unit: 'months' },
    { kind: 'year', threshold: 183, yearStart: { month: 4, day: 6 }, validFrom: day('2025-01-01'), validTo: day('2025-12-31') },
  ],
  source: 'Decree 1, Art. 2',
  confidence: 'unverified',
  notes: ['First note.', 'Second note.'],
}

describe('rules list', () => {
  it('gives one line per rule: id, label and the constraints in a few words', () => {
    expect(renderRulesList([requireRule('schengen'), custom, requireRule('ru')])).toBe(
      [
        'schengen  Schengen area short stay (90 days in any 180) · rolling 90/180 from 2013-10-18',
        'my-visa   My visa | test · per visit 6 months + ≥183 per year from 04-06 (from 2025-01-01 until 2025-12-31)',
        'ru        Russia, visa-free stay (90 per calendar year and 90 continuous from 2025; 90 in any 180 before) · rolling 90/180 until 2024-12-31; 90 per calendar year from 2025-01-01; continuous 90',
        '',
      ].join('\n'),
    )
  })

  it('lists every preset', () => {
    const lines = renderRulesList(PRESETS).trimEnd().split('\n')
    expect(lines.map((l) => l.split(' ')[0])).toEqual(PRESETS.map((r) => r.id))
  })
})

describe('rule detail', () => {
  it('explains constraints with validity, count start, day counting, source, confidence and notes', () => {
    expect(renderRuleDetail(custom)).toBe(
      [
        'my-visa: My visa | test',
        'Also: mv',
        '',
        'Constraints (all must hold; a threshold holds while it is not reached):',
        '  - 6 months per visit (entry day is day 1)',
        '  - 183 days in the year from 6 April reach the threshold, from 2025-01-01 until 2025-12-31',
        'In force: from 2024-01-01',
        'Counts from: 2024-01-01 (earlier presence is ignored)',
        'Day counting: midnights: a day counts if present at its end, so the departure day does not count',
        'Source: Decree 1, Art. 2',
        'Confidence: unverified: sources conflict or the reading is ambiguous; the conservative reading is used',
        'Notes:',
        '  - First note.',
        '  - Second note.',
        '',
      ].join('\n'),
    )
  })

  it('explains a preset with its legal source', () => {
    const text = renderRuleDetail(requireRule('us-spt'))
    expect(text).toContain('  - weighted days (1, 1/3, 1/6) reach 183, with at least 31 in the current calendar year\n')
    expect(text).toContain('Counts from: all recorded presence\n')
    expect(text).toContain('Day counting: calendar days: any presence on a date counts, entry and exit days included\n')
    expect(text).toContain('Source: 26 U.S.C. §7701(b)(3)')
    expect(text).toContain('Confidence: official: ')
  })

  it('renders every preset with all its notes', () => {
    for (const rule of PRESETS) {
      const text = renderRuleDetail(rule)
      for (const note of rule.notes) expect(text).toContain(`  - ${note}\n`)
      expect(text).toContain(`Source: ${rule.source}\n`)
    }
  })
})

describe('per-visit caps by entry day', () => {
  const scoped: Rule = {
    ...custom,
    id: 'scoped',
    aliases: [],
    constraints: [
      { kind: 'per-visit', limit: 30, entriesUntil: day('2024-07-14') },
      { kind: 'per-visit', limit: 60, entriesFrom: day('2024-07-15'), validTo: day('2030-12-31') },
    ],
  }

  it('says which entries each cap is for, in listings and in the detail', () => {
    expect(renderRulesList([scoped])).toBe(
      'scoped  My visa | test · per visit 30 (for entries until 2024-07-14) + per visit 60 (for entries from 2024-07-15, checked until 2030-12-31)\n',
    )
    const text = renderRuleDetail(scoped)
    expect(text).toContain('  - 30 days per visit (entry day is day 1), for entries until 2024-07-14\n')
    expect(text).toContain('  - 60 days per visit (entry day is day 1), for entries from 2024-07-15, checked until 2030-12-31\n')
    expect(renderRuleDetail(requireRule('th'))).toContain('  - 30 days per visit (entry day is day 1), for entries until 2024-07-14\n')
  })

  it('gives them as dates in the JSON catalogue, null when not set', () => {
    const json = ruleJson(scoped)
    expect(json.constraints).toEqual([
      { kind: 'per-visit', limit: 30, id: 'per-visit:30d', label: '30 days per visit (entry day is day 1)', validFrom: null, validTo: null, entriesFrom: null, entriesUntil: '2024-07-14', inForce: null },
      { kind: 'per-visit', limit: 60, id: 'per-visit:60d', label: '60 days per visit (entry day is day 1)', validFrom: null, validTo: '2030-12-31', entriesFrom: '2024-07-15', entriesUntil: null, inForce: null },
    ])
    expect(Object.keys(ruleJson(requireRule('schengen')).constraints[0] ?? {})).toEqual(['kind', 'limit', 'window', 'id', 'label', 'validFrom', 'validTo', 'inForce'])
  })

  it('--on: which constraints are checked that day, by validity and, for a cap by entry date, a visit entered then', () => {
    const on = (d: string) => ruleJson(scoped, day(d)).constraints.map((c) => c.inForce)
    expect(on('2024-07-14')).toEqual([true, false])
    expect(on('2024-07-15')).toEqual([false, true])
    expect(on('2031-01-01')).toEqual([false, false])
    expect(ruleJson(scoped, day('2031-01-01')).inForce).toBe(false)
    expect(renderRulesList([requireRule('ua')], day('2015-04-07'))).toContain('· not in force on 2015-04-07')
    expect(renderRulesList([requireRule('ua')], day('2015-04-08'))).toContain('· on 2015-04-08: rolling 90/180')
    expect(renderRuleDetail(requireRule('ru'), day('2025-01-01'))).toContain('On 2025-01-01: 90 per calendar year + continuous 90')
  })
})

describe('README table', () => {
  it('has a row per rule, pipes escaped', () => {
    expect(rulesMarkdownTable([requireRule('uk-srt'), custom])).toBe(
      [
        '| Rule | What it is | Constraints | Counts | Confidence |',
        '| --- | --- | --- | --- | --- |',
        '| `uk-srt` | UK tax residence, Statutory Residence Test (183 midnights in the tax year from 6 April) | threshold 183 midnights per tax year (6 April) | midnight | official |',
        '| `my-visa` | My visa \\| test | per visit 6 months + ≥183 per year from 04-06 (from 2025-01-01 until 2025-12-31) | midnight, from 2024-01-01 | unverified |',
        '',
      ].join('\n'),
    )
  })
})

describe('the JSON catalogue keeps one key order', () => {
  it('for every constraint of every preset, with or without its own validity', () => {
    const base = ['id', 'label', 'validFrom', 'validTo']
    for (const rule of PRESETS) {
      for (const c of ruleJson(rule).constraints) {
        const keys = Object.keys(c)
        expect(keys.slice(keys.indexOf('id'), keys.indexOf('id') + 4), rule.id).toEqual(base)
        expect(keys.at(-1)).toBe('inForce')
      }
    }
  })
})
