/**
 * "At most L days outside in any W months": UK settlement, Appendix Continuous Residence CR 2.1
 * (180 days in any 12-month period). The stays given are periods *abroad*; with the rule's
 * `dayCounting: 'whole'` only whole days abroad count, so departure and return days are not
 * absence (Home Office guidance). The count is the sliding window of ./sliding.ts over days abroad;
 * `latestExit` is then the latest day to return. Pure; no I/O, no clock.
 */
import { constraintId, constraintLabel } from '../rules/describe.js'
import type { AbsenceConstraint } from '../rules/types.js'
import { evaluateSliding } from './sliding.js'
import type { ConstraintReport, EvalContext } from './types.js'

export function evaluateAbsence(c: AbsenceConstraint, ctx: EvalContext): ConstraintReport {
  const spec = { limit: c.limit, window: c.window, unit: c.unit ?? 'months', validFrom: c.validFrom ?? null, validTo: c.validTo ?? null }
  return evaluateSliding(spec, ctx, constraintId(c), constraintLabel(c), c.kind)
}
