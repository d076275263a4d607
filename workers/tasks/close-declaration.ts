import { Type } from '@sinclair/typebox';
import { declarationOutcomes, taskTypes, type DeclarationOutcome } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

const isOutcome = (value: string | undefined): value is DeclarationOutcome => (declarationOutcomes as readonly string[]).includes(value ?? '');

/** Every path of a declaration ends here, with the outcome its model names in the `outcome` header. */
export function closeDeclarationWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.closeDeclaration,
    description: '申报结案 / close the declaration with its outcome',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const outcome = job.customHeaders.outcome;
      if (!isOutcome(outcome)) return incident(`任务头 outcome 无效 / unknown outcome header on ${job.elementId}: ${outcome}`);
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        // Already closed with this outcome: a repeated job changes nothing.
        const { rowCount } = await db.query(
          `UPDATE declarations SET outcome = $2, stage = 'CLOSED', closed_at = $3 WHERE number = $1 AND outcome IS NULL`,
          [job.variables.declarationNumber, outcome, at],
        );
        if (rowCount) {
          await appendAudit(db, { actor: SYSTEM_ACTOR, role: 'system', action: 'declaration.closed', subjectType: 'declaration', subjectId: job.variables.declarationNumber, detail: { outcome }, at });
        }
      });
      return complete();
    },
  });
}
