import { Type } from '@sinclair/typebox';
import { messageNames, taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { publishToDeclarations } from '../cycle/publish-to-declarations.ts';

/** The publicity period is over: every declaration in publicity is told; open objections are still decided. */
export function endPublicityWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.endPublicity,
    description: '结束公示 / end the publicity period',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const { campaignYear } = job.variables;
      const { rows } = await ports.db.query<{ number: string }>(
        `SELECT number FROM declarations WHERE campaign_year = $1 AND stage = 'PUBLICITY' AND outcome IS NULL ORDER BY number`,
        [campaignYear],
      );
      await publishToDeclarations(ports.engine, messageNames.publicityEnded, rows);
      await withTransaction(ports.db, (db) =>
        appendAudit(db, {
          actor: SYSTEM_ACTOR,
          role: 'provincial_office',
          action: 'publicity.ended',
          subjectType: 'campaign',
          subjectId: String(campaignYear),
          detail: { declarations: rows.length },
          at: ports.clock.now(),
        }),
      );
      return complete();
    },
  });
}
