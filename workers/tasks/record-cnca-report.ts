import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { setStage } from '../../platform/db/cycle/declarations.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * The body reported the result to CNCA: recorded with whether it was in time, and fed back to
 * the alliance secretariat (the feedback is this record, which the secretariat's views read).
 */
export function recordCncaReportWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordCncaReport,
    description: '记录向国家认监委报送并反馈秘书处 / record the CNCA report and the feedback to the secretariat',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      certificationBodyId: Type.String({ minLength: 1 }),
      cncaReportNumber: Type.String({ minLength: 1 }),
      cncaDeadline: Type.String(),
    }),
    async handler(job) {
      const { declarationNumber, certificationBodyId, cncaReportNumber, cncaDeadline } = job.variables;
      const at = ports.clock.now();
      const late = at.getTime() > new Date(cncaDeadline).getTime();
      await withTransaction(ports.db, async (db) => {
        await db.query(
          'UPDATE certifications SET cnca_due_at = $2, cnca_reported_at = coalesce(cnca_reported_at, $3), feedback_at = coalesce(feedback_at, $3) WHERE declaration_number = $1',
          [declarationNumber, cncaDeadline, at],
        );
        await setStage(db, declarationNumber, 'COMPREHENSIVE_REVIEW');
        await appendAudit(db, {
          actor: certificationBodyId,
          role: 'certification_body',
          action: late ? 'cnca_report.reported_late' : 'cnca_report.reported',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          detail: { cncaReportNumber, cncaDeadline, late },
          at,
        });
      });
      return complete();
    },
  });
}
