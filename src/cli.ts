/**
 * The command line: commander wiring, argv → input → engine → render → exit code.
 * The only module that knows commander; `process`, files and the clock reach it through `Io`.
 */
import { createRequire } from 'node:module'
import { Command, CommanderError, Option } from 'commander'
import { assess } from './engine/assess.js'
import {
  ExitCode,
  formatInternalError,
  formatUserError,
  problems,
  StayCalcError,
  UsageError,
} from './errors.js'
import { gatherStays } from './input.js'
import { type Io, wantsColor } from './io.js'
import { dateFormatProblem, parseDate } from './parse/date.js'
import { customRollingRule, requireRule, RULE_IDS } from './rules/index.js'
import type { Rule } from './rules/types.js'
import { renderJson } from './render/json.js'
import { renderText } from './render/text.js'
import type { CalendarDay } from './types.js'

export type { Io } from './io.js'

const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version

export const EXAMPLES = `
Examples:
  $ stay-calc examples/kazakhstan.csv --rule kz --on 2023-06-01
  $ stay-calc examples/schengen-overstay.csv --on 2024-06-01
  $ stay-calc --trip 2024-01-05..2024-02-20 --trip 2024-05-01.. --on 2024-06-01
  $ cat examples/crossings.csv | stay-calc - --json --on 2024-06-01
  $ stay-calc examples/european-dates.csv --date-format dd.MM.yyyy --on 2024-06-01
`

interface CliOptions {
  trip?: string[]
  on?: string
  rule?: string
  limit?: string
  window?: string
  dateFormat?: string
  json?: boolean
  exitZero?: boolean
  color?: boolean
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value]

export function createProgram(io: Io): Command {
  return new Command('stay-calc')
    .description('Count days of stay under "N days in any W-day period" rules (Schengen 90/180 and others) from border crossings.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[files...]', 'CSV files of stays or crossings; - reads standard input')
    .option('-t, --trip <ENTRY..EXIT>', 'a stay on the command line (repeatable); ENTRY.. if still inside', collect)
    .option('-o, --on <date>', 'reference date, YYYY-MM-DD (default: today)')
    .addOption(new Option('-r, --rule <id>', 'rule preset (default: schengen)').choices(RULE_IDS))
    .option('--limit <days>', 'custom rule: at most this many days ... (default 90)')
    .option('--window <days>', '... in any window of this many days (default 180)')
    .option('--date-format <tokens>', 'how input dates are written, in luxon tokens, e.g. dd.MM.yyyy')
    .option('--json', 'print one JSON object (see README, "JSON output")')
    .option('--exit-zero', 'exit 0 even when a rule is broken (report-only runs)')
    .option('--color', 'force colour')
    .option('--no-color', 'never colour (NO_COLOR is honoured too)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run stay-calc --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) throw new UsageError(problems.badNumber(flag, text))
  return Number(text)
}

function chooseRule(opts: CliOptions): Rule {
  if (opts.limit === undefined && opts.window === undefined) return requireRule(opts.rule ?? 'schengen')
  if (opts.rule !== undefined) throw new UsageError(problems.ruleAndCustom())
  const limit = opts.limit === undefined ? 90 : wholeNumber('--limit', opts.limit)
  const window = opts.window === undefined ? 180 : wholeNumber('--window', opts.window)
  if (limit >= window) throw new UsageError(problems.limitNotBelowWindow(limit, window))
  return customRollingRule(limit, window)
}

function referenceDay(opts: CliOptions, io: Io): CalendarDay {
  if (opts.on === undefined) return io.today()
  const parsed = parseDate(opts.on, '--on date')
  if (!parsed.ok) throw new UsageError(problems.badOn(opts.on, parsed.detail))
  return parsed.day
}

async function runReport(files: string[], opts: CliOptions, io: Io): Promise<ExitCode> {
  const rule = chooseRule(opts)
  const on = referenceDay(opts, io)
  const trips = opts.trip ?? []
  if (files.length === 0 && trips.length === 0) throw new UsageError(problems.noInput())
  const formatProblem = opts.dateFormat === undefined ? undefined : dateFormatProblem(opts.dateFormat)
  if (formatProblem !== undefined) throw new UsageError(formatProblem)
  const input = { files, trips, ...(opts.dateFormat === undefined ? {} : { dateFormat: opts.dateFormat }) }
  const { stays, warnings } = await gatherStays(input, on, io)
  const report = assess({ stays, rule, on, warnings })
  io.stdout(opts.json ? renderJson(report) : renderText(report, { color: wantsColor(opts.color, io) }))
  return report.violations.length > 0 && !opts.exitZero ? ExitCode.LimitExceeded : ExitCode.Ok
}

/** Runs the CLI and returns the exit code; never throws, never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok
  const program = createProgram(io).action(async (files: string[], opts: CliOptions) => {
    code = await runReport(files, opts, io)
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
