import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { assessCredit, CreditRecordMismatch, type CreditAssessmentInput } from './credit-assessment.ts';
import { CreditCheckSchema, type CreditCheck } from './credit-check.ts';
import type { CreditDecision } from './credit-decision.ts';

const now = new Date('2026-12-10T02:00:00Z'); // 10:00 Beijing time

function check(id: string, result: CreditCheck['result'], overrides: Partial<CreditCheck> = {}): CreditCheck {
  return {
    id,
    enterpriseId: 'ENT-1',
    source: 'CREDIT_CHINA',
    method: 'MANUAL',
    queriedAt: '2026-12-01T09:00:00+08:00',
    operator: { id: 'u-3', name: '张科员' },
    result,
    evidenceRef: `evidence/${id}.pdf`,
    expiresOn: '2026-12-31',
    ...overrides,
  };
}

function decision(checkIds: string[], verdict: CreditDecision['verdict'], decidedAt = '2026-12-05T15:00:00.000+08:00'): CreditDecision {
  return { enterpriseId: 'ENT-1', decidedBy: { id: 'u-17', name: '李处长' }, decidedAt, verdict, reason: '已核实', checkIds };
}

const assess = (input: Partial<CreditAssessmentInput>) => assessCredit({ enterpriseId: 'ENT-1', checks: [], decisions: [], now, ...input });

describe('credit consultation', () => {
  it('is NOT_CHECKED without a check in force', () => {
    expect(assess({}).status).toBe('NOT_CHECKED');
    expect(assess({ checks: [check('C-1', 'CLEAN', { expiresOn: '2026-12-09' })] }).status).toBe('NOT_CHECKED');
  });

  it('counts a check through the whole of its expiry day in Beijing', () => {
    const lastDay = [check('C-1', 'CLEAN', { expiresOn: '2026-12-10' })];
    expect(assess({ checks: lastDay }).status).toBe('CLEAR');
    expect(assess({ checks: lastDay, now: new Date('2026-12-10T15:59:59Z') }).status).toBe('CLEAR');
    expect(assess({ checks: lastDay, now: new Date('2026-12-10T16:00:00Z') }).status).toBe('NOT_CHECKED');
  });

  it('never knocks out automatically: any number of hits only awaits a person', () => {
    const hits = [check('C-1', 'HIT'), check('C-2', 'HIT', { source: 'ENFORCEMENT_INFO' }), check('C-3', 'NEEDS_EXPLANATION')];
    const assessment = assess({ checks: hits });
    expect(assessment.status).toBe('AWAITING_DECISION');
    expect(assessment.undecided.map((c) => c.id)).toEqual(['C-1', 'C-2', 'C-3']);
    expect(assessment.zh).toContain('须由人工研判，不自动否决');
  });

  it('excludes only on a person’s decision, and says who and why', () => {
    const assessment = assess({ checks: [check('C-1', 'HIT')], decisions: [decision(['C-1'], 'EXCLUDE')] });
    expect(assessment.status).toBe('EXCLUDED_BY_DECISION');
    expect(assessment.zh).toBe('李处长 决定不予通过：已核实');
  });

  it('proceeds when a person answered every finding with "proceed"', () => {
    const checks = [check('C-1', 'HIT'), check('C-2', 'CLEAN', { source: 'NECIPS' })];
    expect(assess({ checks, decisions: [decision(['C-1'], 'PROCEED')] }).status).toBe('PROCEED_BY_DECISION');
  });

  it('keeps a later clean re-check from silently clearing an earlier hit', () => {
    const checks = [check('C-1', 'HIT'), check('C-2', 'CLEAN', { queriedAt: '2026-12-08T09:00:00+08:00' })];
    expect(assess({ checks }).status).toBe('AWAITING_DECISION');
  });

  it('does not let a decision cover a finding recorded after it, or one made after now', () => {
    const later = check('C-1', 'HIT', { queriedAt: '2026-12-06T09:00:00+08:00' });
    expect(assess({ checks: [later], decisions: [decision(['C-1'], 'PROCEED')] }).status).toBe('AWAITING_DECISION');
    const future = decision(['C-1'], 'PROCEED', '2026-12-11T09:00:00.000+08:00');
    expect(assess({ checks: [check('C-1', 'HIT')], decisions: [future] }).status).toBe('AWAITING_DECISION');
  });

  it('follows the latest decision, so a person can reverse one', () => {
    const reversed = [decision(['C-1'], 'EXCLUDE'), decision(['C-1'], 'PROCEED', '2026-12-08T10:00:00.000+08:00')];
    expect(assess({ checks: [check('C-1', 'HIT')], decisions: reversed }).status).toBe('PROCEED_BY_DECISION');
    expect(assess({ checks: [check('C-1', 'HIT')], decisions: [...reversed].reverse() }).status).toBe('PROCEED_BY_DECISION');
  });

  it('is INCOMPLETE while a required source has no current check', () => {
    const assessment = assess({ checks: [check('C-1', 'CLEAN')], requiredSources: ['CREDIT_CHINA', 'ENFORCEMENT_INFO'] });
    expect(assessment.status).toBe('INCOMPLETE');
    expect(assessment.missingSources).toEqual(['ENFORCEMENT_INFO']);
  });

  it('is CLEAR when every current check is clean', () => {
    expect(assess({ checks: [check('C-1', 'CLEAN'), check('C-2', 'CLEAN', { source: 'TAX_CREDIT' })] })).toMatchObject({
      status: 'CLEAR',
      zh: '2 条有效查询均无不良记录',
    });
  });

  it('refuses another enterprise’s records', () => {
    expect(() => assess({ checks: [check('C-1', 'CLEAN', { enterpriseId: 'ENT-2' })] })).toThrow(CreditRecordMismatch);
  });

  it('has a schema that requires evidence and an offset on the query time', () => {
    expect(Value.Check(CreditCheckSchema, check('C-1', 'CLEAN'))).toBe(true);
    expect(Value.Check(CreditCheckSchema, { ...check('C-1', 'CLEAN'), evidenceRef: '' })).toBe(false);
    expect(Value.Check(CreditCheckSchema, { ...check('C-1', 'CLEAN'), queriedAt: '2026-12-01T09:00:00' })).toBe(false);
  });
});
