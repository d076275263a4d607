import type { IsoDate } from '../calendar/working-day-calendar.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** A value that is not a real calendar date written `YYYY-MM-DD` (e.g. 2026-02-30). */
export class InvalidIsoDate extends Error {
  override readonly name = 'InvalidIsoDate';
  constructor(readonly value: string) {
    super(`不是有效的日期（应为 YYYY-MM-DD）：${value} / not a valid date (expected YYYY-MM-DD): ${value}`);
  }
}

/** Year, month (1–12) and day of a valid ISO date; throws InvalidIsoDate otherwise. */
export function isoDateParts(date: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new InvalidIsoDate(date);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Round-trip through UTC so 2026-02-30 or 2026-13-01 are refused instead of rolling over.
  if (formatUtc(utcMidnight(year, month, day)) !== date) throw new InvalidIsoDate(date);
  return { year, month, day };
}

/** The date `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = isoDateParts(date);
  return formatUtc(utcMidnight(year, month, day) + days * MS_PER_DAY);
}

/**
 * The same day `years` years later. 29 February in a common year becomes 1 March: the period
 * then still runs through 28 February, so "the day before the anniversary" stays the last day
 * of a full period (see certificate-validity.ts).
 */
export function anniversary(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = isoDateParts(date);
  // Date.UTC rolls 29 Feb of a common year over to 1 March, which is the rule above.
  return formatUtc(utcMidnight(year + years, month, day));
}

function utcMidnight(year: number, month: number, day: number): number {
  // setUTCFullYear, not Date.UTC, so years 0–99 are not read as 1900–1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant.getTime();
}

function formatUtc(epochMs: number): IsoDate {
  return new Date(epochMs).toISOString().slice(0, 10);
}
