import { describe, expect, it } from 'vitest';
import { selectKeyCultivation } from './key-cultivation.ts';
import { rankDeclarations } from './rank-declarations.ts';
import { sheet } from './scoring.fixture.ts';
import { InvalidScoring } from './scoring-errors.ts';

const at = '2026-05-01T10:00:00+08:00';
const ranking = rankDeclarations({
  declarations: [
    { number: 'M1', category: 'MANUFACTURING', submittedAt: at },
    { number: 'M2', category: 'MANUFACTURING', submittedAt: at },
    { number: 'M3', category: 'MANUFACTURING', submittedAt: at },
    { number: 'S1', category: 'SERVICE', submittedAt: at },
  ],
  sheets: [
    sheet('M1', 'E1', 90),
    sheet('M2', 'E1', { STANDARDS: 90, QUALITY: 70, TECHNOLOGY: 80, MARKET_BRAND: 80 }),
    sheet('M3', 'E1', { STANDARDS: 70, QUALITY: 90, TECHNOLOGY: 80, MARKET_BRAND: 80 }),
    sheet('S1', 'E1', 85),
  ],
});
const numbers = (list: readonly { declarationNumber: string }[]) => list.map((d) => d.declarationNumber);

describe('the key-cultivation list', () => {
  it('takes the top N overall and explains every one left off', () => {
    const list = selectKeyCultivation(ranking, { scope: 'OVERALL', count: 2 });
    expect(numbers(list.selected)).toEqual(['M1', 'S1']);
    expect(list.notSelected.map((n) => n.declaration.declarationNumber)).toEqual(['M2', 'M3']);
    expect(list.notSelected[0]?.zh).toBe('总排名第 3 名，超出名额 2；均分 80，末位入选 S1 均分 85');
    expect(list.notSelected[0]?.en).toBe('ranked 3 overall, beyond the quota of 2; mean 80, last selected S1 at 85');
  });

  it('says which tie-break decided at an equal-mean cut line', () => {
    const list = selectKeyCultivation(ranking, { scope: 'OVERALL', count: 3 });
    expect(numbers(list.selected)).toEqual(['M1', 'S1', 'M2']);
    expect(list.notSelected[0]?.zh).toContain('均分相同，因标准得分较低排在其后');
    expect(list.notSelected[0]?.en).toContain('equal means, placed after it by a lower standards mean');
  });

  it('takes the top N of each category', () => {
    const list = selectKeyCultivation(ranking, { scope: 'PER_CATEGORY', counts: { MANUFACTURING: 1, SERVICE: 1 } });
    expect(numbers(list.selected)).toEqual(['M1', 'S1']);
    expect(list.notSelected[0]?.zh).toBe('制造业类排名第 2 名，超出名额 1；均分 80，末位入选 M1 均分 90');
  });

  it('explains a zero quota', () => {
    const list = selectKeyCultivation(ranking, { scope: 'PER_CATEGORY', counts: { MANUFACTURING: 3, SERVICE: 0 } });
    expect(numbers(list.selected)).toEqual(['M1', 'M2', 'M3']);
    expect(list.notSelected.map((n) => n.zh)).toEqual(['服务业类排名第 1 名，名额为 0，无人入选（均分 85）']);
  });

  it('selects everyone when the quota exceeds the field, and nobody from an empty ranking', () => {
    expect(selectKeyCultivation(ranking, { scope: 'OVERALL', count: 10 }).notSelected).toEqual([]);
    expect(selectKeyCultivation([], { scope: 'OVERALL', count: 10 })).toEqual({ selected: [], notSelected: [] });
  });

  it('fills the quota from a filtered ranking', () => {
    const manufacturingOnly = ranking.filter((d) => d.category === 'MANUFACTURING');
    expect(numbers(selectKeyCultivation(manufacturingOnly, { scope: 'OVERALL', count: 2 }).selected)).toEqual(['M1', 'M2']);
  });

  it('refuses a per-category quota that forgets a category, and a negative quota', () => {
    expect(() => selectKeyCultivation(ranking, { scope: 'PER_CATEGORY', counts: { MANUFACTURING: 2 } })).toThrow(/分类名额缺少服务业类/);
    expect(() => selectKeyCultivation(ranking, { scope: 'OVERALL', count: -1 })).toThrow(InvalidScoring);
  });
});
