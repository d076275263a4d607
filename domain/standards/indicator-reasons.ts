import type { Indicator, ReferenceLevel } from './comparison-table.ts';
import type { Strictness } from './strictness.ts';

/** One reference compared, as the evaluation reports it. */
export interface ReferenceComparison {
  readonly level: ReferenceLevel;
  readonly standardCode: string;
  /** The reference requirement as written in messages, e.g. "≥400 MPa". */
  readonly requirement: string;
  readonly strictness: Strictness;
  /** At least as strict as this reference: STRICTER or EQUAL. */
  readonly advanced: boolean;
}

const DIRECTION_NAMES = {
  HIGHER_BETTER: { zh: '越高越好', en: 'higher is better' },
  LOWER_BETTER: { zh: '越低越好', en: 'lower is better' },
  RANGE: { zh: '限定范围', en: 'within a range' },
} as const;

const STRICTNESS_WORDS: Readonly<Record<Strictness, { zh: string; en: string }>> = {
  STRICTER: { zh: '严于', en: 'stricter than' },
  EQUAL: { zh: '等同于', en: 'as strict as' },
  LESS_STRICT: { zh: '低于', en: 'less strict than' },
};

/** A limit or band as people write it: "≥520 MPa", "≤0.1 mg/kg", "6.5–7.5". */
export function requirementText(direction: Indicator['direction'], unit: string, value: number | readonly [number, number]): string {
  const suffix = unit.trim() ? ` ${unit.trim()}` : '';
  if (typeof value !== 'number') return `${value[0]}–${value[1]}${suffix}`;
  return `${direction === 'LOWER_BETTER' ? '≤' : '≥'}${value}${suffix}`;
}

/** The reason for one indicator's result, Chinese first. */
export function indicatorReason(
  indicator: Indicator,
  enterpriseRequirement: string,
  comparisons: readonly ReferenceComparison[],
  only: boolean,
): { zh: string; en: string } {
  const direction = DIRECTION_NAMES[indicator.direction];
  let zh = `${indicator.name}（${direction.zh}）：企业标准 ${enterpriseRequirement}`;
  let en = `${indicator.name} (${direction.en}): enterprise standard ${enterpriseRequirement}`;
  if (comparisons.length === 0) {
    zh += '；无国家、行业或国际标准规定该指标，为首创';
    en += '; no national, industry or international standard sets this indicator: the enterprise standard is the first (首创)';
  }
  for (const c of comparisons) {
    zh += `；${STRICTNESS_WORDS[c.strictness].zh} ${c.standardCode}（${c.requirement}）`;
    en += `; ${STRICTNESS_WORDS[c.strictness].en} ${c.standardCode} (${c.requirement})`;
  }
  if (only) {
    zh += '；本批比对中唯一规定该指标';
    en += "; no other enterprise in the campaign's comparison set declares it (唯一)";
  }
  return { zh, en };
}
