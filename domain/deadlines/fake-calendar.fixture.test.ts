import { describe, expect, it } from 'vitest';
import { CalendarYearNotPublished } from '../calendar/working-day-calendar.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';

// The fixture must agree with DOMAIN §10's worked examples, or every deadline test is wrong too.
describe('the 2026 test calendar', () => {
  const calendar = new Fake2026Calendar();

  it.each([
    ['2026-09-28', '2026-10-13'],
    ['2026-02-12', '2026-02-28'],
    ['2026-04-30', '2026-05-13'],
  ])('adds 7 working days to %s → %s', (from, to) => {
    expect(calendar.addWorkingDays(from, 7)).toBe(to);
  });

  it('counts make-up Saturday 10 Oct and not National Day', () => {
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar.workingDaysBetween('2026-09-28', '2026-10-13')).toBe(7);
  });

  it('refuses 2027', () => {
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarYearNotPublished);
  });
});
