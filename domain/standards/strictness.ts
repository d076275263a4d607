import type { LimitIndicator, LimitReference, RangeIndicator, RangeReference } from './comparison-table.ts';

/** How the enterprise standard compares with one reference on one indicator. */
export type Strictness = 'STRICTER' | 'EQUAL' | 'LESS_STRICT';

/**
 * A limit: higher-better is stricter when the enterprise requires more, lower-better when it
 * allows less. Equal values are "at least as strict" (EQUAL).
 */
export function limitStrictness(indicator: LimitIndicator, reference: LimitReference): Strictness {
  const enterprise = indicator.enterpriseValue;
  if (enterprise === reference.value) return 'EQUAL';
  const enterpriseDemandsMore = indicator.direction === 'HIGHER_BETTER' ? enterprise > reference.value : enterprise < reference.value;
  return enterpriseDemandsMore ? 'STRICTER' : 'LESS_STRICT';
}

/**
 * A band: at least as strict when the enterprise band lies inside the reference band (it
 * accepts nothing the reference forbids); stricter when it is also narrower on a side. A band
 * that reaches outside the reference on either side is less strict, however narrow it is.
 */
export function rangeStrictness(indicator: RangeIndicator, reference: RangeReference): Strictness {
  const inside = reference.min <= indicator.enterpriseMin && indicator.enterpriseMax <= reference.max;
  if (!inside) return 'LESS_STRICT';
  return reference.min === indicator.enterpriseMin && indicator.enterpriseMax === reference.max ? 'EQUAL' : 'STRICTER';
}
