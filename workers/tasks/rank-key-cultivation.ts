import { Type } from '@sinclair/typebox';
import { messageNames, taskTypes } from '../../bpmn/contract.ts';
import { toBeijingDateTime } from '../../domain/deadlines/beijing-time.ts';
import type { Category } from '../../domain/scoring/category.ts';
import type { CriterionScores } from '../../domain/scoring/criteria.ts';
import { rankDeclarations } from '../../domain/scoring/rank-declarations.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { publishToDeclarations } from '../cycle/publish-to-declarations.ts';

/** Why a ranked declaration waits: the list is the provincial office's to decide. */
export const AWAITING_OFFICE = '待省质委办决定 / awaiting the provincial office\'s decision';

/**
 * The experts' ranking, as a proposal for the key-cultivation list (重点培育企业名单): the scored
 * declarations ranked and recorded with no one selected (`selected` NULL). The notice gives the
 * list to the provincial office, which decides it in `decideKeyList` (record-key-cultivation-list);
 * no share or count is cut here. `keyList` is the form's starting point: every ranked declaration,
 * in rank order, unticked. A declaration no expert scored cannot be ranked and is told so now.
 */
export function rankKeyCultivationWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.rankKeyCultivation,
    description: '排名，提出重点培育名单建议 / rank: the proposal for the key-cultivation list',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const { campaignYear } = job.variables;
      // A job repeated after its ranking was committed proposes that ranking again: ranking anew
      // would rank only those still in review and overwrite their places.
      const ranked = (await rankedAlready(ports.db, campaignYear)) ?? (await rank(ports, campaignYear));
      const { rows: unscored } = await ports.db.query<{ number: string }>(
        `SELECT number FROM declarations d WHERE campaign_year = $1 AND stage = 'EXPERT_REVIEW' AND outcome IS NULL
            AND NOT EXISTS (SELECT 1 FROM expert_scores s WHERE s.declaration_number = d.number)`,
        [campaignYear],
      );
      await publishToDeclarations(ports.engine, messageNames.keyCultivationDecided, unscored.map((d) => ({ number: d.number, variables: { selected: false } })));
      return complete({ keyList: ranked.map((number) => ({ declarationNumber: number, selected: false })), keyListRanked: ranked.length });
    },
  });
}

async function rankedAlready(db: CyclePorts['db'], campaignYear: number): Promise<string[] | undefined> {
  const { rows } = await db.query<{ number: string }>('SELECT declaration_number AS number FROM key_cultivation WHERE campaign_year = $1 ORDER BY rank, declaration_number', [campaignYear]);
  return rows.length > 0 ? rows.map((r) => r.number) : undefined;
}

/** Ranks the scored declarations in expert review and records the ranking, undecided. */
async function rank(ports: CyclePorts, campaignYear: number): Promise<string[]> {
  const { rows: declarations } = await ports.db.query<{ number: string; category: Category; submitted_at: Date }>(
    `SELECT d.number, d.category, d.submitted_at FROM declarations d
      WHERE d.campaign_year = $1 AND d.stage = 'EXPERT_REVIEW' AND d.outcome IS NULL
        AND EXISTS (SELECT 1 FROM expert_scores s WHERE s.declaration_number = d.number) ORDER BY d.number`,
    [campaignYear],
  );
  const { rows: sheets } = await ports.db.query<{ declaration_number: string; expert_id: string; scores: CriterionScores }>(
    `SELECT s.declaration_number, s.expert_id, s.scores FROM expert_scores s WHERE s.declaration_number = ANY($1)`,
    [declarations.map((d) => d.number)],
  );
  const ranking = rankDeclarations({
    declarations: declarations.map((d) => ({ number: d.number, category: d.category, submittedAt: toBeijingDateTime(d.submitted_at) })),
    sheets: sheets.map((s) => ({ declarationNumber: s.declaration_number, expertId: s.expert_id, scores: s.scores })),
  });
  await withTransaction(ports.db, async (db) => {
    for (const row of ranking) {
      await db.query(
        `INSERT INTO key_cultivation (declaration_number, campaign_year, rank, score, selected, reason) VALUES ($1, $2, $3, $4, NULL, $5)
         ON CONFLICT (declaration_number) DO UPDATE SET rank = EXCLUDED.rank, score = EXCLUDED.score, selected = NULL, reason = EXCLUDED.reason`,
        [row.declarationNumber, campaignYear, row.overallRank, row.mean, AWAITING_OFFICE],
      );
    }
    await appendAudit(db, {
      actor: SYSTEM_ACTOR,
      role: 'provincial_office',
      action: 'key_list.ranked',
      subjectType: 'campaign',
      subjectId: String(campaignYear),
      detail: { ranked: ranking.map((r) => ({ declarationNumber: r.declarationNumber, rank: r.overallRank, score: r.mean })) },
      at: ports.clock.now(),
    });
  });
  return ranking.map((r) => r.declarationNumber);
}
