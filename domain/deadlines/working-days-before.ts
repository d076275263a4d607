import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { assertPositiveDayCount } from './deadline.ts';
import { addCalendarDays } from './iso-date.ts';

/**
 * The longest run of consecutive non-working days is the 9-day Spring Festival break; a walk
 * that passes this many days without finding one means the calendar is broken, and looping
 * forever inside a worker would hide that.
 */
const MAX_DAYS_WITHOUT_WORK = 31;

/** The calendar reported no working day for a whole month: its data is wrong, not the rule. */
export class CalendarHasNoWorkingDays extends Error {
  override readonly name = 'CalendarHasNoWorkingDays';
  constructor(readonly before: IsoDate) {
    super(
      `日历在 ${before} 之前连续 ${MAX_DAYS_WITHOUT_WORK} 天没有工作日，请检查节假日数据 / ` +
        `the calendar has no working day in the ${MAX_DAYS_WITHOUT_WORK} days before ${before}: check its holiday data`,
    );
  }
}

/**
 * The working day that lies `n` working days before `date`: the n-th working day counted
 * backwards from the day before `date` (`date` itself never counts, mirroring addWorkingDays).
 * The WorkingDayCalendar interface only counts forwards, so this walks back with isWorkingDay;
 * CalendarYearNotPublished from the calendar propagates unchanged.
 */
export function workingDaysBefore(calendar: WorkingDayCalendar, date: IsoDate, n: number): IsoDate {
  assertPositiveDayCount({ zh: '提前的工作日数', en: 'the number of working days before' }, n);
  let day = date;
  let found = 0;
  let idle = 0;
  while (found < n) {
    day = addCalendarDays(day, -1);
    if (calendar.isWorkingDay(day)) {
      found += 1;
      idle = 0;
    } else if (++idle > MAX_DAYS_WITHOUT_WORK) {
      throw new CalendarHasNoWorkingDays(date);
    }
  }
  return day;
}
