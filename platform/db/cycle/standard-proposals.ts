import type { Pool, PoolClient } from 'pg';

/** The automatic comparison of a filed table, as stored (standard_proposals). */
export interface StandardProposal {
  readonly declarationNumber: string;
  readonly enterpriseStandardCode: string | null;
  /** null: the enterprise filed no comparison table. */
  readonly verdict: 'ADVANCED' | 'COMPARABLE' | 'NOT_ADVANCED' | null;
  readonly indicators: unknown[];
  readonly flags: string[];
  readonly summary: { readonly zh: string; readonly en: string };
  readonly proposedAt: Date;
}

const columns = `declaration_number AS "declarationNumber", enterprise_standard_code AS "enterpriseStandardCode", verdict, indicators, flags,
  jsonb_build_object('zh', summary_zh, 'en', summary_en) AS summary, proposed_at AS "proposedAt"`;

/** Stores a proposal once; false when one was stored already (a retried job). */
export async function insertProposal(db: Pool | PoolClient, p: StandardProposal): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO standard_proposals (declaration_number, enterprise_standard_code, verdict, indicators, flags, summary_zh, summary_en, proposed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (declaration_number) DO NOTHING`,
    [p.declarationNumber, p.enterpriseStandardCode, p.verdict, JSON.stringify(p.indicators), p.flags, p.summary.zh, p.summary.en, p.proposedAt],
  );
  return rowCount === 1;
}

export async function findProposal(db: Pool | PoolClient, declarationNumber: string): Promise<StandardProposal | undefined> {
  const { rows } = await db.query<StandardProposal>(`SELECT ${columns} FROM standard_proposals WHERE declaration_number = $1`, [declarationNumber]);
  return rows[0];
}

/**
 * The indicator keys the campaign's other compared declarations declare: the comparison set for
 * the ONLY (唯一) flag.
 */
export async function comparisonSet(db: Pool | PoolClient, campaignYear: number, except: string) {
  const { rows } = await db.query<{ declarationNumber: string; enterpriseId: string; indicatorKeys: string[] }>(
    `SELECT p.declaration_number AS "declarationNumber", d.enterprise_id AS "enterpriseId",
            ARRAY(SELECT jsonb_array_elements(p.indicators)->>'key') AS "indicatorKeys"
       FROM standard_proposals p JOIN declarations d ON d.number = p.declaration_number
      WHERE d.campaign_year = $1 AND p.declaration_number <> $2`,
    [campaignYear, except],
  );
  return rows;
}
