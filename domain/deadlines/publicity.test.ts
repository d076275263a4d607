import { describe, expect, it } from 'vitest';
import { InvalidDayCount } from './deadline.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';
import { publicityEnd } from './publicity.ts';

const calendar = new Fake2026Calendar();

describe('publicity end', () => {
  it('lasts 5 working days including a working start day: Monday to Friday', () => {
    expect(publicityEnd(calendar, '2026-11-02')).toEqual({ date: '2026-11-06', at: '2026-11-06T17:00:00+08:00' });
  });

  it('pauses over National Day', () => {
    expect(publicityEnd(calendar, '2026-09-28').date).toBe('2026-10-09');
  });

  it('starts counting on the next working day when published on a holiday', () => {
    expect(publicityEnd(calendar, '2026-10-03').date).toBe('2026-10-13');
  });

  it('takes the rule set length, down to one day', () => {
    expect(publicityEnd(calendar, '2026-11-02', { workingDays: 7 }).date).toBe('2026-11-10');
    expect(publicityEnd(calendar, '2026-11-02', { workingDays: 1 }).date).toBe('2026-11-02');
    expect(() => publicityEnd(calendar, '2026-11-02', { workingDays: 0 })).toThrow(InvalidDayCount);
  });
});
