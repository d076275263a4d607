import { Type } from '@sinclair/typebox';
import { messageNames, taskTypes } from '../../bpmn/contract.ts';
import { proposedListProblems } from '../../domain/review/proposed-list-decision.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { memberUnitOpinions } from '../../platform/db/cycle/comprehensive-review.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';
import { publishToDeclarations } from '../cycle/publish-to-declarations.ts';

/**
 * The provincial office's comprehensive evaluation (decideProposedList): its evaluation opinion
 * and the proposed list for publicity (拟认证名单), with who decided, when and why. Every
 * candidate is told by message whether it goes to publicity; one left off is closed NOT_PROPOSED
 * by its own case. A decision that does not name every candidate exactly once is not applied: an
 * incident says what is wrong (the API refuses it with 400 before; Camunda Tasklist does not).
 */
export function recordProposedListWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordProposedList,
    description: '记录综合评价意见与拟认证名单 / record the evaluation opinion and the proposed list',
    input: Type.Object({
      campaignYear: Type.Integer(),
      proposedList: Type.Optional(Type.Array(Type.Object({ declarationNumber: Type.String(), proposed: Type.Boolean() }))),
      evaluationOpinion: Type.String({ minLength: 1 }),
      proposedListReason: Type.String({ minLength: 1 }),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { campaignYear, evaluationOpinion, proposedListReason } = job.variables;
      const decision = job.variables.proposedList ?? [];
      const { rows: candidates } = await ports.db.query<{ number: string; proposed: boolean | null }>(
        'SELECT declaration_number AS number, proposed FROM comprehensive_review_candidates WHERE campaign_year = $1 ORDER BY declaration_number',
        [campaignYear],
      );
      const problems = proposedListProblems(candidates.map((c) => c.number), decision.map((d) => d.declarationNumber));
      if (problems.length) {
        return incident(`拟认证名单决定不完整 / the proposed-list decision is not whole: ${problems.map((p) => `${p.zh} / ${p.en}`).join('; ')}（更正 proposedList 后重试 / correct proposedList, then retry）`);
      }
      const chosen = new Map(decision.map((d) => [d.declarationNumber, d.proposed]));
      // A repeated job finds the list decided and only tells the declarations again.
      if (candidates.every((c) => c.proposed === null)) {
        const proposed = candidates.filter((c) => chosen.get(c.number)).map((c) => c.number);
        const leftOff = candidates.filter((c) => !chosen.get(c.number)).map((c) => c.number);
        const decidedBy = decidedByOf(job.variables);
        const at = ports.clock.now();
        await withTransaction(ports.db, async (db) => {
          await db.query('UPDATE comprehensive_review_candidates SET proposed = declaration_number = ANY($2) WHERE campaign_year = $1', [campaignYear, proposed]);
          await db.query(
            'UPDATE comprehensive_reviews SET evaluation_opinion = $2, reason = $3, decided_by = $4, decided_at = $5 WHERE campaign_year = $1',
            [campaignYear, evaluationOpinion, proposedListReason, decidedBy, at],
          );
          const opinions = await memberUnitOpinions(db, campaignYear);
          await appendAudit(db, {
            actor: decidedBy,
            role: 'provincial_office',
            action: 'review.decided',
            subjectType: 'campaign',
            subjectId: String(campaignYear),
            reason: proposedListReason,
            detail: { evaluationOpinion, proposed, leftOff, memberOpinions: opinions.map((o) => ({ memberUnitId: o.memberUnitId, status: o.status })) },
            at,
          });
        });
      }
      const { rows: decided } = await ports.db.query<{ number: string; proposed: boolean }>(
        'SELECT declaration_number AS number, proposed FROM comprehensive_review_candidates WHERE campaign_year = $1 ORDER BY declaration_number',
        [campaignYear],
      );
      await publishToDeclarations(ports.engine, messageNames.reviewDecided, decided.map((r) => ({ number: r.number, variables: { proposedForPublicity: r.proposed } })));
      return complete({ proposedListSize: decided.filter((r) => r.proposed).length });
    },
  });
}
