import { readFileSync } from 'node:fs';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { parseCalendarYearFile } from './calendar-year-file.ts';
import { ChineseWorkingDayCalendar } from './chinese-working-day-calendar.ts';
import { addDays, InvalidIsoDate } from './iso-date.ts';
import { libraryName } from './library-calendar.ts';
import { CalendarYearNotPublished } from './working-day-calendar.ts';

const fixture2027 = JSON.parse(
  readFileSync(new URL('../../test/fixtures/calendar/2027.test-fixture.json', import.meta.url), 'utf8'),
) as unknown;
const loaded2027 = parseCalendarYearFile(2027, fixture2027, 'TEST FIXTURE 测试用');

const calendar = new ChineseWorkingDayCalendar();

function refusal(action: () => unknown): CalendarYearNotPublished {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarYearNotPublished) return error;
    throw error;
  }
  throw new Error('expected CalendarYearNotPublished, but nothing was thrown');
}

describe('adding working days across the 2026 holidays', () => {
  it.each([
    ['2026-09-28', 7, '2026-10-13'], // skips 1–7 October; Sat 10 Oct counts
    ['2026-02-12', 7, '2026-02-28'], // skips the Spring Festival; ends on a make-up Saturday
    ['2026-04-30', 7, '2026-05-13'], // skips 1–5 May; Sat 9 May counts
    ['2025-12-31', 1, '2026-01-04'], // 1–3 January off; Sun 4 Jan is a make-up day
    ['2026-06-18', 1, '2026-06-22'], // Dragon Boat Festival 19–21 June
  ])('%s plus %i working days is %s', (from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
  });

  it('never counts the start date itself, and 0 days leaves the date as it is', () => {
    expect(calendar.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(calendar.addWorkingDays('2026-10-01', 0)).toBe('2026-10-01');
  });

  it('counts working days between two dates, the first excluded and the last included', () => {
    expect(calendar.workingDaysBetween('2026-09-28', '2026-10-13')).toBe(7);
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-28')).toBe(7);
    expect(calendar.workingDaysBetween('2026-10-13', '2026-10-13')).toBe(0);
  });
});

describe('2026 make-up days and holidays', () => {
  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])(
    'the weekend make-up day %s is a working day',
    (date) => {
      expect(calendar.isWorkingDay(date)).toBe(true);
      expect(calendar.describeDay(date).kind).toBe('MAKE_UP_WORKDAY');
    },
  );

  it.each(['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-23', '2026-04-06', '2026-05-05', '2026-09-25', '2026-10-01', '2026-10-07'])(
    'the holiday %s is not a working day',
    (date) => {
      expect(calendar.isWorkingDay(date)).toBe(false);
      expect(calendar.describeDay(date).kind).toBe('HOLIDAY');
    },
  );

  it('names the holiday in Chinese and English', () => {
    expect(calendar.describeDay('2026-10-01')).toEqual({
      date: '2026-10-01',
      working: false,
      kind: 'HOLIDAY',
      holiday: { zh: '国庆节', en: 'National Day' },
      source: 'chinese-days 1.5.7',
    });
  });

  it('treats ordinary weekends and weekdays as such', () => {
    expect(calendar.describeDay('2026-03-07').kind).toBe('WEEKEND');
    expect(calendar.describeDay('2026-03-09').kind).toBe('WORKDAY');
  });
});

describe('2025 holidays', () => {
  it.each(['2025-01-01', '2025-01-28', '2025-02-04', '2025-04-04', '2025-05-01', '2025-05-05', '2025-06-02', '2025-10-01', '2025-10-08'])(
    'the holiday %s is not a working day',
    (date) => expect(calendar.isWorkingDay(date)).toBe(false),
  );

  it.each(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])(
    'the make-up day %s is a working day',
    (date) => expect(calendar.isWorkingDay(date)).toBe(true),
  );

  it.each([
    ['2025-09-30', 1, '2025-10-09'], // National Day and Mid-Autumn merged, 1–8 October
    ['2025-09-26', 2, '2025-09-29'], // Sun 28 Sep is a make-up day
    ['2025-01-24', 3, '2025-02-05'], // Sun 26 Jan counts, then 28 Jan–4 Feb off
  ])('%s plus %i working days is %s', (from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
  });

  it('agrees with chinese-days on every day of 2025 and 2026', () => {
    const disagreements: string[] = [];
    for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day) !== chineseDays.isWorkday(day)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('an uncovered year is refused', () => {
  it('runs on the chinese-days version it names', () => {
    const installed = JSON.parse(readFileSync(new URL('../../node_modules/chinese-days/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(libraryName).toBe(`chinese-days ${installed.version}`);
  });

  it('covers exactly the years chinese-days 1.5.7 has, 2004 to 2026', () => {
    // When a newer chinese-days adds 2027, this fails: check the new data, then update the
    // expectations here and the version in library-calendar.ts.
    expect(calendar.coveredYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it('refuses a 2027 date instead of calling 1 January a working day', () => {
    const error = refusal(() => calendar.isWorkingDay('2027-01-01'));
    expect(error.year).toBe(2027);
    expect(error.message).toContain('2027');
    expect(error.message).toContain('jingpin calendar load 2027');
  });

  it('refuses a count that runs from 2026 into 2027', () => {
    expect(refusal(() => calendar.addWorkingDays('2026-12-28', 7)).year).toBe(2027);
    expect(refusal(() => calendar.workingDaysBetween('2026-12-28', '2027-01-08')).year).toBe(2027);
  });

  it('still answers a count that stays inside 2026', () => {
    expect(calendar.addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
  });

  it('refuses years before the data starts too', () => {
    expect(refusal(() => calendar.isWorkingDay('2003-06-02')).year).toBe(2003);
  });
});

describe('a year the office loaded', () => {
  const withLoaded = new ChineseWorkingDayCalendar([loaded2027]);

  it('answers 2027 once its calendar is loaded', () => {
    expect(withLoaded.isWorkingDay('2027-01-01')).toBe(false);
    expect(withLoaded.addWorkingDays('2026-12-28', 7)).toBe('2027-01-07');
    expect(withLoaded.isWorkingDay('2027-01-31')).toBe(true);
    expect(withLoaded.describeDay('2027-01-31')).toMatchObject({ kind: 'MAKE_UP_WORKDAY', source: 'TEST FIXTURE 测试用' });
    expect(withLoaded.coveredYears().at(-1)).toBe(2027);
  });

  it('still refuses 2028', () => {
    expect(refusal(() => withLoaded.isWorkingDay('2028-01-03')).year).toBe(2028);
  });

  it('wins over the library for the same year', () => {
    const amended = new ChineseWorkingDayCalendar([
      { year: 2026, holidays: ['2026-01-01'], makeUpWorkdays: [], notice: '假设的更正通知 / a hypothetical amendment' },
    ]);
    expect(amended.isWorkingDay('2026-10-01')).toBe(true);
    expect(amended.isWorkingDay('2026-01-01')).toBe(false);
  });
});

describe('bad arguments', () => {
  it('refuses a date that does not exist', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(InvalidIsoDate);
    expect(() => calendar.addWorkingDays('2026/09/28', 7)).toThrow(InvalidIsoDate);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => calendar.addWorkingDays('2026-09-28', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-09-28', 1.5)).toThrow(RangeError);
  });
});
