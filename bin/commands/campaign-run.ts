import { assertIsoDate, InvalidIsoDate } from '../../domain/calendar/iso-date.ts';
import { CalendarYearNotPublished } from '../../domain/calendar/working-day-calendar.ts';
import { loadConfig } from '../../platform/config.ts';
import { planCampaignYear } from '../../platform/cycle/open-campaign.ts';
import { createPool } from '../../platform/db/pool.ts';
import { RuleSetNotLoaded } from '../../platform/rule-sets/errors.ts';
import { CommandInputError } from '../read-json.ts';

// The work of `jingpin campaign plan`, loaded only when it runs (bin/commands/campaign.ts).

export async function printPlan(yearText: string, options: { noticeDate?: string }): Promise<void> {
  try {
    if (!/^\d{4}$/.test(yearText)) throw new CommandInputError(`年份应为四位数字 / the year must be four digits, got ${JSON.stringify(yearText)}`);
    if (options.noticeDate !== undefined) assertIsoDate(options.noticeDate);
    const pool = createPool(loadConfig());
    try {
      const plan = await planCampaignYear({ db: pool, clock: { now: () => new Date() } }, Number(yearText), options.noticeDate);
      console.log(`${plan.year} 年度时间表（规则集第 ${plan.ruleSetVersion} 版）/ the ${plan.year} timetable (rule set version ${plan.ruleSetVersion})`);
      console.log(`  ${plan.dates.noticeDate}  通知发布 / notice issued`);
      for (const stage of plan.stages) {
        const why = stage.from === 'NOTICE' ? '通知规定 / set by the notice' : stage.from === 'YEAR_END' ? '12月31日前最后一个工作日 / last working day by 31 Dec' : '规则集 / rule set';
        console.log(`  ${stage.ends}  ${stage.name.zh} / ${stage.name.en}：${stage.workingDays} 个工作日 / working days（${why}）`);
      }
    } finally {
      await pool.end();
    }
  } catch (error) {
    if (error instanceof CommandInputError || error instanceof InvalidIsoDate || error instanceof RuleSetNotLoaded || error instanceof CalendarYearNotPublished) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}
