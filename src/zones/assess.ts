/**
 * Country stays → one report per zone visited, each the core engine's Report for the zone's own
 * visits under the zone's rule, plus the binding deadline across zones. Pure; no I/O, no clock.
 */
import { assess } from '../engine/assess.js'
import type { Report } from '../engine/types.js'
import { InternalError } from '../errors.js'
import { findRule } from '../rules/index.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay, Warning } from '../types.js'
import { attribute, type CountryDays } from './attribute.js'
import type { CountryStay, IgnoredDays, Zone } from './types.js'
import { zones as allZones } from './zones.js'

export interface ZoneReport {
  readonly zone: Zone
  readonly report: Report
  readonly countries: readonly CountryDays[]
  readonly ignored: readonly IgnoredDays[]
}

export interface ZonesReport {
  readonly on: CalendarDay
  /** Every zone with a counted or an ignored day, Schengen first. */
  readonly zones: readonly ZoneReport[]
  /** Days no zone counts. */
  readonly uncounted: readonly IgnoredDays[]
  /**
   * Of the zones the traveller is in on `on`, the one to leave first: no legal exit at all, else
   * the earliest latest exit. `null` when in no zone, or in none that limits the stay.
   */
  readonly binding: ZoneReport | null
  readonly warnings: readonly Warning[]
}

export interface ZonesInput {
  readonly stays: readonly CountryStay[]
  readonly on: CalendarDay
  /** Rules by zone id (`--rule ZONE=ID`); other zones use their default rule. */
  readonly rules?: ReadonlyMap<string, Rule>
  /** The traveller's home country (alpha-2): days there count for no zone. */
  readonly home?: string
  readonly warnings?: readonly Warning[]
  readonly zones?: readonly Zone[]
}

/** The rule a zone is counted under. */
export function zoneRule(zone: Zone, rules: ReadonlyMap<string, Rule> = new Map()): Rule {
  const rule = rules.get(zone.id) ?? findRule(zone.rule)
  if (rule === undefined) throw new InternalError(`zone ${zone.id} names rule ${zone.rule}, which is not a preset`)
  return rule
}

export function assessZones({ stays, on, rules, home, warnings = [], zones = allZones() }: ZonesInput): ZonesReport {
  const attribution = attribute(stays, on, { zones, ...(home === undefined ? {} : { home }) })
  const reports = attribution.zones.map(
    (z): ZoneReport => ({
      zone: z.zone,
      report: assess({ stays: z.stays, rule: zoneRule(z.zone, rules), on, ...(z.returningOn ? { returnsOn: true } : {}) }),
      countries: z.countries,
      ignored: z.ignored,
    }),
  )
  return { on, zones: reports, uncounted: attribution.uncounted, binding: bindingZone(reports), warnings }
}

function bindingZone(reports: readonly ZoneReport[]): ZoneReport | null {
  let best: ZoneReport | null = null
  for (const z of reports) {
    const { inside, latestExit, latestExitBound } = z.report
    if (!inside || latestExitBound === 'none') continue
    if (latestExit === null) return z
    if (best === null || latestExit < (best.report.latestExit as number)) best = z
  }
  return best
}

/** Whether any zone's rule is broken somewhere in the history (exit status 1). */
export const anyViolation = (r: ZonesReport): boolean => r.zones.some((z) => z.report.violations.length > 0)
