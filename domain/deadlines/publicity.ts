import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { assertPositiveDayCount, deadlineOn, type BeijingDeadline, type DeadlineHourOption } from './deadline.ts';
import { isoDateParts } from './iso-date.ts';

/** Publicity lasts 5 working days unless the campaign rule set says otherwise [ASSUMED, DOMAIN §5]. */
export const DEFAULT_PUBLICITY_WORKING_DAYS = 5;

/** Options of the publicity rule. */
export interface PublicityOptions extends DeadlineHourOption {
  /** The rule set's publicity length in working days; default 5. */
  readonly workingDays?: number;
}

/**
 * The last day of publicity (公示期): a period of N working days that **includes** the start day
 * when it is a working day. Publicity notices count this way ("公示期为5个工作日", e.g. Monday to
 * Friday of one week), unlike DOMAIN §10's "within N working days after X", which starts the day
 * after X [ASSUMED: confirm with the customer, DOMAIN §11 q3]. A start on a rest day begins
 * counting on the next working day.
 */
export function publicityEnd(
  calendar: WorkingDayCalendar,
  startsOn: IsoDate,
  options: PublicityOptions = {},
): BeijingDeadline {
  isoDateParts(startsOn);
  const workingDays = options.workingDays ?? DEFAULT_PUBLICITY_WORKING_DAYS;
  assertPositiveDayCount({ zh: '公示的工作日数', en: 'the publicity length in working days' }, workingDays);
  if (!calendar.isWorkingDay(startsOn)) return deadlineOn(calendar.addWorkingDays(startsOn, workingDays), options);
  // The start day is the first of the N days; addWorkingDays never counts its own date.
  const end = workingDays === 1 ? startsOn : calendar.addWorkingDays(startsOn, workingDays - 1);
  return deadlineOn(end, options);
}
