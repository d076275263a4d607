import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { addUser } from '../../platform/auth/users.ts';
import { createApiHarness, E1, E2, E3, type ApiHarness } from '../api/api-harness.ts';
import { pdf } from '../api/multipart.ts';
import { TEST_PASSWORD } from '../api/sign-in.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { announce, certifyAll, declare, expertReview, recommend, startPublicity } from '../cycle/scenario-steps.ts';
import { fillManufacturerFacts, uploadAuditedReports } from './declaration-form.ts';
import { closeWorkbench, openWorkbench, screenshot, type Workbench } from './browser.ts';

/**
 * The enterprise's pages (declare, save a draft, upload to it with progress, submit, follow, withdraw,
 * correct) and the public's (publicity with the objection form, the announced list) in headless
 * Chromium against the real API, models and workers (embedded engine, virtual clock).
 */
let t: ApiHarness;
let web: Workbench;
let base: string;
let plan: CampaignTimetable;

beforeAll(async () => {
  // One objection an hour per address: the second shows the API's 429 message.
  t = await createApiHarness({ config: { OBJECTION_RATE_LIMIT: 1 } });
  plan = await t.c.driver.openCampaign(2023);
  await addUser(t.c.h.db.pool, { username: 'qiye-e3', displayName: '企业三', role: 'enterprise', scope: E3, password: TEST_PASSWORD }, { at: new Date(), replace: true });
  web = await openWorkbench(t.app, /status of 4(0[0-9]|1[0-9]|29)/);
  base = web.base;
}, 120_000);

afterAll(() => closeWorkbench(web, t));




const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe('the enterprise\'s and the public\'s pages', () => {
  let declared = '';

  it('lets a new enterprise register itself, and declare once its county confirms', async () => {
    const seed = enterprise('320100', 9);
    await addUser(t.c.h.db.pool, { username: 'qiye-new', displayName: '新企业', role: 'enterprise', scope: seed.id, password: TEST_PASSWORD }, { at: new Date(), replace: true });
    const { context, page } = await web.newPage();
    await web.signIn(page, 'qiye-new', '/declarations/new');
    await expect.poll(() => text(page, '#register-first')).toContain('申报前请先登记本企业');
    await page.getByRole('link', { name: '企业登记' }).click();
    await page.waitForURL(/\/enterprise$/);
    expect(await page.getByLabel('统一社会信用代码').inputValue()).toBe(seed.id);
    await web.expectAccessible(page);
    // A county code that is no code: the API names the field, and the page shows it beside it.
    await page.getByLabel('企业名称（与营业执照一致）').fill('南京新精品有限公司');
    await page.getByLabel('所在设区市代码（6位）').fill(seed.cityCode);
    await page.getByLabel('所在县（市、区）代码（6位）').fill('32');
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => text(page, '#reg-countyCode-error')).not.toBe('');
    await page.getByLabel('所在县（市、区）代码（6位）').fill(seed.countyCode);
    await page.getByLabel('联系人').fill('王经理');
    await page.getByLabel('电子邮箱').fill('wang@example.cn');
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => text(page, '#registration-status')).toContain('等待所在县（市、区）确认');
    await screenshot(page, 'enterprise-registered');

    const county = await t.as('county_office', seed.countyCode);
    const confirmed = await t.app.inject({ method: 'POST', url: `/enterprises/${seed.id}/confirmation`, headers: county.headers, payload: { confirm: true } });
    expect(confirmed.statusCode, confirmed.body).toBeLessThan(300);
    await page.reload();
    await expect.poll(() => text(page, '#registration-status')).toContain('登记已由所在县（市、区）确认');
    await page.getByRole('link', { name: '申报产品' }).click();
    await page.waitForURL(/\/declarations\/new$/);
    await expect.poll(() => page.getByLabel('产品名称').count()).toBe(1);
    await context.close();
  }, 60_000);

  it('lets an enterprise declare a product, save a draft, upload its evidence to the draft with progress, submit it, and follow it', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'qiye-e3');
    await page.waitForURL(/\/declarations$/);
    await expect.poll(() => text(page, '#drafts')).toContain('没有草稿');
    // The campaign's deadlines, in Beijing time, beside the drafts.
    expect(await text(page, '#timetable')).toMatch(/设区市报送截止.*\d{4}年\d{1,2}月\d{1,2}日 17:00/);
    await page.getByRole('link', { name: '申报新产品' }).click();
    await page.waitForURL(/\/declarations\/new$/);
    await expect.poll(() => text(page, 'h1')).toContain('申报产品');
    expect(await text(page, '#declaration-form legend')).toContain('2023 年度申报');
    await web.expectAccessible(page);

    // A figure that is not a number: the API names the field and the page shows it beside it.
    await page.getByLabel('产品名称').fill('精品紫砂壶');
    await page.getByLabel('申报类别').selectOption('MANUFACTURING');
    await page.getByLabel('申报产品销售额（元）').fill('三亿');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const salesError = page.locator('#f-facts-sales-declaredProductYuan-error');
    await expect.poll(() => salesError.textContent()).toContain('类型不符');
    expect(await page.getByLabel('申报产品销售额（元）').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => text(page, '#declaration-form .error-summary')).toContain('申报产品销售额（元）');
    // The summary's link takes the keyboard to the field.
    await page.locator('#declaration-form .error-summary a', { hasText: '申报产品销售额（元）' }).click();
    expect(await page.getByLabel('申报产品销售额（元）').evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    // The other required facts are named beside their fields too.
    expect(await page.locator('#f-facts-entityType-error').textContent()).not.toBe('');
    await web.expectAccessible(page);
    await screenshot(page, 'enterprise-declare-field-error');

    // The declaration of Attachment 1, as a manufacturer fills it in.
    await fillManufacturerFacts(page, { productionStart: '2012-04-01', profitAndTax: ['10000000', '12000000', '15000000'], salesYuan: '300000000', standardCode: 'GB/T 19001-2016' });
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => text(page, '#draft-state')).toContain('草稿已保存于');
    expect(await page.locator('#declaration-form .error-summary').isVisible()).toBe(false);
    await page.waitForURL(/\/declarations\/new\?draft=\d+$/);

    // The draft keeps what was typed: reopened from the list.
    await page.goto(`${base}/declarations`);
    await page.getByRole('link', { name: '精品紫砂壶' }).click();
    await page.waitForURL(/\?draft=\d+$/);
    await expect.poll(() => page.getByLabel('申报产品销售额（元）').inputValue()).toBe('300000000');
    expect(await page.getByLabel('在江苏省内注册').isChecked()).toBe(true);

    // The evidence goes with the draft, on the draft's page; the upload form says its limits before a byte is sent.
    await expect.poll(() => text(page, '#upload-limits')).toContain('每个文件不超过 20 MB，限 PDF、JPEG、PNG 格式');
    expect(await text(page, '#attachments')).toContain('尚未上传材料');
    // A file that is not a PDF, JPEG or PNG: the API refuses and the page says so beside the file.
    await page.getByLabel('材料类别').selectOption('BUSINESS_LICENCE');
    await page.getByLabel('选择文件').setInputFiles({ name: '营业执照.txt', mimeType: 'text/plain', buffer: Buffer.from('not a pdf at all') });
    await page.getByRole('button', { name: '上传' }).click();
    await expect.poll(() => text(page, '#upload-file-error')).toContain('文件类型不符');

    // A real PDF of 300 KB sent through a slow uplink (DevTools throttling), so the progress the
    // page shows while the bytes leave can be read.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 100 * 1024 });
    await page.getByLabel('材料类别').selectOption('ATTACHMENT_1_DECLARATION_FORM');
    await page.getByLabel('选择文件').setInputFiles({ name: '申报书.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf('申报书'), Buffer.alloc(300 * 1024, 0x20)]) });
    await page.getByRole('button', { name: '上传' }).click();
    await expect.poll(() => text(page, '#upload-progress-text'), { interval: 50 }).toMatch(/已上传 ([1-9]|[1-9][0-9])% /);
    expect(await page.locator('#upload-progress').isVisible()).toBe(true);
    await screenshot(page, 'enterprise-upload-progress');
    await expect.poll(() => text(page, '#attachment-list'), { timeout: 15_000 }).toContain('申报书.pdf');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(await text(page, '#attachment-list')).toContain('附件1 申报书');
    // The other materials it lists, one file each; what was typed in the form stays as it was.
    for (const kind of ['ATTACHMENT_2_STANDARDS_TABLE_WITH_COMPARISON', 'ATTACHMENT_3_COMMITMENT_LETTER', 'BUSINESS_LICENCE', 'TRADEMARK_REGISTRATION']) {
      await page.getByLabel('材料类别').selectOption(kind);
      await page.getByLabel('选择文件').setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: pdf(kind) });
      await page.getByRole('button', { name: '上传' }).click();
      await expect.poll(() => text(page, '#attachment-list')).toContain(`${kind}.pdf`);
    }
    // The year field is there for a financial report only.
    expect(await page.locator('#upload-year-row').isHidden()).toBe(true);
    await uploadAuditedReports(page, [2020, 2021, 2022], pdf);
    expect(await page.getByLabel('申报产品销售额（元）').inputValue()).toBe('300000000');
    await web.expectAccessible(page);
    await screenshot(page, 'enterprise-draft-evidence');

    // Submitted: the draft's files are the declaration's, and the materials check finds them all.
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL(/\/declarations\/JP-2023-320100-\d{4}$/);
    declared = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => text(page, 'main')).toContain(`申报已提交，编号 ${declared}`);
    await t.settle();
    await page.reload();
    await expect.poll(() => text(page, '#attachment-list')).toContain('申报书.pdf');
    expect(await text(page, '#attachment-list')).toContain('TRADEMARK_REGISTRATION.pdf');
    await expect.poll(() => text(page, '#waiting')).toContain('县级初审');
    await web.expectAccessible(page);
    await screenshot(page, 'enterprise-declaration');

    // The list shows each declaration's stage and what it waits on.
    await page.goto(`${base}/declarations`);
    const row = page.locator('#declarations tbody tr', { hasText: declared });
    await expect.poll(() => row.textContent()).toContain('县级初审');
    expect(await row.textContent()).toContain('精品紫砂壶');
    expect(await text(page, '#drafts')).toContain('没有草稿');
    await web.expectAccessible(page);
    await screenshot(page, 'enterprise-declarations-list');
    await context.close();
  }, 120_000);

  it('lets the enterprise withdraw a declaration, with a reason the API asks for', async () => {
    const number = await declare(t.c.driver, { id: E3, name: E3, cityCode: '320100', countyCode: '' }, 2023, 5);
    const { context, page } = await web.newPage();
    await web.signIn(page, 'qiye-e3', `/declarations/${number}`);
    await page.locator('#withdraw summary').click();
    await page.getByRole('button', { name: '撤回申报' }).click();
    await expect.poll(() => text(page, '#withdraw-reason-error')).toContain('内容太短');
    await page.getByLabel('撤回理由').fill('产品线调整 / product line changed');
    await page.getByRole('button', { name: '撤回申报' }).click();
    await expect.poll(() => text(page, 'main')).toContain('申报已撤回');
    await expect.poll(() => text(page, 'dl.facts')).toContain('已撤回');
    expect(await page.locator('#withdraw').count()).toBe(0);
    await web.expectAccessible(page);
    await context.close();
  }, 60_000);

  it('lets the enterprise answer a correction request: the reasons and deadline, the named facts changed, the missing file uploaded', async () => {
    const complete = eligibleFacts('MANUFACTURING', 2023, 6) as { evidence: string[] };
    const facts = { ...complete, evidence: complete.evidence.filter((e) => e !== 'ATTACHMENT_3_COMMITMENT_LETTER'), financialReports: { auditedYears: [2022] } };
    const { number } = await t.c.driver.submit({ campaignYear: 2023, enterpriseId: E3, productName: '补正的产品', category: 'MANUFACTURING', channel: 'COUNTY', facts, submittedBy: E3 });
    await t.settle();
    const { context, page } = await web.newPage();
    await web.signIn(page, 'qiye-e3', `/declarations/${number}`);
    const correction = page.locator('#correction');
    await expect.poll(() => correction.textContent()).toMatch(/D7 第3行：缺少附件3 申报承诺书/);
    expect(await correction.textContent()).toContain('剩余 5 个工作日');
    expect(await correction.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    // The missing years of audited reports are named, each a file to upload.
    expect(await correction.textContent()).toMatch(/D7 第5行：缺少 2020、2021 年的经审计财务报告/);
    // Only what the reasons name can be changed: the evidence list (the years are files, not a fact).
    const legends = await correction.locator('legend').allTextContents();
    expect(legends).toEqual(expect.arrayContaining([expect.stringContaining('证明材料清单')]));
    expect(legends.join(' ')).not.toContain('财务报告');
    expect(await correction.getByLabel('申报产品销售额（元）').count()).toBe(0);
    await web.expectAccessible(page);
    await screenshot(page, 'enterprise-correction');

    await correction.getByLabel(/^附件3 申报承诺书 /).check();
    await page.getByRole('button', { name: '保存补正内容' }).click();
    await expect.poll(() => text(page, 'main')).toContain('补正内容已保存');
    // During the correction only the asked-for kinds are offered for upload.
    expect(await page.getByLabel('材料类别').locator('option').allTextContents()).toEqual([
      '附件3 申报承诺书 / Attachment 3: commitment letter',
      '经审计财务报告 / Audited financial report',
    ]);
    await page.getByLabel('材料类别').selectOption('ATTACHMENT_3_COMMITMENT_LETTER');
    await page.getByLabel('选择文件').setInputFiles({ name: '承诺书.pdf', mimeType: 'application/pdf', buffer: pdf('承诺书') });
    await page.getByRole('button', { name: '上传' }).click();
    await expect.poll(() => text(page, '#attachment-list')).toContain('承诺书.pdf');
    await uploadAuditedReports(page, [2020, 2021], pdf);

    // Handing in the correction is its task, through the model's own form.
    await page.getByRole('link', { name: '填写补正说明并提交' }).click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByLabel('补正说明 / What was corrected').fill('补充了三年审计报告和承诺书 / added the audits and the letter');
    await page.getByRole('button', { name: '提交并完成' }).click();
    await page.waitForURL(new RegExp(`/cases/${number}$`));
    await t.settle();
    await page.goto(`${base}/declarations/${number}`);
    await expect.poll(() => text(page, '#waiting')).toContain('县级初审');
    expect(await page.locator('#correction').count()).toBe(0);
    await context.close();
  }, 90_000);

  it('lets a member unit make a supplementary declaration for an enterprise it names', async () => {
    await addUser(t.c.h.db.pool, { username: 'chengyuan', displayName: '省工信厅', role: 'member_unit', scope: 'MU-GXT', password: TEST_PASSWORD }, { at: new Date(), replace: true });
    const { context, page } = await web.newPage();
    await web.signIn(page, 'chengyuan', '/declarations');
    await page.getByRole('link', { name: '申报新产品' }).click();
    await page.waitForURL(/\/declarations\/new$/);
    await expect.poll(() => text(page, 'h1')).toContain('成员单位补充推荐');
    // Without the enterprise: the API asks for it, beside its field.
    await page.getByLabel('产品名称').fill('补充推荐的产品');
    await page.getByLabel('申报类别').selectOption('MANUFACTURING');
    await page.getByLabel('申报主体类型').selectOption('SINGLE_CHAMPION');
    await page.getByLabel('产品类别').selectOption('PRODUCER_GOODS');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => text(page, '#f-enterpriseId-error')).toContain('必填');
    await web.expectAccessible(page);
    await page.getByLabel('被推荐企业的统一社会信用代码').fill(E1);
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL(/\/cases\/JP-2023-320100-\d{4}$/);
    await expect.poll(() => text(page, 'main')).toContain('补充推荐已提交');
    const number = new URL(page.url()).pathname.split('/').pop()!;
    const { rows } = await t.c.h.db.pool.query('SELECT channel, enterprise_id FROM declarations WHERE number = $1', [number]);
    expect(rows[0]).toEqual({ channel: 'MEMBER_UNIT', enterprise_id: E1 });
    await context.close();
  }, 60_000);

  it('fits a phone: the declaration form and the publicity page without sideways scrolling', async () => {
    const { context, page } = await web.newPage({ width: 390, height: 844 });
    await web.signIn(page, 'qiye-e3', '/declarations/new');
    await page.getByLabel('产品名称').waitFor();
    for (const address of ['/declarations/new', '/publicity', '/announced']) {
      await page.goto(`${base}${address}`);
      await page.locator('h1').waitFor();
      const overflow = await page.evaluate(() => {
        const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
        return documentElement.scrollWidth - documentElement.clientWidth;
      });
      expect(overflow, address).toBeLessThanOrEqual(0);
    }
    await context.close();
  }, 60_000);

  it('lets anyone object to a product in publicity without signing in, shows the limit\'s 429 message, and shows the announced list', async () => {
    const number = await declare(t.c.driver, { id: E2, name: E2, cityCode: '320200', countyCode: '' }, 2023, 2);
    await recommend(t.c.driver, [number, declared]);
    await expertReview(t.c.driver, plan);
    await certifyAll(t.c.driver, [number]);
    const publicityEnd = await startPublicity(t.c, plan);

    const { context, page } = await web.newPage();
    await page.goto(`${base}/publicity`);
    const entry = page.locator(`#publicity-list li[data-number="${number}"]`);
    await expect.poll(() => entry.textContent()).toContain(`产品 ${E2}`);
    expect(await page.getByRole('button', { name: '退出' }).isVisible()).toBe(false);
    expect(await page.locator('#sign-in-link').isVisible()).toBe(true);
    await web.expectAccessible(page);
    await entry.getByText('对此产品提出异议').click();
    await entry.getByLabel('姓名或单位名称').fill('张三');
    await entry.getByLabel('联系方式（电话或邮箱）').fill('zhangsan@example.cn');
    await entry.getByLabel('异议内容（至少10个字）').fill('太短');
    await entry.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => entry.locator('[id$="-text-error"]').textContent()).toContain('内容太短');
    await web.expectAccessible(page);
    await screenshot(page, 'public-objection-field-error');
    await entry.getByLabel('异议内容（至少10个字）').fill('该产品去年曾被抽检不合格，请核查 / failed a spot check last year');
    await entry.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => entry.textContent()).toContain('异议已收到');

    // A second objection from the same address within the hour: the API's 429, said on the page.
    await page.reload();
    await entry.getByText('对此产品提出异议').click();
    await entry.getByLabel('姓名或单位名称').fill('李四');
    await entry.getByLabel('联系方式（电话或邮箱）').fill('lisi@example.cn');
    await entry.getByLabel('异议内容（至少10个字）').fill('再次提出异议，请一并核查 / objecting again');
    await entry.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => entry.locator('.error-summary').textContent()).toContain('同一地址每小时最多提出 1 条异议');
    expect(await entry.locator('.error-summary h2').textContent()).toContain('未能提交');
    await screenshot(page, 'public-objection-limit');

    // The office dismisses it; publicity ends and the list is announced.
    await t.settle();
    await t.c.driver.completeAll('decideObjection', () => ({ objectionUpheld: false, objectionReason: '经核查不属实 / not substantiated' }), 'office-1');
    await announce(t.c, publicityEnd);
    await page.getByRole('link', { name: '公告' }).click();
    await page.waitForURL(/\/announced$/);
    const table = page.locator('table.announced');
    await expect.poll(() => table.textContent()).toContain(`产品 ${E2}`);
    expect(await table.textContent()).toContain(number.replace('JP-', 'ZS-'));
    expect(await text(page, 'main h2')).toContain('2023年第1号');
    // The announcement itself, as the PDF the office publishes.
    const pdfHref = await page.getByRole('link', { name: /公告名单（PDF）/ }).getAttribute('href');
    const announcement = await fetch(`${base}${pdfHref}`);
    expect(announcement.status).toBe(200);
    expect(announcement.headers.get('content-type')).toMatch(/^application\/pdf/);
    await web.expectAccessible(page);
    await screenshot(page, 'public-announced');
    await context.close();

    // The announced enterprise finds its certificate on its declaration's page.
    await addUser(t.c.h.db.pool, { username: 'qiye-e2', displayName: '企业二', role: 'enterprise', scope: E2, password: TEST_PASSWORD }, { at: new Date(), replace: true });
    const owner = await web.newPage();
    await web.signIn(owner.page, 'qiye-e2', `/declarations/${number}`);
    const certificate = owner.page.getByRole('link', { name: /下载证书/ });
    await expect.poll(() => certificate.textContent()).toContain(number.replace('JP-', 'ZS-'));
    expect(await owner.page.locator('#withdraw').count()).toBe(0);
    const file = await owner.page.request.get(`${base}${await certificate.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toMatch(/^application\/pdf/);
    await owner.context.close();

    // Another enterprise gets the not-found page for it, as the API answers 404.
    const other = await web.newPage();
    await web.signIn(other.page, 'qiye-e3', `/declarations/${number}`);
    await expect.poll(() => text(other.page, 'h1')).toContain('没有找到');
    expect(await text(other.page, 'main')).not.toContain(`产品 ${E2}`);
    await other.context.close();
  }, 120_000);

});
