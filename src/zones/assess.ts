/**
 * Country stays → one report per zone visited, each the core engine's Report for the zone's own
 * visits under the zone's rule, plus the binding deadline across zones. Pure; no I/O, no clock.
 */
import { assess } from '../engine/assess.js'
import type { Report } from '../engine/types.js'
import { isoOf } from '../day.js'
import { InternalError, warningMessages } from '../errors.js'
import { findRule } from '../rules/index.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay, Stay, Warning } from '../types.js'
import { attribute, type CountryDays } from './attribute.js'
import type { CountryStay, IgnoredDays, Zone } from './types.js'
import { countryOf } from './countries.js'
import { zoneNameInText, zones as allZones } from './zones.js'

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
  const joining = joiningWarnings(stays, on, attribution.zones, zones, rules, home)
  const reports = attribution.zones.map(
    (z): ZoneReport => ({
      zone: z.zone,
      report: assess({ stays: z.stays, rule: zoneRule(z.zone, rules), on, ...(z.returningOn ? { returnsOn: true } : {}) }),
      countries: z.countries,
      ignored: z.ignored,
    }),
  )
  return { on, zones: reports, uncounted: attribution.uncounted, binding: bindingZone(reports), warnings: joining.length === 0 ? warnings : [...warnings, ...joining] }
}

/**
 * The traveller is on `on` in a country that joins a zone later, and stays on past that day:
 * from it their days there count for the zone with no border crossed (Croatia joined the Schengen
 * area on 2023-01-01, Bulgaria and Romania on 2024-03-31, with people inside), so the zone's
 * deadline binds before any exit. Worked out as a visit entering the zone on the joining day after
 * the zone's visits so far; a rule with no limit then gives no warning (QA).
 */
function joiningWarnings(
  stays: readonly CountryStay[],
  on: CalendarDay,
  attributed: readonly { readonly zone: Zone; readonly stays: readonly Stay[] }[],
  zones: readonly Zone[],
  rules: ReadonlyMap<string, Rule> | undefined,
  home: string | undefined,
): Warning[] {
  const found: Warning[] = []
  for (const stay of stays) {
    if (stay.entry > on || (stay.exit !== null && stay.exit < on) || stay.country === home) continue
    for (const zone of zones) {
      const from = zone.members.find((m) => m.country === stay.country && m.from !== null && m.from > on && (m.to === null || m.to >= m.from))?.from
      if (from === undefined || from === null || (stay.exit !== null && stay.exit < from)) continue
      const before = (attributed.find((z) => z.zone === zone)?.stays ?? []).filter((s) => s.entry < from)
      const rule = zoneRule(zone, rules)
      const then = assess({ stays: [...before, { entry: from, exit: null, source: stay.source }], rule, on: from })
      if (then.latestExitBound === 'none') continue
      const leaveBy = then.latestExit ?? from - 1
      found.push({
        code: 'W_JOINS_ZONE',
        message: warningMessages.joinsZone(countryOf(stay.country).name, zoneNameInText(zone), isoOf(from), isoOf(leaveBy), rule.id),
        sources: [stay.source],
      })
    }
  }
  return found
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
