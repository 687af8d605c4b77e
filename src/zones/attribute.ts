/**
 * Attribution: country stays → for each zone, the visits it counts (stays in member countries on
 * days of membership), the days it ignores and why, and the days no zone counts.
 * Pure; no I/O, no clock. Cost: linear in stays × zones (plus sorting).
 *
 * - A travel day belongs to both countries: the log ends one country stay and starts the next on it.
 * - Consecutive stays of one log in member countries join into one visit when the traveller moved
 *   straight from one to the other (`direct`): an internal Schengen crossing does not split a stay.
 *   Leaving for a non-member and coming back does, even on one date: the two visits then share the
 *   day, as a same-day exit and re-entry does in the core (the day counts once).
 * - A member country counts only from the day it joined (`Membership.from`); days before are
 *   listed as ignored, so are days in the zone's well-known non-members (Ireland, Cyprus).
 * - A side trip (`Zone.sideTrips`: leaving the zone straight for such countries and coming straight
 *   back to it, not home) does not end the visit: the stay back is a `ContinuingStay`, so per-visit
 *   rules count the visit on from its first entry (US VWP, 9 FAM 201.1-4(C)(e)(2)), while the days
 *   away are listed as not counted, with the reason.
 */
import { isoOf } from '../day.js'
import type { ContinuingStay } from '../engine/types.js'
import type { CalendarDay, Stay } from '../types.js'
import { countryOf } from './countries.js'
import type { CountryStay, IgnoredDays, Membership, Zone } from './types.js'
import { zoneNameInText, zones as allZones } from './zones.js'

export interface CountryDays {
  readonly country: string
  /** Days present in the country that the zone counts (a travel day counts for both countries). */
  readonly days: number
}

export interface ZoneAttribution {
  readonly zone: Zone
  /** The zone's visits, in date order; `exit: null` while still inside. */
  readonly stays: Stay[]
  /** Member countries visited, in order of first visit. */
  readonly countries: CountryDays[]
  /** Days in (would-be) member countries, and on side trips, that the zone does not count, in date order. */
  readonly ignored: IgnoredDays[]
  /** Away on a side trip on the reference day (`Zone.sideTrips`): entering then is coming back, no new entry. */
  readonly returningOn: boolean
}

export interface Attribution {
  /** Every zone with a counted or an ignored day, by first such day (ties: the order of `zones`). */
  readonly zones: ZoneAttribution[]
  /** Days in countries no zone counts (no zone for them, or the traveller's home), in date order. */
  readonly uncounted: IgnoredDays[]
}

export interface AttributeOptions {
  /** Default: every zone (src/zones/zones.ts). */
  readonly zones?: readonly Zone[]
  /** The traveller's home country (alpha-2): days there count for no zone. */
  readonly home?: string
}

export const reasons = {
  // Told as of the reference day: a planned stay before a country joins, a date still to come (QA).
  beforeJoining: (country: string, zone: string, from: number, on: number, note?: string) =>
    `before ${country} ${from > on ? 'joins' : 'joined'} ${zone} on ${isoOf(from)}${note === undefined ? '' : ` (${note})`}`,
  afterLeaving: (country: string, zone: string, to: number, on: number) => `after ${country} ${to >= on ? 'leaves' : 'left'} ${zone} on ${isoOf(to)}`,
  noZone: (country: string) => `no zone counts ${country}`,
  home: () => 'your home country (--home)',
  sideTrip: (zone: string, entry: number) => `a side trip from ${zone}: the visit entered on ${isoOf(entry)} goes on through it, the return is no new entry`,
  sideTripNow: (zone: string, entry: number) => `a side trip from ${zone}: coming back is no new entry, the visit entered on ${isoOf(entry)} goes on`,
}

/**
 * @param on the reference day: an open stay (still inside) runs through it.
 * @example attribute([fr('2024-01-05', '2024-01-20'), de('2024-01-20', '2024-02-01', { direct: true })], day('2024-06-01')).zones[0].stays
 * //=> one Schengen visit, 2024-01-05 .. 2024-02-01
 */
export function attribute(stays: readonly CountryStay[], on: CalendarDay, options: AttributeOptions = {}): Attribution {
  const zones = options.zones ?? allZones()
  const logs = byLog(stays)
  const result = zones
    .map((zone) => attributeZone(zone, logs, on, options.home))
    .filter((z) => z.stays.length > 0 || z.ignored.length > 0)
    .sort((a, b) => firstDay(a) - firstDay(b))
  const zoned = new Set(zones.flatMap((z) => z.members.map((m) => m.country)))
  const uncounted = stays
    .filter((s) => s.country === options.home || !zoned.has(s.country))
    .map((s) => ignoredOf(s, s.entry, s.exit ?? on, s.country === options.home ? reasons.home() : reasons.noZone(countryOf(s.country).name)))
  return { zones: result, uncounted: uncounted.sort(byStart) }
}

/** Each log's stays in log order. */
function byLog(stays: readonly CountryStay[]): CountryStay[][] {
  const logs = new Map<string, CountryStay[]>()
  for (const s of stays) {
    const log = logs.get(s.log)
    if (log === undefined) logs.set(s.log, [s])
    else log.push(s)
  }
  return [...logs.values()].map((log) => log.sort((a, b) => a.seq - b.seq))
}

interface OpenVisit {
  entry: number
  end: number
  /** Back from a side trip: the visit before goes on. */
  readonly continues: boolean
  /** First day of the visit, side trips included (`entry` unless `continues`). */
  readonly origin: number
  /** The last stay reaches `on` with no exit, and the zone counts it to the end. */
  open: boolean
  /** The last stay was cut short by the end of a membership: nothing can join it. */
  cut: boolean
  lastSeq: number
  readonly first: CountryStay
  last: CountryStay
}

/** A membership's days include `d`. */
const memberOn = (m: Membership | undefined, d: number): m is Membership => m !== undefined && d >= (m.from ?? d) && d <= (m.to ?? d)

interface SideTrip {
  /** The stays away, in order. */
  readonly trip: readonly CountryStay[]
  /** Seq of the stay back in the zone; `null`: still away on the reference day (the last stay is open). */
  readonly back: number | null
}

/**
 * The side trips of one log from a zone: runs of stays in side-trip countries entered straight from
 * a stay in the zone on its exit day, and left straight back to the zone or still going on.
 */
function sideTripsOf(zone: Zone, log: readonly CountryStay[], members: ReadonlyMap<string, Membership>, home: string | undefined): SideTrip[] {
  const countries = new Set(zone.sideTrips?.countries ?? [])
  const away = (k: number): boolean => {
    const s = log[k]
    return s !== undefined && countries.has(s.country) && s.country !== home && !members.has(s.country)
  }
  const consecutive = (k: number): boolean => (log[k] as CountryStay).direct && (log[k] as CountryStay).seq === (log[k - 1] as CountryStay).seq + 1
  const found: SideTrip[] = []
  for (let i = 1; i < log.length; i++) {
    const before = log[i - 1] as CountryStay
    if (!away(i) || !consecutive(i) || before.country === home || before.exit === null || !memberOn(members.get(before.country), before.exit)) continue
    let j = i + 1
    while (away(j) && consecutive(j) && log[j - 1]?.exit !== null) j++
    const last = log[j - 1] as CountryStay
    const back = log[j]
    if (last.exit === null && back === undefined) found.push({ trip: log.slice(i, j), back: null })
    else if (back !== undefined && last.exit !== null && back.country !== home && consecutive(j) && memberOn(members.get(back.country), back.entry)) {
      found.push({ trip: log.slice(i, j), back: back.seq })
    }
    i = j - 1
  }
  return found
}

function attributeZone(zone: Zone, logs: readonly CountryStay[][], on: number, home: string | undefined): ZoneAttribution {
  const members = new Map<string, Membership>(zone.members.map((m) => [m.country, m]))
  const nonMembers = new Map((zone.nonMembers ?? []).map((n) => [n.country, n.reason]))
  const visits: Stay[] = []
  const ignored: IgnoredDays[] = []
  const ranges = new Map<string, { start: number; end: number }[]>()
  let returningOn = false
  for (const log of logs) {
    let visit: OpenVisit | undefined
    /** First day of the visit each side trip leaves (the one from which the visit goes on). */
    const origins = new Map<SideTrip, number>()
    const trips = zone.sideTrips === undefined ? [] : sideTripsOf(zone, log, members, home)
    const tripBySeq = new Map(trips.flatMap((t) => t.trip.map((s): [number, SideTrip] => [s.seq, t])))
    const backTo = new Map(trips.flatMap((t): [number, SideTrip][] => (t.back === null ? [] : [[t.back, t]])))
    const close = () => {
      if (visit !== undefined) visits.push(visitStay(visit))
      visit = undefined
    }
    for (const s of log) {
      if (s.country === home) continue
      const m = members.get(s.country)
      const end = s.exit ?? on
      const trip = tripBySeq.get(s.seq)
      if (trip !== undefined && m === undefined) {
        // The visit left goes on: its first day, for the reason and for the stay back.
        const entry = origins.get(trip) ?? visit?.origin ?? s.entry
        origins.set(trip, entry)
        const reason = trip.back === null ? reasons.sideTripNow(zoneNameInText(zone), entry) : reasons.sideTrip(zoneNameInText(zone), entry)
        ignored.push(ignoredOf(s, s.entry, end, reason))
        if (trip.back === null && s.exit === null) returningOn = true
        continue
      }
      if (m === undefined) {
        const reason = nonMembers.get(s.country)
        if (reason !== undefined) ignored.push(ignoredOf(s, s.entry, end, reason))
        continue
      }
      const country = countryOf(s.country).name
      const from = Math.max(s.entry, m.from ?? s.entry)
      const to = Math.min(end, m.to ?? end)
      if (s.entry < from) ignored.push(ignoredOf(s, s.entry, Math.min(end, from - 1), reasons.beforeJoining(country, zoneNameInText(zone), from, on, m.note)))
      if (end > to) ignored.push(ignoredOf(s, Math.max(s.entry, to + 1), end, reasons.afterLeaving(country, zoneNameInText(zone), to, on)))
      if (from > to) continue
      const countryRanges = ranges.get(s.country)
      if (countryRanges === undefined) ranges.set(s.country, [{ start: from, end: to }])
      else countryRanges.push({ start: from, end: to })
      const joins = visit !== undefined && !visit.cut && visit.lastSeq === s.seq - 1 && s.direct && from === s.entry
      if (!joins) close()
      const open = s.exit === null && to === end
      if (visit === undefined) {
        const left = backTo.get(s.seq)
        const origin = left === undefined ? undefined : origins.get(left)
        visit = { entry: from, end: to, continues: origin !== undefined, origin: origin ?? from, open, cut: to < end, lastSeq: s.seq, first: s, last: s }
      } else Object.assign(visit, { end: Math.max(visit.end, to), open, cut: to < end, lastSeq: s.seq, last: s })
    }
    close()
  }
  const countries = [...ranges].map(([country, rs]) => ({ country, days: unionLength(rs) }))
  return { zone, stays: visits.sort((a, b) => a.entry - b.entry), countries, ignored: ignored.sort(byStart), returningOn }
}

/** Both lists are sorted by start. */
const firstDay = (z: ZoneAttribution): number => Math.min(z.stays[0]?.entry ?? Infinity, z.ignored[0]?.start ?? Infinity)

function visitStay(v: OpenVisit): Stay {
  const exitSource = v.open ? undefined : v.last.exitSource
  const stay: Stay = {
    entry: v.entry as CalendarDay,
    exit: v.open ? null : (v.end as CalendarDay),
    source: v.first.source,
    ...(exitSource === undefined ? {} : { exitSource }),
  }
  if (!v.continues) return stay
  const back: ContinuingStay = { ...stay, continuesVisit: true }
  return back
}

function ignoredOf(s: CountryStay, start: number, end: number, reason: string): IgnoredDays {
  return { country: s.country, start: start as CalendarDay, end: end as CalendarDay, reason, source: s.source }
}

const byStart = (a: IgnoredDays, b: IgnoredDays): number => a.start - b.start || a.end - b.end

/** Days in the union of inclusive ranges. */
function unionLength(ranges: readonly { start: number; end: number }[]): number {
  let total = 0
  let reach = Number.NEGATIVE_INFINITY
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(r.start, reach + 1)
    if (r.end >= start) total += r.end - start + 1
    reach = Math.max(reach, r.end)
  }
  return total
}
