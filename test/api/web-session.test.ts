import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import type { VirtualClock } from '../../platform/engine/clock.ts';
import { createLogger } from '../../platform/log.ts';
import { declare } from '../cycle/scenario-steps.ts';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';
import { TEST_PASSWORD } from './sign-in.ts';

/**
 * The web pages' session: an HttpOnly, SameSite=Strict cookie naming a server-side session, and a
 * synchronizer CSRF token that every state-changing request on that session must send back.
 */
let t: ApiHarness;
let taskKey: string;

beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  const number = await declare(t.c.driver, { id: E1, name: E1, cityCode: '320100', countyCode: '' }, 2023, 1);
  taskKey = (await t.c.h.engine.searchUserTasks({ businessKey: number, elementId: 'countyCheck', state: 'CREATED' }))[0]!.userTaskKey;
  await t.as('county_office', '320102');
}, 120_000);
afterAll(() => t.close());

async function signInOnWeb(): Promise<{ cookie: string; csrfToken: string; setCookie: string }> {
  const response = await t.app.inject({ method: 'POST', url: '/session', payload: { username: 'county-office-320102', password: TEST_PASSWORD } });
  expect(response.statusCode).toBe(200);
  const setCookie = String(response.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrfToken: response.json().csrfToken, setCookie };
}

describe('web sessions', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie (Secure only over https) and never stores the cookie value', async () => {
    const { cookie, setCookie } = await signInOnWeb();
    expect(setCookie).toMatch(/^jingpin_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const stored = await t.c.h.db.pool.query('SELECT id_sha256 FROM web_sessions');
    expect(stored.rows.map((r) => r.id_sha256)).not.toContain(cookie.split('=')[1]);

    const https = buildApp({ config: { ...t.c.h.db.config, PUBLIC_BASE_URL: 'https://jingpin.example.gov.cn' }, engine: t.c.h.engine, clock: t.c.h.clock, pool: t.c.h.db.pool, logger: createLogger('silent') });
    const response = await https.inject({ method: 'POST', url: '/session', payload: { username: 'county-office-320102', password: TEST_PASSWORD } });
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure$/);
    // Over https the browser is also told to fetch every script and style over https; over http
    // (an intranet address) it is not, or no page would load.
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect((await t.app.inject({ method: 'GET', url: '/web/shell' })).headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    await https.close();
  });

  it('refuses a wrong password with the same answer as /auth/login, and sets no cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/session', payload: { username: 'county-office-320102', password: 'wrong password' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('用户名或密码错误 / wrong user name or password');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('locks an account out after five wrong passwords, on /session and /auth/login alike, for a growing time, and audits it', async () => {
    const clock = t.c.h.clock;
    const user = 'county-office-320102';
    const attempt = (url: string, username: string, password = 'guessed password') =>
      t.app.inject({ method: 'POST', url, remoteAddress: '203.0.113.7', payload: { username, password } });
    await signInOnWeb(); // clears the count an earlier test's wrong password left
    for (let i = 0; i < 6; i++) expect((await attempt(i % 2 ? '/auth/login' : '/session', user)).statusCode).toBe(401);
    // The sixth wrong password locked the account for a second: even the right one is refused meanwhile.
    const refused = await attempt('/auth/login', user, TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toBe('密码错误次数过多，请 1 秒后再试 / too many wrong passwords: try again in 1 s');
    expect((await attempt('/session', user, TEST_PASSWORD)).statusCode).toBe(429);
    // Another account from that address is not held up.
    expect((await attempt('/session', 'someone-else')).statusCode).toBe(401);
    // Each further failure doubles the wait.
    clock.advance(1000);
    expect((await attempt('/session', user)).statusCode).toBe(401);
    expect((await attempt('/session', user, TEST_PASSWORD)).headers['retry-after']).toBe('2');
    clock.advance(2000);
    expect((await signInOnWeb()).csrfToken).toHaveLength(43);
    // The right password cleared the account's count: one wrong password now is only a 401.
    expect((await attempt('/session', user)).statusCode).toBe(401);
    expect((await attempt('/session', user, TEST_PASSWORD)).statusCode).toBe(200);
    const { rows } = await t.c.h.db.pool.query(`SELECT subject_id, detail->>'failures' AS failures FROM audit_log WHERE action = 'sign_in.locked' ORDER BY id`);
    expect(rows).toEqual([
      { subject_id: `user:${user}`, failures: '6' },
      { subject_id: `user:${user}`, failures: '7' },
    ]);
  });

  it('lets the cookie read, and refuses a state-changing request without the CSRF token, changing nothing', async () => {
    const { cookie, csrfToken } = await signInOnWeb();
    const tasks = await t.app.inject({ method: 'GET', url: '/tasks', headers: { cookie } });
    expect(tasks.statusCode).toBe(200);
    expect(tasks.json().map((task: { key: string }) => task.key)).toContain(taskKey);

    for (const headers of [{ cookie }, { cookie, 'x-csrf-token': 'x'.repeat(43) }]) {
      const refused = await t.app.inject({ method: 'POST', url: `/tasks/${taskKey}/claim`, headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ type: 'urn:jingpin:problem:csrf' });
      expect(refused.json().detail).toMatch(/^缺少或不符的 CSRF 令牌 \/ missing or wrong CSRF token/);
    }
    expect((await t.c.h.engine.getUserTask(taskKey)).assignee).toBeNull();

    const claimed = await t.app.inject({ method: 'POST', url: `/tasks/${taskKey}/claim`, headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(claimed.statusCode).toBe(200);
    expect((await t.c.h.engine.getUserTask(taskKey)).assignee).toBe('county-office-320102');
    const unclaimed = await t.app.inject({ method: 'POST', url: `/tasks/${taskKey}/unclaim`, headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(unclaimed.statusCode).toBe(200);
  });

  it('does not take another session\'s CSRF token', async () => {
    const first = await signInOnWeb();
    const second = await signInOnWeb();
    const refused = await t.app.inject({ method: 'POST', url: `/tasks/${taskKey}/claim`, headers: { cookie: first.cookie, 'x-csrf-token': second.csrfToken } });
    expect(refused.statusCode).toBe(403);
  });

  it('ends the session on the server at sign-out: the same cookie then opens nothing', async () => {
    const { cookie, csrfToken } = await signInOnWeb();
    expect((await t.app.inject({ method: 'POST', url: '/session/end', headers: { cookie } })).statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/session/end', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^jingpin_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    const after = await t.app.inject({ method: 'GET', url: '/tasks', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('会话已结束');
  });

  it('ends a session left idle for more than 30 minutes', async () => {
    const { cookie } = await signInOnWeb();
    const clock = t.c.h.clock as VirtualClock;
    clock.advance(29 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(29 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('page addresses', () => {
  it('answers a browser opening a mail\'s task link with the page, and an API client with the task as before', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/tasks/${taskKey}`, headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="/web/app.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const api = await t.app.inject({ method: 'GET', url: `/tasks/${taskKey}`, headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers every page address with the page shell when a browser opens it', async () => {
    for (const url of ['/', '/sign-in', '/inbox', '/declarations', `/tasks/${taskKey}`, '/cases/JP-2023-320100-0001', '/cases/JP-2023-320100-0001/tasks', '/cases/2023/tasks', '/inbox?which=assigned']) {
      const page = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-store');
      expect(page.body, url).toContain('<main id="main" tabindex="-1">');
    }
    // A page address asked for by anything but a browser's GET is the API's, as before.
    expect((await t.app.inject({ method: 'POST', url: '/inbox', headers: { accept: 'text/html' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/declarations' })).statusCode).toBe(401);
  });

  it('answers the enterprise\'s and the public\'s page addresses with the shell, and API clients with the API', async () => {
    for (const url of ['/enterprise', '/declarations/new', '/declarations/new?draft=3', '/declarations/JP-2023-320100-0001', '/publicity', '/announced', '/announced?year=2023']) {
      const page = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<main id="main" tabindex="-1">');
    }
    // The same addresses, asked for as JSON, are the API's: the public lists open, the declaration signed in.
    const publicity = await t.app.inject({ method: 'GET', url: '/publicity', headers: { accept: 'application/json' } });
    expect(publicity.statusCode).toBe(200);
    expect(Array.isArray(publicity.json())).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/announced', headers: { accept: 'application/json' } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/declarations/JP-2023-320100-0001', headers: { accept: 'application/json' } })).statusCode).toBe(401);
  });

  it('answers the provincial office\'s page addresses with the shell, while the same addresses stay API routes for JSON', async () => {
    for (const url of ['/dashboard', '/dashboard?year=2023', '/incidents', '/incidents?state=RESOLVED', '/incidents/123', '/campaigns', '/rule-sets', '/directory', '/directory/member-units']) {
      const page = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<main id="main" tabindex="-1">');
    }
    for (const url of ['/dashboard?year=2023', '/incidents', '/incidents/123', '/campaigns', '/rule-sets']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('answers an unknown address with the not-found page for a browser, with problem details for an API client', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/no/such/page', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const api = await t.app.inject({ method: 'GET', url: '/no/such/page' });
    expect(api.statusCode).toBe(404);
    expect(api.json().detail).toBe('没有这个地址 / no such route: GET /no/such/page');
  });

  it('serves only the listed libraries\' bundles, never the rest of node_modules', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/vendor/form-js/form-viewer.umd.js' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/vendor/chart.js/chart.umd.min.js' })).statusCode).toBe(200);
    for (const url of ['/vendor/chart.js/../package.json', '/vendor/pg/package.json', '/vendor/bpmn-js/../../pg/lib/index.js', '/vendor/bpmn-js/%2e%2e/package.json', '/web/../package.json', '/vendor/constructor/x.js']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
