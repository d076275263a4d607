import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDeclaration } from '../platform/cycle/submit-declaration.ts';
import { withTransaction } from '../platform/db/pool.ts';
import { VirtualClock } from '../platform/engine/clock.ts';
import { EmbeddedEngine } from '../platform/engine/embedded/embedded-engine.ts';
import { createLogger } from '../platform/log.ts';
import { freePort } from '../test/free-port.ts';
import { createTestPrefix, type TestPrefix } from '../test/notifications/redis-prefix.ts';
import { createTestSchema, type TestSchema } from '../test/pg.ts';
import { startSystem } from './start.ts';

let db: TestSchema;
// The system starts the notification sender and the digest schedule: on a Redis prefix of the test's own.
let redis: TestPrefix;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  redis = createTestPrefix();
});
afterEach(async () => {
  await db.drop();
  await redis.drop();
});

describe('startSystem', () => {
  it('listens on HOST:PORT and answers /health until closed', async () => {
    const config = { ...db.config, PORT: await freePort(), REDIS_PREFIX: redis.prefix };
    const system = await startSystem(config, { logger: createLogger('silent') });
    try {
      expect(system.address).toBe(`http://127.0.0.1:${config.PORT}`);
      const response = await fetch(`${system.address}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', engine: 'embedded', database: 'ok', mail: 'log-only' });
    } finally {
      await system.close();
    }
    await expect(fetch(`${system.address}/health`)).rejects.toThrow();
  });

  it('starts at start-up a case whose declaration was committed by a process that died before starting it', async () => {
    await db.pool.query(`INSERT INTO campaigns (year, notice_number, status, opened_at) VALUES (2023, '苏质委办〔2023〕1号', 'OPEN', now())`);
    await db.pool.query(`INSERT INTO enterprises (id, name, city_code, county_code) VALUES ('91320100MA0000015Q', '企业', '320100', '320102')`);
    const number = await withTransaction(db.pool, (tx) =>
      recordDeclaration(tx, new Date(), {
        campaignYear: 2023,
        enterpriseId: '91320100MA0000015Q',
        productName: '螺栓 / bolts',
        category: 'MANUFACTURING',
        channel: 'COUNTY',
        facts: {},
        submittedBy: 'enterprise',
      }),
    );
    const config = { ...db.config, PORT: await freePort(), REDIS_PREFIX: redis.prefix };
    const system = await startSystem(config, { logger: createLogger('silent') });
    try {
      let key: string | null = null;
      for (let i = 0; i < 100 && !key; i++) {
        await sleep(50);
        key = (await db.pool.query<{ key: string | null }>('SELECT process_instance_key AS key FROM declarations WHERE number = $1', [number])).rows[0]!.key;
      }
      const { rows } = await db.pool.query(`SELECT key::text, business_key FROM engine_instances WHERE process_id = 'declaration'`);
      expect(rows).toEqual([{ key, business_key: number }]);
    } finally {
      await system.close();
    }
  });

  it('fails, closing what it opened, when the port is taken', async () => {
    const config = { ...db.config, PORT: await freePort(), REDIS_PREFIX: redis.prefix };
    const first = await startSystem(config, { logger: createLogger('silent') });
    try {
      await expect(startSystem(config, { logger: createLogger('silent') })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('does no engine work when it cannot listen: a timer due at start-up has not fired', async () => {
    // An instance waiting 30 days, started 31 days ago: its timer is due by the system clock.
    const past = new VirtualClock(new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString());
    const earlier = new EmbeddedEngine({ pool: db.pool, clock: past, background: false });
    const model = await readFile(path.join(import.meta.dirname, '..', 'test', 'models', 'timers.bpmn'), 'utf8');
    await earlier.deploy([{ name: 'timers.bpmn', content: model }]);
    const { processInstanceKey } = await earlier.startInstance({ processDefinitionId: 'timer-long' });
    await earlier.runUntilIdle();
    await earlier.stop();
    const before = (await db.pool.query('SELECT lock_version, next_wake_at FROM engine_instances WHERE key = $1', [processInstanceKey])).rows[0];
    expect(before.next_wake_at.getTime()).toBeLessThan(Date.now());

    // Another program holds the port.
    const config = { ...db.config, PORT: await freePort(), REDIS_PREFIX: redis.prefix };
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(config.PORT, '127.0.0.1', resolve));
    try {
      await expect(startSystem(config, { logger: createLogger('silent') })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      server.close();
    }
    const after = (await db.pool.query('SELECT lock_version, next_wake_at FROM engine_instances WHERE key = $1', [processInstanceKey])).rows[0];
    expect(after).toEqual(before);
  });
});
