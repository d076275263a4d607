import type { TSchema } from '@sinclair/typebox';
import type { WorkerDefinition } from '../../platform/engine/worker.ts';
import { announceListWorker } from '../tasks/announce-list.ts';
import { assessStandardAdvancementWorker } from '../tasks/assess-standard-advancement.ts';
import { proposeStandardAdvancementWorker } from '../tasks/propose-standard-advancement.ts';
import { assignCertificationBodyWorker } from '../tasks/assign-certification-body.ts';
import { carryOverKeyEnterprisesWorker } from '../tasks/carry-over-key-enterprises.ts';
import { checkEligibilityWorker } from '../tasks/check-eligibility.ts';
import { closeDeclarationWorker } from '../tasks/close-declaration.ts';
import { computeCncaDeadlineWorker } from '../tasks/compute-cnca-deadline.ts';
import { consultCreditWorker } from '../tasks/consult-credit.ts';
import { endPublicityWorker } from '../tasks/end-publicity.ts';
import { expireCertificateWorker } from '../tasks/expire-certificate.ts';
import { formExpertPanelsWorker } from '../tasks/form-expert-panels.ts';
import { handOverCertificationWorker } from '../tasks/hand-over-certification.ts';
import { issueCertificateWorker } from '../tasks/issue-certificate.ts';
import { openCampaignWorker } from '../tasks/open-campaign.ts';
import { rankKeyCultivationWorker } from '../tasks/rank-key-cultivation.ts';
import { recordAllianceReportWorker } from '../tasks/record-alliance-report.ts';
import { recordBodyArrangementWorker } from '../tasks/record-body-arrangement.ts';
import { recordKeyCultivationListWorker } from '../tasks/record-key-cultivation-list.ts';
import { recordCertificateRenewalWorker } from '../tasks/record-certificate-renewal.ts';
import { recordCertificationResultWorker } from '../tasks/record-certification-result.ts';
import { recordCncaEscalationWorker } from '../tasks/record-cnca-escalation.ts';
import { recordCncaReportWorker } from '../tasks/record-cnca-report.ts';
import { recordCreditDecisionWorker } from '../tasks/record-credit-decision.ts';
import { recordExpertScoresWorker } from '../tasks/record-expert-scores.ts';
import { recordObjectionDecisionWorker } from '../tasks/record-objection-decision.ts';
import { takeUpObjectionWorker } from '../tasks/take-up-objection.ts';
import { recordRecommendationWorker } from '../tasks/record-recommendation.ts';
import { scheduleCertificateWorker } from '../tasks/schedule-certificate.ts';
import { scheduleDeclarationWorker } from '../tasks/schedule-declaration.ts';
import { startPublicityWorker } from '../tasks/start-publicity.ts';
import { openComprehensiveReviewWorker } from '../tasks/open-comprehensive-review.ts';
import { recordMemberOpinionWorker } from '../tasks/record-member-opinion.ts';
import { recordProposedListWorker } from '../tasks/record-proposed-list.ts';
import type { CyclePorts } from './ports.ts';

/** The workers of the yearly cycle's models (bpmn/), one per task type; `notify` is registered beside them. */
export function cycleWorkerDefinitions(ports: CyclePorts): WorkerDefinition<TSchema>[] {
  return [
    openCampaignWorker(ports),
    carryOverKeyEnterprisesWorker(ports),
    formExpertPanelsWorker(ports),
    recordExpertScoresWorker(ports),
    rankKeyCultivationWorker(ports),
    recordKeyCultivationListWorker(ports),
    openComprehensiveReviewWorker(ports),
    recordMemberOpinionWorker(ports),
    recordProposedListWorker(ports),
    startPublicityWorker(ports),
    endPublicityWorker(ports),
    announceListWorker(ports),
    recordAllianceReportWorker(ports),
    scheduleDeclarationWorker(ports),
    checkEligibilityWorker(ports),
    recordRecommendationWorker(ports),
    proposeStandardAdvancementWorker(ports),
    assessStandardAdvancementWorker(ports),
    assignCertificationBodyWorker(ports),
    recordBodyArrangementWorker(ports),
    handOverCertificationWorker(ports),
    recordCertificationResultWorker(ports),
    computeCncaDeadlineWorker(ports),
    recordCncaEscalationWorker(ports),
    recordCncaReportWorker(ports),
    consultCreditWorker(ports),
    recordCreditDecisionWorker(ports),
    takeUpObjectionWorker(ports),
    recordObjectionDecisionWorker(ports),
    issueCertificateWorker(ports),
    closeDeclarationWorker(ports),
    scheduleCertificateWorker(ports),
    expireCertificateWorker(ports),
    recordCertificateRenewalWorker(ports),
  ] as WorkerDefinition<TSchema>[];
}
