import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { deadlineOn, type BeijingDeadline, type DeadlineHourOption } from './deadline.ts';
import { workingDaysBefore } from './working-days-before.ts';

/** A reminder a number of working days before a deadline. */
export interface WorkingDayReminder extends BeijingDeadline {
  readonly workingDaysBefore: number;
}

/** Options of a reminder rule: how many working days ahead, and the hour. */
export interface ReminderOptions extends DeadlineHourOption {
  readonly workingDaysBefore?: number;
}

/**
 * The reminder `workingDaysBefore` working days before the deadline date, at the option's hour.
 * CalendarYearNotPublished propagates unchanged.
 */
export function reminderBefore(
  calendar: WorkingDayCalendar,
  deadlineDate: IsoDate,
  workingDays: number,
  options: DeadlineHourOption = {},
): WorkingDayReminder {
  return { ...deadlineOn(workingDaysBefore(calendar, deadlineDate, workingDays), options), workingDaysBefore: workingDays };
}
