import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/** The alliance secretariat's yearly certification work report reached the provincial office. */
export function recordAllianceReportWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordAllianceReport,
    description: '记录联盟年度工作报告 / record the alliance annual report',
    input: Type.Object({
      campaignYear: Type.Integer(),
      reportSummary: Type.String({ minLength: 1 }),
      allianceReportDue: Type.String(),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { campaignYear, reportSummary, allianceReportDue } = job.variables;
      const at = ports.clock.now();
      const submittedBy = decidedByOf(job.variables);
      await withTransaction(ports.db, async (db) => {
        await db.query(
          `INSERT INTO alliance_reports (campaign_year, due_at, submitted_at, submitted_by, summary) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (campaign_year) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by, summary = EXCLUDED.summary`,
          [campaignYear, allianceReportDue, at, submittedBy, reportSummary],
        );
        await appendAudit(db, {
          actor: submittedBy,
          role: 'alliance_secretariat',
          action: at.getTime() > new Date(allianceReportDue).getTime() ? 'alliance_report.submitted_late' : 'alliance_report.submitted',
          subjectType: 'campaign',
          subjectId: String(campaignYear),
          at,
        });
      });
      return complete();
    },
  });
}
