/**
 * One traveller of a batch: their kept rows → stays → the same checks and reports as a run on
 * files of their own (src/input.ts, src/cli.ts): rows file by file, then the crossings of all
 * their files paired together, `checkStays`, then `assess` under every rule, the binding report in
 * front. Pure.
 */
import { assess } from '../engine/assess.js'
import { bindingIndex, bindingReport } from '../engine/binding.js'
import type { InputProblem } from '../errors.js'
import { describeCrossing, pairAcrossFiles, pairCrossings } from '../parse/crossings.js'
import { checkStays } from '../parse/stays.js'
import type { TravellerResult } from '../render/batch.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay, Crossing, Stay, Warning } from '../types.js'
import type { BatchInput, FileInfo, FileProblem } from './read.js'
import { BAD_ROW, ENTRY, NO_UNTIL, OPEN_EXIT, type RowStore } from './store.js'

export type { TravellerResult } from '../render/batch.js'

export interface EvaluateSettings {
  readonly rules: readonly Rule[]
  readonly on: CalendarDay
}

/** Problems in file order (stable for one line), as `parseCsv` gives them. */
function byLine(found: InputProblem[]): InputProblem[] {
  return found.sort((a, b) => (a.source.line ?? 0) - (b.source.line ?? 0))
}

/*
 * The traveller's rows, copied out of the store before any work on them (side by side there, in
 * traveller order: RowStore `groupByTraveller`), so that the work reads small arrays; with a single
 * input file the file column is not read at all. Scratch memory, grown on demand: only numbers are
 * taken out of it.
 */
let rowDay = new Int32Array(64)
let rowSecond = new Int32Array(64)
let rowLine = new Int32Array(64)
let rowFile = new Int32Array(64)
let rowIndex = new Int32Array(64)

/** The traveller's BAD_ROW rows (store indexes), met by `gather`. */
const badRows: number[] = []

/** Gathers rows `from` … `to - 1` that hold a stay or crossing (not NAME_ONLY or BAD_ROW ones, the latter into `badRows`); returns how many. */
function gather(store: RowStore, from: number, to: number, files: number): number {
  badRows.length = 0
  if (to - from > rowDay.length) {
    const size = Math.max(to - from, rowDay.length * 2)
    rowDay = new Int32Array(size)
    rowSecond = new Int32Array(size)
    rowLine = new Int32Array(size)
    rowFile = new Int32Array(size)
    rowIndex = new Int32Array(size)
  }
  const { first, second, line, file } = store
  let n = 0
  for (let i = from; i < to; i++) {
    const day = first[i]!
    // NAME_ONLY or BAD_ROW: below any day.
    if (day <= BAD_ROW) {
      if (day === BAD_ROW) badRows.push(i)
      continue
    }
    rowDay[n] = day
    rowSecond[n] = second[i]!
    rowLine[n] = line[i]!
    rowIndex[n++] = i
  }
  // With one file every row is of file 0: one array fewer to read.
  if (files === 1) rowFile.fill(0, 0, n)
  else for (let j = 0; j < n; j++) rowFile[j] = file[rowIndex[j]!]!
  return n
}

const NO_FILES: readonly number[] = []

/**
 * The traveller's problems with those of their bad rows (`badRows`, from `gather`), worked out
 * again, in the order they were met when read, for problems of one line (the lists are sorted by
 * line, stably): a row kept as its problem's text (BatchInput `addRowProblem`) before the others
 * of its line (the traveller cell's, `checkCell`), a refused row after them (differential QA).
 */
function withBadRows(input: BatchInput, problems: readonly FileProblem[] | undefined): readonly FileProblem[] | undefined {
  if (badRows.length === 0) return problems
  const before: FileProblem[] = []
  const after: FileProblem[] = []
  for (const row of badRows) {
    const file = input.store.file[row]!
    const list = input.isTextRow(row) ? before : after
    for (const problem of input.badRowProblems(row)) list.push({ file, problem })
  }
  return [...before, ...(problems ?? []), ...after]
}

/**
 * Traveller `id`, whose rows are `from` … `to - 1` of `input.store`, grouped (RowStore
 * `groupByTraveller`: in input order, so file by file).
 */
export function evaluateTraveller(id: number, input: BatchInput, from: number, to: number, settings: EvaluateSettings): TravellerResult {
  const traveller = input.names[id] ?? ''
  const { files } = input
  const n = gather(input.store, from, to, files.length)
  const fileProblems = withBadRows(input, input.problems.get(id))
  const problemFiles = fileProblems === undefined ? NO_FILES : [...new Set(fileProblems.map((p) => p.file))].sort((a, b) => a - b)
  const stays: Stay[] = []
  const found: InputProblem[] = []
  // Crossings rows are moved to the front of the gathered rows (`crossings` of them), in order.
  let crossings = 0
  let pairable = true
  let k = 0
  let next = 0
  while (k < n || next < problemFiles.length) {
    const f = Math.min(k < n ? rowFile[k]! : Number.POSITIVE_INFINITY, problemFiles[next] ?? Number.POSITIVE_INFINITY)
    if (problemFiles[next] === f) next++
    const begin = k
    while (k < n && rowFile[k] === f) k++
    const info = files[f]!
    const problems = fileProblems === undefined ? undefined : fileProblems.filter((p) => p.file === f).map((p) => p.problem)
    if (info.form === 'stays') {
      const { until } = input.store
      for (let j = begin; j < k; j++) {
        const exit = rowSecond[j]!
        const stay: Stay = { entry: rowDay[j]! as CalendarDay, exit: exit === OPEN_EXIT ? null : (exit as CalendarDay), source: { file: info.name, line: rowLine[j]! } }
        const authorised = until[rowIndex[j]!]!
        stays.push(authorised === NO_UNTIL ? stay : { ...stay, until: authorised as CalendarDay })
      }
    } else {
      // As in single-traveller mode: a bad row where crossings may be (a crossings file, or one
      // whose rows could not be read at all) leaves the pairing out.
      if (problems !== undefined && problems.length > 0) pairable = false
      // Usually in place already (no stays file before): nothing to move.
      if (crossings === begin) crossings = k
      else for (let j = begin; j < k; j++, crossings++) {
        rowDay[crossings] = rowDay[j]!
        rowSecond[crossings] = rowSecond[j]!
        rowLine[crossings] = rowLine[j]!
        rowFile[crossings] = rowFile[j]!
      }
    }
    if (problems !== undefined) for (const item of byLine(problems)) found.push(item)
  }
  let warnings: Warning[] = []
  if (pairable && crossings > 0) {
    const paired = pairRows(crossings, files, stays)
    for (const item of paired.problems) found.push(item)
    warnings = paired.warnings
  }
  const checked = checkStays(stays, settings.on)
  for (const item of checked.problems) found.push(item)
  // As in single-traveller mode, a duplicate the merge left out may explain a problem: shown with them.
  if (found.length > 0) return warnings.length > 0 ? { traveller, problems: found, warnings } : { traveller, problems: found }
  for (const item of checked.warnings) warnings.push(item)
  const reports = settings.rules.map((rule) => assess({ stays: checked.stays, rule, on: settings.on, warnings }))
  const binding = bindingIndex(reports)
  return { traveller, report: bindingReport(reports, binding), reports, binding }
}

/**
 * The traveller's crossings (gathered rows 0 … `end - 1`, file by file, each in row order) →
 * stays pushed onto `stays`, as `pairAcrossFiles` makes them (src/input.ts), without a
 * Crossing object per row when all is well: in date order (stable) entries and exits alternate,
 * starting with an entry, and no date has the same direction in two files (a copy to drop).
 * Anything else goes to those two themselves, for their messages and warnings.
 */
function pairRows(end: number, files: readonly FileInfo[], stays: Stay[]): { problems: InputProblem[]; warnings: Warning[] } {
  for (let j = 1; j < end; j++) {
    if (rowDay[j]! < rowDay[j - 1]!) {
      sortByDay(end)
      break
    }
  }
  let usual = true
  for (let j = 0; j < end && usual; j++) {
    if ((rowSecond[j] === ENTRY) !== (j % 2 === 0)) usual = false
    // Same date, same direction, another file: only ever two apart, with the other direction between.
    else if (j >= 2 && rowDay[j] === rowDay[j - 2] && rowFile[j] !== rowFile[j - 2]) usual = false
  }
  if (!usual) {
    // Back in the order given (file by file, row by row: lines rise within a file), for the
    // messages' order and for `pairAcrossFiles`, which takes each file's crossings apart.
    const given = Array.from({ length: end }, (_, j) => j).sort((a, b) => rowFile[a]! - rowFile[b]! || rowLine[a]! - rowLine[b]!)
    const perFile: Crossing[][] = []
    given.forEach((j, t) => {
      if (t === 0 || rowFile[j] !== rowFile[given[t - 1]!]) perFile.push([])
      perFile.at(-1)!.push(crossingOf(j, files))
    })
    const paired = pairAcrossFiles(perFile, pairCrossings, describeCrossing)
    for (const item of paired.stays) stays.push(item)
    return { problems: paired.problems, warnings: paired.warnings }
  }
  // No `exitSource`: only country logs read it (src/zones/), and batch mode reads none.
  for (let j = 0; j < end; j += 2) {
    const source = { file: files[rowFile[j]!]!.name, line: rowLine[j]! }
    const day = rowDay[j]! as CalendarDay
    stays.push({ entry: day, exit: j + 1 === end ? null : (rowDay[j + 1]! as CalendarDay), source })
  }
  return { problems: NO_PROBLEMS, warnings: [] }
}

const NO_PROBLEMS: InputProblem[] = []

function crossingOf(j: number, files: readonly FileInfo[]): Crossing {
  return { direction: rowSecond[j] === ENTRY ? 'entry' : 'exit', day: rowDay[j]! as CalendarDay, source: { file: files[rowFile[j]!]!.name, line: rowLine[j]! } }
}

/** Gathered rows 0 … `end - 1` put in date order, ties in their order (file by file, row by row). */
function sortByDay(end: number): void {
  const order: number[] = []
  for (let j = 0; j < end; j++) order.push(j)
  order.sort((a, b) => rowDay[a]! - rowDay[b]! || a - b)
  const day = order.map((j) => rowDay[j]!)
  const second = order.map((j) => rowSecond[j]!)
  const line = order.map((j) => rowLine[j]!)
  const file = order.map((j) => rowFile[j]!)
  for (let t = 0; t < order.length; t++) {
    rowDay[t] = day[t]!
    rowSecond[t] = second[t]!
    rowLine[t] = line[t]!
    rowFile[t] = file[t]!
  }
}
