import type { Config } from '../platform/config.ts';
import { migrate, type AppliedMigration } from '../platform/db/migrate.ts';
import { createPool } from '../platform/db/pool.ts';

/**
 * Migrates the configured database on a pool of its own, closed afterwards.
 * @param folder the migrations folder; the repository's `migrations/` when omitted.
 */
export async function runMigrations(
  config: Config,
  onApplied: (migration: AppliedMigration) => void,
  folder?: string,
): Promise<AppliedMigration[]> {
  const pool = createPool(config);
  try {
    return await migrate({ pool, schema: config.DATABASE_SCHEMA, onApplied, ...(folder ? { folder } : {}) });
  } finally {
    await pool.end();
  }
}
