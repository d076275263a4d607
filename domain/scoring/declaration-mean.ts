import type { CriterionWeights } from './criteria.ts';
import type { ExpertScore } from './score-input.ts';
import { toTenths, weightedThousandths } from './score-units.ts';

/**
 * From five score sheets up, the single highest and single lowest weighted totals are dropped
 * before averaging, as Chinese expert reviews commonly do (去掉一个最高分和一个最低分)
 * [ASSUMED: the notice does not say]. With four or fewer, every sheet counts.
 */
export const TRIM_FROM_SHEETS = 5;

/** An exact average: `total / count`, compared by cross-multiplying integers. */
export interface ExactMean {
  readonly total: number;
  readonly count: number;
}

/** The mean score of one declaration. */
export interface DeclarationMean {
  readonly declarationNumber: string;
  readonly sheetCount: number;
  readonly trimmed: boolean;
  /** The experts whose sheets were dropped; when several tie, the smallest expert id (the mean is the same). */
  readonly droppedHighest?: string;
  readonly droppedLowest?: string;
  /** The weighted mean, 0–100, rounded to two decimals for display; ranking uses `exact`. */
  readonly mean: number;
  /** The mean of the standards marks alone (trimmed the same way, independently), for tie-breaks. */
  readonly standardsMean: number;
  /** Weighted mean in thousandths of a point. */
  readonly exact: ExactMean;
  /** Standards mean in tenths of a point. */
  readonly exactStandards: ExactMean;
}

/** The mean of one declaration's sheets (at least one) under its category's weights. */
export function declarationMean(
  declarationNumber: string,
  sheets: readonly ExpertScore[],
  weights: CriterionWeights,
): DeclarationMean {
  const totals = sheets.map((s) => ({
    expertId: s.expertId,
    value: weightedThousandths(s.scores, weights, `${declarationNumber}/${s.expertId}`),
  }));
  const standards = sheets.map((s) => ({
    expertId: s.expertId,
    value: toTenths(s.scores.STANDARDS, 'STANDARDS', `${declarationNumber}/${s.expertId}`),
  }));
  const kept = trim(totals);
  const keptStandards = trim(standards);
  return {
    declarationNumber,
    sheetCount: sheets.length,
    trimmed: kept.trimmed,
    ...(kept.trimmed ? { droppedHighest: kept.highest, droppedLowest: kept.lowest } : {}),
    mean: round2(kept.mean.total / kept.mean.count / 1000),
    standardsMean: round2(keptStandards.mean.total / keptStandards.mean.count / 10),
    exact: kept.mean,
    exactStandards: keptStandards.mean,
  };
}

interface Mark {
  readonly expertId: string;
  readonly value: number;
}

function trim(marks: readonly Mark[]): { mean: ExactMean; trimmed: boolean; highest?: string; lowest?: string } {
  const sum = (list: readonly Mark[]) => list.reduce((total, m) => total + m.value, 0);
  if (marks.length < TRIM_FROM_SHEETS) return { mean: { total: sum(marks), count: marks.length }, trimmed: false };
  // Lowest value first; among equal values, the smallest expert id first, so the dropped names are stable.
  const sorted = [...marks].sort((a, b) => a.value - b.value || (a.expertId < b.expertId ? -1 : 1));
  const lowest = sorted[0]!;
  const highestValue = sorted[sorted.length - 1]!.value;
  // "!== lowest": when every sheet has the same total, two different sheets are still dropped.
  const highest = sorted.find((m) => m.value === highestValue && m !== lowest)!;
  const kept = sorted.filter((m) => m !== highest && m !== lowest);
  return { mean: { total: sum(kept), count: kept.length }, trimmed: true, highest: highest.expertId, lowest: lowest.expertId };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
