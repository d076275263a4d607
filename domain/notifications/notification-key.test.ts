import { describe, expect, it } from 'vitest';
import { notificationKey } from './notification-key.ts';

const base = { kind: 'cnca-report-reminder', caseNumber: 'JP-2026-0001', deadline: '2026-10-13T17:00:00+08:00', contactId: 7 } as const;

describe('notificationKey', () => {
  it('is readable and made of the business identity', () => {
    expect(notificationKey(base)).toBe('cnca-report-reminder-JP~2d2026~2d0001-20261013T090000Z-c7');
  });

  it('is the same for one deadline written with different offsets', () => {
    expect(notificationKey({ ...base, deadline: '2026-10-13T09:00:00Z' })).toBe(notificationKey(base));
    expect(notificationKey({ ...base, deadline: '2026-10-13T09:00:00.000Z' })).toBe(notificationKey(base));
  });

  it('differs when any part differs', () => {
    const keys = new Set([
      notificationKey(base),
      notificationKey({ ...base, kind: 'cnca-report-escalation' }),
      notificationKey({ ...base, caseNumber: 'JP-2026-0002' }),
      notificationKey({ ...base, deadline: '2026-10-14T17:00:00+08:00' }),
      notificationKey({ ...base, contactId: 8 }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('never confuses free text that only looks alike once escaped', () => {
    expect(notificationKey({ ...base, caseNumber: 'a-b' })).not.toBe(notificationKey({ ...base, caseNumber: 'a~2db' }));
    expect(notificationKey({ ...base, caseNumber: 'a:b' })).not.toBe(notificationKey({ ...base, caseNumber: 'a_b' }));
  });

  it('holds no colon and is never digits only, as BullMQ requires', () => {
    for (const caseNumber of ['2026', 'city:320100/2026-10-09', '南京 0001']) {
      const key = notificationKey({ ...base, caseNumber });
      expect(key).not.toContain(':');
      expect(key).not.toMatch(/^\d+$/);
      expect(key).toMatch(/^[A-Za-z0-9_.~-]+$/);
    }
  });

  it('keeps a plain date (a digest day) as it is', () => {
    expect(notificationKey({ ...base, kind: 'daily-digest', caseNumber: 'city_office:320100/2026-10-09', deadline: '2026-10-09' })).toBe(
      'daily-digest-city_office~3a320100~2f2026~2d10~2d09-20261009-c7',
    );
  });
});
