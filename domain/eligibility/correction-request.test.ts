import { describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { ruleSetFor } from '../campaign/fixtures/rule-sets.ts';
import { judgeDeclaration } from './check-eligibility.ts';
import { correctionRequest, topLevelFact } from './correction-request.ts';
import type { EligibilityInputError } from './parse-input.ts';

describe('correctionRequest', () => {
  it('names the facts and materials of each MISSING_EVIDENCE reason, and only those', () => {
    const facts = eligibleFacts('MANUFACTURING', 2023, 1) as { evidence: string[]; financialReports: { auditedYears: number[] } };
    const incomplete = { ...facts, evidence: facts.evidence.filter((e) => e !== 'ATTACHMENT_3_COMMITMENT_LETTER'), financialReports: { auditedYears: [2022] } };
    const verdict = judgeDeclaration(incomplete, ruleSetFor(2023));
    expect(verdict.outcome).toBe('INCOMPLETE');
    const request = correctionRequest(verdict);
    // A missing year of audited reports asks for its file, not for a fact to retype.
    expect(request.editableFacts).toEqual(['evidence']);
    expect(request.missingEvidence).toEqual(['ATTACHMENT_3_COMMITMENT_LETTER', 'AUDITED_FINANCIAL_REPORT']);
    expect(request.reasons.map((r) => r.rules)).toEqual([['D7'], ['D7']]);
    expect(request.reasons.every((r) => /^D7 第\d+行：缺少/.test(r.zh))).toBe(true);
  });

  it('names the field of each input problem', () => {
    const facts = eligibleFacts('MANUFACTURING', 2023, 1) as Record<string, unknown>;
    let problems: unknown;
    try {
      judgeDeclaration({ ...facts, sales: { year: 'last year', declaredProductYuan: 1 } }, ruleSetFor(2023));
    } catch (error) {
      problems = (error as EligibilityInputError).problems;
    }
    expect(problems).toBeDefined();
    const request = correctionRequest({ outcome: 'INCOMPLETE', problems });
    expect(request.editableFacts).toContain('sales');
    expect(request.reasons[0]!.zh).toMatch(/^\/sales/);
  });

  it('asks nothing of an eligible verdict, and reads JSON Pointer escapes', () => {
    expect(correctionRequest(judgeDeclaration(eligibleFacts('SERVICE', 2023, 1), ruleSetFor(2023)))).toEqual({ reasons: [], editableFacts: [], missingEvidence: [] });
    expect(correctionRequest(null).reasons).toEqual([]);
    expect(topLevelFact('/a~1b/c')).toBe('a/b');
    expect(topLevelFact('/')).toBeUndefined();
  });
});
