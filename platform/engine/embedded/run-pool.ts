import pg, { type Pool } from 'pg';

/**
 * A second pool on the same database and schema as `pool`, whose commits do not wait for the
 * write-ahead log to reach the disk (synchronous_commit = off). PostgreSQL still writes the log
 * in commit order, so a crash loses only the most recent transactions, whole and in order: never
 * an inconsistent state. Each run's save waits for a disk flush otherwise, and on ordinary disks
 * that flush, not the work, is most of a save's time.
 */
export function asynchronousCommitPool(pool: Pool, max: number): Pool {
  const options = `${pool.options.options ?? ''} -c synchronous_commit=off`.trim();
  const runPool = new pg.Pool({ ...pool.options, options, max });
  // As the main pool: an idle connection's error is dropped and the connection made again on demand.
  runPool.on('error', () => undefined);
  return runPool;
}
