import { describe, expect, it } from 'vitest';
import { addCalendarDays, anniversary, InvalidIsoDate, isoDateParts } from './iso-date.ts';

describe('ISO dates', () => {
  it('refuses dates that do not exist or are badly written', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '2026-10-13T00:00', '']) {
      expect(() => isoDateParts(bad)).toThrow(InvalidIsoDate);
    }
    expect(isoDateParts('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('moves 29 February to 1 March in a common year', () => {
    expect(anniversary('2028-02-29', 3)).toBe('2031-03-01');
    expect(anniversary('2028-02-29', 4)).toBe('2032-02-29');
    expect(anniversary('2026-03-15', 3)).toBe('2029-03-15');
  });
});
