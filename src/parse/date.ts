/**
 * User-written dates → CalendarDay, with a precise reason when a date is refused.
 *
 * Without `--date-format`, accepted are strict `YYYY-MM-DD` and the forms that cannot be misread:
 * year first (`2024/01/05`, `2024.01.05`) or with an English month name (`5 Jan 2024`,
 * `Jan 5, 2024`, `05-Jan-2024`, `2024-Jan-05`). All-numeric forms with the year last
 * (`03/04/2024`) are refused, never guessed: half the world reads them the other way round.
 * With a format, exactly that format is accepted (luxon tokens, English month names); a time and
 * an offset or zone in it are read as written, and the date is the one written there.
 * Pure: no clock, no I/O; luxon only for `--date-format`.
 */
import { createRequire } from 'node:module'
import type { DateTime as LuxonDateTime, TokenParser } from 'luxon'
import { dayFromYmd, daysInMonth, isoOf } from '../day.js'
import {
  EXPECTED_ISO_DATE,
  dateDetails,
  expectedDates,
  printable,
  problems,
  quote,
  type InputProblem,
  type ProblemText,
} from '../errors.js'
import type { CalendarDay, SourceRef } from '../types.js'

export type DateResult =
  | { readonly ok: true; readonly day: CalendarDay }
  | {
      readonly ok: false
      /** Stable problem code: `E_DATE_MISSING`, `E_DATE_INVALID` or `E_DATE_AMBIGUOUS`. */
      readonly code: string
      readonly message: string
      readonly detail?: string
      readonly expected?: string
    }

export type DateFailure = Extract<DateResult, { ok: false }>

/** Years accepted anywhere: keeps typos like 0024 or 20024 from making the engine span millennia. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2199

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** Full names, three-letter abbreviations and the common `Sept`, lower-cased → month number. */
const MONTH_BY_NAME = new Map<string, number>([
  ...MONTH_NAMES.map((name, i): [string, number] => [name.toLowerCase(), i + 1]),
  ...MONTH_NAMES.map((name, i): [string, number] => [name.slice(0, 3).toLowerCase(), i + 1]),
  ['sept', 9],
])

/**
 * luxon is loaded on first use (only `--date-format` needs it): most runs never pay its start-up
 * cost. `require` keeps `parseDate` synchronous; luxon ships a CommonJS build for it.
 */
let luxon: typeof LuxonDateTime | undefined
function DateTime(): typeof LuxonDateTime {
  luxon ??= (createRequire(import.meta.url)('luxon') as { DateTime: typeof LuxonDateTime }).DateTime
  return luxon
}

/**
 * English month names for `MMM` tokens whatever the machine's locale. The date is the one written
 * at the crossing point (the stamp date: Schengen counts the calendar date of the crossing), never
 * converted through another zone: without an offset or zone in the format it is read in utc, so the machine's zone cannot
 * shift it; with one (`ZZ` +02:00, `z` Europe/Athens), `setZone` keeps the written offset or zone
 * instead of converting to utc, which would move 2024-01-05T01:30+02:00 to 4 January.
 */
const LUXON_OPTIONS = { zone: 'utc', setZone: true, locale: 'en-US' } as const

/**
 * Parse one date written by the user. `what` names the field in messages.
 * @example parseDate('2024-02-29', 'entry date') //=> { ok: true, day: 19782 }
 * @example parseDate('03/04/2024', 'entry date', 'dd/MM/yyyy') //=> { ok: true, day: 19816 } (3 April)
 */
export function parseDate(text: string, what: string, format?: string): DateResult {
  const trimmed = text.trim()
  if (trimmed === '') return refuse(problems.dateMissing(what, expectedDate(format)))
  return format === undefined ? parseKnownForm(trimmed, what) : parseWithFormat(trimmed, what, format)
}

/** The `expected …` line for a date: ISO by default, or an example in the user's format. */
export function expectedDate(format?: string): string {
  return format === undefined ? EXPECTED_ISO_DATE : formatFacts(format).expected
}

/** A refused date as an InputProblem at `source`. */
export function dateProblem(failure: DateFailure, source: SourceRef): InputProblem {
  const { ok: _ok, ...text } = failure
  return { source, ...text }
}

/**
 * Why a `--date-format` cannot be used, or `undefined` if it can. A format must give day, month
 * and year: luxon fills missing units from the clock, which would make results depend on today.
 */
export function dateFormatProblem(format: string): string | undefined {
  return formatFacts(format).unusable
}

interface FormatFacts {
  readonly expected: string
  readonly unusable: string | undefined
  /** Luxon's compiled parser: building it is most of the cost of `fromFormat`. */
  readonly parser: TokenParser
  /** For a format of day, month and year numbers only: `numericReader`. */
  readonly numeric?: NumericReader | undefined
}

type NumericReader = (text: string) => { year: number; month: number; day: number } | undefined

/** The numeric tokens and the patterns luxon reads them with (tokenParser.js `unitForToken`). */
const NUMERIC_TOKENS: Readonly<Record<string, readonly ['day' | 'month' | 'year', string]>> = {
  d: ['day', '\\d{1,2}'],
  dd: ['day', '\\d{2}'],
  M: ['month', '\\d{1,2}'],
  MM: ['month', '\\d{2}'],
  yyyy: ['year', '\\d{4}'],
}

/**
 * For a format of day, month and year numbers with `.`, `/` or `-` between them (`dd/MM/yyyy`,
 * `d.M.yyyy`, `yyyy-MM-dd`), a reader of the same pattern luxon builds (anchored, each part a
 * group, case-insensitive), without luxon: a European export of a million rows took four times as
 * long as ISO dates (QA). A text it reads is a date luxon reads the same; one it does not, or a
 * day that does not exist, is left to luxon and its words.
 */
function numericReader(format: string): NumericReader | undefined {
  /** The group of each unit in the pattern: every part, number or separator, is one. */
  const groups = { day: 0, month: 0, year: 0 }
  let source = '^'
  const parts = format.match(/[A-Za-z]+|[^A-Za-z]/g) ?? []
  for (const [i, part] of parts.entries()) {
    const token = NUMERIC_TOKENS[part]
    if (token !== undefined) {
      if (groups[token[0]] !== 0) return undefined
      groups[token[0]] = i + 1
      source += `(${token[1]})`
    } else if (part === '.' || part === '/' || part === '-') source += `(\\${part})`
    else return undefined
  }
  if (groups.day === 0 || groups.month === 0 || groups.year === 0) return undefined
  const pattern = new RegExp(`${source}$`, 'i')
  return (text) => {
    const m = pattern.exec(text)
    return m === null ? undefined : { day: Number(m[groups.day]), month: Number(m[groups.month]), year: Number(m[groups.year]) }
  }
}

/** Per format, computed once: a file repeats the same format on every row. */
const factsByFormat = new Map<string, FormatFacts>()

function formatFacts(format: string): FormatFacts {
  let facts = factsByFormat.get(format)
  if (facts === undefined) {
    const example = exampleIn(format)
    let parser: TokenParser
    let back
    try {
      parser = DateTime().buildFormatParser(format, LUXON_OPTIONS)
      back = DateTime().fromFormatParser(example, parser, LUXON_OPTIONS)
    } catch (error) {
      // luxon throws on a contradictory format ("Can't include meridiem when specifying 24-hour format").
      const reason = error instanceof Error ? error.message : String(error)
      facts = { expected: '', unusable: dateDetails.invalidFormat(format, reason), parser: undefined as unknown as TokenParser }
      factsByFormat.set(format, facts)
      return facts
    }
    const complete = back.isValid && back.year === 2024 && back.month === 2 && back.day === 28
    facts = {
      expected: expectedDates.inFormat(format, example),
      unusable: complete ? undefined : dateDetails.incompleteFormat(format),
      parser,
      numeric: complete ? numericReader(format) : undefined,
    }
    factsByFormat.set(format, facts)
  }
  return facts
}

function refuse(text: ProblemText): DateFailure {
  return { ok: false, ...text }
}

function parseKnownForm(text: string, what: string): DateResult {
  const yearFirst = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text)
  if (yearFirst) {
    // A writer who pads the month pads the day: `2024-05-1` is most likely `2024-05-1x` cut off (a
    // file cut short, QA), never read as the 1st. (`2024-10-5` may be a writer who pads nothing.)
    if (yearFirst[3]!.startsWith('0') && yearFirst[4]!.length === 1) {
      // The days it may have been cut from, within the month (2024-01-3: 30 and 31; 2024-01-7: none).
      const [y, m, d] = [Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4])]
      const last = Math.min(d * 10 + 9, m >= 1 && m <= 12 ? daysInMonth(y, m) : 31)
      const longer = d === 0 ? ([1, 9] as const) : d * 10 <= last ? ([d * 10, last] as const) : null
      const padded = d === 0 ? null : `${yearFirst[1]}${yearFirst[2]}${yearFirst[3]}${yearFirst[2]}0${d}`
      return refuse(problems.dateInvalid(what, text, dateDetails.dayCutShort(text, longer, padded), EXPECTED_ISO_DATE))
    }
    return checkedDay(text, what, yearFirst[1] ?? '', Number(yearFirst[3]), Number(yearFirst[4]))
  }
  const yearLast = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(text)
  if (yearLast) return refuseDayMonth(text, what, yearLast[1] ?? '', yearLast[3] ?? '', yearLast[2] ?? '', yearLast[4] ?? '')
  const named = monthNameParts(text)
  if (named) return checkedDay(text, what, named.year, named.month, named.day)
  return refuse(problems.dateInvalid(what, text, whyUnrecognised(text), EXPECTED_ISO_DATE))
}

function checkedDay(text: string, what: string, year: string, month: number, day: number): DateResult {
  const reason = ymdProblem(year, month, day)
  if (reason !== undefined) return refuse(problems.dateInvalid(what, text, reason, EXPECTED_ISO_DATE))
  return { ok: true, day: dayFromYmd(Number(year), month, day) }
}

/** What makes year/month/day not a calendar date in range, or `undefined` if it is one. */
function ymdProblem(year: string, month: number, day: number): string | undefined {
  const y = Number(year)
  if (y < MIN_YEAR || y > MAX_YEAR) return dateDetails.yearOutOfRange(year.padStart(4, '0'), MIN_YEAR, MAX_YEAR)
  if (month < 1 || month > 12) return dateDetails.monthOutOfRange(month)
  if (day < 1 || day > daysInMonth(y, month)) return dateDetails.dayOutOfRange(day, monthName(month), y)
  return undefined
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month)
}

/**
 * `first sep second sep year`, all numeric: refused whichever reading is valid, because a file
 * that writes 25/04/2024 also writes 03/04/2024. The detail says how to fix it.
 */
function refuseDayMonth(text: string, what: string, first: string, second: string, sep: string, year: string): DateResult {
  const [a, b] = [Number(first), Number(second)]
  const yearReason = ymdProblem(year, 1, 1)
  if (yearReason !== undefined) return refuse(problems.dateInvalid(what, text, yearReason, EXPECTED_ISO_DATE))
  const padded = first.length === 2 && second.length === 2
  const dayFirstFormat = [padded ? 'dd' : 'd', padded ? 'MM' : 'M', 'yyyy'].join(sep)
  const monthFirstFormat = [padded ? 'MM' : 'M', padded ? 'dd' : 'd', 'yyyy'].join(sep)
  const dayFirst = ymdProblem(year, b, a) === undefined
  const monthFirst = ymdProblem(year, a, b) === undefined
  const expected = expectedDates.eitherOrder(dayFirstFormat, monthFirstFormat)
  const iso = (month: number, day: number) => isoOf(dayFromYmd(Number(year), month, day))
  if (dayFirst && monthFirst && a !== b) {
    const detail = dateDetails.eitherOrder(`${a} ${monthName(b)}`, `${b} ${monthName(a)}`)
    return refuse(problems.dateAmbiguous(what, text, detail, expected))
  }
  if (dayFirst) return refuse(problems.dateOrderUnsaid(what, text, dateDetails.rewrite(iso(b, a), dayFirstFormat), expected))
  if (monthFirst) return refuse(problems.dateOrderUnsaid(what, text, dateDetails.rewrite(iso(a, b), monthFirstFormat), expected))
  return refuse(problems.dateInvalid(what, text, dateDetails.noOrder(), EXPECTED_ISO_DATE))
}

/** `5 Jan 2024`, `Jan 5, 2024`, `05-Jan-2024`, `2024-Jan-05`: three parts, one a month name. */
function monthNameParts(text: string): { year: string; month: number; day: number } | undefined {
  const parts = text.split(/[\s,./-]+/)
  if (parts.length !== 3) return undefined
  const [p0 = '', p1 = '', p2 = ''] = parts
  const month = (part: string) => MONTH_BY_NAME.get(part.toLowerCase())
  const isDay = (part: string) => /^\d{1,2}$/.test(part)
  const isYear = (part: string) => /^\d{4}$/.test(part)
  const m0 = month(p0)
  const m1 = month(p1)
  if (m1 !== undefined && isDay(p0) && isYear(p2)) return { year: p2, month: m1, day: Number(p0) }
  if (m0 !== undefined && isDay(p1) && isYear(p2)) return { year: p2, month: m0, day: Number(p1) }
  if (m1 !== undefined && isYear(p0) && isDay(p2)) return { year: p0, month: m1, day: Number(p2) }
  return undefined
}

/** Name the near misses people actually write, so the detail says more than "unrecognised". */
function whyUnrecognised(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}(?:T\d|\s+\d{1,2}[:.h]?\d{2}\b)/i.test(text)) return dateDetails.withTime()
  // Not a time: a note after the date (QA: "2024-02-01 Paris" was told a time is not accepted).
  const after = /^\d{4}-\d{2}-\d{2}\s+(\S.*)$/s.exec(text)
  if (after !== null) return dateDetails.textAfter(after[1]!)
  if (/^\d{4}-?W\d{2}/i.test(text)) return dateDetails.weekDate()
  if (/^\d{4}-?\d{3}$/.test(text)) return dateDetails.ordinalDate()
  if (/^\d{1,2}([-/.])\d{1,2}\1\d{2}$/.test(text)) return dateDetails.twoDigitYear()
  return dateDetails.unrecognised()
}

function parseWithFormat(text: string, what: string, format: string): DateResult {
  const { expected, unusable, parser, numeric } = formatFacts(format)
  if (unusable !== undefined) return refuse(problems.dateInvalid(what, text, unusable, expected))
  const read = numeric?.(text)
  if (read !== undefined && ymdProblem(String(read.year), read.month, read.day) === undefined) return { ok: true, day: dayFromYmd(read.year, read.month, read.day) }
  const parsed = DateTime().fromFormatParser(text, parser, LUXON_OPTIONS)
  if (!parsed.isValid) return refuse(problems.dateInvalid(what, text, explainFormatFailure(text, format, parsed), expected))
  // Only a time of 24:00 can move the day: read again only then.
  const { year, month, day } = parsed.hour === 0 && parsed.minute === 0 && text.includes('24') ? writtenDay(text, format, parsed) : parsed
  const reason = ymdProblem(String(year), month, day)
  if (reason !== undefined) return refuse(problems.dateInvalid(what, text, reason, expected))
  return { ok: true, day: dayFromYmd(year, month, day) }
}

/**
 * The day a cell read as midnight writes: `24:00`, ISO 8601's end of a day, is the next day's
 * midnight to luxon, but the date written is the day it ends (QA: `05.01.2024 24:00` was read as
 * 6 January).
 */
function writtenDay(text: string, format: string, parsed: LuxonDateTime<true>): { year: number; month: number; day: number } {
  const fields = DateTime().fromFormatExplain(text, format, LUXON_OPTIONS).result as { year?: unknown; month?: unknown; day?: unknown; hour?: unknown } | null
  const { year, month, day, hour } = fields ?? {}
  return hour === 24 && typeof year === 'number' && typeof month === 'number' && typeof day === 'number' ? { year, month, day } : parsed
}

/** Luxon's explanation, except for impossible days, which get the same words as ISO dates. */
function explainFormatFailure(text: string, format: string, parsed: LuxonDateTime<false>): string {
  if (parsed.invalidReason === 'unit out of range') {
    const fields: unknown = DateTime().fromFormatExplain(text, format, LUXON_OPTIONS).result
    const { year, month, day } = (fields ?? {}) as { year?: unknown; month?: unknown; day?: unknown }
    if (typeof year === 'number' && typeof month === 'number' && typeof day === 'number') {
      const reason = ymdProblem(String(year), month, day)
      if (reason !== undefined) return reason
    }
  }
  // luxon quotes the input raw (a line break, an ESC): quoted as the message quotes it instead.
  return printable((parsed.invalidExplanation ?? parsed.invalidReason).split(`"${text}"`).join(quote(text)))
}

/** 2024-02-28 written in `format`: the example every expectation shows. */
function exampleIn(format: string): string {
  return DateTime().fromObject({ year: 2024, month: 2, day: 28 }, LUXON_OPTIONS).toFormat(format)
}
