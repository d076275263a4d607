import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { correctionDeadline } from '../../domain/deadlines/correction.ts';
import { judgeDeclaration } from '../../domain/eligibility/check-eligibility.ts';
import { EligibilityInputError } from '../../domain/eligibility/parse-input.ts';
import type { EligibilityOutcome } from '../../domain/eligibility/verdict.ts';
import { evidenceOnFile, withEvidenceOnFile } from '../../platform/cycle/evidence-on-file.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { getDeclaration, setStage } from '../../platform/db/cycle/declarations.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { RuleSetNotLoaded } from '../../platform/rule-sets/errors.ts';
import { ruleSetFor } from '../../platform/rule-sets/rule-sets.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * The declaration judged by its own campaign's rule set (D1–D8). The evidence judged is what is
 * on file (evidence-on-file.ts): the kinds of the files attached and what the system attests,
 * never the enterprise's own `facts.evidence`. Data that does not satisfy the input schema counts
 * as incomplete: the enterprise corrects it within the correction period.
 */
export function checkEligibilityWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.checkEligibility,
    description: '按年度规则审查申报资格 / check eligibility by the campaign rule set',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }), citySubmissionDeadline: Type.Optional(Type.String()) }),
    async handler(job) {
      const declaration = await getDeclaration(ports.db, job.variables.declarationNumber);
      let ruleSet;
      try {
        ruleSet = await ruleSetFor(ports.db, declaration.campaignYear);
      } catch (error) {
        if (error instanceof RuleSetNotLoaded) return incident(error.message);
        throw error;
      }
      const referenceDate = job.variables.citySubmissionDeadline ? beijingDateOf(new Date(job.variables.citySubmissionDeadline)) : undefined;
      // The materials are the files attached, not the list the enterprise typed in.
      const evidence = await evidenceOnFile(ports.db, declaration);
      let outcome: EligibilityOutcome;
      let record: unknown;
      try {
        const verdict = judgeDeclaration(withEvidenceOnFile(declaration.facts, evidence), ruleSet, referenceDate ? { referenceDate } : {});
        outcome = verdict.outcome;
        record = verdict;
      } catch (error) {
        if (!(error instanceof EligibilityInputError)) throw error;
        outcome = 'INCOMPLETE';
        record = { outcome, problems: error.problems };
      }
      const at = ports.clock.now();
      let correctionDue: string | undefined;
      if (outcome === 'INCOMPLETE') {
        try {
          const days = ruleSet.correctionWorkingDays;
          correctionDue = correctionDeadline(await ports.calendar(), beijingDateOf(at), days.known ? { workingDays: days.value } : {}).at;
        } catch (error) {
          return calendarIncident(error);
        }
      }
      const stage = outcome === 'INCOMPLETE' ? 'CORRECTION' : declaration.channel === 'MEMBER_UNIT' ? 'EXPERT_REVIEW' : 'COUNTY_CHECK';
      await withTransaction(ports.db, async (db) => {
        await db.query('UPDATE declarations SET eligibility = $2 WHERE number = $1', [declaration.number, JSON.stringify(record)]);
        await setStage(db, declaration.number, stage);
        await appendAudit(db, {
          actor: SYSTEM_ACTOR,
          role: 'system',
          action: `eligibility.${outcome.toLowerCase()}`,
          subjectType: 'declaration',
          subjectId: declaration.number,
          detail: { ruleSetVersion: ruleSet.version, evidenceFromFiles: evidence.fromFiles, evidenceAttested: evidence.attested, reportYearsOnFile: evidence.reportYears },
          at,
        });
      });
      return complete({ eligibility: outcome, ...(correctionDue ? { correctionDue } : {}) });
    },
  });
}
