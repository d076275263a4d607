import type { Pool } from 'pg';
import { processIds } from '../../bpmn/contract.ts';
import { withTransaction } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import type { Clock } from '../engine/clock.ts';
import type { EnginePort } from '../engine/port.ts';

/** What an enterprise (or a member unit, or the carry-over) submits for one product. */
export interface DeclarationSubmission {
  readonly campaignYear: number;
  readonly enterpriseId: string;
  readonly productName: string;
  readonly category: 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';
  readonly channel: 'COUNTY' | 'MEMBER_UNIT' | 'CARRY_OVER';
  readonly memberUnit?: string;
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
 * existing declaration (and starts its case if an earlier attempt stopped before that).
 */
export async function submitDeclaration(
  deps: { db: Pool; clock: Clock; engine: Pick<EnginePort, 'startInstance' | 'searchInstances'> },
  submission: DeclarationSubmission,
): Promise<SubmittedDeclaration> {
  const at = deps.clock.now();
  const declaration = await withTransaction(deps.db, async (db) => {
    const { rows: enterprises } = await db.query<{ city_code: string; county_code: string }>(
      'SELECT city_code, county_code FROM enterprises WHERE id = $1',
      [submission.enterpriseId],
    );
    const enterprise = enterprises[0];
    if (!enterprise) throw new Error(`企业不存在 / no enterprise ${submission.enterpriseId}`);
    const existing = await db.query<{ number: string }>(
      'SELECT number FROM declarations WHERE campaign_year = $1 AND enterprise_id = $2 AND product_name = $3',
      [submission.campaignYear, submission.enterpriseId, submission.productName],
    );
    if (existing.rows[0]) return { number: existing.rows[0].number, ...enterprise };
    // One numbering per city and year; the lock keeps two submissions from taking the same number.
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`declaration-number-${submission.campaignYear}-${enterprise.city_code}`]);
    const prefix = `JP-${submission.campaignYear}-${enterprise.city_code}-`;
    const { rows } = await db.query<{ next: number }>(
      `SELECT coalesce(max(substring(number FROM '[0-9]{4}$')::int), 0) + 1 AS next FROM declarations WHERE number LIKE $1`,
      [`${prefix}%`],
    );
    const number = `${prefix}${String(rows[0]!.next).padStart(4, '0')}`;
    await db.query(
      `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, member_unit, facts, stage, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'SUBMITTED', $9)`,
      [number, submission.campaignYear, submission.enterpriseId, submission.productName, submission.category, submission.channel, submission.memberUnit ?? null, JSON.stringify(submission.facts), at],
    );
    await appendAudit(db, {
      actor: submission.submittedBy,
      role: submission.channel === 'MEMBER_UNIT' ? 'member_unit' : submission.channel === 'CARRY_OVER' ? 'system' : 'enterprise',
      action: 'declaration.submitted',
      subjectType: 'declaration',
      subjectId: number,
      detail: { channel: submission.channel, productName: submission.productName },
      at,
    });
    return { number, ...enterprise };
  });
  const running = await deps.engine.searchInstances({ processDefinitionId: processIds.declaration, businessKey: declaration.number });
  const instance =
    running[0] ??
    (await deps.engine.startInstance({
      processDefinitionId: processIds.declaration,
      businessKey: declaration.number,
      variables: {
        declarationNumber: declaration.number,
        campaignYear: submission.campaignYear,
        channel: submission.channel,
        category: submission.category,
        enterpriseId: submission.enterpriseId,
        cityCode: declaration.city_code,
        countyCode: declaration.county_code,
      },
    }));
  await deps.db.query('UPDATE declarations SET process_instance_key = $2 WHERE number = $1', [declaration.number, instance.processInstanceKey]);
  return { number: declaration.number, processInstanceKey: instance.processInstanceKey };
}
