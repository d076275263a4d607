import type { IsoDate } from './working-day-calendar.ts';

/** A string that is not a real calendar date written `YYYY-MM-DD`. */
export class InvalidIsoDate extends RangeError {
  override readonly name = 'InvalidIsoDate';
  constructor(readonly value: unknown) {
    super(`不是有效的日期（应为 YYYY-MM-DD）/ not a valid date (expected YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
}

const shape = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

/** Whether `value` is a real date written `YYYY-MM-DD` (so 2026-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = shape.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** @throws {InvalidIsoDate} unless `value` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(value: unknown): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new InvalidIsoDate(value);
}

/** The calendar year of a date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtcMs(date) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * `date` moved back `years` whole years, as FEEL's `date - duration("P3Y")`: the same month and
 * day, and 29 February becomes 28 February when the earlier year has no leap day.
 */
export function subtractYears(date: IsoDate, years: number): IsoDate {
  const year = yearOf(date) - years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/**
 * Midnight of the date in the machine's own time zone. Libraries that read dates with local
 * getters (chinese-days does) see the intended day only when given this, in any time zone.
 */
export function toLocalMidnight(date: IsoDate): Date {
  return new Date(yearOf(date), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

// ISO dates compare correctly as strings, but arithmetic needs a number; UTC keeps it free of
// daylight-saving and time-zone shifts.
function toUtcMs(date: IsoDate): number {
  return Date.UTC(yearOf(date), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
