import type { CalendarYear } from './calendar-year.ts';
import { addDays, assertIsoDate, weekdayOf, yearOf } from './iso-date.ts';
import { libraryCoversYear, libraryDay, libraryName, libraryYears } from './library-calendar.ts';
import { CalendarYearNotPublished, type IsoDate, type WorkingDayCalendar } from './working-day-calendar.ts';

/** Why a day is or is not a working day. */
export type DayKind = 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'MAKE_UP_WORKDAY';

/** One day as the calendar sees it, with where the answer came from. */
export interface DayDescription {
  readonly date: IsoDate;
  readonly working: boolean;
  readonly kind: DayKind;
  /** The holiday a holiday or make-up day belongs to; `en` only when the source gives it. */
  readonly holiday?: { readonly zh: string; readonly en?: string };
  /** `chinese-days 1.5.7`, or the notice of a year the office loaded. */
  readonly source: string;
}

/**
 * jingpin's working-day calendar: chinese-days for the years its data covers, and the years
 * the office loaded from State Council notices (passed in, so the domain does no I/O). A loaded
 * year wins over the library's copy of the same year: the office loads it to correct or
 * supersede what the library has (as when 2020's Spring Festival holiday was extended).
 * Any other year is refused with {@link CalendarYearNotPublished}.
 */
export class ChineseWorkingDayCalendar implements WorkingDayCalendar {
  readonly #loaded: ReadonlyMap<number, LoadedYear>;

  constructor(loadedYears: readonly CalendarYear[] = []) {
    this.#loaded = new Map(loadedYears.map((year) => [year.year, indexYear(year)]));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.describeDay(date).working;
  }

  /** The day with the reason it is or is not a working day. */
  describeDay(date: IsoDate): DayDescription {
    assertIsoDate(date);
    const year = yearOf(date);
    const loaded = this.#loaded.get(year);
    if (loaded) return describeLoaded(date, loaded);
    if (libraryCoversYear(year)) return describeFromLibrary(date);
    throw new CalendarYearNotPublished(year);
  }

  addWorkingDays(date: IsoDate, n: number): IsoDate {
    assertIsoDate(date);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`工作日数必须是非负整数 / the number of working days must be a whole number ≥ 0, got ${n}`);
    }
    // Day by day, so every day the count crosses is checked against a published year: a
    // deadline running into an unpublished January is refused, never guessed.
    let day = date;
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    assertIsoDate(from);
    assertIsoDate(to);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  coveredYears(): readonly number[] {
    return [...new Set([...libraryYears(), ...this.#loaded.keys()])].sort((a, b) => a - b);
  }
}

interface LoadedYear {
  readonly holidays: ReadonlySet<IsoDate>;
  readonly makeUpWorkdays: ReadonlySet<IsoDate>;
  readonly names: Readonly<Record<IsoDate, string>>;
  readonly notice: string;
}

function indexYear(year: CalendarYear): LoadedYear {
  return {
    holidays: new Set(year.holidays),
    makeUpWorkdays: new Set(year.makeUpWorkdays),
    names: year.names ?? {},
    notice: year.notice,
  };
}

function describeLoaded(date: IsoDate, year: LoadedYear): DayDescription {
  const name = year.names[date];
  const holiday = name === undefined ? {} : { holiday: { zh: name } };
  if (year.makeUpWorkdays.has(date)) return { date, working: true, kind: 'MAKE_UP_WORKDAY', ...holiday, source: year.notice };
  if (year.holidays.has(date)) return { date, working: false, kind: 'HOLIDAY', ...holiday, source: year.notice };
  return plainDay(date, year.notice);
}

function describeFromLibrary(date: IsoDate): DayDescription {
  const day = libraryDay(date);
  if (!day.holiday) return plainDay(date, libraryName);
  const kind: DayKind = day.work ? 'MAKE_UP_WORKDAY' : 'HOLIDAY';
  return { date, working: day.work, kind, holiday: day.holiday, source: libraryName };
}

function plainDay(date: IsoDate, source: string): DayDescription {
  const weekday = weekdayOf(date);
  const weekend = weekday === 0 || weekday === 6;
  return { date, working: !weekend, kind: weekend ? 'WEEKEND' : 'WORKDAY', source };
}
