import type { CampaignRuleSet } from '../../campaign/rule-set.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { missingFigure, numberText, reason } from '../reason.ts';
import type { Reason } from '../verdict.ts';

type Scale = NonNullable<EligibilityInput['agriculture']>;
type Thresholds = Extract<CampaignRuleSet['agriScale'], { known: true }>['value'];

interface Test {
  readonly row: number;
  readonly field: keyof Scale & keyof Thresholds;
  readonly unit: { zh: string; en: string };
  /** Which reading of row 4 was used, recorded so a reviewer sees it. */
  readonly reading?: { zh: string; en: string };
}

const area: Test = { row: 1, field: 'contiguousAreaMu', unit: { zh: '亩', en: 'mu' } };
const livestock: Test[] = [
  { row: 2, field: 'largeLivestockHeadPerYear', unit: { zh: '头/年', en: 'head a year' } },
  { row: 2, field: 'pigSheepHeadPerYear', unit: { zh: '头/年', en: 'head a year' } },
  { row: 2, field: 'poultryPerYear', unit: { zh: '羽/年', en: 'birds a year' } },
];
const water: Test = { row: 3, field: 'aquacultureWaterMu', unit: { zh: '亩', en: 'mu' } };
const factoryFishery: Test = {
  row: 4,
  field: 'factoryOutputTonnesPerYear',
  unit: { zh: '吨/年', en: 'tonnes a year' },
  reading: { zh: '按工厂化水产养殖理解', en: 'read as factory aquaculture' },
};
const factoryAgriculture: Test = {
  ...factoryFishery,
  reading: { zh: '按全部工厂化农业理解【假设】', en: 'read as any factory agriculture [ASSUMED]' },
};

const testsBySubIndustry: Readonly<Record<Scale['subIndustry'], readonly Test[]>> = {
  PLANTING: [area],
  FORESTRY: [area],
  LIVESTOCK: livestock,
  FISHERY: [water, factoryFishery],
  FACTORY_AGRICULTURE: [factoryAgriculture],
};

/** D3, agricultural scale (ANY): one applicable row must hold; every figure read as ≥. */
export function d3AgriculturalScale(input: EligibilityInput, ruleSet: CampaignRuleSet): Reason | undefined {
  const scale = input.agriculture;
  if (input.category !== 'AGRICULTURE' || !scale) return undefined;
  if (!ruleSet.agriScale.known) return missingFigure('D3', null, 'agriScale', ruleSet.agriScale, ruleSet.campaignYear);
  const thresholds = ruleSet.agriScale.value;
  const tests = testsBySubIndustry[scale.subIndustry];

  for (const test of tests) {
    const value = scale[test.field];
    const min = thresholds[test.field];
    if (typeof value === 'number' && value >= min) {
      const reading = test.reading ? `；${test.reading.zh}` : '';
      const readingEn = test.reading ? `; ${test.reading.en}` : '';
      return reason(
        'D3',
        test.row,
        'PASS',
        `${test.field} 为 ${numberText(value)} ${test.unit.zh}，达到 ${numberText(min)} ${test.unit.zh}以上${reading}`,
        `${test.field} is ${numberText(value)} ${test.unit.en}, at least ${numberText(min)}${readingEn}`,
        { figure: { field: `/agriculture/${test.field}`, value }, threshold: { name: `agriScale.${test.field}`, value: min, comparison: '>=' } },
      );
    }
  }
  const given = tests.filter((test) => typeof scale[test.field] === 'number');
  if (given.length === 0) {
    const missingFacts = tests.map((test) => `/agriculture/${test.field}`);
    return reason(
      'D3',
      null,
      'MISSING_EVIDENCE',
      `${scale.subIndustry} 缺少规模数据：${missingFacts.join('、')}`,
      `${scale.subIndustry} gives no scale figure: ${missingFacts.join(', ')}`,
      { missingFacts },
    );
  }
  const zh = given.map((t) => `${t.field} ${numberText(scale[t.field] as number)} < ${numberText(thresholds[t.field])} ${t.unit.zh}`).join('；');
  const en = given.map((t) => `${t.field} ${numberText(scale[t.field] as number)} < ${numberText(thresholds[t.field])} ${t.unit.en}`).join('; ');
  const first = given[0] as Test;
  return reason('D3', 5, 'FAIL', `没有一行满足：${zh}`, `no row holds: ${en}`, {
    figure: { field: `/agriculture/${first.field}`, value: scale[first.field] as number },
    threshold: { name: `agriScale.${first.field}`, value: thresholds[first.field], comparison: '>=' },
  });
}
