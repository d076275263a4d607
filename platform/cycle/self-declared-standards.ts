import type { Pool } from 'pg';
import type { Clock } from '../engine/clock.ts';
import type { Principal } from '../auth/roles.ts';
import { withTransaction } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { findProposal, type StandardProposal } from '../db/cycle/standard-proposals.ts';

/** A flag the Standardization Management Office raised, as the institute and the office see it. */
export interface StandardFlag {
  readonly id: number;
  readonly standardCode: string;
  readonly reason: string;
  readonly flaggedBy: string;
  readonly flaggedAt: Date;
}

/** One self-declared enterprise standard (企业标准自我声明) a declaration of the year is made to. */
export interface SelfDeclaredStandard {
  readonly declarationNumber: string;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly productName: string;
  readonly standardCode: string;
  /** The declaration carries the self-declared public disclosure (in its evidence or as an attachment). */
  readonly disclosed: boolean;
  readonly stage: string;
  readonly outcome: string | null;
  /** The institute's judgements, once made. */
  readonly legitimacy: string | null;
  readonly compliance: string | null;
  readonly advancement: string | null;
  readonly flags: StandardFlag[];
}

// The enterprise standard a declaration is made to: its stated implementation standard when that
// is an enterprise standard, else the one its comparison table (Att. 2) names [ASSUMED: an
// enterprise standard is the one thing a product can be self-declared against].
const standardCode = `COALESCE(CASE WHEN d.facts->'implementationStandard'->>'kind' = 'ENTERPRISE' THEN d.facts->'implementationStandard'->>'code' END,
                              d.facts->'standardComparison'->>'enterpriseStandardCode')`;

const flagsOf = `COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'standardCode', f.standard_code, 'reason', f.reason,
                                                           'flaggedBy', f.flagged_by, 'flaggedAt', f.flagged_at) ORDER BY f.id)
                             FROM standard_flags f WHERE f.declaration_number = d.number), '[]'::jsonb)`;

interface FlagJson {
  id: number;
  standardCode: string;
  reason: string;
  flaggedBy: string;
  flaggedAt: string;
}
const flagOf = (f: FlagJson): StandardFlag => ({ ...f, flaggedAt: new Date(f.flaggedAt) });

/** The year's declarations made to an enterprise standard, with the disclosure, the institute's judgements and the office's flags. */
export async function selfDeclaredStandards(db: Pool, year: number): Promise<SelfDeclaredStandard[]> {
  const { rows } = await db.query<Omit<SelfDeclaredStandard, 'flags'> & { flags: FlagJson[] }>(
    `SELECT d.number AS "declarationNumber", d.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", d.product_name AS "productName",
            ${standardCode} AS "standardCode",
            (COALESCE(d.facts->'evidence', '[]'::jsonb) ? 'ENTERPRISE_STANDARD_DISCLOSURE'
              OR EXISTS (SELECT 1 FROM attachments a WHERE a.declaration_number = d.number AND a.kind = 'ENTERPRISE_STANDARD_DISCLOSURE')) AS disclosed,
            d.stage, d.outcome, s.legitimacy, s.compliance, s.verdict AS advancement, ${flagsOf} AS flags
       FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
       LEFT JOIN standard_evaluations s ON s.declaration_number = d.number
      WHERE d.campaign_year = $1 AND ${standardCode} IS NOT NULL
      ORDER BY d.number`,
    [year],
  );
  return rows.map((r) => ({ ...r, flags: r.flags.map(flagOf) }));
}

/** Why a flag was refused. */
export class FlagRefused extends Error {
  constructor(
    readonly reason: 'NOT_FOUND' | 'NO_ENTERPRISE_STANDARD',
    message: string,
  ) {
    super(message);
    this.name = 'FlagRefused';
  }
}

/**
 * The office flags the enterprise standard a declaration is made to, with its reason: recorded
 * with who and when, and in the audit trail. A flag informs the institute; it decides nothing.
 */
export async function flagStandard(db: Pool, clock: Clock, principal: Principal, declarationNumber: string, reason: string): Promise<StandardFlag> {
  return withTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ code: string | null }>(`SELECT ${standardCode} AS code FROM declarations d WHERE d.number = $1 FOR UPDATE`, [declarationNumber]);
    if (!rows[0]) throw new FlagRefused('NOT_FOUND', `申报 ${declarationNumber} 不存在 / declaration ${declarationNumber} not found`);
    const code = rows[0].code;
    if (!code) {
      throw new FlagRefused('NO_ENTERPRISE_STANDARD', `申报 ${declarationNumber} 不按企业标准生产，无自我声明可标记 / declaration ${declarationNumber} is made to no enterprise standard: nothing self-declared to flag`);
    }
    const at = clock.now();
    const { rows: inserted } = await tx.query<{ id: string }>(
      'INSERT INTO standard_flags (declaration_number, standard_code, reason, flagged_by, flagged_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [declarationNumber, code, reason, principal.username, at],
    );
    const id = Number(inserted[0]!.id);
    await appendAudit(tx, {
      actor: principal.username,
      role: principal.role,
      action: 'standard.flagged',
      subjectType: 'declaration',
      subjectId: declarationNumber,
      reason,
      detail: { flagId: id, standardCode: code },
      at,
    });
    return { id, standardCode: code, reason, flaggedBy: principal.username, flaggedAt: at };
  });
}

/** What the institute judges from: the filed table, the automatic proposal, the office's flags and its own judgements once made. */
export interface StandardReview {
  readonly declarationNumber: string;
  readonly comparisonTable: unknown;
  readonly proposal: StandardProposal | null;
  readonly flags: StandardFlag[];
  readonly judgement: {
    readonly legitimacy: string | null;
    readonly legitimacyReason: string | null;
    readonly compliance: string | null;
    readonly complianceReason: string | null;
    readonly advancement: string;
    readonly advancementReason: string | null;
    readonly evaluatedBy: string;
    readonly evaluatedAt: Date;
  } | null;
}

export async function standardReview(db: Pool, declarationNumber: string): Promise<StandardReview | undefined> {
  const { rows } = await db.query<{ table: unknown; flags: FlagJson[] }>(
    `SELECT d.facts->'standardComparison' AS table, ${flagsOf} AS flags FROM declarations d WHERE d.number = $1`,
    [declarationNumber],
  );
  if (!rows[0]) return undefined;
  const { rows: judged } = await db.query<NonNullable<StandardReview['judgement']>>(
    `SELECT legitimacy, legitimacy_reason AS "legitimacyReason", compliance, compliance_reason AS "complianceReason", verdict AS advancement,
            advancement_reason AS "advancementReason", evaluated_by AS "evaluatedBy", evaluated_at AS "evaluatedAt"
       FROM standard_evaluations WHERE declaration_number = $1`,
    [declarationNumber],
  );
  return {
    declarationNumber,
    comparisonTable: rows[0].table,
    proposal: (await findProposal(db, declarationNumber)) ?? null,
    flags: rows[0].flags.map(flagOf),
    judgement: judged[0] ?? null,
  };
}
