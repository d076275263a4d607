import { describe, expect, it } from 'vitest';
import { rankDeclarations } from './rank-declarations.ts';
import type { RankingDeclaration } from './score-input.ts';
import { sheet } from './scoring.fixture.ts';
import { InvalidScoring } from './scoring-errors.ts';

const declared = (number: string, submittedAt = '2026-05-01T10:00:00+08:00', category: RankingDeclaration['category'] = 'MANUFACTURING') => ({
  number,
  category,
  submittedAt,
});

const order = (ranking: ReturnType<typeof rankDeclarations>) => ranking.map((r) => r.declarationNumber);

describe('ranking', () => {
  it('puts the higher mean first and numbers ranks from 1', () => {
    const ranking = rankDeclarations({
      declarations: [declared('A'), declared('B'), declared('C')],
      sheets: [sheet('A', 'E1', 70), sheet('B', 'E1', 90), sheet('C', 'E1', 80)],
    });
    expect(order(ranking)).toEqual(['B', 'C', 'A']);
    expect(ranking.map((r) => [r.overallRank, r.separatedBy])).toEqual([[1, undefined], [2, 'MEAN'], [3, 'MEAN']]);
  });

  it('breaks an equal mean by the higher standards mean', () => {
    const ranking = rankDeclarations({
      declarations: [declared('A'), declared('B')],
      sheets: [sheet('A', 'E1', { STANDARDS: 70, QUALITY: 90 }), sheet('B', 'E1', { STANDARDS: 90, QUALITY: 70 })],
    });
    expect(ranking[0]?.mean).toBe(ranking[1]?.mean);
    expect(order(ranking)).toEqual(['B', 'A']);
    expect(ranking[1]?.separatedBy).toBe('STANDARDS');
  });

  it('then by the earlier submission, comparing instants across offsets', () => {
    const ranking = rankDeclarations({
      declarations: [declared('A', '2026-05-01T10:00:00+08:00'), declared('B', '2026-05-01T01:59:59Z')],
      sheets: [sheet('A', 'E1', 80), sheet('B', 'E1', 80)],
    });
    expect(order(ranking)).toEqual(['B', 'A']);
    expect(ranking[1]?.separatedBy).toBe('SUBMISSION');
  });

  it('then by declaration number, whatever the input order', () => {
    const input = { declarations: [declared('B'), declared('A')], sheets: [sheet('B', 'E1', 80), sheet('A', 'E1', 80)] };
    expect(order(rankDeclarations(input))).toEqual(['A', 'B']);
    expect(rankDeclarations(input)[1]?.separatedBy).toBe('NUMBER');
  });

  it('compares exact means: 0.1 + 0.2 ties with 0.3 + 0 and goes to the earlier submission', () => {
    const ranking = rankDeclarations({
      declarations: [declared('A', '2026-05-02T10:00:00+08:00'), declared('B', '2026-05-01T10:00:00+08:00')],
      sheets: [sheet('A', 'E1', 0.1), sheet('A', 'E2', 0.2), sheet('B', 'E1', 0.3), sheet('B', 'E2', 0)],
    });
    expect(order(ranking)).toEqual(['B', 'A']);
    expect(ranking[1]?.separatedBy).toBe('SUBMISSION');
  });

  it('ranks within each category too', () => {
    const ranking = rankDeclarations({
      declarations: [declared('M1'), declared('S1', undefined, 'SERVICE'), declared('M2')],
      sheets: [sheet('M1', 'E1', 90), sheet('S1', 'E1', 85), sheet('M2', 'E1', 80)],
    });
    expect(ranking.map((r) => [r.declarationNumber, r.overallRank, r.categoryRank])).toEqual([
      ['M1', 1, 1],
      ['S1', 2, 1],
      ['M2', 3, 2],
    ]);
  });

  it('uses the rule set’s weights for a category', () => {
    const ranking = rankDeclarations({
      declarations: [declared('A'), declared('B')],
      sheets: [sheet('A', 'E1', { STANDARDS: 100 }), sheet('B', 'E1', { MARKET_BRAND: 100 })],
      weights: { MANUFACTURING: { STANDARDS: 10, QUALITY: 10, TECHNOLOGY: 10, MARKET_BRAND: 70 } },
    });
    expect(ranking.map((r) => [r.declarationNumber, r.mean])).toEqual([['B', 70], ['A', 10]]);
  });

  it('returns nothing for nothing', () => {
    expect(rankDeclarations({ declarations: [], sheets: [] })).toEqual([]);
  });

  it('refuses incomplete or inconsistent input', () => {
    const cases: [Parameters<typeof rankDeclarations>[0], RegExp][] = [
      [{ declarations: [declared('A')], sheets: [] }, /申报 A 没有专家评分/],
      [{ declarations: [declared('A')], sheets: [sheet('A', 'E1', 80), sheet('X', 'E1', 80)] }, /X/],
      [{ declarations: [declared('A')], sheets: [sheet('A', 'E1', 80), sheet('A', 'E1', 70)] }, /专家 E1 对申报 A 重复评分/],
      [{ declarations: [declared('A'), declared('A')], sheets: [sheet('A', 'E1', 80)] }, /申报编号重复/],
      [{ declarations: [declared('A', '2026-05-01T10:00:00')], sheets: [sheet('A', 'E1', 80)] }, /提交时间无效/],
      [
        { declarations: [declared('A')], sheets: [sheet('A', 'E1', 80)], weights: { MANUFACTURING: { STANDARDS: 30, QUALITY: 30, TECHNOLOGY: 30, MARKET_BRAND: 30 } } },
        /合计为 100/,
      ],
    ];
    for (const [input, message] of cases) {
      expect(() => rankDeclarations(input)).toThrow(InvalidScoring);
      expect(() => rankDeclarations(input)).toThrow(message);
    }
  });
});
