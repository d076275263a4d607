import { describe, expect, it } from 'vitest';
import { certificateValidity, renewalReminders, surveillanceDueDates } from './certificate-validity.ts';
import { InvalidDayCount } from './deadline.ts';

describe('certificate validity', () => {
  it('ends the day before the third anniversary', () => {
    expect(certificateValidity('2026-03-15')).toEqual({
      issuedOn: '2026-03-15',
      expiresOn: '2029-03-14',
      lapsesAt: '2029-03-15T00:00:00+08:00',
    });
  });

  it('runs through 28 February for a certificate issued on 29 February', () => {
    expect(certificateValidity('2028-02-29')).toMatchObject({ expiresOn: '2031-02-28', lapsesAt: '2031-03-01T00:00:00+08:00' });
  });

  it('ends on 29 February when the third anniversary is 1 March of a leap year', () => {
    expect(certificateValidity('2025-03-01').expiresOn).toBe('2028-02-29');
    expect(certificateValidity('2025-02-28').expiresOn).toBe('2028-02-27');
  });
});

describe('renewal reminders', () => {
  it('come 90 and 30 calendar days before expiry, earliest first', () => {
    expect(renewalReminders('2029-03-14')).toEqual([
      { date: '2028-12-14', at: '2028-12-14T17:00:00+08:00', daysBefore: 90 },
      { date: '2029-02-12', at: '2029-02-12T17:00:00+08:00', daysBefore: 30 },
    ]);
  });

  it('need no published calendar, even years ahead', () => {
    expect(renewalReminders('2031-02-28', { daysBefore: [30, 1] }).map((r) => r.date)).toEqual(['2031-01-29', '2031-02-27']);
  });

  it('refuses a zero lead time', () => {
    expect(() => renewalReminders('2029-03-14', { daysBefore: [0] })).toThrow(InvalidDayCount);
  });
});

describe('surveillance', () => {
  it('is due yearly by the day before each of the first two anniversaries', () => {
    expect(surveillanceDueDates('2026-03-15')).toEqual([
      { date: '2027-03-14', at: '2027-03-14T17:00:00+08:00' },
      { date: '2028-03-14', at: '2028-03-14T17:00:00+08:00' },
    ]);
    expect(surveillanceDueDates('2028-02-29').map((d) => d.date)).toEqual(['2029-02-28', '2030-02-28']);
  });
});
