/**
 * The days a rule or a constraint is checked on (`validFrom` … `validTo`, either open): a regime's
 * start and end as the law gives them (Reg. (EU) No 610/2013 from 2013-10-18 for Schengen's 90/180,
 * Kazakhstan's rule from 2023-01-27). Pure.
 */
export interface Validity {
  readonly validFrom?: number | null
  readonly validTo?: number | null
}

/** Whether the day `on` is within the validity. */
export function inForce(v: Validity, on: number): boolean {
  return on >= (v.validFrom ?? on) && on <= (v.validTo ?? on)
}

/** The validity with open ends as infinities, for comparisons. */
export function validityOf(v: Validity): { validFrom: number; validTo: number } {
  return { validFrom: v.validFrom ?? Number.NEGATIVE_INFINITY, validTo: v.validTo ?? Number.POSITIVE_INFINITY }
}
