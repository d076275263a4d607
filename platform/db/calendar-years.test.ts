import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCalendarYearFile } from '../../domain/calendar/calendar-year-file.ts';
import { CalendarYearNotPublished } from '../../domain/calendar/working-day-calendar.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { CalendarYearAlreadyLoaded, listCalendarYears, loadWorkingDayCalendar, saveCalendarYear } from './calendar-years.ts';

const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/calendar/2027.test-fixture.json', import.meta.url), 'utf8')) as unknown;
const year2027 = parseCalendarYearFile(2027, fixture, 'TEST FIXTURE 测试通知');
const at = new Date('2026-11-20T02:00:00Z');

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
});
afterEach(() => db.drop());

describe('working_day_calendar_years', () => {
  it('stores a year and gives it back as loaded, dates unchanged', async () => {
    expect(await saveCalendarYear(db.pool, year2027, { at, by: 'admin' })).toBe('loaded');
    const [loaded] = await listCalendarYears(db.pool);
    expect(loaded).toEqual({ ...year2027, loadedAt: at, loadedBy: 'admin' });
  });

  it('builds a calendar that answers the loaded year and still refuses the next', async () => {
    const before = await loadWorkingDayCalendar(db.pool);
    expect(() => before.addWorkingDays('2026-12-28', 7)).toThrow(CalendarYearNotPublished);
    await saveCalendarYear(db.pool, year2027, { at, by: 'admin' });
    const after = await loadWorkingDayCalendar(db.pool);
    expect(after.addWorkingDays('2026-12-28', 7)).toBe('2027-01-07');
    expect(() => after.isWorkingDay('2028-01-03')).toThrow(CalendarYearNotPublished);
  });

  it('refuses to load a year twice unless asked to replace it', async () => {
    await saveCalendarYear(db.pool, year2027, { at, by: 'admin' });
    const amended = { ...year2027, notice: '更正 / amended', makeUpWorkdays: ['2027-01-31'] };
    await expect(saveCalendarYear(db.pool, amended, { at, by: 'other' })).rejects.toThrow(CalendarYearAlreadyLoaded);
    expect((await listCalendarYears(db.pool))[0]?.notice).toBe('TEST FIXTURE 测试通知');
    expect(await saveCalendarYear(db.pool, amended, { at, by: 'other', replace: true })).toBe('replaced');
    expect(await listCalendarYears(db.pool)).toMatchObject([{ notice: '更正 / amended', makeUpWorkdays: ['2027-01-31'], loadedBy: 'other' }]);
  });

  it('refuses a date both off and working, even past the domain check', async () => {
    const clash = { ...year2027, makeUpWorkdays: ['2027-01-01'] };
    await expect(saveCalendarYear(db.pool, clash, { at, by: 'admin' })).rejects.toThrow(/check constraint/);
  });
});
