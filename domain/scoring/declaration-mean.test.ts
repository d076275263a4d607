import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERION_WEIGHTS } from './criteria.ts';
import { declarationMean } from './declaration-mean.ts';
import { sheet } from './scoring.fixture.ts';
import { InvalidScoring } from './scoring-errors.ts';

const equal = DEFAULT_CRITERION_WEIGHTS.MANUFACTURING;
const sheets = (marks: number[]) => marks.map((m, i) => sheet('D1', `E${i + 1}`, m));

describe('a declaration’s mean', () => {
  it('keeps every sheet below five', () => {
    const mean = declarationMean('D1', sheets([80, 90, 70, 60]), equal);
    expect(mean).toMatchObject({ mean: 75, sheetCount: 4, trimmed: false });
    expect(mean.droppedHighest).toBeUndefined();
  });

  it('drops the highest and the lowest from exactly five sheets', () => {
    expect(declarationMean('D1', sheets([100, 90, 80, 70, 0]), equal)).toMatchObject({
      mean: 80,
      trimmed: true,
      droppedHighest: 'E1',
      droppedLowest: 'E5',
    });
  });

  it('drops two different sheets when all are equal, naming the smallest ids', () => {
    expect(declarationMean('D1', sheets([80, 80, 80, 80, 80]), equal)).toMatchObject({
      mean: 80,
      droppedLowest: 'E1',
      droppedHighest: 'E2',
      exact: { total: 80 * 1000 * 3, count: 3 },
    });
  });

  it('applies the category weights', () => {
    const weights = { STANDARDS: 40, QUALITY: 20, TECHNOLOGY: 20, MARKET_BRAND: 20 };
    expect(declarationMean('D1', [sheet('D1', 'E1', { STANDARDS: 100 })], weights).mean).toBe(40);
  });

  it('trims the standards marks on their own for the tie-break', () => {
    const marks = [
      sheet('D1', 'E1', { STANDARDS: 10, QUALITY: 100 }),
      sheet('D1', 'E2', { STANDARDS: 90 }),
      sheet('D1', 'E3', { STANDARDS: 60 }),
      sheet('D1', 'E4', { STANDARDS: 70 }),
      sheet('D1', 'E5', { STANDARDS: 80 }),
    ];
    expect(declarationMean('D1', marks, equal).standardsMean).toBe(70);
  });

  it('rounds the displayed mean to two decimals', () => {
    expect(declarationMean('D1', sheets([80, 80.1, 80.1]), equal).mean).toBe(80.07);
  });

  it('accepts 0, 100 and one decimal, and refuses anything else', () => {
    expect(declarationMean('D1', sheets([0, 100, 85.3]), equal).mean).toBe(61.77);
    for (const bad of [100.1, -0.1, 85.25, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => declarationMean('D1', sheets([bad]), equal)).toThrow(InvalidScoring);
    }
    expect(() => declarationMean('D1', sheets([85.25]), equal)).toThrow(/D1\/E1 的标准分必须在 0 到 100 之间、最多一位小数/);
  });
});
