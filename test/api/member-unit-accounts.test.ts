import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../api/app.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { addUser, InvalidUser } from '../../platform/auth/users.ts';
import { findSession, openSession } from '../../platform/auth/web-sessions.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { defaultMigrationsFolder } from '../../platform/db/migration-files.ts';
import { createLogger } from '../../platform/log.ts';
import { runJingpin } from '../cli.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { createApiHarness, type ApiHarness } from './api-harness.ts';
import { TEST_PASSWORD } from './sign-in.ts';

/**
 * A member unit's user needs his unit (its directory id as his scope): the office cannot make one
 * without it, and the database refuses one too. Member-unit users made before migration 0029 had
 * none: they are kept, their tokens and web sessions end, and signing in tells them to have the
 * office name their unit; once it has, they sign in as usual.
 */
let t: ApiHarness;
beforeAll(async () => {
  t = await createApiHarness();
}, 120_000);
afterAll(() => t.close());

const login = (app: App, username: string) => app.inject({ method: 'POST', url: '/auth/login', payload: { username, password: TEST_PASSWORD } });

describe('member-unit accounts', () => {
  it('are not made without the unit: the CLI and addUser name the field and the rule, the database refuses the row', async () => {
    const env = { DATABASE_SCHEMA: t.c.h.db.schema };
    const without = await runJingpin(['users', 'add', '--username', 'gxt-wang', '--role', 'member_unit', '--name', '省工信厅 王'], env, `${TEST_PASSWORD}\n`);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('范围（scope）必填');
    expect(without.stderr).toContain('scope is required for role member_unit');
    const misspelt = await runJingpin(['users', 'add', '--username', 'gxt-wang', '--role', 'member_unit', '--scope', 'MU GXT'], env, `${TEST_PASSWORD}\n`);
    expect(misspelt.code).toBe(1);
    expect(misspelt.stderr).toContain('scope MU GXT does not fit role member_unit');
    const made = await runJingpin(['users', 'add', '--username', 'gxt-wang', '--role', 'member_unit', '--scope', 'MU-GXT'], env, `${TEST_PASSWORD}\n`);
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain('gxt-wang (member_unit MU-GXT)');
    expect((await login(t.app, 'gxt-wang')).json().user).toEqual({ username: 'gxt-wang', role: 'member_unit', scope: 'MU-GXT' });

    await expect(addUser(t.c.h.db.pool, { username: 'gxt-li', displayName: '李', role: 'member_unit', scope: null, password: TEST_PASSWORD }, { at: new Date() })).rejects.toThrow(InvalidUser);
    await expect(
      t.c.h.db.pool.query(`INSERT INTO users (username, display_name, role, scope, password_hash, created_at) VALUES ('gxt-li', '李', 'member_unit', NULL, 'x', now())`),
    ).rejects.toMatchObject({ code: '23514', constraint: 'users_scope_check' });
  }, 60_000);

  describe('made before migration 0029', () => {
    let legacy: TestSchema;
    let app: App;
    let folder: string;
    let sessionId: string;

    beforeAll(async () => {
      // The database as it was: migrated up to 0028, with a member-unit user of no unit signed in on the web.
      folder = await mkdtemp(path.join(tmpdir(), 'jingpin-migrations-'));
      for (const file of (await readdir(defaultMigrationsFolder)).filter((f) => f.endsWith('.sql') && f < '0029')) {
        await copyFile(path.join(defaultMigrationsFolder, file), path.join(folder, file));
      }
      legacy = await createTestSchema();
      await migrate({ pool: legacy.pool, schema: legacy.schema, folder });
      const { rows } = await legacy.pool.query<{ id: string }>(
        `INSERT INTO users (username, display_name, role, scope, password_hash, created_at) VALUES ('chengyuan', '省工信厅', 'member_unit', NULL, $1, now()) RETURNING id`,
        [await hashPassword(TEST_PASSWORD)],
      );
      sessionId = (await openSession(legacy.pool, { userId: Number(rows[0]!.id), username: 'chengyuan', role: 'member_unit', scope: null }, new Date())).id;
      await migrate({ pool: legacy.pool, schema: legacy.schema });
      app = buildApp({ config: legacy.config, engine: t.c.h.engine, clock: t.c.h.clock, pool: legacy.pool, logger: createLogger('silent') });
      await app.ready();
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await legacy?.drop();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('are kept, but their tokens and sessions end and signing in tells them to have their unit named', async () => {
      const { rows } = await legacy.pool.query('SELECT role, scope, active, token_generation FROM users WHERE username = $1', ['chengyuan']);
      expect(rows).toEqual([{ role: 'member_unit', scope: null, active: true, token_generation: 1 }]);
      expect(await findSession(legacy.pool, sessionId, new Date())).toBeUndefined();

      for (const url of ['/auth/login', '/session']) {
        const refused = await app.inject({ method: 'POST', url, payload: { username: 'chengyuan', password: TEST_PASSWORD } });
        expect(refused.statusCode, url).toBe(403);
        expect(refused.json()).toMatchObject({ type: 'urn:jingpin:problem:account-scope' });
        expect(refused.json().detail).toContain('须由省质委办补正后才能登录：范围（scope）必填');
        expect(refused.json().detail).toContain('scope is required for role member_unit');
        expect(refused.json().detail).toContain('jingpin users add --replace --username chengyuan --role member_unit --scope');
        expect(refused.headers['set-cookie']).toBeUndefined();
      }
      // A wrong password is still just a wrong password: nothing about the account is told.
      const wrong = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'chengyuan', password: 'not the password at all' } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).not.toContain('scope');
    });

    it('sign in as usual once the office names their unit', async () => {
      await addUser(legacy.pool, { username: 'chengyuan', displayName: '省工信厅', role: 'member_unit', scope: 'MU-GXT', password: TEST_PASSWORD }, { at: new Date(), replace: true });
      const signedIn = await login(app, 'chengyuan');
      expect(signedIn.statusCode, signedIn.body).toBe(200);
      expect(signedIn.json().user).toEqual({ username: 'chengyuan', role: 'member_unit', scope: 'MU-GXT' });
    });
  });
});
