import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { bodyStatus } from '../../platform/db/cycle/certification-bodies.ts';
import { assignBody } from '../../platform/db/cycle/certifications.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/**
 * The secretariat's arrangement (arrangeBody): the body its person confirmed or chose instead of
 * the proposal, recorded with who, when and why. A body that is not in the directory or not
 * active is not assigned: an incident says so (the API refuses it with 400 before it gets here;
 * Camunda Tasklist does not).
 */
export function recordBodyArrangementWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordBodyArrangement,
    description: '记录秘书处安排的认证机构 / record the body the secretariat arranged',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      certificationBodyId: Type.String({ minLength: 1 }),
      proposedBodyId: Type.String({ minLength: 1 }),
      arrangementReason: Type.String({ minLength: 1 }),
      chosenBodyInactive: Type.Optional(Type.String({ minLength: 1 })),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { declarationNumber, certificationBodyId: bodyId, proposedBodyId, arrangementReason, chosenBodyInactive } = job.variables;
      const refused = await withTransaction(ports.db, async (db) => {
        const existing = await db.query('SELECT 1 FROM certifications WHERE declaration_number = $1', [declarationNumber]);
        if (existing.rowCount) return undefined; // a repeated job
        const status = await bodyStatus(db, bodyId);
        if (status !== 'ACTIVE') return status ?? 'UNKNOWN';
        await assignBody(db, {
          declarationNumber,
          bodyId,
          chosenBy: 'SECRETARIAT',
          actor: decidedByOf(job.variables),
          reason: arrangementReason,
          detail: { proposedBodyId, confirmed: bodyId === proposedBodyId, ...(chosenBodyInactive ? { enterpriseChoice: chosenBodyInactive } : {}) },
          at: ports.clock.now(),
        });
        return undefined;
      });
      if (refused) {
        const why = refused === 'UNKNOWN' ? '不在机构名录中 / is not in the directory' : `状态为 ${refused} / is ${refused}`;
        return incident(`秘书处安排的认证机构 ${bodyId} ${why}（certificationBodyId）：请改为在册有效机构后重试 / set certificationBodyId to an active listed body, then retry`);
      }
      return complete({ bodyAssigned: true });
    },
  });
}
