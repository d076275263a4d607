import { Type } from '@sinclair/typebox';
import { messageNames, taskTypes } from '../../bpmn/contract.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { publicityEnd } from '../../domain/deadlines/publicity.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { ruleSetFor } from '../../platform/rule-sets/rule-sets.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { publishToDeclarations } from '../cycle/publish-to-declarations.ts';

/**
 * Publicity (公示) of the proposed list: every declaration the provincial office put on it in the
 * comprehensive review (decideProposedList) enters it, for the campaign rule set's number of
 * working days; objections may be filed until it ends.
 */
export function startPublicityWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.startPublicity,
    description: '发布拟认证名单公示 / start the publicity of the proposed list',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const { campaignYear } = job.variables;
      const at = ports.clock.now();
      const length = (await ruleSetFor(ports.db, campaignYear)).publicityWorkingDays;
      let end;
      try {
        end = publicityEnd(await ports.calendar(), beijingDateOf(at), length.known ? { workingDays: length.value } : {});
      } catch (error) {
        return calendarIncident(error);
      }
      const rows = await withTransaction(ports.db, async (db) => {
        // Only what the office put on the proposed list: a declaration left off is closed by its own case.
        await db.query(
          `UPDATE declarations SET stage = 'PUBLICITY' WHERE campaign_year = $1 AND stage = 'AWAITING_PUBLICITY' AND outcome IS NULL
              AND number IN (SELECT declaration_number FROM comprehensive_review_candidates WHERE campaign_year = $1 AND proposed)`,
          [campaignYear],
        );
        // All of them, not only those moved now: a job repeated after a crash publishes what it may
        // have missed (message ids keep anything from arriving twice).
        const { rows: ready } = await db.query<{ number: string }>(
          `SELECT number FROM declarations WHERE campaign_year = $1 AND stage = 'PUBLICITY' AND outcome IS NULL ORDER BY number`,
          [campaignYear],
        );
        await db.query(`UPDATE campaigns SET status = 'PUBLICITY' WHERE year = $1`, [campaignYear]);
        await appendAudit(db, {
          actor: SYSTEM_ACTOR,
          role: 'provincial_office',
          action: 'publicity.started',
          subjectType: 'campaign',
          subjectId: String(campaignYear),
          detail: { declarations: ready.map((r) => r.number), endsAt: end.at },
          at,
        });
        return ready;
      });
      await publishToDeclarations(
        ports.engine,
        messageNames.publicityStarted,
        rows.map((r) => ({ number: r.number, variables: { publicityEnd: end.at } })),
      );
      return complete({ publicityEnd: end.at });
    },
  });
}
