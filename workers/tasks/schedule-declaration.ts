import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** A declaration's deadlines come from its campaign's timetable (computed when the campaign opened). */
export function scheduleDeclarationWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.scheduleDeclaration,
    description: '按年度时间表安排申报期限 / schedule the declaration from its campaign\'s timetable',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }), campaignYear: Type.Integer() }),
    async handler(job) {
      const { rows } = await ports.db.query<{ timetable: Partial<CampaignTimetable> }>('SELECT timetable FROM campaigns WHERE year = $1', [job.variables.campaignYear]);
      const timetable = rows[0]?.timetable;
      if (!timetable?.citySubmissionDeadline || !timetable.cityReminderAt) {
        return incident(`${job.variables.campaignYear} 年度申报尚未开启 / the ${job.variables.campaignYear} campaign is not open: no timetable for ${job.variables.declarationNumber}`);
      }
      return complete({ citySubmissionDeadline: timetable.citySubmissionDeadline, cityReminderAt: timetable.cityReminderAt });
    },
  });
}
