import { Command } from 'commander';
import type { ChineseWorkingDayCalendar, DayDescription } from '../../domain/calendar/chinese-working-day-calendar.ts';
import { InvalidIsoDate } from '../../domain/calendar/iso-date.ts';
import { CalendarYearNotPublished } from '../../domain/calendar/working-day-calendar.ts';
import { loadConfig } from '../../platform/config.ts';
import { CalendarTableMissing, loadWorkingDayCalendar } from '../../platform/db/calendar-years.ts';
import { createPool } from '../../platform/db/pool.ts';
import { CommandInputError } from '../read-json.ts';

/** `jingpin workdays add DATE N` and `jingpin workdays is DATE`: Chinese working days with 调休. */
export function workdaysCommand(): Command {
  const command = new Command('workdays').description('中国工作日（含调休）/ Chinese working days, with make-up days');
  command
    .command('add')
    .description('DATE 之后第 N 个工作日（DATE 当天不计）/ the date N working days after DATE (DATE itself not counted)')
    .argument('<date>', '起始日期 YYYY-MM-DD / start date')
    .argument('<n>', '工作日数 / number of working days')
    .action((date: string, n: string) =>
      withCalendar((calendar) => {
        if (!/^\d+$/.test(n)) throw new CommandInputError(`N 必须是非负整数 / N must be a whole number ≥ 0, got ${JSON.stringify(n)}`);
        console.log(calendar.addWorkingDays(date, Number(n)));
      }),
    );
  command
    .command('is')
    .description('DATE 是否为工作日 / whether DATE is a working day')
    .argument('<date>', '日期 YYYY-MM-DD / date')
    .action((date: string) => withCalendar((calendar) => console.log(describe(calendar.describeDay(date)))));
  return command;
}

// Reads the loaded years from the database, then answers. Mistakes in the arguments exit 2;
// an unpublished year exits 1 with the error's own instructions; anything else goes on to
// the CLI's failure report.
async function withCalendar(work: (calendar: ChineseWorkingDayCalendar) => void): Promise<void> {
  const pool = createPool(loadConfig());
  try {
    work(await loadWorkingDayCalendar(pool));
  } catch (error) {
    if (error instanceof InvalidIsoDate || error instanceof CommandInputError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof CalendarYearNotPublished || error instanceof CalendarTableMissing) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await pool.end();
  }
}

function describe(day: DayDescription): string {
  const name = day.holiday ? `：${day.holiday.zh}` : '';
  const nameEn = day.holiday ? `: ${day.holiday.en ?? day.holiday.zh}` : '';
  switch (day.kind) {
    case 'MAKE_UP_WORKDAY':
      return `${day.date} 是工作日（调休上班${name}）/ ${day.date} is a working day (make-up working day${nameEn})`;
    case 'HOLIDAY':
      return `${day.date} 不是工作日（放假${name}）/ ${day.date} is not a working day (holiday${nameEn})`;
    case 'WEEKEND':
      return `${day.date} 不是工作日（周末）/ ${day.date} is not a working day (weekend)`;
    case 'WORKDAY':
      return `${day.date} 是工作日 / ${day.date} is a working day`;
  }
}
