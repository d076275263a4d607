import { CRITERIA, CRITERION_NAMES, type Criterion, type CriterionScores, type CriterionWeights } from './criteria.ts';
import { InvalidScoring } from './scoring-errors.ts';

/**
 * A mark in tenths of a point, refusing marks outside 0–100 or with more than one decimal:
 * integer tenths make every sum and comparison exact.
 */
export function toTenths(mark: number, criterion: Criterion, sheet: string): number {
  const tenths = Math.round(mark * 10);
  if (!Number.isFinite(mark) || mark < 0 || mark > 100 || Math.abs(mark * 10 - tenths) > 1e-9) {
    const name = CRITERION_NAMES[criterion];
    throw new InvalidScoring(
      `${sheet} 的${name.zh}分必须在 0 到 100 之间、最多一位小数：${mark}`,
      `${sheet}: the ${name.en} mark must be from 0 to 100 with at most one decimal: ${mark}`,
    );
  }
  return tenths;
}

/** The weighted total of one score sheet in thousandths of a point (percent × tenths). */
export function weightedThousandths(scores: CriterionScores, weights: CriterionWeights, sheet: string): number {
  return CRITERIA.reduce((sum, criterion) => sum + weights[criterion] * toTenths(scores[criterion], criterion, sheet), 0);
}

/** Refuses weights that are not whole percentages summing to exactly 100. */
export function assertWeights(weights: CriterionWeights, label: string): void {
  const values = CRITERIA.map((criterion) => weights[criterion]);
  const wellFormed = values.every((w) => Number.isInteger(w) && w >= 0 && w <= 100);
  const sum = values.reduce((a, b) => a + b, 0);
  if (!wellFormed || sum !== 100) {
    throw new InvalidScoring(
      `${label}的权重必须是合计为 100 的非负整数百分比：${values.join(' + ')} = ${sum}`,
      `${label}: the weights must be whole percentages ≥ 0 summing to 100: ${values.join(' + ')} = ${sum}`,
    );
  }
}
