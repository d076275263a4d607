import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import type { Access } from '../../api/auth/access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { declare } from '../cycle/scenario-steps.ts';
import { createApiHarness, E1, E2, type ApiHarness } from './api-harness.ts';
import { multipart, pdf } from './multipart.ts';
import type { SignedIn } from './sign-in.ts';
import { readFileSync } from 'node:fs';

const packaged2024 = JSON.parse(readFileSync(new URL('../../rules/2024.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * Every route against every role, and against a user of the right role but another scope. The
 * routes come from the app itself, so a route added without a row here fails the test. Each row
 * says which users may see the row the request addresses; the answer must be the route's rule:
 * 401 without a token, 403 for a role it does not admit, 404 for an admitted role out of scope,
 * and the success code otherwise. No 2xx answer to a user who may not see declaration A names it.
 */
let t: ApiHarness;
let users: Array<{ label: string; user: SignedIn | null }>;
const ctx = { a: '', w: '', b: '', draft: 0, memberDraft: 0, countyTask: '', attachment: 0 };

const provinceWide: Role[] = ['provincial_office', 'standardization_institute', 'standardization_office', 'alliance_secretariat', 'supervision_department'];
const scopes: Array<[Role, string, string]> = [
  ['city_office', '320100', '320500'],
  ['county_office', '320102', '320205'],
  ['expert', 'EXP-001', 'EXP-002'],
  ['certification_body', 'CB-A', 'CB-B'],
  ['enterprise', E1, E2],
  ['member_unit', 'MU-GXT', 'MU-SCJGJ'],
];

/** Who sees declaration A (E1 in Nanjing, county 320102, with body CB-A, on EXP-001's panel; EXP-002 is kept off it); every member unit sees every declaration. */
function seesA(user: SignedIn): boolean {
  if (provinceWide.includes(user.role) || user.role === 'member_unit') return true;
  return ['320100', '320102', 'EXP-001', 'CB-A', E1].includes(user.scope ?? '');
}

type Who = SignedIn | null;

/** The draft a user asks for: a member unit's people MU-GXT's supplementary draft, everyone else E1's. */
const draftFor = (who: Who) => (who?.role === 'member_unit' ? ctx.memberDraft : ctx.draft);
const ownsDraft = (u: SignedIn) => u.scope === E1 || u.scope === 'MU-GXT';
interface Row {
  /** The request this user sends. */
  readonly request: (who: Who) => InjectOptions;
  /** The success code, and whether this (admitted) user reaches the row; default: every admitted user. */
  readonly ok: number;
  readonly reaches?: (who: SignedIn) => boolean;
  /** What an anonymous caller gets on an `anyone` route, if not the success code. */
  readonly anonymous?: number;
}

const get = (url: string) => () => ({ method: 'GET' as const, url });
const rows: Record<string, Row> = {
  'GET /health': { request: get('/health'), ok: 200 },
  'POST /auth/login': {
    request: (who) => ({ method: 'POST', url: '/auth/login', payload: { username: who?.username ?? 'nobody', password: 'correct horse battery staple' } }),
    ok: 200,
    anonymous: 401,
  },
  'GET /auth/me': { request: get('/auth/me'), ok: 200 },
  // The web pages' sign-in: the same password check as /auth/login, answered with a session cookie.
  'POST /session': {
    request: (who) => ({ method: 'POST', url: '/session', payload: { username: who?.username ?? 'nobody', password: 'correct horse battery staple' } }),
    ok: 200,
    anonymous: 401,
  },
  'GET /session': { request: get('/session'), ok: 200 },
  'POST /session/end': { request: () => ({ method: 'POST', url: '/session/end' }), ok: 200 },
  'POST /campaigns': { request: () => ({ method: 'POST', url: '/campaigns', payload: { year: 2024 } }), ok: 202 },
  'GET /campaigns': { request: get('/campaigns'), ok: 200 },
  'GET /campaigns/:year': { request: get('/campaigns/2023'), ok: 200 },
  'POST /campaigns/plan': { request: () => ({ method: 'POST', url: '/campaigns/plan', payload: { year: 2024, noticeDate: '2024-03-20' } }), ok: 200 },
  'GET /rule-sets': { request: get('/rule-sets'), ok: 200 },
  'GET /rule-sets/:year': { request: get('/rule-sets/2023'), ok: 200 },
  'POST /rule-sets': { request: () => ({ method: 'POST', url: '/rule-sets', payload: { ...packaged2024, version: 2 } }), ok: 201 },
  'GET /enterprises/:id': { request: get(`/enterprises/${E1}`), ok: 200, reaches: seesA },
  'PATCH /enterprises/:id': { request: () => ({ method: 'PATCH', url: `/enterprises/${E1}`, payload: { email: 'office@e1.example.cn' } }), ok: 200, reaches: seesA },
  'GET /enterprises': { request: get('/enterprises?awaiting=true'), ok: 200 },
  // Both enterprises are in the directory already: registering again is refused as a conflict.
  'POST /enterprises': {
    request: (who) => ({ method: 'POST', url: '/enterprises', payload: { creditCode: who?.scope ?? E1, name: '某公司', cityCode: '320100', countyCode: '320102' } }),
    ok: 409,
  },
  // Nothing of E1 awaits confirmation: its county is told so, another county does not find it.
  'POST /enterprises/:id/confirmation': { request: () => ({ method: 'POST', url: `/enterprises/${E1}/confirmation`, payload: { confirm: true } }), ok: 409, reaches: (u) => u.scope === '320102' },
  'GET /experts': { request: get('/experts'), ok: 200 },
  'POST /experts': {
    request: () => ({ method: 'POST', url: '/experts', payload: { id: 'EXP-MATRIX', name: '矩阵专家', cityCode: '320300', employerCode: E2, employerName: '某单位', categories: ['SERVICE'] } }),
    ok: 200,
  },
  'GET /standardization-institutes': { request: get('/standardization-institutes'), ok: 200 },
  'POST /standardization-institutes': { request: () => ({ method: 'POST', url: '/standardization-institutes', payload: { id: 'JSIQS', name: '江苏省质量和标准化研究院' } }), ok: 200 },
  'GET /certification-bodies': { request: get('/certification-bodies'), ok: 200 },
  'POST /certification-bodies': { request: () => ({ method: 'POST', url: '/certification-bodies', payload: { id: 'CB-MATRIX', name: '矩阵认证', allianceMember: true } }), ok: 200 },
  'GET /member-units': { request: get('/member-units'), ok: 200 },
  'POST /member-units': { request: () => ({ method: 'POST', url: '/member-units', payload: { id: 'MU-IND', name: '省工业和信息化厅' } }), ok: 200 },
  'GET /notification-contacts': { request: get('/notification-contacts'), ok: 200 },
  // A contact of E1's county: the province, the county itself and its city keep it.
  'POST /notification-contacts': {
    request: () => ({ method: 'POST', url: '/notification-contacts', payload: { role: 'county_office', scope: '320102', name: '玄武区质委办', email: 'matrix@example.cn' } }),
    ok: 200,
    reaches: (u) => u.role === 'provincial_office' || ['320100', '320102'].includes(u.scope ?? ''),
  },
  'POST /directory/imports': {
    request: (who) => ({
      method: 'POST',
      url: '/directory/imports',
      payload: who?.role === 'alliance_secretariat' ? { kind: 'certification_body', csv: 'id,name,allianceMember\nCB-MATRIX2,矩阵认证二,是\n' } : { kind: 'member_unit', csv: 'id,name\nMU-AGR,省农业农村厅\n' },
    }),
    ok: 200,
  },
  'POST /declarations': {
    request: (who) => ({
      method: 'POST',
      url: '/declarations',
      payload: { campaignYear: 2023, productName: `矩阵 ${who?.username}`, category: 'MANUFACTURING', facts: eligibleFacts('MANUFACTURING', 2023, 9), ...(who?.role === 'member_unit' ? { enterpriseId: E2 } : {}) },
    }),
    ok: 201,
  },
  'GET /declarations/drafts': { request: get('/declarations/drafts'), ok: 200 },
  // E1's draft is its own declaration, not a carry-over: nothing to decline (409); others do not find it.
  'POST /declarations/drafts/:id/decline': {
    request: () => ({ method: 'POST', url: `/declarations/drafts/${ctx.draft}/decline`, payload: { reason: '本年度不申请 / not this year' } }),
    ok: 409,
    reaches: (u) => u.scope === E1,
  },
  // A draft's owner: the enterprise its own (E1's), a member unit's people their unit's (MU-GXT's).
  'GET /declarations/drafts/:id': { request: (who) => get(`/declarations/drafts/${draftFor(who)}`)(), ok: 200, reaches: ownsDraft },
  'PATCH /declarations/drafts/:id': { request: (who) => ({ method: 'PATCH', url: `/declarations/drafts/${draftFor(who)}`, payload: { productName: '改名 / renamed' } }), ok: 200, reaches: ownsDraft },
  'POST /declarations/drafts/:id/attachments': {
    request: (who) => ({ method: 'POST', url: `/declarations/drafts/${draftFor(who)}/attachments`, ...multipart([{ name: 'kind', value: 'BUSINESS_LICENCE' }, { name: 'file', filename: `营业执照-${who?.username}.pdf`, contentType: 'application/pdf', data: pdf() }]) }),
    ok: 201,
    reaches: ownsDraft,
  },
  'GET /declarations/drafts/:id/attachments': { request: (who) => get(`/declarations/drafts/${draftFor(who)}/attachments`)(), ok: 200, reaches: ownsDraft },
  'POST /declarations/drafts/:id/submit': { request: (who) => ({ method: 'POST', url: `/declarations/drafts/${draftFor(who)}/submit` }), ok: 201, reaches: ownsDraft },
  'GET /declarations': { request: get('/declarations?year=2023'), ok: 200 },
  'GET /declarations/:number': { request: () => get(`/declarations/${ctx.a}`)(), ok: 200, reaches: seesA },
  'GET /declarations/:number/scores': { request: () => get(`/declarations/${ctx.a}/scores`)(), ok: 200, reaches: seesA },
  'GET /declarations/:number/status': { request: () => get(`/declarations/${ctx.a}/status`)(), ok: 200, reaches: seesA },
  'GET /declarations/:number/diagram': { request: () => get(`/declarations/${ctx.a}/diagram`)(), ok: 200, reaches: seesA },
  'POST /declarations/:number/attachments': {
    request: (who) => ({ method: 'POST', url: `/declarations/${ctx.a}/attachments`, ...multipart([{ name: 'kind', value: 'BUSINESS_LICENCE' }, { name: 'file', filename: `营业执照-${who?.username}.pdf`, contentType: 'application/pdf', data: pdf() }]) }),
    ok: 201,
    reaches: (u) => u.scope === E1,
  },
  'GET /attachments/rules': { request: get('/attachments/rules'), ok: 200 },
  'GET /declarations/:number/attachments': { request: () => get(`/declarations/${ctx.a}/attachments`)(), ok: 200, reaches: seesA },
  // The bytes go only to those who need them (api/routes/declarations/attachments.ts): the route
  // admits those roles, and each of them only for the declarations he sees.
  'GET /declarations/:number/attachments/:id': { request: () => get(`/declarations/${ctx.a}/attachments/${ctx.attachment}`)(), ok: 200, reaches: seesA },
  'POST /declarations/:number/withdraw': { request: () => ({ method: 'POST', url: `/declarations/${ctx.w}/withdraw`, payload: { reason: '不再申报 / no longer' } }), ok: 200, reaches: seesA },
  'GET /declarations/:number/correction': { request: () => get(`/declarations/${ctx.a}/correction`)(), ok: 200, reaches: seesA },
  // Declaration A is not waiting for a correction: its enterprise reaches the route and is told so.
  'PATCH /declarations/:number/facts': { request: () => ({ method: 'PATCH', url: `/declarations/${ctx.a}/facts`, payload: { facts: { evidence: [] } } }), ok: 409, reaches: (u) => u.scope === E1 },
  'GET /tasks': { request: get('/tasks'), ok: 200 },
  'GET /tasks/:key': { request: () => get(`/tasks/${ctx.countyTask}`)(), ok: 200, reaches: (u) => u.scope === '320102' },
  'POST /tasks/:key/claim': { request: () => ({ method: 'POST', url: `/tasks/${ctx.countyTask}/claim` }), ok: 200, reaches: (u) => u.scope === '320102' },
  'POST /tasks/:key/unclaim': { request: () => ({ method: 'POST', url: `/tasks/${ctx.countyTask}/unclaim` }), ok: 200, reaches: (u) => u.scope === '320102' },
  'POST /tasks/:key/complete': {
    request: () => ({ method: 'POST', url: `/tasks/${ctx.countyTask}/complete`, payload: { recommended: true, reason: '通过 / passed' } }),
    ok: 200,
    reaches: (u) => u.scope === '320102',
  },
  // Declaration A's county check was completed above but the engine has not moved it on: Nanjing's
  // office reaches the route and is told A is not waiting at the city (test/api/city-batch.test.ts submits one).
  'POST /cities/:code/recommendation-batches': {
    request: () => ({
      method: 'POST',
      url: '/cities/320100/recommendation-batches',
      payload: { campaignYear: 2023, declarations: [{ declarationNumber: ctx.a, recommended: true, reason: '推荐 / recommended' }], memberOpinions: [{ unit: '南京市工业和信息化局', opinion: '同意 / agree' }] },
    }),
    ok: 409,
    reaches: (u) => u.scope === '320100',
  },
  'GET /cities/:code/recommendation-batches': { request: get('/cities/320100/recommendation-batches?year=2023'), ok: 200, reaches: (u) => u.role === 'provincial_office' || u.scope === '320100' },
  // No batch exists here: those admitted are told so (test/api/city-batch.test.ts reads real ones).
  'GET /cities/:code/recommendation-batches/:id': { request: get('/cities/320100/recommendation-batches/999999'), ok: 404 },
  'GET /cities/:code/recommendation-batches/:id/attachment-4.xlsx': { request: get('/cities/320100/recommendation-batches/999999/attachment-4.xlsx'), ok: 404 },
  'POST /certifications/:number/result': { request: () => ({ method: 'POST', url: `/certifications/${ctx.a}/result`, payload: { certified: true, certificateNumber: 'CQC-2023-0001', certificateDate: '2023-03-01' } }), ok: 202, reaches: seesA },
  'GET /publicity': { request: get('/publicity'), ok: 200 },
  'POST /publicity/:number/objections': {
    request: () => ({ method: 'POST', url: `/publicity/${ctx.b}/objections`, payload: { objectorKind: 'PERSON', objectorName: '李四', contact: 'lisi@example.cn', text: '对该产品质量有异议 / doubts the quality' } }),
    ok: 201,
  },
  'GET /objections': { request: () => get(`/objections?declaration=${ctx.b}`)(), ok: 200 },
  'GET /objections/:id': { request: get('/objections/999999'), ok: 404 },
  'GET /statistics': { request: get('/statistics?year=2023'), ok: 200 },
  'GET /exports/key-cultivation.csv': { request: get('/exports/key-cultivation.csv?year=2023'), ok: 200 },
  'GET /announced': { request: get('/announced?year=2023'), ok: 200 },
  'GET /exports/announced.csv': { request: get('/exports/announced.csv?year=2023'), ok: 200 },
  // The provincial office's dashboard and its exports (test/api/dashboard.test.ts reads their numbers).
  'GET /dashboard': { request: get('/dashboard?year=2023'), ok: 200 },
  'GET /exports/dashboard-counts.csv': { request: get('/exports/dashboard-counts.csv?year=2023'), ok: 200 },
  'GET /exports/dashboard-late.csv': { request: get('/exports/dashboard-late.csv?year=2023'), ok: 200 },
  'GET /exports/dashboard.xlsx': { request: get('/exports/dashboard.xlsx?year=2023'), ok: 200 },
  // 2023 is not announced and A has no certificate: every admitted caller is told so
  // (test/api/official-documents.test.ts reads real ones).
  'GET /exports/announced.pdf': { request: get('/exports/announced.pdf?year=2023'), ok: 404 },
  'GET /declarations/:number/certificate.pdf': { request: () => get(`/declarations/${ctx.a}/certificate.pdf`)(), ok: 404 },
  // The standards: declaration A is made to the enterprise standard of its filed comparison table.
  'GET /standards/self-declared': { request: get('/standards/self-declared?year=2023'), ok: 200 },
  'POST /standards/self-declared/:number/flags': {
    request: () => ({ method: 'POST', url: `/standards/self-declared/${ctx.a}/flags`, payload: { reason: '自我声明文本与对比表编号不一致 / the declared text and the table disagree' } }),
    ok: 201,
  },
  'GET /declarations/:number/standard-review': { request: () => get(`/declarations/${ctx.a}/standard-review`)(), ok: 200 },
  'GET /reports/certification-bodies': { request: get('/reports/certification-bodies?year=2023'), ok: 200 },
  'GET /reports/certification-bodies.csv': { request: get('/reports/certification-bodies.csv?year=2023'), ok: 200 },
  'GET /notifications/dead-letters': { request: get('/notifications/dead-letters'), ok: 200 },
  // No dead letter exists: the office reaches the route and is told so.
  'POST /notifications/dead-letters/:id/resend': { request: () => ({ method: 'POST', url: '/notifications/dead-letters/999999/resend' }), ok: 404 },
  // The cycle runs without incidents: the office reaches each route and is told there is none
  // (test/api/incidents.test.ts fixes a real one).
  'GET /incidents': { request: get('/incidents?state=ACTIVE'), ok: 200 },
  'GET /incidents/:incidentKey': { request: get('/incidents/999999'), ok: 404 },
  'PUT /incidents/:incidentKey/variables': { request: () => ({ method: 'PUT', url: '/incidents/999999/variables', payload: { variables: { a: 1 }, reason: '修正 / fix' } }), ok: 404 },
  'POST /incidents/:incidentKey/retry': { request: () => ({ method: 'POST', url: '/incidents/999999/retry', payload: { reason: '重试 / retry' } }), ok: 404 },
  'POST /incidents/:incidentKey/resolution': { request: () => ({ method: 'POST', url: '/incidents/999999/resolution', payload: { reason: '已修正 / fixed' } }), ok: 404 },
  'POST /incidents/:incidentKey/cancellation': { request: () => ({ method: 'POST', url: '/incidents/999999/cancellation', payload: { reason: '放弃 / give up' } }), ok: 404 },
  // The workbench's files hold no data: open to all (the pages fetch data through the routes above).
  'GET /web/shell': { request: get('/web/shell'), ok: 200 },
  'GET /web/*': { request: get('/web/app.js'), ok: 200 },
  'GET /vendor/:library/*': { request: get('/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js'), ok: 200 },
  // Last: it revokes each caller's tokens, which every row above still needs.
  'POST /auth/logout': { request: () => ({ method: 'POST', url: '/auth/logout' }), ok: 200 },
};

function expected(row: Row, access: Access, who: Who): number {
  if (access === 'anyone') return who === null ? (row.anonymous ?? row.ok) : row.ok;
  if (who === null) return 401;
  if (!access.roles.includes(who.role)) return 403;
  return !row.reaches || row.reaches(who) ? row.ok : 404;
}

beforeAll(async () => {
  t = await createApiHarness({ config: { OBJECTION_RATE_LIMIT: 1000 } });
  const { driver, h } = t.c;
  await driver.openCampaign(2023);
  const [e1, e2] = [E1, E2].map((id) => ({ id, name: id, cityCode: id.slice(2, 8), countyCode: '' }));
  ctx.a = await declare(driver, e1!, 2023, 1);
  ctx.w = await driver.submit({ campaignYear: 2023, enterpriseId: E1, productName: '撤回用 / to withdraw', category: 'MANUFACTURING', channel: 'COUNTY', facts: eligibleFacts('MANUFACTURING', 2023, 3), submittedBy: E1 }).then((s) => s.number);
  ctx.b = await declare(driver, e2!, 2023, 2);
  const db = h.db.pool;
  await db.query(`INSERT INTO certifications (declaration_number, body_id, chosen_by, status) VALUES ($1, 'CB-A', 'ENTERPRISE', 'IN_PROGRESS')`, [ctx.a]);
  await db.query(`INSERT INTO panel_assignments (declaration_number, expert_id, role) VALUES ($1, 'EXP-001', 'MEMBER'), ($1, 'EXP-002', 'MEMBER')`, [ctx.a]);
  await db.query(`INSERT INTO panel_exclusions (declaration_number, expert_id, reasons) VALUES ($1, 'EXP-002', '["CONSULTS"]')`, [ctx.a]);
  await db.query(`UPDATE declarations SET stage = 'PUBLICITY' WHERE number = $1`, [ctx.b]);
  const enterprise = await t.as('enterprise', E1);
  ctx.draft = (await t.app.inject({ method: 'POST', url: '/declarations', headers: enterprise.headers, payload: { campaignYear: 2023, productName: '草稿 / draft', category: 'SERVICE', facts: { category: 'SERVICE', entityType: 'SERVICE_ENTERPRISE' } } })).json().id;
  const unit = await t.as('member_unit', 'MU-GXT');
  ctx.memberDraft = (await t.app.inject({ method: 'POST', url: '/declarations', headers: unit.headers, payload: { campaignYear: 2023, enterpriseId: E2, productName: '补充推荐 / supplementary', category: 'SERVICE', facts: { category: 'SERVICE', entityType: 'SERVICE_ENTERPRISE' } } })).json().id;
  const form = multipart([{ name: 'kind', value: 'ATTACHMENT_1_DECLARATION_FORM' }, { name: 'file', filename: '申报书.pdf', contentType: 'application/pdf', data: pdf('matrix') }]);
  const upload = await t.app.inject({ method: 'POST', url: `/declarations/${ctx.a}/attachments`, payload: form.payload, headers: { ...enterprise.headers, ...form.headers } });
  if (upload.statusCode !== 201) throw new Error(`attachment upload failed: ${upload.statusCode} ${upload.body}`);
  ctx.attachment = upload.json().id;
  ctx.countyTask = (await h.engine.searchUserTasks({ businessKey: ctx.a, elementId: 'countyCheck', state: 'CREATED' }))[0]!.userTaskKey;
  users = [{ label: 'anonymous', user: null }];
  for (const role of [...provinceWide, 'public' as const]) users.push({ label: role, user: await t.as(role) });
  for (const [role, own, other] of scopes) {
    users.push({ label: `${role} ${own}`, user: await t.as(role, own) });
    users.push({ label: `${role} ${other} (other scope)`, user: await t.as(role, other) });
  }
}, 120_000);
afterAll(() => t.close());

describe('the access matrix', () => {
  it('has a row for every route the app serves, and every route states its roles', () => {
    const served = t.app.routeRules.filter((r) => !r.url.startsWith('/docs')).map((r) => `${r.method} ${r.url}`);
    expect(served.filter((route) => !(route in rows)), 'routes without a row in the access matrix').toEqual([]);
    expect(Object.keys(rows).filter((route) => !served.includes(route)), 'rows for routes that do not exist').toEqual([]);
    for (const rule of t.app.routeRules.filter((r) => r.url.startsWith('/docs'))) expect(rule.access).toBe('anyone');
  });

  it('serves the OpenAPI document and Swagger UI to anyone', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(Object.keys(json.json().paths)).toEqual(expect.arrayContaining(['/declarations', '/tasks/{key}/complete', '/publicity/{number}/objections']));
    expect((await t.app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' })).statusCode).toBe(200);
  });

  // One test per route, in the order the app registered them (claim before unclaim before complete).
  it.each(Object.keys(rows))('%s answers each user as its rule says', async (route) => {
    const row = rows[route]!;
    const rule = t.app.routeRules.find((r) => `${r.method} ${r.url}` === route)!;
    const cases = users.map(({ label, user }) => ({ label, user, status: expected(row, rule.access, user) }));
    // Refusals first: a success may change the row (submit, withdraw, complete).
    cases.sort((x, y) => Number(x.status < 300) - Number(y.status < 300));
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const { label, user, status } of cases) {
      const request = row.request(user);
      const response = await t.app.inject({ ...request, headers: { ...(request.headers as Record<string, string> | undefined), ...(user ? user.headers : {}) } });
      got[label] = response.statusCode;
      want[label] = status;
      if (response.statusCode < 300 && user && !seesA(user) && route !== 'POST /auth/login') {
        expect(response.body, `${route} for ${label} carries declaration A`).not.toContain(ctx.a);
      }
      if (response.statusCode >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(got).toEqual(want);
  });
});
