import { Type } from '@sinclair/typebox';
import { messageNames, taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';
import { publishToDeclarations } from '../cycle/publish-to-declarations.ts';
import { keyListProblems } from '../../domain/scoring/key-list-decision.ts';

/**
 * The provincial office's key-cultivation list (decideKeyList): whom it put on the list of the
 * ranked proposal, as many as it chose, with who decided, when and why. Each ranked declaration is
 * told by message whether it goes on to the standard evaluation. A decision that does not name
 * every ranked declaration exactly once, or names one that was not ranked, is not applied: an
 * incident says what is wrong (the API refuses it with 400 before; Camunda Tasklist does not).
 */
export function recordKeyCultivationListWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordKeyCultivationList,
    description: '记录省质委办确定的重点培育名单 / record the key-cultivation list the office decided',
    input: Type.Object({
      campaignYear: Type.Integer(),
      keyList: Type.Optional(Type.Array(Type.Object({ declarationNumber: Type.String(), selected: Type.Boolean() }))),
      keyListReason: Type.String({ minLength: 1 }),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { campaignYear, keyListReason } = job.variables;
      const decision = job.variables.keyList ?? [];
      const { rows: ranking } = await ports.db.query<{ number: string; rank: number; selected: boolean | null }>(
        'SELECT declaration_number AS number, rank, selected FROM key_cultivation WHERE campaign_year = $1 ORDER BY rank, declaration_number',
        [campaignYear],
      );
      const problems = keyListProblems(ranking.map((r) => r.number), decision.map((d) => d.declarationNumber));
      if (problems.length) {
        return incident(`重点培育名单决定不完整 / the key-cultivation decision is not whole: ${problems.map((p) => `${p.zh} / ${p.en}`).join('; ')}（更正 keyList 后重试 / correct keyList, then retry）`);
      }
      const chosen = new Map(decision.map((d) => [d.declarationNumber, d.selected]));
      // A repeated job finds the list decided and only tells the declarations again.
      if (ranking.every((r) => r.selected === null)) {
        const selected = ranking.filter((r) => chosen.get(r.number)).map((r) => r.number);
        const notSelected = ranking.filter((r) => !chosen.get(r.number)).map((r) => r.number);
        await withTransaction(ports.db, async (db) => {
          await db.query(
            `UPDATE key_cultivation SET selected = declaration_number = ANY($2),
                    reason = CASE WHEN declaration_number = ANY($2) THEN '省质委办列入名单 / put on the list by the provincial office' ELSE $3 END
              WHERE campaign_year = $1`,
            [campaignYear, selected, `省质委办未列入名单：${keyListReason} / left off the list by the provincial office`],
          );
          await db.query(`UPDATE declarations SET stage = 'STANDARD_EVALUATION' WHERE number = ANY($1) AND outcome IS NULL`, [selected]);
          await db.query(`UPDATE campaigns SET status = 'CERTIFICATION' WHERE year = $1`, [campaignYear]);
          await appendAudit(db, {
            actor: decidedByOf(job.variables),
            role: 'provincial_office',
            action: 'key_list.decided',
            subjectType: 'campaign',
            subjectId: String(campaignYear),
            reason: keyListReason,
            detail: { ranked: ranking.length, selected, notSelected },
            at: ports.clock.now(),
          });
        });
      }
      const { rows: decided } = await ports.db.query<{ number: string; rank: number; selected: boolean }>(
        'SELECT declaration_number AS number, rank, selected FROM key_cultivation WHERE campaign_year = $1 ORDER BY rank',
        [campaignYear],
      );
      await publishToDeclarations(ports.engine, messageNames.keyCultivationDecided, decided.map((r) => ({ number: r.number, variables: { selected: r.selected, keyListRank: r.rank } })));
      return complete({ keyListSize: decided.filter((r) => r.selected).length });
    },
  });
}
