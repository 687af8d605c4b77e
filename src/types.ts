/**
 * Domain types shared by every layer. Glossary (used the same way in code, README and messages):
 *
 * - **Crossing**: an entry or exit event on a calendar date.
 * - **Stay**: an inclusive range of calendar days present in a territory, from entry to exit,
 *   as recorded. An open stay (`exit: null`) means "still inside as of the reference date".
 * - **Rule**: the legal regime a set of stays is checked against: one or more constraints
 *   ("at most L days in any W-day window", ...), each with dates of validity.
 * - **Window**: the W calendar days ending on a given day, both ends included.
 * - **on** (asOf): the reference date of a report.
 * - **Report**: the engine's result, plain data.
 */

/** Days since 1970-01-01 (the proleptic Gregorian calendar, no time, no zone). */
export type CalendarDay = number & { readonly __brand: 'CalendarDay' }

/** Where a stay or crossing came from, for messages: a file line or a command-line flag. */
export interface SourceRef {
  /** File name as given by the user; `<stdin>` for standard input. */
  readonly file?: string
  /** 1-based physical line in that file. */
  readonly line?: number
  /** The flag form, e.g. `--trip 2024-01-05..2024-02-20`. */
  readonly flag?: string
}

export type Direction = 'entry' | 'exit'

/** One border crossing, as read from a crossings-form CSV. */
export interface Crossing {
  readonly direction: Direction
  readonly day: CalendarDay
  readonly source: SourceRef
}

/** One recorded stay (visit). Same-day exit and re-entry gives two stays sharing a day. */
export interface Stay {
  readonly entry: CalendarDay
  /** `null`: still inside (presence runs through the reference date). */
  readonly exit: CalendarDay | null
  readonly source: SourceRef
  /** Where the exit came from, when it differs from `source` (crossings form). */
  readonly exitSource?: SourceRef
  /**
   * The last day this visit is authorised, when a document says so (the US I-94 "Admit Until"
   * date, a stamped leave date, the days an officer wrote on the entry form): per-visit rules then
   * use it instead of their default length (8 CFR 214.2(b): the I-94 date, not the usual 6 months).
   */
  readonly until?: CalendarDay
}

/** A non-fatal remark about the input (duplicates, overlaps), carried into every report. */
export interface Warning {
  readonly code: string
  readonly message: string
  readonly sources: readonly SourceRef[]
}
