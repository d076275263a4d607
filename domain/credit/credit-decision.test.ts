import { describe, expect, it } from 'vitest';
import { IncompleteCreditDecision, recordCreditDecision, type CreditDecisionDraft } from './credit-decision.ts';

const draft: CreditDecisionDraft = {
  enterpriseId: 'ENT-1',
  decidedBy: { id: 'u-17', name: '李处长' },
  verdict: 'PROCEED',
  reason: ' 行政处罚已信用修复 ',
  checkIds: ['C-2'],
};

describe('recording a credit decision', () => {
  it('stamps the time in Beijing and keeps the person and reason', () => {
    expect(recordCreditDecision(draft, new Date('2026-12-01T02:00:00Z'))).toEqual({
      ...draft,
      reason: '行政处罚已信用修复',
      decidedAt: '2026-12-01T10:00:00.000+08:00',
    });
  });

  it('refuses a decision without a person, a reason or the checks it answers', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    expect(() => recordCreditDecision({ ...draft, decidedBy: { id: 'u-17', name: ' ' } }, now)).toThrow(/决定人/);
    expect(() => recordCreditDecision({ ...draft, reason: '' }, now)).toThrow(/理由/);
    expect(() => recordCreditDecision({ ...draft, checkIds: [] }, now)).toThrow(IncompleteCreditDecision);
  });
});
