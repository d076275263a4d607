import { Writable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { IDEMPOTENCY_ABANDONED_AFTER_MS, IDEMPOTENCY_RETENTION_MS } from '../../api/idempotency.ts';
import { createLogger } from '../../platform/log.ts';
import { createApiHarness, E1, E2, type ApiHarness } from './api-harness.ts';
import { signIn, TEST_PASSWORD, type SignedIn } from './sign-in.ts';
import { jpeg, listing, multipart, pdf, png, type Part } from './multipart.ts';
import { databaseChecksum } from './database-checksum.ts';
import { setUpRefusedRequestTargets, type RefusedRequestTargets } from './refused-request-targets.ts';

/**
 * Bad input on every route that takes some: missing, wrong-typed, oversized and malformed fields.
 * Each answers 4xx problem details naming the field, and the database is unchanged afterwards
 * (a checksum over every table of the schema, taken before and after).
 */
let t: ApiHarness;
const ATTACHMENT_LIMIT = 4096;
let users: Record<'enterprise' | 'member' | 'province' | 'county' | 'body', SignedIn>;
let ctx: RefusedRequestTargets;

const checksum = () => databaseChecksum(t.c.h.db);

beforeAll(async () => {
  t = await createApiHarness({ config: { API_BODY_LIMIT_BYTES: 16384, ATTACHMENT_MAX_BYTES: ATTACHMENT_LIMIT } });
  ctx = await setUpRefusedRequestTargets(t);
  users = {
    enterprise: await t.as('enterprise', E1),
    member: await t.as('member_unit', 'MU-GXT'),
    province: await t.as('provincial_office'),
    county: await t.as('county_office', '320102'),
    body: await t.as('certification_body', 'CB-A'),
  };
}, 120_000);
afterAll(() => t.close());

const big = 'x'.repeat(20_000);
type Case = [string, () => InjectOptions & { as: keyof typeof users | null }, number, { in: string; field: string; rule?: string } | null];
const facts = { category: 'SERVICE', entityType: 'SERVICE_ENTERPRISE' };

const cases: Case[] = [
  ['login without a password', () => ({ as: null, method: 'POST', url: '/auth/login', payload: { username: 'x' } }), 400, { in: 'body', field: '/password', rule: 'required' }],
  ['login with a number for a name', () => ({ as: null, method: 'POST', url: '/auth/login', payload: { username: 7, password: 'p' } }), 400, { in: 'body', field: '/username', rule: 'type' }],
  ['campaign year as text', () => ({ as: 'province', method: 'POST', url: '/campaigns', payload: { year: 'twenty' } }), 400, { in: 'body', field: '/year', rule: 'type' }],
  ['campaign year out of range', () => ({ as: 'province', method: 'POST', url: '/campaigns', payload: { year: 1999 } }), 400, { in: 'body', field: '/year', rule: 'minimum' }],
  ['campaign without a rule set', () => ({ as: 'province', method: 'POST', url: '/campaigns', payload: { year: 2030 } }), 422, null],
  ['campaign year in the path not a number', () => ({ as: 'province', method: 'GET', url: '/campaigns/abc' }), 400, { in: 'params', field: '/year' }],
  ['enterprise id malformed', () => ({ as: 'enterprise', method: 'GET', url: '/enterprises/not-an-id' }), 400, { in: 'params', field: '/id', rule: 'pattern' }],
  ['enterprise email malformed', () => ({ as: 'enterprise', method: 'PATCH', url: `/enterprises/${E1}`, payload: { email: 'no-at-sign' } }), 400, { in: 'body', field: '/email' }],
  ['enterprise profile with nothing to change', () => ({ as: 'enterprise', method: 'PATCH', url: `/enterprises/${E1}`, payload: {} }), 400, { in: 'body', field: '', rule: 'minProperties' }],
  ['draft without a product', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: { campaignYear: 2023, category: 'SERVICE', facts } }), 400, { in: 'body', field: '/productName', rule: 'required' }],
  ['draft with an unknown category', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: { campaignYear: 2023, productName: 'p', category: 'MINING', facts } }), 400, { in: 'body', field: '/category' }],
  ['draft with an oversized product name', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: { campaignYear: 2023, productName: 'x'.repeat(201), category: 'SERVICE', facts } }), 400, { in: 'body', field: '/productName', rule: 'maxLength' }],
  ['draft facts with a wrong-typed sales figure', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: { campaignYear: 2023, productName: 'p', category: 'SERVICE', facts: { ...facts, sales: { year: 2022, declaredProductYuan: 'lots' } } } }), 400, { in: 'body', field: '/facts/sales/declaredProductYuan' }],
  ['draft with a field the schema does not have', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: { campaignYear: 2023, productName: 'p', category: 'SERVICE', facts, stage: 'CLOSED' } }), 400, { in: 'body', field: '/stage', rule: 'additionalProperties' }],
  ['member unit draft without the enterprise', () => ({ as: 'member', method: 'POST', url: '/declarations', payload: { campaignYear: 2023, productName: 'p', category: 'SERVICE', facts } }), 400, { in: 'body', field: '/enterpriseId', rule: 'required' }],
  ['draft for a year that is not open', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: { campaignYear: 2024, productName: 'p', category: 'SERVICE', facts } }), 422, null],
  ['draft id not a number', () => ({ as: 'enterprise', method: 'PATCH', url: '/declarations/drafts/abc', payload: { productName: 'p' } }), 400, { in: 'params', field: '/id' }],
  ['draft edit with an empty name', () => ({ as: 'enterprise', method: 'PATCH', url: `/declarations/drafts/${ctx.draft}`, payload: { productName: '' } }), 400, { in: 'body', field: '/productName', rule: 'minLength' }],
  ['declaration list with a negative offset', () => ({ as: 'province', method: 'GET', url: '/declarations?offset=-1' }), 400, { in: 'querystring', field: '/offset', rule: 'minimum' }],
  ['declaration list with an unknown filter', () => ({ as: 'province', method: 'GET', url: '/declarations?colour=red' }), 400, { in: 'querystring', field: '/colour' }],
  ['declaration number malformed', () => ({ as: 'province', method: 'GET', url: '/declarations/JP-1/status' }), 400, { in: 'params', field: '/number', rule: 'pattern' }],
  ['withdrawal without a reason', () => ({ as: 'enterprise', method: 'POST', url: `/declarations/${ctx.a}/withdraw`, payload: {} }), 400, { in: 'body', field: '/reason', rule: 'required' }],
  ['task key not a number', () => ({ as: 'county', method: 'POST', url: '/tasks/abc/claim' }), 400, { in: 'params', field: '/key', rule: 'pattern' }],
  // Engine keys are signed 64-bit integers: a larger number names nothing, and once met PostgreSQL's bigint as a 500.
  ['task key beyond 64 bits', () => ({ as: 'county', method: 'GET', url: '/tasks/9223372036854775808' }), 400, { in: 'params', field: '/key', rule: 'maximum' }],
  ['task key of twenty digits', () => ({ as: 'county', method: 'POST', url: '/tasks/99999999999999999999/claim' }), 400, { in: 'params', field: '/key' }],
  ['incident key beyond 64 bits', () => ({ as: 'province', method: 'GET', url: '/incidents/9223372036854776000' }), 400, { in: 'params', field: '/incidentKey', rule: 'maximum' }],
  ['task completion missing the form\'s reason', () => ({ as: 'county', method: 'POST', url: `/tasks/${ctx.countyTask}/complete`, payload: { recommended: true } }), 400, { in: 'body', field: '/reason', rule: 'required' }],
  ['task completion with a wrong-typed checkbox', () => ({ as: 'county', method: 'POST', url: `/tasks/${ctx.countyTask}/complete`, payload: { recommended: 'yes', reason: '理由 / reason' } }), 400, { in: 'body', field: '/recommended', rule: 'type' }],
  ['task completion with an oversized reason', () => ({ as: 'county', method: 'POST', url: `/tasks/${ctx.countyTask}/complete`, payload: { recommended: true, reason: 'x'.repeat(2001) } }), 400, { in: 'body', field: '/reason', rule: 'maxLength' }],
  ['task completion setting who decided', () => ({ as: 'county', method: 'POST', url: `/tasks/${ctx.countyTask}/complete`, payload: { recommended: true, reason: '理由', decidedBy: 'someone-else' } }), 400, { in: 'body', field: '/decidedBy', rule: 'additionalProperties' }],
  ['certification result as text', () => ({ as: 'body', method: 'POST', url: `/certifications/${ctx.a}/result`, payload: { certified: 'yes' } }), 400, { in: 'body', field: '/certified', rule: 'type' }],
  ['certification end without an offset', () => ({ as: 'body', method: 'POST', url: `/certifications/${ctx.a}/result`, payload: { certified: true, endedAt: '2023-10-01T10:00:00' } }), 400, { in: 'body', field: '/endedAt', rule: 'pattern' }],
  ['objection without text', () => ({ as: null, method: 'POST', url: `/publicity/${ctx.b}/objections`, payload: { objectorKind: 'PERSON', objectorName: '王五', contact: 'w@example.cn' } }), 400, { in: 'body', field: '/text', rule: 'required' }],
  ['objection by an unknown kind of objector', () => ({ as: null, method: 'POST', url: `/publicity/${ctx.b}/objections`, payload: { objectorKind: 'ROBOT', objectorName: '王五', contact: 'w@example.cn', text: '一段足够长的异议内容 / long enough' } }), 400, { in: 'body', field: '/objectorKind' }],
  ['objection to a declaration not in publicity', () => ({ as: null, method: 'POST', url: `/publicity/${ctx.a}/objections`, payload: { objectorKind: 'PERSON', objectorName: '王五', contact: 'w@example.cn', text: '一段足够长的异议内容 / long enough' } }), 404, null],
  ['statistics for a malformed city', () => ({ as: 'province', method: 'GET', url: '/statistics?cityCode=nanjing' }), 400, { in: 'querystring', field: '/cityCode', rule: 'pattern' }],
  ['export without a year', () => ({ as: 'province', method: 'GET', url: '/exports/key-cultivation.csv' }), 400, { in: 'querystring', field: '/year', rule: 'required' }],
  ['announced export with a year as text', () => ({ as: null, method: 'GET', url: '/exports/announced.csv?year=last' }), 400, { in: 'querystring', field: '/year' }],
  ['dead letter id not a number', () => ({ as: 'province', method: 'POST', url: '/notifications/dead-letters/abc/resend' }), 400, { in: 'params', field: '/id' }],
  ['a body larger than API_BODY_LIMIT_BYTES', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: { campaignYear: 2023, productName: 'p', category: 'SERVICE', facts: { ...facts, declarationId: big } } }), 413, null],
  ['malformed JSON', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', headers: { 'content-type': 'application/json' }, payload: '{"campaignYear": 2023, "productName": "p' }), 400, null],
  ['a body that is not JSON', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', headers: { 'content-type': 'text/plain' }, payload: 'campaignYear=2023' }), 415, null],
  ['an Idempotency-Key that is too long', () => ({ as: 'province', method: 'POST', url: '/campaigns', headers: { 'idempotency-key': 'k'.repeat(201) }, payload: { year: 2024 } }), 400, { in: 'headers', field: '/idempotency-key' }],
];

describe('bad input', () => {
  it.each(cases)('%s answers %s… with the field named, changing nothing', async (_name, build, status, field) => {
    const { as, headers, ...request } = build();
    const before = await checksum();
    const response = await t.app.inject({ ...request, headers: { ...(headers as Record<string, string> | undefined), ...(as ? users[as].headers : {}) } });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field) expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining(field)]));
    await t.settle();
    expect(await checksum()).toBe(before);
  });
});

describe('bad attachments', () => {
  const closed = { number: '' };
  const form = (...parts: Part[]) => multipart(parts);
  const kind = { name: 'kind', value: 'BUSINESS_LICENCE' } as const;
  const file = (data: Buffer, filename = '营业执照.pdf', contentType = 'application/pdf') => ({ name: 'file', filename, contentType, data });
  const upload = (number: () => string, body: ReturnType<typeof multipart>) => () => ({ as: 'enterprise' as const, method: 'POST' as const, url: `/declarations/${number()}/attachments`, ...body });
  const a = () => ctx.a;

  beforeAll(async () => {
    // One file already stored, so "unchanged" covers a folder that holds something; and a closed declaration of E1's.
    const first = form(kind, file(pdf('already there')));
    const stored = await t.app.inject({ method: 'POST', url: `/declarations/${ctx.a}/attachments`, payload: first.payload, headers: { ...users.enterprise.headers, ...first.headers } });
    expect(stored.statusCode, stored.body).toBe(201);
    // Closed, without a case of its own; removed again after these tests, as the campaign's
    // city deadline (expert scoring, below) meets every declaration of the year.
    closed.number = 'JP-2023-320100-0900';
    await t.c.h.db.pool.query(
      `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, outcome, submitted_at, closed_at)
       VALUES ($1, 2023, $2, '已撤回 / withdrawn', 'MANUFACTURING', 'COUNTY', '{}', 'CLOSED', 'WITHDRAWN', $3, $3)`,
      [closed.number, E1, t.c.h.clock.now()],
    );
    await t.settle();
  });
  afterAll(async () => {
    await t.c.h.db.pool.query('DELETE FROM declarations WHERE number = $1', [closed.number]);
  });

  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0)]);
  const attachmentCases: Case[] = [
    ['no file', upload(a, form(kind)), 400, { in: 'body', field: '/file', rule: 'required' }],
    ['an empty file', upload(a, form(kind, file(Buffer.alloc(0)))), 400, { in: 'body', field: '/file', rule: 'minSize' }],
    ['a file over ATTACHMENT_MAX_BYTES', upload(a, form(kind, file(Buffer.concat([pdf(), Buffer.alloc(ATTACHMENT_LIMIT, 0x20)])))), 413, { in: 'body', field: '/file', rule: 'maxSize' }],
    ['a program named .pdf', upload(a, form(kind, file(exe, 'setup.pdf'))), 415, { in: 'body', field: '/file', rule: 'fileType' }],
    ['a .exe', upload(a, form(kind, file(exe, 'setup.exe', 'application/x-msdownload'))), 415, { in: 'body', field: '/file', rule: 'fileType' }],
    ['text bytes named .pdf', upload(a, form(kind, file(Buffer.from('这不是 PDF / not a PDF\n'), 'form.pdf'))), 415, { in: 'body', field: '/file', rule: 'fileType' }],
    ['text bytes of no declared type', upload(a, form(kind, file(Buffer.from('plain text, whatever its name\n'), 'notes.pdf', 'application/octet-stream'))), 415, { in: 'body', field: '/file', rule: 'fileType' }],
    ['a PNG declared as a PDF', upload(a, form(kind, file(png(), 'scan.pdf'))), 415, { in: 'body', field: '/file', rule: 'fileType' }],
    ['no kind', upload(a, form(file(pdf()))), 400, { in: 'body', field: '/kind', rule: 'required' }],
    ['an unknown kind', upload(a, form({ name: 'kind', value: 'HOLIDAY_PHOTOS' }, file(jpeg(), 'beach.jpg', 'image/jpeg'))), 400, { in: 'body', field: '/kind', rule: 'enum' }],
    ['the kind given twice', upload(a, form(kind, kind, file(pdf()))), 400, { in: 'body', field: '/kind', rule: 'maxItems' }],
    ['two files', upload(a, form(kind, file(pdf()), file(pdf('second'), 'b.pdf'))), 400, { in: 'body', field: '/file', rule: 'maxItems' }],
    ['the file in another field', upload(a, form(kind, { ...file(pdf()), name: 'document' })), 400, { in: 'body', field: '/document', rule: 'additionalProperties' }],
    ['a field the form does not have', upload(a, form(kind, { name: 'stage', value: 'CLOSED' }, file(pdf()))), 400, { in: 'body', field: '/stage', rule: 'additionalProperties' }],
    ['a JSON body', () => ({ as: 'enterprise', method: 'POST', url: `/declarations/${ctx.a}/attachments`, payload: { kind: 'BUSINESS_LICENCE', file: 'JVBERi0=' } }), 415, null],
    ['a closed declaration', upload(() => closed.number, form(kind, file(pdf()))), 409, null],
    ["another enterprise's declaration", upload(() => ctx.b, form(kind, file(pdf()))), 404, null],
    ['a malformed declaration number', upload(() => 'JP-1', form(kind, file(pdf()))), 400, { in: 'params', field: '/number', rule: 'pattern' }],
    ['an attachment id that is not a number', () => ({ as: 'province', method: 'GET', url: `/declarations/${ctx.a}/attachments/abc` }), 400, { in: 'params', field: '/id' }],
    ['an attachment that does not exist', () => ({ as: 'province', method: 'GET', url: `/declarations/${ctx.a}/attachments/999999` }), 404, null],
  ];

  it.each(attachmentCases)('%s answers %s… with the field named, changing neither the database nor the folder', async (_name, build, status, field) => {
    const { as, headers, ...request } = build();
    const before = { db: await checksum(), files: await listing(t.attachmentsDir) };
    expect(before.files.length).toBeGreaterThan(0);
    const response = await t.app.inject({ ...request, headers: { ...(headers as Record<string, string> | undefined), ...(as ? users[as].headers : {}) } });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field) expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining(field)]));
    await t.settle();
    expect(await checksum()).toBe(before.db);
    expect(await listing(t.attachmentsDir)).toEqual(before.files);
  });
});

describe('idempotency', () => {
  it('answers a repeated POST with the first result and changes nothing; refuses the key on another request', async () => {
    const headers = { ...users.enterprise.headers, 'idempotency-key': 'draft-2023-bolts' };
    const payload = { campaignYear: 2023, productName: '螺栓 / bolts', category: 'SERVICE', facts };
    const first = await t.app.inject({ method: 'POST', url: '/declarations', headers, payload });
    expect(first.statusCode).toBe(201);
    const before = await checksum();
    const again = await t.app.inject({ method: 'POST', url: '/declarations', headers, payload });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await checksum()).toBe(before);
    const other = await t.app.inject({ method: 'POST', url: '/declarations', headers, payload: { ...payload, productName: '别的 / another' } });
    expect(other.statusCode).toBe(422);
    expect(await checksum()).toBe(before);
    // Another user's same key is his own.
    const member = await t.app.inject({ method: 'POST', url: '/declarations', headers: { ...users.member.headers, 'idempotency-key': 'draft-2023-bolts' }, payload: { ...payload, enterpriseId: E2 } });
    expect(member.statusCode).toBe(201);
  });

  it('lets a retry take over a key whose first request never answered (its database went away mid-request), and not before', async () => {
    const pool = t.c.h.db.pool;
    const payload = { campaignYear: 2023, productName: '垫圈 / washers', category: 'SERVICE', facts };
    const held = async (key: string, ageMs: number) =>
      pool.query(
        `INSERT INTO idempotency_keys (caller, key, method, path, request_hash, created_at)
         SELECT 'user:' || id, $2, 'POST', '/declarations', 'h', $3 FROM users WHERE username = $1`,
        [users.enterprise.username, key, new Date(t.c.h.clock.now().getTime() - ageMs)],
      );
    // Still within its time: the first request may yet answer, so a repeat waits (409).
    await held('washers-running', IDEMPOTENCY_ABANDONED_AFTER_MS - 1000);
    const running = await t.app.inject({ method: 'POST', url: '/declarations', headers: { ...users.enterprise.headers, 'idempotency-key': 'washers-running' }, payload });
    expect(running.statusCode, running.body).toBe(409);
    expect(running.json().type).toBe('urn:jingpin:problem:idempotency-key-in-use');
    expect(running.headers['retry-after']).toBe('1');
    // Past it, with no answer kept: the first request's process lost its database before it could
    // answer or free the key. The retry runs, and its answer is kept as the key's.
    await held('washers-abandoned', IDEMPOTENCY_ABANDONED_AFTER_MS + 1000);
    const headers = { ...users.enterprise.headers, 'idempotency-key': 'washers-abandoned' };
    const retried = await t.app.inject({ method: 'POST', url: '/declarations', headers, payload });
    expect(retried.statusCode, retried.body).toBe(201);
    const replayed = await t.app.inject({ method: 'POST', url: '/declarations', headers, payload });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toBe(retried.body);
  });

  it('frees a key after its retention, and sweeps other callers\' expired keys', async () => {
    const pool = t.c.h.db.pool;
    const headers = { ...users.enterprise.headers, 'idempotency-key': 'draft-2023-nuts' };
    const payload = { campaignYear: 2023, productName: '螺母 / nuts', category: 'SERVICE', facts };
    expect((await t.app.inject({ method: 'POST', url: '/declarations', headers, payload })).statusCode).toBe(201);
    // Another caller's key, a second old now: expired a day from now, not yet.
    const stale = new Date(t.c.h.clock.now().getTime() - 1000);
    await pool.query(`INSERT INTO idempotency_keys (caller, key, method, path, request_hash, status_code, created_at) VALUES ('address:198.51.100.7', 'old', 'POST', '/x', 'h', 201, $1)`, [stale]);
    const keys = async () => (await pool.query<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key')).rows.map((row) => row.key);

    // Within the day the key still answers for its first request.
    const sameDay = await t.app.inject({ method: 'POST', url: '/declarations', headers, payload: { ...payload, productName: '别的 / another' } });
    expect(sameDay.statusCode).toBe(422);
    expect(await keys()).toEqual(expect.arrayContaining(['old', 'draft-2023-nuts']));

    // A day later (the clock of a second app only; the shared engine's timers stay where they are).
    const later = buildApp({
      config: t.c.h.db.config,
      engine: t.c.h.engine,
      clock: { now: () => new Date(t.c.h.clock.now().getTime() + IDEMPOTENCY_RETENTION_MS + 1000) },
      pool,
      logger: createLogger('silent'),
    });
    try {
      const reused = await later.inject({ method: 'POST', url: '/declarations', headers, payload: { ...payload, productName: '别的 / another' } });
      expect(reused.statusCode, reused.body).toBe(201);
      expect(reused.headers['idempotent-replayed']).toBeUndefined();
      expect(reused.json().productName).toBe('别的 / another');
      expect(await keys()).not.toContain('old');
      expect((await pool.query('SELECT 1 FROM idempotency_keys WHERE key = $1', ['draft-2023-nuts'])).rowCount).toBe(1);
    } finally {
      await later.close();
    }
  });
});

describe('security', () => {
  it('sends security headers and no CORS headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/declarations', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits accepted objections per address, across API processes, behind a trusted proxy, in Chinese first', async () => {
    const build = () =>
      buildApp({ config: { ...t.c.h.db.config, OBJECTION_RATE_LIMIT: 2, TRUST_PROXY: '1' }, engine: t.c.h.engine, clock: t.c.h.clock, pool: t.c.h.db.pool, logger: createLogger('silent') });
    const [one, two] = [build(), build()];
    try {
      // Behind the proxy (127.0.0.1), each caller is told apart by X-Forwarded-For.
      const file = (app: typeof one, client: string, text = '对该产品有异议，请核查 / please check') =>
        app.inject({
          method: 'POST',
          url: `/publicity/${ctx.b}/objections`,
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
          payload: { objectorKind: 'UNIT', objectorName: '某单位', contact: 'u@example.cn', text },
        });
      // Refused requests do not count against the address.
      for (let i = 0; i < 3; i++) expect((await file(one, '198.51.100.20', 'short')).statusCode).toBe(400);
      expect((await file(one, '198.51.100.20')).statusCode).toBe(201);
      // The second process counts the first one's objection.
      expect((await file(two, '198.51.100.20')).statusCode).toBe(201);
      const third = await file(one, '198.51.100.20');
      expect(third.statusCode).toBe(429);
      expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(3000);
      expect(third.json().detail).toMatch(/^同一地址每小时最多提出 2 条异议，请 60 分钟后再试 \/ at most 2 objections an hour from one address/);
      expect((await file(two, '198.51.100.20')).statusCode).toBe(429);
      // Another member of the public behind the same proxy is not held up.
      expect((await file(two, '198.51.100.21')).statusCode).toBe(201);
      // An hour later the address may object again.
      t.c.h.clock.advance('PT1H');
      expect((await file(one, '198.51.100.20')).statusCode).toBe(201);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('refuses a forged, expired or stale token with 401', async () => {
    const forged = `${users.province.token.slice(0, -4)}AAAA`;
    expect((await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);
    const user = await signIn(t.app, t.c.h.db.pool, 'city_office', '320500', 'city-to-be-moved');
    await t.c.h.db.pool.query(`UPDATE users SET scope = '320200' WHERE username = 'city-to-be-moved'`);
    expect((await t.app.inject({ method: 'GET', url: '/auth/me', headers: user.headers })).statusCode).toBe(401);
  });

  it('keeps passwords, tokens and the body out of the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logged = buildApp({ config: t.c.h.db.config, engine: t.c.h.engine, clock: t.c.h.clock, pool: t.c.h.db.pool, logger: createLogger('trace', sink) });
    try {
      const login = await logged.inject({ method: 'POST', url: '/auth/login', payload: { username: users.province.username, password: TEST_PASSWORD } });
      const token = login.json().token as string;
      await logged.inject({ method: 'GET', url: '/declarations', headers: { authorization: `Bearer ${token}` } });
      await logged.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"username":"x","password":"${TEST_PASSWORD}` });
      await logged.inject({ method: 'POST', url: `/publicity/${ctx.b}/objections`, payload: { objectorKind: 'PERSON', objectorName: '赵六', contact: 'secret-contact@example.cn', text: '异议内容不应出现在日志中 / not in the log' } });
      const log = lines.join('');
      expect(log).toContain('signed in');
      expect(log).not.toContain(TEST_PASSWORD);
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.split('.')[2]);
      expect(log).not.toContain('secret-contact@example.cn');
    } finally {
      await logged.close();
    }
  });
});

describe('expert scoring', () => {
  it('an expert cannot score a declaration that is not on his panel', async () => {
    // The two declarations reach the panels the way every declaration does: county and city
    // pass them before the city deadline (which closes whatever they left open).
    const ours = (task: { businessKey: string | null }) => [ctx.a, ctx.b].includes(task.businessKey ?? '');
    await t.c.driver.completeAll('countyCheck', (task) => (ours(task) ? { recommended: true, reason: '通过 / passed' } : null));
    await t.c.driver.completeAll('cityReview', (task) => (ours(task) ? { recommended: true, reason: '推荐 / recommended' } : null));
    const campaign = (await t.c.h.engine.searchInstances({ processDefinitionId: 'annual-campaign' }))[0]!;
    await t.c.driver.advanceTo((await t.c.h.instance(campaign.processInstanceKey)).variables.citySubmissionDeadline as string);
    const { rows } = await t.c.h.db.pool.query<{ expert_id: string }>(`SELECT DISTINCT expert_id FROM panel_assignments WHERE role = 'MEMBER' ORDER BY 1 LIMIT 1`);
    const expert = await t.as('expert', rows[0]!.expert_id);
    const task = (await t.app.inject({ method: 'GET', url: '/tasks', headers: expert.headers })).json().find((x: { elementId: string }) => x.elementId === 'scoreDeclarations');
    if (!task) return expect.fail(`no scoring task for ${rows[0]!.expert_id}`);
    const foreign = 'JP-2023-320500-0009';
    const before = await checksum();
    const sheet = (n: string) => ({ declarationNumber: n, STANDARDS: 80, QUALITY: 80, TECHNOLOGY: 80, MARKET_BRAND: 80 });
    const response = await t.app.inject({ method: 'POST', url: `/tasks/${task.key}/complete`, headers: expert.headers, payload: { scores: [...task.declarations.map(sheet), sheet(foreign)] } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: `/scores/${task.declarations.length}/declarationNumber`, rule: 'panel' })]);
    const outOfRange = await t.app.inject({ method: 'POST', url: `/tasks/${task.key}/complete`, headers: expert.headers, payload: { scores: [{ ...sheet(task.declarations[0]), QUALITY: 101 }] } });
    expect(outOfRange.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: '/scores/0/QUALITY', rule: 'maximum' })]));
    expect(await checksum()).toBe(before);
  });
});
