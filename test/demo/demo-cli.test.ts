import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestPrefix, type TestPrefix } from '../notifications/redis-prefix.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { runJingpin } from '../cli.ts';
import { demoStages } from '../../bin/demo/scenario.ts';

let db: TestSchema;
let redis: TestPrefix;
beforeEach(async () => {
  db = await createTestSchema();
  redis = createTestPrefix();
});
afterEach(async () => {
  await db.drop();
  await redis.drop();
});

describe('jingpin demo (the command)', () => {
  it('runs a year for 5 enterprises, prints the stages and the summary, and exits 0', async () => {
    const run = await runJingpin(['demo', '--enterprises', '5', '--seed', '3', '--schema', db.schema], { REDIS_PREFIX: redis.prefix });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`schema ${db.schema}`);
    // One line per stage of the year.
    expect(run.stdout.match(/^\[2023-\d\d-\d\d \d\d:\d\d\] /gm)).toHaveLength(demoStages.length);
    expect(run.stdout).toContain('申报 / declared: 5');
    expect(run.stdout).toMatch(/^合计 \/ total\s+5\s+\d+\s+\d+\s+\d+\s+\d+$/m);
    expect(run.stdout).toContain('未解决的事件 / active incidents: 0');
  }, 120_000);

  it('exits 2 without touching a schema that already holds tables', async () => {
    await db.pool.query('CREATE TABLE precious (id int)');
    const run = await runJingpin(['demo', '--enterprises', '5', '--schema', db.schema], { REDIS_PREFIX: redis.prefix });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`schema ${db.schema} exists and holds tables`);
    const { rows } = await db.pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [db.schema]);
    expect(rows).toEqual([{ table_name: 'precious' }]);
  }, 60_000);

  it('refuses a number of enterprises that is not a whole number', async () => {
    const run = await runJingpin(['demo', '--enterprises', 'many', '--schema', db.schema], {});
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--enterprises');
  });
});
