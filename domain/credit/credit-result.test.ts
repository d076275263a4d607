import { describe, expect, it } from 'vitest';
import { creditResult } from './credit-result.ts';

describe('creditResult', () => {
  it('nothing on record is NOT_CONSULTED, never CLEAN', () => {
    expect(creditResult([])).toBe('NOT_CONSULTED');
  });

  it('a hit outweighs a finding to explain, which outweighs clean records', () => {
    expect(creditResult([{ result: 'CLEAN' }, { result: 'NEEDS_EXPLANATION' }, { result: 'HIT' }])).toBe('HIT');
    expect(creditResult([{ result: 'CLEAN' }, { result: 'NEEDS_EXPLANATION' }])).toBe('NEEDS_EXPLANATION');
    expect(creditResult([{ result: 'CLEAN' }, { result: 'CLEAN' }])).toBe('CLEAN');
  });
});
