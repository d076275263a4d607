import { Type } from '@fastify/type-provider-typebox';
import type { Pool } from 'pg';
import { memberUnitOpinions, reviewCandidates } from '../../../platform/db/cycle/comprehensive-review.ts';

/**
 * What the comprehensive review's tasks show: each candidate with its credit consultation (the
 * adapter, each source's date and result, the office's credit decision), and for the office the
 * member units' opinions (or that a unit did not reply by its deadline).
 */
export const ComprehensiveReviewSchema = Type.Object(
  {
    candidates: Type.Array(
      Type.Object({
        declarationNumber: Type.String(),
        enterpriseName: Type.String(),
        productName: Type.String(),
        category: Type.String(),
        creditResult: Type.String({ description: 'CLEAN, HIT, NEEDS_EXPLANATION 或 NOT_CONSULTED（无记录）/ or NOT_CONSULTED (nothing on record)' }),
        creditDecision: Type.Union([Type.String(), Type.Null()], { description: '省质委办的信用会商决定 / the office\'s credit decision' }),
        creditAdapter: Type.Union([Type.String(), Type.Null()]),
        creditCheckedAt: Type.Union([Type.String(), Type.Null()]),
        creditSources: Type.Array(Type.Object({ source: Type.String(), result: Type.String(), recordedAt: Type.String() })),
        proposed: Type.Union([Type.Boolean(), Type.Null()]),
      }),
    ),
    memberOpinions: Type.Array(
      Type.Object({
        memberUnitId: Type.String(),
        memberUnitName: Type.String(),
        status: Type.Union([Type.Literal('AGREED'), Type.Literal('OBJECTED'), Type.Literal('NO_REPLY')]),
        opinion: Type.String(),
        givenBy: Type.String(),
        givenAt: Type.String(),
      }),
    ),
  },
  { description: '综合评审：候选申报及其信用查询，成员单位意见 / the comprehensive review: the candidates with their credit consultation, the member units\' opinions' },
);

/** The review of a campaign; the member units' opinions only for the office (a unit sees the candidates). */
export async function comprehensiveReviewView(db: Pool, year: number, withOpinions: boolean) {
  return { candidates: await reviewCandidates(db, year), memberOpinions: withOpinions ? await memberUnitOpinions(db, year) : [] };
}

/** What the office's credit decision (decideCredit) shows: the consultation, NOT_CONSULTED when nothing was on record. */
export const CreditConsultationSchema = Type.Object(
  {
    result: Type.String({ description: 'CLEAN, HIT, NEEDS_EXPLANATION 或 NOT_CONSULTED（无记录，不视为良好）/ or NOT_CONSULTED (nothing on record, not clean)' }),
    adapter: Type.String({ description: '信用适配器 / the credit adapter that answered' }),
    checkedAt: Type.String(),
    sources: Type.Array(Type.Object({ source: Type.String(), result: Type.String(), detail: Type.String(), recordedAt: Type.String() })),
    decision: Type.Union([Type.String(), Type.Null()]),
  },
  { description: '信用查询：适配器、各来源的日期和结果 / the credit consultation: the adapter, each source\'s date and result' },
);
