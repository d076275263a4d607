import { createHash } from 'node:crypto';
import type { TestSchema } from '../pg.ts';

/**
 * A digest of every row of every table in the test's schema. Taken before and after a request
 * the API must refuse, the two are equal only if the refusal wrote nothing. `except` names the
 * tables a refusal writes to on purpose (a refused sign-in is counted: the throttle).
 */
export async function databaseChecksum(db: Pick<TestSchema, 'pool' | 'schema'>, options: { except?: readonly string[] } = {}): Promise<string> {
  const { rows: tables } = await db.pool.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [db.schema]);
  const hash = createHash('sha256');
  for (const { name } of tables) {
    if (options.except?.includes(name)) continue;
    const { rows } = await db.pool.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*) AS n FROM ${name} t`);
    hash.update(`${name}:${rows[0].n}:${rows[0].digest}\n`);
  }
  return hash.digest('hex');
}
