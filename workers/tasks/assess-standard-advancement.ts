import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { InstituteJudgementSchema, standardResultOf } from '../../domain/standards/institute-judgement.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { deadlineOn } from '../../domain/deadlines/deadline.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { setStage } from '../../platform/db/cycle/declarations.ts';
import { findProposal } from '../../platform/db/cycle/standard-proposals.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/**
 * Working days the enterprise has to choose a certification body before the secretariat assigns
 * one [ASSUMED: no notice sets it].
 */
const CHOOSE_BODY_WORKING_DAYS = 10;

/**
 * Records the standardization institute's three judgements (legitimacy, compliance, advancement,
 * each with its reason; bpmn/forms/standard-evaluation.form) beside the automatic proposal it
 * saw, and gives the model the result it branches on: NOT_COMPLIANT or NOT_ADVANCED close the
 * case, ADVANCED and COMPARABLE go on to the choice of a certification body.
 */
export function assessStandardAdvancementWorker(ports: Pick<CyclePorts, 'db' | 'clock' | 'calendar'>) {
  return defineWorker({
    taskType: taskTypes.assessStandardAdvancement,
    description: '记录标准合法性、合规性、先进性判定 / record the standard\'s legitimacy, compliance and advancement',
    input: Type.Composite([
      Type.Object({ declarationNumber: Type.String({ minLength: 1 }), decidedBy: Type.Optional(Type.String({ minLength: 1 })) }),
      InstituteJudgementSchema,
    ]),
    async handler(job) {
      const { declarationNumber, legitimacy, legitimacyReason, compliance, complianceReason, advancement, advancementReason } = job.variables;
      const proposal = await findProposal(ports.db, declarationNumber);
      if (!proposal) return incident(`申报 ${declarationNumber} 没有自动比对建议 / declaration ${declarationNumber} has no standard proposal to judge against`);
      const result = standardResultOf(job.variables);
      const at = ports.clock.now();
      const decidedBy = decidedByOf(job.variables);
      // The deadline first: a calendar without the year becomes an incident before anything is
      // written, so its retry does not record the judgements (and their audit entry) twice.
      let chooseBodyDue: string;
      try {
        chooseBodyDue = deadlineOn((await ports.calendar()).addWorkingDays(beijingDateOf(at), CHOOSE_BODY_WORKING_DAYS)).at;
      } catch (error) {
        return calendarIncident(error);
      }
      const { rows: flags } = await ports.db.query<{ id: string; reason: string }>(
        'SELECT id::text, reason FROM standard_flags WHERE declaration_number = $1 ORDER BY id',
        [declarationNumber],
      );
      await withTransaction(ports.db, async (db) => {
        await db.query(
          `INSERT INTO standard_evaluations (declaration_number, verdict, indicators, flags, evaluated_by, evaluated_at,
                                             legitimacy, legitimacy_reason, compliance, compliance_reason, advancement_reason, proposal_verdict)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (declaration_number) DO UPDATE SET verdict = EXCLUDED.verdict, indicators = EXCLUDED.indicators, flags = EXCLUDED.flags,
             evaluated_by = EXCLUDED.evaluated_by, evaluated_at = EXCLUDED.evaluated_at, legitimacy = EXCLUDED.legitimacy,
             legitimacy_reason = EXCLUDED.legitimacy_reason, compliance = EXCLUDED.compliance, compliance_reason = EXCLUDED.compliance_reason,
             advancement_reason = EXCLUDED.advancement_reason, proposal_verdict = EXCLUDED.proposal_verdict`,
          [
            declarationNumber, advancement, JSON.stringify(proposal.indicators), proposal.flags, decidedBy, at,
            legitimacy, legitimacyReason, compliance, complianceReason, advancementReason, proposal.verdict,
          ],
        );
        if (result === 'ADVANCED' || result === 'COMPARABLE') await setStage(db, declarationNumber, 'CHOOSING_CERTIFICATION_BODY');
        await appendAudit(db, {
          actor: decidedBy,
          role: 'standardization_institute',
          action: `standard.${result.toLowerCase()}`,
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: [legitimacyReason, complianceReason, advancementReason].join('；'),
          detail: {
            legitimacy: { judgement: legitimacy, reason: legitimacyReason },
            compliance: { judgement: compliance, reason: complianceReason },
            advancement: { judgement: advancement, reason: advancementReason },
            proposal: { verdict: proposal.verdict, flags: proposal.flags, summary: proposal.summary },
            followsProposal: proposal.verdict === advancement,
            officeFlagsSeen: flags.map((f) => f.id),
          },
          at,
        });
      });
      return complete({ standardVerdict: result, chooseBodyDue });
    },
  });
}
