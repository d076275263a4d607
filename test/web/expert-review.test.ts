import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { createApiHarness, type ApiHarness } from '../api/api-harness.ts';
import { addTestUsers } from '../api/sign-in.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { declare, recommend } from '../cycle/scenario-steps.ts';
import { closeWorkbench, openFromInbox, openWorkbench, screenshot, SCREENSHOTS, type Workbench } from './browser.ts';

/**
 * The expert review on the pages, in Chromium against the real API, models and workers: an expert
 * finds his panel's declarations filled in on his scoring form and only scores them; the office
 * finds the ranked proposal with each score and the panel's opinions, its entries ticked, leaves
 * one off and confirms with its reason (first refused beside the empty reason); the dashboard's
 * timetable and tables fit a phone.
 */
let t: ApiHarness;
let web: Workbench;
let plan: CampaignTimetable;
/** Three declarations in number order; the experts mark them 95, 85 and 75, so they rank a, b, c. */
const n = { a: '', b: '', c: '' };
const mark = (number: string) => ({ [n.a]: 95, [n.b]: 85, [n.c]: 75 })[number]!;
const expertUser = (expertId: string) => `zhuanjia-${expertId.toLowerCase()}`;

beforeAll(async () => {
  t = await createApiHarness();
  plan = await t.c.driver.openCampaign(2023);
  n.a = await declare(t.c.driver, enterprise('320100', 1), 2023, 1);
  n.b = await declare(t.c.driver, enterprise('320100', 2), 2023, 2);
  n.c = await declare(t.c.driver, enterprise('320200', 1), 2023, 3);
  await recommend(t.c.driver, [n.a, n.b, n.c]);
  const experts = (await t.c.h.db.pool.query<{ id: string }>('SELECT id FROM experts ORDER BY id')).rows.map((r) => r.id);
  const users: Array<[string, Role, string | null]> = [['shengban', 'provincial_office', null], ...experts.map((id): [string, Role, string] => [expertUser(id), 'expert', id])];
  await addTestUsers(t.c.h.db.pool, users);
  // The office's refused decision (400) is shown beside its field on purpose.
  web = await openWorkbench(t.app);
}, 120_000);

afterAll(() => closeWorkbench(web, t));

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe('the expert review on the pages', () => {
  it('gives the expert his panel\'s declarations filled in on his scoring form, a sheet each: he only scores them', async () => {
    // The city submissions close on the campaign's timer, and the panels are drawn.
    await t.c.driver.advanceTo(plan.citySubmissionDeadline);
    const [task] = await t.c.h.engine.searchUserTasks({ elementId: 'scoreDeclarations', state: 'CREATED' });
    const expert = task!.assignee!;
    const { rows } = await t.c.h.db.pool.query<{ number: string }>(
      `SELECT declaration_number AS number FROM panel_assignments WHERE expert_id = $1 AND role = 'MEMBER' ORDER BY declaration_number`,
      [expert],
    );
    const panel = rows.map((r) => r.number);
    expect(panel.length).toBeGreaterThan(0);

    const { context, page } = await web.newPage();
    await web.signIn(page, expertUser(expert), '/inbox');
    await openFromInbox(page, '专家评分');
    const numbers = page.getByLabel('申报编号 / Declaration');
    await expect.poll(() => numbers.count()).toBe(panel.length);
    for (const [i, number] of panel.entries()) expect(await numbers.nth(i).inputValue()).toBe(number);
    // Exactly his panel's sheets: none to add, none to remove.
    expect(await page.locator('#task-form .fjs-repeat-render-add').count()).toBe(0);
    expect(await page.locator('#task-form .fjs-repeat-row-remove').count()).toBe(0);
    for (const [i, number] of panel.entries()) {
      for (const criterion of ['标准 / Standards', '质量 / Quality', '技术 / Technology', '市场与品牌 / Market and brand']) await page.getByLabel(criterion).nth(i).fill(String(mark(number)));
      await page.getByLabel('评审意见（选填）/ Opinion (optional)').nth(i).fill(`${number} 标准先进 / advanced standard`);
    }
    await web.expectAccessible(page);
    await screenshot(page, 'expert-scoring-prefilled');
    await page.getByRole('button', { name: '提交并完成' }).click();
    await page.waitForURL(/\/inbox$/);
    await expect.poll(() => text(page, 'main')).toContain('案件已进入下一步');
    await t.settle();
    const scored = await t.c.h.db.pool.query<{ number: string; total: string; opinion: string }>(
      'SELECT declaration_number AS number, total::text, opinion FROM expert_scores WHERE expert_id = $1 ORDER BY declaration_number',
      [expert],
    );
    expect(scored.rows.map((r) => [r.number, Number(r.total), r.opinion])).toEqual(panel.map((number) => [number, mark(number), `${number} 标准先进 / advanced standard`]));
    await context.close();
  }, 180_000);

  it('shows the office the ranked proposal with scores and the panel\'s opinions, ticked; the office leaves one off and confirms with its reason', async () => {
    // The other experts score through the engine; then the ranking proposes the list.
    await t.c.driver.scoreAll((number) => mark(number), (number, expertId) => `${expertId} 认为 ${number} 工艺领先 / leading craft`);
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shengban', '/inbox');
    await openFromInbox(page, '确定重点培育名单');
    // In rank order, each with its score and every panel member's total and opinion, ticked.
    const numbers = page.getByLabel('申报编号 / Declaration');
    const boxes = page.getByLabel('列入名单 / On the list');
    await expect.poll(() => numbers.count()).toBe(3);
    expect(await page.locator('#task-form .fjs-repeat-render-add').count()).toBe(0);
    const form = (await text(page, '#task-form'))!;
    for (const [i, number] of [n.a, n.b, n.c].entries()) {
      expect(await numbers.nth(i).inputValue()).toBe(number);
      expect(await numbers.nth(i).isEditable()).toBe(false);
      expect(await boxes.nth(i).isChecked()).toBe(true);
      expect(form).toContain(`第 ${i + 1} 名`);
      expect(form).toContain(`认为 ${number} 工艺领先`);
    }
    // Each row's facts and sheets stand above its own box: the third row's, the third's.
    const third = page.locator('#task-form .fjs-form-field-table').nth(4);
    expect(await third.textContent()).toContain('75.00');
    expect(await page.locator('#task-form .fjs-form-field-table').nth(5).textContent()).toContain(`认为 ${n.c} 工艺领先`);
    await boxes.nth(2).uncheck();

    // Without a reason: refused beside the reason, nothing decided.
    await page.getByRole('button', { name: '提交并完成' }).click();
    const reason = page.getByLabel('决定理由 / Reason for the decision');
    await expect.poll(() => page.locator('.fjs-form-field', { has: reason }).locator('.fjs-form-field-error').textContent()).toContain('内容太短');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await text(page, '.error-summary')).toContain('决定理由');
    await web.expectAccessible(page);
    await screenshot(page, 'key-list-decision');

    await reason.fill('前两名工艺领先，第三名待来年 / the first two lead; the third may try next year');
    await page.getByRole('button', { name: '提交并完成' }).click();
    await page.waitForURL(/\/inbox$/);
    await expect.poll(() => text(page, 'main')).toContain('案件已进入下一步');
    await t.settle();
    const { rows } = await t.c.h.db.pool.query<{ number: string; selected: boolean }>('SELECT declaration_number AS number, selected FROM key_cultivation ORDER BY rank');
    expect(rows).toEqual([
      { number: n.a, selected: true },
      { number: n.b, selected: true },
      { number: n.c, selected: false },
    ]);
    const audit = await t.c.h.db.pool.query<{ actor: string; reason: string }>(`SELECT actor, reason FROM audit_log WHERE action = 'key_list.decided'`);
    expect(audit.rows).toEqual([{ actor: expect.stringContaining('shengban'), reason: '前两名工艺领先，第三名待来年 / the first two lead; the third may try next year' }]);
    await context.close();
  }, 180_000);

  it('fits the office\'s dashboard, its timetable first, on a phone: nothing scrolls sideways', async () => {
    const { context, page } = await web.newPage({ width: 390, height: 844 });
    await web.signIn(page, 'shengban', '/dashboard');
    await expect.poll(() => text(page, 'h1')).toContain('2023 年度看板');
    await expect.poll(() => text(page, '#timetable')).toContain('设区市报送截止');
    expect(await text(page, '#key-list-table')).toContain(n.c);
    await page.locator('#counts-chart[data-drawn]').waitFor();
    const widths = () => page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number; clientWidth: number }; querySelector(s: string): { scrollWidth: number; clientWidth: number } } };
      const timetable = document.querySelector('#timetable');
      return { page: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth, timetable: timetable.scrollWidth - timetable.clientWidth };
    });
    await expect.poll(widths).toEqual({ page: 0, timetable: 0 });
    // Every deadline reads on one line, inside the panel: not squeezed into a column a word wide.
    const deadlines = await page.locator('#timetable dd').evaluateAll((dds) => dds.map((dd) => {
      type Box = { right: number; left: number };
      const element = dd as unknown as { textContent: string; closest(s: string): { getBoundingClientRect(): Box }; querySelector(s: string): { getClientRects(): Box[] } };
      const panel = element.closest('.panel').getBoundingClientRect();
      const lines = [...element.querySelector('time').getClientRects()];
      return { text: element.textContent, lines: lines.length, inside: lines.every((l) => l.left >= panel.left && l.right <= panel.right) };
    }));
    expect(deadlines.length).toBe(5);
    for (const deadline of deadlines) expect(deadline).toEqual({ text: deadline.text, lines: 1, inside: true });
    await page.locator('#timetable').evaluate((e) => (e as unknown as { closest(s: string): { scrollIntoView(): void } }).closest('.panel').scrollIntoView());
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-dashboard-timetable-view.png') });
    await web.expectAccessible(page);
    await screenshot(page, 'phone-dashboard-timetable');
    await context.close();
  }, 120_000);
});
