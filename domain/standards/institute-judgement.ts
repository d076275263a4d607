import { Type, type Static } from '@sinclair/typebox';

const Reason = (description: string) => Type.String({ minLength: 2, maxLength: 2000, pattern: '\\S', description });

/**
 * The standardization institute's three judgements on the standard a product is made to (the
 * notice: 合法性, 合规性, 先进性), each with its reason. The automatic comparison of the filed
 * table is a proposal for the third; the institute's word is what counts.
 */
export const InstituteJudgementSchema = Type.Object({
  legitimacy: Type.Union([Type.Literal('LEGITIMATE'), Type.Literal('NOT_LEGITIMATE')]),
  legitimacyReason: Reason('合法性理由 / why'),
  compliance: Type.Union([Type.Literal('COMPLIANT'), Type.Literal('NOT_COMPLIANT')]),
  complianceReason: Reason('合规性理由 / why'),
  advancement: Type.Union([Type.Literal('ADVANCED'), Type.Literal('COMPARABLE'), Type.Literal('NOT_ADVANCED')]),
  advancementReason: Reason('先进性理由 / why'),
});

/** The institute's judgements. */
export type InstituteJudgement = Static<typeof InstituteJudgementSchema>;

/** Where the case goes: on to certification, or closed for which failing. */
export type StandardResult = 'ADVANCED' | 'COMPARABLE' | 'NOT_ADVANCED' | 'NOT_COMPLIANT';

/**
 * The result the model branches on. A standard that is not lawful or not compliant cannot carry a
 * certification whatever its level, so either failing closes the case as STANDARD_NOT_COMPLIANT
 * before advancement is looked at; otherwise the institute's advancement judgement decides, and
 * COMPARABLE goes on as before [ASSUMED: the notice names the three, not how they combine].
 */
export function standardResultOf(judgement: InstituteJudgement): StandardResult {
  if (judgement.legitimacy === 'NOT_LEGITIMATE' || judgement.compliance === 'NOT_COMPLIANT') return 'NOT_COMPLIANT';
  return judgement.advancement;
}
