/**
 * One traveller of a batch: their kept rows → stays → the same checks and reports as a run on a
 * file of their own (src/input.ts, src/cli.ts): rows file by file, crossings paired per file,
 * `checkStays`, then `assess` under every rule, the binding report in front. Pure.
 */
import { assess } from '../engine/assess.js'
import { bindingIndex, bindingReport } from '../engine/binding.js'
import type { InputProblem } from '../errors.js'
import { pairCrossings } from '../parse/crossings.js'
import { checkStays } from '../parse/stays.js'
import type { TravellerResult } from '../render/batch.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay, Crossing, Stay } from '../types.js'
import type { BatchInput } from './read.js'
import { ENTRY, NO_UNTIL, OPEN_EXIT, type RowStore } from './store.js'

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
 * The traveller's rows, copied out of the store before any work on them. A traveller's rows lie
 * scattered across a store of a million rows, so nearly every read of a field misses the cache
 * (measured: about a third of evaluating a small traveller): read in one tight loop, the misses can
 * overlap, and with a single input file the file column is not read at all. Scratch memory, grown
 * on demand: only numbers are taken out of it.
 */
let rowDay = new Int32Array(64)
let rowSecond = new Int32Array(64)
let rowLine = new Int32Array(64)
let rowFile = new Int32Array(64)

function gather(store: RowStore, rows: Int32Array, files: number): void {
  const n = rows.length
  if (n > rowDay.length) {
    const size = Math.max(n, rowDay.length * 2)
    rowDay = new Int32Array(size)
    rowSecond = new Int32Array(size)
    rowLine = new Int32Array(size)
    rowFile = new Int32Array(size)
  }
  const { first, second, line, file } = store
  for (let j = 0; j < n; j++) {
    const i = rows[j]!
    rowDay[j] = first[i]!
    rowSecond[j] = second[i]!
    rowLine[j] = line[i]!
  }
  // With one file every row is of file 0: one array fewer to read.
  if (files === 1) rowFile.fill(0, 0, n)
  else for (let j = 0; j < n; j++) rowFile[j] = file[rows[j]!]!
}

const NO_FILES: readonly number[] = []

/**
 * @param rows the traveller's row indexes into `input.store`, in input order (so file by file).
 */
export function evaluateTraveller(id: number, input: BatchInput, rows: Int32Array, settings: EvaluateSettings): TravellerResult {
  const traveller = input.names[id] ?? ''
  const { files } = input
  const fileProblems = input.problems.get(id)
  const problemFiles = fileProblems === undefined ? NO_FILES : [...new Set(fileProblems.map((p) => p.file))].sort((a, b) => a - b)
  const n = rows.length
  gather(input.store, rows, files.length)
  const stays: Stay[] = []
  const found: InputProblem[] = []
  let k = 0
  let next = 0
  while (k < n || next < problemFiles.length) {
    const f = Math.min(k < n ? rowFile[k]! : Number.POSITIVE_INFINITY, problemFiles[next] ?? Number.POSITIVE_INFINITY)
    if (problemFiles[next] === f) next++
    const begin = k
    while (k < n && rowFile[k] === f) k++
    const info = files[f]!
    let problems = fileProblems === undefined ? undefined : fileProblems.filter((p) => p.file === f).map((p) => p.problem)
    if (info.form === 'stays') {
      const { until } = input.store
      for (let j = begin; j < k; j++) {
        const exit = rowSecond[j]!
        const stay: Stay = { entry: rowDay[j]! as CalendarDay, exit: exit === OPEN_EXIT ? null : (exit as CalendarDay), source: { file: info.name, line: rowLine[j]! } }
        const authorised = until[rows[j]!]!
        stays.push(authorised === NO_UNTIL ? stay : { ...stay, until: authorised as CalendarDay })
      }
    } else if ((problems === undefined || problems.length === 0) && k > begin) {
      // As in single-traveller mode, crossings pair only when every row of the file was readable.
      const paired = pairRows(rows, begin, k, info.name, stays)
      if (paired.length > 0) problems = paired
    }
    if (problems !== undefined) for (const item of byLine(problems)) found.push(item)
  }
  const checked = checkStays(stays, settings.on)
  for (const item of checked.problems) found.push(item)
  if (found.length > 0) return { traveller, problems: found }
  const reports = settings.rules.map((rule) => assess({ stays: checked.stays, rule, on: settings.on, warnings: checked.warnings }))
  const binding = bindingIndex(reports)
  return { traveller, report: bindingReport(reports, binding), reports, binding }
}

/**
 * Crossings of one file (gathered rows `begin` … `end - 1`) → stays pushed onto `stays`, as
 * `pairCrossings` pairs them, without a Crossing object per row when all is well: in date order
 * (stable) entries and exits alternate, starting with an entry. Anything else goes to
 * `pairCrossings` itself, for its messages. Returns the problems.
 */
function pairRows(rows: Int32Array, begin: number, end: number, file: string, stays: Stay[]): InputProblem[] {
  for (let j = begin + 1; j < end; j++) {
    if (rowDay[j]! < rowDay[j - 1]!) {
      sortByDay(rows, begin, end)
      break
    }
  }
  let alternates = true
  for (let j = begin; j < end; j++) {
    if ((rowSecond[j] === ENTRY) !== ((j - begin) % 2 === 0)) {
      alternates = false
      break
    }
  }
  if (!alternates) {
    const crossings: Crossing[] = []
    for (let j = begin; j < end; j++) {
      crossings.push({ direction: rowSecond[j] === ENTRY ? 'entry' : 'exit', day: rowDay[j]! as CalendarDay, source: { file, line: rowLine[j]! } })
    }
    const paired = pairCrossings(crossings)
    for (const item of paired.stays) stays.push(item)
    return paired.problems
  }
  // No `exitSource`: only country logs read it (src/zones/), and batch mode reads none.
  for (let j = begin; j < end; j += 2) {
    const source = { file, line: rowLine[j]! }
    const day = rowDay[j]! as CalendarDay
    stays.push({ entry: day, exit: j + 1 === end ? null : (rowDay[j + 1]! as CalendarDay), source })
  }
  return NO_PROBLEMS
}

const NO_PROBLEMS: InputProblem[] = []

/** Gathered rows `begin` … `end - 1` put in date order, ties in store order (row index). */
function sortByDay(rows: Int32Array, begin: number, end: number): void {
  const order: number[] = []
  for (let j = begin; j < end; j++) order.push(j)
  order.sort((a, b) => rowDay[a]! - rowDay[b]! || rows[a]! - rows[b]!)
  const day = order.map((j) => rowDay[j]!)
  const second = order.map((j) => rowSecond[j]!)
  const line = order.map((j) => rowLine[j]!)
  for (let t = 0; t < order.length; t++) {
    rowDay[begin + t] = day[t]!
    rowSecond[begin + t] = second[t]!
    rowLine[begin + t] = line[t]!
  }
}
