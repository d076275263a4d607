import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../campaign/fixtures/rule-sets.ts';
import { agricultureDeclaration, manufacturingDeclaration } from '../fixtures/declarations.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { d3AgriculturalScale } from './d3-agricultural-scale.ts';

type Scale = NonNullable<EligibilityInput['agriculture']>;

function judge(agriculture: Scale, year = 2023) {
  return d3AgriculturalScale(agricultureDeclaration(year, { agriculture }), ruleSetFor(year));
}

// Each 2023 figure at, just below and just above its threshold.
const edges: Array<[Scale['subIndustry'], keyof Scale, number, number]> = [
  ['PLANTING', 'contiguousAreaMu', 1_000, 1],
  ['FORESTRY', 'contiguousAreaMu', 1_000, 2],
  ['LIVESTOCK', 'largeLivestockHeadPerYear', 1_000, 1],
  ['LIVESTOCK', 'pigSheepHeadPerYear', 10_000, 1],
  ['LIVESTOCK', 'poultryPerYear', 100_000, 1],
  ['FISHERY', 'aquacultureWaterMu', 300, 1],
  ['FISHERY', 'factoryOutputTonnesPerYear', 500, 1],
  ['FACTORY_AGRICULTURE', 'factoryOutputTonnesPerYear', 500, 1],
];
const rowOf: Record<string, number> = {
  contiguousAreaMu: 1,
  largeLivestockHeadPerYear: 2,
  pigSheepHeadPerYear: 2,
  poultryPerYear: 2,
  aquacultureWaterMu: 3,
  factoryOutputTonnesPerYear: 4,
};

describe('D3 agricultural scale, 2023', () => {
  describe.each(edges)('%s %s ≥ %i', (subIndustry, field, min, step) => {
    it('exactly the threshold passes', () => {
      expect(judge({ subIndustry, [field]: min })).toMatchObject({ rule: 'D3', row: rowOf[field], outcome: 'PASS', threshold: { value: min, comparison: '>=' } });
    });
    it('just below fails as row 5', () => {
      expect(judge({ subIndustry, [field]: min - step })).toMatchObject({ rule: 'D3', row: 5, outcome: 'FAIL' });
    });
    it('just above passes', () => {
      expect(judge({ subIndustry, [field]: min + step })).toMatchObject({ row: rowOf[field], outcome: 'PASS' });
    });
  });

  it('passes livestock when any one of its three figures holds', () => {
    expect(judge({ subIndustry: 'LIVESTOCK', largeLivestockHeadPerYear: 10, pigSheepHeadPerYear: 10, poultryPerYear: 100_000 })).toMatchObject({
      outcome: 'PASS',
      figure: { field: '/agriculture/poultryPerYear' },
    });
  });

  it('records which reading of row 4 it used', () => {
    expect(judge({ subIndustry: 'FISHERY', factoryOutputTonnesPerYear: 500 })?.en).toContain('read as factory aquaculture');
    expect(judge({ subIndustry: 'FACTORY_AGRICULTURE', factoryOutputTonnesPerYear: 500 })?.en).toContain('read as any factory agriculture [ASSUMED]');
  });

  it('does not count a figure of another sub-industry', () => {
    expect(judge({ subIndustry: 'PLANTING', aquacultureWaterMu: 10_000, contiguousAreaMu: 10 })).toMatchObject({ row: 5, outcome: 'FAIL' });
  });

  it('is incomplete when no figure of the sub-industry is given', () => {
    expect(judge({ subIndustry: 'FISHERY' })).toMatchObject({
      outcome: 'MISSING_EVIDENCE',
      missingFacts: ['/agriculture/aquacultureWaterMu', '/agriculture/factoryOutputTonnesPerYear'],
    });
  });

  it('applies to agriculture only', () => {
    expect(d3AgriculturalScale(manufacturingDeclaration(2023), ruleSetFor(2023))).toBeUndefined();
  });
});

describe('D3 in a campaign without scale figures', () => {
  it.each([2022, 2024])('%i refers to a person and names the missing figure', (year) => {
    const rule = judge({ subIndustry: 'PLANTING', contiguousAreaMu: 5_000 }, year);
    expect(rule).toMatchObject({ outcome: 'REFER', missingFigure: 'agriScale' });
    expect(rule?.en).toContain(`the ${year} rule set has no agriScale`);
  });
});
