import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { setStage } from '../../platform/db/cycle/declarations.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/** The provincial office's decision on credit findings, with its reason. */
export function recordCreditDecisionWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordCreditDecision,
    description: '记录信用会商决定 / record the credit decision',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      creditCleared: Type.Boolean(),
      creditReason: Type.String({ minLength: 1 }),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { declarationNumber, creditCleared, creditReason } = job.variables;
      const at = ports.clock.now();
      const decidedBy = decidedByOf(job.variables);
      await withTransaction(ports.db, async (db) => {
        await db.query(
          'UPDATE credit_checks SET decision = $2, decided_by = $3, decision_reason = $4, decided_at = $5 WHERE declaration_number = $1',
          [declarationNumber, creditCleared ? 'CLEARED' : 'REJECTED', decidedBy, creditReason, at],
        );
        if (creditCleared) await setStage(db, declarationNumber, 'AWAITING_PUBLICITY');
        await appendAudit(db, {
          actor: decidedBy,
          role: 'provincial_office',
          action: creditCleared ? 'credit.cleared' : 'credit.rejected',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: creditReason,
          at,
        });
      });
      return complete();
    },
  });
}
