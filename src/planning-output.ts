/**
 * What the planning flags add to a run (`--for`, `--explain`, `--timeline`, `--chart`, `--ics`, and
 * the `plan` command): the flag values checked before any input is read, the answers computed,
 * the text sections and JSON keys, and the files written through `Io.writeFile`.
 * No commander here (cli.ts owns it), no `process`, no `fs`. The planning engine and renderers are
 * loaded only when a run needs them, so a plain report starts as fast as before.
 */
import { normalize } from 'node:path'
import type { PlanInput } from './engine/plan.js'
import type { Planning, PlanningRequest } from './engine/planning.js'
import type { Report } from './engine/types.js'
import { OutputError, planningProblems, UsageError } from './errors.js'
import type { Io } from './io.js'
import type { ChartFormat } from './render/chart.js'
import { wholeNumber } from './rules/select.js'
import { ruleSpan } from './rules/span.js'

/** Ten years: long enough for any calendar, short enough to answer at once. */
export const MAX_PLAN_DAYS = 3660

export interface PlanningFlagValues {
  readonly for?: string
  readonly explain?: boolean
  readonly timeline?: boolean
  readonly chart?: string
  readonly ics?: string
  readonly days?: string
  readonly json?: boolean
}

export interface PlanningFlags {
  readonly forDays?: number
  readonly explain: boolean
  readonly timeline: boolean
  readonly chart?: { readonly path: string; readonly format: ChartFormat }
  readonly ics?: string
  readonly days?: number
  /** The input files (not `-`), that no output may be. */
  readonly inputs?: readonly string[]
}

/** `.svg` or `.html`/`.htm` (case-insensitive), else `null`. */
export function chartFormatOf(path: string): ChartFormat | null {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase()
  return ext === 'svg' ? 'svg' : ext === 'html' || ext === 'htm' ? 'html' : null
}

const dayCount = (flag: string, text: string): number => wholeNumber(flag, text, MAX_PLAN_DAYS)

/**
 * The planning flags, checked; UsageError (exit 2) on a bad value, or on an output file that is
 * an input (`--ics trips.csv` would overwrite it) or the other output.
 */
export function planningFlags(values: PlanningFlagValues, inputs: readonly string[] = []): PlanningFlags {
  // Drawn for a terminal, so not part of the JSON: given with --json it would be dropped unsaid (QA).
  if (values.timeline === true && values.json === true) throw new UsageError(planningProblems.timelineWithJson())
  const outputs = [values.chart === undefined ? undefined : (['--chart', values.chart] as const), values.ics === undefined ? undefined : (['--ics', values.ics] as const)]
  const seen = new Map<string, string>(inputs.filter((f) => f !== '-').map((f) => [normalize(f), 'an input file']))
  for (const [flag, path] of outputs.filter((o) => o !== undefined)) {
    // `-` is standard input among the files; the report is on standard output already.
    if (path === '-') throw new UsageError(planningProblems.outputDash(flag))
    const taken = seen.get(normalize(path))
    if (taken !== undefined) throw new UsageError(planningProblems.outputTaken(flag, path, taken))
    seen.set(normalize(path), `the ${flag} file`)
  }
  let chart: PlanningFlags['chart']
  if (values.chart !== undefined) {
    const format = chartFormatOf(values.chart)
    if (format === null) throw new UsageError(planningProblems.chartExtension(values.chart))
    chart = { path: values.chart, format }
  }
  return {
    ...(values.for === undefined ? {} : { forDays: dayCount('--for', values.for) }),
    explain: values.explain === true,
    timeline: values.timeline === true,
    ...(chart === undefined ? {} : { chart }),
    ...(values.ics === undefined ? {} : { ics: values.ics }),
    ...(values.days === undefined ? {} : { days: dayCount('--days', values.days) }),
    inputs: inputs.filter((f) => f !== '-'),
  }
}

export interface PlanningOutput {
  /** Sections appended to the text report ('' when none). */
  readonly text: string
  /** Keys appended to the JSON object. */
  readonly json: Record<string, unknown>
}

async function write(io: Io, flag: string, path: string, data: string): Promise<void> {
  try {
    await io.writeFile(path, data)
  } catch (error) {
    throw new OutputError(planningProblems.fileUnwritable(flag, path, error))
  }
}

async function writeFiles(planning: Planning, report: Report, flags: PlanningFlags, io: Io): Promise<void> {
  // Every file checked before any is written, so a run that fails (exit 2) has written none. An
  // output is told from an input as the file system tells files (another spelling of its path, a
  // link to it), not by its name.
  const outputs: [string, string][] = []
  if (flags.chart !== undefined) outputs.push(['--chart', flags.chart.path])
  if (flags.ics !== undefined) outputs.push(['--ics', flags.ics])
  if (outputs.length === 0) return writeOutputs(planning, report, flags, io)
  const key = io.fileKey ?? (async (path: string) => normalize(path))
  const taken = new Map<string, string>()
  for (const input of flags.inputs ?? []) taken.set(await key(input), 'an input file')
  // Nor what the report or the warnings go to (QA: `--ics d.ics > d.ics` and `--ics /dev/stdout`
  // mixed the calendar with the report, exit 0).
  const streams = io.outputKeys?.() ?? {}
  if (streams.stderr !== undefined) taken.set(streams.stderr, 'standard error (warnings and problems are written there)')
  if (streams.stdout !== undefined) taken.set(streams.stdout, 'standard output (the report is written there)')
  for (const [flag, path] of outputs) {
    const k = await key(path)
    const by = taken.get(k)
    if (by !== undefined) throw new UsageError(planningProblems.outputTaken(flag, path, by))
    taken.set(k, `the ${flag} file`)
    const error = await io.writable?.(path)
    if (error !== undefined) throw new OutputError(planningProblems.fileUnwritable(flag, path, error))
  }
  return writeOutputs(planning, report, flags, io)
}

async function writeOutputs(planning: Planning, report: Report, flags: PlanningFlags, io: Io): Promise<void> {
  const files: [string, string, string][] = []
  if (flags.chart !== undefined && planning.timeline !== null) {
    const { renderChart } = await import('./render/chart.js')
    files.push(['--chart', flags.chart.path, renderChart(flags.chart.format, report, planning.timeline)])
  }
  if (flags.ics !== undefined) {
    const { renderIcs } = await import('./render/ics.js')
    files.push(['--ics', flags.ics, renderIcs(report, planning.fullReentry)])
  }
  // A write that fails (a full disk) takes with it the files this run made before it, and its own
  // start: a failed run leaves none it made behind (QA: the chart stayed when the calendar failed).
  // A file that was there before is not removed: it cannot be given back as it was.
  const made: string[] = []
  try {
    for (const [flag, path, data] of files) {
      if (io.exists !== undefined && !(await io.exists(path))) made.push(path)
      await write(io, flag, path, data)
    }
  } catch (error) {
    for (const path of made) await io.removeFile?.(path).catch(() => undefined)
    throw error
  }
}

/** The main command: planned stays always; the rest as the flags ask. */
export async function planningOutput(input: PlanInput, report: Report, flags: PlanningFlags, json: boolean, color: boolean, io: Io): Promise<PlanningOutput> {
  const asked = json || flags.explain || flags.timeline || flags.forDays !== undefined || flags.chart !== undefined || flags.ics !== undefined
  if (!asked && !input.stays.some((s) => s.entry > input.on)) return { text: '', json: {} }
  const request: PlanningRequest = {
    summary: json || flags.explain || flags.ics !== undefined,
    ...(flags.forDays === undefined ? {} : { forDays: flags.forDays }),
    explain: flags.explain,
    timeline: flags.explain || flags.timeline || flags.chart !== undefined,
  }
  const { buildPlanning } = await import('./engine/planning.js')
  const planning = buildPlanning(input, request)
  await writeFiles(planning, report, flags, io)
  if (json) return { text: '', json: (await import('./render/plan-json.js')).planningJson(planning) }
  const shown: Planning = flags.explain || flags.timeline ? planning : { ...planning, timeline: null }
  return { text: (await import('./render/plan.js')).renderPlanning(report, shown, { color, explain: flags.explain }), json: {} }
}

/** The `plan` command: the re-entry calendar for `--days` days (default: the longest window or cap of the rules, src/rules/span.ts). */
export async function planCommandOutput(input: PlanInput, report: Report, flags: PlanningFlags, json: boolean, color: boolean): Promise<PlanningOutput> {
  // The rule's window (the longest of its rules' constraints: a per-visit cap's days, a year), but
  // not more days than --days may ask for (a custom window of decades). The window of the report
  // was that of the binding constraint on the day: one day for kz-visa-free outside (QA).
  const days = flags.days ?? Math.min(ruleSpan(input.rules ?? [input.rule], input.on), MAX_PLAN_DAYS)
  const { buildPlanning } = await import('./engine/planning.js')
  const planning = buildPlanning(input, { summary: true, calendarDays: days })
  if (json) return { text: '', json: (await import('./render/plan-json.js')).planningJson(planning) }
  return { text: (await import('./render/plan.js')).renderPlanText(report, planning, { color }, input.rules ?? [input.rule]), json: {} }
}
