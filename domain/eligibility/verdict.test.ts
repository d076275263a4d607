import { describe, expect, it } from 'vitest';
import { aggregate, type RuleOutcome } from './verdict.ts';

describe('aggregation', () => {
  it.each<[RuleOutcome[], string]>([
    [['PASS', 'PASS'], 'ELIGIBLE'],
    [['PASS', 'REFER'], 'ELIGIBLE_PENDING_REVIEW'],
    [['REFER', 'MISSING_EVIDENCE', 'PASS'], 'INCOMPLETE'],
    [['MISSING_EVIDENCE', 'FAIL', 'REFER'], 'INELIGIBLE'],
    [['FAIL'], 'INELIGIBLE'],
  ])('%o → %s', (outcomes, expected) => {
    expect(aggregate(outcomes)).toBe(expected);
  });
});
