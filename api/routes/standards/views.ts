import { Type } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import type { StandardFlag, StandardReview } from '../../../platform/cycle/self-declared-standards.ts';
import { BeijingTime, DeclarationNumber } from '../../schemas.ts';

/** A flag of the Standardization Management Office, Beijing time. */
export const FlagView = Type.Object({
  id: Type.Integer(),
  standardCode: Type.String({ description: '被标记的企业标准编号 / the enterprise standard flagged' }),
  reason: Type.String(),
  flaggedBy: Type.String(),
  flaggedAt: BeijingTime,
});

/** What the institute judges from (GET /declarations/:number/standard-review, and its task). */
export const StandardReviewSchema = Type.Object({
  declarationNumber: DeclarationNumber,
  comparisonTable: Type.Unknown({ description: '企业随申报提交的附件2 / Attachment 2 as the enterprise filed it; null if none' }),
  proposal: Type.Union([
    Type.Object({
      verdict: Type.Union([Type.String(), Type.Null()]),
      enterpriseStandardCode: Type.Union([Type.String(), Type.Null()]),
      indicators: Type.Array(Type.Unknown()),
      flags: Type.Array(Type.String()),
      summary: Type.Object({ zh: Type.String(), en: Type.String() }),
      proposedAt: BeijingTime,
    }),
    Type.Null(),
  ]),
  flags: Type.Array(FlagView),
  judgement: Type.Union([
    Type.Object({
      legitimacy: Type.Union([Type.String(), Type.Null()]),
      legitimacyReason: Type.Union([Type.String(), Type.Null()]),
      compliance: Type.Union([Type.String(), Type.Null()]),
      complianceReason: Type.Union([Type.String(), Type.Null()]),
      advancement: Type.String(),
      advancementReason: Type.Union([Type.String(), Type.Null()]),
      evaluatedBy: Type.String(),
      evaluatedAt: BeijingTime,
    }),
    Type.Null(),
  ]),
});

export const flagView = (f: StandardFlag) => ({ ...f, flaggedAt: beijingIso(f.flaggedAt) });

/** The review as the API answers it: Beijing times, null for what is missing. */
export function standardReviewView(review: StandardReview) {
  return {
    ...review,
    comparisonTable: review.comparisonTable ?? null,
    proposal: review.proposal && { ...review.proposal, proposedAt: beijingIso(review.proposal.proposedAt) },
    flags: review.flags.map(flagView),
    judgement: review.judgement && { ...review.judgement, evaluatedAt: beijingIso(review.judgement.evaluatedAt) },
  };
}
