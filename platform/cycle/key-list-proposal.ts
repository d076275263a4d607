import type { Pool } from 'pg';

/** One expert's sheet on a ranked declaration, as the provincial office sees it when deciding. */
export interface ProposalSheet {
  readonly expertId: string;
  readonly expertName: string;
  readonly total: number;
  readonly opinion: string | null;
}

/** One row of the ranked proposal: rank, declaration, weighted mean, and the panel's sheets. */
export interface ProposalRow {
  readonly rank: number;
  readonly declarationNumber: string;
  readonly enterpriseName: string;
  readonly productName: string;
  readonly category: string;
  readonly score: number;
  /** null until the office decided; then whether it is on the list. */
  readonly selected: boolean | null;
  readonly sheets: ProposalSheet[];
}

/**
 * The year's ranked proposal for the key-cultivation list, in rank order: what the provincial
 * office weighs in `decideKeyList` (each declaration's ranking score and every panel member's
 * total and written opinion).
 */
export async function keyListProposal(db: Pool, year: number): Promise<ProposalRow[]> {
  const { rows } = await db.query<{
    rank: number;
    number: string;
    enterprise: string;
    product: string;
    category: string;
    score: string;
    selected: boolean | null;
    sheets: { expertId: string; expertName: string; total: string; opinion: string | null }[];
  }>(
    `SELECT k.rank, d.number, e.name AS enterprise, d.product_name AS product, d.category, k.score::text, k.selected,
            coalesce((SELECT json_agg(json_build_object('expertId', s.expert_id, 'expertName', x.name, 'total', s.total::text, 'opinion', s.opinion) ORDER BY s.expert_id)
                        FROM expert_scores s JOIN experts x ON x.id = s.expert_id WHERE s.declaration_number = d.number), '[]') AS sheets
       FROM key_cultivation k JOIN declarations d ON d.number = k.declaration_number JOIN enterprises e ON e.id = d.enterprise_id
      WHERE k.campaign_year = $1
      ORDER BY k.rank, d.number`,
    [year],
  );
  return rows.map((r) => ({
    rank: r.rank,
    declarationNumber: r.number,
    enterpriseName: r.enterprise,
    productName: r.product,
    category: r.category,
    score: Number(r.score),
    selected: r.selected,
    sheets: r.sheets.map((s) => ({ expertId: s.expertId, expertName: s.expertName, total: Number(s.total), opinion: s.opinion })),
  }));
}
