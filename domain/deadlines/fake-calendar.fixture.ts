import { CalendarYearNotPublished, type IsoDate, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addCalendarDays, isoDateParts } from './iso-date.ts';

/**
 * A test calendar holding only the State Council's 2026 arrangement (国办发明电〔2025〕7号 as
 * published in chinese-days 1.5.7): weekday holidays and make-up (调休) weekend days. Any other
 * year throws CalendarYearNotPublished, as the real calendar does for 2027.
 */
const HOLIDAYS_2026 = new Set([
  '2026-01-01', '2026-01-02',
  '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
  '2026-04-06',
  '2026-05-01', '2026-05-04', '2026-05-05',
  '2026-06-19',
  '2026-09-25',
  '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
]);
const MAKE_UP_DAYS_2026 = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);

/** A WorkingDayCalendar over 2026 only; `calls` records every isWorkingDay question asked. */
export class Fake2026Calendar implements WorkingDayCalendar {
  readonly calls: IsoDate[] = [];

  isWorkingDay(date: IsoDate): boolean {
    this.calls.push(date);
    const { year } = isoDateParts(date);
    if (year !== 2026) throw new CalendarYearNotPublished(year);
    if (HOLIDAYS_2026.has(date)) return false;
    if (MAKE_UP_DAYS_2026.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  addWorkingDays(date: IsoDate, n: number): IsoDate {
    let day = date;
    for (let found = 0; found < n; ) {
      day = addCalendarDays(day, 1);
      if (this.isWorkingDay(day)) found += 1;
    }
    return day;
  }

  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  coveredYears(): readonly number[] {
    return [2026];
  }
}
