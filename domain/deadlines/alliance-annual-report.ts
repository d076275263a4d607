import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { deadlineOn, type BeijingDeadline, type DeadlineHourOption } from './deadline.ts';
import { reminderBefore, type WorkingDayReminder } from './reminder.ts';
import { workingDaysBefore } from './working-days-before.ts';

/** Remind the alliance secretariat 10 and 3 working days before its annual report is due [ASSUMED]. */
export const ALLIANCE_REPORT_REMINDER_WORKING_DAYS: readonly number[] = [10, 3];

/** Options of the annual report rule. */
export interface AllianceReportOptions extends DeadlineHourOption {
  /** Working days before the due date at which to remind; default [10, 3]. */
  readonly reminderWorkingDaysBefore?: readonly number[];
}

/** The due date of the alliance's annual report, and its reminders, earliest first. */
export interface AllianceReportSchedule {
  readonly due: BeijingDeadline;
  readonly reminders: readonly WorkingDayReminder[];
}

/** The campaign year was not a four-digit whole year. */
export class InvalidCampaignYear extends RangeError {
  override readonly name = 'InvalidCampaignYear';
  constructor(readonly year: number) {
    super(`活动年度必须是四位整数年份：${year} / the campaign year must be a four-digit whole year: ${year}`);
  }
}

/**
 * The alliance's annual "Jiangsu Quality" certification work report is due "before the end of
 * December" (12月底前) of the campaign year: the end of December is the 31st, which belongs to
 * the period. A report is handed in on a working day, so it is due on the last working day on or
 * before 31 December (the 31st itself when it is one, as in 2024 and 2025), at 17:00 by default.
 */
export function allianceAnnualReportDue(
  calendar: WorkingDayCalendar,
  campaignYear: number,
  options: AllianceReportOptions = {},
): AllianceReportSchedule {
  if (!Number.isInteger(campaignYear) || campaignYear < 1000 || campaignYear > 9999) {
    throw new InvalidCampaignYear(campaignYear);
  }
  // One working day before 1 January is the last working day on or before 31 December.
  const dueDate = workingDaysBefore(calendar, `${campaignYear + 1}-01-01`, 1);
  const reminderDays = [...(options.reminderWorkingDaysBefore ?? ALLIANCE_REPORT_REMINDER_WORKING_DAYS)];
  // Earliest first, so a worker can arm the timers in order.
  reminderDays.sort((a, b) => b - a);
  return {
    due: deadlineOn(dueDate, options),
    reminders: reminderDays.map((days) => reminderBefore(calendar, dueDate, days, options)),
  };
}
