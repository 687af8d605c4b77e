/**
 * What each command does once commander has parsed its options: options and Io in, exit code out.
 * Knows neither commander nor `process`; files, output and the clock come through `Io`.
 */
import { assess } from './engine/assess.js'
import { bindingIndex, bindingReport } from './engine/binding.js'
import { batchProblems, ExitCode, formatJsonWarnings, InputError, problems, UsageError, zoneProblems } from './errors.js'
import { checkReadOnce, gatherStays, type InputSpec, readSource, withAdmitUntil } from './input.js'
import { type Io, wantsColor } from './io.js'
import { dateFormatProblem, parseDate } from './parse/date.js'
import { planCommandOutput, planningFlags, planningOutput, type PlanningFlagValues } from './planning-output.js'
import { renderJson, rulesJson } from './render/json.js'
import { renderRuleDetail, renderRulesJson, renderRulesList } from './render/rules.js'
import { renderHistoryViolations, renderRulesSummary, renderText } from './render/text.js'
import { renderZonesJson, renderZonesText } from './render/zones.js'
import { findRule, PRESETS } from './rules/index.js'
import { selectRules } from './rules/select.js'
import type { Rule } from './rules/types.js'
import type { CalendarDay } from './types.js'
import { anyViolation, assessZones, type ZonesReport } from './zones/assess.js'
import { countryInput, homeCountry, isZoneRuleValue, zoneRules } from './zones/select.js'

/** The options of the main and `plan` commands, as commander hands them over. */
export interface CliOptions extends PlanningFlagValues {
  trip?: string[]
  on?: string
  rule?: string[]
  rulesFile?: string
  home?: string
  limit?: string
  window?: string
  dateFormat?: string
  admitUntil?: string
  json?: boolean
  exitZero?: boolean
  color?: boolean
  format?: string
  batch?: boolean
  groupBy?: string
  quiet?: boolean
}

/** The inputs and the rules file: a pipe may be read once in all (`- --rules-file -`). */
const withRulesFile = (files: readonly string[], opts: CliOptions): string[] => (opts.rulesFile === undefined ? [...files] : [...files, opts.rulesFile])

/** Rules from `--rules-file`; zod and yaml load only when one is given. */
async function loadRules(file: string | undefined, io: Io): Promise<Rule[]> {
  if (file === undefined) return []
  const { loadRulesFile } = await import('./rules/load.js')
  const source = await readSource(file, io, 'a readable JSON or YAML rules file (see README "Rules files")')
  if ('code' in source) throw new InputError([source])
  const loaded = loadRulesFile(source.text, source.name)
  if (loaded.problems.length > 0) throw new InputError(loaded.problems)
  return loaded.rules
}

/** The rules to check, and the zones' rules from `--rule ZONE=ID` (src/zones/select.ts). */
async function chooseRules(opts: CliOptions, io: Io): Promise<{ rules: Rule[]; zoneRules: Map<string, Rule> }> {
  const extra = await loadRules(opts.rulesFile, io)
  const ids = opts.rule ?? []
  return { rules: selectRules({ ids, limit: opts.limit, window: opts.window }, extra), zoneRules: zoneRules(ids, extra) }
}

function referenceDay(opts: CliOptions, io: Io): CalendarDay {
  return opts.on === undefined ? io.today() : parseFlagDate(opts.on, '--on', opts.dateFormat)
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** A `--date-format` that cannot read a date is a usage error, whether or not a date needs it. */
function checkDateFormat(format: string | undefined): void {
  const unusable = format === undefined ? undefined : dateFormatProblem(format)
  if (unusable !== undefined) throw new UsageError(unusable)
}

/**
 * A date flag: YYYY-MM-DD always; else in `--date-format` when one is given (as `--trip` reads, so
 * `--on 01/06/2024` with dd/MM/yyyy is 1 June), else the other unambiguous forms.
 */
function parseFlagDate(text: string, flag: string, format?: string): CalendarDay {
  // YYYY-MM-DD first, whatever the format (`yyyy-dd-MM` would read 2024-06-01 as 6 January).
  if (format !== undefined && !ISO_DAY.test(text.trim())) {
    checkDateFormat(format)
    const inFormat = parseDate(text, `${flag} date`, format)
    if (!inFormat.ok) throw new UsageError(problems.badDateFlag(flag, text, inFormat.detail))
    return inFormat.day
  }
  const parsed = parseDate(text, `${flag} date`)
  if (!parsed.ok) throw new UsageError(problems.badDateFlag(flag, text, parsed.detail))
  return parsed.day
}

/**
 * The rules (from `--rules-file` too) and the stays of every input, with the problems of both
 * listed together: a bad rules file does not hide the inputs' problems until it is mended (QA).
 */
async function rulesAndStays(opts: CliOptions, input: InputSpec, on: CalendarDay, io: Io) {
  const failed: InputError[] = []
  /** The answer, or `undefined` with its input problems kept; any other error is thrown. */
  const kept = <T>(answer: Promise<T>): Promise<T | undefined> =>
    answer.catch((error: unknown) => {
      if (!(error instanceof InputError)) throw error
      failed.push(error)
      return undefined
    })
  const chosen = await kept(chooseRules(opts, io))
  const gathered = await kept(gatherStays(input, on, io))
  if (chosen === undefined || gathered === undefined) {
    throw new InputError(
      failed.flatMap((e) => e.problems),
      { warnings: failed.flatMap((e) => e.warnings) },
    )
  }
  return { ...chosen, ...gathered }
}

/**
 * Rule, reference day, flags and stays from the options, assessed. The flags' usage errors come
 * before any input is read; a `--rule` or `--limit` is checked with the rules file, so when that
 * file has problems, those come first, with the inputs' (`rulesAndStays`).
 */
async function prepare(files: string[], opts: CliOptions, io: Io) {
  const on = referenceDay(opts, io)
  const home = opts.home === undefined ? undefined : homeCountry(opts.home)
  const flags = planningFlags(opts, files)
  const trips = opts.trip ?? []
  if (files.length === 0 && trips.length === 0) throw new UsageError(problems.noInput())
  checkDateFormat(opts.dateFormat)
  // A flag, so read before any input, as --on is (QA: its problem came a run after the files').
  const admitUntil = opts.admitUntil === undefined ? undefined : parseFlagDate(opts.admitUntil, '--admit-until', opts.dateFormat)
  const input = { files, trips, ...(opts.dateFormat === undefined ? {} : { dateFormat: opts.dateFormat }) }
  const { rules, zoneRules, ...gathered } = await rulesAndStays(opts, input, on, io)
  const { warnings } = gathered
  const stays = admitUntil === undefined ? gathered.stays : withAdmitUntil(gathered.stays, on, admitUntil)
  const custom = opts.limit !== undefined || opts.window !== undefined
  const countryStays = countryInput(stays, { ruleValues: opts.rule ?? [], custom, home })
  if (countryStays !== null && opts.admitUntil !== undefined) throw new UsageError(zoneProblems.notWithCountries('--admit-until'))
  const zones = countryStays === null ? null : assessZones({ stays: countryStays, on, rules: zoneRules, warnings, ...(home === undefined ? {} : { home }) })
  const reports = rules.map((rule) => assess({ stays, rule, on, warnings }))
  const binding = bindingIndex(reports)
  return { rule: rules[binding]!, rules, on, flags, stays, report: bindingReport(reports, binding), reports, binding, zones }
}

/** A country log: one report per zone (src/zones/); the planning flags do not read it yet. */
function printZones(zones: ZonesReport, opts: CliOptions, io: Io): ExitCode {
  const planning = (['for', 'explain', 'timeline', 'chart', 'ics'] as const).find((flag) => opts[flag] !== undefined)
  if (planning !== undefined) throw new UsageError(zoneProblems.notWithCountries(`--${planning}`))
  io.stdout(opts.json ? renderZonesJson(zones) : renderZonesText(zones, { color: wantsColor(opts.color, io) }))
  if (opts.json) io.stderr(formatJsonWarnings([...zones.warnings, ...zones.zones.flatMap((z) => z.report.warnings)]))
  return anyViolation(zones) && !opts.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
}

/**
 * Folders among the inputs, each as its .csv, .tsv and .txt files in name order: a folder's worth of
 * itineraries is a batch, each file a traveller unless it has a traveller column (issue 5).
 * `undefined` when no input is a folder.
 */
async function expandFolders(files: readonly string[], io: Io): Promise<string[] | undefined> {
  if (io.folderFiles === undefined) return undefined
  let any = false
  const expanded: string[] = []
  for (const path of files) {
    const inside = await io.folderFiles(path).catch((error: unknown) => {
      throw new InputError([{ source: { file: path }, code: 'E_FILE_UNREADABLE', ...problems.fileUnreadable(path, error, batchProblems.folderExpected()) }])
    })
    if (inside === undefined) expanded.push(path)
    else if (inside.length === 0) throw new UsageError(batchProblems.emptyFolder(path))
    else {
      any = true
      expanded.push(...inside)
    }
  }
  return any ? expanded : undefined
}

/** Many travellers (src/batch/, loaded only then): when asked for, when an input is a folder, or when one has a traveller column. */
async function runBatchReport(given: string[], opts: CliOptions, io: Io): Promise<ExitCode | undefined> {
  const folders = await expandFolders(given, io)
  const files = folders ?? given
  const { detectBatch, formatOf } = await import('./batch/detect.js')
  // A folder is a batch whatever its files hold; they are still looked at for a column that names
  // travellers, for the note on `id` and `name` (QA: a folder silenced it, as --batch does).
  const found = await detectBatch(files, opts, io)
  const detected = folders !== undefined && !found.batch ? { batch: true } : found
  if (!detected.batch) {
    if (formatOf(opts) === 'json') opts.json = true
    return undefined
  }
  const { runBatch } = await import('./batch/run.js')
  const { rules } = await chooseRules(opts, io)
  // `id` and `name` also name other things (a row number, a place): say that they were read as travellers.
  const column = detected.column
  if (column !== undefined && /^\s*(id|name)\s*$/i.test(column.name) && opts.quiet !== true) io.stderr(batchProblems.columnReadAsTravellers(column.file, column.name))
  const zoneRule = (opts.rule ?? []).find(isZoneRuleValue)
  if (zoneRule !== undefined) throw new UsageError(batchProblems.zoneRuleInBatch(zoneRule))
  const singleOnly = (['for', 'explain', 'timeline', 'chart', 'ics', 'home', 'admitUntil'] as const)
    .filter((f) => opts[f] !== undefined)
    .map((f) => (f === 'admitUntil' ? '--admit-until' : `--${f}`))
  const { dateFormat, groupBy } = opts
  return runBatch(
    { files, rules, on: referenceDay(opts, io), format: formatOf(opts), dateFormat, groupBy, stdinText: detected.stdinText, trips: opts.trip ?? [], singleOnly },
    { exitZero: opts.exitZero === true, color: wantsColor(opts.color, io), quiet: opts.quiet === true },
    io,
  )
}

export async function runReport(files: string[], opts: CliOptions, io: Io): Promise<ExitCode> {
  await checkReadOnce(withRulesFile(files, opts), io)
  const batch = await runBatchReport(files, opts, io)
  if (batch !== undefined) return batch
  const { rule, rules, on, flags, stays, report, reports, binding, zones } = await prepare(files, opts, io)
  if (zones !== null) return printZones(zones, opts, io)
  const color = wantsColor(opts.color, io)
  const extra = await planningOutput({ stays, rule, rules, on }, report, flags, opts.json === true, color, io)
  io.stdout(
    opts.json
      ? renderJson(report, { ...rulesJson(reports, binding), ...extra.json })
      : renderText(report, { color }) + renderRulesSummary(reports, binding, { color }) + extra.text,
  )
  if (opts.json) io.stderr(formatJsonWarnings(reports.flatMap((r) => r.warnings)))
  return reports.some((r) => r.violations.length > 0) && !opts.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
}

export async function runPlan(files: string[], opts: CliOptions, io: Io): Promise<ExitCode> {
  await checkReadOnce(withRulesFile(files, opts), io)
  // A traveller column means many travellers: a plan for all their stays together would be wrong.
  const { travellerFile } = await import('./batch/detect.js')
  const many = await travellerFile(files, io)
  if (many !== undefined) throw new UsageError(batchProblems.planOnBatch(many.file))
  const { rule, rules, on, flags, stays, report, reports, binding, zones } = await prepare(files, opts, io)
  if (zones !== null) throw new UsageError(zoneProblems.notWithCountries('stay-calc plan'))
  const color = wantsColor(opts.color, io)
  const extra = await planCommandOutput({ stays, rule, rules, on }, report, flags, opts.json === true, color)
  io.stdout(opts.json ? renderJson(report, { ...rulesJson(reports, binding), ...extra.json }) : extra.text + renderHistoryViolations(reports, { color }))
  if (opts.json) io.stderr(formatJsonWarnings(reports.flatMap((r) => r.warnings)))
  return reports.some((r) => r.violations.length > 0) && !opts.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
}


/** `stay-calc rules`: the catalogue never reads the clock; `--on` adds which constraints are checked that day. */
export async function runRules(id: string | undefined, opts: { rulesFile?: string; json?: boolean; on?: string; dateFormat?: string }, io: Io): Promise<ExitCode> {
  // As the main command does (QA: `rules --on 2024-06-01 --date-format dd.MM` went through).
  checkDateFormat(opts.dateFormat)
  const on = opts.on === undefined ? undefined : parseFlagDate(opts.on, '--on', opts.dateFormat)
  const extra = await loadRules(opts.rulesFile, io)
  const all = [...extra, ...PRESETS.filter((p) => !extra.some((r) => r.id === p.id))]
  if (id === undefined) {
    io.stdout(opts.json ? renderRulesJson(all, on) : renderRulesList(all, on))
    return ExitCode.Ok
  }
  const rule = findRule(id, extra) ?? selectRules({ ids: [id] }, extra)[0]!
  io.stdout(opts.json ? renderRulesJson([rule], on) : renderRuleDetail(rule, on))
  return ExitCode.Ok
}
