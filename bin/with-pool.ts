import { loadConfig } from '../platform/config.ts';
import { createPool, type Pool } from '../platform/db/pool.ts';

/** Runs a command's `work` on a pool of the configured database, closed afterwards whatever happens. */
export async function withPool<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = createPool(loadConfig());
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
