import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';
import type { SignedIn } from './sign-in.ts';
import { databaseChecksum } from './database-checksum.ts';
import { forbiddenCharacter } from './hostile-values.ts';
import { setUpRefusedRequestTargets, type RefusedRequestTargets } from './refused-request-targets.ts';

/**
 * Hostile text, numbers and dates (issue 13, items 4 and 5): NUL, bidirectional overrides and
 * other control characters, whitespace-only names, numbers past 2^53, impossible dates, and a
 * category its facts contradict. Each answers 400 naming the field, and nothing is written.
 */
let t: ApiHarness;
let users: Record<'enterprise' | 'county' | 'body', SignedIn>;
let ctx: RefusedRequestTargets;

const checksum = () => databaseChecksum(t.c.h.db);

const facts = { category: 'SERVICE', entityType: 'SERVICE_ENTERPRISE' };
const draft = (extra: Record<string, unknown>) => ({ campaignYear: 2023, productName: '螺母 / nuts', category: 'SERVICE', facts, ...extra });
const objection = (extra: Record<string, unknown>) => ({ objectorKind: 'PERSON', objectorName: '王五', contact: 'w@example.cn', text: '一段足够长的异议内容 / long enough', ...extra });

beforeAll(async () => {
  t = await createApiHarness();
  ctx = await setUpRefusedRequestTargets(t);
  users = { enterprise: await t.as('enterprise', E1), county: await t.as('county_office', '320102'), body: await t.as('certification_body', 'CB-A') };
}, 120_000);
afterAll(() => t.close());

type Case = [string, () => InjectOptions & { as: keyof typeof users | null }, { field: string; rule?: string }];

const cases: Case[] = [
  ['a product name with U+0000', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: draft({ productName: '螺\u0000母' }) }), { field: '/productName', rule: 'control-character' }],
  ['a product name with a right-to-left override', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: draft({ productName: '\u202e母螺' }) }), { field: '/productName', rule: 'bidi-override' }],
  ['a product name of spaces only', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: draft({ productName: ' \u3000 ' }) }), { field: '/productName' }],
  ['a draft edit with a line break in the product name', () => ({ as: 'enterprise', method: 'PATCH', url: `/declarations/drafts/${ctx.draft}`, payload: { productName: '螺\n母' } }), { field: '/productName', rule: 'control-character' }],
  ['an enterprise name with a bidirectional isolate', () => ({ as: 'enterprise', method: 'PATCH', url: `/enterprises/${E1}`, payload: { name: '南京\u2067某某\u2069有限公司' } }), { field: '/name', rule: 'bidi-override' }],
  ['an enterprise name of spaces only', () => ({ as: 'enterprise', method: 'PATCH', url: `/enterprises/${E1}`, payload: { name: '   ' } }), { field: '/name' }],
  ['an objection text with a right-to-left override', () => ({ as: null, method: 'POST', url: `/publicity/${ctx.b}/objections`, payload: objection({ text: '这家企业的产品\u202e不合格，请核查 / please check' }) }), { field: '/text', rule: 'bidi-override' }],
  ['an objector name with NUL', () => ({ as: null, method: 'POST', url: `/publicity/${ctx.b}/objections`, payload: objection({ objectorName: '王\u0000五' }) }), { field: '/objectorName', rule: 'control-character' }],
  ['a withdrawal reason with an escape character', () => ({ as: 'enterprise', method: 'POST', url: `/declarations/${ctx.a}/withdraw`, payload: { reason: '撤回\u001b[2J理由' } }), { field: '/reason', rule: 'control-character' }],
  ['a certification note with a bidi override', () => ({ as: 'body', method: 'POST', url: `/certifications/${ctx.a}/result`, payload: { certified: false, note: '未通过\u202d' } }), { field: '/note', rule: 'bidi-override' }],
  ['a sales figure of 1e300', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: draft({ facts: { ...facts, sales: { year: 2022, declaredProductYuan: 1e300 } } }) }), { field: '/facts/sales/declaredProductYuan', rule: 'safeNumber' }],
  ['a sales figure above 2^53', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(draft({ facts: { ...facts, sales: { year: 2022, declaredProductYuan: 0 } } })).replace('"declaredProductYuan":0', '"declaredProductYuan":9007199254740993') }), { field: '/facts/sales/declaredProductYuan', rule: 'safeNumber' }],
  ['a certification that ended on an impossible date', () => ({ as: 'body', method: 'POST', url: `/certifications/${ctx.a}/result`, payload: { certified: false, endedAt: '2027-13-45T99:99:99Z' } }), { field: '/endedAt', rule: 'format' }],
  ['a certification that ended on 30 February', () => ({ as: 'body', method: 'POST', url: `/certifications/${ctx.a}/result`, payload: { certified: false, endedAt: '2023-02-30T10:00:00+08:00' } }), { field: '/endedAt', rule: 'format' }],
  ['a campaign notice dated 30 February', () => ({ as: null, method: 'POST', url: '/campaigns', payload: { year: 2030, noticeDate: '2030-02-30' } }), { field: '/noticeDate', rule: 'format' }],
  ['a draft whose category its facts contradict', () => ({ as: 'enterprise', method: 'POST', url: '/declarations', payload: draft({ category: 'MANUFACTURING' }) }), { field: '/facts/category', rule: 'sameCategory' }],
  ['a draft edit whose new category its stored facts contradict', () => ({ as: 'enterprise', method: 'PATCH', url: `/declarations/drafts/${ctx.draft}`, payload: { category: 'AGRICULTURE' } }), { field: '/facts/category', rule: 'sameCategory' }],
  ['a draft edit whose new facts contradict its stored category', () => ({ as: 'enterprise', method: 'PATCH', url: `/declarations/drafts/${ctx.draft}`, payload: { facts: { category: 'MANUFACTURING', entityType: 'INDUSTRY_LEADER' } } }), { field: '/facts/category', rule: 'sameCategory' }],
];

// Numbers in a path or query string past what their column holds: PostgreSQL refuses them (a 500) unless the schema does first.
const outOfRange: [string, string, string][] = [
  ['a dead letter id past bigint', '/notifications/dead-letters/99999999999999999999/resend', '/id'],
  ['a rule-set version past integer', '/rule-sets/2023?version=99999999999', '/version'],
];

describe('hostile input', () => {
  it.each(outOfRange)('%s answers 400 naming the field', async (_name, url, field) => {
    const province = await t.as('provincial_office');
    const response = await t.app.inject({ method: url.startsWith('/notifications') ? 'POST' : 'GET', url, headers: province.headers });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule: 'maximum' })]));
  });

  it.each(cases)('%s answers 400 naming the field, changing nothing', async (_name, build, field) => {
    const { as, headers, ...request } = build();
    const caller = as === null ? (request.url === '/campaigns' ? (await t.as('provincial_office')).headers : {}) : users[as].headers;
    const before = await checksum();
    const response = await t.app.inject({ ...request, headers: { ...(headers as Record<string, string> | undefined), ...caller } });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'body', ...field })]));
    await t.settle();
    expect(await checksum()).toBe(before);
  });

  it('stores text NFC-normalised and trimmed', async () => {
    // "e" followed by a combining acute accent is "é" in NFC.
    const response = await t.app.inject({ method: 'PATCH', url: `/declarations/drafts/${ctx.draft}`, headers: users.enterprise.headers, payload: { productName: '  Cafe\u0301 螺母 \t' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().productName).toBe('Caf\u00e9 螺母');
    const { rows } = await t.c.h.db.pool.query('SELECT product_name FROM declaration_drafts WHERE id = $1', [ctx.draft]);
    expect(rows[0]?.product_name).toBe('Caf\u00e9 螺母');
  });
});

/**
 * The same rules, swept: one field of an otherwise valid body replaced by a generated hostile
 * value. Every value generated is one the API must refuse (text holding a control or bidi
 * character, a name of spaces only, a number past 2^53, a date or time that does not exist),
 * so the property is exact: 400 naming that field, no 5xx, and the database unchanged.
 */
describe('hostile input, swept', () => {
  const NUMBER = '__NUMBER__';
  const ordinary = fc.string({ unit: fc.constantFrom('螺', '母', '有', '限', '公', '司', 'a', 'Z', '7', ' ', 'e\u0301', '（', '）'), minLength: 0, maxLength: 12 });
  /** Ordinary text with one forbidden character somewhere in it; long enough for every field's minLength. */
  const hostileText = fc.tuple(ordinary, forbiddenCharacter, ordinary).map(([before, bad, after]) => `合格内容 ${before}${bad}${after} 合格内容`);
  const blank = fc.string({ unit: fc.constantFrom(' ', '\u3000', '\t', '\n', '\u00a0'), minLength: 1, maxLength: 8 });
  /** JSON number text beyond ±(2^53 − 1): integers JavaScript would round, and sizes no amount has. */
  const hugeNumber = fc.oneof(
    fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map(String),
    fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map((n) => `-${n}`),
    fc.integer({ min: 16, max: 400 }).map((e) => `1e${e}`),
    fc.double({ min: 2 ** 53, noNaN: true, noDefaultInfinity: true }).map(String),
  );
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const dateParts = fc.record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.integer({ min: 0, max: 99 }), d: fc.integer({ min: 0, max: 99 }) });
  const impossibleDate = dateParts.filter(({ y, m, d }) => m < 1 || m > 12 || d < 1 || d > daysIn(y, m)).map(({ y, m, d }) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);
  const impossibleDateTime = fc
    .record({ date: fc.oneof(impossibleDate, fc.constant('2023-10-01')), h: fc.integer({ min: 0, max: 99 }), min: fc.integer({ min: 0, max: 99 }), s: fc.integer({ min: 0, max: 59 }), offset: fc.constantFrom('Z', '+08:00', '-05:00') })
    .filter(({ date, h, min }) => date !== '2023-10-01' || h > 23 || min > 59)
    .map(({ date, h, min, s, offset }) => `${date}T${pad(h)}:${pad(min)}:${pad(s)}${offset}`);

  interface Target {
    readonly route: string;
    readonly as: keyof typeof users | 'province' | null;
    readonly method: 'POST' | 'PATCH';
    readonly url: () => string;
    /** The valid body, with the field under test set to `value`. */
    readonly body: (value: unknown) => unknown;
    readonly field: string;
  }
  const text = (route: string, as: Target['as'], method: Target['method'], url: () => string, field: string, body: (value: unknown) => unknown): Target => ({ route, as, method, url, body, field });
  const textTargets: Target[] = [
    text('POST /declarations', 'enterprise', 'POST', () => '/declarations', '/productName', (v) => draft({ productName: v })),
    text('POST /declarations', 'enterprise', 'POST', () => '/declarations', '/facts/declarationId', (v) => draft({ facts: { ...facts, declarationId: v } })),
    text('PATCH /declarations/drafts/:id', 'enterprise', 'PATCH', () => `/declarations/drafts/${ctx.draft}`, '/productName', (v) => ({ productName: v })),
    text('PATCH /enterprises/:id', 'enterprise', 'PATCH', () => `/enterprises/${E1}`, '/name', (v) => ({ name: v })),
    text('PATCH /enterprises/:id', 'enterprise', 'PATCH', () => `/enterprises/${E1}`, '/contactName', (v) => ({ contactName: v })),
    text('POST /publicity/:number/objections', null, 'POST', () => `/publicity/${ctx.b}/objections`, '/objectorName', (v) => objection({ objectorName: v })),
    text('POST /publicity/:number/objections', null, 'POST', () => `/publicity/${ctx.b}/objections`, '/text', (v) => objection({ text: v })),
    text('POST /declarations/:number/withdraw', 'enterprise', 'POST', () => `/declarations/${ctx.a}/withdraw`, '/reason', (v) => ({ reason: v })),
    text('POST /certifications/:number/result', 'body', 'POST', () => `/certifications/${ctx.a}/result`, '/note', (v) => ({ certified: false, note: v })),
    text('POST /tasks/:key/complete', 'county', 'POST', () => `/tasks/${ctx.countyTask}/complete`, '/reason', (v) => ({ recommended: true, reason: v })),
  ];
  // Names may not be blank; other text may be, but then its schema (minLength) refuses it.
  const blankTargets = textTargets.filter((target) => ['/productName', '/name', '/objectorName', '/text', '/reason', '/note'].includes(target.field));
  const numberTargets: Target[] = [
    text('POST /declarations', 'enterprise', 'POST', () => '/declarations', '/facts/sales/declaredProductYuan', () => draft({ facts: { ...facts, sales: { year: 2022, declaredProductYuan: NUMBER } } })),
    text('POST /declarations', 'enterprise', 'POST', () => '/declarations', '/campaignYear', () => draft({ campaignYear: NUMBER })),
    text('PATCH /declarations/drafts/:id', 'enterprise', 'PATCH', () => `/declarations/drafts/${ctx.draft}`, '/facts/sales/year', () => ({ facts: { ...facts, sales: { year: NUMBER, declaredProductYuan: 1 } } })),
  ];
  const dateTargets: Target[] = [
    text('POST /certifications/:number/result', 'body', 'POST', () => `/certifications/${ctx.a}/result`, '/endedAt', (v) => ({ certified: false, endedAt: v })),
  ];
  const dayTargets: Target[] = [text('POST /campaigns', 'province', 'POST', () => '/campaigns', '/noticeDate', (v) => ({ year: 2030, noticeDate: v }))];

  let province: SignedIn;
  beforeAll(async () => {
    province = await t.as('provincial_office');
  });

  async function refused(target: Target, payload: string): Promise<void> {
    const headers = { 'content-type': 'application/json', ...(target.as === 'province' ? province.headers : target.as ? users[target.as].headers : {}) };
    const before = await checksum();
    const response = await t.app.inject({ method: target.method, url: target.url(), headers, payload });
    expect(response.statusCode, `${target.route} ${target.field}: ${payload}\n${response.body}`).toBe(400);
    expect(response.json().errors, response.body).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'body', field: target.field })]));
    await t.settle();
    expect(await checksum()).toBe(before);
  }

  const runs = { numRuns: 15 };
  it.each(textTargets.map((target) => [target.route, target.field, target] as const))('%s %s: text with a control or bidi character', async (_route, _field, target) => {
    await fc.assert(fc.asyncProperty(hostileText, (value) => refused(target, JSON.stringify(target.body(value)))), runs);
  }, 60_000);
  it.each(blankTargets.map((target) => [target.route, target.field, target] as const))('%s %s: blank text', async (_route, _field, target) => {
    await fc.assert(fc.asyncProperty(blank, (value) => refused(target, JSON.stringify(target.body(value)))), runs);
  }, 60_000);
  it.each(numberTargets.map((target) => [target.route, target.field, target] as const))('%s %s: a number beyond 2^53', async (_route, _field, target) => {
    await fc.assert(fc.asyncProperty(hugeNumber, (value) => refused(target, JSON.stringify(target.body(null)).replace(JSON.stringify(NUMBER), value))), runs);
  }, 60_000);
  it.each(dateTargets.map((target) => [target.route, target.field, target] as const))('%s %s: a date and time that does not exist', async (_route, _field, target) => {
    await fc.assert(fc.asyncProperty(impossibleDateTime, (value) => refused(target, JSON.stringify(target.body(value)))), runs);
  }, 60_000);
  it.each(dayTargets.map((target) => [target.route, target.field, target] as const))('%s %s: a day that does not exist', async (_route, _field, target) => {
    await fc.assert(fc.asyncProperty(impossibleDate, (value) => refused(target, JSON.stringify(target.body(value)))), runs);
  }, 60_000);
});
