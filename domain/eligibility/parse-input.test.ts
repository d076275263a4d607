import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../campaign/fixtures/rule-sets.ts';
import { manufacturingDeclaration, serviceDeclaration } from './fixtures/declarations.ts';
import { EligibilityInputError, parseEligibilityInput, type InputProblem } from './parse-input.ts';

function problems(value: unknown, year = 2023): Array<Pick<InputProblem, 'path' | 'rules' | 'en'>> {
  try {
    parseEligibilityInput(value, ruleSetFor(year));
  } catch (error) {
    if (error instanceof EligibilityInputError) return error.problems.map(({ path, rules, en }) => ({ path, rules, en }));
    throw error;
  }
  throw new Error('expected EligibilityInputError');
}

const valid = manufacturingDeclaration(2023);

describe('parseEligibilityInput', () => {
  it('accepts a complete declaration as it is', () => {
    expect(parseEligibilityInput(valid, ruleSetFor(2023))).toBe(valid);
  });

  it('names the field, the rule that reads it, and what is wrong', () => {
    expect(problems({ ...valid, sales: { year: 2022, declaredProductYuan: 1.5 } })).toEqual([
      { path: '/sales/declaredProductYuan', rules: ['D4'], en: 'must be a whole number' },
    ]);
    expect(problems({ ...valid, sales: { year: 2022, declaredProductYuan: -1 } })).toEqual([
      { path: '/sales/declaredProductYuan', rules: ['D4'], en: 'must be at least 0' },
    ]);
  });

  it('names a missing required field', () => {
    const { category: _category, ...rest } = valid;
    expect(problems(rest)).toContainEqual({ path: '/category', rules: ['D1', 'D2', 'D3', 'D4', 'D5', 'D7'], en: 'required field is missing' });
  });

  it('lists the allowed values of a closed field', () => {
    expect(problems({ ...valid, entityType: 'STATE_OWNED' })[0]).toMatchObject({ path: '/entityType', rules: ['D1', 'D4'] });
    expect(problems({ ...valid, entityType: 'STATE_OWNED' })[0]?.en).toMatch(/^must be one of AGRI_LEADING_ENTERPRISE, /);
    expect(problems({ ...valid, evidence: ['A_PHOTO'] })[0]).toMatchObject({ path: '/evidence/0', rules: ['D4', 'D6', 'D7'] });
  });

  it('refuses a field the schema does not have', () => {
    expect(problems({ ...valid, salesYuan: 1 })).toEqual([{ path: '/salesYuan', rules: [], en: 'field not allowed here' }]);
  });

  it('refuses a date that does not exist', () => {
    expect(problems(serviceDeclaration(2023, { establishedDate: '2020-02-30' }))).toEqual([
      { path: '/establishedDate', rules: ['D2'], en: '2020-02-30 is not a real date' },
    ]);
  });

  it('refuses a declaration of another campaign, and sales of the wrong year', () => {
    expect(problems(valid, 2022)).toEqual([
      { path: '/campaignYear', rules: ['CAMPAIGN'], en: 'the declaration belongs to the 2023 campaign and cannot be judged by the 2022 rules' },
      { path: '/sales/year', rules: ['D4'], en: 'the 2022 campaign judges sales of 2021, not 2022' },
    ]);
  });

  it('requires the facts of its category, and only those', () => {
    expect(problems({ ...valid, manufacturing: undefined })).toEqual([{ path: '/manufacturing', rules: ['D2', 'D4', 'D5'], en: 'required for a MANUFACTURING declaration' }]);
    expect(problems({ ...serviceDeclaration(2023), agriculture: { subIndustry: 'PLANTING' } })).toEqual([
      { path: '/agriculture', rules: ['D3'], en: 'applies to AGRICULTURE declarations only' },
    ]);
  });

  it('requires a little giant to state its level, and only a little giant', () => {
    expect(problems({ ...valid, entityType: 'LITTLE_GIANT' })).toEqual([
      { path: '/littleGiantLevel', rules: ['D1', 'D4'], en: 'a little giant must state the level of its recognition' },
    ]);
    expect(problems({ ...valid, littleGiantLevel: 'NATIONAL' })[0]?.path).toBe('/littleGiantLevel');
  });

  it('refuses a profit-and-tax year given twice', () => {
    const twice = { ...valid, manufacturing: { ...valid.manufacturing, profitAndTaxYuan: [{ year: 2022, yuan: 1 }, { year: 2022, yuan: 2 }] } };
    expect(problems(twice)).toEqual([{ path: '/manufacturing/profitAndTaxYuan/1/year', rules: ['D5'], en: '2022 is given twice' }]);
  });
});
