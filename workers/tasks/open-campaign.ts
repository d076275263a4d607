import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { campaignTimetable, planCampaign, type CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { markRuleSetUsed } from '../../platform/db/rule-sets.ts';
import { RuleSetNotLoaded } from '../../platform/rule-sets/errors.ts';
import { ruleSetFor } from '../../platform/rule-sets/rule-sets.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * The year's notice is out: the campaign opens under that year's rule set, with the timetable the
 * office's request checked (platform/cycle/open-campaign.ts); a case started before timetables
 * were checked there gets the plan from today. The version opened with is marked used, so it can
 * no longer change. A repeated job finds the campaign and reuses it.
 */
export function openCampaignWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.openCampaign,
    description: '开启年度申报并计算时间表 / open the campaign and compute its timetable',
    input: Type.Object({
      campaignYear: Type.Integer(),
      noticeNumber: Type.Optional(Type.String({ minLength: 1 })),
      ruleSetVersion: Type.Optional(Type.Integer({ minimum: 1 })),
      timetable: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
    async handler(job) {
      const { campaignYear } = job.variables;
      let ruleSet;
      try {
        ruleSet = await ruleSetFor(ports.db, campaignYear);
      } catch (error) {
        if (error instanceof RuleSetNotLoaded) return incident(error.message);
        throw error;
      }
      const at = ports.clock.now();
      let timetable = job.variables.timetable as CampaignTimetable | undefined;
      if (!timetable) {
        try {
          const calendar = await ports.calendar();
          timetable = campaignTimetable(planCampaign(ruleSet, beijingDateOf(at), calendar).dates, calendar);
        } catch (error) {
          return calendarIncident(error);
        }
      }
      const version = job.variables.ruleSetVersion ?? ruleSet.version;
      const notice = job.variables.noticeNumber ?? (ruleSet.notice.known ? ruleSet.notice.value.reference : `苏质委办〔${campaignYear}〕`);
      const saved = await withTransaction(ports.db, async (db) => {
        const { rows } = await db.query<{ timetable: CampaignTimetable }>(
          `INSERT INTO campaigns (year, notice_number, status, timetable, opened_at, rule_set_version) VALUES ($1, $2, 'OPEN', $3, $4, $5)
           ON CONFLICT (year) DO UPDATE SET year = EXCLUDED.year RETURNING timetable`,
          [campaignYear, notice, JSON.stringify(timetable), at, version],
        );
        await markRuleSetUsed(db, campaignYear, version, at);
        await appendAudit(db, { actor: SYSTEM_ACTOR, role: 'provincial_office', action: 'campaign.opened', subjectType: 'campaign', subjectId: String(campaignYear), detail: { notice, timetable, ruleSetVersion: version }, at });
        return rows[0]!.timetable;
      });
      return complete({ ...saved });
    },
  });
}
