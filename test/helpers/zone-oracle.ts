/**
 * A brute-force oracle for attributing days to zones, for the countries the property test uses.
 * Membership facts are written out here again, from ../shared/rules-reference.md §4.8 and the
 * Council decisions, rather than read from src/zones, and days go through `Date.UTC`: a wrong date
 * in the zone data or a slip in the attribution code cannot hide here. Day by day, a Set per zone.
 */

const MS = 86_400_000
/** Days since 1970-01-01 of an ISO date, through Date.UTC. */
export const utcDay = (iso: string): number => {
  const [y = 0, m = 0, d = 0] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / MS
}

/** The zone a country's days count toward, and from which date; `null`: no zone. */
const MEMBERSHIP: Readonly<Record<string, { readonly zone: string; readonly from: string | null } | null>> = {
  FR: { zone: 'schengen', from: '1995-03-26' },
  DE: { zone: 'schengen', from: '1995-03-26' },
  HU: { zone: 'schengen', from: '2007-12-21' },
  HR: { zone: 'schengen', from: '2023-01-01' },
  BG: { zone: 'schengen', from: '2024-03-31' },
  RO: { zone: 'schengen', from: '2024-03-31' },
  IE: null,
  CY: null,
  RS: { zone: 'rs', from: null },
  TR: { zone: 'tr', from: null },
  KZ: { zone: 'kz', from: null },
  AM: { zone: 'am', from: null },
  JP: null,
}

export const ORACLE_COUNTRIES: readonly string[] = Object.keys(MEMBERSHIP)

export interface LogStay {
  readonly country: string
  readonly entry: number
  /** `null`: still inside through `on`. */
  readonly exit: number | null
}

/** For each zone, every day on which the traveller was in one of its members while it was one. */
export function zoneDays(stays: readonly LogStay[], on: number): Map<string, Set<number>> {
  const zones = new Map<string, Set<number>>()
  for (const s of stays) {
    const m = MEMBERSHIP[s.country]
    if (m === undefined) throw new Error(`zone oracle: no membership facts for ${s.country}`)
    if (m === null) continue
    const from = m.from === null ? Number.NEGATIVE_INFINITY : utcDay(m.from)
    const days = zones.get(m.zone) ?? new Set<number>()
    for (let d = s.entry; d <= (s.exit ?? on); d++) if (d >= from) days.add(d)
    zones.set(m.zone, days)
  }
  for (const [zone, days] of zones) if (days.size === 0) zones.delete(zone)
  return zones
}

/** A day set as one-day stays, the form test/helpers/oracle.ts takes. */
export const asStays = (days: ReadonlySet<number>): { entry: number; exit: number }[] =>
  [...days].sort((a, b) => a - b).map((d) => ({ entry: d, exit: d }))
