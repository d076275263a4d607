import type { Pool, PoolClient } from 'pg';

/** A candidate of the comprehensive review, as the office weighs it: who, what, and the credit consultation. */
export interface ReviewCandidate {
  readonly declarationNumber: string;
  readonly enterpriseName: string;
  readonly productName: string;
  readonly category: string;
  /** CLEAN, or the office's credit decision on a finding or on no record (CLEARED). */
  readonly creditResult: string;
  readonly creditDecision: string | null;
  readonly creditAdapter: string | null;
  readonly creditCheckedAt: string | null;
  /** Each source consulted, with its date and result. */
  readonly creditSources: { source: string; result: string; recordedAt: string }[];
  readonly proposed: boolean | null;
}

/** A member unit's answer, or NO_REPLY when its deadline passed. */
export interface MemberUnitOpinion {
  readonly memberUnitId: string;
  readonly memberUnitName: string;
  readonly status: 'AGREED' | 'OBJECTED' | 'NO_REPLY';
  readonly opinion: string;
  readonly givenBy: string;
  readonly givenAt: string;
}

/** The candidates of a campaign's review with their credit consultation, in declaration order. */
export async function reviewCandidates(db: Pool | PoolClient, year: number): Promise<ReviewCandidate[]> {
  const { rows } = await db.query<{
    number: string; enterprise: string; product: string; category: string; result: string | null; decision: string | null;
    adapter: string | null; checked: Date | null; findings: { source: string; result: string; recordedAt: string }[] | null; proposed: boolean | null;
  }>(
    `SELECT d.number, e.name AS enterprise, d.product_name AS product, d.category, k.result, k.decision, k.adapter, k.checked_at AS checked,
            k.findings, c.proposed
       FROM comprehensive_review_candidates c
       JOIN declarations d ON d.number = c.declaration_number
       JOIN enterprises e ON e.id = d.enterprise_id
       LEFT JOIN credit_checks k ON k.declaration_number = d.number
      WHERE c.campaign_year = $1 ORDER BY d.number`,
    [year],
  );
  return rows.map((r) => ({
    declarationNumber: r.number,
    enterpriseName: r.enterprise,
    productName: r.product,
    category: r.category,
    creditResult: r.result ?? 'NOT_CONSULTED',
    creditDecision: r.decision,
    creditAdapter: r.adapter,
    creditCheckedAt: r.checked ? r.checked.toISOString() : null,
    creditSources: (r.findings ?? []).map((f) => ({ source: f.source, result: f.result, recordedAt: String(f.recordedAt) })),
    proposed: r.proposed,
  }));
}

/** The member units' opinions of a campaign's review, by unit. */
export async function memberUnitOpinions(db: Pool | PoolClient, year: number): Promise<MemberUnitOpinion[]> {
  const { rows } = await db.query<{ id: string; name: string; status: MemberUnitOpinion['status']; opinion: string; given_by: string; given_at: Date }>(
    `SELECT o.member_unit_id AS id, m.name, o.status, o.opinion, o.given_by, o.given_at
       FROM member_unit_opinions o JOIN member_units m ON m.id = o.member_unit_id
      WHERE o.campaign_year = $1 ORDER BY o.member_unit_id`,
    [year],
  );
  return rows.map((r) => ({ memberUnitId: r.id, memberUnitName: r.name, status: r.status, opinion: r.opinion, givenBy: r.given_by, givenAt: r.given_at.toISOString() }));
}
