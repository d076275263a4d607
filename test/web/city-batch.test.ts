import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../platform/auth/roles.ts';
import { attachment4HeaderRow } from '../../platform/documents/attachment-4.ts';
import { createApiHarness, type ApiHarness } from '../api/api-harness.ts';
import { addTestUsers } from '../api/sign-in.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { closeWorkbench, openWorkbench, screenshot, type Workbench } from './browser.ts';

/**
 * The city's unified submission (统一报送) on its page, in Chromium against the real API, models
 * and workers: the Nanjing office decides two of its three waiting declarations in one batch with
 * the member units' opinions (first refused beside the fields it left empty), the third waits for
 * a later batch; it downloads Attachment 4 and finds its enterprise in it; the province reads the
 * batch and downloads the same table; another city sees none of it, a county not the page.
 */
let t: ApiHarness;
let web: Workbench;
const nanjing = [enterprise('320100', 1), enterprise('320100', 2), enterprise('320100', 1)];
/** Nanjing's three declarations, in number order: a recommended, b not, c left for later. */
const n = { a: '', b: '', c: '' };

async function submit(e: { id: string }, productName: string, seed: number): Promise<string> {
  const { number } = await t.c.driver.submit({ campaignYear: 2023, enterpriseId: e.id, productName, category: 'MANUFACTURING', channel: 'COUNTY', facts: eligibleFacts('MANUFACTURING', 2023, seed), submittedBy: e.id });
  return number;
}

beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  n.a = await submit(nanjing[0]!, '高强度螺栓 / high-strength bolts', 1);
  n.b = await submit(nanjing[1]!, '精密齿轮 / precision gears', 2);
  n.c = await submit(nanjing[2]!, '紧固件 / fasteners', 3);
  await t.c.driver.completeAll('countyCheck', (task) => ({ recommended: true, reason: `县级初审通过 ${task.businessKey}` }), 'county-officer');
  const users: Array<[string, Role, string | null]> = [
    ['shi-320100', 'city_office', '320100'],
    ['shi-320200', 'city_office', '320200'],
    ['xian-320102', 'county_office', '320102'],
    ['shengban', 'provincial_office', null],
  ];
  await addTestUsers(t.c.h.db.pool, users);
  // The batch's refusal (400) is shown beside its fields on purpose.
  web = await openWorkbench(t.app);
}, 120_000);

afterAll(() => closeWorkbench(web, t));

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** Clicks the batch's Attachment 4 link and reads the file the browser downloads. */
async function downloadAttachment4(page: Page, batchId: number): Promise<ExcelJS.Worksheet> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: new RegExp(`下载附件4.*批次 ${batchId}`) }).click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  return workbook.getWorksheet('附件4')!;
}

let batchId = 0;

describe('the city\'s unified submission', () => {
  it('lets the city office decide its waiting declarations together, refused beside the fields first, and download Attachment 4', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shi-320100', '/inbox');
    await page.getByRole('link', { name: '统一报送' }).click();
    await page.waitForURL(/\/city-batches$/);
    await expect.poll(() => text(page, 'h1')).toContain('南京市统一报送推荐');
    // Each waiting declaration with its enterprise, product and the county's opinion.
    for (const [i, number] of [n.a, n.b, n.c].entries()) {
      const entry = page.locator(`#entry-${number}`);
      expect(await entry.textContent()).toContain(nanjing[i]!.name);
      expect(await entry.textContent()).toContain(`县级初审通过 ${number}`);
      expect(await entry.getByLabel('暂不报送').isChecked()).toBe(true);
    }
    expect(await text(page, '#batches')).toContain('尚未报送批次');
    await web.expectAccessible(page);

    // a recommended without its reason, no member unit named: the API names each, beside it.
    await page.locator(`#entry-${n.a}`).getByLabel('推荐上报').check();
    await page.getByRole('button', { name: '统一报送' }).click();
    await expect.poll(() => text(page, '#reason-0-error')).toContain('内容太短');
    expect(await text(page, '#opinion-unit-0-error')).toContain('内容太短');
    expect(await page.locator('#reason-0').getAttribute('aria-invalid')).toBe('true');
    expect(await text(page, '.error-summary')).toContain(`${n.a} 理由`);
    await web.expectAccessible(page);
    await screenshot(page, 'city-batch-field-errors');
    // Nothing was submitted: every case still waits at the city.
    expect((await t.c.h.engine.searchUserTasks({ elementId: 'cityReview', state: 'CREATED' })).length).toBe(3);

    await page.locator(`#entry-${n.a}`).getByLabel('理由（市级推荐意见）').fill('技术领先，推荐上报 / leading technology, recommended');
    await page.locator(`#entry-${n.b}`).getByLabel('不予推荐').check();
    await page.locator(`#entry-${n.b}`).getByLabel('理由（市级推荐意见）').fill('名额有限 / the city\'s places are taken');
    await page.getByLabel(/^成员单位 Member unit$/).fill('南京市工业和信息化局');
    await page.getByLabel(/^意见 Opinion$/).fill('同意推荐 / agree');
    await page.getByRole('button', { name: '添加一家成员单位的意见' }).click();
    await page.locator('#opinion-unit-1').fill('南京市市场监督管理局');
    await page.locator('#opinion-text-1').fill('无质量安全事故记录 / no quality incidents on record');
    await page.getByLabel('报送说明（可选）').fill('经市质量强市领导小组成员单位会商 / after consulting the member units');
    await page.getByRole('button', { name: '统一报送' }).click();
    await expect.poll(() => text(page, '.notice')).toMatch(/批次 \d+ 已报送（2 项）/);
    batchId = Number((await text(page, '.notice'))!.match(/批次 (\d+)/)![1]);
    await t.settle();

    // Each decided case moved on; the third still waits for a later batch.
    const { rows } = await t.c.h.db.pool.query<{ number: string; stage: string; outcome: string | null }>('SELECT number, stage, outcome FROM declarations ORDER BY number');
    expect(rows).toEqual([
      { number: n.a, stage: 'EXPERT_REVIEW', outcome: null },
      { number: n.b, stage: expect.any(String), outcome: 'NOT_RECOMMENDED' },
      { number: n.c, stage: 'CITY_REVIEW', outcome: null },
    ]);
    await page.reload();
    await expect.poll(() => page.locator('.batch-entry').count()).toBe(1);
    expect(await page.locator('.batch-entry').getAttribute('data-number')).toBe(n.c);
    const batch = page.locator(`#batch-320100-${batchId}`);
    expect(await batch.textContent()).toContain('推荐上报 1 项，不予推荐 1 项');
    expect(await batch.textContent()).toContain('南京市市场监督管理局');
    expect(await batch.locator('tr', { hasText: n.a }).textContent()).toContain('技术领先，推荐上报');

    // Attachment 4 as the browser downloads it: the recommended declaration's enterprise, only.
    const sheet = await downloadAttachment4(page, batchId);
    const cell = (row: number, col: number) => String(sheet.getCell(row, col).value ?? '');
    expect(cell(3, 1)).toBe('推荐单位（盖章）：南京市');
    expect(cell(attachment4HeaderRow + 1, 2)).toBe(nanjing[0]!.name);
    expect(cell(attachment4HeaderRow + 1, 8)).toBe('技术领先，推荐上报 / leading technology, recommended');
    expect(cell(attachment4HeaderRow + 2, 2)).toBe('');
    await web.expectAccessible(page);
    await screenshot(page, 'city-batch-submitted');
    await context.close();
  }, 180_000);

  it('gives the province every city\'s batches with Attachment 4, and another city or a county none of them', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shengban', '/inbox');
    await page.getByRole('link', { name: '统一报送' }).click();
    await page.waitForURL(/\/city-batches$/);
    await expect.poll(() => text(page, 'h1')).toContain('各设区市报送批次');
    await expect.poll(() => text(page, '#city-320100')).toContain(`批次 ${batchId}`);
    expect(await text(page, '#cities-silent')).toContain('无锡市');
    expect(await text(page, '#cities-silent')).not.toContain('南京市');
    expect(await page.locator('#batch-form').count()).toBe(0);
    const sheet = await downloadAttachment4(page, batchId);
    expect(String(sheet.getCell(attachment4HeaderRow + 1, 2).value)).toBe(nanjing[0]!.name);
    await web.expectAccessible(page);
    await screenshot(page, 'city-batches-province');
    await context.close();

    // Wuxi's office sees its own page: nothing waits, no batch, nothing of Nanjing's.
    const wuxi = await web.newPage();
    await web.signIn(wuxi.page, 'shi-320200', '/city-batches');
    await expect.poll(() => text(wuxi.page, 'h1')).toContain('无锡市统一报送推荐');
    expect(await text(wuxi.page, '#batch-form')).toContain('没有等待市级审核的申报');
    expect(await text(wuxi.page, 'main')).not.toContain(n.a);
    await wuxi.context.close();

    // A county has no batches: no link, and the page is not found.
    const county = await web.newPage();
    await web.signIn(county.page, 'xian-320102', '/inbox');
    expect(await county.page.getByRole('link', { name: '统一报送' }).isVisible()).toBe(false);
    await county.page.goto(`${web.base}/city-batches`);
    await expect.poll(() => text(county.page, 'h1')).toContain('没有找到');
    await county.context.close();
  }, 120_000);
});
