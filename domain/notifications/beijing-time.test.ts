import { describe, expect, it } from 'vitest';
import { beijingDate, beijingIso, formatDeadline } from './beijing-time.ts';

describe('Beijing time', () => {
  it('writes a deadline as people read it, Chinese and English', () => {
    expect(formatDeadline('2026-10-13T00:00:00+08:00', 'zh')).toBe('2026年10月13日');
    expect(formatDeadline('2026-10-13T00:00:00+08:00', 'en')).toBe('13 Oct 2026');
    expect(formatDeadline('2026-10-13T17:00:00+08:00', 'zh')).toBe('2026年10月13日 17:00');
    expect(formatDeadline('2026-10-13T17:00:00+08:00', 'en')).toBe('13 Oct 2026, 17:00');
  });

  it('moves a UTC instant to the Beijing date, across midnight', () => {
    expect(formatDeadline('2026-10-12T16:00:00Z', 'zh')).toBe('2026年10月13日');
    expect(beijingDate('2026-12-31T16:30:00Z')).toBe('2027-01-01');
    expect(beijingDate('2026-12-31T15:59:59Z')).toBe('2026-12-31');
  });

  it('gives ISO 8601 with the +08:00 offset', () => {
    expect(beijingIso(new Date('2026-10-12T01:00:05Z'))).toBe('2026-10-12T09:00:05+08:00');
  });

  it('refuses text that is not a date-time', () => {
    expect(() => formatDeadline('next Tuesday', 'en')).toThrow(RangeError);
  });
});
