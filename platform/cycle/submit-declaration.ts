import { processIds } from '../../bpmn/contract.ts';
import { withTransaction, type PoolClient } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { recordCaseStart, startCase, type CaseStartDependencies, type CaseStartRequest } from './case-starts.ts';

/** What an enterprise (or a member unit) submits for one product; a carry-over is the enterprise's own. */
export interface DeclarationSubmission {
  readonly campaignYear: number;
  readonly enterpriseId: string;
  readonly productName: string;
  readonly category: 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';
  readonly channel: 'COUNTY' | 'MEMBER_UNIT' | 'CARRY_OVER';
  readonly memberUnit?: string;
  /** Last year's declaration this one continues (channel CARRY_OVER). */
  readonly carriedFrom?: string;
  /** The eligibility input (docs/eligibility-input.schema.json); checked by the eligibility task. */
  readonly facts: unknown;
  readonly submittedBy: string;
}

export interface SubmittedDeclaration {
  readonly number: string;
  readonly processInstanceKey: string;
}

/**
 * Records a declaration and starts its case. The number is JP-{year}-{city}-{nnnn}, counted per
 * city and year. Submitting the same product of the same enterprise again in a year returns the
 * existing declaration and its case (starting it if an earlier attempt stopped before that).
 */
export async function submitDeclaration(deps: CaseStartDependencies, submission: DeclarationSubmission): Promise<SubmittedDeclaration> {
  const number = await withTransaction(deps.db, (db) => recordDeclaration(db, deps.clock.now(), submission));
  return { number, processInstanceKey: await startCase(deps, processIds.declaration, number) };
}

/**
 * The declaration's row, its audit entry and its case start, inside the caller's transaction:
 * all of them or none. A declaration recorded before is answered as it is.
 * @returns the declaration's number.
 */
export async function recordDeclaration(db: PoolClient, at: Date, submission: DeclarationSubmission): Promise<string> {
  const { rows: enterprises } = await db.query<{ city_code: string }>('SELECT city_code FROM enterprises WHERE id = $1', [submission.enterpriseId]);
  const enterprise = enterprises[0];
  if (!enterprise) throw new Error(`企业不存在 / no enterprise ${submission.enterpriseId}`);
  // One numbering per city and year, and one declaration per product: the lock comes before the
  // look-up, so two submissions of one product cannot both find none and both number it.
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`declaration-number-${submission.campaignYear}-${enterprise.city_code}`]);
  const existing = await db.query<{ number: string }>(
    'SELECT number FROM declarations WHERE campaign_year = $1 AND enterprise_id = $2 AND product_name = $3',
    [submission.campaignYear, submission.enterpriseId, submission.productName],
  );
  let number = existing.rows[0]?.number;
  if (!number) {
    const prefix = `JP-${submission.campaignYear}-${enterprise.city_code}-`;
    const { rows } = await db.query<{ next: number }>(
      `SELECT coalesce(max(substring(number FROM '[0-9]{4}$')::int), 0) + 1 AS next FROM declarations WHERE number LIKE $1`,
      [`${prefix}%`],
    );
    number = `${prefix}${String(rows[0]!.next).padStart(4, '0')}`;
    await db.query(
      `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, member_unit, facts, stage, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'SUBMITTED', $9)`,
      [number, submission.campaignYear, submission.enterpriseId, submission.productName, submission.category, submission.channel, submission.memberUnit ?? null, JSON.stringify(submission.facts), at],
    );
    await appendAudit(db, {
      actor: submission.submittedBy,
      role: submission.channel === 'MEMBER_UNIT' ? 'member_unit' : 'enterprise',
      action: 'declaration.submitted',
      subjectType: 'declaration',
      subjectId: number,
      detail: { channel: submission.channel, productName: submission.productName, ...(submission.carriedFrom ? { carriedFrom: submission.carriedFrom } : {}) },
      at,
    });
  }
  // Also for a declaration recorded before: one from before case starts existed gets its record
  // now (ON CONFLICT keeps any earlier one), from the row as it was submitted.
  await recordCaseStart(db, await declarationCase(db, number), at);
  return number;
}

/** The declaration case's start: its number as business key and what the model reads at its start. */
async function declarationCase(db: PoolClient, number: string): Promise<CaseStartRequest> {
  const { rows } = await db.query<{ campaign_year: number; channel: string; category: string; enterprise_id: string; city_code: string; county_code: string }>(
    `SELECT d.campaign_year, d.channel, d.category, d.enterprise_id, e.city_code, e.county_code
       FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.number = $1`,
    [number],
  );
  const row = rows[0]!;
  return {
    processDefinitionId: processIds.declaration,
    businessKey: number,
    variables: {
      declarationNumber: number,
      campaignYear: row.campaign_year,
      channel: row.channel,
      category: row.category,
      enterpriseId: row.enterprise_id,
      cityCode: row.city_code,
      countyCode: row.county_code,
    },
  };
}
