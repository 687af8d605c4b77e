import { describe, expect, it } from 'vitest'
import { day, isoOf } from '../src/day.js'
import { formatProblem, formatSource } from '../src/errors.js'
import { checkStays } from '../src/parse/stays.js'
import type { SourceRef, Stay } from '../src/types.js'

/** A stay read from `file:line`; `exit` undefined for an open stay. */
function at(where: string, entry: string, exit?: string): Stay {
  const [file = '', line] = where.split(':')
  const source: SourceRef = line === undefined ? { flag: where } : { file, line: Number(line) }
  return { entry: day(entry), exit: exit === undefined ? null : day(exit), source }
}

function check(stays: Stay[], on = '2024-06-01') {
  const result = checkStays(stays, day(on))
  return {
    order: result.stays.map((s) => formatSource(s.source)),
    warnings: result.warnings.map((w) => `${w.code} ${w.message} [${w.sources.map(formatSource).join(', ')}]`),
    problems: result.problems.map(formatProblem),
  }
}

describe('checkStays: order and warnings', () => {
  it.each([
    {
      name: 'sorted by entry, input order kept for equal dates',
      stays: [at('a.csv:2', '2024-03-01', '2024-03-05'), at('a.csv:3', '2024-01-01', '2024-01-05'), at('b.csv:2', '2024-02-01', '2024-02-02')],
      order: ['a.csv:3', 'b.csv:2', 'a.csv:2'],
      warnings: [],
    },
    {
      name: 'same entry: the shorter stay first, the open one last',
      stays: [at('a.csv:2', '2024-03-01'), at('a.csv:3', '2024-03-01', '2024-03-05'), at('a.csv:4', '2024-03-01', '2024-03-01')],
      order: ['a.csv:4', 'a.csv:3', 'a.csv:2'],
      warnings: [
        'W_OVERLAP stays overlap on 2024-03-01..2024-03-05; each day is counted once [a.csv:3, a.csv:2]',
      ],
    },
    {
      name: 'same-day exit and re-entry is not an overlap',
      stays: [at('a.csv:2', '2024-03-01', '2024-03-10'), at('a.csv:3', '2024-03-10', '2024-03-20'), at('a.csv:4', '2024-03-20')],
      order: ['a.csv:2', 'a.csv:3', 'a.csv:4'],
      warnings: [],
    },
    {
      name: 'duplicate across two files',
      stays: [at('a.csv:2', '2024-03-01', '2024-03-05'), at('b.csv:7', '2024-03-01', '2024-03-05')],
      order: ['a.csv:2', 'b.csv:7'],
      warnings: ['W_DUPLICATE duplicate stay 2024-03-01..2024-03-05; each day is counted once [a.csv:2, b.csv:7]'],
    },
    {
      name: 'a one-day stay twice is a duplicate, not a re-entry',
      stays: [at('a.csv:2', '2024-03-01', '2024-03-01'), at('a.csv:3', '2024-03-01', '2024-03-01')],
      order: ['a.csv:2', 'a.csv:3'],
      warnings: ['W_DUPLICATE duplicate stay 2024-03-01..2024-03-01; each day is counted once [a.csv:2, a.csv:3]'],
    },
    {
      name: 'overlap between a file and a flag',
      stays: [at('--trip 2024-03-05..2024-03-20', '2024-03-05', '2024-03-20'), at('a.csv:2', '2024-03-01', '2024-03-10')],
      order: ['a.csv:2', '--trip 2024-03-05..2024-03-20'],
      warnings: [
        'W_OVERLAP stays overlap on 2024-03-05..2024-03-10; each day is counted once [a.csv:2, --trip 2024-03-05..2024-03-20]',
      ],
    },
    {
      name: 'overlap of a single day',
      stays: [at('a.csv:2', '2024-03-01', '2024-03-10'), at('a.csv:3', '2024-03-09', '2024-03-09')],
      order: ['a.csv:2', 'a.csv:3'],
      warnings: ['W_OVERLAP stays overlap on 2024-03-09..2024-03-09; each day is counted once [a.csv:2, a.csv:3]'],
    },
    {
      name: 'stays inside a long one are each named with it',
      stays: [at('a.csv:2', '2024-03-01', '2024-03-31'), at('a.csv:3', '2024-03-10', '2024-03-12'), at('a.csv:4', '2024-03-20', '2024-04-05')],
      order: ['a.csv:2', 'a.csv:3', 'a.csv:4'],
      warnings: [
        'W_OVERLAP stays overlap on 2024-03-10..2024-03-12; each day is counted once [a.csv:2, a.csv:3]',
        'W_OVERLAP stays overlap on 2024-03-20..2024-03-31; each day is counted once [a.csv:2, a.csv:4]',
      ],
    },
    {
      name: 'an open last stay entering during a recorded one',
      stays: [at('a.csv:3', '2024-03-01'), at('a.csv:2', '2024-02-20', '2024-03-05')],
      order: ['a.csv:2', 'a.csv:3'],
      warnings: ['W_OVERLAP stays overlap on 2024-03-01..2024-03-05; each day is counted once [a.csv:2, a.csv:3]'],
    },
    {
      name: 'a planned stay after the report date is fine',
      stays: [at('a.csv:2', '2024-07-01', '2024-07-10')],
      order: ['a.csv:2'],
      warnings: [],
    },
    {
      name: 'an open stay entering on the report date is fine',
      stays: [at('a.csv:2', '2024-06-01')],
      order: ['a.csv:2'],
      warnings: [],
    },
    { name: 'no stays', stays: [], order: [], warnings: [] },
    {
      name: 'a stay without an exit twice (the same file given twice) is a duplicate, not two open stays',
      stays: [at('a.csv:7', '2024-05-12'), at('a.csv:3', '2024-01-05', '2024-02-20'), at('a.csv:7', '2024-05-12'), at('a.csv:3', '2024-01-05', '2024-02-20')],
      order: ['a.csv:3', 'a.csv:3', 'a.csv:7', 'a.csv:7'],
      warnings: [
        'W_DUPLICATE duplicate stay 2024-01-05..2024-02-20; each day is counted once [a.csv:3, a.csv:3]',
        'W_DUPLICATE duplicate stay from 2024-05-12, still inside; each day is counted once [a.csv:7, a.csv:7]',
      ],
    },
    {
      name: 'three copies of an open stay, from a file and a flag',
      stays: [at('a.csv:2', '2024-05-12'), at('--trip 2024-05-12..', '2024-05-12'), at('b.csv:4', '2024-05-12')],
      order: ['a.csv:2', '--trip 2024-05-12..', 'b.csv:4'],
      warnings: [
        'W_DUPLICATE duplicate stay from 2024-05-12, still inside; each day is counted once [a.csv:2, --trip 2024-05-12..]',
        'W_DUPLICATE duplicate stay from 2024-05-12, still inside; each day is counted once [--trip 2024-05-12.., b.csv:4]',
      ],
    },
  ])('$name', ({ stays, order, warnings }) => {
    expect(check(stays)).toEqual({ order, warnings, problems: [] })
  })

  it('keeps duplicate and overlapping stays as recorded', () => {
    const stays = [at('a.csv:2', '2024-03-01', '2024-03-05'), at('a.csv:3', '2024-03-01', '2024-03-05'), at('a.csv:4', '2024-03-03', '2024-03-08')]
    expect(checkStays(stays, day('2024-06-01')).stays).toEqual(stays)
  })

  it('does not change the stays it is given', () => {
    const stays = [at('a.csv:2', '2024-03-01', '2024-03-05'), at('a.csv:3', '2024-01-01', '2024-01-05')]
    checkStays(stays, day('2024-06-01'))
    expect(stays.map((s) => isoOf(s.entry))).toEqual(['2024-03-01', '2024-01-01'])
  })
})

describe('checkStays: problems', () => {
  it.each([
    {
      name: 'open stay entering after the report date',
      stays: [at('a.csv:2', '2024-01-01', '2024-01-10'), at('a.csv:3', '2024-07-01')],
      problems: [
        'a.csv:3: stay without an exit starts after the report date\n  entry 2024-07-01 is after 2024-06-01, the date the report is for\n  expected an exit date for planned stays, or a later --on',
      ],
    },
    {
      name: 'open stay followed by a later stay',
      stays: [at('a.csv:2', '2024-03-01'), at('a.csv:3', '2024-04-01', '2024-04-05')],
      problems: [
        'a.csv:2: stay without an exit is not the last stay\n  entry 2024-03-01 has no exit, but a.csv:3 enters later, on 2024-04-01\n  expected an exit date on every stay but the last',
      ],
    },
    {
      name: 'two open stays, from a file and a flag',
      stays: [at('--trip 2024-04-01..', '2024-04-01'), at('a.csv:2', '2024-03-01')],
      problems: [
        'a.csv:2: stay without an exit is not the last stay\n  entry 2024-03-01 has no exit, and --trip 2024-04-01.. enters on 2024-04-01 without an exit too\n  expected an exit date on every stay but the last',
      ],
    },
  ])('$name', ({ stays, problems }) => {
    expect(check(stays).problems).toEqual(problems)
  })

  it('duplicate open stays followed by a later stay: the first of them is named, once', () => {
    const stays = [at('a.csv:2', '2024-03-01'), at('b.csv:2', '2024-03-01'), at('a.csv:3', '2024-04-01', '2024-04-05')]
    expect(check(stays)).toEqual({
      order: ['a.csv:2', 'b.csv:2', 'a.csv:3'],
      warnings: ['W_DUPLICATE duplicate stay from 2024-03-01, still inside; each day is counted once [a.csv:2, b.csv:2]'],
      problems: [
        'a.csv:2: stay without an exit is not the last stay\n  entry 2024-03-01 has no exit, but a.csv:3 enters later, on 2024-04-01\n  expected an exit date on every stay but the last',
      ],
    })
  })

  it('an open stay twice, after the report date: each row is a problem', () => {
    const result = checkStays([at('a.csv:2', '2024-07-01'), at('b.csv:2', '2024-07-01')], day('2024-06-01'))
    expect(result.problems.map((p) => [formatSource(p.source), p.code])).toEqual([
      ['a.csv:2', 'E_OPEN_AFTER_ON'],
      ['b.csv:2', 'E_OPEN_AFTER_ON'],
    ])
  })

  it('names an open stay once, however many stays follow it', () => {
    const stays = [at('a.csv:2', '2024-03-01'), at('a.csv:3', '2024-04-01', '2024-04-05'), at('a.csv:4', '2024-05-01', '2024-05-05')]
    const result = check(stays)
    expect(result.problems.map((p) => p.split('\n')[0])).toEqual(['a.csv:2: stay without an exit is not the last stay'])
    expect(result.warnings).toEqual([])
  })

  it('gives stable codes', () => {
    const result = checkStays([at('a.csv:2', '2024-03-01'), at('a.csv:3', '2024-07-01')], day('2024-06-01'))
    expect(result.problems.map((p) => p.code)).toEqual(['E_OPEN_NOT_LAST', 'E_OPEN_AFTER_ON'])
  })
})
