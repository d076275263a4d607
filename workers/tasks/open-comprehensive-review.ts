import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { beijingDateOf, toBeijingDateTime } from '../../domain/deadlines/beijing-time.ts';
import { creditName } from '../../domain/credit/credit-names.ts';
import { memberOpinionsDue } from '../../domain/deadlines/member-opinions.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { reviewCandidates } from '../../platform/db/cycle/comprehensive-review.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * The comprehensive review opens when the certification period ends (综合评审): its candidates
 * are the year's declarations through the credit consultation (CLEAN, or cleared by the office);
 * every member unit of the directory is asked for its opinion by `memberOpinionsDue`. A job
 * repeated after a crash finds the review open and answers the same.
 */
export function openComprehensiveReviewWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.openComprehensiveReview,
    description: '启动综合评审并征求成员单位意见 / open the comprehensive review and ask the member units',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const { campaignYear } = job.variables;
      const at = ports.clock.now();
      let due;
      try {
        due = memberOpinionsDue(await ports.calendar(), beijingDateOf(at));
      } catch (error) {
        return calendarIncident(error);
      }
      const review = await withTransaction(ports.db, async (db) => {
        const opened = await db.query<{ opinions_due: Date }>(
          `INSERT INTO comprehensive_reviews (campaign_year, opened_at, opinions_due) VALUES ($1, $2, $3)
           ON CONFLICT (campaign_year) DO NOTHING RETURNING opinions_due`,
          [campaignYear, at, due.at],
        );
        if (opened.rows[0]) {
          const { rows: candidates } = await db.query<{ number: string }>(
            `INSERT INTO comprehensive_review_candidates (declaration_number, campaign_year)
             SELECT number, campaign_year FROM declarations WHERE campaign_year = $1 AND stage = 'AWAITING_PUBLICITY' AND outcome IS NULL
             RETURNING declaration_number AS number`,
            [campaignYear],
          );
          await appendAudit(db, {
            actor: SYSTEM_ACTOR,
            role: 'provincial_office',
            action: 'review.opened',
            subjectType: 'campaign',
            subjectId: String(campaignYear),
            detail: { candidates: candidates.map((c) => c.number).sort(), opinionsDue: due.at },
            at,
          });
        }
        const { rows } = await db.query<{ opinions_due: Date }>('SELECT opinions_due FROM comprehensive_reviews WHERE campaign_year = $1', [campaignYear]);
        const { rows: units } = await db.query<{ id: string; name: string }>('SELECT id, name FROM member_units ORDER BY id');
        return { due: rows[0]!.opinions_due, units, candidates: await reviewCandidates(db, campaignYear) };
      });
      return complete({
        memberUnits: review.units,
        // Whole seconds with the +08:00 offset, as the other deadlines the models' timers read.
        memberOpinionsDue: toBeijingDateTime(review.due).replace(/\.\d{3}\+08:00$/, '+08:00'),
        // The office's form starts from every candidate proposed; it unticks whom it leaves off. The
        // credit is only shown there, in words (the codes stay in credit_checks).
        proposedList: review.candidates.map((c) => ({ declarationNumber: c.declarationNumber, enterpriseName: c.enterpriseName, creditResult: creditName(c.creditDecision ?? c.creditResult), proposed: true })),
      });
    },
  });
}
