import type { IsoDate, WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';

/**
 * A stand-in for the working-day calendar in tests: Monday to Friday are working days, except
 * the `holidays` given. Enough to tell "five working days" from "five days" in a digest.
 */
export function weekdayCalendar(holidays: readonly IsoDate[] = []): WorkingDayCalendar {
  const day = (date: IsoDate) => new Date(`${date}T00:00:00Z`);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const isWorkingDay = (date: IsoDate) => ![0, 6].includes(day(date).getUTCDay()) && !holidays.includes(date);
  const next = (date: IsoDate) => iso(new Date(day(date).getTime() + 86_400_000));
  return {
    isWorkingDay,
    addWorkingDays(date, n) {
      let current = date;
      for (let left = n; left > 0; ) {
        current = next(current);
        if (isWorkingDay(current)) left--;
      }
      return current;
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let current = next(from); current <= to; current = next(current)) if (isWorkingDay(current)) count++;
      return count;
    },
    coveredYears: () => [2026],
  };
}
