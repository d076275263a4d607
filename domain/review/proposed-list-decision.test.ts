import { describe, expect, it } from 'vitest';
import { proposedListProblems } from './proposed-list-decision.ts';

describe('proposedListProblems', () => {
  const candidates = ['JP-2023-320100-0001', 'JP-2023-320200-0001'];

  it('a decision on every candidate once has no problem, however many are proposed', () => {
    expect(proposedListProblems(candidates, [...candidates].reverse())).toEqual([]);
    expect(proposedListProblems([], [])).toEqual([]);
  });

  it('names a stranger, a repeat and a candidate left without a decision', () => {
    const problems = proposedListProblems(candidates, ['JP-2023-320100-0001', 'JP-2023-999999-0001', 'JP-2023-320100-0001']);
    expect(problems.map((p) => [p.rule, p.declarationNumber, p.index])).toEqual([
      ['candidate', 'JP-2023-999999-0001', 1],
      ['uniqueItems', 'JP-2023-320100-0001', 2],
      ['missing', 'JP-2023-320200-0001', null],
    ]);
    expect(problems[2]!.zh).toContain('缺少对');
  });
});
