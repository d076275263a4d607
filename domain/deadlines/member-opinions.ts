import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { deadlineOn, type BeijingDeadline, type DeadlineHourOption } from './deadline.ts';
import { isoDateParts } from './iso-date.ts';

/**
 * The member units answer the office's request for opinions within 5 working days after it is
 * sent [ASSUMED: the notice sets no period; an office's 征求意见 usually allows about a week].
 */
export const MEMBER_OPINION_WORKING_DAYS = 5;

/** When the member units' opinions are due: N working days after `sentOn`, counting from the next day. */
export function memberOpinionsDue(calendar: WorkingDayCalendar, sentOn: IsoDate, options: DeadlineHourOption = {}): BeijingDeadline {
  isoDateParts(sentOn);
  return deadlineOn(calendar.addWorkingDays(sentOn, MEMBER_OPINION_WORKING_DAYS), options);
}
