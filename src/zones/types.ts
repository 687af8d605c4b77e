/**
 * Countries and zones, the words used in code, README and messages:
 * - **Country stay**: an inclusive range of days present in one country, from a log with a country
 *   column. A travel day ends one country stay and starts the next, so it belongs to both.
 * - **Zone**: a territory one rule counts, e.g. the Schengen area; its member countries each have
 *   a membership interval (Croatia from 2023-01-01 ...). A single country with a preset is a zone too.
 * - **Attribution**: which days of which country stays a zone counts, and which it ignores and why.
 */
import type { CalendarDay, SourceRef, Stay } from '../types.js'

export interface CountryStay extends Stay {
  /** ISO 3166-1 alpha-2. */
  readonly country: string
  /** The log this stay came from (its file), so that consecutive stays can be told apart from other logs'. */
  readonly log: string
  /** Position in its log, in date order: 0, 1, 2 ... */
  readonly seq: number
  /**
   * Moved straight from the log's previous stay (seq − 1), in another country, on the entry day,
   * with no time outside any recorded country in between (an `out A` then `in B` on one date, or a
   * from/to row). An `out A` then `in A` is an exit and a re-entry, never direct.
   */
  readonly direct: boolean
}

export const isCountryStay = (stay: Stay): stay is CountryStay => typeof (stay as Partial<CountryStay>).country === 'string'

/** One country's place in a zone: counted from `from` to `to`, both included; `null`: open-ended. */
export interface Membership {
  readonly country: string
  readonly from: CalendarDay | null
  readonly to: CalendarDay | null
  /** Said with the days ignored before `from`, e.g. the later lifting of land-border checks. */
  readonly note?: string
  /** Not a member state, but reachable only through the zone with no border checks (Monaco ...). */
  readonly deFacto?: boolean
  /** Not a state: a territory of this member with a country code of its own (Åland, of Finland). */
  readonly partOf?: string
}

/** A country often taken for a member: days there are listed as ignored, with this reason. */
export interface NonMember {
  readonly country: string
  readonly reason: string
}

export interface Zone {
  /** Stable identifier, used by `--rule ZONE=ID`; lowercase. */
  readonly id: string
  /** Other names `--rule ZONE=ID` accepts (lowercase), e.g. `gb` for `uk`. */
  readonly aliases?: readonly string[]
  /** E.g. `Schengen area`. */
  readonly name: string
  /** The name takes "the" in a sentence: "the Schengen area", "the United States". */
  readonly the?: boolean
  /** Id of the rule preset the zone is counted under unless `--rule ZONE=ID` says otherwise. */
  readonly rule: string
  readonly members: readonly Membership[]
  readonly nonMembers?: readonly NonMember[]
  /**
   * Countries a trip to which does not end a visit: leaving the zone straight for them and coming
   * straight back (a side trip), the return is no new entry and the visit goes on through the trip
   * (US Visa Waiver Program: Canada, Mexico and the adjacent islands). Not for the traveller's home.
   */
  readonly sideTrips?: SideTrips
  /** Where the membership dates come from. */
  readonly source: string
}

export interface SideTrips {
  /** ISO 3166-1 alpha-2 codes. */
  readonly countries: readonly string[]
  /** The rule that says so. */
  readonly source: string
}

/** Days of one country stay a zone does not count (or no zone counts), and why. */
export interface IgnoredDays {
  readonly country: string
  readonly start: CalendarDay
  readonly end: CalendarDay
  readonly reason: string
  readonly source: SourceRef
}
