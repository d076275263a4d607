import { Type, type Static } from '@sinclair/typebox';
import type { Category } from './category.ts';

/** The four criteria the notice asks experts to compare: standards, quality, technology, market and brand (DOMAIN §2 step 6). */
export const CriterionSchema = Type.Union([
  Type.Literal('STANDARDS'),
  Type.Literal('QUALITY'),
  Type.Literal('TECHNOLOGY'),
  Type.Literal('MARKET_BRAND'),
]);

/** One scoring criterion. */
export type Criterion = Static<typeof CriterionSchema>;

/** Every criterion, in score-sheet order. */
export const CRITERIA: readonly Criterion[] = ['STANDARDS', 'QUALITY', 'TECHNOLOGY', 'MARKET_BRAND'];

/** How messages name each criterion: Chinese first. */
export const CRITERION_NAMES: Readonly<Record<Criterion, { readonly zh: string; readonly en: string }>> = {
  STANDARDS: { zh: '标准', en: 'standards' },
  QUALITY: { zh: '质量', en: 'quality' },
  TECHNOLOGY: { zh: '技术', en: 'technology' },
  MARKET_BRAND: { zh: '市场与品牌', en: 'market and brand' },
};

/**
 * One expert's marks on each criterion, 0–100 with at most one decimal [ASSUMED: the score
 * sheet's scale]. One decimal lets ranking compare exact integers instead of floating sums.
 */
export const CriterionScoresSchema = Type.Object({
  STANDARDS: Type.Number({ minimum: 0, maximum: 100 }),
  QUALITY: Type.Number({ minimum: 0, maximum: 100 }),
  TECHNOLOGY: Type.Number({ minimum: 0, maximum: 100 }),
  MARKET_BRAND: Type.Number({ minimum: 0, maximum: 100 }),
});

/** Marks per criterion. */
export type CriterionScores = Static<typeof CriterionScoresSchema>;

/** Weights of the criteria for one category, whole percentages that sum to 100. */
export const CriterionWeightsSchema = Type.Object({
  STANDARDS: Type.Integer({ minimum: 0, maximum: 100 }),
  QUALITY: Type.Integer({ minimum: 0, maximum: 100 }),
  TECHNOLOGY: Type.Integer({ minimum: 0, maximum: 100 }),
  MARKET_BRAND: Type.Integer({ minimum: 0, maximum: 100 }),
});

/** Percent weight per criterion. */
export type CriterionWeights = Static<typeof CriterionWeightsSchema>;

/**
 * Equal weights for every category until the campaign rule set gives its own [ASSUMED: the
 * notice publishes no weights].
 */
export const DEFAULT_CRITERION_WEIGHTS: Readonly<Record<Category, CriterionWeights>> = {
  AGRICULTURE: { STANDARDS: 25, QUALITY: 25, TECHNOLOGY: 25, MARKET_BRAND: 25 },
  MANUFACTURING: { STANDARDS: 25, QUALITY: 25, TECHNOLOGY: 25, MARKET_BRAND: 25 },
  SERVICE: { STANDARDS: 25, QUALITY: 25, TECHNOLOGY: 25, MARKET_BRAND: 25 },
};
