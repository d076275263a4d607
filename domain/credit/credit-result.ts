/** The result of one credit consultation, over every source's finding. */
export type CreditResult = 'CLEAN' | 'HIT' | 'NEEDS_EXPLANATION' | 'NOT_CONSULTED';

/**
 * A hit anywhere is a HIT; otherwise a finding that needs explaining is NEEDS_EXPLANATION; a clean
 * record from at least one source is CLEAN. No record at all is NOT_CONSULTED: nobody looked, so
 * it cannot count as clean, and a person of the provincial office decides (REFER).
 */
export function creditResult(findings: readonly { readonly result: 'CLEAN' | 'HIT' | 'NEEDS_EXPLANATION' }[]): CreditResult {
  if (findings.length === 0) return 'NOT_CONSULTED';
  if (findings.some((f) => f.result === 'HIT')) return 'HIT';
  if (findings.some((f) => f.result === 'NEEDS_EXPLANATION')) return 'NEEDS_EXPLANATION';
  return 'CLEAN';
}
