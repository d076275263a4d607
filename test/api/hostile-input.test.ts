import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, E1, E2, type ApiHarness } from './api-harness.ts';
import { declare } from '../cycle/scenario-steps.ts';
import type { SignedIn } from './sign-in.ts';

/**
 * Hostile text, numbers and dates (issue 13, items 4 and 5): NUL, bidirectional overrides and
 * other control characters, whitespace-only names, numbers past 2^53, impossible dates, and a
 * category its facts contradict. Each answers 400 naming the field, and nothing is written.
 */
let t: ApiHarness;
let users: Record<'enterprise' | 'county' | 'body', SignedIn>;
const ctx = { a: '', b: '', draft: 0 };

async function checksum(): Promise<string> {
  const db = t.c.h.db;
  const { rows: tables } = await db.pool.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [db.schema]);
  const hash = createHash('sha256');
  for (const { name } of tables) {
    const { rows } = await db.pool.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*) AS n FROM ${name} t`);
    hash.update(`${name}:${rows[0].n}:${rows[0].digest}\n`);
  }
  return hash.digest('hex');
}

const facts = { category: 'SERVICE', entityType: 'SERVICE_ENTERPRISE' };
const draft = (extra: Record<string, unknown>) => ({ campaignYear: 2023, productName: '螺母 / nuts', category: 'SERVICE', facts, ...extra });
const objection = (extra: Record<string, unknown>) => ({ objectorKind: 'PERSON', objectorName: '王五', contact: 'w@example.cn', text: '一段足够长的异议内容 / long enough', ...extra });

beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  ctx.a = await declare(t.c.driver, { id: E1, name: E1, cityCode: '320100', countyCode: '320102' }, 2023, 1);
  ctx.b = await declare(t.c.driver, { id: E2, name: E2, cityCode: '320200', countyCode: '320202' }, 2023, 2);
  await t.c.h.db.pool.query(`INSERT INTO certifications (declaration_number, body_id, chosen_by, status) VALUES ($1, 'CB-A', 'ENTERPRISE', 'IN_PROGRESS')`, [ctx.a]);
  await t.c.h.db.pool.query(`UPDATE declarations SET stage = 'PUBLICITY' WHERE number = $1`, [ctx.b]);
  users = { enterprise: await t.as('enterprise', E1), county: await t.as('county_office', '320102'), body: await t.as('certification_body', 'CB-A') };
  const created = await t.app.inject({ method: 'POST', url: '/declarations', headers: users.enterprise.headers, payload: draft({ productName: '草稿 / draft' }) });
  expect(created.statusCode, created.body).toBe(201);
  ctx.draft = created.json().id;
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

describe('hostile input', () => {
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
