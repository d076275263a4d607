import { describe, expect, it } from 'vitest';
import { CalendarYearNotPublished, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { cncaReportDeadline, cncaReportReminder } from './cnca-report.ts';
import { InvalidDayCount } from './deadline.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';
import { InvalidIsoDate } from './iso-date.ts';

const calendar = new Fake2026Calendar();

describe('CNCA report deadline', () => {
  it('is 7 working days after certification ends, across National Day, at 17:00', () => {
    expect(cncaReportDeadline(calendar, '2026-09-28')).toEqual({ date: '2026-10-13', at: '2026-10-13T17:00:00+08:00' });
  });

  it('may fall on a make-up Saturday', () => {
    expect(cncaReportDeadline(calendar, '2026-02-12').date).toBe('2026-02-28');
  });

  it('counts from the next working day when certification ends on a holiday', () => {
    expect(cncaReportDeadline(calendar, '2026-10-03').date).toBe('2026-10-15');
  });

  it('takes another hour', () => {
    expect(cncaReportDeadline(calendar, '2026-09-28', { hour: 9 }).at).toBe('2026-10-13T09:00:00+08:00');
  });

  it('lets CalendarYearNotPublished through untouched when the count reaches 2027', () => {
    expect(() => cncaReportDeadline(calendar, '2026-12-28')).toThrow(CalendarYearNotPublished);
    const refusal = new CalendarYearNotPublished(2027);
    const unpublished: WorkingDayCalendar = {
      ...calendar,
      isWorkingDay: () => { throw refusal; },
      addWorkingDays: () => { throw refusal; },
      workingDaysBetween: () => 0,
      coveredYears: () => [2026],
    };
    let thrown: unknown;
    try {
      cncaReportDeadline(unpublished, '2026-12-28');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(refusal);
  });

  it('refuses a malformed end date before asking the calendar', () => {
    expect(() => cncaReportDeadline(calendar, '2026-9-28')).toThrow(InvalidIsoDate);
  });
});

describe('CNCA report reminder', () => {
  it('is 2 working days before, counting make-up Saturday 10 Oct', () => {
    expect(cncaReportReminder(calendar, '2026-10-13')).toEqual({
      date: '2026-10-10',
      at: '2026-10-10T17:00:00+08:00',
      workingDaysBefore: 2,
    });
  });

  it('skips the weekend before a make-up Saturday deadline', () => {
    expect(cncaReportReminder(calendar, '2026-02-28').date).toBe('2026-02-26');
  });

  it('takes another lead time and refuses zero', () => {
    expect(cncaReportReminder(calendar, '2026-10-13', { workingDaysBefore: 4 }).date).toBe('2026-10-08');
    expect(cncaReportReminder(calendar, '2026-10-13', { workingDaysBefore: 5 }).date).toBe('2026-09-30');
    expect(() => cncaReportReminder(calendar, '2026-10-13', { workingDaysBefore: 0 })).toThrow(InvalidDayCount);
  });

  it('propagates CalendarYearNotPublished when the walk back leaves 2026', () => {
    expect(() => cncaReportReminder(calendar, '2026-01-05', { workingDaysBefore: 2 })).toThrow(CalendarYearNotPublished);
  });
});
