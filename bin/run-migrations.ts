import type { Config } from '../platform/config.ts';
import { migrate, type AppliedMigration } from '../platform/db/migrate.ts';
import { createPool } from '../platform/db/pool.ts';
import type { CampaignRuleSet } from '../domain/campaign/rule-set.ts';
import { loadPackagedRuleSets } from '../platform/rule-sets/rule-sets.ts';

/**
 * Migrates the configured database on a pool of its own, closed afterwards, then loads the
 * rule sets shipped in rules/ that it lacks (never touching the office's own versions).
 * @param folder the migrations folder; the repository's `migrations/` when omitted (another
 *   folder is for tests of the migrator: no rule sets are loaded then).
 */
export async function runMigrations(
  config: Config,
  onApplied: (migration: AppliedMigration) => void,
  folder?: string,
  onRuleSetLoaded: (ruleSet: CampaignRuleSet) => void = () => {},
): Promise<AppliedMigration[]> {
  const pool = createPool(config);
  try {
    const applied = await migrate({ pool, schema: config.DATABASE_SCHEMA, onApplied, ...(folder ? { folder } : {}) });
    if (!folder) for (const ruleSet of await loadPackagedRuleSets(pool, new Date())) onRuleSetLoaded(ruleSet);
    return applied;
  } finally {
    await pool.end();
  }
}
