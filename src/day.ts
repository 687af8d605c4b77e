/**
 * Calendar-day arithmetic on integer day numbers (days since 1970-01-01, proleptic Gregorian).
 * Pure integer maths (Howard Hinnant's civil-from-days), so the engine and renderers never touch
 * `Date`, a time zone or luxon in a loop. User-supplied text is parsed in `parse/date.ts`.
 */
import type { CalendarDay } from './types.js'

export function dayFromYmd(year: number, month: number, day: number): CalendarDay {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return (era * 146097 + doe - 719468) as CalendarDay
}

export interface Ymd {
  readonly year: number
  readonly month: number
  readonly day: number
}

export function ymdOf(n: number): Ymd {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** `YYYY-MM-DD`. */
export function isoOf(n: number): string {
  const { year, month, day } = ymdOf(n)
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/**
 * Strict `YYYY-MM-DD` to a day number, or `null` if the text is not a real calendar date.
 * For trusted literals (rule data, tests); user input goes through `parse/date.ts` for messages.
 * @example dayFromIso('2024-02-29') //=> 19782
 */
export function dayFromIso(text: string): CalendarDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const n = dayFromYmd(year, month, day)
  const back = ymdOf(n)
  return back.year === year && back.month === month && back.day === day ? n : null
}

/** `dayFromIso` for literals that are known to be valid; throws on a typo in source code. */
export function day(text: string): CalendarDay {
  const n = dayFromIso(text)
  if (n === null) throw new RangeError(`not a calendar date: ${text}`)
  return n
}

export function daysInMonth(year: number, month: number): number {
  return dayFromYmd(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayFromYmd(year, month, 1)
}

/** The day `months` calendar months after `n`, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(n: number, months: number): CalendarDay {
  const { year, month, day: d } = ymdOf(n)
  const total = year * 12 + (month - 1) + months
  const y = Math.floor(total / 12)
  const m = (total % 12) + 1
  return dayFromYmd(y, m, Math.min(d, daysInMonth(y, m)))
}
