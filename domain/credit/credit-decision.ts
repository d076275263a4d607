import { Type, type Static } from '@sinclair/typebox';
import { ISO_DATE_TIME_WITH_OFFSET, toBeijingDateTime } from '../deadlines/beijing-time.ts';

const Identifier = Type.String({ minLength: 1, pattern: '\\S' });

/**
 * A person's decision on credit findings: go on with the declaration, or exclude it. It names
 * the checks it answers, so a later finding is never covered by an earlier decision.
 */
export const CreditDecisionSchema = Type.Object({
  enterpriseId: Identifier,
  decidedBy: Type.Object({ id: Identifier, name: Identifier }),
  decidedAt: Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET }),
  verdict: Type.Union([Type.Literal('PROCEED'), Type.Literal('EXCLUDE')]),
  reason: Identifier,
  checkIds: Type.Array(Identifier, { minItems: 1 }),
});

/** A credit decision. */
export type CreditDecision = Static<typeof CreditDecisionSchema>;

/** What a person submits; the time is stamped by recordCreditDecision. */
export type CreditDecisionDraft = Omit<CreditDecision, 'decidedAt'>;

/** A decision that does not name a person, a reason or the checks it answers. */
export class IncompleteCreditDecision extends Error {
  override readonly name = 'IncompleteCreditDecision';
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
  }
}

/**
 * Records a person's decision at `now`. A decision must name who decided (id and name), why, and
 * which checks it answers: a credit hit is weighed by a person, never by default (DOMAIN §11 q6).
 */
export function recordCreditDecision(draft: CreditDecisionDraft, now: Date): CreditDecision {
  if (!draft.decidedBy?.id?.trim() || !draft.decidedBy?.name?.trim()) {
    throw new IncompleteCreditDecision('信用研判必须写明决定人', 'a credit decision must name the person who decided');
  }
  if (!draft.reason?.trim()) throw new IncompleteCreditDecision('信用研判必须写明理由', 'a credit decision must give its reason');
  if (!draft.checkIds?.some((id) => id.trim())) {
    throw new IncompleteCreditDecision('信用研判必须指明针对的查询记录', 'a credit decision must name the checks it answers');
  }
  return { ...draft, reason: draft.reason.trim(), checkIds: [...draft.checkIds], decidedAt: toBeijingDateTime(now) };
}
