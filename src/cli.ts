/**
 * The command line: commander wiring, options, help, and the mapping of errors to exit codes.
 * The only module that knows commander; what each command does is in commands.ts, and `process`,
 * files and the clock reach both through `Io`.
 */
import { Command, CommanderError, Option } from 'commander'
import { type CliOptions, runPlan, runReport, runRules } from './commands.js'
import { commanderMessage, ExitCode, formatInternalError, problems, StayCalcError, UsageError, userErrorPieces } from './errors.js'
import type { Io } from './io.js'
import { VERSION } from './version.js'

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

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value]

/**
 * A flag that takes one value: given twice, the second would silently replace the first (QA: a
 * second --date-format re-read 03/04/2024 as 4 March), so it is refused. A UsageError, not
 * commander's InvalidArgumentError, whose message would call the (valid) second value invalid (QA).
 */
const single =
  (flag: string, twice = (first: string, second: string) => problems.optionTwice(flag, first, second)) =>
  (value: string, previous: string | undefined): string => {
    if (previous !== undefined) throw new UsageError(twice(previous, value))
    return value
  }

/** A second --rules-file: one file holds every custom rule. */
const once = single('--rules-file', problems.rulesFileTwice)

export function createProgram(io: Io): Command {
  const program = new Command('stay-calc')
    .description('Count days of stay under "N days in any W-day period" rules (Schengen 90/180 and others) from border crossings.')
    // A plain flag, read once every flag is parsed: commander's own printed the version at once,
    // before an unknown flag beside it was refused (QA: `--bogus --version` exited 0).
    .option('-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[files...]', 'CSV files of stays or crossings, or folders of them (a batch); - reads standard input')
    .option('-t, --trip <ENTRY..EXIT>', 'a stay on the command line (repeatable); ENTRY.. if still inside', collect)
    .option('-o, --on <date>', 'reference date, YYYY-MM-DD (default: today)', single('--on'))
    .option('-r, --rule <id>', 'rule to check (repeatable; default: schengen); list them: stay-calc rules; ZONE=ID sets the rule of a zone (README "Countries and zones")', collect)
    .option('--rules-file <file>', 'custom rules (JSON or YAML, see README "Rules files")', once)
    .option('--limit <days>', 'custom rule: at most this many days ... (default 90)', single('--limit'))
    .option('--window <days>', '... in any window of this many days (default 180)', single('--window'))
    .option('--home <country>', 'with a country column: your home country, whose days no zone counts', single('--home'))
    .option('--admit-until <date>', 'the last day your current visit is authorised (US I-94 "Admit Until", a stamped date)', single('--admit-until'))
    .option('--date-format <tokens>', 'how input dates are written, in luxon tokens, e.g. dd.MM.yyyy', single('--date-format'))
    .option('--for <days>', 'earliest entry for a stay of this many days, and the longest stay from --on', single('--for'))
    .option('--explain', 'why the latest exit: the binding window, its stays, a timeline, days coming back')
    .option('--timeline', 'draw the days counted per day, within 80 columns')
    .option('--chart <file>', 'write the timeline as a picture: FILE.svg, or FILE.html with the answer', single('--chart'))
    .option('--ics <file>', 'write the latest legal exit and the earliest full re-entry as iCalendar', single('--ics'))
    .option('--json', 'print one JSON object (see README, "JSON output")')
    .option('--format <format>', 'text, json, jsonl, csv, github or junit (the last four: batch, README "Batch")', single('--format'))
    .option('--batch', 'many travellers: each file is one, named by its path, unless it has a traveller column')
    .option('--group-by <column>', "batch: the column naming each row's traveller (default: traveller, traveler, person, id or name)", single('--group-by'))
    .option('-q, --quiet', 'batch: no progress bar')
    .option('--exit-zero', 'exit 0 even when a rule is broken (report-only runs)')
    .option('--color', 'force colour')
    .option('--no-color', 'never colour (NO_COLOR is honoured too)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run stay-calc --help for usage)')
    // Commander's own messages echo option values as given: an ESC in one would reach the terminal.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(commanderMessage(text, (flag) => ownersOf(program, flag), (flag) => isSwitch(program, flag))) })
    .exitOverride()
    .enablePositionalOptions()
    .helpCommand(false)
  return program.addCommand(createPlanCommand(program)).addCommand(createRulesCommand(program))
}

/** Whether option `flag` of any command takes no value (`--exit-zero`, not `--for`). */
function isSwitch(program: Command, flag: string): boolean {
  return [program, ...program.commands].some((command) => command.options.some((o) => (o.long === flag || o.short === flag) && !o.required && !o.optional))
}

/** The commands that have option `flag`, as typed to run them: `stay-calc`, `stay-calc plan`. */
function ownersOf(program: Command, flag: string): string[] {
  const has = (command: Command) => command.options.some((o) => o.long === flag || o.short === flag)
  return [program, ...program.commands].filter(has).map((command) => (command === program ? 'stay-calc' : `stay-calc ${command.name()}`))
}

function createRulesCommand(program: Command): Command {
  return new Command('rules')
    .description('list the rule presets, or explain one (its constraints, legal source, validity, confidence)')
    .argument('[id]', 'a rule id or alias, e.g. schengen, kz, ru')
    .option('--rules-file <file>', 'include the rules of this file', once)
    .option('-o, --on <date>', 'also say which constraints are checked on this date', single('--on'))
    .option('--date-format <tokens>', 'how --on is written, in luxon tokens, e.g. dd.MM.yyyy', single('--date-format'))
    .option('--json', 'print the rules as JSON data')
    // The catalogue is plain text, but a script that passes --no-color to every command must not fail here (QA).
    .option('--color', 'accepted as by every command (the catalogue has no colour)')
    .option('--no-color', 'accepted as by every command')
    .helpOption('-h, --help', 'show this help')
    .copyInheritedSettings(program)
}

/**
 * The subcommand's options with those given before its name (`stay-calc --on 2024-06-01 plan`),
 * which commander leaves with the main command: repeatable ones joined; a value given in both
 * places is refused, as when given twice in one. One the subcommand does not have is refused
 * rather than dropped.
 */
function withEarlierOptions<T extends object>(program: Command, sub: Command, opts: T): T {
  const earlier = program.opts()
  const merged: Record<string, unknown> = { ...(opts as Record<string, unknown>) }
  for (const [key, value] of Object.entries(earlier)) {
    if (program.getOptionValueSource(key) !== 'cli') continue
    if (!sub.options.some((o) => o.attributeName() === key)) {
      const flag = program.options.find((o) => o.attributeName() === key)?.long ?? key
      throw new UsageError(problems.optionNotForCommand(flag, sub.name()))
    }
    const later = merged[key]
    if (Array.isArray(value)) merged[key] = [...(value as unknown[]), ...((later as unknown[] | undefined) ?? [])]
    else if (sub.getOptionValueSource(key) !== 'cli') merged[key] = value
    else if (typeof value === 'string' && typeof later === 'string') {
      // Before and after the command name (`--on A plan --on B`): as refused when given twice in one place.
      throw new UsageError(problems.optionTwice(program.options.find((o) => o.attributeName() === key)?.long ?? key, value, later))
    }
  }
  return merged as T
}

/** Options of the main command that `plan` does not share (`--home`: plan reads no country column); it takes every other (input, rule, output). */
const MAIN_ONLY = new Set(['version', 'for', 'explain', 'timeline', 'chart', 'ics', 'format', 'batch', 'groupBy', 'quiet', 'home', 'rule'])

/** `--rule` as `plan` takes it: no ZONE=ID, as plan reads no country column (QA: its help offered it). */
const PLAN_RULE = 'rule to check (repeatable; default: schengen); list them: stay-calc rules'

function createPlanCommand(program: Command): Command {
  const plan = new Command('plan')
    .description('re-entry calendar: the longest stay entering on each coming day; planned stays checked')
    .argument('[files...]', 'CSV files of stays or crossings; - reads standard input')
  for (const option of program.options) {
    if (!MAIN_ONLY.has(option.attributeName())) plan.addOption(option)
    else if (option.attributeName() === 'rule') plan.addOption(new Option(option.flags, PLAN_RULE).argParser(option.parseArg!))
  }
  return plan
    .option('--days <n>', "days in the calendar, at most 3660 (default: the longest window or cap of the rules)", single('--days'))
    .helpOption('-h, --help', 'show this help')
    .copyInheritedSettings(program)
}

/** Runs the CLI and returns the exit code; never throws, never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok
  const program = createProgram(io)
  /** `--version`, before a command name too (`stay-calc --version plan`), prints the version and nothing else. */
  const version = (): boolean => {
    if (program.opts<{ version?: boolean }>().version !== true) return false
    io.stdout(`${VERSION}\n`)
    return true
  }
  program.action(async (files: string[], opts: CliOptions) => {
    if (!version()) code = await runReport(files, opts, io)
  })
  const plan = program.commands.find((c) => c.name() === 'plan')!
  plan.action(async (files: string[], opts: CliOptions) => {
    if (!version()) code = await runPlan(files, withEarlierOptions(program, plan, opts), io)
  })
  const rules = program.commands.find((c) => c.name() === 'rules')!
  rules.action(async (id: string | undefined, opts: { rulesFile?: string; json?: boolean; on?: string; dateFormat?: string }) => {
    if (!version()) code = await runRules(id, withEarlierOptions(program, rules, opts), io)
  })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (error) {
    return await reportError(error, io)
  }
}

async function reportError(error: unknown, io: Io): Promise<ExitCode> {
  if (error instanceof CommanderError) {
    // commander has already printed its message (and the usage hint) to stderr.
    return error.code === 'commander.helpDisplayed' || error.exitCode === 0
      ? ExitCode.Ok
      : ExitCode.BadInput
  }
  if (error instanceof StayCalcError && error.exitCode !== ExitCode.Internal) {
    // A piece at a time, waiting for a slow reader: two million problems are 500 MB of text.
    for (const piece of userErrorPieces(error)) {
      io.stderr(piece)
      await io.drainStderr?.()
    }
    return error.exitCode
  }
  io.stderr(formatInternalError(error, VERSION, io.env.NODE_VERSION ?? '', io.env.DEBUG?.includes('stay-calc') ?? false))
  return ExitCode.Internal
}
