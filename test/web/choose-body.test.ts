import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api/api-harness.ts';
import { addTestUsers } from '../api/sign-in.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { chooseBody, declare, evaluateStandards, expertReview, recommend } from '../cycle/scenario-steps.ts';
import { closeWorkbench, openWorkbench, screenshot, type Workbench } from './browser.ts';

/**
 * The enterprise chooses its certification body by itself (the notice): in Chromium against the
 * real API, models and workers, its task offers every active alliance body by name, none chosen
 * and no load shown, and what it picks is the certification's body.
 */
let t: ApiHarness;
let web: Workbench;
/** a: chose CB-A through the engine, so that body has a load the enterprise must not see; b: chooses on the page. */
const n = { a: '', b: '' };
const [ea, eb] = [enterprise('320100', 1), enterprise('320100', 2)];

beforeAll(async () => {
  t = await createApiHarness();
  const plan = await t.c.driver.openCampaign(2023);
  n.a = await declare(t.c.driver, ea, 2023, 1);
  n.b = await declare(t.c.driver, eb, 2023, 2);
  await recommend(t.c.driver, Object.values(n));
  await expertReview(t.c.driver, plan);
  await evaluateStandards(t.c.driver, Object.values(n));
  await chooseBody(t.c.driver, [n.a], 'CB-A');
  // A suspended body is no longer offered.
  await t.c.driver.suspendCertificationBody('CB-B', '年度监督检查不合格 / failed its yearly surveillance');
  await addTestUsers(t.c.h.db.pool, [['qiye-b', 'enterprise', eb.id]]);
  web = await openWorkbench(t.app);
}, 240_000);

afterAll(() => closeWorkbench(web, t));

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe('the enterprise chooses its certification body', () => {
  it('offers the active bodies by name, none chosen and without their loads, and sends the chosen body\'s code', async () => {
    const enterpriseB = await t.as('enterprise', eb.id);
    const [task] = (await t.app.inject({ method: 'GET', url: '/tasks', headers: enterpriseB.headers })).json<Array<{ key: string; elementId: string; businessKey: string }>>();
    expect(task).toMatchObject({ elementId: 'chooseBody', businessKey: n.b });
    const answer = (await t.app.inject({ method: 'GET', url: `/tasks/${task!.key}`, headers: enterpriseB.headers })).json();
    expect(answer.activeBodies).toEqual([
      { id: 'CB-A', name: '认证机构甲 / Body A' },
      { id: 'CB-C', name: '认证机构丙 / Body C' },
    ]);
    expect(answer.bodyProposal).toBeUndefined();

    const { context, page } = await web.newPage();
    await web.signIn(page, 'qiye-b', '/inbox');
    const row = page.locator('#main tbody tr', { hasText: n.b }).filter({ hasText: '选择认证机构' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.getByRole('link', { name: '办理' }).click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await expect.poll(() => text(page, 'h1'), { timeout: 15_000 }).toContain('选择认证机构');

    const choices = page.locator('#task-form').getByRole('radio');
    await expect.poll(() => choices.count(), { timeout: 15_000 }).toBe(2);
    const labels = await choices.evaluateAll((inputs) => inputs.map((input) => (input as unknown as { labels: Array<{ textContent: string }> }).labels[0]!.textContent.trim()));
    expect(labels).toEqual(['认证机构甲 / Body A（CB-A）', '认证机构丙 / Body C（CB-C）']);
    for (let i = 0; i < 2; i++) expect(await choices.nth(i).isChecked()).toBe(false);
    // Nothing weighs the bodies for the enterprise: no load on the form, no proposal beside it.
    expect(await text(page, '#task-form')).not.toMatch(/在审认证|in progress|推荐|proposed/);
    expect(await page.locator('#decision-basis').count()).toBe(0);
    await web.expectAccessible(page);
    await screenshot(page, 'choose-body-enterprise');

    await page.getByLabel(/^认证机构丙 \/ Body C/).check();
    await page.getByRole('button', { name: '提交并完成' }).click();
    await page.waitForURL(new RegExp(`/cases/${n.b}$`)).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await page.locator('main').textContent()}`);
    });
    await t.settle();
    const { rows } = await t.c.h.db.pool.query('SELECT body_id, chosen_by FROM certifications WHERE declaration_number = $1', [n.b]);
    expect(rows).toEqual([{ body_id: 'CB-C', chosen_by: 'ENTERPRISE' }]);
    await context.close();
  }, 180_000);
});
