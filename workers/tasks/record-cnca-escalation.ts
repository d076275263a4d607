import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** The CNCA report deadline passed unreported: the escalation goes on the record. */
export function recordCncaEscalationWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordCncaEscalation,
    description: '记录未按期报送国家认监委 / record the missed CNCA report deadline',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }), certificationBodyId: Type.String({ minLength: 1 }), cncaDeadline: Type.String() }),
    async handler(job) {
      const { declarationNumber, certificationBodyId, cncaDeadline } = job.variables;
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        const { rowCount } = await db.query(
          'UPDATE certifications SET cnca_escalated_at = $2 WHERE declaration_number = $1 AND cnca_escalated_at IS NULL',
          [declarationNumber, at],
        );
        if (!rowCount) return;
        await appendAudit(db, {
          actor: SYSTEM_ACTOR,
          role: 'system',
          action: 'cnca_report.escalated',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: `认证机构 ${certificationBodyId} 未在 ${cncaDeadline} 前报送，已报告认证监督管理处 / body ${certificationBodyId} did not report by ${cncaDeadline}: escalated to the supervision department`,
          detail: { certificationBodyId, cncaDeadline },
          at,
        });
      });
      return complete();
    },
  });
}
