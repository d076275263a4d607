import { describe, expect, it } from 'vitest';
import { creditCheckCharacter, creditCodeProblem, organisationCheckCharacter, withCheckCharacters } from './credit-code.ts';

describe('unified social credit code (GB 32100-2015, GB 11714)', () => {
  it.each([
    ['91350100M000100Y43', 'the example code of GB 32100-2015'],
    ['91110108551385082Q', 'a Beijing company with an organisation code from before 2015'],
    ['91440300708461136T', 'a Shenzhen company'],
  ])('accepts %s (%s)', (code) => {
    expect(creditCodeProblem(code)).toBeUndefined();
  });

  it('refuses a wrong check character in place 18', () => {
    expect(creditCodeProblem('91350100M000100Y44')?.rule).toBe('check-character');
    expect(creditCodeProblem('91110108551385082P')?.rule).toBe('check-character');
  });

  it('refuses an organisation code whose own check character is wrong, even when place 18 fits the first 17', () => {
    // The standard's example with the organisation code's check character 4 changed to 5, and
    // place 18 recomputed, so only GB 11714 can catch it.
    const first17 = '91350100M000100Y5';
    const tampered = first17 + creditCheckCharacter(first17);
    expect(creditCodeProblem(tampered)?.rule).toBe('organisation-check-character');
  });

  it.each(['9135010M000100Y43', '91350100M000100Y43X', '91350100M000100I43', '91350100m000100Y43', '91A50100M000100Y43', ''])('refuses the malformed %j', (code) => {
    expect(creditCodeProblem(code)?.rule).toBe('format');
  });

  it('computes the organisation check character, X for 10 and 0 for 11', () => {
    expect(organisationCheckCharacter('55138508')).toBe('2');
    expect(organisationCheckCharacter('70846113')).toBe('6');
    expect(organisationCheckCharacter('M000100Y')).toBe('4');
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(organisationCheckCharacter(`MA${String(i).padStart(6, '0')}`));
    expect(seen).toContain('X');
    expect(seen).toContain('0');
    for (const check of seen) expect(chars).toContain(check);
  });

  it('makes valid codes from 16 characters', () => {
    const code = withCheckCharacters('91320102MA000001');
    expect(code).toHaveLength(18);
    expect(creditCodeProblem(code)).toBeUndefined();
  });
});
