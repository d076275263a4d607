import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { ISO_DATE_TIME_WITH_OFFSET } from '../../domain/deadlines/beijing-time.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** The body's certification decision, as its `certification-result` message carried it. */
export function recordCertificationResultWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordCertificationResult,
    description: '记录认证结论 / record the certification result',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      certificationBodyId: Type.String({ minLength: 1 }),
      certified: Type.Boolean(),
      certificationEndedAt: Type.Optional(Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET })),
      certificationNote: Type.Optional(Type.String()),
    }),
    async handler(job) {
      const { declarationNumber, certificationBodyId, certified } = job.variables;
      const endedAt = job.variables.certificationEndedAt ? new Date(job.variables.certificationEndedAt) : ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        await db.query(`UPDATE certifications SET status = $2, ended_at = $3 WHERE declaration_number = $1`, [
          declarationNumber,
          certified ? 'CERTIFIED' : 'NOT_CERTIFIED',
          endedAt,
        ]);
        await appendAudit(db, {
          actor: certificationBodyId,
          role: 'certification_body',
          action: certified ? 'certification.certified' : 'certification.not_certified',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: job.variables.certificationNote ?? null,
          detail: { endedAt: endedAt.toISOString() },
          at: ports.clock.now(),
        });
      });
      return complete({ certificationEndedAt: endedAt.toISOString() });
    },
  });
}
