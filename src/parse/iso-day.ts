/**
 * The hot path of batch reading: a strict `YYYY-MM-DD` date to a day number with a few character
 * tests and integer maths; no regular expression, no luxon, no objects. Anything else (another
 * form, a bad date) is left to `parseDate`, which gives the message, so answers and messages are
 * the same whichever path a date takes. Pure.
 */
import { dayFromYmd, daysInMonth } from '../day.js'
import type { CalendarDay } from '../types.js'
import { MAX_YEAR, MIN_YEAR } from './date.js'

const ZERO = 48
const DASH = 45

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO
  return d >= 0 && d <= 9 ? d : Number.NaN
}

/**
 * The day of a valid ISO date within the accepted years, or `undefined` for anything else
 * (then `parseDate` decides, and explains).
 * @example isoDay('2024-02-29') //=> 19782
 * @example isoDay('2024-02-30') //=> undefined
 */
export function isoDay(text: string): CalendarDay | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3)
  const month = digit(text, 5) * 10 + digit(text, 6)
  const day = digit(text, 8) * 10 + digit(text, 9)
  // NaN fails every comparison, so a non-digit anywhere falls through to `undefined`.
  if (!(year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1)) return undefined
  if (day > 28 && day > daysInMonth(year, month)) return undefined
  return dayFromYmd(year, month, day)
}
