import { describe, expect, it } from 'vitest';
import { CalendarYearNotPublished } from '../calendar/working-day-calendar.ts';
import { ChineseWorkingDayCalendar } from '../calendar/chinese-working-day-calendar.ts';
import { allianceAnnualReportDue, InvalidCampaignYear } from './alliance-annual-report.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';

const calendar = new Fake2026Calendar();

describe('alliance annual report', () => {
  it('is due "before the end of December": on 31 December when it is a working day, with reminders 10 and 3 working days ahead', () => {
    expect(allianceAnnualReportDue(calendar, 2026)).toEqual({
      due: { date: '2026-12-31', at: '2026-12-31T17:00:00+08:00' },
      reminders: [
        { date: '2026-12-17', at: '2026-12-17T17:00:00+08:00', workingDaysBefore: 10 },
        { date: '2026-12-28', at: '2026-12-28T17:00:00+08:00', workingDaysBefore: 3 },
      ],
    });
  });

  it('falls on 31 December in 2024 and 2025 (both working days by the State Council calendar)', () => {
    const real = new ChineseWorkingDayCalendar();
    expect(allianceAnnualReportDue(real, 2024).due).toEqual({ date: '2024-12-31', at: '2024-12-31T17:00:00+08:00' });
    expect(allianceAnnualReportDue(real, 2025).due).toEqual({ date: '2025-12-31', at: '2025-12-31T17:00:00+08:00' });
  });

  it('moves back to the last working day when 31 December is a rest day (2022: a Saturday)', () => {
    expect(allianceAnnualReportDue(new ChineseWorkingDayCalendar(), 2022).due.date).toBe('2022-12-30');
  });

  it('orders configured reminders earliest first', () => {
    const schedule = allianceAnnualReportDue(calendar, 2026, { reminderWorkingDaysBefore: [1, 5], hour: 9 });
    expect(schedule.reminders.map((r) => [r.workingDaysBefore, r.at])).toEqual([
      [5, '2026-12-24T09:00:00+08:00'],
      [1, '2026-12-30T09:00:00+08:00'],
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
