import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../campaign/fixtures/rule-sets.ts';
import type { CampaignRuleSet } from '../../campaign/rule-set.ts';
import { agricultureDeclaration, manufacturingDeclaration, serviceDeclaration, withManufacturing } from '../fixtures/declarations.ts';
import { d2OperatingHistory } from './d2-operating-history.ts';

const ref = '2023-05-31';

describe('D2 row 1: agriculture and services, established ≥ 3 years before the reference date (2023)', () => {
  it.each([
    ['2020-05-31', 1, 'PASS'], // exactly 3 years to the day
    ['2020-05-30', 1, 'PASS'], // one day more
    ['2020-06-01', 3, 'FAIL'], // one day short
  ])('agriculture established %s → row %i %s', (establishedDate, row, outcome) => {
    expect(d2OperatingHistory(agricultureDeclaration(2023, { establishedDate }), ruleSetFor(2023), ref)).toMatchObject({ rule: 'D2', row, outcome });
  });

  it.each([
    ['2020-05-31', 1, 'PASS'],
    ['2020-05-30', 1, 'PASS'],
    ['2020-06-01', 3, 'FAIL'],
  ])('service established %s → row %i %s', (establishedDate, row, outcome) => {
    expect(d2OperatingHistory(serviceDeclaration(2023, { establishedDate }), ruleSetFor(2023), ref)).toMatchObject({ row, outcome });
  });

  it('fails when not operating normally, whatever the date', () => {
    expect(d2OperatingHistory(serviceDeclaration(2023, { normalOperation: false }), ruleSetFor(2023), ref)).toMatchObject({ row: 3, outcome: 'FAIL' });
  });

  it('reads 29 February back to 28 February in a year without one', () => {
    const rule = d2OperatingHistory(serviceDeclaration(2024, { establishedDate: '2021-02-28' }), { ...ruleSetFor(2023), minOperatingYears: { known: true, value: 3, basis: 'SEED' } }, '2024-02-29');
    expect(rule).toMatchObject({ outcome: 'PASS', threshold: { value: '2021-02-28' } });
  });

  it('states the figure and the threshold', () => {
    const rule = d2OperatingHistory(agricultureDeclaration(2023, { establishedDate: '2020-06-01' }), ruleSetFor(2023), ref);
    expect(rule.figure).toEqual({ field: '/establishedDate', value: '2020-06-01' });
    expect(rule.threshold).toEqual({ name: 'minOperatingYears before referenceDate', value: '2020-05-31', comparison: '<=' });
    expect(rule.en).toContain('D2 row 3');
  });
});

describe('D2 row 2: manufacturing, mass production ≥ N years before the reference date', () => {
  const started = (massProductionStart: string) => withManufacturing(manufacturingDeclaration(2023), { massProductionStart });

  it.each([
    ['2020-05-31', 'PASS'], // 2023: exactly 3 years
    ['2020-05-30', 'PASS'],
    ['2020-06-01', 'FAIL'],
  ])('2023 (3 years): started %s → %s', (date, outcome) => {
    expect(d2OperatingHistory(started(date), ruleSetFor(2023), ref).outcome).toBe(outcome);
  });

  it.each([
    ['2020-05-31', 'PASS'], // 2022: exactly 2 years before 2022-05-31
    ['2020-05-30', 'PASS'],
    ['2020-06-01', 'FAIL'],
    ['2021-01-01', 'FAIL'],
  ])('2022 (2 years): started %s → %s', (date, outcome) => {
    expect(d2OperatingHistory(started(date), ruleSetFor(2022), '2022-05-31').outcome).toBe(outcome);
  });

  it('a start that passes 2022 fails 2023 at the same distance', () => {
    expect(d2OperatingHistory(started('2021-05-31'), ruleSetFor(2022), '2023-05-31').outcome).toBe('PASS');
    expect(d2OperatingHistory(started('2021-05-31'), ruleSetFor(2023), '2023-05-31').outcome).toBe('FAIL');
  });

  it.each([
    [{ registeredInJiangsu: false }, 'FAIL'],
    [{ hasFixedProductionSite: false }, 'FAIL'],
    [{ registeredInJiangsu: undefined }, 'MISSING_EVIDENCE'],
  ] as const)('%o → %s', (facts, outcome) => {
    expect(d2OperatingHistory(withManufacturing(manufacturingDeclaration(2023), facts), ruleSetFor(2023), ref).outcome).toBe(outcome);
  });
});

describe('D2 without what it needs', () => {
  it('is incomplete without the date', () => {
    expect(d2OperatingHistory(agricultureDeclaration(2023, { establishedDate: undefined }), ruleSetFor(2023), ref)).toMatchObject({
      outcome: 'MISSING_EVIDENCE',
      missingFacts: ['/establishedDate'],
    });
  });

  it('refers to a person when the rule set lacks the years, naming the figure', () => {
    const rule = d2OperatingHistory(manufacturingDeclaration(2024), ruleSetFor(2024), '2024-05-31');
    expect(rule).toMatchObject({ outcome: 'REFER', missingFigure: 'mfgMinProductionYears' });
    expect(rule.en).toContain('the 2024 rule set has no mfgMinProductionYears');
  });

  it('refers to a person when there is no reference date', () => {
    const noDeadline: CampaignRuleSet = { ...ruleSetFor(2023), stageDeadlines: {} };
    expect(d2OperatingHistory(serviceDeclaration(2023), noDeadline, undefined)).toMatchObject({
      outcome: 'REFER',
      missingFigure: 'stageDeadlines.citySubmissionDue',
    });
  });
});
