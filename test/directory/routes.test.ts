import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckCharacters } from '../../domain/directory/credit-code.ts';
import { createApiHarness, E1, type ApiHarness } from '../api/api-harness.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { declare } from '../cycle/scenario-steps.ts';

// The directory's routes over the API harness (its fixture directory: E1 is Nanjing's first
// enterprise, in county 320102 Xuanwu).
let t: ApiHarness;
beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
}, 120_000);
afterAll(() => t?.close());

const NEW = withCheckCharacters('91320115MA100001'); // Nanjing, Jiangning 320115
const registration = { creditCode: NEW, name: '南京新登记机械有限公司', cityCode: '320100', countyCode: '320115', contactName: '张三', email: 'zhang@new.example.cn' };
const send = async (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const audit = async (subject: string) => (await t.c.h.db.pool.query<{ action: string; actor: string }>('SELECT action, actor FROM audit_log WHERE subject_id = $1 ORDER BY id', [subject])).rows;

describe('an enterprise registers itself and its county confirms', () => {
  it('registers, is listed as awaiting by its own county only, and is confirmed by it, not by another county', async () => {
    const self = await t.as('enterprise', NEW);
    const other = await t.as('enterprise', E1);
    expect((await send(other, 'POST', '/enterprises', registration)).statusCode).toBe(403);

    const registered = await send(self, 'POST', '/enterprises', { ...registration, name: '  南京新登记机械有限公司 ' });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ id: NEW, name: '南京新登记机械有限公司', status: 'REGISTERED', pendingName: null });
    expect((await send(self, 'POST', '/enterprises', registration)).statusCode).toBe(409);

    const jiangning = await t.as('county_office', '320115');
    const xuanwu = await t.as('county_office', '320102');
    expect((await send(jiangning, 'GET', '/enterprises?awaiting=true')).json().map((e: { id: string }) => e.id)).toEqual([NEW]);
    expect((await send(xuanwu, 'GET', '/enterprises?awaiting=true')).json()).toEqual([]);
    expect((await send(xuanwu, 'POST', `/enterprises/${NEW}/confirmation`, { confirm: true })).statusCode).toBe(404);
    expect((await send(jiangning, 'POST', `/enterprises/${NEW}/confirmation`, { confirm: false })).json().errors).toEqual([expect.objectContaining({ field: '/reason', rule: 'required' })]);

    const confirmed = await send(jiangning, 'POST', `/enterprises/${NEW}/confirmation`, { confirm: true });
    expect(confirmed.json()).toMatchObject({ status: 'CONFIRMED' });
    expect((await send(jiangning, 'POST', `/enterprises/${NEW}/confirmation`, { confirm: true })).statusCode).toBe(409);
    expect(await audit(NEW)).toEqual([
      { action: 'enterprise.registered', actor: self.username },
      { action: 'enterprise.confirmed', actor: jiangning.username },
    ]);
  });

  it('refuses a registration with a wrong check character, an unknown county, or a name with a bidirectional override, naming each field', async () => {
    const code = withCheckCharacters('91320115MA100002');
    const self = await t.as('enterprise', code);
    const wrong = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
    const bad = await t.as('enterprise', wrong);
    expect((await send(bad, 'POST', '/enterprises', { ...registration, creditCode: wrong })).json().errors).toEqual([expect.objectContaining({ field: '/creditCode', rule: 'check-character' })]);
    const answer = await send(self, 'POST', '/enterprises', { ...registration, creditCode: code, countyCode: '320199', name: '南京\u202e司公' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors.map((e: { field: string; rule: string }) => `${e.field} ${e.rule}`).sort()).toEqual(['/countyCode division-code', '/name bidi-override']);
  });
});

describe('a rename waits for the county, and the public list shows the confirmed name', () => {
  it('keeps the confirmed name in publicity until the county confirms the new one', async () => {
    const e1 = enterprise('320100', 1);
    const number = await declare(t.c.driver, e1, 2023, 1);
    await t.c.h.db.pool.query(`UPDATE declarations SET stage = 'PUBLICITY' WHERE number = $1`, [number]);
    const publicName = async () => ((await t.app.inject({ method: 'GET', url: '/publicity' })).json() as Array<{ number: string; enterpriseName: string }>).find((e) => e.number === number)?.enterpriseName;
    expect(await publicName()).toBe(e1.name);

    const self = await t.as('enterprise', E1);
    const renamed = await send(self, 'PATCH', `/enterprises/${E1}`, { name: '南京更名后股份有限公司', contactPhone: '025-12345678' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: e1.name, pendingName: '南京更名后股份有限公司', contactPhone: '025-12345678' });
    expect(await publicName()).toBe(e1.name);

    // Another county cannot confirm it; a refusal keeps the old name.
    expect((await send(await t.as('county_office', '320115'), 'POST', `/enterprises/${E1}/confirmation`, { confirm: true })).statusCode).toBe(404);
    const county = await t.as('county_office', '320102');
    const refused = await send(county, 'POST', `/enterprises/${E1}/confirmation`, { confirm: false, reason: '营业执照名称未变更 / the licence still shows the old name' });
    expect(refused.json()).toMatchObject({ name: e1.name, pendingName: null });

    await send(self, 'PATCH', `/enterprises/${E1}`, { name: '南京更名后股份有限公司' });
    expect((await send(county, 'POST', `/enterprises/${E1}/confirmation`, { confirm: true })).json()).toMatchObject({ name: '南京更名后股份有限公司', pendingName: null });
    expect(await publicName()).toBe('南京更名后股份有限公司');
    // The enterprise's own trail (the harness also enters its clean credit records, audited under it).
    expect((await audit(E1)).map((a) => a.action).filter((action) => action.startsWith('enterprise.'))).toEqual([
      'enterprise.created',
      'enterprise.rename_requested',
      'enterprise.refused',
      'enterprise.rename_requested',
      'enterprise.confirmed',
    ]);
  });
});

describe('text an enterprise sends', () => {
  it('is normalised (NFC, trimmed) and refused with a control character or when empty, naming the field', async () => {
    const code = withCheckCharacters('91320115MA100004');
    const self = await t.as('enterprise', code);
    const registered = await send(self, 'POST', '/enterprises', { ...registration, creditCode: code, name: ' Cafe\u0301 南京有限公司\u3000' });
    expect(registered.json().name).toBe('Café 南京有限公司');
    const tab = await send(self, 'PATCH', `/enterprises/${code}`, { contactName: '张\t三' });
    expect(tab.json().errors).toEqual([expect.objectContaining({ in: 'body', field: '/contactName', rule: 'control-character' })]);
    const empty = await send(self, 'PATCH', `/enterprises/${code}`, { name: '   ' });
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: '/name', rule: 'empty' })]);
  });
});

describe('only a confirmed enterprise declares', () => {
  it('refuses a draft until the county confirms the registration', async () => {
    const code = withCheckCharacters('91320115MA100003');
    const self = await t.as('enterprise', code);
    expect((await send(self, 'POST', '/enterprises', { ...registration, creditCode: code })).statusCode).toBe(201);
    const draft = { campaignYear: 2023, productName: '待确认企业的产品', category: 'SERVICE', facts: { category: 'SERVICE', entityType: 'SERVICE_ENTERPRISE' } };
    const refused = await send(self, 'POST', '/declarations', draft);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toContain("awaits its county's confirmation");
    await send(await t.as('county_office', '320115'), 'POST', `/enterprises/${code}/confirmation`, { confirm: true });
    expect((await send(self, 'POST', '/declarations', draft)).statusCode).toBe(201);
  });
});

describe('the offices that keep each kind', () => {
  const employer = withCheckCharacters('12320300MB000009');
  const expert = { id: 'EXP-NEW', name: '孙工', cityCode: '320300', employerCode: employer, employerName: '中国矿业大学', categories: ['MANUFACTURING'], fields: ['矿山机械'], ties: [{ enterpriseId: E1, kind: 'CONSULTS' }] };

  it('lets the province keep experts, and no one else', async () => {
    expect((await send(await t.as('alliance_secretariat'), 'POST', '/experts', expert)).statusCode).toBe(403);
    const province = await t.as('provincial_office');
    expect((await send(province, 'POST', '/experts', expert)).json()).toEqual({ outcome: 'created' });
    expect((await send(province, 'POST', '/experts', expert)).json()).toEqual({ outcome: 'unchanged' });
    const unknownTie = await send(province, 'POST', '/experts', { ...expert, ties: [{ enterpriseId: withCheckCharacters('91320300MA999999'), kind: 'RELATED' }] });
    expect(unknownTie.json().errors).toEqual([expect.objectContaining({ field: '/ties/0/enterpriseId', rule: 'unknown-enterprise' })]);
    const listed = (await send(province, 'GET', '/experts')).json().find((x: { id: string }) => x.id === 'EXP-NEW');
    expect(listed).toMatchObject({ employerName: '中国矿业大学', fields: ['矿山机械'], ties: [{ enterpriseId: E1, kind: 'CONSULTS' }] });
    expect(await audit('EXP-NEW')).toEqual([{ action: 'expert.created', actor: province.username }]);
  });

  it('lets the secretariat keep certification bodies, and an office only its own contacts', async () => {
    expect((await send(await t.as('provincial_office'), 'POST', '/certification-bodies', { id: 'CB-NEW', name: '新认证机构', allianceMember: true })).statusCode).toBe(403);
    expect((await send(await t.as('alliance_secretariat'), 'POST', '/certification-bodies', { id: 'CB-NEW', name: '新认证机构', allianceMember: false })).json()).toEqual({ outcome: 'created' });

    const county = await t.as('county_office', '320102');
    const own = { role: 'county_office', scope: '320102', name: '玄武区质委办', email: 'xw@example.cn' };
    expect((await send(county, 'POST', '/notification-contacts', own)).json()).toEqual({ outcome: 'created' });
    expect((await send(county, 'POST', '/notification-contacts', { ...own, scope: '320104' })).statusCode).toBe(404);
    const city = await t.as('city_office', '320100');
    expect((await send(city, 'POST', '/notification-contacts', { ...own, scope: '320104', email: 'qh@example.cn' })).json()).toEqual({ outcome: 'created' });
    expect((await send(await t.as('city_office', '320200'), 'POST', '/notification-contacts', { ...own, email: 'x@example.cn' })).statusCode).toBe(404);
    const { rows } = await t.c.h.db.pool.query(`SELECT scope, email FROM notification_contacts WHERE role = 'county_office' ORDER BY scope`);
    expect(rows).toEqual([{ scope: '320102', email: 'xw@example.cn' }, { scope: '320104', email: 'qh@example.cn' }]);
  });

  it('imports a CSV through the API for the kind the caller keeps, and refuses another kind', async () => {
    const secretariat = await t.as('alliance_secretariat');
    expect((await send(secretariat, 'POST', '/directory/imports', { kind: 'expert', csv: 'id\n' })).statusCode).toBe(403);
    const refused = await send(secretariat, 'POST', '/directory/imports', { kind: 'certification_body', csv: 'id,name,allianceMember\nCB-X1,甲认证,是\nCB-X2,,否\n' });
    expect(refused.json()).toMatchObject({ loaded: false, created: 0, rejected: [{ row: 3, field: 'name', rule: 'empty' }] });
    expect((await t.c.h.db.pool.query(`SELECT 1 FROM certification_bodies WHERE id = 'CB-X1'`)).rowCount).toBe(0);
    const partial = await send(secretariat, 'POST', '/directory/imports', { kind: 'certification_body', csv: 'id,name,allianceMember\nCB-X1,甲认证,是\nCB-X2,,否\n', partial: true });
    expect(partial.json()).toMatchObject({ loaded: true, created: 1 });
  });
});
