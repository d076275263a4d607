import { beijingDateOf } from '../deadlines/beijing-time.ts';
import type { CreditCheck, CreditSource } from './credit-check.ts';
import type { CreditDecision } from './credit-decision.ts';

/**
 * Where an enterprise's credit consultation stands. There is no automatic knock-out (DOMAIN §7,
 * §11 q6): a HIT or NEEDS_EXPLANATION only ever yields AWAITING_DECISION, and only a person's
 * decision can exclude.
 */
export type CreditStatus =
  | 'NOT_CHECKED'
  | 'AWAITING_DECISION'
  | 'EXCLUDED_BY_DECISION'
  | 'INCOMPLETE'
  | 'PROCEED_BY_DECISION'
  | 'CLEAR';

/** The assessment, with the records behind it and a reason, Chinese first. */
export interface CreditAssessment {
  readonly status: CreditStatus;
  /** Checks still in force at `now`. */
  readonly current: readonly CreditCheck[];
  /** Current HIT / NEEDS_EXPLANATION checks no later decision answers. */
  readonly undecided: readonly CreditCheck[];
  /** Required sources with no current check. */
  readonly missingSources: readonly CreditSource[];
  /** The decisions that settle the current findings, latest per check. */
  readonly decisions: readonly CreditDecision[];
  readonly zh: string;
  readonly en: string;
}

/** The input of assessCredit. */
export interface CreditAssessmentInput {
  readonly enterpriseId: string;
  readonly checks: readonly CreditCheck[];
  readonly decisions: readonly CreditDecision[];
  readonly now: Date;
  /** Sources that must have a current check (DOMAIN §11 q6 leaves them open); default none. */
  readonly requiredSources?: readonly CreditSource[];
}

/** Records of another enterprise were passed in: a mix-up that must not be decided on. */
export class CreditRecordMismatch extends Error {
  override readonly name = 'CreditRecordMismatch';
  constructor(expected: string, found: string) {
    super(`信用记录属于企业 ${found}，不是 ${expected} / a credit record belongs to enterprise ${found}, not ${expected}`);
  }
}

/**
 * Assesses one enterprise's credit consultation at `now`. A check counts until the end of its
 * `expiresOn` (Beijing date). Every current finding needs a person's decision made after the
 * check, even if a later check from the same source is clean: dropping a finding by itself would
 * be an automatic decision too [ASSUMED]. The latest decision on a check wins, so a person can
 * reverse one. Order: nothing current → NOT_CHECKED; an undecided finding → AWAITING_DECISION;
 * a decision to exclude → EXCLUDED_BY_DECISION; a required source unchecked → INCOMPLETE;
 * findings all answered "proceed" → PROCEED_BY_DECISION; otherwise CLEAR.
 */
export function assessCredit(input: CreditAssessmentInput): CreditAssessment {
  for (const record of [...input.checks, ...input.decisions]) {
    if (record.enterpriseId !== input.enterpriseId) throw new CreditRecordMismatch(input.enterpriseId, record.enterpriseId);
  }
  const today = beijingDateOf(input.now);
  const nowMs = input.now.getTime();
  const current = input.checks.filter((c) => c.expiresOn >= today && Date.parse(c.queriedAt) <= nowMs);
  const findings = current.filter((c) => c.result !== 'CLEAN');
  const settling = new Map<string, CreditDecision>();
  const undecided: CreditCheck[] = [];
  for (const check of findings) {
    const decision = latestDecisionOn(check, input.decisions, nowMs);
    if (decision) settling.set(check.id, decision);
    else undecided.push(check);
  }
  const checkedSources = new Set(current.map((c) => c.source));
  const missingSources = (input.requiredSources ?? []).filter((s) => !checkedSources.has(s));
  const decisions = [...new Set(settling.values())];
  const base = { current, undecided, missingSources, decisions };

  if (current.length === 0) {
    return { ...base, status: 'NOT_CHECKED', zh: '尚无有效的信用查询记录', en: 'no credit check is in force' };
  }
  if (undecided.length > 0) {
    const ids = undecided.map((c) => c.id).join(', ');
    return {
      ...base,
      status: 'AWAITING_DECISION',
      zh: `${undecided.length} 条信用查询有发现（${ids}），须由人工研判，不自动否决`,
      en: `${undecided.length} credit check(s) found something (${ids}); a person must decide, there is no automatic knock-out`,
    };
  }
  const excluding = decisions.find((d) => d.verdict === 'EXCLUDE');
  if (excluding) {
    return {
      ...base,
      status: 'EXCLUDED_BY_DECISION',
      zh: `${excluding.decidedBy.name} 决定不予通过：${excluding.reason}`,
      en: `${excluding.decidedBy.name} decided to exclude: ${excluding.reason}`,
    };
  }
  if (missingSources.length > 0) {
    return {
      ...base,
      status: 'INCOMPLETE',
      zh: `以下必查来源没有有效的查询记录：${missingSources.join('、')}`,
      en: `no current check from these required sources: ${missingSources.join(', ')}`,
    };
  }
  if (findings.length > 0) {
    return {
      ...base,
      status: 'PROCEED_BY_DECISION',
      zh: `${findings.length} 条发现已经人工研判，决定继续`,
      en: `${findings.length} finding(s) weighed by a person, who decided to proceed`,
    };
  }
  return { ...base, status: 'CLEAR', zh: `${current.length} 条有效查询均无不良记录`, en: `all ${current.length} current check(s) are clean` };
}

/** The latest decision naming the check, made after the check and not after `now`. */
function latestDecisionOn(check: CreditCheck, decisions: readonly CreditDecision[], nowMs: number): CreditDecision | undefined {
  const checkedMs = Date.parse(check.queriedAt);
  let latest: CreditDecision | undefined;
  for (const decision of decisions) {
    const decidedMs = Date.parse(decision.decidedAt);
    if (!decision.checkIds.includes(check.id) || decidedMs < checkedMs || decidedMs > nowMs) continue;
    if (!latest || decidedMs >= Date.parse(latest.decidedAt)) latest = decision;
  }
  return latest;
}
