import { describe, expect, it } from 'vitest';
import type { LimitIndicator, RangeIndicator } from './comparison-table.ts';
import { limitStrictness, rangeStrictness } from './strictness.ts';

const limit = (direction: LimitIndicator['direction'], enterpriseValue: number): LimitIndicator => ({
  key: 'k',
  name: 'k',
  unit: '',
  direction,
  enterpriseValue,
  references: [],
});
const ref = (value: number) => ({ level: 'NATIONAL' as const, standardCode: 'GB/T 1', value });
const band = (enterpriseMin: number, enterpriseMax: number): RangeIndicator => ({
  key: 'k',
  name: 'k',
  unit: '',
  direction: 'RANGE',
  enterpriseMin,
  enterpriseMax,
  references: [],
});
const refBand = (min: number, max: number) => ({ level: 'NATIONAL' as const, standardCode: 'GB/T 1', min, max });

describe('strictness against one reference', () => {
  it('higher-better: more is stricter, equal is equal, less is less strict', () => {
    expect(limitStrictness(limit('HIGHER_BETTER', 520), ref(400))).toBe('STRICTER');
    expect(limitStrictness(limit('HIGHER_BETTER', 400), ref(400))).toBe('EQUAL');
    expect(limitStrictness(limit('HIGHER_BETTER', 399.9), ref(400))).toBe('LESS_STRICT');
  });

  it('lower-better: less is stricter', () => {
    expect(limitStrictness(limit('LOWER_BETTER', 0.05), ref(0.1))).toBe('STRICTER');
    expect(limitStrictness(limit('LOWER_BETTER', 0.1), ref(0.1))).toBe('EQUAL');
    expect(limitStrictness(limit('LOWER_BETTER', 0.11), ref(0.1))).toBe('LESS_STRICT');
  });

  it('range: inside and narrower is stricter, identical is equal, reaching out is less strict', () => {
    expect(rangeStrictness(band(6.5, 7.5), refBand(6, 8))).toBe('STRICTER');
    expect(rangeStrictness(band(6, 7.5), refBand(6, 8))).toBe('STRICTER');
    expect(rangeStrictness(band(6, 8), refBand(6, 8))).toBe('EQUAL');
    expect(rangeStrictness(band(5.9, 7), refBand(6, 8))).toBe('LESS_STRICT');
    expect(rangeStrictness(band(7, 8.1), refBand(6, 8))).toBe('LESS_STRICT');
  });
});
