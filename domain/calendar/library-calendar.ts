import chineseDays from 'chinese-days';
import { toLocalMidnight } from './iso-date.ts';
import type { IsoDate } from './working-day-calendar.ts';

/**
 * The chinese-days package, reduced to what jingpin asks of it. Outside the years its data
 * covers it silently treats Monday to Friday as working days (it calls 2027-01-01 a working
 * day), so callers must ask {@link libraryCoversYear} first; this module never answers for an
 * uncovered year by itself.
 */

/** The version whose data the tests were checked against (package.json pins it). */
export const libraryName = 'chinese-days 1.5.7';

/** How the library describes one day it covers. */
export interface LibraryDay {
  readonly work: boolean;
  /** Holiday name in Chinese and English when the day belongs to a holiday arrangement. */
  readonly holiday?: { readonly zh: string; readonly en: string };
}

// The library publishes no list of its years. Every published arrangement has New Year's Day
// as a statutory holiday, so a year is covered exactly when the library knows a holiday in it.
// Scanned once, lazily: about a tenth of a second.
const scanFrom = 2000;
const scanTo = 2099;
let covered: readonly number[] | undefined;

/** The years whose arrangement chinese-days carries, oldest first. */
export function libraryYears(): readonly number[] {
  covered ??= Object.freeze(
    [
      ...new Set(
        chineseDays
          .getHolidaysInRange(new Date(scanFrom, 0, 1), new Date(scanTo, 11, 31), false)
          .map((date) => Number(date.slice(0, 4))),
      ),
    ].sort((a, b) => a - b),
  );
  return covered;
}

export function libraryCoversYear(year: number): boolean {
  return libraryYears().includes(year);
}

/** The library's answer for a date in a covered year. */
export function libraryDay(date: IsoDate): LibraryDay {
  const detail = chineseDays.getDayDetail(toLocalMidnight(date));
  // Holiday and make-up days are named "National Day,国庆节,3"; ordinary days by their weekday.
  const [en, zh] = detail.name.split(',');
  return zh === undefined || en === undefined ? { work: detail.work } : { work: detail.work, holiday: { zh, en } };
}
