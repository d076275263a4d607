import type { Pool } from 'pg';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { withTransaction } from '../db/pool.ts';
import type { CreditFinding } from './credit-registry.ts';

/** One record the office enters or imports for the default credit adapter: what one source said of an enterprise, and when. */
export interface CreditRecord extends CreditFinding {
  readonly enterpriseId: string;
}

/**
 * Writes what the office found in the credit sources (信用中国, the enterprise credit publicity
 * system, ...) for the default `credit-records` adapter, in one transaction with an audit entry
 * per enterprise naming who entered them: the consultation later reads them with their source and date.
 */
export async function recordCreditRecords(db: Pool, records: readonly CreditRecord[], by: { actor: string; at: Date }): Promise<void> {
  if (records.length === 0) return;
  await withTransaction(db, async (client) => {
    for (const r of records) {
      await client.query('INSERT INTO credit_records (enterprise_id, source, result, detail, recorded_at) VALUES ($1, $2, $3, $4, $5)', [
        r.enterpriseId,
        r.source,
        r.result,
        r.detail,
        r.recordedAt,
      ]);
    }
    for (const enterpriseId of [...new Set(records.map((r) => r.enterpriseId))].sort()) {
      const mine = records.filter((r) => r.enterpriseId === enterpriseId);
      await appendAudit(client, {
        actor: by.actor,
        role: 'provincial_office',
        action: 'credit.records_entered',
        subjectType: 'enterprise',
        subjectId: enterpriseId,
        detail: { records: mine.map((r) => ({ source: r.source, result: r.result, recordedAt: r.recordedAt.toISOString() })) },
        at: by.at,
      });
    }
  });
}

/** The two sources the office consults for every enterprise, as a clean record of each. */
export const creditSources = ['信用中国 / Credit China', '国家企业信用信息公示系统 / National Enterprise Credit Information Publicity System'] as const;

/** A clean record from every usual source for each enterprise, dated `at` (what the tests and demo enter for enterprises with nothing against them). */
export function cleanRecords(enterpriseIds: readonly string[], at: Date): CreditRecord[] {
  return enterpriseIds.flatMap((enterpriseId) =>
    creditSources.map((source) => ({ enterpriseId, source, result: 'CLEAN' as const, detail: '未查见不良信用记录 / no adverse record found', recordedAt: at })),
  );
}
