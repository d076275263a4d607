import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/log.ts';
import { freePort } from '../test/free-port.ts';
import { createTestSchema, type TestSchema } from '../test/pg.ts';
import { startSystem } from './start.ts';

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
});
afterEach(() => db.drop());

describe('startSystem', () => {
  it('listens on HOST:PORT and answers /health until closed', async () => {
    const config = { ...db.config, PORT: await freePort() };
    const system = await startSystem(config, { logger: createLogger('silent') });
    try {
      expect(system.address).toBe(`http://127.0.0.1:${config.PORT}`);
      const response = await fetch(`${system.address}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', engine: 'embedded', database: 'ok' });
    } finally {
      await system.close();
    }
    await expect(fetch(`${system.address}/health`)).rejects.toThrow();
  });

  it('fails, closing what it opened, when the port is taken', async () => {
    const config = { ...db.config, PORT: await freePort() };
    const first = await startSystem(config, { logger: createLogger('silent') });
    try {
      await expect(startSystem(config, { logger: createLogger('silent') })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
