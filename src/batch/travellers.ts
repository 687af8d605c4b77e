/**
 * The travellers of a batch in id order (first sight in the input), each evaluated, with their
 * status: the loop both this thread and the worker threads run over their range. Pure.
 */
import { InternalError } from '../errors.js'
import { statusOf, type BatchStatus, type TravellerResult } from '../render/batch.js'
import { evaluateTraveller, type EvaluateSettings } from './evaluate.js'
import type { ErroredResult } from './parallel.js'
import type { BatchInput } from './read.js'
import type { Warning } from '../types.js'

export interface Evaluated {
  readonly id: number
  readonly result: TravellerResult
  readonly status: BatchStatus
}

/** Travellers `from` … `to - 1`; `start` is what `input.store.groupByTraveller(…)` gave. */
export function* evaluated(
  input: BatchInput,
  start: Int32Array,
  from: number,
  to: number,
  settings: EvaluateSettings,
): Generator<Evaluated> {
  for (let id = from; id < to; id++) {
    if (!answered(input, start, id)) continue
    const result = evaluateTraveller(id, input, start[id]!, start[id + 1]!, settings)
    yield { id, result, status: statusOf(result) }
  }
}

/**
 * How many of travellers 0 … k - 1 get an answer (`evaluated` passes over the rest: a spelling
 * merged into another, a traveller with nothing left), for every k: the progress bar counts those
 * (QA: it ended at 60000 of 60000 for 59,999 travellers, two spellings of Müller being one).
 */
export function answeredBefore(input: BatchInput, start: Int32Array, count: number): Int32Array {
  const before = new Int32Array(count + 1)
  for (let id = 0; id < count; id++) before[id + 1] = before[id]! + (answered(input, start, id) ? 1 : 0)
  return before
}

function answered(input: BatchInput, start: Int32Array, id: number): boolean {
  // A traveller met only in a part of a file read again may have nothing left; a file of its
  // own with no rows is still a traveller, with no days.
  return start[id] !== start[id + 1] || input.problems.has(id) || input.wholeFiles.has(id)
}

/** Whether a traveller answered has warnings (a row read once, stays overlapping): told on stderr at the end (run.ts). */
export function hasWarnings(result: TravellerResult): boolean {
  return 'report' in result && result.reports.some((r) => r.warnings.length > 0)
}

/** Travellers `ids`, each answered with warnings when first evaluated, evaluated again: their warnings, as single mode tells them. */
export function* warnedAgain(
  input: BatchInput,
  start: Int32Array,
  ids: readonly number[],
  settings: EvaluateSettings,
): Generator<{ readonly traveller: string; readonly warnings: readonly Warning[] }> {
  for (const id of ids) {
    const result = evaluateTraveller(id, input, start[id]!, start[id + 1]!, settings)
    if (!('report' in result)) throw new InternalError(`traveller ${id} was answered, then had input problems`)
    yield { traveller: result.traveller, warnings: result.reports.flatMap((r) => r.warnings) }
  }
}

/** Travellers `ids`, each with input problems when first evaluated, evaluated again: their problems told on stderr. */
export function* erroredAgain(
  input: BatchInput,
  start: Int32Array,
  ids: readonly number[],
  settings: EvaluateSettings,
): Generator<ErroredResult> {
  for (const id of ids) {
    const result = evaluateTraveller(id, input, start[id]!, start[id + 1]!, settings)
    if ('report' in result) throw new InternalError(`traveller ${id} had input problems, then none`)
    yield result
  }
}
