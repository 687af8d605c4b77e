/**
 * Custom rules from a file (`--rules-file FILE`), JSON or YAML, checked against a schema; every
 * problem names the file, the line and the path inside it, what was expected and what was found.
 * Pure: the caller reads the file. No clock.
 *
 * ## Rules file format
 *
 * A mapping with a `rules` list (YAML shown; the same keys in JSON). Dates are `YYYY-MM-DD`.
 *
 * ```yaml
 * rules:
 *   - id: my-visa              # required: lowercase letters, digits and hyphens; not a preset id or alias
 *     label: My visa (60 days per entry, 120 per calendar year)   # required
 *     aliases: [mine]          # optional: other names for --rule
 *     countFrom: 2024-01-01    # optional: presence before this day is ignored
 *     validFrom: 2024-01-01    # optional: the whole rule applies from / until these days
 *     validTo: 2026-12-31
 *     dayCounting: calendar    # optional: calendar (default; any presence on a date),
 *                              #   midnight (present at the end of the day), whole (whole days only)
 *     purpose: stay            # optional: stay (default; passing a cap is an overstay) | tax (a tax
 *                              #   rule's day count: passing it is "over the limit", no overstay)
 *     source: Decree 123, Art. 4        # optional: shown by `stay-calc rules ID`
 *     confidence: unverified   # optional: official | secondary | unverified (default)
 *     notes: [Entry day counts as day 1.]   # optional
 *     constraints:             # required, at least one; all must hold
 *       - kind: per-visit      # each visit at most `limit` days (or months) from entry, entry = day 1
 *         limit: 60
 *         unit: days           # optional: days (default) | months
 *         entriesFrom: 2024-01-01  # optional: only visits entered from / until these days
 *         entriesUntil: 2025-12-31 #   (the cap then holds for the whole visit)
 *         hardCap: true        # optional: a later authorised-until date is not used
 *       - kind: year           # at most `limit` days per year, or reaching `threshold` days breaks it
 *         limit: 120           # exactly one of limit / threshold
 *         yearStart: "01-01"   # optional: MM-DD the year starts on (default 01-01)
 *         validFrom: 2025-01-01   # optional on every constraint: the days it is checked on
 * ```
 *
 * The other kinds:
 * - `rolling`: `limit`, `window`, `unit` (days by default, or months): at most `limit` days in any
 *   `window`; with days, `limit` must be smaller than `window`.
 * - `continuous`: `limit`: no continuous presence longer than `limit` days.
 * - `weighted`: `threshold`, `divisors` (e.g. `[1, 3, 6]` for weights 1, 1/3, 1/6 over the current
 *   and earlier years), `minCurrent` (default 1), `yearStart`.
 * - `absence`: `limit`, `window`, `unit` (months by default): at most `limit` days abroad in any
 *   `window`; the stays given are then the periods abroad (use `dayCounting: whole`).
 *
 * Problem codes: `E_ENCODING` (not UTF-8 text), `E_RULES_SYNTAX` (not valid JSON/YAML),
 * `E_RULES_SCHEMA` (a value or key is wrong), `E_RULES_ID_CLASH` (an id or alias of a preset),
 * `E_RULES_ID_DUPLICATE` (used twice in the file).
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import { jsonErrorOffset } from './json-error.js'
import { z } from 'zod'
import { dayFromIso, isoOf } from '../day.js'
import { gcd } from '../engine/weighted.js'
import { hasUnprintable, type InputProblem, quote, ruleFileExpected, ruleFileProblems } from '../errors.js'
import type { CalendarDay, SourceRef } from '../types.js'
import { nulEncoding } from '../parse/encoding.js'
import { PRESETS } from './presets.js'
import { CONFIDENCES, type Constraint, CONSTRAINT_KINDS, DAY_COUNTINGS, PURPOSES, MAX_DIVISOR_LCM, MAX_DIVISORS, MAX_RULE_DAYS, MAX_RULE_MONTHS, MAX_WINDOW_MONTHS, type Rule, type YearStart } from './types.js'

export interface LoadedRules {
  /** The rules, or none when any problem was found. */
  readonly rules: Rule[]
  readonly problems: InputProblem[]
}

// ---------------------------------------------------------------- schema

/** What each value must be; every message reads "expected <this>, got <value>". */
export const EXPECTED = ruleFileExpected({ maxDays: MAX_RULE_DAYS, maxDivisors: MAX_DIVISORS, maxMultiple: MAX_DIVISOR_LCM, kinds: CONSTRAINT_KINDS, dayCountings: DAY_COUNTINGS, confidences: CONFIDENCES, purposes: PURPOSES })

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/

const whole = () => z.number({ error: EXPECTED.whole }).int({ error: EXPECTED.whole }).min(1, { error: EXPECTED.whole }).max(MAX_RULE_DAYS, { error: EXPECTED.whole })
// Labels, sources and notes are printed: a control character would drive the terminal (QA).
const text = () => z.string({ error: EXPECTED.text }).trim().min(1, { error: EXPECTED.text }).refine((s) => !hasUnprintable(s), { error: EXPECTED.text })
const id = () => z.string({ error: EXPECTED.id }).regex(ID_PATTERN, { error: EXPECTED.id })
const date = () =>
  z
    .string({ error: EXPECTED.date })
    .refine((s) => dayFromIso(s) !== null, { error: EXPECTED.date })
    .transform((s) => dayFromIso(s) as CalendarDay)
    .nullable()
const unit = () => z.enum(['days', 'months'], { error: EXPECTED.unit })
const yearStart = () =>
  z
    .string({ error: EXPECTED.yearStart })
    .refine((s) => parseYearStart(s) !== null, { error: EXPECTED.yearStart })
    .transform((s) => parseYearStart(s) as YearStart)

/** `MM-DD` with a day that exists in every year (no 29 February). */
export function parseYearStart(s: string): YearStart | null {
  const m = /^(\d{2})-(\d{2})$/.exec(s)
  if (!m) return null
  const [month, day] = [Number(m[1]), Number(m[2])]
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return days !== undefined && day >= 1 && day <= days ? { month, day } : null
}

const validity = { validFrom: date().optional(), validTo: date().optional() }

/** Whether the divisors' least common multiple is at most MAX_DIVISOR_LCM: stops once past it, so always exact. */
function lcmWithin(divisors: readonly number[]): boolean {
  let multiple = 1
  for (const d of divisors) {
    multiple = (multiple / gcd(multiple, d)) * d
    if (multiple > MAX_DIVISOR_LCM) return false
  }
  return true
}

/** The most weighted days the years of `divisors` can hold: 366 in each, divided by its divisor (Infinity for a divisor list the schema refuses). */
function weightedMost(divisors: readonly number[]): number {
  if (divisors.length === 0 || divisors.length > MAX_DIVISORS || !lcmWithin(divisors)) return Number.POSITIVE_INFINITY
  return divisors.reduce((sum, d) => sum + 366 / d, 0)
}

const CONSTRAINT_SCHEMAS = {
  rolling: z.strictObject({ kind: z.literal('rolling'), limit: whole(), window: whole(), unit: unit().optional(), ...validity }),
  'per-visit': z.strictObject({
    kind: z.literal('per-visit'),
    limit: whole(),
    unit: unit().optional(),
    entriesFrom: date().optional(),
    entriesUntil: date().optional(),
    hardCap: z.boolean({ error: EXPECTED.boolean }).optional(),
    ...validity,
  }),
  year: z.strictObject({ kind: z.literal('year'), limit: whole().optional(), threshold: whole().optional(), yearStart: yearStart().optional(), ...validity }),
  continuous: z.strictObject({ kind: z.literal('continuous'), limit: whole(), ...validity }),
  weighted: z.strictObject({
    kind: z.literal('weighted'),
    threshold: whole(),
    divisors: z
      .array(whole(), { error: EXPECTED.divisors })
      .min(1, { error: EXPECTED.divisors })
      .max(MAX_DIVISORS, { error: EXPECTED.divisors })
      .refine(lcmWithin, { error: EXPECTED.divisorsMultiple }),
    minCurrent: whole().optional(),
    yearStart: yearStart().optional(),
    ...validity,
  }).superRefine((c, ctx) => {
    // A threshold no count of those years can reach never binds, yet had the searches look for it
    // far ahead (QA: 36525 over five years made `plan` take minutes).
    const most = weightedMost(c.divisors)
    if (Number.isFinite(most) && c.threshold > most) ctx.addIssue({ code: 'custom', path: ['threshold'], message: EXPECTED.reachable(Math.floor(most)) })
  }),
  absence: z.strictObject({ kind: z.literal('absence'), limit: whole(), window: whole(), unit: unit().optional(), ...validity }),
} as const

const constraintSchema = z.discriminatedUnion(
  'kind',
  [CONSTRAINT_SCHEMAS.rolling, CONSTRAINT_SCHEMAS['per-visit'], CONSTRAINT_SCHEMAS.year, CONSTRAINT_SCHEMAS.continuous, CONSTRAINT_SCHEMAS.weighted, CONSTRAINT_SCHEMAS.absence],
  { error: EXPECTED.kind },
)

const ruleSchema = z.strictObject(
  {
    id: id(),
    label: text(),
    aliases: z.array(id(), { error: EXPECTED.ids }).optional(),
    kindSummary: text().optional(),
    countFrom: date().optional(),
    validFrom: date().optional(),
    validTo: date().optional(),
    dayCounting: z.enum(DAY_COUNTINGS, { error: EXPECTED.dayCounting }).optional(),
    purpose: z.enum(PURPOSES, { error: EXPECTED.purpose }).optional(),
    source: text().optional(),
    confidence: z.enum(CONFIDENCES, { error: EXPECTED.confidence }).optional(),
    notes: z.array(text(), { error: EXPECTED.texts }).optional(),
    constraints: z.array(constraintSchema, { error: EXPECTED.constraints }).min(1, { error: EXPECTED.constraints }),
  },
  { error: EXPECTED.rule },
)

const fileSchema = z.strictObject({ rules: z.array(ruleSchema, { error: EXPECTED.rules }) }, { error: EXPECTED.file })

type ParsedRule = z.output<typeof ruleSchema>
type ParsedConstraint = z.output<typeof constraintSchema>

// ---------------------------------------------------------------- locations and messages

type Path = readonly PropertyKey[]

/** `rules[0].constraints[1].limit`. */
export function formatPath(path: Path): string {
  let out = ''
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`
  return out
}

/** The value found, for "got ...": quoted text, numbers as written, `a list`, `a mapping`. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  if (typeof value === 'object') return 'a mapping'
  return 'nothing'
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

/** Where a path is in the text: the line of its node, or of the nearest enclosing node. */
type Locate = (path: Path) => number | undefined

function locator(text: string): Locate {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, logLevel: 'error' })
  const lineOf = (node: unknown): number | undefined => (isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined)
  // A key as its path names it: `true:`, `2:` and `~:` are keys too (QA: told at their rule's line).
  const keyText = (key: unknown): string => (isScalar(key) ? (key.value === null ? '' : String(key.value)) : String(key))
  return (path) => {
    let node: unknown = doc.contents
    let line = lineOf(node)
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(step))
        if (pair === undefined) break
        // The key's line: a value in a block under it starts a line later (QA).
        line = lineOf(pair.key) ?? line
        node = pair.value
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step]
        line = lineOf(node) ?? line
      } else break
    }
    return line
  }
}

// ---------------------------------------------------------------- loading

/**
 * Parse and check a rules file. JSON when the name ends in `.json` or the text starts with `{` or
 * `[`, YAML otherwise (YAML 1.2: unquoted dates stay text). Ids and aliases must not clash with
 * presets or with each other.
 * @example loadRulesFile('rules:\n  - id: x\n    label: X\n    constraints: [{ kind: continuous, limit: 30 }]\n', 'r.yaml').rules[0]?.id //=> 'x'
 */
export function loadRulesFile(text: string, file: string): LoadedRules {
  // A lone CR is a line break in YAML 1.2 (b-break) as in the CSV files, but not to the yaml
  // library (QA: an old Mac file failed as YAML, and was all line 1 as JSON).
  const source = text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n')
  const at = (line: number | undefined): SourceRef => (line === undefined ? { file } : { file, line })
  const fail = (problems: InputProblem[]): LoadedRules => ({ rules: [], problems })

  if (source.trim() === '') return fail([{ source: { file }, code: 'E_RULES_SCHEMA', message: ruleFileProblems.empty(EXPECTED.file) }])
  // Read as UTF-8, as CSV files are: another encoding is said so, not read as garbled text (QA).
  const encoding = nulEncoding(source)
  if (encoding !== undefined) return fail([{ source: { file }, ...ruleFileProblems.notUtf8Text(encoding) }])
  const garbled = source.indexOf('\uFFFD')
  if (garbled >= 0) {
    const lineEnd = source.indexOf('\n', garbled)
    const line = source.slice(source.lastIndexOf('\n', garbled) + 1, lineEnd < 0 ? undefined : lineEnd).trim()
    return fail([{ source: at(source.slice(0, garbled).split('\n').length), ...ruleFileProblems.notUtf8(line) }])
  }

  const json = /\.json$/i.test(file) || (!/\.ya?ml$/i.test(file) && /^\s*[[{]/.test(source))
  let data: unknown
  if (json) {
    try {
      data = JSON.parse(source)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const position = /at position (\d+)/.exec(message)
      const offset = position ? Number(position[1]) : jsonErrorOffset(source)
      const line = offset === undefined ? undefined : source.slice(0, offset).split('\n').length
      // V8's words without its position or its quote of the text: the line says where.
      const reason = message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/ at position \d+.*$/s, '').replace(/ in JSON$/, '')
      return fail([{ source: at(line), code: 'E_RULES_SYNTAX', message: ruleFileProblems.syntax('JSON', reason) }])
    }
    // JSON.parse keeps the last of a key given twice; YAML refuses it, and so must JSON (QA: a second
    // "limit" replaced the first unseen). JSON is YAML 1.2 too: its parser finds them, with their lines.
    const twice = parseDocument(source, { logLevel: 'error' }).errors.filter((e) => e.code === 'DUPLICATE_KEY')
    if (twice.length > 0) {
      const keyAt = (offset: number) => JSON.parse(/^"(?:[^"\\]|\\.)*"/.exec(source.slice(offset))?.[0] ?? '""') as string
      return fail(twice.map((e) => ({ source: at(e.linePos?.[0].line), code: 'E_RULES_SYNTAX', message: ruleFileProblems.syntax('JSON', ruleFileProblems.keyTwice(keyAt(e.pos[0]))) })))
    }
  } else {
    // `logLevel: 'error'`: a YAML warning (a mapping used as a key) would reach stderr as Node's own
    // "Warning: …" line; the key is refused below as an unknown one anyway (QA).
    const doc = parseDocument(source, { logLevel: 'error' })
    const error = doc.errors[0]
    const syntax = (reason: string, line?: number) => fail([{ source: at(line), code: 'E_RULES_SYNTAX', message: ruleFileProblems.syntax('YAML', reason) }])
    if (error) return syntax((error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ''), error.linePos?.[0].line)
    try {
      data = doc.toJS()
    } catch (thrown) {
      // Aliases expanding without end (a "billion laughs" file): the yaml library stops at its
      // alias limit and throws a ReferenceError, which is the file's problem, not a bug (QA: exit 70).
      if (!(thrown instanceof ReferenceError)) throw thrown
      return syntax(thrown.message.split('\n')[0] ?? thrown.message)
    }
  }
  const locate = locator(source)
  const problems: InputProblem[] = []
  const parsed = fileSchema.safeParse(data)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const path = [...issue.path, key]
          problems.push({
            source: at(locate(path)),
            code: 'E_RULES_SCHEMA',
            message: ruleFileProblems.unknownKey(formatPath(path), knownKeys(data, issue.path)),
          })
        }
        continue
      }
      const value = valueAt(data, issue.path)
      // One message a value: 2^53 fails both `int` (not a safe integer) and `max`, with the same words.
      const where = at(locate(issue.path))
      if (problems.some((p) => p.source.line === where.line && p.message.startsWith(`${formatPath(issue.path)}: `))) continue
      problems.push({
        source: where,
        code: 'E_RULES_SCHEMA',
        message: ruleFileProblems.schema(formatPath(issue.path), issue.message, value === undefined ? null : describeValue(value)),
      })
    }
  }
  // The checks a schema cannot express run on the raw data too, so one run reports everything.
  for (const item of checkRules(data, (path) => at(locate(path)))) problems.push(item)
  if (problems.length > 0 || !parsed.success) return fail(sortByLine(problems))
  return { rules: parsed.data.rules.map((r) => toRule(r, file)), problems: [] }
}

/** Problems in file order (stable for the same line). */
function sortByLine(problems: InputProblem[]): InputProblem[] {
  return problems.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => (a.source.line ?? 0) - (b.source.line ?? 0) || i - j).map(([p]) => p)
}

/** The keys a mapping at `path` may have, for "unknown key" messages. */
function knownKeys(data: unknown, path: Path): readonly string[] {
  if (path.length === 0) return Object.keys(fileSchema.shape)
  if (path.length === 2) return Object.keys(ruleSchema.shape)
  const kind = (valueAt(data, path) as { kind?: unknown } | undefined)?.kind
  const schema = typeof kind === 'string' && Object.hasOwn(CONSTRAINT_SCHEMAS, kind) ? CONSTRAINT_SCHEMAS[kind as keyof typeof CONSTRAINT_SCHEMAS] : undefined
  return schema ? Object.keys(schema.shape) : ['kind']
}

/** What the schema cannot say: names unique and not presets, one of limit/threshold, date (validity, entries) and window order. */
function checkRules(data: unknown, at: (path: Path) => SourceRef): InputProblem[] {
  const problems: InputProblem[] = []
  const rules = valueAt(data, ['rules'])
  if (!Array.isArray(rules)) return problems
  const presetNames = new Set(PRESETS.flatMap((r: Rule) => [r.id, ...(r.aliases ?? [])]))
  const seen = new Map<string, Path>()
  const name = (value: unknown, path: Path) => {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) return
    if (presetNames.has(value)) {
      problems.push({ source: at(path), code: 'E_RULES_ID_CLASH', message: ruleFileProblems.presetName(formatPath(path), value) })
      return
    }
    const first = seen.get(value)
    if (first) problems.push({ source: at(path), code: 'E_RULES_ID_DUPLICATE', message: ruleFileProblems.duplicateName(formatPath(path), value, formatPath(first)) })
    else seen.set(value, path)
  }
  const asDay = (v: unknown): number | null => (typeof v === 'string' ? dayFromIso(v) : null)
  const order = (v: Record<string, unknown>, path: Path) => {
    const from = asDay(v.validFrom)
    const to = asDay(v.validTo)
    if (from !== null && to !== null && to < from) {
      const p = [...path, 'validTo']
      problems.push({ source: at(p), code: 'E_RULES_SCHEMA', message: ruleFileProblems.dateOrder(formatPath(p), isoOf(from), isoOf(to)) })
    }
    const first = asDay(v.entriesFrom)
    const last = asDay(v.entriesUntil)
    if (first !== null && last !== null && last < first) {
      const p = [...path, 'entriesUntil']
      problems.push({ source: at(p), code: 'E_RULES_SCHEMA', message: ruleFileProblems.entriesOrder(formatPath(p), isoOf(first), isoOf(last)) })
    }
  }
  // In the schema's range: a value out of it has its message already.
  const isWhole = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_RULE_DAYS
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  rules.forEach((rule: unknown, i) => {
    if (!isRecord(rule)) return
    const path = ['rules', i]
    name(rule.id, [...path, 'id'])
    if (Array.isArray(rule.aliases)) rule.aliases.forEach((alias: unknown, k) => name(alias, [...path, 'aliases', k]))
    order(rule, path)
    if (!Array.isArray(rule.constraints)) return
    rule.constraints.forEach((c: unknown, j) => {
      if (!isRecord(c)) return
      const cPath = [...path, 'constraints', j]
      order(c, cPath)
      if (c.kind === 'year' && (c.limit === undefined) === (c.threshold === undefined)) {
        problems.push({ source: at(cPath), code: 'E_RULES_SCHEMA', message: ruleFileProblems.limitOrThreshold(formatPath(cPath), c.limit !== undefined) })
      }
      const unit = c.unit ?? (c.kind === 'absence' ? 'months' : 'days')
      const windowed = c.kind === 'rolling' || c.kind === 'absence'
      // In months: a window's length, or a visit's (its limit); a rolling limit is in days still.
      const inMonths = unit !== 'months' ? undefined : c.kind === 'per-visit' ? 'limit' : windowed ? 'window' : undefined
      const months = inMonths === undefined ? undefined : c[inMonths]
      const maxMonths = inMonths === 'window' ? MAX_WINDOW_MONTHS : MAX_RULE_MONTHS
      if (inMonths !== undefined && isWhole(months) && months > maxMonths) {
        const p = [...cPath, inMonths]
        problems.push({ source: at(p), code: 'E_RULES_SCHEMA', message: ruleFileProblems.tooManyMonths(formatPath(p), months, maxMonths) })
      }
      if (windowed && unit === 'days' && isWhole(c.limit) && isWhole(c.window) && c.limit >= c.window) {
        const p = [...cPath, 'limit']
        problems.push({ source: at(p), code: 'E_RULES_SCHEMA', message: ruleFileProblems.limitNotBelowWindow(formatPath(p), c.limit, c.window) })
      }
    })
  })
  return problems
}

function toConstraint(c: ParsedConstraint): Constraint {
  const v = { validFrom: c.validFrom ?? null, validTo: c.validTo ?? null }
  switch (c.kind) {
    case 'rolling':
      return { kind: 'rolling', limit: c.limit, window: c.window, ...(c.unit ? { unit: c.unit } : {}), ...v }
    case 'per-visit':
      return {
        kind: 'per-visit',
        limit: c.limit,
        ...(c.unit ? { unit: c.unit } : {}),
        ...(c.entriesFrom ? { entriesFrom: c.entriesFrom } : {}),
        ...(c.entriesUntil ? { entriesUntil: c.entriesUntil } : {}),
        ...(c.hardCap === true ? { hardCap: true } : {}),
        ...v,
      }
    case 'year': {
      const start = c.yearStart ? { yearStart: c.yearStart } : {}
      return c.threshold !== undefined
        ? { kind: 'year', threshold: c.threshold, ...start, ...v }
        : { kind: 'year', limit: c.limit as number, ...start, ...v }
    }
    case 'continuous':
      return { kind: 'continuous', limit: c.limit, ...v }
    case 'weighted':
      return { kind: 'weighted', threshold: c.threshold, divisors: c.divisors, minCurrent: c.minCurrent ?? 1, ...(c.yearStart ? { yearStart: c.yearStart } : {}), ...v }
    case 'absence':
      return { kind: 'absence', limit: c.limit, window: c.window, unit: c.unit ?? 'months', ...v }
  }
}

function toRule(r: ParsedRule, file: string): Rule {
  return {
    id: r.id,
    ...(r.aliases ? { aliases: r.aliases } : {}),
    label: r.label,
    ...(r.kindSummary ? { kindSummary: r.kindSummary } : {}),
    countFrom: r.countFrom ?? null,
    validFrom: r.validFrom ?? null,
    validTo: r.validTo ?? null,
    dayCounting: r.dayCounting ?? 'calendar',
    ...(r.purpose === undefined ? {} : { purpose: r.purpose }),
    constraints: r.constraints.map(toConstraint),
    source: r.source ?? `defined in ${file}`,
    confidence: r.confidence ?? 'unverified',
    notes: r.notes ?? [],
  }
}
