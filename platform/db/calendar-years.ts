import type { CalendarYear } from '../../domain/calendar/calendar-year.ts';
import { ChineseWorkingDayCalendar } from '../../domain/calendar/chinese-working-day-calendar.ts';
import type { Pool } from './pool.ts';

/** A year in the `working_day_calendar_years` table, with who loaded it and when. */
export interface LoadedCalendarYear extends CalendarYear {
  readonly loadedAt: Date;
  readonly loadedBy: string;
}

/** The year is loaded already; replacing it must be asked for (`--replace`). */
export class CalendarYearAlreadyLoaded extends Error {
  override readonly name = 'CalendarYearAlreadyLoaded';
  constructor(readonly existing: LoadedCalendarYear) {
    super(
      `${existing.year} 年已于 ${existing.loadedAt.toISOString()} 由 ${existing.loadedBy} 导入（${existing.notice}）；如要替换请加 --replace / ` +
        `${existing.year} was loaded at ${existing.loadedAt.toISOString()} by ${existing.loadedBy} (${existing.notice}); add --replace to replace it`,
    );
  }
}

/** The table is missing: this database has not been migrated to 0003 yet. */
export class CalendarTableMissing extends Error {
  override readonly name = 'CalendarTableMissing';
  constructor(options?: ErrorOptions) {
    super('数据库尚未建立节假日表，请先运行 `jingpin migrate` / the database has no calendar table yet: run `jingpin migrate` first', options);
  }
}

interface Row {
  year: number;
  holidays: string[];
  makeup_workdays: string[];
  day_names: Record<string, string>;
  notice: string;
  loaded_at: Date;
  loaded_by: string;
}

// Dates travel as text: pg would turn a `date` into a JS Date at local midnight, which shifts
// the day in any time zone west of UTC.
const selectYears = `
  select year, holidays::text[] as holidays, makeup_workdays::text[] as makeup_workdays, day_names,
         notice, loaded_at, loaded_by
    from working_day_calendar_years`;

/**
 * Every loaded year, oldest first.
 * @throws {CalendarTableMissing} when the database is not migrated.
 */
export async function listCalendarYears(pool: Pool): Promise<LoadedCalendarYear[]> {
  const { rows } = await pool.query<Row>(`${selectYears} order by year`).catch(explainMissingTable);
  return rows.map(fromRow);
}

/**
 * Stores a checked year (see parseCalendarYearFile). A year already loaded is replaced only
 * when `replace` is set, so a second load of the wrong file cannot silently change deadlines.
 * @throws {CalendarYearAlreadyLoaded} when the year exists and `replace` is not set.
 * @throws {CalendarTableMissing} when the database is not migrated.
 */
export async function saveCalendarYear(
  pool: Pool,
  year: CalendarYear,
  loaded: { readonly at: Date; readonly by: string; readonly replace?: boolean },
): Promise<'loaded' | 'replaced'> {
  const { rows } = await pool.query<Row & { replaced: boolean }>(
    `insert into working_day_calendar_years (year, holidays, makeup_workdays, day_names, notice, loaded_at, loaded_by)
     values ($1, $2::date[], $3::date[], $4, $5, $6, $7)
     on conflict (year) do update set
       holidays = excluded.holidays, makeup_workdays = excluded.makeup_workdays, day_names = excluded.day_names,
       notice = excluded.notice, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by
       where $8
     returning (xmax <> 0) as replaced`,
    [year.year, year.holidays, year.makeUpWorkdays, year.names ?? {}, year.notice, loaded.at, loaded.by, loaded.replace === true],
  ).catch(explainMissingTable);
  const saved = rows[0];
  if (saved) return saved.replaced ? 'replaced' : 'loaded';
  // Nothing returned: the row exists and replace was not asked for.
  const existing = await pool.query<Row>(`${selectYears} where year = $1`, [year.year]);
  throw new CalendarYearAlreadyLoaded(fromRow(existing.rows[0] as Row));
}

/** The working-day calendar: chinese-days plus every year the office loaded. */
export async function loadWorkingDayCalendar(pool: Pool): Promise<ChineseWorkingDayCalendar> {
  return new ChineseWorkingDayCalendar(await listCalendarYears(pool));
}

// 42P01 undefined_table: say what to do instead of showing a SQL error.
function explainMissingTable(error: unknown): never {
  throw (error as { code?: string }).code === '42P01' ? new CalendarTableMissing({ cause: error }) : error;
}

function fromRow(row: Row): LoadedCalendarYear {
  return {
    year: row.year,
    holidays: row.holidays,
    makeUpWorkdays: row.makeup_workdays,
    names: row.day_names,
    notice: row.notice,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
  };
}
