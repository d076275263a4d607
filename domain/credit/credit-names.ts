import type { CreditResult } from './credit-result.ts';

/** A credit result, or the office's decision on one, as people read it: Chinese first, English second. */
const names: Record<CreditResult | 'CLEARED' | 'REJECTED', string> = {
  CLEAN: '良好 / clean',
  HIT: '有失信记录 / a record against it',
  NEEDS_EXPLANATION: '需说明 / to be explained',
  NOT_CONSULTED: '无记录 / nothing on record',
  CLEARED: '经信用会商予以通过 / cleared by the office',
  REJECTED: '经信用会商不予通过 / rejected by the office',
};

/** The reading of a credit result or decision; an unknown code is shown as it is. */
export function creditName(code: string): string {
  return (names as Record<string, string>)[code] ?? code;
}
