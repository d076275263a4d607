import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../campaign/fixtures/rule-sets.ts';
import { agricultureDeclaration, manufacturingDeclaration, withEvidence, withManufacturing } from '../fixtures/declarations.ts';
import { d5ProfitAndTax } from './d5-profit-and-tax.ts';

// 2023 campaign: R = 2022, so the figures of 2020, 2021 and 2022 are judged.
function judge(values: [number, number, number], year = 2023) {
  const r = year - 1;
  const input = withManufacturing(manufacturingDeclaration(year), {
    profitAndTaxYuan: values.map((yuan, i) => ({ year: r - 2 + i, yuan })),
  });
  return d5ProfitAndTax(input, ruleSetFor(year));
}

describe('D5 rows 1–2: growth in each of the last two years', () => {
  it.each([
    [[100, 101, 102], 1, 'PASS'], // one yuan of growth each year is enough
    [[100, 100, 102], 2, 'FAIL'], // flat first year: not growth
    [[100, 101, 101], 2, 'FAIL'], // flat last year
    [[100, 99, 102], 2, 'FAIL'],
    [[102, 101, 100], 2, 'FAIL'],
  ] as const)('%o → row %i %s', (values, row, outcome) => {
    expect(judge([...values])[0]).toMatchObject({ rule: 'D5', row, outcome });
  });

  it('refers growth through negative figures to a person [ASSUMED]', () => {
    expect(judge([-300, -200, -100])[0]).toMatchObject({ row: 1, outcome: 'REFER' });
    expect(judge([-300, 100, 200])[0]).toMatchObject({ row: 1, outcome: 'REFER' });
  });

  it('uses the campaign’s own years', () => {
    const input = withManufacturing(manufacturingDeclaration(2022), {
      profitAndTaxYuan: [
        { year: 2019, yuan: 1 },
        { year: 2020, yuan: 2 },
        { year: 2021, yuan: 3 },
      ],
    });
    expect(d5ProfitAndTax(input, ruleSetFor(2022))[0]).toMatchObject({ outcome: 'PASS' });
    expect(d5ProfitAndTax(input, ruleSetFor(2023))[0]).toMatchObject({ outcome: 'MISSING_EVIDENCE' });
  });

  it('is incomplete when a year is missing, naming it', () => {
    const input = withManufacturing(manufacturingDeclaration(2023), { profitAndTaxYuan: [{ year: 2022, yuan: 5 }] });
    const [growth] = d5ProfitAndTax(input, ruleSetFor(2023));
    expect(growth).toMatchObject({ row: 1, outcome: 'MISSING_EVIDENCE' });
    expect(growth?.en).toContain('2020, 2021');
  });
});

describe('D5 row 3: leading among similar provincial enterprises', () => {
  it('is always referred, saying whether the ranking proof is attached', () => {
    expect(judge([1, 2, 3])[1]).toMatchObject({ row: 3, outcome: 'REFER' });
    expect(judge([3, 2, 1])[1]).toMatchObject({ row: 3, outcome: 'REFER' });
    const proven = withEvidence(manufacturingDeclaration(2023), 'PROVINCIAL_PROFIT_TAX_RANKING_PROOF');
    expect(d5ProfitAndTax(proven, ruleSetFor(2023))[1]?.en).toContain('certificate is attached');
  });

  it('does not apply outside manufacturing', () => {
    expect(d5ProfitAndTax(agricultureDeclaration(2023), ruleSetFor(2023))).toEqual([]);
  });
});
