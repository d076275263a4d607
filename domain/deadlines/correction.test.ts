import { describe, expect, it } from 'vitest';
import { CalendarYearNotPublished } from '../calendar/working-day-calendar.ts';
import { correctionDeadline } from './correction.ts';
import { InvalidDayCount } from './deadline.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';

const calendar = new Fake2026Calendar();

describe('correction deadline for incomplete materials', () => {
  it('is 5 working days after notice, from the next day, here a make-up Saturday', () => {
    expect(correctionDeadline(calendar, '2026-09-28')).toEqual({ date: '2026-10-10', at: '2026-10-10T17:00:00+08:00' });
  });

  it('is the following Friday for a Friday notice in an ordinary week', () => {
    expect(correctionDeadline(calendar, '2026-11-06').date).toBe('2026-11-13');
  });

  it('takes a configured length and refuses fractions', () => {
    expect(correctionDeadline(calendar, '2026-11-06', { workingDays: 10 }).date).toBe('2026-11-20');
    expect(() => correctionDeadline(calendar, '2026-11-06', { workingDays: 2.5 })).toThrow(InvalidDayCount);
  });

  it('stays pending past the published years', () => {
    expect(() => correctionDeadline(calendar, '2026-12-28')).toThrow(CalendarYearNotPublished);
  });
});
