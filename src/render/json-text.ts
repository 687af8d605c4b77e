/**
 * A traveller's JSON element written straight to UTF-8 bytes: the same characters as
 * `JSON.stringify(travellerJson(result))` (test/json-text.test.ts checks them against each other),
 * several times faster. At a million rows the batch writes 166 MB of JSON Lines, and building the
 * plain objects and stringifying them was the largest cost after csv-parse itself; making the
 * text as strings and encoding it was next (bench/batch.js). The keys are fixed, so they are
 * copied as literal bytes; the strings that repeat (rule labels, constraint ids, file names,
 * dates) are quoted and encoded once. Pure.
 */
import { authorisedUntil } from '../engine/authorised.js'
import type { ConstraintReport, Report, StayReport, Violation } from '../engine/types.js'
import type { SourceRef, Warning } from '../types.js'
import { travellerJson, type TravellerResult } from './batch.js'
import { ascii, ByteWriter } from './byte-writer.js'
import { isoOf, SCHEMA_VERSION, warningJson } from './json.js'

const encoder = new TextEncoder()

/** `"YYYY-MM-DD"` by day, for days 1900 … 2199 (isoOf's span), made as they are met. */
const DAY_FIRST = -25_567
const DAY_SPAN = 109_573
let dayMemo: (Uint8Array | undefined)[] | undefined
function day(out: ByteWriter, d: number): void {
  const i = d - DAY_FIRST
  if (!(i >= 0 && i < DAY_SPAN)) return out.bytes(ascii(`"${isoOf(d)}"`))
  dayMemo ??= new Array<Uint8Array | undefined>(DAY_SPAN).fill(undefined)
  out.bytes((dayMemo[i] ??= ascii(`"${isoOf(d)}"`)))
}

const NULL = ascii('null')
const EMPTY_LIST = ascii('[]')
const EMPTY_OBJECT = ascii('{}')
const COMMA = 44
const OPEN_LIST = 91
const CLOSE_LIST = 93
const CLOSE_OBJECT = 125
const QUOTE = 34

function dayOrNull(out: ByteWriter, d: number | null | undefined): void {
  if (d === null || d === undefined) out.bytes(NULL)
  else day(out, d)
}

/** `JSON.stringify` of a number: the engine's figures are integers, but `Infinity` would be `null`. */
function num(out: ByteWriter, n: number): void {
  if (Number.isSafeInteger(n)) out.int(n)
  else if (Number.isFinite(n)) out.text(JSON.stringify(n))
  else out.bytes(NULL)
}

/**
 * Bytes made once and kept while their key repeats: a batch writes the same rule, constraint and
 * file names for traveller after traveller, so each run of constant text is copied in one go.
 * The last few keys are kept (several rules give a few of each); keys compare with `===`.
 */
class Recent<A, B = undefined, C = undefined, D = undefined, E = undefined> {
  private readonly keys: unknown[][] = []
  private readonly values: Uint8Array[] = []
  private next = 0

  /** @param make the text for a key (a plain function: no closure is made per call) */
  constructor(private readonly make: (a: A, b: B, c: C, d: D, e: E) => string) {}

  get(a: A, b?: B, c?: C, d?: D, e?: E): Uint8Array {
    const { keys } = this
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      if (k[0] === a && k[1] === b && k[2] === c && k[3] === d && k[4] === e) return this.values[i]!
    }
    const value = encoder.encode(this.make(a, b as B, c as C, d as D, e as E))
    const slot = this.next
    this.next = (slot + 1) % RECENT_KEYS
    keys[slot] = [a, b, c, d, e]
    this.values[slot] = value
    return value
  }
}
const RECENT_KEYS = 8

const q = JSON.stringify
const qDay = (d: number | null | undefined): string => (d === null || d === undefined ? 'null' : `"${isoOf(d)}"`)
const qNum = (n: number): string => (Number.isFinite(n) ? q(n) : 'null')

const SOURCE_INPUT = ascii(',"source":"input"')
const sourceFlag = new Recent((flag: string) => `,"source":${q(flag)}`)
const sourceFile = new Recent((file: string) => `,"source":${q(file)}`)
const sourceLine = new Recent((file: string) => `,"source":${q(file).slice(0, -1)}:`)
/** `,"source":…` of a stay: a file's name with the line after it, a flag, or "input". */
function source(out: ByteWriter, s: SourceRef): void {
  if (s.flag !== undefined) return out.bytes(sourceFlag.get(s.flag))
  if (s.file === undefined) return out.bytes(SOURCE_INPUT)
  const file = s.file
  if (s.line === undefined) return out.bytes(sourceFile.get(file))
  // the file's quoted name without its closing quote, then `:line"`
  out.bytes(sourceLine.get(file))
  out.int(s.line)
  out.byte(QUOTE)
}

function list<T>(out: ByteWriter, items: readonly T[], item: (out: ByteWriter, x: T) => void): void {
  if (items.length === 0) return out.bytes(EMPTY_LIST)
  out.byte(OPEN_LIST)
  item(out, items[0] as T)
  for (let i = 1; i < items.length; i++) {
    out.byte(COMMA)
    item(out, items[i] as T)
  }
  out.byte(CLOSE_LIST)
}

const V = [ascii('{"start":'), ascii(',"end":'), ascii(',"peakDaysUsed":')] as const
const violationEnd = new Recent((constraint: string) => `,"constraint":${q(constraint)}}`)
function violation(out: ByteWriter, v: Violation): void {
  out.bytes(V[0])
  day(out, v.start)
  out.bytes(V[1])
  day(out, v.end)
  out.bytes(V[2])
  num(out, v.peakDaysUsed)
  out.bytes(violationEnd.get(v.constraint))
}

const S = [ascii('{"entry":'), ascii(',"exit":'), ascii(',"days":'), ascii(',"until":'), ascii(',"until":null}')] as const
function stay(out: ByteWriter, s: StayReport): void {
  out.bytes(S[0])
  day(out, s.entry)
  out.bytes(S[1])
  dayOrNull(out, s.exit)
  out.bytes(S[2])
  num(out, s.days)
  source(out, s.source)
  if (s.until === null || s.until === undefined) return out.bytes(S[4])
  out.bytes(S[3])
  day(out, s.until)
  out.byte(CLOSE_OBJECT)
}

const warning = (out: ByteWriter, w: Warning): void => out.text(JSON.stringify(warningJson(w)))

function details(out: ByteWriter, d: ConstraintReport['details']): void {
  if (d !== undefined) for (const _ in d) return out.text(JSON.stringify(d))
  out.bytes(EMPTY_OBJECT)
}

const F = [ascii(',"window":{"start":'), ascii(',"end":'), ascii('},"daysRemaining":'), ascii(',"overstayDays":'), ascii(',"latestExit":')] as const
const boundThenViolations = new Recent((bound: string) => `,"latestExitBound":${q(bound)},"violations":`)
/** From `daysUsed`'s value through `violations`: the figures a report and each of its constraints give alike. */
function figures(out: ByteWriter, f: Pick<ConstraintReport, 'daysUsed' | 'window' | 'daysRemaining' | 'overstayDays' | 'latestExit' | 'latestExitBound' | 'violations'>): void {
  num(out, f.daysUsed)
  out.bytes(F[0])
  day(out, f.window.start)
  out.bytes(F[1])
  day(out, f.window.end)
  out.bytes(F[2])
  num(out, f.daysRemaining)
  out.bytes(F[3])
  num(out, f.overstayDays)
  out.bytes(F[4])
  dayOrNull(out, f.latestExit)
  out.bytes(boundThenViolations.get(f.latestExitBound))
  list(out, f.violations, violation)
}

const DETAILS = ascii(',"details":')
const constraintHead = new Recent(
  (id: string, kind: string, label: string, inForce: boolean, limit: number) =>
    `{"id":${q(id)},"kind":${q(kind)},"label":${q(label)},"inForce":${inForce},"limit":${qNum(limit)},"daysUsed":`,
)
function constraint(out: ByteWriter, c: ConstraintReport): void {
  out.bytes(
    constraintHead.get(c.id, c.kind, c.label, c.inForce, c.limit),
  )
  figures(out, c)
  out.bytes(DETAILS)
  details(out, c.details)
  out.byte(CLOSE_OBJECT)
}

const A = [ascii(',"daysRemaining":'), ascii(',"overstayDays":'), ascii(',"latestExit":')] as const
const answerHead = new Recent((id: string, label: string) => `{"id":${q(id)},"label":${q(label)},"daysUsed":`)
const answerBound = new Recent((bound: string, binding: string) => `,"latestExitBound":${q(bound)},"binding":${q(binding)},"violations":`)
function ruleAnswer(out: ByteWriter, r: Report): void {
  out.bytes(answerHead.get(r.rule.id, r.rule.label))
  num(out, r.daysUsed)
  out.bytes(A[0])
  num(out, r.daysRemaining)
  out.bytes(A[1])
  num(out, r.overstayDays)
  out.bytes(A[2])
  dayOrNull(out, r.latestExit)
  out.bytes(answerBound.get(r.latestExitBound, r.binding))
  list(out, r.violations, violation)
  out.byte(CLOSE_OBJECT)
}

const T = [
  ascii('{"traveller":'),
  ascii('true,"daysUsed":'),
  ascii('false,"daysUsed":'),
  ascii(',"stays":'),
  ascii(',"authorisedUntil":'),
  ascii(',"warnings":'),
] as const
const travellerHead = new Recent(
  (on: number, rule: Report['rule'], limit: number | null, window: number | null) =>
    `,"schemaVersion":${SCHEMA_VERSION},"on":${qDay(on)},"rule":{"id":${q(rule.id)},"label":${q(rule.label)},"limit":${limit === null ? 'null' : qNum(limit)},` +
    `"window":${window === null ? 'null' : qNum(window)},"countFrom":${qDay(rule.countFrom)}},"inside":`,
)
const travellerBinding = new Recent((binding: string) => `,"binding":${q(binding)},"constraints":`)
const travellerRules = new Recent((bindingRule: string | undefined) => `,"bindingRule":${bindingRule === undefined ? 'null' : q(bindingRule)},"rules":`)

/** `JSON.stringify(travellerJson(result))`, written into `out`. */
export function writeTravellerJson(out: ByteWriter, result: TravellerResult): void {
  if (!('report' in result)) return out.text(JSON.stringify(travellerJson(result)))
  const { report: r, reports, binding } = result
  // The `rule` block's limit and window are the binding constraint's.
  let b: ConstraintReport | undefined
  for (const c of r.constraints) if (c.id === r.binding && b === undefined) b = c
  const limit = b === undefined ? null : b.limit
  const window = b?.kind === 'rolling' ? b.window.end - b.window.start + 1 : null
  out.bytes(T[0])
  out.quoted(result.traveller)
  out.bytes(travellerHead.get(r.on, r.rule, limit, window))
  out.bytes(r.inside ? T[1] : T[2])
  figures(out, r)
  out.bytes(T[3])
  list(out, r.stays, stay)
  out.bytes(T[4])
  dayOrNull(out, authorisedUntil(r))
  out.bytes(T[5])
  list(out, r.warnings, warning)
  const bindingRule = reports[binding]?.rule.id
  out.bytes(travellerBinding.get(r.binding))
  list(out, r.constraints, constraint)
  out.bytes(travellerRules.get(bindingRule))
  list(out, reports, ruleAnswer)
  out.byte(CLOSE_OBJECT)
}

/** `JSON.stringify(travellerJson(result))`, as a string. */
export function travellerJsonText(result: TravellerResult): string {
  const out = new ByteWriter(4096)
  writeTravellerJson(out, result)
  return out.takeText()
}
