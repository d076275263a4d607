import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * Gives one objection's handling its objection: the oldest of the declaration not yet taken up.
 * Each filed objection opens one handling, so each handling finds one. The id is returned into
 * the handling's local `objectionId` (the sub-process declares it), never the case's root, so a
 * second objection cannot overwrite the first's. A retried job gets the objection it took before.
 */
export function takeUpObjectionWorker(ports: Pick<CyclePorts, 'db' | 'clock'>) {
  return defineWorker({
    taskType: taskTypes.takeUpObjection,
    description: '受理一项异议 / take up one objection',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const { declarationNumber } = job.variables;
      const { rows } = await ports.db.query<{ id: string }>(
        `WITH before AS (SELECT id FROM objections WHERE taken_up_by = $2),
              next AS (
                SELECT id FROM objections
                 WHERE declaration_number = $1 AND taken_up_by IS NULL AND NOT EXISTS (SELECT 1 FROM before)
                 ORDER BY filed_at, id LIMIT 1 FOR UPDATE SKIP LOCKED),
              taken AS (UPDATE objections o SET taken_up_by = $2, taken_up_at = $3 FROM next WHERE o.id = next.id RETURNING o.id)
         SELECT id::text FROM before UNION ALL SELECT id::text FROM taken`,
        [declarationNumber, job.key, ports.clock.now()],
      );
      if (!rows[0]) return incident(`申报 ${declarationNumber} 没有待受理的异议 / declaration ${declarationNumber} has no objection waiting to be taken up`);
      return complete({ objectionId: Number(rows[0].id) });
    },
  });
}
