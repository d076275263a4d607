import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { setStage } from '../../platform/db/cycle/declarations.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

const levels = { COUNTY: { role: 'county_office', next: 'CITY_REVIEW' }, CITY: { role: 'city_office', next: 'EXPERT_REVIEW' } } as const;

/** The county's preliminary check or the city's recommendation, as the office decided it. */
export function recordRecommendationWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordRecommendation,
    description: '记录县级初审或市级推荐意见 / record the county check or the city recommendation',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      recommended: Type.Boolean(),
      reason: Type.String({ minLength: 1 }),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const level = job.customHeaders.level;
      if (level !== 'COUNTY' && level !== 'CITY') return incident(`任务头 level 无效 / header level must be COUNTY or CITY on ${job.elementId}, got ${level}`);
      const { declarationNumber, recommended, reason } = job.variables;
      const at = ports.clock.now();
      const decidedBy = decidedByOf(job.variables);
      await withTransaction(ports.db, async (db) => {
        await db.query(
          `INSERT INTO recommendations (declaration_number, level, recommended, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (declaration_number, level) DO UPDATE SET recommended = EXCLUDED.recommended, reason = EXCLUDED.reason,
             decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
          [declarationNumber, level, recommended, reason, decidedBy, at],
        );
        if (recommended) await setStage(db, declarationNumber, levels[level].next);
        await appendAudit(db, {
          actor: decidedBy,
          role: levels[level].role,
          action: recommended ? `${level.toLowerCase()}.recommended` : `${level.toLowerCase()}.not_recommended`,
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason,
          at,
        });
      });
      return complete();
    },
  });
}
