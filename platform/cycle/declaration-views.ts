import type { Pool } from 'pg';
import type { Principal } from '../auth/roles.ts';
import { Params, visibleDeclarations } from './declaration-scope.ts';

/** A declaration as the API shows it in lists. */
export interface DeclarationSummary {
  readonly number: string;
  readonly campaignYear: number;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly cityCode: string;
  readonly countyCode: string;
  readonly productName: string;
  readonly category: string;
  readonly channel: string;
  readonly stage: string;
  readonly outcome: string | null;
  readonly submittedAt: Date;
  readonly closedAt: Date | null;
}

export interface DeclarationFilter {
  readonly year?: number;
  readonly stage?: string;
  readonly cityCode?: string;
  readonly category?: string;
  readonly outcome?: string;
  readonly limit: number;
  readonly offset: number;
}

const COLUMNS = `d.number, d.campaign_year AS "campaignYear", d.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
  e.city_code AS "cityCode", e.county_code AS "countyCode", d.product_name AS "productName", d.category, d.channel,
  d.stage, d.outcome, d.submitted_at AS "submittedAt", d.closed_at AS "closedAt"`;

/** The declarations the user may see, filtered and paged, with the total before paging. */
export async function listDeclarations(db: Pool, principal: Principal, filter: DeclarationFilter): Promise<{ total: number; items: DeclarationSummary[] }> {
  const p = new Params();
  const where = [visibleDeclarations(principal, p.bind)];
  if (filter.year !== undefined) where.push(`d.campaign_year = ${p.bind(filter.year)}`);
  if (filter.stage !== undefined) where.push(`d.stage = ${p.bind(filter.stage)}`);
  if (filter.cityCode !== undefined) where.push(`e.city_code = ${p.bind(filter.cityCode)}`);
  if (filter.category !== undefined) where.push(`d.category = ${p.bind(filter.category)}`);
  if (filter.outcome !== undefined) where.push(`d.outcome = ${p.bind(filter.outcome)}`);
  const from = `FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE ${where.join(' AND ')}`;
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, p.values);
  const limit = p.bind(filter.limit);
  const offset = p.bind(filter.offset);
  const { rows } = await db.query<DeclarationSummary>(`SELECT ${COLUMNS} ${from} ORDER BY d.number LIMIT ${limit} OFFSET ${offset}`, p.values);
  return { total: total.rows[0]!.n, items: rows };
}

/** One declaration the user may see, or undefined (not there, or out of scope: the same to him). */
export async function findDeclaration(db: Pool, principal: Principal, number: string): Promise<(DeclarationSummary & { processInstanceKey: string | null }) | undefined> {
  const p = new Params();
  const condition = visibleDeclarations(principal, p.bind);
  const { rows } = await db.query<DeclarationSummary & { processInstanceKey: string | null }>(
    `SELECT ${COLUMNS}, d.process_instance_key AS "processInstanceKey"
       FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.number = ${p.bind(number)} AND ${condition}`,
    p.values,
  );
  return rows[0];
}

/** What was decided on a declaration so far: recommendations, list, standard, certification, credit. */
export async function declarationDecisions(db: Pool, number: string) {
  const [recommendations, keyCultivation, standard, certification, certificate] = await Promise.all([
    db.query<{ level: string; recommended: boolean; reason: string; decidedBy: string; decidedAt: Date }>(
      `SELECT level, recommended, reason, decided_by AS "decidedBy", decided_at AS "decidedAt" FROM recommendations WHERE declaration_number = $1 ORDER BY decided_at`,
      [number],
    ),
    db.query<{ rank: number; score: string; selected: boolean | null }>('SELECT rank, score::text, selected FROM key_cultivation WHERE declaration_number = $1', [number]),
    db.query<{ verdict: string; legitimacy: string | null; compliance: string | null; flags: string[]; evaluatedAt: Date }>(
      'SELECT verdict, legitimacy, compliance, flags, evaluated_at AS "evaluatedAt" FROM standard_evaluations WHERE declaration_number = $1',
      [number],
    ),
    db.query<{ bodyId: string; status: string; endedAt: Date | null }>(
      'SELECT body_id AS "bodyId", status, ended_at AS "endedAt" FROM certifications WHERE declaration_number = $1',
      [number],
    ),
    db.query<{ number: string; expiresAt: Date; status: string }>('SELECT number, expires_at AS "expiresAt", status FROM certificates WHERE declaration_number = $1', [number]),
  ]);
  return {
    recommendations: recommendations.rows,
    keyCultivation: keyCultivation.rows[0] ? { ...keyCultivation.rows[0], score: Number(keyCultivation.rows[0].score) } : null,
    standardEvaluation: standard.rows[0] ?? null,
    certification: certification.rows[0] ?? null,
    certificate: certificate.rows[0] ?? null,
  };
}

/** The audit trail of one declaration, oldest first. */
export async function auditTrail(db: Pool, number: string) {
  const { rows } = await db.query<{ at: Date; actor: string; role: string; action: string; reason: string | null }>(
    `SELECT at, actor, role, action, reason FROM audit_log WHERE subject_type = 'declaration' AND subject_id = $1 ORDER BY at, id`,
    [number],
  );
  return rows;
}

/** Expert scores of a declaration: all of them, or (for an expert) his own. */
export async function expertScores(db: Pool, number: string, expertId?: string) {
  const { rows } = await db.query<{ expertId: string; scores: Record<string, number>; total: string; scoredAt: Date }>(
    `SELECT expert_id AS "expertId", scores, total::text, scored_at AS "scoredAt" FROM expert_scores
      WHERE declaration_number = $1 AND ($2::text IS NULL OR expert_id = $2) ORDER BY expert_id`,
    [number, expertId ?? null],
  );
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}
