import type { Pool } from 'pg';
import type { CreditFinding, CreditRegistry } from './credit-registry.ts';

/**
 * The default credit adapter: reads the credit_records table, where the office records what it
 * found in 信用中国, the enterprise credit publicity system and the other sources.
 * jingpin never scrapes those sites; an adapter for a registry's API would replace this one.
 * An enterprise with no record here has not been consulted: that is not a clean record
 * (domain/credit/credit-result.ts).
 */
export class CreditRecordsRegistry implements CreditRegistry {
  static readonly adapterName = 'credit-records';
  readonly name = CreditRecordsRegistry.adapterName;

  constructor(private readonly pool: Pool) {}

  async findings(enterpriseId: string, since: Date): Promise<CreditFinding[]> {
    const { rows } = await this.pool.query<{ source: string; result: CreditFinding['result']; detail: string; recorded_at: Date }>(
      'SELECT source, result, detail, recorded_at FROM credit_records WHERE enterprise_id = $1 AND recorded_at >= $2 ORDER BY recorded_at',
      [enterpriseId, since],
    );
    return rows.map((r) => ({ source: r.source, result: r.result, detail: r.detail, recordedAt: r.recorded_at }));
  }
}
