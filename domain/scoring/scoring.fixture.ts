import type { CriterionScores } from './criteria.ts';
import type { ExpertScore } from './score-input.ts';

/** A score sheet; `marks` is one mark for every criterion, or the four marks themselves. */
export function sheet(declarationNumber: string, expertId: string, marks: number | Partial<CriterionScores>): ExpertScore {
  const base = typeof marks === 'number' ? marks : 0;
  const scores: CriterionScores = { STANDARDS: base, QUALITY: base, TECHNOLOGY: base, MARKET_BRAND: base };
  return { declarationNumber, expertId, scores: typeof marks === 'number' ? scores : { ...scores, ...marks } };
}
