import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { CriterionScoresSchema } from '../../domain/scoring/criteria.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** Marks' plain mean, kept with the sheet for display; ranking computes its own weighted means. */
const plainTotal = (s: { STANDARDS: number; QUALITY: number; TECHNOLOGY: number; MARKET_BRAND: number }) =>
  Math.round(((s.STANDARDS + s.QUALITY + s.TECHNOLOGY + s.MARKET_BRAND) / 4) * 100) / 100;

/** One expert's score sheets: exactly the declarations of his panel assignment, each scored once. */
export function recordExpertScoresWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordExpertScores,
    description: '记录专家评分 / record an expert\'s scores',
    input: Type.Object({
      assignment: Type.Object({ expertId: Type.String({ minLength: 1 }), declarationNumbers: Type.Array(Type.String()) }),
      scores: Type.Array(Type.Composite([Type.Object({ declarationNumber: Type.String({ minLength: 1 }), opinion: Type.Optional(Type.String({ maxLength: 2000 })) }), CriterionScoresSchema])),
    }),
    async handler(job) {
      const { assignment, scores } = job.variables;
      const assigned = new Set(assignment.declarationNumbers);
      const scored = scores.map((s) => s.declarationNumber);
      const foreign = scored.filter((n) => !assigned.has(n));
      const missing = [...assigned].filter((n) => !scored.includes(n));
      const twice = scored.filter((n, i) => scored.indexOf(n) !== i);
      if (foreign.length || missing.length || twice.length) {
        return incident(
          `专家 ${assignment.expertId} 的评分表与分配不符 / the scores of expert ${assignment.expertId} do not match the assignment: ` +
            `not assigned ${foreign.join(', ') || '-'}; missing ${missing.join(', ') || '-'}; twice ${twice.join(', ') || '-'}`,
        );
      }
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        for (const sheet of scores) {
          const { declarationNumber, opinion, ...marks } = sheet;
          await db.query(
            `INSERT INTO expert_scores (declaration_number, expert_id, scores, total, scored_at, opinion) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (declaration_number, expert_id) DO UPDATE SET scores = EXCLUDED.scores, total = EXCLUDED.total, scored_at = EXCLUDED.scored_at, opinion = EXCLUDED.opinion`,
            [declarationNumber, assignment.expertId, JSON.stringify(marks), plainTotal(marks), at, opinion?.trim() || null],
          );
        }
        await appendAudit(db, {
          actor: assignment.expertId,
          role: 'expert',
          action: 'scores.submitted',
          subjectType: 'campaign',
          subjectId: assignment.declarationNumbers[0]?.split('-')[1] ?? 'unknown',
          detail: { declarations: scored },
          at,
        });
      });
      return complete();
    },
  });
}
