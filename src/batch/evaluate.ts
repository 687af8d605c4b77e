/**
 * One traveller of a batch: their kept rows → stays → the same checks and reports as a run on a
 * file of their own (src/input.ts, src/cli.ts): rows file by file, crossings paired per file,
 * `checkStays`, then `assess` under every rule, the binding report in front. Pure.
 */
import { assess } from '../engine/assess.js'
import { bindingIndex } from '../engine/binding.js'
import type { InputProblem } from '../errors.js'
import { pairCrossings } from '../parse/crossings.js'
import { checkStays } from '../parse/stays.js'
import type { TravellerResult } from '../render/batch.js'
import type { Rule } from '../rules/types.js'
import type { CalendarDay, Crossing, Stay } from '../types.js'
import type { BatchInput } from './read.js'
import { ENTRY, OPEN_EXIT, type RowStore } from './store.js'

export type { TravellerResult } from '../render/batch.js'

export interface EvaluateSettings {
  readonly rules: readonly Rule[]
  readonly on: CalendarDay
}

/** Problems in file order (stable for one line), as `parseCsv` gives them. */
function byLine(found: InputProblem[]): InputProblem[] {
  return found.sort((a, b) => (a.source.line ?? 0) - (b.source.line ?? 0))
}

/**
 * @param rows the traveller's row indexes into `input.store`, in input order (so file by file).
 */
export function evaluateTraveller(id: number, input: BatchInput, rows: Int32Array, settings: EvaluateSettings): TravellerResult {
  const traveller = input.names[id] ?? ''
  const { store, files } = input
  const fileProblems = input.problems.get(id)
  const problemFiles = fileProblems === undefined ? [] : [...new Set(fileProblems.map((p) => p.file))].sort((a, b) => a - b)
  const stays: Stay[] = []
  const found: InputProblem[] = []
  let k = 0
  let next = 0
  while (k < rows.length || next < problemFiles.length) {
    const f = Math.min(k < rows.length ? store.file[rows[k]!]! : Number.POSITIVE_INFINITY, problemFiles[next] ?? Number.POSITIVE_INFINITY)
    if (problemFiles[next] === f) next++
    const begin = k
    while (k < rows.length && store.file[rows[k]!] === f) k++
    const info = files[f]!
    const problems = fileProblems === undefined ? [] : fileProblems.filter((p) => p.file === f).map((p) => p.problem)
    if (info.form === 'stays') {
      for (let j = begin; j < k; j++) {
        const i = rows[j]!
        const exit = store.second[i]!
        stays.push({ entry: store.first[i]! as CalendarDay, exit: exit === OPEN_EXIT ? null : (exit as CalendarDay), source: { file: info.name, line: store.line[i]! } })
      }
    } else if (problems.length === 0 && k > begin) {
      // As in single-traveller mode, crossings pair only when every row of the file was readable.
      for (const item of pairRows(store, rows, begin, k, info.name, stays)) problems.push(item)
    }
    for (const item of byLine(problems)) found.push(item)
  }
  const checked = checkStays(stays, settings.on)
  for (const item of checked.problems) found.push(item)
  if (found.length > 0) return { traveller, problems: found }
  const reports = settings.rules.map((rule) => assess({ stays: checked.stays, rule, on: settings.on, warnings: checked.warnings }))
  const binding = bindingIndex(reports)
  return { traveller, report: reports[binding]!, reports, binding }
}

/**
 * Crossings of one file (`all[begin]` … `all[end - 1]`) → stays pushed onto `stays`, as
 * `pairCrossings` pairs them, without a Crossing object per row when all is well: in date order
 * (stable) entries and exits alternate, starting with an entry. Anything else goes to
 * `pairCrossings` itself, for its messages. Returns the problems.
 */
function pairRows(store: RowStore, all: Int32Array, begin: number, end: number, file: string, stays: Stay[]): InputProblem[] {
  let rows = all
  for (let j = begin + 1; j < end; j++) {
    if (store.first[all[j]!]! < store.first[all[j - 1]!]!) {
      rows = all.slice(begin, end).sort((a, b) => store.first[a]! - store.first[b]! || a - b)
      end -= begin
      begin = 0
      break
    }
  }
  let alternates = true
  for (let j = begin; j < end; j++) {
    if ((store.second[rows[j]!] === ENTRY) !== ((j - begin) % 2 === 0)) {
      alternates = false
      break
    }
  }
  if (!alternates) {
    const crossings: Crossing[] = Array.from(rows.subarray(begin, end), (i) => ({
      direction: store.second[i] === ENTRY ? 'entry' : 'exit',
      day: store.first[i]! as CalendarDay,
      source: { file, line: store.line[i]! },
    }))
    const paired = pairCrossings(crossings)
    for (const item of paired.stays) stays.push(item)
    return paired.problems
  }
  for (let j = begin; j < end; j += 2) {
    const entry = rows[j]!
    const source = { file, line: store.line[entry]! }
    const day = store.first[entry]! as CalendarDay
    if (j + 1 === end) stays.push({ entry: day, exit: null, source })
    else {
      const exit = rows[j + 1]!
      stays.push({ entry: day, exit: store.first[exit]! as CalendarDay, source, exitSource: { file, line: store.line[exit]! } })
    }
  }
  return []
}
