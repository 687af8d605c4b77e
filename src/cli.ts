/**
 * The command line: commander wiring, argv → input → engine → render → exit code.
 * The only module that knows commander; `process`, files and the clock reach it through `Io`.
 */
import { Command, CommanderError } from 'commander'
import { assess } from './engine/assess.js'
import {
  ExitCode,
  formatInternalError,
  formatUserError,
  InputError,
  problems,
  StayCalcError,
  UsageError,
  zoneProblems,
} from './errors.js'
import { gatherStays, readSource, withAdmitUntil } from './input.js'
import { planCommandOutput, planningFlags, planningOutput, type PlanningFlagValues } from './planning-output.js'
import { type Io, wantsColor } from './io.js'
import { dateFormatProblem, parseDate } from './parse/date.js'
import { bindingIndex } from './engine/binding.js'
import { findRule, PRESETS } from './rules/index.js'
import { selectRules } from './rules/select.js'
import type { Rule } from './rules/types.js'
import { renderRuleDetail, renderRulesJson, renderRulesList } from './render/rules.js'
import { renderJson, rulesJson } from './render/json.js'
import { renderRulesSummary, renderText } from './render/text.js'
import { renderZonesJson, renderZonesText } from './render/zones.js'
import type { CalendarDay } from './types.js'
import { VERSION } from './version.js'
import { anyViolation, assessZones, type ZonesReport } from './zones/assess.js'
import { countryInput, homeCountry, zoneRules } from './zones/select.js'

export type { Io } from './io.js'


export const EXAMPLES = `
Examples:
  $ stay-calc examples/kazakhstan.csv --rule kz --on 2023-06-01
  $ stay-calc examples/schengen-overstay.csv --on 2024-06-01
  $ stay-calc --trip 2024-01-05..2024-02-20 --trip 2024-05-01.. --on 2024-06-01
  $ cat examples/crossings.csv | stay-calc - --json --on 2024-06-01
  $ stay-calc examples/european-dates.csv --date-format dd.MM.yyyy --on 2024-06-01
  $ stay-calc examples/zones.csv --rule kz=kz-visa-free --on 2024-06-01
  $ stay-calc --trip 2024-01-05..2024-02-20 --trip 2024-05-01.. --on 2024-06-01 --for 30 --explain
  $ stay-calc plan --trip 2024-05-01..2024-06-01 --trip 2024-08-01..2024-09-15 --on 2024-06-01
  $ stay-calc examples/batch.csv --on 2024-06-01 --format csv
`

interface CliOptions extends PlanningFlagValues {
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

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value]

export function createProgram(io: Io): Command {
  const program = new Command('stay-calc')
    .description('Count days of stay under "N days in any W-day period" rules (Schengen 90/180 and others) from border crossings.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[files...]', 'CSV files of stays or crossings; - reads standard input')
    .option('-t, --trip <ENTRY..EXIT>', 'a stay on the command line (repeatable); ENTRY.. if still inside', collect)
    .option('-o, --on <date>', 'reference date, YYYY-MM-DD (default: today)')
    .option('-r, --rule <id>', 'rule to check (repeatable; default: schengen); list them: stay-calc rules; ZONE=ID sets the rule of a zone (README "Countries and zones")', collect)
    .option('--rules-file <file>', 'custom rules (JSON or YAML, see README "Rules files")')
    .option('--limit <days>', 'custom rule: at most this many days ... (default 90)')
    .option('--window <days>', '... in any window of this many days (default 180)')
    .option('--home <country>', 'with a country column: your home country, whose days no zone counts')
    .option('--admit-until <date>', 'the last day your current visit is authorised (US I-94 "Admit Until", a stamped date)')
    .option('--date-format <tokens>', 'how input dates are written, in luxon tokens, e.g. dd.MM.yyyy')
    .option('--for <days>', 'earliest entry for a stay of this many days, and the longest stay from --on')
    .option('--explain', 'why the latest exit: the binding window, its stays, a timeline, days coming back')
    .option('--timeline', 'draw the days counted per day, within 80 columns')
    .option('--chart <file>', 'write the timeline as a picture: FILE.svg, or FILE.html with the answer')
    .option('--ics <file>', 'write the latest legal exit and the earliest full re-entry as iCalendar')
    .option('--json', 'print one JSON object (see README, "JSON output")')
    .option('--format <format>', 'text, json, jsonl, csv, github or junit (the last four: batch, README "Batch")')
    .option('--batch', 'many travellers: each file is one, named by its path, unless it has a traveller column')
    .option('--group-by <column>', "batch: the column naming each row's traveller (default: traveller, traveler, person, id or name)")
    .option('-q, --quiet', 'batch: no progress bar')
    .option('--exit-zero', 'exit 0 even when a rule is broken (report-only runs)')
    .option('--color', 'force colour')
    .option('--no-color', 'never colour (NO_COLOR is honoured too)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run stay-calc --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .enablePositionalOptions()
    .helpCommand(false)
  return program.addCommand(createPlanCommand(program)).addCommand(createRulesCommand())
}

function createRulesCommand(): Command {
  return new Command('rules')
    .description('list the rule presets, or explain one (its constraints, legal source, validity, confidence)')
    .argument('[id]', 'a rule id or alias, e.g. schengen, kz, ru')
    .option('--rules-file <file>', 'include the rules of this file')
    .option('--json', 'print the rules as JSON data')
    .helpOption('-h, --help', 'show this help')
}

async function runRules(id: string | undefined, opts: { rulesFile?: string; json?: boolean }, io: Io): Promise<ExitCode> {
  const extra = await loadRules(opts.rulesFile, io)
  const all = [...extra, ...PRESETS.filter((p) => !extra.some((r) => r.id === p.id))]
  if (id === undefined) {
    io.stdout(opts.json ? renderRulesJson(all) : renderRulesList(all))
    return ExitCode.Ok
  }
  const rule = findRule(id, extra) ?? selectRules({ ids: [id] }, extra)[0]!
  io.stdout(opts.json ? renderRulesJson([rule]) : renderRuleDetail(rule))
  return ExitCode.Ok
}

/** Options of the main command that `plan` does not share; it takes every other (input, rule, output). */
const MAIN_ONLY = new Set(['version', 'for', 'explain', 'timeline', 'chart', 'ics', 'format', 'batch', 'groupBy', 'quiet'])

function createPlanCommand(program: Command): Command {
  const plan = new Command('plan')
    .description('re-entry calendar: the longest stay entering on each coming day; planned stays checked')
    .argument('[files...]', 'CSV files of stays or crossings; - reads standard input')
  for (const option of program.options) if (!MAIN_ONLY.has(option.attributeName())) plan.addOption(option)
  return plan
    .option('--days <n>', "days in the calendar (default: the rule's window)")
    .helpOption('-h, --help', 'show this help')
    .copyInheritedSettings(program)
}

/** Rules from `--rules-file`; zod and yaml load only when one is given. */
async function loadRules(file: string | undefined, io: Io): Promise<Rule[]> {
  if (file === undefined) return []
  const { loadRulesFile } = await import('./rules/load.js')
  const source = await readSource(file, io)
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
  return opts.on === undefined ? io.today() : parseFlagDate(opts.on, '--on')
}

function parseFlagDate(text: string, flag: string): CalendarDay {
  const parsed = parseDate(text, `${flag} date`)
  if (!parsed.ok) throw new UsageError(problems.badDateFlag(flag, text, parsed.detail))
  return parsed.day
}

/** Rule, reference day, flags and stays from the options (usage errors before any input is read), assessed. */
async function prepare(files: string[], opts: CliOptions, io: Io) {
  const { rules, zoneRules } = await chooseRules(opts, io)
  const on = referenceDay(opts, io)
  const home = opts.home === undefined ? undefined : homeCountry(opts.home)
  const flags = planningFlags(opts)
  const trips = opts.trip ?? []
  if (files.length === 0 && trips.length === 0) throw new UsageError(problems.noInput())
  const formatProblem = opts.dateFormat === undefined ? undefined : dateFormatProblem(opts.dateFormat)
  if (formatProblem !== undefined) throw new UsageError(formatProblem)
  const input = { files, trips, ...(opts.dateFormat === undefined ? {} : { dateFormat: opts.dateFormat }) }
  const gathered = await gatherStays(input, on, io)
  const { warnings } = gathered
  const stays = opts.admitUntil === undefined ? gathered.stays : withAdmitUntil(gathered.stays, on, parseFlagDate(opts.admitUntil, '--admit-until'))
  const custom = opts.limit !== undefined || opts.window !== undefined
  const countryStays = countryInput(stays, { ruleValues: opts.rule ?? [], custom, home })
  const zones = countryStays === null ? null : assessZones({ stays: countryStays, on, rules: zoneRules, warnings, ...(home === undefined ? {} : { home }) })
  const reports = rules.map((rule) => assess({ stays, rule, on, warnings }))
  const binding = bindingIndex(reports)
  return { rule: rules[binding]!, rules, on, flags, stays, report: reports[binding]!, reports, binding, zones }
}

/** A country log: one report per zone (src/zones/); the planning flags do not read it yet. */
function printZones(zones: ZonesReport, opts: CliOptions, io: Io): ExitCode {
  const planning = (['for', 'explain', 'timeline', 'chart', 'ics'] as const).find((flag) => opts[flag] !== undefined)
  if (planning !== undefined) throw new UsageError(zoneProblems.notWithCountries(`--${planning}`))
  io.stdout(opts.json ? renderZonesJson(zones) : renderZonesText(zones, { color: wantsColor(opts.color, io) }))
  return anyViolation(zones) && !opts.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
}

/** Many travellers (src/batch/, loaded only then): when asked for, or when an input has a traveller column. */
async function runBatchReport(files: string[], opts: CliOptions, io: Io): Promise<ExitCode | undefined> {
  const { detectBatch, formatOf } = await import('./batch/detect.js')
  const detected = await detectBatch(files, opts, io)
  if (!detected.batch) {
    if (formatOf(opts) === 'json') opts.json = true
    return undefined
  }
  const { runBatch } = await import('./batch/run.js')
  const { rules } = await chooseRules(opts, io)
  const singleOnly = (['for', 'explain', 'timeline', 'chart', 'ics', 'home'] as const).filter((f) => opts[f] !== undefined).map((f) => `--${f}`)
  const { dateFormat, groupBy } = opts
  return runBatch(
    { files, rules, on: referenceDay(opts, io), format: formatOf(opts), dateFormat, groupBy, stdinText: detected.stdinText, trips: opts.trip ?? [], singleOnly },
    { exitZero: opts.exitZero === true, color: wantsColor(opts.color, io), quiet: opts.quiet === true },
    io,
  )
}

async function runReport(files: string[], opts: CliOptions, io: Io): Promise<ExitCode> {
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
  return reports.some((r) => r.violations.length > 0) && !opts.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
}

async function runPlan(files: string[], opts: CliOptions, io: Io): Promise<ExitCode> {
  const { rule, rules, on, flags, stays, report, reports, binding, zones } = await prepare(files, opts, io)
  if (zones !== null) throw new UsageError(zoneProblems.notWithCountries('stay-calc plan'))
  const extra = await planCommandOutput({ stays, rule, rules, on }, report, flags, opts.json === true, wantsColor(opts.color, io))
  io.stdout(opts.json ? renderJson(report, { ...rulesJson(reports, binding), ...extra.json }) : extra.text)
  return reports.some((r) => r.violations.length > 0) && !opts.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
}

/** Runs the CLI and returns the exit code; never throws, never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok
  const program = createProgram(io).action(async (files: string[], opts: CliOptions) => {
    code = await runReport(files, opts, io)
  })
  program.commands
    .find((c) => c.name() === 'plan')
    ?.action(async (files: string[], opts: CliOptions) => {
      code = await runPlan(files, opts, io)
    })
  program.commands
    .find((c) => c.name() === 'rules')
    ?.action(async (id: string | undefined, opts: { rulesFile?: string; json?: boolean }) => {
      code = await runRules(id, opts, io)
    })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (error) {
    return reportError(error, io)
  }
}

function reportError(error: unknown, io: Io): ExitCode {
  if (error instanceof CommanderError) {
    // commander has already printed its message (and the usage hint) to stderr.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
      ? ExitCode.Ok
      : ExitCode.BadInput
  }
  if (error instanceof StayCalcError && error.exitCode !== ExitCode.Internal) {
    io.stderr(formatUserError(error))
    return error.exitCode
  }
  io.stderr(formatInternalError(error, VERSION, io.env.NODE_VERSION ?? '', io.env.DEBUG?.includes('stay-calc') ?? false))
  return ExitCode.Internal
}
