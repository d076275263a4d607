import { CommandInputError, readJsonFile } from '../read-json.ts';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { CalendarFileError, parseCalendarYearFile } from '../../domain/calendar/calendar-year-file.ts';
import { libraryName, libraryYears } from '../../domain/calendar/library-calendar.ts';
import { CalendarTableMissing, CalendarYearAlreadyLoaded, listCalendarYears, saveCalendarYear } from '../../platform/db/calendar-years.ts';
import { withPool } from '../with-pool.ts';

/** `jingpin calendar load|years`: the holiday arrangements the working-day calendar knows. */
export function calendarCommand(): Command {
  const command = new Command('calendar').description('节假日安排的导入与查看 / load and list holiday arrangements');
  command
    .command('load')
    .description('导入国务院公布的某年节假日安排（holiday-cn 格式的 JSON）/ load a year the State Council published (JSON in holiday-cn format)')
    .argument('<year>', '年份 / year')
    .argument('<file>', 'JSON 文件 / JSON file')
    .requiredOption('--notice <reference>', '国务院通知文号，如 "国办发明电〔2025〕7号" / the State Council notice reference')
    .option('--by <name>', '导入人（默认当前系统用户）/ who loads it (default: the system user)')
    .option('--replace', '替换已导入的同一年 / replace a year already loaded')
    .action((yearText: string, file: string, options: { notice: string; by?: string; replace?: boolean }) =>
      reported(async () => {
        if (!/^\d{4}$/.test(yearText)) throw new CommandInputError(`年份应为四位数字 / the year must be four digits, got ${JSON.stringify(yearText)}`);
        const year = parseCalendarYearFile(Number(yearText), await readJsonFile(file), options.notice);
        const by = options.by ?? userInfo().username;
        const result = await withPool((pool) => saveCalendarYear(pool, year, { at: new Date(), by, replace: options.replace === true }));
        const verb = result === 'replaced' ? { zh: '已替换', en: 'replaced' } : { zh: '已导入', en: 'loaded' };
        console.log(
          `${verb.zh} ${year.year} 年：${year.holidays.length} 个放假日，${year.makeUpWorkdays.length} 个调休上班日（${year.notice}）/ ` +
            `${verb.en} ${year.year}: ${year.holidays.length} days off, ${year.makeUpWorkdays.length} make-up working days (${year.notice})`,
        );
      }),
    );
  command
    .command('years')
    .description('列出工作日日历覆盖的年份 / list the years the working-day calendar covers')
    .action(() =>
      reported(async () => {
        const bundled = libraryYears();
        const loaded = await withPool(listCalendarYears);
        console.log(`${bundled[0]}–${bundled.at(-1)}  ${libraryName}（随软件提供 / bundled）`);
        for (const year of loaded) {
          const overrides = bundled.includes(year.year) ? { zh: '，覆盖随软件数据', en: ', overrides the bundled data' } : { zh: '', en: '' };
          const at = year.loadedAt.toISOString();
          console.log(`${year.year}  ${year.notice}（${at} 由 ${year.loadedBy} 导入${overrides.zh} / loaded ${at} by ${year.loadedBy}${overrides.en}）`);
        }
      }),
    );
  return command;
}


// Mistakes in what the person gave exit 2; an unmigrated database exits 1 saying what to run;
// anything else goes on to the CLI's failure report with its stack.
async function reported(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof CommandInputError || error instanceof CalendarFileError || error instanceof CalendarYearAlreadyLoaded) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof CalendarTableMissing) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}


