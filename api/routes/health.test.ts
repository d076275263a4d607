import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPool } from '../../platform/db/pool.ts';
import { createLogger } from '../../platform/log.ts';
import { systemClock } from '../../platform/engine/clock.ts';
import { createEngine } from '../../platform/engine/index.ts';
import { idleEngine } from '../../test/api/embedded-engine.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { buildApp } from '../app.ts';

// These schemas are not migrated (no app_secrets table to keep a generated token secret in).
const UNMIGRATED_SECRET = 'a-test-secret-of-at-least-32-characters';

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema();
});
afterEach(() => db.drop());

const logger = createLogger('silent');

describe('GET /health', () => {
  it('answers 200 with the engine kind when the database answers', async () => {
    const app = buildApp({ config: { ...db.config, JWT_SECRET: UNMIGRATED_SECRET }, ...idleEngine(db), logger, pool: db.pool });
    try {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', engine: 'embedded', database: 'ok', mail: 'log-only' });
    } finally {
      await app.close();
    }
  });

  it('reports the camunda engine when that is the one running', async () => {
    // The Camunda adapter connects on first use only; /health asks it nothing but its kind.
    const config = { ...db.config, ENGINE: 'camunda' as const, ZEEBE_REST_ADDRESS: 'http://127.0.0.1:1', JWT_SECRET: 'a-test-secret-of-at-least-32-characters' };
    const engine = createEngine(config, { pool: db.pool, clock: systemClock, onError: () => undefined, logger });
    const app = buildApp({ config: { ...config, JWT_SECRET: UNMIGRATED_SECRET }, engine, clock: systemClock, logger, pool: db.pool });
    try {
      expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ engine: 'camunda' });
    } finally {
      await app.close();
    }
  });

  it('says mail leaves over SMTP when SMTP_URL is set, and is only logged when it is not', async () => {
    const withSmtp = { ...db.config, SMTP_URL: 'smtp://127.0.0.1:2525' };
    for (const [config, mail] of [[withSmtp, 'smtp'], [{ ...db.config, SMTP_URL: undefined }, 'log-only']] as const) {
      const app = buildApp({ config: { ...config, JWT_SECRET: UNMIGRATED_SECRET }, ...idleEngine(db), logger, pool: db.pool });
      try {
        expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ mail });
      } finally {
        await app.close();
      }
    }
  });

  it('answers 503 when the database is unreachable', async () => {
    // Port 1 on the loopback refuses at once; nothing listens there.
    const unreachable = createPool({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres', DATABASE_SCHEMA: db.schema });
    const app = buildApp({ config: { ...db.config, JWT_SECRET: UNMIGRATED_SECRET }, ...idleEngine(db), logger, pool: unreachable });
    try {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', engine: 'embedded', database: 'unreachable', mail: 'log-only' });
    } finally {
      await app.close();
      await unreachable.end();
    }
  });
});
