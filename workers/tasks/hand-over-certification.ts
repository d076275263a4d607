import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { leastLoadedActiveBody } from '../../platform/db/cycle/certification-bodies.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** A suspended body's certification in progress goes to the least-loaded active body. */
export function handOverCertificationWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.handOverCertification,
    description: '暂停机构的认证移交其他机构 / hand a suspended body\'s certification over',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }), certificationBodyId: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const { declarationNumber, certificationBodyId: from } = job.variables;
      const at = ports.clock.now();
      const to = await withTransaction(ports.db, async (db) => {
        const current = await db.query<{ body_id: string }>('SELECT body_id FROM certifications WHERE declaration_number = $1 FOR UPDATE', [declarationNumber]);
        if (current.rows[0] && current.rows[0].body_id !== from) return current.rows[0].body_id; // handed over already
        const next = await leastLoadedActiveBody(db, from);
        if (!next) return undefined;
        await db.query('UPDATE certifications SET body_id = $2 WHERE declaration_number = $1', [declarationNumber, next]);
        await db.query(
          'INSERT INTO certification_handovers (declaration_number, from_body_id, to_body_id, reason, at) VALUES ($1, $2, $3, $4, $5)',
          [declarationNumber, from, next, '原机构被暂停 / the body was suspended', at],
        );
        await appendAudit(db, {
          actor: SYSTEM_ACTOR,
          role: 'alliance_secretariat',
          action: 'certification.handed_over',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: '原机构被暂停 / the body was suspended',
          detail: { from, to: next },
          at,
        });
        return next;
      });
      if (!to) return incident(`没有其他有效认证机构接手 ${declarationNumber} / no other active body can take over: reinstate or add one, then retry`);
      return complete({ certificationBodyId: to });
    },
  });
}
