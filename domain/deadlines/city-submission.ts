import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { reminderBefore, type ReminderOptions, type WorkingDayReminder } from './reminder.ts';

/** Remind a city office 3 working days before its submission deadline [ASSUMED]. */
export const CITY_SUBMISSION_REMINDER_WORKING_DAYS = 3;

/**
 * The reminder before the city → province submission deadline (the date itself comes from
 * each year's notice, DOMAIN §11 q1): 3 working days before by default.
 */
export function citySubmissionReminder(
  calendar: WorkingDayCalendar,
  submissionDeadline: IsoDate,
  options: ReminderOptions = {},
): WorkingDayReminder {
  return reminderBefore(
    calendar,
    submissionDeadline,
    options.workingDaysBefore ?? CITY_SUBMISSION_REMINDER_WORKING_DAYS,
    options,
  );
}
