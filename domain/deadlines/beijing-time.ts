import type { IsoDate } from '../calendar/working-day-calendar.ts';
import { isoDateParts } from './iso-date.ts';

/** Beijing time has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The pattern of an ISO 8601 date-time with seconds and an explicit offset (or Z), for TypeBox
 * schemas: a time without an offset is ambiguous between Beijing and UTC, so it is refused.
 */
export const ISO_DATE_TIME_WITH_OFFSET = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';

/** The time of day was not a whole hour from 0 to 23. */
export class InvalidHourOfDay extends RangeError {
  override readonly name = 'InvalidHourOfDay';
  constructor(readonly hour: number) {
    super(`时刻必须是 0 到 23 之间的整点：${hour} / the hour must be a whole number from 0 to 23: ${hour}`);
  }
}

/** The instant passed as "now" was not a valid Date. */
export class InvalidInstant extends RangeError {
  override readonly name = 'InvalidInstant';
  constructor() {
    super('时间无效 / invalid date-time');
  }
}

/** `date` at `hour`:00 Beijing time, e.g. `2026-10-13T17:00:00+08:00`. */
export function beijingDateTime(date: IsoDate, hour: number): string {
  isoDateParts(date);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new InvalidHourOfDay(hour);
  return `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;
}

/** An instant written in Beijing time with milliseconds, e.g. `2026-10-13T09:30:00.000+08:00`. */
export function toBeijingDateTime(instant: Date): string {
  return `${shiftedToBeijing(instant).toISOString().slice(0, 23)}+08:00`;
}

/** The calendar date in Beijing at that instant (16:30 UTC is already the next day in Beijing). */
export function beijingDateOf(instant: Date): IsoDate {
  return shiftedToBeijing(instant).toISOString().slice(0, 10);
}

function shiftedToBeijing(instant: Date): Date {
  if (Number.isNaN(instant.getTime())) throw new InvalidInstant();
  return new Date(instant.getTime() + BEIJING_OFFSET_MS);
}
