import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../campaign/fixtures/rule-sets.ts';
import type { CampaignRuleSet } from '../../campaign/rule-set.ts';
import { agricultureDeclaration, manufacturingDeclaration, serviceDeclaration, withAgriculture, withEvidence, withManufacturing } from '../fixtures/declarations.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { d4SalesThreshold } from './d4-sales-threshold.ts';

function sales(declaration: EligibilityInput, declaredProductYuan: number): EligibilityInput {
  return { ...declaration, sales: { year: (declaration.campaignYear ?? 0) - 1, declaredProductYuan } };
}

describe('D4 rows 1–2 and 4: agriculture, 2023', () => {
  it.each([
    ['AGRI_LEADING_ENTERPRISE', 1, 50_000_000],
    ['FARMER_COOPERATIVE', 2, 10_000_000],
  ] as const)('%s: row %i at, below and above %i', (entityType, row, min) => {
    const base = agricultureDeclaration(2023, { entityType });
    expect(d4SalesThreshold(sales(base, min), ruleSetFor(2023))).toMatchObject({ rule: 'D4', row, outcome: 'PASS', figure: { value: min }, threshold: { value: min, comparison: '>=' } });
    expect(d4SalesThreshold(sales(base, min - 1), ruleSetFor(2023))).toMatchObject({ row: 4, outcome: 'FAIL' });
    expect(d4SalesThreshold(sales(base, min + 1), ruleSetFor(2023))).toMatchObject({ row, outcome: 'PASS' });
  });

  it('names the figure and the threshold in both languages', () => {
    const reason = d4SalesThreshold(sales(agricultureDeclaration(2023), 49_999_999), ruleSetFor(2023));
    expect(reason.zh).toBe('D4 第4行：2022 年销售额 49,999,999 元，低于 50,000,000 元');
    expect(reason.en).toBe('D4 row 4: sales of 2022 are 49,999,999 yuan, below 50,000,000 yuan');
  });
});

describe('D4 row 3 and 11: geographical indication below the threshold', () => {
  const gi = withAgriculture(sales(agricultureDeclaration(2023), 49_999_999), { isGeographicalIndication: true });

  it('refers a GI product with its evidence', () => {
    expect(d4SalesThreshold(withEvidence(gi, 'GEOGRAPHICAL_INDICATION_PROOF'), ruleSetFor(2023))).toMatchObject({ row: 3, outcome: 'REFER' });
  });

  it('is missing evidence without it (row 11)', () => {
    expect(d4SalesThreshold(gi, ruleSetFor(2023))).toMatchObject({ row: 11, outcome: 'MISSING_EVIDENCE', missingEvidence: ['GEOGRAPHICAL_INDICATION_PROOF'] });
  });

  it('does not need the lowered route at or above the threshold', () => {
    expect(d4SalesThreshold(sales(gi, 50_000_000), ruleSetFor(2023))).toMatchObject({ row: 1, outcome: 'PASS' });
  });

  it('fails below a campaign floor, refers at it', () => {
    const withFloor: CampaignRuleSet = { ...ruleSetFor(2023), sales: { ...ruleSetFor(2023).sales, loweredFloorYuan: { geographicalIndication: 30_000_000 } } };
    const proven = withEvidence(gi, 'GEOGRAPHICAL_INDICATION_PROOF');
    expect(d4SalesThreshold(sales(proven, 30_000_000), withFloor)).toMatchObject({ row: 3, outcome: 'REFER' });
    expect(d4SalesThreshold(sales(proven, 29_999_999), withFloor)).toMatchObject({ row: 4, outcome: 'FAIL', threshold: { value: 30_000_000 } });
  });
});

describe('D4 rows 5–6 and 9: manufacturing, 2022 and 2023 figures', () => {
  it.each([
    [2023, 'CONSUMER_GOODS', 5, 200_000_000],
    [2023, 'PRODUCER_GOODS', 6, 300_000_000],
    [2022, 'CONSUMER_GOODS', 5, 250_000_000],
    [2022, 'PRODUCER_GOODS', 6, 350_000_000],
  ] as const)('%i %s: row %i at, below and above %i', (year, productClass, row, min) => {
    const base = withManufacturing(manufacturingDeclaration(year), { productClass });
    expect(d4SalesThreshold(sales(base, min), ruleSetFor(year))).toMatchObject({ row, outcome: 'PASS', threshold: { value: min } });
    expect(d4SalesThreshold(sales(base, min - 1), ruleSetFor(year))).toMatchObject({ row: 9, outcome: 'FAIL' });
    expect(d4SalesThreshold(sales(base, min + 1), ruleSetFor(year))).toMatchObject({ row, outcome: 'PASS' });
  });

  it('judges the same sales differently by each year’s own set', () => {
    const base = sales(manufacturingDeclaration(2023), 220_000_000);
    expect(d4SalesThreshold(base, ruleSetFor(2023)).outcome).toBe('PASS');
    expect(d4SalesThreshold({ ...base, campaignYear: 2022, sales: { year: 2021, declaredProductYuan: 220_000_000 } }, ruleSetFor(2022)).outcome).toBe('FAIL');
  });

  it('measures the enterprise’s sales when the rule set says so', () => {
    const byEnterprise: CampaignRuleSet = { ...ruleSetFor(2023), sales: { ...ruleSetFor(2023).sales, manufacturingBasis: { known: true, value: 'ENTERPRISE', basis: 'ASSUMED' } } };
    const input = { ...manufacturingDeclaration(2023), sales: { year: 2022, declaredProductYuan: 100, enterpriseYuan: 200_000_000 } };
    expect(d4SalesThreshold(input, byEnterprise)).toMatchObject({ outcome: 'PASS', figure: { field: '/sales/enterpriseYuan' } });
  });

  it('refers to a person in 2024, whose manufacturing thresholds were not seen', () => {
    const reason = d4SalesThreshold(manufacturingDeclaration(2024), ruleSetFor(2024));
    expect(reason).toMatchObject({ row: 5, outcome: 'REFER', missingFigure: 'consumerGoodsMinYuan' });
    expect(reason.zh).toContain('2024 年度规则集没有“consumerGoodsMinYuan”');
  });

  it('is incomplete without the sales figure', () => {
    expect(d4SalesThreshold({ ...manufacturingDeclaration(2023), sales: undefined }, ruleSetFor(2023))).toMatchObject({
      outcome: 'MISSING_EVIDENCE',
      missingFacts: ['/sales/declaredProductYuan'],
    });
  });
});

describe('D4 rows 7, 8 and 11: lowered thresholds for little giants and single champions', () => {
  const giant = (level: 'MUNICIPAL' | 'PROVINCIAL' | 'NATIONAL') =>
    withManufacturing(sales(manufacturingDeclaration(2023, { entityType: 'LITTLE_GIANT', littleGiantLevel: level }), 199_999_999), {
      internationalLeadingTechOrProcess: true,
      goodChainExtension: true,
    });
  const champion = withManufacturing(sales(manufacturingDeclaration(2023, { entityType: 'SINGLE_CHAMPION' }), 199_999_999), {
    nationalTopMarketShareInSubsector: true,
  });

  it.each(['PROVINCIAL', 'NATIONAL'] as const)('a %s little giant with its evidence is referred (row 7)', (level) => {
    expect(d4SalesThreshold(withEvidence(giant(level), 'LITTLE_GIANT_RECOGNITION', 'LEADING_TECHNOLOGY_PROOF'), ruleSetFor(2023))).toMatchObject({ row: 7, outcome: 'REFER' });
  });

  it('a municipal little giant has no lowered route (row 9)', () => {
    expect(d4SalesThreshold(withEvidence(giant('MUNICIPAL'), 'LITTLE_GIANT_RECOGNITION', 'LEADING_TECHNOLOGY_PROOF'), ruleSetFor(2023))).toMatchObject({ row: 9, outcome: 'FAIL' });
  });

  it('a little giant needs both leading technology and chain extension', () => {
    const half = withManufacturing(withEvidence(giant('PROVINCIAL'), 'LITTLE_GIANT_RECOGNITION', 'LEADING_TECHNOLOGY_PROOF'), { goodChainExtension: false });
    expect(d4SalesThreshold(half, ruleSetFor(2023))).toMatchObject({ row: 9, outcome: 'FAIL' });
  });

  it('a claimed route without its evidence is row 11, naming what is missing', () => {
    expect(d4SalesThreshold(withEvidence(giant('PROVINCIAL'), 'LITTLE_GIANT_RECOGNITION'), ruleSetFor(2023))).toMatchObject({
      row: 11,
      outcome: 'MISSING_EVIDENCE',
      missingEvidence: ['LEADING_TECHNOLOGY_PROOF'],
    });
    expect(d4SalesThreshold(champion, ruleSetFor(2023))).toMatchObject({ row: 11, missingEvidence: ['SINGLE_CHAMPION_RECOGNITION', 'MARKET_SHARE_PROOF'] });
  });

  it('a single champion with its evidence is referred (row 8); without the claim it fails', () => {
    expect(d4SalesThreshold(withEvidence(champion, 'SINGLE_CHAMPION_RECOGNITION', 'MARKET_SHARE_PROOF'), ruleSetFor(2023))).toMatchObject({ row: 8, outcome: 'REFER' });
    expect(d4SalesThreshold(withManufacturing(champion, { nationalTopMarketShareInSubsector: false }), ruleSetFor(2023))).toMatchObject({ row: 9, outcome: 'FAIL' });
  });

  it('PASS outranks the lowered route at the threshold itself', () => {
    expect(d4SalesThreshold(sales(champion, 200_000_000), ruleSetFor(2023))).toMatchObject({ row: 5, outcome: 'PASS' });
  });
});

describe('D4 row 10 and entity types without a row', () => {
  it('services are always referred', () => {
    expect(d4SalesThreshold(serviceDeclaration(2023), ruleSetFor(2023))).toMatchObject({ row: 10, outcome: 'REFER' });
  });

  it('an agricultural entity other than leader or cooperative is referred, no row', () => {
    expect(d4SalesThreshold(agricultureDeclaration(2023, { entityType: 'OTHER' }), ruleSetFor(2023))).toMatchObject({ row: null, outcome: 'REFER' });
  });

  it('2022 agriculture refers, naming the missing threshold', () => {
    const input = agricultureDeclaration(2022);
    expect(d4SalesThreshold(input, ruleSetFor(2022))).toMatchObject({ row: 1, outcome: 'REFER', missingFigure: 'agriLeadingMinYuan' });
  });
});
