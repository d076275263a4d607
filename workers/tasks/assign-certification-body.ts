import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { bodyStatus, leastLoadedActiveBody } from '../../platform/db/cycle/certification-bodies.ts';
import { assignBody } from '../../platform/db/cycle/certifications.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/**
 * The enterprise's choice of certification body, when it made one of an active alliance body.
 * Otherwise (not chosen in time, or its body suspended since) nothing is assigned here: the
 * active body with the fewest certifications in progress is proposed to the alliance secretariat,
 * whose person confirms or changes it (arrangeBody, recorded by record-body-arrangement). A body
 * id that is not in the directory at all is a mistake nobody should paper over: an incident.
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
      const outcome = await withTransaction(ports.db, async (db) => {
        const existing = await db.query<{ body_id: string }>('SELECT body_id FROM certifications WHERE declaration_number = $1', [declarationNumber]);
        if (existing.rows[0]) return { assigned: existing.rows[0].body_id }; // a repeated job
        const status = chosen === undefined ? undefined : await bodyStatus(db, chosen);
        if (chosen !== undefined && status === undefined) return { unknown: chosen };
        if (chosen === undefined || status !== 'ACTIVE') return { proposed: await leastLoadedActiveBody(db), inactive: chosen };
        await assignBody(db, { declarationNumber, bodyId: chosen, chosenBy: 'ENTERPRISE', actor: decidedByOf(job.variables), reason: '企业自选 / chosen by the enterprise', at });
        return { assigned: chosen };
      });
      if ('unknown' in outcome) {
        return incident(
          `认证机构 ${outcome.unknown} 不在机构名录中（certificationBodyId）；请将变量改为在册机构代码后重试 / certification body ${outcome.unknown} is not in the directory (certificationBodyId): set it to a listed body, then retry`,
        );
      }
      if ('assigned' in outcome) return complete({ bodyAssigned: true, certificationBodyId: outcome.assigned });
      if (!outcome.proposed) return incident('没有有效的认证机构可推荐 / no active certification body to propose: add or reinstate one, then retry');
      // The form's field starts at the proposal, so confirming is one click.
      return complete({
        bodyAssigned: false,
        proposedBodyId: outcome.proposed,
        certificationBodyId: outcome.proposed,
        ...(outcome.inactive ? { chosenBodyInactive: outcome.inactive } : {}),
      });
    },
  });
}
