import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/** What a unit that did not answer by the deadline is recorded as: no objection [ASSUMED]. */
export const NO_REPLY_OPINION = '逾期未回复，视为无意见 / no reply by the deadline: taken as no objection';

/**
 * One member unit's opinion on the comprehensive review's candidates (header `replied` "true"),
 * or, when its deadline passed first (header "false"), that it did not reply. Each is kept once
 * per unit and year with who and when, audited; a repeated job changes nothing.
 */
export function recordMemberOpinionWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordMemberOpinion,
    description: '记录成员单位意见 / record a member unit\'s opinion',
    input: Type.Object({
      campaignYear: Type.Integer(),
      memberUnit: Type.Object({ id: Type.String({ minLength: 1 }), name: Type.String() }),
      memberAgrees: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
      memberOpinion: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      decidedBy: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
    }),
    async handler(job) {
      const { campaignYear, memberUnit } = job.variables;
      const replied = job.customHeaders.replied === 'true';
      const opinion = replied ? (job.variables.memberOpinion ?? '').trim() : NO_REPLY_OPINION;
      if (replied && (opinion === '' || typeof job.variables.memberAgrees !== 'boolean')) {
        return incident(`成员单位 ${memberUnit.id} 的意见不完整：须有 memberAgrees 与 memberOpinion / the opinion of member unit ${memberUnit.id} needs memberAgrees and memberOpinion`);
      }
      const status = !replied ? 'NO_REPLY' : job.variables.memberAgrees ? 'AGREED' : 'OBJECTED';
      const givenBy = replied ? decidedByOf({ decidedBy: job.variables.decidedBy ?? undefined }) : SYSTEM_ACTOR;
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        const { rowCount } = await db.query(
          `INSERT INTO member_unit_opinions (campaign_year, member_unit_id, status, opinion, given_by, given_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING`,
          [campaignYear, memberUnit.id, status, opinion, givenBy, at],
        );
        if (!rowCount) return;
        await appendAudit(db, {
          actor: givenBy,
          role: 'member_unit',
          action: replied ? 'review.member_opinion' : 'review.member_no_reply',
          subjectType: 'campaign',
          subjectId: String(campaignYear),
          reason: opinion,
          detail: { memberUnitId: memberUnit.id, status },
          at,
        });
      });
      return complete();
    },
  });
}
