import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { addUser } from '../../platform/auth/users.ts';
import { createLogger } from '../../platform/log.ts';
import { createApiHarness, type ApiHarness } from './api-harness.ts';
import { TEST_PASSWORD } from './sign-in.ts';

/**
 * Access tokens on an installation that sets no JWT_SECRET: the secret is generated and kept, so
 * a token signed with any published value is refused; tokens need an expiry; signing out and a
 * new password revoke them.
 */

// The secret earlier versions signed with when JWT_SECRET was unset: published in their code.
const PUBLISHED_SECRET = 'jingpin-development-secret-do-not-use-in-production';

function forge(claims: Record<string, unknown>, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

let t: ApiHarness;
beforeAll(async () => {
  t = await createApiHarness();
});
afterAll(async () => {
  await t?.close();
});

const me = (token: string) => t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });

describe('access tokens without JWT_SECRET', () => {
  it('signs with a generated secret kept in the database, shared by a second API process', async () => {
    expect(t.c.h.db.config.JWT_SECRET).toBeUndefined();
    const { rows } = await t.c.h.db.pool.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'token-signing'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value.length).toBeGreaterThanOrEqual(64);
    const office = await t.as('provincial_office');
    const second = buildApp({ config: t.c.h.db.config, engine: t.c.h.engine, clock: t.c.h.clock, pool: t.c.h.db.pool, logger: createLogger('silent') });
    try {
      const answer = await second.inject({ method: 'GET', url: '/auth/me', headers: office.headers });
      expect(answer.statusCode).toBe(200);
      expect((await t.c.h.db.pool.query(`SELECT count(*)::int AS n FROM app_secrets`)).rows[0].n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('refuses a token signed with the once-published development secret', async () => {
    const office = await t.as('provincial_office');
    const userId = (await t.c.h.db.pool.query(`SELECT id::text FROM users WHERE username = $1`, [office.username])).rows[0].id;
    const now = Math.floor(Date.now() / 1000); // tokens expire by the real clock
    const forged = forge({ sub: userId, role: 'provincial_office', scope: null, gen: 0, iat: now, exp: now + 600 }, PUBLISHED_SECRET);
    const answer = await me(forged);
    expect(answer.statusCode).toBe(401);
    expect(answer.json().detail).toMatch(/令牌无效或已过期/);
  });

  it('refuses a token without an expiry, and one whose user id overflows, with 401 not 500', async () => {
    const secret = (await t.c.h.db.pool.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'token-signing'`)).rows[0]!.value;
    const office = await t.as('provincial_office');
    const userId = (await t.c.h.db.pool.query(`SELECT id::text FROM users WHERE username = $1`, [office.username])).rows[0].id;
    const now = Math.floor(Date.now() / 1000); // tokens expire by the real clock
    // Signed with the real secret, so only the missing expiry can be why it is refused.
    expect((await me(forge({ sub: userId, role: 'provincial_office', scope: null, gen: 0, iat: now, exp: now + 600 }, secret))).statusCode).toBe(200);
    expect((await me(forge({ sub: userId, role: 'provincial_office', scope: null, gen: 0, iat: now }, secret))).statusCode).toBe(401);
    const overflow = await me(forge({ sub: '99999999999999999999999', role: 'provincial_office', scope: null, gen: 0, iat: now, exp: now + 600 }, secret));
    expect(overflow.statusCode).toBe(401);
  });

  it('revokes every token of a user who signs out, and of one whose password changes', async () => {
    const login = async (username: string) =>
      (await t.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password: TEST_PASSWORD } })).json<{ token: string }>().token;
    const city = await t.as('city_office', '320100');
    const other = await login(city.username);
    expect((await me(city.token)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: city.headers });
    expect(out.statusCode).toBe(200);
    for (const token of [city.token, other]) {
      const answer = await me(token);
      expect(answer.statusCode).toBe(401);
      expect(answer.json().detail).toMatch(/^令牌已失效/);
    }
    expect((await me(await login(city.username))).statusCode).toBe(200);

    const county = await t.as('county_office', '320102');
    // Seeding him again with the same password changes nothing…
    await addUser(t.c.h.db.pool, { username: county.username, displayName: county.username, role: 'county_office', scope: '320102', password: TEST_PASSWORD }, { at: new Date(), replace: true });
    expect((await me(county.token)).statusCode).toBe(200);
    // …a new password revokes what he held.
    await addUser(t.c.h.db.pool, { username: county.username, displayName: county.username, role: 'county_office', scope: '320102', password: 'a brand new password 2027' }, { at: new Date(), replace: true });
    expect((await me(county.token)).statusCode).toBe(401);
  });
});
