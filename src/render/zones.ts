/**
 * The countries-and-zones report (src/zones/assess.ts) as text, as JSON, and the README's zones
 * table. Pure: data in, a string out. Each zone's section is the core text report of that zone;
 * the summary, with the binding deadline across zones, comes last.
 */
import { isoOf } from '../day.js'
import type { Report } from '../engine/types.js'
import { formatSource, sourceText } from '../errors.js'
import { countryOf } from '../zones/countries.js'
import type { ZoneReport, ZonesReport } from '../zones/assess.js'
import type { IgnoredDays, Membership, Zone } from '../zones/types.js'
import { zoneNameInText } from '../zones/zones.js'
import { reportJson, SCHEMA_VERSION, warningJson } from './json.js'
import { type Paint, paint, type TextOptions } from './style.js'
import { renderText } from './text.js'
import { plural } from '../words.js'
import { breachWords } from './breach-words.js'

const dayCount = (d: IgnoredDays): number => d.end - d.start + 1

function ignoredLine(d: IgnoredDays, c: Paint): string {
  const range = `${isoOf(d.start)} – ${isoOf(d.end)}`
  return `  ${range}  ${plural(dayCount(d), 'day').padStart(9)} in ${d.country}: ${d.reason}  ${c.dim(formatSource(d.source))}`
}

function zoneSection(z: ZoneReport, options: TextOptions): string {
  const c = paint(options)
  const countries = z.countries.map((k) => `${k.country} ${plural(k.days, 'day')}`).join(', ')
  const lines = [c.bold(`═══ ${z.zone.name} (zone ${z.zone.id}) ═══`)]
  lines.push(countries === '' ? 'No day counted in this zone.' : `Days by country: ${countries}`, '')
  let text = `${lines.join('\n')}\n${renderText(z.report, options)}`
  if (z.ignored.length > 0) {
    const ignored = [c.yellow.bold(`Not counted in ${zoneNameInText(z.zone)} (${z.ignored.length})`), ...z.ignored.map((d) => ignoredLine(d, c))]
    text += `\n${ignored.join('\n')}\n`
  }
  return text
}

/** Days used and what is left, as in the constraints block of the core text report. */
function summaryLine(z: ZoneReport, width: number, c: Paint): string {
  const r = z.report
  const limit = r.constraints.find((k) => k.id === r.binding)?.limit ?? 0
  const used = `${r.daysUsed}/${limit} used`
  const overstays = r.violations.length > 0 ? c.red(`, ${breachWords(r).count(r.violations.length)} in the history`) : ''
  return `  ${z.zone.name.padEnd(width)}  ${used.padEnd(12)}  ${exitText(r)}${overstays}`
}

function exitText(r: Report): string {
  const on = isoOf(r.on)
  if (r.latestExit === null) {
    if (r.latestExitBound === 'none') return r.inside ? 'inside, no limit applies' : 'no limit applies'
    return r.inside ? 'inside: already over the limit' : `cannot enter on ${on}`
  }
  return r.inside ? `inside, latest legal exit ${isoOf(r.latestExit)}` : `entering on ${on}, may stay until ${isoOf(r.latestExit)}`
}

function headline(r: ZonesReport, c: Paint): string {
  const on = isoOf(r.on)
  const inside = r.zones.filter((z) => z.report.inside)
  if (inside.length === 0) return `On ${on} you are in no zone.`
  const b = r.binding
  if (b === null) return c.green(`No limit applies on ${on} to the zones you are in.`)
  if (b.report.latestExit === null) {
    if (b.report.latestExitBound === 'plan') return c.red(`Staying in ${zoneNameInText(b.zone)} on ${on} would make a planned stay break its rule.`)
    return c.red(`Overstay: being in ${zoneNameInText(b.zone)} on ${on} already breaks its rule.`)
  }
  const others = inside.length > 1 ? ' (the earliest deadline of the zones you are in)' : ''
  return c.bold(`Leave ${zoneNameInText(b.zone)} by ${c.green(isoOf(b.report.latestExit))}`) + others
}

export function renderZonesText(r: ZonesReport, options: TextOptions): string {
  const c = paint(options)
  const sections = r.zones.map((z) => zoneSection(z, options))
  const lines: string[] = [c.bold(`Summary on ${isoOf(r.on)}`)]
  if (r.zones.length === 0) lines.push('  No day in any zone.')
  const width = Math.max(0, ...r.zones.map((z) => z.zone.name.length))
  for (const z of r.zones) lines.push(summaryLine(z, width, c))
  if (r.uncounted.length > 0) {
    lines.push('', c.bold(`Not counted in any zone (${r.uncounted.length})`), ...r.uncounted.map((d) => ignoredLine(d, c)))
  }
  if (r.warnings.length > 0) {
    lines.push('', c.yellow.bold(`Warnings (${r.warnings.length})`))
    for (const w of r.warnings) lines.push(`  ${c.yellow(w.message)}  ${c.dim(w.sources.map(formatSource).join(', '))}`)
  }
  lines.push('', headline(r, c))
  return [...sections, `${lines.join('\n')}\n`].join('\n')
}

function ignoredJson(d: IgnoredDays) {
  return { country: d.country, start: isoOf(d.start), end: isoOf(d.end), days: dayCount(d), reason: d.reason, source: sourceText(d.source) }
}

/** One zone: `zone`, then the core single-rule object (reportJson), then the zone's own keys. */
export function zoneJson(z: ZoneReport) {
  return {
    zone: z.zone.id,
    ...reportJson(z.report),
    zoneName: z.zone.name,
    countries: z.countries.map((k) => ({ country: k.country, name: countryOf(k.country).name, days: k.days })),
    ignored: z.ignored.map(ignoredJson),
  }
}

/** The JSON contract with countries (README, "Countries and zones"). Keys always present, in this order. */
export function zonesJson(r: ZonesReport) {
  const b = r.binding
  return {
    schemaVersion: SCHEMA_VERSION,
    on: isoOf(r.on),
    inside: r.zones.filter((z) => z.report.inside).map((z) => z.zone.id),
    binding: b === null ? null : { zone: b.zone.id, latestExit: b.report.latestExit === null ? null : isoOf(b.report.latestExit), latestExitBound: b.report.latestExitBound },
    zones: r.zones.map(zoneJson),
    uncounted: r.uncounted.map(ignoredJson),
    warnings: r.warnings.map(warningJson),
  }
}

export function renderZonesJson(r: ZonesReport): string {
  return `${JSON.stringify(zonesJson(r), null, 2)}\n`
}

/** `BE DE FR (1995-03-26)` groups of members sharing a date and note. */
function membersText(members: readonly Membership[]): string {
  const groups: { key: string; codes: string[] }[] = []
  for (const m of members) {
    const when = m.from === null ? '' : `from ${isoOf(m.from)}${m.to === null ? '' : ` to ${isoOf(m.to)}`}`
    const key = [m.deFacto ? 'de facto' : '', m.partOf === undefined ? '' : `part of ${m.partOf}`, when, m.note ?? ''].filter((s) => s !== '').join('; ')
    const group = groups.find((g) => g.key === key)
    if (group === undefined) groups.push({ key, codes: [m.country] })
    else group.codes.push(m.country)
  }
  return groups.map((g) => `${g.codes.join(' ')}${g.key === '' ? '' : ` (${g.key})`}`).join(', ')
}

/**
 * The README's zones table, generated from the data (a test keeps it in sync).
 * @example zonesMarkdownTable([kz]) //=> '| Zone | Countries (counted from) | Default rule |\n| --- | --- | --- |\n| `kz` Kazakhstan | KZ | `kz` |'
 */
export function zonesMarkdownTable(zones: readonly Zone[]): string {
  const rows = zones.map((z) => {
    const not = (z.nonMembers ?? []).map((n) => n.country)
    const members = membersText(z.members) + (not.length > 0 ? `; not members: ${not.join(' ')}` : '')
    return `| \`${z.id}\` ${z.name} | ${members} | \`${z.rule}\` |`
  })
  return ['| Zone | Countries (counted from) | Default rule |', '| --- | --- | --- |', ...rows].join('\n')
}
