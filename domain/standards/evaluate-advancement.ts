import type { ComparisonSetEntry, ComparisonTable, Indicator } from './comparison-table.ts';
import { normalizeIndicatorKey } from './indicator-key.ts';
import { indicatorReason, requirementText, type ReferenceComparison } from './indicator-reasons.ts';
import { InvalidComparisonTable } from './standards-errors.ts';
import { limitStrictness, rangeStrictness } from './strictness.ts';

/** The verdict on the enterprise standard's advancement. */
export type AdvancementVerdict = 'ADVANCED' | 'COMPARABLE' | 'NOT_ADVANCED';

/** The result for one indicator row. */
export interface IndicatorEvaluation {
  readonly key: string;
  readonly name: string;
  readonly comparisons: readonly ReferenceComparison[];
  /** At least as strict as every reference (vacuously true for a FIRST indicator). */
  readonly advanced: boolean;
  /** Strictly stricter than every reference; false for a FIRST indicator, which has none. */
  readonly stricterThanAll: boolean;
  /** 首创: no national, industry or international standard sets this indicator. */
  readonly first: boolean;
  /** 唯一: no other enterprise in the comparison set declares this indicator. */
  readonly only: boolean;
  readonly zh: string;
  readonly en: string;
}

/** The standard-advancement evaluation of one declaration's comparison table. */
export interface AdvancementEvaluation {
  readonly declarationNumber: string;
  readonly enterpriseStandardCode: string;
  readonly verdict: AdvancementVerdict;
  readonly indicators: readonly IndicatorEvaluation[];
  readonly zh: string;
  readonly en: string;
}

/**
 * Evaluates the key performance comparison table (Att. 2) against national, industry and
 * international references:
 * - ADVANCED: every indicator at least as strict as every reference, and at least one indicator
 *   either FIRST or stricter than **all** its references. Beating GB while only matching ISO is
 *   not "advanced" on that indicator: matching the strictest existing standard is the state of
 *   the art, not beyond it [ASSUMED].
 * - NOT_ADVANCED: some indicator less strict than some reference.
 * - COMPARABLE: otherwise (all at least as strict, none beyond).
 * ONLY is reported per indicator but does not change the verdict: being alone in this year's
 * field says nothing about the standard's level [ASSUMED]. The comparison set is the campaign's
 * other declarations chosen by the caller (e.g. the same product class); entries of the same
 * enterprise, and this declaration itself, are ignored. Legitimacy and compliance of the
 * enterprise standard (DOMAIN §2 step 7) are a person's review, not this rule.
 */
export function evaluateStandardAdvancement(
  table: ComparisonTable,
  comparisonSet: readonly ComparisonSetEntry[],
): AdvancementEvaluation {
  assertTable(table);
  const othersKeys = new Set(
    comparisonSet
      .filter((e) => e.enterpriseId !== table.enterpriseId && e.declarationNumber !== table.declarationNumber)
      .flatMap((e) => e.indicatorKeys.map(normalizeIndicatorKey)),
  );
  const indicators = table.indicators.map((indicator) => evaluateIndicator(indicator, !othersKeys.has(normalizeIndicatorKey(indicator.key))));
  return { declarationNumber: table.declarationNumber, enterpriseStandardCode: table.enterpriseStandardCode, ...verdict(indicators) };
}

function evaluateIndicator(indicator: Indicator, only: boolean): IndicatorEvaluation {
  const { enterprise, comparisons } = compare(indicator);
  const advanced = comparisons.every((c) => c.advanced);
  const first = comparisons.length === 0;
  const stricterThanAll = !first && comparisons.every((c) => c.strictness === 'STRICTER');
  return {
    key: indicator.key,
    name: indicator.name,
    comparisons,
    advanced,
    stricterThanAll,
    first,
    only,
    ...indicatorReason(indicator, enterprise, comparisons, only),
  };
}

function compare(indicator: Indicator): { enterprise: string; comparisons: ReferenceComparison[] } {
  if (indicator.direction === 'RANGE') {
    return {
      enterprise: requirementText('RANGE', indicator.unit, [indicator.enterpriseMin, indicator.enterpriseMax]),
      comparisons: indicator.references.map((reference) => {
        const strictness = rangeStrictness(indicator, reference);
        const requirement = requirementText('RANGE', indicator.unit, [reference.min, reference.max]);
        return { level: reference.level, standardCode: reference.standardCode, requirement, strictness, advanced: strictness !== 'LESS_STRICT' };
      }),
    };
  }
  return {
    enterprise: requirementText(indicator.direction, indicator.unit, indicator.enterpriseValue),
    comparisons: indicator.references.map((reference) => {
      const strictness = limitStrictness(indicator, reference);
      const requirement = requirementText(indicator.direction, indicator.unit, reference.value);
      return { level: reference.level, standardCode: reference.standardCode, requirement, strictness, advanced: strictness !== 'LESS_STRICT' };
    }),
  };
}

function verdict(indicators: readonly IndicatorEvaluation[]): Pick<AdvancementEvaluation, 'verdict' | 'indicators' | 'zh' | 'en'> {
  const behind = indicators.filter((i) => !i.advanced);
  const first = indicators.filter((i) => i.first).length;
  const beyond = indicators.filter((i) => i.stricterThanAll).length;
  if (behind.length > 0) {
    const names = behind.map((i) => i.name);
    return {
      verdict: 'NOT_ADVANCED',
      indicators,
      zh: `不具先进性：${names.length} 项指标低于参考标准（${names.join('、')}）`,
      en: `not advanced: ${names.length} indicator(s) less strict than a reference (${names.join(', ')})`,
    };
  }
  if (first + beyond > 0) {
    return {
      verdict: 'ADVANCED',
      indicators,
      zh: `具有先进性：${indicators.length} 项指标均不低于参考标准，其中 ${beyond} 项严于全部参考标准、${first} 项为首创`,
      en:
        `advanced: all ${indicators.length} indicator(s) at least as strict as every reference; ` +
        `${beyond} stricter than all references, ${first} first (首创)`,
    };
  }
  return {
    verdict: 'COMPARABLE',
    indicators,
    zh: `与参考标准相当：${indicators.length} 项指标均不低于参考标准，但没有一项严于全部参考标准或为首创`,
    en: `comparable: all ${indicators.length} indicator(s) at least as strict as every reference, but none stricter than all of them or first`,
  };
}

function assertTable(table: ComparisonTable): void {
  if (table.indicators.length === 0) {
    throw new InvalidComparisonTable(
      `申报 ${table.declarationNumber} 的主要关键性能指标对比表没有指标`,
      `declaration ${table.declarationNumber}: the key performance comparison table has no indicators`,
    );
  }
  const seen = new Set<string>();
  for (const indicator of table.indicators) {
    const key = normalizeIndicatorKey(indicator.key);
    if (seen.has(key)) {
      throw new InvalidComparisonTable(`指标 ${indicator.key} 重复`, `indicator ${indicator.key} appears twice`);
    }
    seen.add(key);
    const values =
      indicator.direction === 'RANGE'
        ? [indicator.enterpriseMin, indicator.enterpriseMax, ...indicator.references.flatMap((r) => [r.min, r.max])]
        : [indicator.enterpriseValue, ...indicator.references.map((r) => r.value)];
    if (!values.every(Number.isFinite)) {
      throw new InvalidComparisonTable(`指标 ${indicator.name} 含有无效数值`, `indicator ${indicator.name} has a value that is not a finite number`);
    }
    const bands: (readonly [number, number])[] =
      indicator.direction === 'RANGE'
        ? [[indicator.enterpriseMin, indicator.enterpriseMax], ...indicator.references.map((r) => [r.min, r.max] as const)]
        : [];
    if (bands.some(([min, max]) => min > max)) {
      throw new InvalidComparisonTable(
        `指标 ${indicator.name} 的范围下限大于上限`,
        `indicator ${indicator.name} has a range whose minimum exceeds its maximum`,
      );
    }
  }
}
