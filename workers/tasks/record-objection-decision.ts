import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/** The provincial office's decision on an objection raised during publicity. */
export function recordObjectionDecisionWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordObjectionDecision,
    description: '记录异议处理决定 / record the objection decision',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      objectionId: Type.Integer({ minimum: 1 }),
      objectionUpheld: Type.Boolean(),
      objectionReason: Type.String({ minLength: 1 }),
      // Null when the task was completed without one (Camunda Tasklist): the handling declares it locally.
      decidedBy: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
    }),
    async handler(job) {
      const { declarationNumber, objectionId, objectionUpheld, objectionReason } = job.variables;
      const at = ports.clock.now();
      const decidedBy = decidedByOf(job.variables);
      const found = await withTransaction(ports.db, async (db) => {
        const { rowCount } = await db.query(
          `UPDATE objections SET decision = $3, decision_reason = $4, decided_by = $5, decided_at = $6 WHERE id = $1 AND declaration_number = $2`,
          [objectionId, declarationNumber, objectionUpheld ? 'UPHELD' : 'DISMISSED', objectionReason, decidedBy, at],
        );
        if (!rowCount) return false;
        await appendAudit(db, {
          actor: decidedBy,
          role: 'provincial_office',
          action: objectionUpheld ? 'objection.upheld' : 'objection.dismissed',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: objectionReason,
          detail: { objectionId },
          at,
        });
        return true;
      });
      if (!found) return incident(`异议 ${objectionId} 不属于申报 ${declarationNumber} / objection ${objectionId} is not one of ${declarationNumber}'s`);
      return complete();
    },
  });
}
