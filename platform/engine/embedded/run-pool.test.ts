import { afterEach, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../test/pg.ts';
import { asynchronousCommitPool } from './run-pool.ts';

describe('the pool for run saves', () => {
  let db: TestSchema | undefined;
  afterEach(async () => db?.drop());

  it('connects to the same schema, with commits that do not wait for the disk, and leaves the main pool synchronous', async () => {
    db = await createTestSchema({ migrate: false });
    const runPool = asynchronousCommitPool(db.pool, 2);
    try {
      const { rows } = await runPool.query<{ synchronous_commit: string; search_path: string }>(
        `SELECT current_setting('synchronous_commit') AS synchronous_commit, current_setting('search_path') AS search_path`,
      );
      expect(rows[0]).toEqual({ synchronous_commit: 'off', search_path: db.schema });
      const main = await db.pool.query<{ s: string }>(`SELECT current_setting('synchronous_commit') AS s`);
      expect(main.rows[0]!.s).toBe('on');
      expect(runPool.options.max).toBe(2);
    } finally {
      await runPool.end();
    }
  });
});
