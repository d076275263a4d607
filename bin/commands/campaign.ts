import { Command } from 'commander';

/** `jingpin campaign plan`: the proposed timetable of a year, before the office opens it (docs/rule-sets.md). */
export function campaignCommand(): Command {
  const command = new Command('campaign').description('年度申报 / campaigns');
  command
    .command('plan')
    .description('按规则集的各阶段工作日数和节假日推算年度时间表 / the proposed timetable in working days, from the rule set and the holidays')
    .argument('<year>', '申报年度 / campaign year')
    .option('--notice-date <date>', '通知日期（默认今天）/ the notice date (default: today)')
    // Imported when it runs, so other commands start without the campaign modules.
    .action(async (year: string, options: { noticeDate?: string }) => (await import('./campaign-run.ts')).printPlan(year, options));
  return command;
}
