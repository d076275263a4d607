import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../campaign/fixtures/rule-sets.ts';
import { serviceDeclaration } from '../fixtures/declarations.ts';
import { d8GeneralConditions } from './d8-general-conditions.ts';

const all = { independentLegalPerson: true, ownValidDomesticTrademark: true, noQualitySafetyEnvViolationsLast3Years: true };

describe('D8 general conditions', () => {
  it('row 1: all three hold → PASS, saying the 2022 conditions are assumed to persist in 2023', () => {
    const reason = d8GeneralConditions(serviceDeclaration(2023, { generalConditions: all }), ruleSetFor(2023));
    expect(reason).toMatchObject({ rule: 'D8', row: 1, outcome: 'PASS' });
    expect(reason.en).toContain('assumed to persist');
    expect(d8GeneralConditions(serviceDeclaration(2022, { generalConditions: all }), ruleSetFor(2022)).en).not.toContain('assumed');
  });

  it.each(Object.keys(all))('row 2: %s false → FAIL, naming it', (key) => {
    const reason = d8GeneralConditions(serviceDeclaration(2023, { generalConditions: { ...all, [key]: false } }), ruleSetFor(2023));
    expect(reason).toMatchObject({ row: 2, outcome: 'FAIL', figure: { field: `/generalConditions/${key}`, value: false } });
  });

  it('a condition not stated is missing evidence', () => {
    const reason = d8GeneralConditions(serviceDeclaration(2023, { generalConditions: { independentLegalPerson: true } }), ruleSetFor(2023));
    expect(reason).toMatchObject({
      outcome: 'MISSING_EVIDENCE',
      missingFacts: ['/generalConditions/ownValidDomesticTrademark', '/generalConditions/noQualitySafetyEnvViolationsLast3Years'],
    });
  });
});
