import { Type } from '@sinclair/typebox';
import { messageNames, taskTypes } from '../../bpmn/contract.ts';
import { toBeijingDateTime } from '../../domain/deadlines/beijing-time.ts';
import type { Category } from '../../domain/scoring/category.ts';
import type { CriterionScores } from '../../domain/scoring/criteria.ts';
import { selectKeyCultivation } from '../../domain/scoring/key-cultivation.ts';
import { rankDeclarations } from '../../domain/scoring/rank-declarations.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { publishToDeclarations } from '../cycle/publish-to-declarations.ts';

/**
 * Share of the ranked declarations that make the key-cultivation list when the model does not
 * say (`keyListShare` header). No notice publishes a quota [ASSUMED: confirm with the customer].
 */
const DEFAULT_KEY_LIST_SHARE = 0.7;

/**
 * The key-cultivation list (重点培育企业名单): the expert scores ranked, the top share selected,
 * each declaration told by message whether it goes on to the standard evaluation.
 */
export function rankKeyCultivationWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.rankKeyCultivation,
    description: '排名并确定重点培育名单 / rank and decide the key-cultivation list',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const { campaignYear } = job.variables;
      const share = Number(job.customHeaders.keyListShare ?? DEFAULT_KEY_LIST_SHARE);
      if (!(share > 0 && share <= 1)) return incident(`keyListShare 必须在 0 与 1 之间 / keyListShare must be in (0, 1], got ${job.customHeaders.keyListShare}`);
      // A job repeated after its list was committed tells the declarations that list again: ranking
      // anew would rank only those still waiting and overwrite their places.
      const list = (await decidedList(ports.db, campaignYear)) ?? (await decideList(ports, campaignYear, share));
      // A declaration in the pool that no expert scored cannot be ranked; it is told so, not left waiting.
      const { rows: unscored } = await ports.db.query<{ number: string }>(
        `SELECT number FROM declarations d WHERE campaign_year = $1 AND stage = 'EXPERT_REVIEW' AND outcome IS NULL
            AND NOT EXISTS (SELECT 1 FROM expert_scores s WHERE s.declaration_number = d.number)`,
        [campaignYear],
      );
      await publishToDeclarations(ports.engine, messageNames.keyCultivationDecided, [
        ...list.map((r) => ({ number: r.number, variables: { selected: r.selected, keyListRank: r.rank } })),
        ...unscored.map((d) => ({ number: d.number, variables: { selected: false } })),
      ]);
      return complete({ keyListSize: list.filter((r) => r.selected).length });
    },
  });
}

interface ListEntry {
  readonly number: string;
  readonly rank: number;
  readonly selected: boolean;
}

/** The list this campaign already has, in rank order, or undefined when none was decided yet. */
async function decidedList(db: CyclePorts['db'], campaignYear: number): Promise<ListEntry[] | undefined> {
  const { rows } = await db.query<ListEntry>(
    'SELECT declaration_number AS number, rank, selected FROM key_cultivation WHERE campaign_year = $1 ORDER BY rank, declaration_number',
    [campaignYear],
  );
  return rows.length > 0 ? rows : undefined;
}

/** Ranks the scored declarations in expert review, keeps the top share and records the list. */
async function decideList(ports: CyclePorts, campaignYear: number, share: number): Promise<ListEntry[]> {
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
  const list = selectKeyCultivation(ranking, { scope: 'OVERALL', count: Math.ceil(ranking.length * share) });
  const selected = new Set(list.selected.map((r) => r.declarationNumber));
  const reasons = new Map(list.notSelected.map((n) => [n.declaration.declarationNumber, `${n.zh} / ${n.en}`]));
  const at = ports.clock.now();
  await withTransaction(ports.db, async (db) => {
    for (const row of ranking) {
      await db.query(
        `INSERT INTO key_cultivation (declaration_number, campaign_year, rank, score, selected, reason) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (declaration_number) DO UPDATE SET rank = EXCLUDED.rank, score = EXCLUDED.score, selected = EXCLUDED.selected, reason = EXCLUDED.reason`,
        [row.declarationNumber, campaignYear, row.overallRank, row.mean, selected.has(row.declarationNumber), reasons.get(row.declarationNumber) ?? '列入名单 / on the list'],
      );
    }
    await db.query(`UPDATE declarations SET stage = 'STANDARD_EVALUATION' WHERE number = ANY($1) AND outcome IS NULL`, [[...selected]]);
    await db.query(`UPDATE campaigns SET status = 'CERTIFICATION' WHERE year = $1`, [campaignYear]);
    await appendAudit(db, {
      actor: SYSTEM_ACTOR,
      role: 'provincial_office',
      action: 'key_list.decided',
      subjectType: 'campaign',
      subjectId: String(campaignYear),
      detail: { ranked: ranking.length, selected: selected.size, share },
      at,
    });
  });
  return ranking.map((r) => ({ number: r.declarationNumber, rank: r.overallRank, selected: selected.has(r.declarationNumber) }));
}
