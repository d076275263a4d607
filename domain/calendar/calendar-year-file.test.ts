import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CalendarFileError, parseCalendarYearFile } from './calendar-year-file.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/calendar/2027.test-fixture.json', import.meta.url), 'utf8'),
) as { year: number; days: Array<{ name: string; date: string; isOffDay: boolean }> };

function problemsOf(year: number, content: unknown, notice = '国办发明电〔2026〕0号'): Array<{ path: string; en: string }> {
  try {
    parseCalendarYearFile(year, content, notice);
  } catch (error) {
    if (error instanceof CalendarFileError) return error.problems.map(({ path, en }) => ({ path, en }));
    throw error;
  }
  throw new Error('expected CalendarFileError');
}

function withDays(days: Array<{ name: string; date: string; isOffDay: boolean }>): unknown {
  return { ...fixture, days };
}

describe('reading a year file in holiday-cn format', () => {
  it('splits days off from make-up working days and keeps the notice', () => {
    const year = parseCalendarYearFile(2027, fixture, ' 国办发明电〔2026〕0号 ');
    expect(year.year).toBe(2027);
    expect(year.holidays).toHaveLength(11);
    expect(year.makeUpWorkdays).toEqual(['2027-01-31', '2027-02-20']);
    expect(year.notice).toBe('国办发明电〔2026〕0号');
    expect(year.names?.['2027-01-01']).toBe('测试元旦 (test fixture)');
  });

  it('refuses a file for another year', () => {
    expect(problemsOf(2028, fixture)).toContainEqual({ path: '/year', en: 'the file is for 2027, not 2028' });
  });

  it('refuses a date outside the year and a date that does not exist', () => {
    const problems = problemsOf(2027, withDays([...fixture.days, { name: 'x', date: '2026-12-31', isOffDay: true }, { name: 'y', date: '2027-02-30', isOffDay: true }]));
    expect(problems).toEqual([
      { path: '/days/13/date', en: '2026-12-31 is not in 2027' },
      { path: '/days/14/date', en: '2027-02-30 is not a real date' },
    ]);
  });

  it('refuses a date that is both a day off and a working day', () => {
    const problems = problemsOf(2027, withDays([...fixture.days, { name: 'x', date: '2027-01-02', isOffDay: false }]));
    expect(problems).toContainEqual({ path: '/days/13/date', en: '2027-01-02 is both a day off and a working day (see /days/1)' });
  });

  it('refuses a make-up working day on a weekday', () => {
    const problems = problemsOf(2027, withDays([...fixture.days, { name: 'x', date: '2027-03-03', isOffDay: false }]));
    expect(problems).toEqual([
      { path: '/days/13/isOffDay', en: '2027-03-03 is a weekday already; a make-up working day must be a Saturday or Sunday' },
    ]);
  });

  it("refuses an empty placeholder, as holiday-cn publishes for a year not yet announced", () => {
    expect(problemsOf(2027, { year: 2027, papers: [], days: [] })).toEqual([
      { path: '/days', en: 'has no day off: a year not yet published cannot be loaded' },
    ]);
  });

  it('names the field whose type is wrong, and a missing notice', () => {
    expect(problemsOf(2027, withDays([{ name: '元旦', date: '2027-01-01', isOffDay: 'yes' as unknown as boolean }]))).toEqual([
      { path: '/days/0/isOffDay', en: 'must be true or false' },
    ]);
    expect(problemsOf(2027, fixture, '  ')).toEqual([{ path: '--notice', en: 'must name the State Council notice' }]);
  });
});
