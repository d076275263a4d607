import type { Pool } from 'pg';
import type { Principal } from '../auth/roles.ts';
import { Params, visibleDeclarations } from './declaration-scope.ts';

export interface StageCount {
  readonly year: number;
  readonly cityCode: string;
  readonly stage: string;
  readonly outcome: string | null;
  readonly declarations: number;
}

/** Declarations per year, city and stage (closed ones per outcome), of those the user may see. */
export async function declarationStatistics(db: Pool, principal: Principal, filter: { year?: number; cityCode?: string }): Promise<StageCount[]> {
  const p = new Params();
  const where = [visibleDeclarations(principal, p.bind)];
  if (filter.year !== undefined) where.push(`d.campaign_year = ${p.bind(filter.year)}`);
  if (filter.cityCode !== undefined) where.push(`e.city_code = ${p.bind(filter.cityCode)}`);
  const { rows } = await db.query<StageCount>(
    `SELECT d.campaign_year AS year, e.city_code AS "cityCode", d.stage, d.outcome, count(*)::int AS declarations
       FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
      WHERE ${where.join(' AND ')}
      GROUP BY d.campaign_year, e.city_code, d.stage, d.outcome
      ORDER BY d.campaign_year, e.city_code, d.stage, d.outcome NULLS FIRST`,
    p.values,
  );
  return rows;
}
