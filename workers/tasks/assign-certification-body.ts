import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { isActiveBody, leastLoadedActiveBody } from '../../platform/db/cycle/certification-bodies.ts';
import { setStage } from '../../platform/db/cycle/declarations.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/**
 * The certification body: the one the enterprise chose if it is an active alliance member,
 * otherwise the secretariat assigns the active body with the fewest certifications in progress.
 */
export function assignCertificationBodyWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.assignCertificationBody,
    description: '确定认证机构 / assign the certification body',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      certificationBodyId: Type.Optional(Type.String({ minLength: 1 })),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { declarationNumber, certificationBodyId: chosen } = job.variables;
      const at = ports.clock.now();
      const assigned = await withTransaction(ports.db, async (db) => {
        const existing = await db.query<{ body_id: string }>('SELECT body_id FROM certifications WHERE declaration_number = $1', [declarationNumber]);
        if (existing.rows[0]) return existing.rows[0].body_id; // a repeated job
        const byEnterprise = chosen !== undefined && (await isActiveBody(db, chosen));
        const bodyId = byEnterprise ? chosen : await leastLoadedActiveBody(db);
        if (!bodyId) return undefined;
        await db.query(
          `INSERT INTO certifications (declaration_number, body_id, chosen_by, status) VALUES ($1, $2, $3, 'IN_PROGRESS')`,
          [declarationNumber, bodyId, byEnterprise ? 'ENTERPRISE' : 'SECRETARIAT'],
        );
        await setStage(db, declarationNumber, 'CERTIFICATION');
        await appendAudit(db, {
          actor: byEnterprise ? decidedByOf(job.variables) : SYSTEM_ACTOR,
          role: byEnterprise ? 'enterprise' : 'alliance_secretariat',
          action: 'certification.body_assigned',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: byEnterprise
            ? '企业自选 / chosen by the enterprise'
            : chosen
              ? `所选机构 ${chosen} 不是在册有效机构，由秘书处指派 / ${chosen} is not an active alliance body: assigned by the secretariat`
              : '企业未在期限内选择，由秘书处指派 / not chosen in time: assigned by the secretariat',
          detail: { bodyId },
          at,
        });
        return bodyId;
      });
      if (!assigned) return incident('没有有效的认证机构可指派 / no active certification body to assign: add or reinstate one, then retry');
      return complete({ certificationBodyId: assigned });
    },
  });
}
