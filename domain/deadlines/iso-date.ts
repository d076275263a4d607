import { addDays, assertIsoDate, InvalidIsoDate, yearOf } from '../calendar/iso-date.ts';
import type { IsoDate } from '../calendar/working-day-calendar.ts';

// One notion of a valid date for the whole domain: the calendar's (one InvalidIsoDate to catch).
export { InvalidIsoDate };

/** Year, month (1–12) and day of a valid ISO date; throws InvalidIsoDate otherwise. */
export function isoDateParts(date: IsoDate): { year: number; month: number; day: number } {
  assertIsoDate(date);
  return { year: yearOf(date), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The date `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  assertIsoDate(date);
  return addDays(date, days);
}

/**
 * The same day `years` years later. 29 February in a common year becomes 1 March: the period
 * then still runs through 28 February, so "the day before the anniversary" stays the last day
 * of a full period (see certificate-validity.ts).
 */
export function anniversary(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = isoDateParts(date);
  // setUTCFullYear rolls 29 Feb of a common year over to 1 March (the rule above), and unlike
  // Date.UTC it does not read years 0–99 as 1900–1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year + years, month - 1, day);
  return instant.toISOString().slice(0, 10);
}
