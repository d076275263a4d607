import type { IsoDate } from '../calendar/working-day-calendar.ts';
import { beijingDateTime } from './beijing-time.ts';

/**
 * Deadlines fall at 17:00 Beijing time, the usual close of business in Chinese offices
 * [ASSUMED]; every rule takes an `hour` option to change it.
 */
export const DEFAULT_DEADLINE_HOUR = 17;

/**
 * A due moment: the Beijing calendar date, and the same moment as an ISO date-time with the
 * +08:00 offset, which is what a BPMN timer reads.
 */
export interface BeijingDeadline {
  readonly date: IsoDate;
  readonly at: string;
}

/** Options shared by every deadline rule. */
export interface DeadlineHourOption {
  /** Hour of day, Beijing time, 0–23; default 17. */
  readonly hour?: number;
}

/** What a day count means, for messages: Chinese first. */
export interface DayCountName {
  readonly zh: string;
  readonly en: string;
}

/** A count of days in a rule (N working days, N days before) was not a positive whole number. */
export class InvalidDayCount extends RangeError {
  override readonly name = 'InvalidDayCount';
  constructor(
    readonly what: DayCountName,
    readonly count: number,
  ) {
    super(`${what.zh}必须是正整数：${count} / ${what.en} must be a positive whole number: ${count}`);
  }
}

/** The deadline on `date` at the option's hour (default 17:00). */
export function deadlineOn(date: IsoDate, options: DeadlineHourOption = {}): BeijingDeadline {
  return { date, at: beijingDateTime(date, options.hour ?? DEFAULT_DEADLINE_HOUR) };
}

/** Refuses zero, negative and fractional counts: "0 working days" is never a rule, only a typo. */
export function assertPositiveDayCount(what: DayCountName, count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new InvalidDayCount(what, count);
}
