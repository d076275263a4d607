import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { drawPanels } from '../../domain/panels/draw-panels.ts';
import { PanelNotPossible } from '../../domain/panels/panel-errors.ts';
import type { PanelExpert } from '../../domain/panels/panel-input.ts';
import type { Category } from '../../domain/scoring/category.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { randomDrawSeed, type CyclePorts } from '../cycle/ports.ts';

const DEFAULT_PANEL_SIZE = 5;

/**
 * The expert comparison panels: one per declaration in the review pool, drawn from the active
 * experts with every conflict of interest excluded (same city, own employer, declared ties,
 * outside expertise). The seed is drawn at random when the panels are drawn, so they cannot be
 * foretold, and kept in the audit entry with the job's key, so the draw can be re-run for an
 * audit and a retried job (its first answer lost) draws the same panels again. Each expert then
 * gets one scoring task listing the declarations he sits on.
 */
export function formExpertPanelsWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.formExpertPanels,
    description: '组建回避冲突的专家组 / draw conflict-free expert panels',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const { campaignYear } = job.variables;
      const panelSize = Number(job.customHeaders.panelSize ?? DEFAULT_PANEL_SIZE);
      const { rows: declarations } = await ports.db.query<{ number: string; enterprise_id: string; city_code: string; category: Category }>(
        `SELECT d.number, d.enterprise_id, e.city_code, d.category FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
          WHERE d.campaign_year = $1 AND d.stage = 'EXPERT_REVIEW' AND d.outcome IS NULL ORDER BY d.number`,
        [campaignYear],
      );
      const { rows: experts } = await ports.db.query<{ id: string; name: string; city_code: string; employer_id: string; categories: Category[]; ties: PanelExpert['ties'] }>(
        `SELECT x.id, x.name, x.city_code, x.employer_id, x.categories,
                coalesce((SELECT json_agg(json_build_object('enterpriseId', t.enterprise_id, 'kind', t.kind)) FROM expert_ties t WHERE t.expert_id = x.id), '[]') AS ties
           FROM experts x WHERE x.active ORDER BY x.id`,
      );
      const { rows: earlier } = await ports.db.query<{ seed: number }>(
        `SELECT (detail->>'seed')::bigint AS seed FROM audit_log
          WHERE action = 'panel.drawn' AND subject_type = 'campaign' AND subject_id = $1 AND detail->>'jobKey' = $2 ORDER BY id DESC LIMIT 1`,
        [String(campaignYear), job.key],
      );
      const seed = earlier[0] ? Number(earlier[0].seed) : (ports.drawSeed ?? randomDrawSeed)();
      let result;
      try {
        result = drawPanels({
          declarations: declarations.map((d) => ({ number: d.number, enterpriseId: d.enterprise_id, enterpriseCityCode: d.city_code, category: d.category })),
          experts: experts.map((x) => ({ id: x.id, name: x.name, cityCode: x.city_code, employerId: x.employer_id, ties: x.ties, categories: x.categories })),
          panelSize,
          seed,
        });
      } catch (error) {
        if (error instanceof PanelNotPossible) return incident(`${error.message}（请补充专家后重试 / add experts, then retry）`);
        throw error;
      }
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        for (const draw of result.draws) {
          await db.query('DELETE FROM panel_assignments WHERE declaration_number = $1', [draw.declarationNumber]);
          await db.query('DELETE FROM panel_exclusions WHERE declaration_number = $1', [draw.declarationNumber]);
          for (const [role, members] of [['MEMBER', draw.panel], ['SUBSTITUTE', draw.substitutes]] as const) {
            for (const member of members) {
              await db.query('INSERT INTO panel_assignments (declaration_number, expert_id, role) VALUES ($1, $2, $3)', [draw.declarationNumber, member.id, role]);
            }
          }
          for (const exclusion of draw.exclusions) {
            await db.query('INSERT INTO panel_exclusions (declaration_number, expert_id, reasons) VALUES ($1, $2, $3)', [
              draw.declarationNumber,
              exclusion.expertId,
              JSON.stringify(exclusion.reasons),
            ]);
          }
        }
        if (!earlier[0]) {
          await appendAudit(db, {
            actor: SYSTEM_ACTOR,
            role: 'provincial_office',
            action: 'panel.drawn',
            subjectType: 'campaign',
            subjectId: String(campaignYear),
            detail: { seed: result.seed, jobKey: job.key, panelSize, declarations: result.draws.length },
            at,
          });
        }
      });
      const byExpert = new Map<string, string[]>();
      for (const draw of result.draws) {
        for (const member of draw.panel) byExpert.set(member.id, [...(byExpert.get(member.id) ?? []), draw.declarationNumber]);
      }
      const expertAssignments = [...byExpert].map(([expertId, declarationNumbers]) => ({ expertId, declarationNumbers }));
      return complete({ expertAssignments });
    },
  });
}
