import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** Three years passed without renewal: the certificate lapses ("no certification for life"). */
export function expireCertificateWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.expireCertificate,
    description: '证书到期失效 / expire the certificate',
    input: Type.Object({ certificateNumber: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        const { rowCount } = await db.query(`UPDATE certificates SET status = 'EXPIRED' WHERE number = $1 AND status = 'VALID'`, [job.variables.certificateNumber]);
        if (rowCount) await appendAudit(db, { actor: SYSTEM_ACTOR, role: 'system', action: 'certificate.expired', subjectType: 'certificate', subjectId: job.variables.certificateNumber, at });
      });
      return complete();
    },
  });
}
