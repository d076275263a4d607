import { describe, expect, it } from 'vitest';
import { beijingDateOf, beijingDateTime, InvalidHourOfDay, InvalidInstant, toBeijingDateTime } from './beijing-time.ts';

describe('Beijing time', () => {
  it('writes a date at a whole hour with the +08:00 offset', () => {
    expect(beijingDateTime('2026-10-13', 17)).toBe('2026-10-13T17:00:00+08:00');
    expect(beijingDateTime('2026-10-13', 0)).toBe('2026-10-13T00:00:00+08:00');
    expect(beijingDateTime('2026-10-13', 23)).toBe('2026-10-13T23:00:00+08:00');
  });

  it('refuses hours outside 0–23 or with fractions', () => {
    for (const hour of [-1, 24, 9.5]) expect(() => beijingDateTime('2026-10-13', hour)).toThrow(InvalidHourOfDay);
  });

  it('places 16:00 UTC on the next Beijing day', () => {
    expect(beijingDateOf(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(beijingDateOf(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(toBeijingDateTime(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01T00:00:00.000+08:00');
  });

  it('refuses an invalid instant', () => {
    expect(() => beijingDateOf(new Date('not a date'))).toThrow(InvalidInstant);
  });
});
