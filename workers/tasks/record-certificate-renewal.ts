import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** The certificate was renewed by re-certification before it lapsed. */
export function recordCertificateRenewalWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordCertificateRenewal,
    description: '记录证书换证 / record the renewal',
    input: Type.Object({ certificateNumber: Type.String({ minLength: 1 }), certificationBodyId: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        const { rowCount } = await db.query(`UPDATE certificates SET status = 'RENEWED' WHERE number = $1 AND status = 'VALID'`, [job.variables.certificateNumber]);
        if (rowCount) {
          await appendAudit(db, { actor: job.variables.certificationBodyId, role: 'certification_body', action: 'certificate.renewed', subjectType: 'certificate', subjectId: job.variables.certificateNumber, at });
        }
      });
      return complete();
    },
  });
}
