import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { assertPositiveDayCount, deadlineOn, type BeijingDeadline, type DeadlineHourOption } from './deadline.ts';
import { isoDateParts } from './iso-date.ts';

/** An enterprise has 5 working days to complete incomplete materials [ASSUMED, configurable, DOMAIN §5]. */
export const DEFAULT_CORRECTION_WORKING_DAYS = 5;

/** Options of the correction rule. */
export interface CorrectionOptions extends DeadlineHourOption {
  /** Working days allowed to correct; default 5. */
  readonly workingDays?: number;
}

/**
 * The deadline to correct incomplete materials: N working days after the day the enterprise was
 * notified, counted from the next working day (DOMAIN §10).
 */
export function correctionDeadline(
  calendar: WorkingDayCalendar,
  notifiedOn: IsoDate,
  options: CorrectionOptions = {},
): BeijingDeadline {
  isoDateParts(notifiedOn);
  const workingDays = options.workingDays ?? DEFAULT_CORRECTION_WORKING_DAYS;
  assertPositiveDayCount({ zh: '补正的工作日数', en: 'the correction period in working days' }, workingDays);
  return deadlineOn(calendar.addWorkingDays(notifiedOn, workingDays), options);
}
