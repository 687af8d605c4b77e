/**
 * Every error class, exit code and user-facing message of stay-calc lives here, so wording is
 * reviewed in one place and tests can import the exact strings. Nothing here does I/O.
 */
import type { SourceRef } from './types.js'

/** grep/diff convention (0 fine, 1 a result to react to, 2 trouble) plus sysexits' EX_SOFTWARE. */
export const ExitCode = { Ok: 0, LimitExceeded: 1, BadInput: 2, Internal: 70 } as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

export abstract class StayCalcError extends Error {
  abstract readonly exitCode: ExitCode
}

/** Misuse of flags or arguments. */
export class UsageError extends StayCalcError {
  readonly exitCode = ExitCode.BadInput
  override readonly name = 'UsageError'
}

/** One problem found in the input data: where, what (stable code + short text), why, expected. */
export interface InputProblem {
  readonly source: SourceRef
  /** Stable identifier, e.g. `E_DATE_INVALID`. */
  readonly code: string
  /** Short statement of what is wrong, e.g. `invalid exit date "2024-02-30"`. */
  readonly message: string
  /** Explanation with data, e.g. `day 30 is out of range for February 2024`. */
  readonly detail?: string
  /** What was expected, with a valid example. */
  readonly expected?: string
}

/** Bad input data. Holds every problem found, so the user can fix them all in one round trip. */
export class InputError extends StayCalcError {
  readonly exitCode = ExitCode.BadInput
  override readonly name = 'InputError'
  readonly problems: readonly InputProblem[]
  constructor(problems: readonly InputProblem[], options?: ErrorOptions) {
    super(problems.map(formatProblem).join('\n'), options)
    this.problems = problems
  }
}

/** A broken invariant: a bug in stay-calc, not the user's fault. */
export class InternalError extends StayCalcError {
  readonly exitCode = ExitCode.Internal
  override readonly name = 'InternalError'
}

/** `trips.csv:4`, `<stdin>:2`, `--trip 2024-01-05..x`, or `input` when nothing is known. */
export function formatSource(source: SourceRef): string {
  if (source.flag !== undefined) return source.flag
  if (source.file !== undefined) return source.line === undefined ? source.file : `${source.file}:${source.line}`
  return 'input'
}

/** Quote a received value for a message; long values are cut so one bad cell cannot flood stderr. */
export function quote(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value
  return JSON.stringify(cut)
}

export function formatProblem(problem: InputProblem): string {
  const lines = [`${formatSource(problem.source)}: ${problem.message}`]
  if (problem.detail) lines.push(`  ${problem.detail}`)
  if (problem.expected) lines.push(`  expected ${problem.expected}`)
  return lines.join('\n')
}

/** The whole stderr text for an error the user can act on (no stack). */
export function formatUserError(error: StayCalcError): string {
  if (error instanceof InputError) {
    const n = error.problems.length
    const head = n === 1 ? 'stay-calc: 1 problem in the input' : `stay-calc: ${n} problems in the input`
    return `${head}\n${error.problems.map((p) => indent(formatProblem(p))).join('\n')}\n`
  }
  if (error instanceof UsageError) return `stay-calc: ${error.message}\n(run stay-calc --help for usage)\n`
  return `stay-calc: ${error.message}\n`
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')
}

export const ISSUES_URL = 'https://github.com/stay-calc/stay-calc/issues/new'

export function formatInternalError(error: unknown, version: string, nodeVersion: string, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error)
  const lines = [
    `stay-calc: internal error: ${message}`,
    'This is a bug in stay-calc. Please report it with the command you ran:',
    `  ${ISSUES_URL}?title=${encodeURIComponent(`Internal error: ${message}`.slice(0, 120))}&body=${encodeURIComponent(`stay-calc ${version}, Node ${nodeVersion}`)}`,
  ]
  if (debug && error instanceof Error && error.stack) lines.push(error.stack)
  else lines.push('(set DEBUG=stay-calc to print the stack)')
  return `${lines.join('\n')}\n`
}

/** Date formats in messages: the expectation every date message ends with. */
export const EXPECTED_ISO_DATE = 'a calendar date like 2024-02-28 (YYYY-MM-DD)'

/**
 * Message factories. Each returns the parts of an InputProblem (minus `source`), so callers
 * attach the location and tests can compare the exact words.
 */
export const problems = {
  unknownRule: (id: string, known: readonly string[]) =>
    `unknown rule ${quote(id)}; expected one of: ${known.join(', ')}`,
}
