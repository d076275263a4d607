import { Type, type Static } from '@sinclair/typebox';
import type { CalendarYear } from './calendar-year.ts';
import { isIsoDate, weekdayOf, yearOf } from './iso-date.ts';
import { schemaProblems, type SchemaProblem } from './schema-problems.ts';
import type { IsoDate } from './working-day-calendar.ts';

/**
 * A year's published days in holiday-cn's format (github.com/NateScarlet/holiday-cn), so that
 * file can be loaded as published: `isOffDay: true` is a day off, `false` a make-up working day.
 */
export const CalendarYearFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    $id: Type.Optional(Type.String()),
    year: Type.Integer({ description: '年份 / the year' }),
    papers: Type.Optional(Type.Array(Type.String(), { description: '国务院通知的网址 / the State Council notice URLs' })),
    days: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, description: '节日名称 / holiday name, e.g. 元旦' }),
          date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          isOffDay: Type.Boolean({ description: 'true 放假 / day off; false 调休上班 / make-up working day' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type CalendarYearFile = Static<typeof CalendarYearFileSchema>;

/** A calendar file that cannot be loaded; `problems` name each field at fault. */
export class CalendarFileError extends Error {
  override readonly name = 'CalendarFileError';
  constructor(readonly problems: readonly SchemaProblem[]) {
    super(
      `日历文件有误 / the calendar file is wrong: ` + problems.map((p) => `${p.path} ${p.zh} / ${p.en}`).join('; '),
    );
  }
}

/**
 * Checks a file meant to publish `year`'s arrangement and turns it into a {@link CalendarYear}.
 * Refused: a file for another year, a date outside the year or not a real date, a date listed
 * twice (above all as both a day off and a working day), a make-up working day that is not a
 * Saturday or Sunday, and a file with no day off at all (holiday-cn's placeholder for a year
 * not yet published is exactly that).
 * @throws {CalendarFileError} listing every problem at once.
 */
export function parseCalendarYearFile(year: number, content: unknown, notice: string): CalendarYear {
  const shapeProblems = schemaProblems(CalendarYearFileSchema, content);
  if (shapeProblems.length > 0) throw new CalendarFileError(shapeProblems);
  const file = content as CalendarYearFile;

  const problems: SchemaProblem[] = [];
  if (notice.trim() === '') {
    problems.push({ path: '--notice', zh: '必须注明国务院通知文号', en: 'must name the State Council notice' });
  }
  if (file.year !== year) {
    problems.push({ path: '/year', zh: `文件是 ${file.year} 年的，不是 ${year} 年`, en: `the file is for ${file.year}, not ${year}` });
  }
  const firstIndex = new Map<IsoDate, number>();
  file.days.forEach((day, index) => {
    const path = `/days/${index}/date`;
    if (!isIsoDate(day.date)) {
      problems.push({ path, zh: `${day.date} 不是有效日期`, en: `${day.date} is not a real date` });
      return;
    }
    if (yearOf(day.date) !== year) {
      problems.push({ path, zh: `${day.date} 不在 ${year} 年内`, en: `${day.date} is not in ${year}` });
    }
    const earlier = firstIndex.get(day.date);
    if (earlier !== undefined) {
      const clash = file.days[earlier]?.isOffDay !== day.isOffDay;
      problems.push(
        clash
          ? { path, zh: `${day.date} 既是放假日又是上班日（见 /days/${earlier}）`, en: `${day.date} is both a day off and a working day (see /days/${earlier})` }
          : { path, zh: `${day.date} 重复列出（见 /days/${earlier}）`, en: `${day.date} is listed twice (see /days/${earlier})` },
      );
    } else {
      firstIndex.set(day.date, index);
    }
    const weekday = weekdayOf(day.date);
    if (!day.isOffDay && weekday !== 0 && weekday !== 6) {
      problems.push({
        path: `/days/${index}/isOffDay`,
        zh: `${day.date} 本是工作日，调休上班日只能是周六或周日`,
        en: `${day.date} is a weekday already; a make-up working day must be a Saturday or Sunday`,
      });
    }
  });
  if (!file.days.some((day) => day.isOffDay)) {
    problems.push({
      path: '/days',
      zh: '没有任何放假日：尚未公布的年份不能导入',
      en: 'has no day off: a year not yet published cannot be loaded',
    });
  }
  if (problems.length > 0) throw new CalendarFileError(problems);

  return {
    year,
    holidays: file.days.filter((day) => day.isOffDay).map((day) => day.date).sort(),
    makeUpWorkdays: file.days.filter((day) => !day.isOffDay).map((day) => day.date).sort(),
    notice: notice.trim(),
    names: Object.fromEntries(file.days.map((day) => [day.date, day.name])),
  };
}
