import type { Pool, PoolClient } from 'pg';

/** A declaration as the workers read it. */
export interface DeclarationRow {
  readonly number: string;
  readonly campaignYear: number;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly cityCode: string;
  readonly countyCode: string;
  readonly productName: string;
  readonly category: 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';
  readonly channel: 'COUNTY' | 'MEMBER_UNIT' | 'CARRY_OVER';
  readonly facts: unknown;
  readonly stage: string;
  readonly outcome: string | null;
  readonly submittedAt: Date;
}

export class DeclarationNotFound extends Error {
  override readonly name = 'DeclarationNotFound';
  constructor(readonly number: string) {
    super(`申报不存在 / no declaration ${number}`);
  }
}

export async function getDeclaration(db: Pool | PoolClient, number: string): Promise<DeclarationRow> {
  const { rows } = await db.query<DeclarationRow>(
    `SELECT d.number, d.campaign_year AS "campaignYear", d.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
            e.city_code AS "cityCode", e.county_code AS "countyCode", d.product_name AS "productName", d.category, d.channel,
            d.facts, d.stage, d.outcome, d.submitted_at AS "submittedAt"
       FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.number = $1`,
    [number],
  );
  if (!rows[0]) throw new DeclarationNotFound(number);
  return rows[0];
}

/** Moves a declaration to a stage (what the case view shows as "where it is"). */
export async function setStage(db: Pool | PoolClient, number: string, stage: string): Promise<void> {
  await db.query('UPDATE declarations SET stage = $2 WHERE number = $1 AND outcome IS NULL', [number, stage]);
}
