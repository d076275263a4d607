import { describe, expect, it } from 'vitest';
import { CalendarYearNotPublished } from '../calendar/working-day-calendar.ts';
import { allianceAnnualReportDue, InvalidCampaignYear } from './alliance-annual-report.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';

const calendar = new Fake2026Calendar();

describe('alliance annual report', () => {
  it('is due on the last working day before 31 December (not the 31st, a Thursday), with reminders 10 and 3 working days ahead', () => {
    expect(allianceAnnualReportDue(calendar, 2026)).toEqual({
      due: { date: '2026-12-30', at: '2026-12-30T17:00:00+08:00' },
      reminders: [
        { date: '2026-12-16', at: '2026-12-16T17:00:00+08:00', workingDaysBefore: 10 },
        { date: '2026-12-25', at: '2026-12-25T17:00:00+08:00', workingDaysBefore: 3 },
      ],
    });
  });

  it('orders configured reminders earliest first', () => {
    const schedule = allianceAnnualReportDue(calendar, 2026, { reminderWorkingDaysBefore: [1, 5], hour: 9 });
    expect(schedule.reminders.map((r) => [r.workingDaysBefore, r.at])).toEqual([
      [5, '2026-12-23T09:00:00+08:00'],
      [1, '2026-12-29T09:00:00+08:00'],
    ]);
  });

  it('stays pending for an unpublished year', () => {
    expect(() => allianceAnnualReportDue(calendar, 2027)).toThrow(CalendarYearNotPublished);
  });

  it('refuses a year that is not a four-digit whole number', () => {
    expect(() => allianceAnnualReportDue(calendar, 26)).toThrow(InvalidCampaignYear);
    expect(() => allianceAnnualReportDue(calendar, 2026.5)).toThrow(InvalidCampaignYear);
  });
});
