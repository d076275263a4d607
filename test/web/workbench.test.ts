import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseTasksUrl, taskUrl } from '../../domain/notifications/render.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { createApiHarness, E1, E2, type ApiHarness } from '../api/api-harness.ts';
import { addTestUsers, TEST_PASSWORD } from '../api/sign-in.ts';
import { declare } from '../cycle/scenario-steps.ts';
import { closeWorkbench, openWorkbench, screenshot, type Workbench } from './browser.ts';

/**
 * The workbench in headless Chromium against the real API, models and workers (embedded engine,
 * virtual clock): what a person sees on each page, and axe-core's serious and critical findings.
 */
let t: ApiHarness;
let web: Workbench;
let base: string;
const cases = { nanjing: '', wuxi: '' };

beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  const seed = (id: string) => ({ id, name: id, cityCode: id.slice(2, 8), countyCode: '' });
  cases.nanjing = await declare(t.c.driver, seed(E1), 2023, 1);
  cases.wuxi = await declare(t.c.driver, seed(E2), 2023, 2);
  const users: Array<[string, Role, string | null]> = [
    ['qiye-e1', 'enterprise', E1],
    ['xian-320102', 'county_office', '320102'],
    ['shi-320100', 'city_office', '320100'],
    ['shi-320200', 'city_office', '320200'],
    ['shengban', 'provincial_office', null],
  ];
  await addTestUsers(t.c.h.db.pool, users);
  web = await openWorkbench(t.app, /status of 40[0-4]|net::ERR_CONNECTION_RESET/);
  base = web.base;
}, 120_000);

afterAll(() => closeWorkbench(web, t));




describe('the web workbench', () => {
  it('signs in with a wrong password refused, then signs out ending the session', async () => {
    const { context, page } = await web.newPage();
    await page.goto(`${base}/inbox`);
    await page.waitForURL(/\/sign-in\?next=%2Finbox/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('登录');
    expect(await page.getByRole('button', { name: '退出' }).isVisible()).toBe(false);
    expect(await page.locator('#site-nav').isVisible()).toBe(false);
    await web.expectAccessible(page);
    await screenshot(page, 'sign-in');

    // By keyboard alone: the skip link first, then the page's fields in reading order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.getByLabel('用户名').evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await page.keyboard.type('xian-320102');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('用户名或密码错误');

    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/inbox$/);
    await expect.poll(() => page.locator('#user-name').textContent()).toContain('县质委办');
    const cookie = (await context.cookies()).find((c) => c.name === 'jingpin_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(/\/sign-in$/);
    await expect.poll(() => page.locator('main').textContent()).toContain('您已退出');
    // The old cookie no longer opens anything: the session ended on the server.
    const again = await fetch(`${base}/session`, { headers: { cookie: `jingpin_session=${cookie.value}` } });
    expect(again.status).toBe(401);
    await context.close();
  });

  it('shows an enterprise its declaration, and its case with what it waits on', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'qiye-e1');
    await page.waitForURL(/\/declarations$/);
    const row = page.locator('#declarations tbody tr', { hasText: cases.nanjing });
    await expect.poll(() => row.textContent()).toContain(`产品 ${E1}`);
    await expect.poll(() => row.textContent()).toContain('县级初审');
    expect(await page.locator('#declarations').textContent()).not.toContain(cases.wuxi);
    await web.expectAccessible(page);
    await screenshot(page, 'enterprise-declarations');

    await row.getByRole('link', { name: cases.nanjing }).click();
    await page.waitForURL(new RegExp(`/cases/${cases.nanjing}$`));
    await expect.poll(() => page.locator('#waiting').textContent()).toContain('县级初审');
    // The case view shows the eligibility reasons as the reviewers' tasks do.
    await expect.poll(() => page.locator('ul.reasons').textContent()).toMatch(/D4( 第\d+行)?：/);
    await page.locator('#diagram[data-marked]').waitFor();
    await web.expectAccessible(page);
    await context.close();
  });

  it('lets a county clerk claim and complete the county check through the rendered form, with a field error beside its field', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'xian-320102', '/inbox');
    const row = page.locator('tbody tr', { hasText: cases.nanjing });
    await expect.poll(() => row.textContent()).toContain('县级初审');
    // The model gives the county check no due date; the page says so rather than inventing one.
    expect(await row.textContent()).toContain('无期限');
    expect(await page.locator('tbody').textContent()).not.toContain(cases.wuxi);
    await web.expectAccessible(page);
    await screenshot(page, 'county-inbox');

    await row.getByRole('button', { name: /认领/ }).click();
    await expect.poll(() => row.textContent()).toContain('我 / me');
    await row.getByRole('link', { name: '办理' }).click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('县级初审');
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain(`产品 ${E1}`);
    // Beside the form: the eligibility verdict with each rule's reason, Chinese first.
    await expect.poll(() => page.locator('ul.reasons').textContent()).toMatch(/D1( 第\d+行)?：/);
    expect(await page.locator('#facts-title').locator('..').textContent()).toContain('资格审查');
    const reason = page.getByLabel('理由 / Reason');
    await reason.waitFor();

    // One character: the .form file asks for at least two; the API refuses and names the field.
    await page.getByLabel('初审通过 / Passed').check();
    await reason.fill('短');
    await page.getByRole('button', { name: '提交并完成' }).click();
    const fieldError = page.locator('.fjs-form-field', { has: reason }).locator('.fjs-form-field-error');
    await expect.poll(() => fieldError.textContent()).toContain('内容太短');
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('理由 / Reason');
    // A screen reader reads the message with the field: the field points at it.
    const described = await reason.evaluate((element) => {
      const field = element as unknown as { getAttribute(name: string): string | null; ownerDocument: { getElementById(id: string): { textContent: string | null } | null } };
      return (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => (id && field.ownerDocument.getElementById(id)?.textContent) ?? '').join(' ');
    });
    expect(described).toContain('内容太短');
    await web.expectAccessible(page);
    await screenshot(page, 'county-task-field-error');

    // The error summary's link takes the keyboard to the field.
    await page.locator('.error-summary a').click();
    expect(await reason.evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);

    // The answer to the completion is lost on the way back: the page sends it again with the same
    // Idempotency-Key, the API answers the first result, and the task is completed once.
    const keys: string[] = [];
    await page.route('**/tasks/*/complete', async (route) => {
      keys.push(route.request().headers()['idempotency-key']!);
      if (keys.length > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await reason.fill('材料齐全，同意推荐 / complete, recommended');
    await page.getByRole('button', { name: '提交并完成' }).click();
    await page.waitForURL(new RegExp(`/cases/${cases.nanjing}$`));
    await expect.poll(() => page.locator('main').textContent()).toContain('案件已进入下一步');
    await t.settle();
    await page.reload();
    await expect.poll(() => page.locator('#waiting').textContent()).toContain('市级审核');
    await expect.poll(() => page.locator('#trail').textContent()).toContain('材料齐全，同意推荐');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await page.locator('#trail li', { hasText: '县级初审通过' }).count()).toBe(1);
    await context.close();
  });

  it('shows the office the case on its diagram, with the path taken and the active task marked', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shengban', `/cases/${cases.nanjing}`);
    const diagram = page.locator('#diagram[data-marked]');
    await diagram.waitFor();
    const marked = JSON.parse((await diagram.getAttribute('data-marked'))!) as Record<string, string[]>;
    expect(marked['done']).toEqual(expect.arrayContaining(['countyCheck']));
    expect(marked['active']).toEqual(['cityReview']);
    expect(marked['taken']!.length).toBeGreaterThan(2);
    // What a person sees: the shapes carry the marks the legend explains.
    expect(await page.locator('.djs-element.jp-done[data-element-id="countyCheck"]').count()).toBe(1);
    expect(await page.locator('.djs-element.jp-active[data-element-id="cityReview"]').count()).toBe(1);
    expect(await page.locator('.djs-connection.jp-taken').count()).toBe(marked['taken']!.length);
    await page.getByText('以文字查看路径').click();
    await expect.poll(() => page.locator('#path-text').textContent()).toContain('县级初审 / County preliminary check — 已完成');
    await web.expectAccessible(page);
    await screenshot(page, 'office-case-diagram');
    await context.close();
  });

  it('opens the links of the notification mails as pages: the case\'s tasks and the task itself', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shi-320100');
    await page.goto(caseTasksUrl(base, cases.nanjing));
    await expect.poll(() => page.locator('#my-tasks').textContent()).toContain('市级审核推荐');
    // The city's review is due at the city submission deadline: Beijing time and working days left.
    expect(await page.locator('#my-tasks').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(await page.locator('#my-tasks').textContent()).toMatch(/剩余 \d+ 个工作日|已逾期/);
    const key = (await t.c.h.engine.searchUserTasks({ businessKey: cases.nanjing, elementId: 'cityReview', state: 'CREATED' }))[0]!.userTaskKey;
    await page.goto(taskUrl(base, key));
    await expect.poll(() => page.locator('h1').textContent()).toContain('市级审核推荐');
    await page.getByText('推荐', { exact: false }).first().waitFor();
    await web.expectAccessible(page);
    await context.close();
  });

  it('answers a user of another city with the not-found page for a case out of scope, as the API does', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shi-320200', `/cases/${cases.nanjing}`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('没有找到');
    expect(await page.locator('main').textContent()).not.toContain(`产品 ${E1}`);
    await web.expectAccessible(page);
    // The same city's own case opens.
    await page.goto(`${base}/cases/${cases.wuxi}`);
    await expect.poll(() => page.locator('h1').textContent()).toContain(cases.wuxi);
    await context.close();
  });

  it('marks an incident on the diagram, with its message for the provincial office only', async () => {
    // Bad data behind the Wuxi case: recording the county's opinion then stops it with an incident.
    const { h } = t.c;
    const [task] = await h.engine.searchUserTasks({ businessKey: cases.wuxi, elementId: 'countyCheck', state: 'CREATED' });
    await h.engine.updateVariables({ elementInstanceKey: task!.processInstanceKey, variables: { declarationNumber: '' } });
    await h.engine.completeUserTask(task!.userTaskKey, { recommended: true, reason: '通过 / passed', decidedBy: 'county-320202' });
    await t.settle();
    expect((await h.engine.searchIncidents({ processInstanceKey: task!.processInstanceKey, state: 'ACTIVE' })).map((i) => i.elementId)).toEqual(['recordCounty']);

    const office = await web.newPage();
    await web.signIn(office.page, 'shengban', `/cases/${cases.wuxi}`);
    await office.page.locator('#diagram[data-marked]').waitFor();
    expect(await office.page.locator('.djs-element.jp-incident[data-element-id="recordCounty"]').count()).toBe(1);
    expect(await office.page.locator('.djs-element.jp-done[data-element-id="countyCheck"]').count()).toBe(1);
    await expect.poll(() => office.page.locator('#incidents').textContent()).toContain('记录县级意见');
    expect(await office.page.locator('#waiting').textContent()).toContain('案件因故障停住');
    expect(await office.page.locator('#incidents').textContent()).toContain('declarationNumber');
    await web.expectAccessible(office.page);
    await screenshot(office.page, 'office-case-incident');
    await office.context.close();

    const city = await web.newPage();
    await web.signIn(city.page, 'shi-320200', `/cases/${cases.wuxi}`);
    await city.page.locator('#diagram[data-marked]').waitFor();
    expect(await city.page.locator('.djs-element.jp-incident[data-element-id="recordCounty"]').count()).toBe(1);
    await expect.poll(() => city.page.locator('#incidents').textContent()).toContain('记录县级意见');
    expect(await city.page.locator('#incidents').textContent()).not.toContain('declarationNumber');
    await city.context.close();
  });

  it('renders every form of the models with the form-js viewer, without a warning', async () => {
    const { context, page } = await web.newPage();
    await page.goto(`${base}/sign-in`);
    await page.addScriptTag({ url: '/vendor/form-js/form-viewer.umd.js' });
    const folder = path.join(import.meta.dirname, '..', '..', 'bpmn', 'forms');
    const files = (await readdir(folder)).filter((f) => f.endsWith('.form'));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const file of files) {
      const schema = JSON.parse(await readFile(path.join(folder, file), 'utf8'));
      const result = await page.evaluate(async (form) => {
        const { FormViewer, document } = globalThis as unknown as {
          FormViewer: { Form: new (options: { container: unknown }) => { importSchema(schema: unknown): Promise<{ warnings: unknown[] }>; destroy(): void } };
          document: { createElement(tag: string): { querySelectorAll(selector: string): { length: number } }; body: { append(node: unknown): void } };
        };
        const container = document.createElement('div');
        document.body.append(container);
        const viewer = new FormViewer.Form({ container });
        const { warnings } = await viewer.importSchema(form);
        const fields = container.querySelectorAll('.fjs-form-field').length;
        viewer.destroy();
        return { warnings: warnings.length, fields };
      }, schema);
      expect(result, file).toEqual({ warnings: 0, fields: expect.any(Number) });
      expect(result.fields, file).toBeGreaterThan(0);
    }
    await context.close();
  });

  it('fits a phone: the inbox reads as cards without sideways scrolling', async () => {
    const { context, page } = await web.newPage({ width: 390, height: 844 });
    await web.signIn(page, 'shi-320100', '/inbox');
    await page.locator('tbody tr').first().waitFor();
    const overflow = await page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return documentElement.scrollWidth - documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await web.expectAccessible(page);
    await screenshot(page, 'phone-inbox');
    await context.close();
  });
});
