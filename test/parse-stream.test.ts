/**
 * The batch reader's parts against the single-traveller parsers they stand in for: the streaming
 * CSV reader against `readTable` (same rows, same lines, same problems, whatever the chunking), the
 * ISO date fast path against `parseDate`, the traveller-name interner against a Map.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { Interner } from '../src/batch/interner.js'
import { dayFromYmd } from '../src/day.js'
import type { InputProblem } from '../src/errors.js'
import { parseDate } from '../src/parse/date.js'
import { isoDay } from '../src/parse/iso-day.js'
import { readTable } from '../src/parse/records.js'
import { streamCsv } from '../src/parse/stream.js'
import { travellerColumn } from '../src/parse/traveller.js'

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  // Bytes, cut anywhere: even inside a multi-byte character, as a file read in pieces is.
  const bytes = Buffer.from(text, 'utf8')
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function streamed(text: string, size: number) {
  const rows: { line: number; fields: string[] }[] = []
  const problems: InputProblem[] = []
  let header: { line: number; fields: string[] } | undefined
  const outcome = await streamCsv(chunks(text, size), 'f.csv', {
    header: (fields, line) => {
      header = { line, fields: [...fields] }
      return true
    },
    row: (fields, line) => void rows.push({ line, fields: [...fields] }),
    badRow: (_fields, _line, problem) => void problems.push(problem),
  })
  return { outcome, header, rows, problems }
}

const FIELD_CHARS = ['a', 'b', 'é', '😀', ' ', ',', ';', '\t', '"', '\n', '\r\n', '#', '-']
const field = fc.array(fc.constantFrom(...FIELD_CHARS), { maxLength: 5 }).map((cs) => cs.join(''))
const BREAKS = ['\n', '\r\n', '\r'] as const

/** Characters of a `#` line's fields: no line break, which would end the comment inside a quoted value. */
const hashField = fc.array(fc.constantFrom(...FIELD_CHARS.filter((c) => !c.includes('\n'))), { maxLength: 4 }).map((cs) => cs.join(''))

/**
 * A well-formed CSV text with comment, blank and ragged lines, any line breaks, maybe a BOM and a
 * `sep=` first line. The header's first column is free text (`note`, so a `#` line with the
 * header's number of fields is reported), a column stay-calc reads (`entry`), or neither form.
 */
const csvText = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    width: fc.integer({ min: 1, max: 4 }),
    kind: fc.constantFrom('plain', 'free', 'read'),
    bom: fc.boolean(),
    sep: fc.boolean(),
    lead: fc.array(fc.constantFrom('', '   ', '# a comment', '  # indented, "quoted" comment', '#1,2,3'), { maxLength: 2 }),
    rows: fc.array(
      fc.record({
        fields: fc.array(field, { minLength: 1, maxLength: 5 }),
        before: fc.constantFrom('', '', '', '# note', '   ', 'hash-row'),
        hash: fc.record({ lead: fc.constantFrom('#', '  #', '# '), fields: fc.array(hashField, { minLength: 1, maxLength: 5 }) }),
        lineBreak: fc.constantFrom(...BREAKS),
      }),
      { maxLength: 12 },
    ),
    end: fc.constantFrom('', '\n', '\r\n'),
  })
  .map(({ delimiter: wanted, width, kind, bom, sep, lead, rows, end }) => {
    // A one-column header shows no delimiter, so the file is read as comma-separated (unless sep= says).
    const delimiter = width === 1 && !sep ? ',' : wanted
    const quote = (f: string) => (/[",;\t\r\n#]|^\s|\s$/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f)
    const names = Array.from({ length: width }, (_, i) => `col${i}`)
    if (kind === 'free' && width >= 3) names.splice(0, 3, 'note', 'entry', 'exit')
    if (kind === 'read' && width >= 2) names.splice(0, 2, 'entry', 'exit')
    const lines = [...(sep ? [`sep=${delimiter}\n`] : []), ...lead.map((l) => `${l}\n`), `${names.join(delimiter)}\n`]
    for (const row of rows) {
      // A `#` line, often with the header's number of fields: a comment, or a row to report.
      if (row.before === 'hash-row') {
        const fields = row.hash.fields.length >= width ? row.hash.fields.slice(0, width) : row.hash.fields
        lines.push(`${row.hash.lead}${fields.map((f, i) => (i === 0 ? f : quote(f))).join(delimiter)}${row.lineBreak}`)
      } else if (row.before !== '') lines.push(`${row.before}${row.lineBreak}`)
      // Most rows as wide as the header; some ragged, to be reported.
      const fields = row.fields.length >= width ? row.fields.slice(0, width + (row.fields.length > 4 ? 1 : 0)) : row.fields
      lines.push(`${fields.map(quote).join(delimiter)}${row.lineBreak}`)
    }
    const text = lines.join('').replace(/(\r\n|\n|\r)$/, end)
    return (bom ? '\uFEFF' : '') + text
  })

describe('streamCsv reads what readTable reads', () => {
  test.prop([csvText, fc.integer({ min: 1, max: 64 })], { numRuns: 400 })('same header, rows, lines and problems', async (text, size) => {
    const table = readTable(text, 'f.csv')
    const got = await streamed(text, size)
    // A quoted value over lines that read as rows stops the stream at its row, as a syntax error
    // does (the batch reader then reads the file whole): what came before it is the same.
    const swallowing = table.problems.find((p) => p.message.startsWith('a quoted value runs on to line'))
    const stop = swallowing?.source.line ?? Number.POSITIVE_INFINITY
    expect(got.outcome.damaged).toEqual(swallowing)
    expect(got.header).toEqual(table.header)
    expect(got.rows).toEqual(table.rows.filter((r) => r.line < stop))
    expect(got.problems).toEqual(table.problems.filter((p) => (p.source.line ?? 0) < stop))
  })

  it.each([
    { name: 'a stray quote after a closing one', text: 'a,b\n1,2\n3,"x"y\n5,6\n', line: 3 },
    { name: 'a quote inside an unquoted field', text: 'a,b\n1,x"y"\n3,4\n', line: 2 },
    { name: 'an unterminated quoted field', text: 'a,b\n1,2\n3,"x\n4,5\n', line: 3 },
  ])('$name: reading stops at the row (the batch reader then reads the file whole)', async ({ text, line }) => {
    const got = await streamed(text, 3)
    expect(got.outcome.damaged).toMatchObject({ source: { file: 'f.csv', line }, code: 'E_CSV_SYNTAX' })
    expect(readTable(text, 'f.csv').problems.map((p) => p.source.line)).toEqual([line])
  })

  it('a # line that may be a row goes to the sink as a bad row, with its fields, before the rows after it', async () => {
    const text = 'traveller;date;direction\nana;2024-01-05;in\n# a comment\n#12;2024-01-05;in\nana;2024-02-01;out\n#12 ; 2024-03-01 ; out'
    const seen: string[] = []
    await streamCsv(chunks(text, 5), 'f.csv', {
      header: () => true,
      row: (fields, line) => void seen.push(`row ${line} ${fields.join('|')}`),
      badRow: (fields, line, problem) => void seen.push(`bad ${line} ${fields.join('|')} ${problem.code}`),
    })
    expect(seen).toEqual(['row 2 ana|2024-01-05|in', 'bad 4 #12|2024-01-05|in E_CSV_HASH_ROW', 'row 5 ana|2024-02-01|out', 'bad 6 #12|2024-03-01|out E_CSV_HASH_ROW'])
    expect((await streamed(text, 3)).problems).toEqual(readTable(text, 'f.csv').problems)
  })

  it('a spreadsheet error value starting a row, where the first column is a date, goes to the sink as a bad row too', async () => {
    const text = 'date,direction,traveller\n2024-01-05,in,ann\n#N/A,out,ann\n#2024-01-06,out,ann\n2024-01-05,in,bob\n'
    for (const size of [1, 4, 64]) {
      const seen: string[] = []
      await streamCsv(chunks(text, size), 'f.csv', {
        header: () => true,
        row: (fields, line) => void seen.push(`row ${line} ${fields.join('|')}`),
        badRow: (fields, line, problem) => void seen.push(`bad ${line} ${fields.join('|')} ${problem.code}`),
      })
      expect(seen).toEqual(['row 2 2024-01-05|in|ann', 'bad 3 #N/A|out|ann E_CSV_HASH_ROW', 'row 5 2024-01-05|in|bob'])
      expect((await streamed(text, size)).problems).toEqual(readTable(text, 'f.csv').problems)
    }
  })

  it('a sep= first line is skipped, in chunks of any size, a CR LF after it split or not', async () => {
    const text = '\uFEFFsep=;\r\n# x\r\nentry;exit,x\r\n2024-01-05;2024-01-10\r\n'
    for (const size of [1, 2, 3, 5, 6, 7, 8, 9, 64]) {
      const got = await streamed(text, size)
      expect(got.header).toEqual({ line: 3, fields: ['entry', 'exit,x'] })
      expect(got.rows).toEqual([{ line: 4, fields: ['2024-01-05', '2024-01-10'] }])
    }
    expect(readTable(text, 'f.csv').rows).toEqual([{ line: 4, fields: ['2024-01-05', '2024-01-10'] }])
  })

  it('a file that is not UTF-8 text stops at its head, with the one problem readTable gives', async () => {
    async function* bytes(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size)
    }
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('traveller,date,direction\nana,2024-01-05,in\n', 'utf16le')])
    const rows: number[] = []
    const sink = { header: () => true, row: (_f: readonly string[], line: number) => void rows.push(line), badRow: (_f: readonly string[], line: number) => void rows.push(line) }
    const outcome = await streamCsv(bytes(utf16, 7), 'f.csv', sink)
    expect(outcome).toEqual({ header: false, damaged: readTable(utf16.toString('utf8'), 'f.csv').problems[0] })
    expect(outcome.damaged).toMatchObject({ source: { file: 'f.csv' }, code: 'E_ENCODING', message: 'the file is UTF-16 text; stay-calc reads UTF-8' })
    expect(rows).toEqual([])
  })

  it('a file of only comments and blank lines has no header', async () => {
    const got = await streamed('# nothing\n\n   \n', 4)
    expect(got.outcome).toEqual({ header: false })
  })
})

describe('isoDay: the fast path agrees with parseDate', () => {
  const ymd = fc.record({ y: fc.integer({ min: 1850, max: 2250 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) })
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  test.prop([ymd])('on YYYY-MM-DD text, valid or not', ({ y, m, d }) => {
    const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
    const slow = parseDate(text, 'entry date')
    expect(isoDay(text)).toBe(slow.ok ? slow.day : undefined)
  })
  test.prop([fc.string({ maxLength: 12 })])('on any text: a day only where parseDate gives the same day', (text) => {
    const fast = isoDay(text)
    if (fast === undefined) return
    expect(parseDate(text, 'entry date')).toEqual({ ok: true, day: fast })
  })
  it.each(['2024-02-29', '1900-01-01', '2199-12-31'])('%s', (text) => expect(isoDay(text)).toBe(dayFromYmd(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8)))))
  it.each(['2023-02-29', '1899-12-31', '2200-01-01', '2024-1-05', '2024/01/05', ' 2024-01-05', '２０２４-01-05'])('not %s', (text) => expect(isoDay(text)).toBeUndefined())
})

describe('Interner: ids in order of first sight, as a Map would give', () => {
  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', 'é', '😀', '')), { maxLength: 3000 })])('same ids', (names) => {
    const interner = new Interner()
    const map = new Map<string, number>()
    for (const name of names) {
      expect(interner.find(name)).toBe(map.get(name))
      if (!map.has(name)) map.set(name, map.size)
      expect(interner.id(name)).toBe(map.get(name))
    }
    expect(interner.names).toEqual([...map.keys()])
    expect(interner.find('never seen, surely')).toBeUndefined()
  })
})

describe('travellerColumn', () => {
  it.each([
    { header: ['Traveller', 'date'], want: { index: 0, name: 'Traveller' } },
    { header: ['date', 'TRAVELER'], want: { index: 1, name: 'TRAVELER' } },
    { header: ['name', 'id', 'entry'], want: { index: 1, name: 'id' } },
    { header: ['entry', 'exit'], want: undefined },
  ])('$header', ({ header, want }) => expect(travellerColumn(header)).toEqual(want))
  it('--group-by wins and must be there', () => {
    expect(travellerColumn(['id', 'Employee No'], 'employee_no')).toEqual({ index: 1, name: 'Employee No' })
    expect(travellerColumn(['id'], 'who')).toMatchObject({ problem: { code: 'E_GROUP_BY_MISSING' } })
  })
  it('two columns of one name are refused', () => {
    expect(travellerColumn(['person', 'Person'])).toMatchObject({ problem: { code: 'E_COLUMNS_AMBIGUOUS' } })
  })
})
