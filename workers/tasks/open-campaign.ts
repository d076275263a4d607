import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { ruleSetFor, UnknownCampaignYear } from '../../domain/campaign/rule-set-for.ts';
import { campaignTimetable, type CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * The year's notice is out: the campaign opens under that year's rule set, with its timetable
 * computed once on the working-day calendar (a repeated job finds the campaign and reuses it).
 */
export function openCampaignWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.openCampaign,
    description: '开启年度申报并计算时间表 / open the campaign and compute its timetable',
    input: Type.Object({ campaignYear: Type.Integer(), noticeNumber: Type.Optional(Type.String({ minLength: 1 })) }),
    async handler(job) {
      const { campaignYear } = job.variables;
      let ruleSet;
      try {
        ruleSet = ruleSetFor(campaignYear);
      } catch (error) {
        if (error instanceof UnknownCampaignYear) return incident(error.message);
        throw error;
      }
      const at = ports.clock.now();
      let timetable: CampaignTimetable;
      try {
        timetable = campaignTimetable(ruleSet, beijingDateOf(at), await ports.calendar());
      } catch (error) {
        return calendarIncident(error);
      }
      const notice = job.variables.noticeNumber ?? (ruleSet.notice.known ? ruleSet.notice.value.reference : `苏质委办〔${campaignYear}〕`);
      const saved = await withTransaction(ports.db, async (db) => {
        const { rows } = await db.query<{ timetable: CampaignTimetable }>(
          `INSERT INTO campaigns (year, notice_number, status, timetable, opened_at) VALUES ($1, $2, 'OPEN', $3, $4)
           ON CONFLICT (year) DO UPDATE SET year = EXCLUDED.year RETURNING timetable`,
          [campaignYear, notice, JSON.stringify(timetable), at],
        );
        await appendAudit(db, { actor: SYSTEM_ACTOR, role: 'provincial_office', action: 'campaign.opened', subjectType: 'campaign', subjectId: String(campaignYear), detail: { notice, timetable }, at });
        return rows[0]!.timetable;
      });
      return complete({ ...saved });
    },
  });
}
