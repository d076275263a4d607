import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ComparisonTableSchema, type ComparisonTable, type Indicator } from './comparison-table.ts';
import { evaluateStandardAdvancement } from './evaluate-advancement.ts';
import { InvalidComparisonTable } from './standards-errors.ts';

const tensile = (enterpriseValue: number): Indicator => ({
  key: 'tensile-strength',
  name: '抗拉强度',
  unit: 'MPa',
  direction: 'HIGHER_BETTER',
  enterpriseValue,
  references: [
    { level: 'NATIONAL', standardCode: 'GB/T 700-2006', value: 400 },
    { level: 'INTERNATIONAL', standardCode: 'ISO 630-2:2021', value: 450 },
  ],
});
const lead: Indicator = {
  key: 'lead',
  name: '铅含量',
  unit: 'mg/kg',
  direction: 'LOWER_BETTER',
  enterpriseValue: 0.1,
  references: [{ level: 'INDUSTRY', standardCode: 'QB/T 1-2020', value: 0.1 }],
};
const ph: Indicator = {
  key: 'pH',
  name: 'pH 值',
  unit: '',
  direction: 'RANGE',
  enterpriseMin: 6.5,
  enterpriseMax: 7.5,
  references: [],
};

const table = (indicators: Indicator[]): ComparisonTable => ({
  declarationNumber: 'JP-2026-001',
  enterpriseId: 'ENT-1',
  enterpriseStandardCode: 'Q/320500 ABC 001-2026',
  indicators,
});
const others = [{ declarationNumber: 'JP-2026-002', enterpriseId: 'ENT-2', indicatorKeys: ['tensile-strength', 'lead'] }];

describe('standard-advancement evaluation', () => {
  it('is ADVANCED when one indicator beats every reference and none falls short', () => {
    const evaluation = evaluateStandardAdvancement(table([tensile(520), lead]), others);
    expect(evaluation.verdict).toBe('ADVANCED');
    expect(evaluation.indicators.map((i) => [i.key, i.advanced, i.stricterThanAll, i.first, i.only])).toEqual([
      ['tensile-strength', true, true, false, false],
      ['lead', true, false, false, false],
    ]);
    expect(evaluation.indicators[0]?.zh).toBe(
      '抗拉强度（越高越好）：企业标准 ≥520 MPa；严于 GB/T 700-2006（≥400 MPa）；严于 ISO 630-2:2021（≥450 MPa）',
    );
    expect(evaluation.indicators[1]?.en).toBe('铅含量 (lower is better): enterprise standard ≤0.1 mg/kg; as strict as QB/T 1-2020 (≤0.1 mg/kg)');
    expect(evaluation.zh).toBe('具有先进性：2 项指标均不低于参考标准，其中 1 项严于全部参考标准、0 项为首创');
  });

  it('is only COMPARABLE when the best indicator merely matches the strictest reference', () => {
    const evaluation = evaluateStandardAdvancement(table([tensile(450), lead]), others);
    expect(evaluation.verdict).toBe('COMPARABLE');
    expect(evaluation.indicators[0]?.comparisons.map((c) => c.strictness)).toEqual(['STRICTER', 'EQUAL']);
  });

  it('is NOT_ADVANCED when any indicator falls short of any reference, naming it', () => {
    const evaluation = evaluateStandardAdvancement(table([tensile(449), { ...lead, enterpriseValue: 0.05 }]), others);
    expect(evaluation.verdict).toBe('NOT_ADVANCED');
    expect(evaluation.indicators[0]?.comparisons.map((c) => c.advanced)).toEqual([true, false]);
    expect(evaluation.zh).toBe('不具先进性：1 项指标低于参考标准（抗拉强度）');
  });

  it('makes a FIRST indicator enough for ADVANCED, and flags it ONLY when nobody else declares it', () => {
    const evaluation = evaluateStandardAdvancement(table([lead, ph]), others);
    expect(evaluation.verdict).toBe('ADVANCED');
    const [, phResult] = evaluation.indicators;
    expect(phResult).toMatchObject({ first: true, only: true, advanced: true, stricterThanAll: false });
    expect(phResult?.zh).toBe('pH 值（限定范围）：企业标准 6.5–7.5；无国家、行业或国际标准规定该指标，为首创；本批比对中唯一规定该指标');
  });

  it('does not count this enterprise’s other declarations, or this one, against ONLY', () => {
    const set = [
      { declarationNumber: 'JP-2026-001', enterpriseId: 'ENT-1', indicatorKeys: ['pH'] },
      { declarationNumber: 'JP-2026-009', enterpriseId: 'ENT-1', indicatorKeys: ['pH'] },
    ];
    expect(evaluateStandardAdvancement(table([ph]), set).indicators[0]?.only).toBe(true);
  });

  it('matches indicator keys across declarations regardless of width, case and spaces', () => {
    const set = [{ declarationNumber: 'JP-2026-002', enterpriseId: 'ENT-2', indicatorKeys: [' ｐＨ '] }];
    expect(evaluateStandardAdvancement(table([ph]), set).indicators[0]?.only).toBe(false);
  });

  it('flags every indicator ONLY against an empty comparison set', () => {
    expect(evaluateStandardAdvancement(table([tensile(520)]), []).indicators[0]?.only).toBe(true);
  });

  it('refuses an empty table, a duplicate indicator, an inverted range and a non-number', () => {
    expect(() => evaluateStandardAdvancement(table([]), others)).toThrow(InvalidComparisonTable);
    expect(() => evaluateStandardAdvancement(table([lead, { ...lead, key: 'LEAD' }]), others)).toThrow(/指标 LEAD 重复/);
    expect(() => evaluateStandardAdvancement(table([{ ...ph, enterpriseMin: 8 }]), others)).toThrow(/下限大于上限/);
    expect(() => evaluateStandardAdvancement(table([{ ...lead, enterpriseValue: Number.NaN }]), others)).toThrow(/无效数值/);
  });

  it('has a schema that refuses a table without indicators', () => {
    expect(Value.Check(ComparisonTableSchema, table([tensile(520), lead, ph]))).toBe(true);
    expect(Value.Check(ComparisonTableSchema, table([]))).toBe(false);
  });
});
