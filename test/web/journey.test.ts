import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { createApiHarness, E1, E2, type ApiHarness } from '../api/api-harness.ts';
import { pdf } from '../api/multipart.ts';
import { addTestUsers } from '../api/sign-in.ts';
import { enterprise, memberUnits } from '../cycle/directory.fixture.ts';
import { fillManufacturerFacts, submitDeclaration, uploadAuditedReports } from './declaration-form.ts';
import { closeWorkbench, openFromInbox, openWorkbench, screenshot, SCREENSHOTS, type Workbench } from './browser.ts';

/**
 * One declaration walked through the pages alone, each role in its own browser session, against
 * the real API, models and workers (embedded engine, virtual clock): declared and uploaded by its
 * enterprise, recommended by county and city from their inboxes, scored by its panel, put on the
 * key-cultivation list, its standard evaluated, its body chosen and its certification result and
 * CNCA report made, the comprehensive review (each member unit's opinion, the office's evaluation
 * and proposed list), an objection in publicity decided, and an incident on the way fixed from the
 * desk. Only the clock is moved by the test, between page steps, where the model waits on a date.
 * Each out-of-scope user (another enterprise, another city, an expert of no panel of it) gets the
 * not-found page for the case.
 */
let t: ApiHarness;
let web: Workbench;
let plan: CampaignTimetable;
let number = '';
/** The experts on the declaration's panel, and those on none of its panels. */
let panel: string[] = [];
let outsiders: string[] = [];

/** An expert's user name: user names are lower case, expert ids (his scope) need not be. */
const expertUser = (expertId: string) => `zhuanjia-${expertId.toLowerCase()}`;

/** A member unit's user: one each, named after the unit, whose id is his scope (docs/api.md). */
const memberUser = (unitId: string) => `chengyuan-${unitId.toLowerCase()}`;

beforeAll(async () => {
  t = await createApiHarness();
  plan = await t.c.driver.openCampaign(2023);
  const experts = (await t.c.h.db.pool.query<{ id: string }>('SELECT id FROM experts ORDER BY id')).rows.map((r) => r.id);
  const users: Array<[string, Role, string | null]> = [
    ['qiye-e1', 'enterprise', E1],
    ['qiye-e2', 'enterprise', E2],
    ['xian-320102', 'county_office', '320102'],
    ['shi-320100', 'city_office', '320100'],
    ['shi-320200', 'city_office', '320200'],
    ['biaozhunyuan', 'standardization_institute', null],
    ['renzheng-a', 'certification_body', 'CB-A'],
    ['shengban', 'provincial_office', null],
    ...memberUnits.map((unit): [string, Role, string] => [memberUser(unit.id), 'member_unit', unit.id]),
    ...experts.map((id): [string, Role, string] => [expertUser(id), 'expert', id]),
  ];
  await addTestUsers(t.c.h.db.pool, users);
  // The forms' own refusals (400) and the out-of-scope 404s are shown on the pages on purpose.
  web = await openWorkbench(t.app);
}, 120_000);

afterAll(() => closeWorkbench(web, t));

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** Signs `username` in on a fresh page at `next`; the caller closes the context. */
async function as(username: string, next: string) {
  const opened = await web.newPage();
  await web.signIn(opened.page, username, next);
  return opened;
}

/** Submits the task's form and waits for the page it returns to. */
async function complete(page: Page): Promise<void> {
  await page.getByRole('button', { name: '提交并完成' }).click();
  // A refusal stays on the task's page with its summary: fail with what the page says.
  // A declaration's task returns to its case, the campaign's (key: the year) to the inbox.
  await page.waitForURL((url) => !url.pathname.startsWith('/tasks/')).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\n${await page.locator('main').textContent()}`);
  });
  await expect.poll(() => text(page, 'main')).toContain('案件已进入下一步');
  await t.settle();
}

describe('one declaration through the pages', () => {
  it('is declared by its enterprise, with its evidence uploaded to the draft', async () => {
    const { context, page } = await as('qiye-e1', '/declarations');
    await page.getByRole('link', { name: '申报新产品' }).click();
    await page.waitForURL(/\/declarations\/new$/);
    await expect.poll(() => text(page, '#declaration-form legend')).toContain('2023 年度申报');
    await page.getByLabel('产品名称').fill('金陵云锦');
    await page.getByLabel('申报类别').selectOption('MANUFACTURING');
    await fillManufacturerFacts(page, { productionStart: '2010-03-01', profitAndTax: ['20000000', '22000000', '25000000'], salesYuan: '400000000', standardCode: 'GB/T 19001-2016' });
    // The evidence goes with the draft: saved first, then each file the declaration lists uploaded.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/declarations\/new\?draft=\d+$/);
    await expect.poll(() => text(page, '#upload-limits')).toContain('每个文件不超过 20 MB');
    for (const [kind, name] of [['ATTACHMENT_1_DECLARATION_FORM', '云锦申报书'], ['ATTACHMENT_2_STANDARDS_TABLE_WITH_COMPARISON', '标准对比表'], ['ATTACHMENT_3_COMMITMENT_LETTER', '承诺书'], ['BUSINESS_LICENCE', '营业执照'], ['TRADEMARK_REGISTRATION', '商标注册证']] as const) {
      await page.getByLabel('材料类别').selectOption(kind);
      await page.getByLabel('选择文件').setInputFiles({ name: `${name}.pdf`, mimeType: 'application/pdf', buffer: pdf(name) });
      await page.getByRole('button', { name: '上传' }).click();
      await expect.poll(() => text(page, '#attachment-list')).toContain(`${name}.pdf`);
    }
    await uploadAuditedReports(page, [2020, 2021, 2022], pdf);
    number = await submitDeclaration(page);
    expect(number).toMatch(/^JP-2023-320100-\d{4}$/);
    await t.settle();
    await page.reload();
    await expect.poll(() => text(page, '#attachment-list')).toContain('云锦申报书.pdf');
    expect(await text(page, '#attachment-list')).toContain('附件1 申报书');
    await expect.poll(() => text(page, '#waiting')).toContain('县级初审');
    await web.expectAccessible(page);
    await screenshot(page, 'journey-enterprise-declared');
    await context.close();
  }, 180_000);

  it('is recommended by its county and its city from their inboxes, through the forms', async () => {
    const county = await as('xian-320102', '/inbox');
    await openFromInbox(county.page, '县级初审', number);
    expect(await text(county.page, 'dl.facts')).toContain('金陵云锦');
    // The file the enterprise uploaded is beside the form.
    await expect.poll(() => text(county.page, 'main')).toContain('云锦申报书.pdf');
    await county.page.getByLabel('初审通过 / Passed').check();
    await county.page.getByLabel('理由 / Reason').fill('材料齐全，同意推荐 / complete, recommended');
    await complete(county.page);
    await county.page.reload();
    await expect.poll(() => text(county.page, '#waiting')).toContain('市级审核');
    await county.context.close();

    const city = await as('shi-320100', '/inbox');
    await openFromInbox(city.page, '市级审核推荐', number);
    expect(await text(city.page, 'main')).toContain('材料齐全，同意推荐');
    await city.page.getByLabel('推荐上报 / Recommend to the province').check();
    await city.page.getByLabel('理由 / Reason').fill('市级审核通过，推荐上报 / recommended to the province');
    await complete(city.page);
    await city.page.reload();
    await expect.poll(() => text(city.page, '#waiting')).toContain('等待重点培育名单');
    await expect.poll(() => text(city.page, '#trail')).toContain('市级审核通过，推荐上报');
    await web.expectAccessible(city.page);
    await city.context.close();
  }, 180_000);

  it('is scored by the experts of its panel, and put on the key-cultivation list by the office', async () => {
    // The clock: the city submissions close on the campaign's timer, and the panels are drawn.
    await t.c.driver.advanceTo(plan.citySubmissionDeadline);
    // Who is on its panel is the draw's business: read from the scoring tasks the draw made.
    panel = (await t.c.h.engine.searchUserTasks({ elementId: 'scoreDeclarations', state: 'CREATED' })).map((task) => task.assignee!).sort();
    const others = await t.c.h.db.pool.query<{ id: string }>(
      'SELECT id FROM experts e WHERE NOT EXISTS (SELECT 1 FROM panel_assignments p WHERE p.expert_id = e.id AND p.declaration_number = $1) ORDER BY id',
      [number],
    );
    outsiders = others.rows.map((r) => r.id);
    expect(outsiders.length).toBeGreaterThan(0);
    expect(panel.length).toBeGreaterThan(0);
    for (const [index, expert] of panel.entries()) {
      const { context, page } = await as(expertUser(expert), '/inbox');
      await openFromInbox(page, '专家评分', '2023');
      // Beside the form: the declarations of his panel.
      await expect.poll(() => text(page, 'main')).toContain(number);
      await page.getByLabel('申报编号 / Declaration').fill(number);
      for (const criterion of ['标准 / Standards', '质量 / Quality', '技术 / Technology', '市场与品牌 / Market and brand']) await page.getByLabel(criterion).fill(String(88 + index));
      await page.getByLabel('评审意见（选填）/ Opinion (optional)').fill('工艺传承有序，标准先进 / sound craft, advanced standard');
      if (index === 0) {
        await web.expectAccessible(page);
        await screenshot(page, 'journey-expert-scoring');
      }
      await complete(page);
      await context.close();
    }

    const office = await as('shengban', '/inbox');
    await openFromInbox(office.page, '确定重点培育名单', '2023');
    // The form starts from the ranked proposal the process prepared: the office ticks the row.
    await expect.poll(() => office.page.getByLabel('申报编号 / Declaration').inputValue()).toBe(number);
    await office.page.getByLabel('列入名单 / On the list').check();
    await office.page.getByLabel('决定理由 / Reason for the decision').fill('同意排名建议 / the ranked proposal is confirmed');
    await complete(office.page);
    await office.page.goto(`${web.base}/cases/${number}`);
    await expect.poll(() => text(office.page, '#waiting')).toContain('标准合法性、合规性、先进性评价');
    await office.context.close();
  }, 300_000);

  it('has its standard evaluated by the institute, its body chosen by the enterprise, and its result reported by the body', async () => {
    const institute = await as('biaozhunyuan', '/inbox');
    await openFromInbox(institute.page, '标准合法性、合规性、先进性评价', number);
    // The institute's three judgements on the enterprise's own comparison table; form-js draws a
    // select as its own list: open it, pick the option by its label.
    const judge = async (index: number, option: string, reasonLabel: string, reason: string) => {
      await institute.page.locator('.fjs-form-field-select .fjs-select-display').nth(index).click();
      await institute.page.getByText(option, { exact: true }).click();
      await institute.page.getByLabel(reasonLabel).fill(reason);
    };
    await judge(0, '合法 / lawful', '合法性理由 / Why', '依法备案 / filed as the law requires');
    await judge(1, '合规 / compliant', '合规性理由 / Why', '符合强制性国家标准 / meets the mandatory standards');
    await judge(2, '先进 / advanced', '先进性理由 / Why', '关键指标优于国家标准 / stricter than GB');
    await complete(institute.page);
    await institute.context.close();

    const owner = await as('qiye-e1', '/inbox');
    await openFromInbox(owner.page, '选择认证机构', number);
    // The alliance's active bodies by name, none chosen for the enterprise.
    await owner.page.getByLabel(/^认证机构甲 \/ Body A/).check();
    await complete(owner.page);
    await owner.context.close();

    // The body finds the case among its certifications and reports its result on its own page.
    const body = await as('renzheng-a', '/declarations');
    await body.page.locator('#declarations').getByRole('link', { name: number }).click();
    await body.page.waitForURL(new RegExp(`/cases/${number}$`));
    await expect.poll(() => text(body.page, '#waiting')).toContain('等待认证结论');
    await body.page.getByRole('link', { name: /报告认证结论/ }).click();
    await body.page.waitForURL(new RegExp(`/certifications/${number}$`));
    await expect.poll(() => text(body.page, 'h1')).toContain(`认证结论 ${number}`);
    expect(await text(body.page, 'dl.facts')).toContain('金陵云锦');
    // Certified without the certificate it issued: the API names both fields, each beside itself.
    await body.page.getByRole('radio', { name: /^通过认证/ }).check();
    await body.page.getByRole('button', { name: '报告认证结论' }).click();
    await expect.poll(() => text(body.page, '#certificate-number-error')).toContain('必填');
    expect(await text(body.page, '#certificate-date-error')).toContain('必填');
    expect(await body.page.getByLabel('证书编号').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => text(body.page, '.error-summary')).toContain('证书编号');
    await web.expectAccessible(body.page);
    await screenshot(body.page, 'journey-certification-field-error');
    await body.page.getByLabel('证书编号').fill('CB-A-2023-0001');
    await body.page.getByLabel('发证日期（北京时间）').fill(beijingDateOf(t.c.h.clock.now()));
    await body.page.getByLabel('说明（可选）').fill('现场审核通过 / on-site audit passed');
    await body.page.getByRole('button', { name: '报告认证结论' }).click();
    await body.page.waitForURL(new RegExp(`/cases/${number}$`));
    await expect.poll(() => text(body.page, 'main')).toContain('认证结论已报告');
    await t.settle();

    // The certified result is reported to CNCA from the body's inbox.
    await body.page.goto(`${web.base}/inbox`);
    await openFromInbox(body.page, '向国家认监委报送结果', number);
    await body.page.getByLabel('报送编号 / Report number').fill('CNCA-2023-0001');
    await complete(body.page);
    await body.page.reload();
    await expect.poll(() => text(body.page, '#waiting')).toContain('等待综合评价');
    await body.context.close();
  }, 300_000);

  it('is reviewed comprehensively: each member unit gives its opinion, the office its evaluation and the proposed list', async () => {
    // The clock: the certification period ends on the campaign's timer, and the review opens.
    await t.c.driver.advanceTo(plan.certificationDeadline);
    const opinions = new Map<string, string>();
    for (const [index, unit] of memberUnits.entries()) {
      const { context, page } = await as(memberUser(unit.id), '/inbox');
      // One task per unit, for that unit's people only: the row names the unit it asks, and no other unit's is there.
      await expect.poll(() => page.locator('#main tbody tr', { hasText: '成员单位意见' }).count()).toBe(1);
      for (const other of memberUnits.filter((u) => u.id !== unit.id)) expect(await page.locator('#main tbody tr', { hasText: other.name }).count()).toBe(0);
      if (index === 0) {
        await web.expectAccessible(page);
        await screenshot(page, 'journey-member-unit-inbox');
        // Another unit's request at its own address: the not-found page, nothing of it shown.
        const others = await t.c.h.engine.searchUserTasks({ elementId: 'giveMemberOpinion', state: 'CREATED' });
        const unitOf = async (key: string) => ((await t.c.h.engine.getUserTaskVariables(key)) as { memberUnit: { id: string } }).memberUnit.id;
        const otherKey = (await Promise.all(others.map(async (o) => [o.userTaskKey, await unitOf(o.userTaskKey)] as const))).find(([, id]) => id !== unit.id)![0];
        const elsewhere = await as(memberUser(unit.id), `/tasks/${otherKey}`);
        await expect.poll(() => text(elsewhere.page, 'h1')).toContain('没有找到');
        expect(await text(elsewhere.page, 'main')).not.toContain(memberUnits[1].name);
        await elsewhere.context.close();
      }
      await openFromInbox(page, '成员单位意见', '2023', unit.name);
      expect(await text(page, 'dl.facts')).toContain('2023');
      expect(await text(page, 'dl.facts')).toContain(unit.name);
      await expect.poll(() => text(page, '#task-form')).toContain(unit.name);
      // Beside the form: the candidates with their credit consultation as recorded.
      const candidate = page.locator(`#review-candidates li[data-number="${number}"]`);
      await expect.poll(() => candidate.textContent()).toContain('金陵云锦');
      expect(await candidate.textContent()).toContain('良好 / clean');
      // A unit sees the candidates, not the other units' opinions.
      expect(await page.locator('#member-opinions').count()).toBe(0);
      const opinion = page.getByLabel('意见（不同意的，写明所涉申报及理由） / Opinion (if not, name the declarations and why)');
      if (index === 0) {
        // Sent without an opinion: the API's refusal beside its field, and in the summary.
        await page.getByRole('button', { name: '提交并完成' }).click();
        await expect.poll(() => page.locator('.fjs-form-field', { has: opinion }).locator('.fjs-form-field-error').textContent()).toContain('内容太短');
        expect(await text(page, '.error-summary')).toContain('意见');
        expect(await opinion.getAttribute('aria-invalid')).toBe('true');
        await web.expectAccessible(page);
        await screenshot(page, 'journey-member-opinion-field-error');
      }
      await page.getByLabel('同意拟认证名单建议 / Agrees with the proposed list').check();
      const said = `${unit.name.split(' / ')[0]}同意拟认证名单建议 / agrees with the proposed list`;
      await opinion.fill(said);
      opinions.set(unit.name.split(' / ')[0]!, said);
      // The second unit's form as a person sends it (the first's still shows the refusal it corrected).
      if (index === 1) await screenshot(page, 'journey-member-opinion');
      await complete(page);
      // Answered: the unit's task has left the inbox.
      await page.reload();
      await expect.poll(() => page.locator('#main tbody tr', { hasText: unit.name }).count()).toBe(0);
      await context.close();
    }

    const { context, page } = await as('shengban', '/inbox');
    await openFromInbox(page, '综合评价，确定拟认证名单', '2023');
    expect(await text(page, 'dl.facts')).toContain('2023');
    // The record behind the decision: the credit consultation of the candidate and every unit's opinion.
    const candidate = page.locator(`#review-candidates li[data-number="${number}"]`);
    await expect.poll(() => candidate.textContent()).toContain('金陵云锦');
    expect(await candidate.textContent()).toContain('良好 / clean');
    expect(await candidate.locator('.credit-sources li').count()).toBeGreaterThan(0);
    for (const [unit, said] of opinions) {
      const given = page.locator('#member-opinions li', { hasText: unit });
      expect(await given.textContent()).toContain('同意 / agrees');
      expect(await given.textContent()).toContain(said);
    }
    // The proposed list comes prefilled with the candidates, each proposed, its credit in words.
    await expect.poll(() => page.getByLabel('申报编号 / Declaration').inputValue()).toBe(number);
    expect(await page.getByLabel('企业 / Enterprise').inputValue()).toBe(enterprise('320100', 1).name);
    expect(await page.getByLabel('信用 / Credit').inputValue()).toBe('良好 / clean');
    expect(await page.getByLabel('列入拟认证名单 / On the proposed list').isChecked()).toBe(true);
    // Without the evaluation opinion and the reason: each refusal beside its field.
    await page.getByRole('button', { name: '提交并完成' }).click();
    const field = (label: string) => page.locator('.fjs-form-field', { has: page.getByLabel(label) }).locator('.fjs-form-field-error');
    await expect.poll(() => field('综合评价意见 / Comprehensive evaluation opinion').textContent()).toContain('内容太短');
    expect(await field('决定理由 / Reason for the decision').textContent()).toContain('内容太短');
    expect(await text(page, '.error-summary')).toContain('综合评价意见');
    await web.expectAccessible(page);
    await screenshot(page, 'journey-office-review-field-error');
    await page.getByLabel('综合评价意见 / Comprehensive evaluation opinion').fill('经综合评审、信用查询并征求成员单位意见，符合认证条件 / qualifies after the review, the credit consultation and the units\' opinions');
    await page.getByLabel('决定理由 / Reason for the decision').fill('同意列入拟认证名单并公示 / proposed for publicity');
    await complete(page);

    // Decided: the case is in publicity, and the review is done (nothing of it left in the inbox).
    await page.reload();
    await expect.poll(() => page.locator('#main tbody tr', { hasText: '综合评价' }).count()).toBe(0);
    await page.goto(`${web.base}/cases/${number}`);
    await expect.poll(() => text(page, 'dl.facts')).toContain('公示 / Publicity');
    await context.close();
  }, 300_000);

  it('meets an objection in publicity, which the office decides after fixing an incident from the desk', async () => {
    const visitor = await web.newPage();
    await visitor.page.goto(`${web.base}/publicity`);
    const entry = visitor.page.locator(`#publicity-list li[data-number="${number}"]`);
    await expect.poll(() => entry.textContent()).toContain('金陵云锦');
    await entry.getByText('对此产品提出异议').click();
    await entry.getByLabel('姓名或单位名称').fill('王五');
    await entry.getByLabel('联系方式（电话或邮箱）').fill('wangwu@example.cn');
    await entry.getByLabel('异议内容（至少10个字）').fill('该产品的商标存在权属争议，请核查 / the trademark is disputed');
    await entry.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => entry.textContent()).toContain('异议已收到');
    await web.expectAccessible(visitor.page);
    await screenshot(visitor.page, 'journey-public-objection');
    await visitor.context.close();
    await t.settle();

    // A failure on purpose, set up through the engine port: the case's number is blanked, so
    // recording the office's decision stops with an incident.
    const [decide] = await t.c.h.engine.searchUserTasks({ businessKey: number, elementId: 'decideObjection', state: 'CREATED' });
    await t.c.h.engine.updateVariables({ elementInstanceKey: decide!.processInstanceKey, variables: { declarationNumber: '' } });

    const { context, page } = await as('shengban', '/inbox');
    await openFromInbox(page, '处理异议', number);
    await expect.poll(() => text(page, 'main')).toContain('该产品的商标存在权属争议');
    await page.getByLabel('理由 / Reason').fill('经核查商标权属清晰，异议不成立 / the trademark is the enterprise\'s: dismissed');
    await complete(page);

    await page.goto(`${web.base}/incidents`);
    const row = page.locator('#incidents tbody tr', { hasText: number });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('记录异议处理');
    await row.getByRole('link', { name: /处理/ }).click();
    await page.waitForURL(/\/incidents\/\d+$/);
    await expect.poll(() => text(page, 'h1')).toContain(`流程事件 ${number}`);
    const variable = page.getByLabel('declarationNumber', { exact: true });
    expect(await variable.inputValue()).toBe('""');
    await variable.fill(JSON.stringify(number));
    await page.getByLabel('处理理由').fill('申报编号被清空，按申报记录恢复 / restored from the declaration');
    await page.getByRole('button', { name: '保存修改的变量' }).click();
    // The engine applies the change as its next step on the instance: once the API has taken it,
    // the test lets the engine run; the page then shows the new value (or says to reload, when
    // the loaded machine took longer than the page waits).
    await expect.poll(() => t.c.h.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'incident.variables-edited'`).then((r) => r.rowCount), { timeout: 20_000 }).toBe(1);
    await t.settle();
    await expect.poll(() => text(page, '.notice')).toMatch(/变量已修改|变量修改已受理/);
    await page.reload();
    await expect.poll(() => page.getByLabel('declarationNumber', { exact: true }).inputValue()).toBe(JSON.stringify(number));
    await page.getByLabel('处理理由').fill('变量已修正，重试 / variable corrected, retrying');
    await page.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => text(page, '#incident-facts')).toContain('已解决 / Resolved');
    await t.settle();

    // The decision is recorded, with the fix in the audit trail.
    await page.goto(`${web.base}/cases/${number}`);
    await expect.poll(() => text(page, '#trail')).toContain('经核查商标权属清晰');
    expect(await text(page, '#trail')).toContain('流程事件：重试');
    expect(await text(page, '#trail')).toContain('变量已修正，重试');
    await context.close();
  }, 300_000);

  it('shows the office the case on its diagram with the whole path taken', async () => {
    const { context, page } = await as('shengban', `/cases/${number}`);
    const diagram = page.locator('#diagram[data-marked]');
    await diagram.waitFor();
    const marked = JSON.parse((await diagram.getAttribute('data-marked'))!) as Record<string, string[]>;
    expect(marked['done']).toEqual(expect.arrayContaining(['countyCheck', 'cityReview', 'evaluateStandard', 'chooseBody', 'recordCertification', 'reportToCnca', 'awaitReview', 'decideObjection', 'recordObjection']));
    expect(marked['incident']).toEqual([]);
    expect(marked['taken']!.length).toBeGreaterThan(10);
    for (const id of ['countyCheck', 'cityReview', 'evaluateStandard', 'reportToCnca']) {
      expect(await page.locator(`.djs-element.jp-done[data-element-id="${id}"]`).count(), id).toBe(1);
    }
    await page.getByText('以文字查看路径').click();
    const pathText = page.locator('#path-text');
    await expect.poll(() => pathText.textContent()).toContain('市级审核推荐 / City review and recommendation — 已完成');
    expect(await pathText.textContent()).toContain('向国家认监委报送结果 / Report the result to CNCA — 已完成');
    expect(await pathText.textContent()).toContain('等待综合评价 / Await the comprehensive review — 已完成');
    expect(await pathText.textContent()).toContain('处理异议 / Decide the objection — 已完成');
    await web.expectAccessible(page);
    await screenshot(page, 'journey-office-case-diagram');
    // The drawing alone, small enough for the README.
    await page.locator('#diagram').screenshot({ path: path.join(SCREENSHOTS, 'journey-case-diagram.png') });
    await context.close();
  }, 120_000);

  it('gives the not-found page to another enterprise, another city and an expert of no panel of it', async () => {
    for (const username of ['qiye-e2', 'shi-320200', expertUser(outsiders[0]!)]) {
      const { context, page } = await as(username, `/cases/${number}`);
      await expect.poll(() => text(page, 'h1'), { message: username }).toContain('没有找到');
      expect(await text(page, 'main'), username).not.toContain('金陵云锦');
      await context.close();
    }
    // The experts who scored it see it.
    const { context, page } = await as(expertUser(panel[0]!), `/cases/${number}`);
    await expect.poll(() => text(page, 'h1')).toContain(number);
    await context.close();
  }, 120_000);
});
