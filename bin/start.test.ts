import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it('fails, closing what it opened, when the port is taken', async () => {
    const config = { ...db.config, PORT: await freePort(), REDIS_PREFIX: redis.prefix };
    const first = await startSystem(config, { logger: createLogger('silent') });
    try {
      await expect(startSystem(config, { logger: createLogger('silent') })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
