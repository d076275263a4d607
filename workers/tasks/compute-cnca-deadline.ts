import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { cncaReportDeadline, cncaReportReminder } from '../../domain/deadlines/cnca-report.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** The CNCA report deadline (7 working days after certification ends) and its reminder, for the model's timers. */
export function computeCncaDeadlineWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.computeCncaDeadline,
    description: '计算向国家认监委报送的期限 / compute the CNCA report deadline',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }), certificationEndedAt: Type.String() }),
    async handler(job) {
      try {
        const calendar = await ports.calendar();
        const deadline = cncaReportDeadline(calendar, beijingDateOf(new Date(job.variables.certificationEndedAt)));
        const reminder = cncaReportReminder(calendar, deadline.date);
        // On record now, so the deadlines coming up can be listed before the body reports.
        await ports.db.query('UPDATE certifications SET cnca_due_at = $2 WHERE declaration_number = $1', [job.variables.declarationNumber, deadline.at]);
        return complete({ cncaDeadline: deadline.at, cncaReminderAt: reminder.at });
      } catch (error) {
        return calendarIncident(error);
      }
    },
  });
}
