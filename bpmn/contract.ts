/**
 * The names the models and the code share: process ids, job types, message names and error
 * codes. test/contract/ checks them against the XML in this folder, so a renamed task in the
 * Modeler or a typo in code fails the build instead of stalling a case in production.
 */
export const processIds = {
  campaign: 'annual-campaign',
  declaration: 'declaration',
  certificate: 'certificate',
} as const;

export const taskTypes = {
  // declaration.bpmn
  scheduleDeclaration: 'schedule-declaration',
  checkEligibility: 'check-eligibility',
  recordRecommendation: 'record-recommendation',
  proposeStandardAdvancement: 'propose-standard-advancement',
  assessStandardAdvancement: 'assess-standard-advancement',
  assignCertificationBody: 'assign-certification-body',
  recordBodyArrangement: 'record-body-arrangement',
  handOverCertification: 'hand-over-certification',
  recordCertificationResult: 'record-certification-result',
  computeCncaDeadline: 'compute-cnca-deadline',
  recordCncaEscalation: 'record-cnca-escalation',
  recordCncaReport: 'record-cnca-report',
  consultCredit: 'consult-credit',
  recordCreditDecision: 'record-credit-decision',
  takeUpObjection: 'take-up-objection',
  recordObjectionDecision: 'record-objection-decision',
  issueCertificate: 'issue-certificate',
  closeDeclaration: 'close-declaration',
  // annual-campaign.bpmn
  openCampaign: 'open-campaign',
  carryOverKeyEnterprises: 'carry-over-key-enterprises',
  formExpertPanels: 'form-expert-panels',
  recordExpertScores: 'record-expert-scores',
  rankKeyCultivation: 'rank-key-cultivation',
  recordKeyCultivationList: 'record-key-cultivation-list',
  openComprehensiveReview: 'open-comprehensive-review',
  recordMemberOpinion: 'record-member-opinion',
  recordProposedList: 'record-proposed-list',
  startPublicity: 'start-publicity',
  endPublicity: 'end-publicity',
  announceList: 'announce-list',
  recordAllianceReport: 'record-alliance-report',
  // certificate.bpmn
  scheduleCertificate: 'schedule-certificate',
  expireCertificate: 'expire-certificate',
  recordCertificateRenewal: 'record-certificate-renewal',
  // every model: reminders and escalations
  notify: 'notify',
} as const;

/** User tasks of declaration.bpmn that the API treats specially (the correction, an objection's decision, the standard's evaluation, the body's choice and arrangement). */
export const declarationTasks = {
  cityReview: 'cityReview',
  evaluateStandard: 'evaluateStandard',
  correctMaterials: 'correctMaterials',
  decideObjection: 'decideObjection',
  chooseBody: 'chooseBody',
  arrangeBody: 'arrangeBody',
  decideCredit: 'decideCredit',
} as const;

/** User tasks of annual-campaign.bpmn that the API treats specially (the office's key-cultivation list and proposed list, the member units' opinions). */
export const campaignTasks = {
  decideKeyList: 'decideKeyList',
  giveMemberOpinion: 'giveMemberOpinion',
  decideProposedList: 'decideProposedList',
} as const;

/** Messages the code publishes; each correlates on the declaration (or certificate) number. */
export const messageNames = {
  keyCultivationDecided: 'key-cultivation-decided',
  certificationResult: 'certification-result',
  certificationBodySuspended: 'certification-body-suspended',
  reviewDecided: 'comprehensive-review-decided',
  publicityStarted: 'publicity-started',
  publicityEnded: 'publicity-ended',
  objectionFiled: 'objection-filed',
  listAnnounced: 'list-announced',
  certificateRenewed: 'certificate-renewed',
} as const;

/**
 * How long a message published for one case (a certification result, an objection, a body's
 * suspension) waits for the case to take it: a year, as long as a case of the yearly cycle can be
 * held before it reaches the step that takes it (at an incident, say, over a holiday week). A
 * shorter time would lose an accepted result while the case waits; the message id keeps a repeat
 * from being buffered twice.
 */
export const CASE_MESSAGE_TTL_MS = 366 * 24 * 3600_000;

/** BPMN error codes workers or end events throw; each has a catching boundary in the models. */
export const errorCodes = {
  objectionUpheld: 'OBJECTION_UPHELD',
} as const;

/** How a declaration ends (declarations.outcome; the `outcome` header of close-declaration). */
export const declarationOutcomes = [
  'ANNOUNCED',
  'INELIGIBLE',
  'WITHDRAWN_INCOMPLETE',
  'NOT_RECOMMENDED',
  'NOT_SELECTED',
  'STANDARD_NOT_ADVANCED',
  'STANDARD_NOT_COMPLIANT',
  'NOT_CERTIFIED',
  'CREDIT_REJECTED',
  'NOT_PROPOSED',
  'REMOVED_AFTER_OBJECTION',
  'WITHDRAWN',
] as const;

export type TaskType = (typeof taskTypes)[keyof typeof taskTypes];
export type MessageName = (typeof messageNames)[keyof typeof messageNames];
export type DeclarationOutcome = (typeof declarationOutcomes)[number];
