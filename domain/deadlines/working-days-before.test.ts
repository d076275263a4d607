import { describe, expect, it } from 'vitest';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';
import { CalendarHasNoWorkingDays, workingDaysBefore } from './working-days-before.ts';

describe('working days before a date', () => {
  const calendar = new Fake2026Calendar();

  it('is the inverse of addWorkingDays over a holiday', () => {
    expect(workingDaysBefore(calendar, '2026-10-13', 7)).toBe('2026-09-28');
    expect(workingDaysBefore(calendar, '2026-02-28', 7)).toBe('2026-02-12');
  });

  it('counts back from a rest day to the working day before it', () => {
    expect(workingDaysBefore(calendar, '2026-10-04', 1)).toBe('2026-09-30');
  });

  it('gives up with a clear error when a calendar has no working days at all', () => {
    const broken: WorkingDayCalendar = {
      isWorkingDay: () => false,
      addWorkingDays: (date) => date,
      workingDaysBetween: () => 0,
      coveredYears: () => [2026],
    };
    expect(() => workingDaysBefore(broken, '2026-10-13', 1)).toThrow(CalendarHasNoWorkingDays);
  });
});
