import { describe, expect, it } from 'vitest';
import { standardResultOf, type InstituteJudgement } from './institute-judgement.ts';

const passing: InstituteJudgement = {
  legitimacy: 'LEGITIMATE',
  legitimacyReason: '已自我声明公开 / self-declared',
  compliance: 'COMPLIANT',
  complianceReason: '不低于强制性国标 / meets the mandatory GB',
  advancement: 'ADVANCED',
  advancementReason: '优于国标 / stricter than GB',
};

describe('the institute’s three judgements', () => {
  it('goes on with the advancement judgement when the standard is lawful and compliant', () => {
    expect(standardResultOf(passing)).toBe('ADVANCED');
    expect(standardResultOf({ ...passing, advancement: 'COMPARABLE' })).toBe('COMPARABLE');
    expect(standardResultOf({ ...passing, advancement: 'NOT_ADVANCED' })).toBe('NOT_ADVANCED');
  });

  it('closes as NOT_COMPLIANT when legitimacy or compliance fails, however advanced', () => {
    expect(standardResultOf({ ...passing, legitimacy: 'NOT_LEGITIMATE' })).toBe('NOT_COMPLIANT');
    expect(standardResultOf({ ...passing, compliance: 'NOT_COMPLIANT' })).toBe('NOT_COMPLIANT');
  });
});
