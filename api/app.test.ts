import { Type } from '@fastify/type-provider-typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/log.ts';
import { idleEngine } from '../test/api/embedded-engine.ts';
import { createTestSchema, type TestSchema } from '../test/pg.ts';
import { buildApp, type App } from './app.ts';
import { validationProblemType } from './problem.ts';

// These schemas are not migrated (no app_secrets table to keep a generated token secret in).
const UNMIGRATED_SECRET = 'a-test-secret-of-at-least-32-characters';

let db: TestSchema;
let app: App;

beforeEach(async () => {
  db = await createTestSchema();
  app = buildApp({ config: { ...db.config, JWT_SECRET: UNMIGRATED_SECRET }, ...idleEngine(db), logger: createLogger('silent'), pool: db.pool });
});
afterEach(async () => {
  await app.close();
  await db.drop();
});

const Declaration = Type.Object({
  enterprise: Type.Object({ name: Type.String({ minLength: 1 }), creditCode: Type.String({ pattern: '^[0-9A-Z]{18}$' }) }),
  year: Type.Integer({ minimum: 2000 }),
});

function addTestRoutes(): void {
  app.post('/test/declarations', { config: { access: 'anyone' }, schema: { body: Declaration } }, async (request) => ({ year: request.body.year }));
  app.get('/test/teapot', { config: { access: 'anyone' } }, async () => {
    throw Object.assign(new Error('short and stout'), { statusCode: 418 });
  });
  app.get('/test/crash', { config: { access: 'anyone' } }, async () => {
    throw new Error('password=hunter2 leaked in a stack');
  });
}

describe('problem details', () => {
  it('lists each field that broke its rule', async () => {
    addTestRoutes();
    const response = await app.inject({
      method: 'POST',
      url: '/test/declarations',
      payload: { enterprise: { name: '', creditCode: 'x' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ type: validationProblemType, status: 400, title: expect.stringContaining('Invalid request') });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'body', field: '/year', rule: 'required' }),
        expect.objectContaining({ in: 'body', field: '/enterprise/name', rule: 'minLength' }),
        expect.objectContaining({ in: 'body', field: '/enterprise/creditCode', rule: 'pattern' }),
      ]),
    );
  });

  it('names each missing property as a field of its own', async () => {
    addTestRoutes();
    const response = await app.inject({ method: 'POST', url: '/test/declarations', payload: {} });
    expect(response.json().errors).toEqual([
      { in: 'body', field: '/enterprise', rule: 'required', message: 'must be present' },
      { in: 'body', field: '/year', rule: 'required', message: 'must be present' },
    ]);
  });

  it('names the part of the request at fault', async () => {
    app.get('/test/search', { config: { access: 'anyone' }, schema: { querystring: Type.Object({ page: Type.Integer({ minimum: 1 }) }) } }, async () => 'ok');
    const response = await app.inject({ method: 'GET', url: '/test/search?page=0' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ in: 'querystring', field: '/page', rule: 'minimum' })]);
  });

  it('passes a valid body through', async () => {
    addTestRoutes();
    const response = await app.inject({
      method: 'POST',
      url: '/test/declarations',
      payload: { enterprise: { name: '南京某公司', creditCode: '91320100MA0000015Q' }, year: 2026 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ year: 2026 });
  });

  it('answers malformed JSON as a 400 problem', async () => {
    addTestRoutes();
    const response = await app.inject({
      method: 'POST',
      url: '/test/declarations',
      headers: { 'content-type': 'application/json' },
      payload: '{"year":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
  });

  it('keeps the detail of a client error', async () => {
    addTestRoutes();
    const response = await app.inject({ method: 'GET', url: '/test/teapot' });
    expect(response.statusCode).toBe(418);
    expect(response.json()).toEqual({ type: 'about:blank', title: "I'm a Teapot", status: 418, detail: 'short and stout' });
  });

  it('hides the detail of a server error, pointing to the log instead', async () => {
    addTestRoutes();
    const response = await app.inject({ method: 'GET', url: '/test/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    expect(problem.requestId).toEqual(expect.any(String));
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('stack');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'about:blank', status: 404, detail: expect.stringContaining('GET /nowhere') });
  });
});

describe('access rules', () => {
  it('refuses to register a route that states no access rule', () => {
    expect(() => app.get('/test/ruleless', async () => 'open')).toThrow(/states no access rule/);
  });
});
