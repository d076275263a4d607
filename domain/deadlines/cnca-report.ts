import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { deadlineOn, type BeijingDeadline, type DeadlineHourOption } from './deadline.ts';
import { isoDateParts } from './iso-date.ts';
import { reminderBefore, type ReminderOptions, type WorkingDayReminder } from './reminder.ts';

/** The certification body reports the result to CNCA within 7 working days after certification ends [SEED]. */
export const CNCA_REPORT_WORKING_DAYS = 7;

/** Remind the certification body 2 working days before the CNCA deadline [ASSUMED]. */
export const CNCA_REPORT_REMINDER_WORKING_DAYS = 2;

/**
 * The CNCA report deadline: 7 working days after the day certification ended, counted from the
 * next working day (DOMAIN §10), at 17:00 Beijing time unless `hour` says otherwise.
 * Throws CalendarYearNotPublished (untouched) when the count reaches an unpublished year.
 */
export function cncaReportDeadline(
  calendar: WorkingDayCalendar,
  certificationEndedOn: IsoDate,
  options: DeadlineHourOption = {},
): BeijingDeadline {
  isoDateParts(certificationEndedOn);
  return deadlineOn(calendar.addWorkingDays(certificationEndedOn, CNCA_REPORT_WORKING_DAYS), options);
}

/** The reminder before the CNCA report deadline: 2 working days before by default. */
export function cncaReportReminder(
  calendar: WorkingDayCalendar,
  deadlineDate: IsoDate,
  options: ReminderOptions = {},
): WorkingDayReminder {
  return reminderBefore(calendar, deadlineDate, options.workingDaysBefore ?? CNCA_REPORT_REMINDER_WORKING_DAYS, options);
}
