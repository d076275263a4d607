import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { importCreditRecords } from '../../platform/credit/import-credit-records.ts';
import { createApiHarness, type ApiHarness } from '../api/api-harness.ts';
import { addTestUsers } from '../api/sign-in.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { chooseBody, declare, evaluateStandards, expertReview, recommend, reportToCnca } from '../cycle/scenario-steps.ts';
import { closeWorkbench, openFromInbox, openWorkbench, screenshot, SCREENSHOTS, type Workbench } from './browser.ts';

/**
 * What three deciders see beside their forms, in Chromium against the real API, models and
 * workers: the institute the enterprise's Attachment 2 with each indicator, its references and
 * the proposed judgement; the secretariat, when an enterprise did not choose in time, the
 * proposed body and every active body by name with its load; the provincial office the credit
 * consultation, a record against the enterprise from the office's imported credit file, and
 * another enterprise with nothing on record (not consulted, not clean).
 */
let t: ApiHarness;
let web: Workbench;
let plan: CampaignTimetable;
/** a: its own comparison table, at the institute; b: no body chosen in time; c: a credit record against it; d: nothing on record. */
const n = { a: '', b: '', c: '', d: '' };
const [ea, eb, ec, ed] = [enterprise('320100', 1), enterprise('320100', 2), enterprise('320200', 1), enterprise('320200', 2)];

/** Attachment 2 as the enterprise files it: one indicator ahead, one behind GB 18401, one band. */
const table = {
  enterpriseStandardCode: 'Q/320100 JLYJ 001-2023',
  indicators: [
    {
      name: '断裂强力',
      unit: 'N',
      direction: 'HIGHER_BETTER',
      enterpriseValue: 520,
      references: [
        { level: 'NATIONAL', standardCode: 'GB/T 3923.1-2013', value: 400 },
        { level: 'INTERNATIONAL', standardCode: 'ISO 13934-1:2013', value: 450 },
      ],
    },
    { name: '甲醛含量', unit: 'mg/kg', direction: 'LOWER_BETTER', enterpriseValue: 30, references: [{ level: 'NATIONAL', standardCode: 'GB 18401-2010', value: 20 }] },
    { name: 'pH值', unit: '', direction: 'RANGE', enterpriseMin: 5, enterpriseMax: 7, references: [{ level: 'NATIONAL', standardCode: 'GB 18401-2010', min: 4, max: 8.5 }] },
  ],
};

/** "2023年10月5日 12:00": an instant as the pages write it, in Beijing time. */
function beijingText(at: Date): string {
  const b = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

beforeAll(async () => {
  t = await createApiHarness();
  plan = await t.c.driver.openCampaign(2023);
  n.a = await declare(t.c.driver, ea, 2023, 1, 'COUNTY', { ...eligibleFacts('MANUFACTURING', 2023, 1), standardComparison: table });
  n.b = await declare(t.c.driver, eb, 2023, 2);
  n.c = await declare(t.c.driver, ec, 2023, 3);
  n.d = await declare(t.c.driver, ed, 2023, 4);
  await recommend(t.c.driver, Object.values(n));
  await expertReview(t.c.driver, plan);
  await addTestUsers(t.c.h.db.pool, [
    ['biaozhunyuan', 'standardization_institute', null],
    ['mishuchu', 'alliance_secretariat', null],
    ['shengban', 'provincial_office', null],
  ]);
  web = await openWorkbench(t.app);
}, 240_000);

afterAll(() => closeWorkbench(web, t));

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** Signs `username` in on a fresh page at `next`; the caller closes the context. */
async function as(username: string, next: string, viewport?: { width: number; height: number }) {
  const opened = await web.newPage(viewport);
  await web.signIn(opened.page, username, next);
  return opened;
}

/** Submits the task's form and waits for the case it returns to. */
async function complete(page: Page): Promise<void> {
  await page.getByRole('button', { name: '提交并完成' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/tasks/')).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\n${await page.locator('main').textContent()}`);
  });
  await t.settle();
}

/** The cells of each body row of a table, as the page shows them (a phone's card labels are CSS, not text). */
async function rowsOf(page: Page, selector: string): Promise<string[][]> {
  const rows = page.locator(`${selector} tbody tr`);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('td').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim()));
  return out;
}

describe('what a decision shows beside its form', () => {
  it('shows the institute the enterprise\'s Attachment 2, each indicator against its references, the proposed judgement and the office\'s flag', async () => {
    // The Standardization Management Office flags the enterprise standard first.
    const office = await t.as('standardization_office');
    const flagged = await t.app.inject({ method: 'POST', url: `/standards/self-declared/${n.a}/flags`, headers: office.headers, payload: { reason: '未在公共服务平台公开 / not disclosed on the public platform' } });
    expect(flagged.statusCode, flagged.body).toBe(201);

    const { context, page } = await as('biaozhunyuan', '/inbox');
    await openFromInbox(page, '标准合法性、合规性、先进性评价', n.a);
    await expect.poll(() => text(page, '#standard-proposal-verdict')).toBe('不先进 not advanced');
    const proposal = await text(page, '#standard-proposal');
    expect(proposal).toContain('Q/320100 JLYJ 001-2023');
    expect(proposal).toContain('不具先进性：1 项指标低于参考标准（甲醛含量）');
    expect(proposal).toContain('not advanced: 1 indicator(s) less strict than a reference (甲醛含量)');
    expect(await rowsOf(page, '#standard-comparison')).toEqual([
      [
        expect.stringMatching(/^断裂强力（N）$/),
        '越高越好 / higher is better',
        '≥520 N',
        expect.stringMatching(/GB\/T 3923\.1-2013（国家标准 \/ national）≥400 N · 企业标准更严 \/ the enterprise standard is stricter.*ISO 13934-1:2013（国际标准 \/ international）≥450 N · 企业标准更严/),
        expect.stringContaining('严于全部参考标准 stricter than every reference'),
      ],
      [
        expect.stringContaining('甲醛含量（mg/kg）'),
        expect.stringContaining('越低越好 / lower is better'),
        expect.stringContaining('≤30 mg/kg'),
        expect.stringMatching(/GB 18401-2010（国家标准 \/ national）≤20 mg\/kg · 企业标准低于此标准 \/ the enterprise standard is less strict/),
        expect.stringContaining('低于参考标准 less strict than a reference'),
      ],
      [
        expect.stringContaining('pH值'),
        expect.stringContaining('限定范围 / within a range'),
        expect.stringContaining('5–7'),
        expect.stringContaining('GB 18401-2010（国家标准 / national）4–8.5 · 企业标准更严'),
        expect.stringContaining('严于全部参考标准'),
      ],
    ]);
    expect(await text(page, '#standard-flags')).toContain('未在公共服务平台公开');
    // The form's line names the proposal in words; the judgements stay the institute's: nothing is chosen for it.
    await expect.poll(() => text(page, '#task-form')).toContain('自动比对建议 / Proposal: 不先进 / not advanced — 不具先进性');
    const selects = page.locator('#task-form .fjs-form-field-select .fjs-select-display');
    expect(await selects.count()).toBe(3);
    expect(await selects.nth(2).textContent()).not.toContain('先进');
    await web.expectAccessible(page);
    await screenshot(page, 'task-context-standard-review');
    await context.close();

    // On a phone each indicator is a card and nothing scrolls sideways.
    const phone = await as('biaozhunyuan', '/inbox', { width: 390, height: 844 });
    await openFromInbox(phone.page, '标准合法性、合规性、先进性评价', n.a);
    await expect.poll(() => text(phone.page, '#standard-proposal-verdict')).toBe('不先进 not advanced');
    const overflow = await phone.page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return documentElement.scrollWidth - documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.locator('#standard-comparison').screenshot({ path: path.join(SCREENSHOTS, 'task-context-standard-review-phone.png') });
    await phone.context.close();
  }, 180_000);

  it('shows the secretariat the proposed body with its load and every active body by name, the proposal chosen; it arranges another', async () => {
    await evaluateStandards(t.c.driver, [n.b, n.c, n.d]);
    await chooseBody(t.c.driver, [n.c, n.d], 'CB-A');
    const [open] = await t.c.driver.tasks('chooseBody');
    expect(open?.businessKey).toBe(n.b);
    await t.c.driver.advanceTo(new Date(new Date(open!.dueDate!).getTime() + 60_000));

    const { context, page } = await as('mishuchu', '/inbox');
    await openFromInbox(page, '秘书处安排认证机构', n.b);
    // CB-A has two certifications in progress: the least-loaded first in order, CB-B, is proposed.
    await expect.poll(() => text(page, '#proposed-body')).toContain('认证机构乙 / Body B（CB-B）');
    expect(await text(page, '#proposed-body')).toContain('在审认证 0 项');
    expect(await rowsOf(page, '#active-bodies')).toEqual([
      ['认证机构乙 / Body B（CB-B）', '在审认证 0 项 0 in progress', '推荐 / proposed'],
      ['认证机构丙 / Body C（CB-C）', '在审认证 0 项 0 in progress', '—'],
      ['认证机构甲 / Body A（CB-A）', '在审认证 2 项 2 in progress', '—'],
    ]);
    // The form names the proposal and offers the bodies by name, the proposed one chosen.
    await expect.poll(() => text(page, '#task-form')).toContain('认证机构乙 / Body B（CB-B）');
    expect(await page.getByLabel(/^认证机构乙 \/ Body B（CB-B）/).isChecked()).toBe(true);
    expect(await page.getByLabel(/^认证机构甲 \/ Body A（CB-A） · 在审认证 2 项/).isChecked()).toBe(false);
    await web.expectAccessible(page);
    await screenshot(page, 'task-context-arrange-body');

    await page.getByLabel(/^认证机构丙 \/ Body C/).check();
    await page.getByLabel('理由 / Reason').fill('乙机构本月检查任务已满 / Body B is fully booked this month');
    await complete(page);
    const { rows } = await t.c.h.db.pool.query('SELECT body_id, chosen_by FROM certifications WHERE declaration_number = $1', [n.b]);
    expect(rows).toEqual([{ body_id: 'CB-C', chosen_by: 'SECRETARIAT' }]);
    await context.close();
  }, 180_000);

  it('shows the office the credit consultation: each source\'s record and date, and that nothing on record is not clean', async () => {
    const db = t.c.h.db.pool;
    // The office's credit file: a penalty on record for c's enterprise, consulted a month ago.
    const consulted = beijingDateOf(new Date(t.c.h.clock.now().getTime() - 30 * 86_400_000));
    const file = `enterpriseId,source,result,detail,recordedOn\n${ec.id},江苏省市场监管行政处罚 / Jiangsu market regulation penalties,HIT,2022年标签不合格被罚款 / fined in 2022 for a wrong label,${consulted}\n`;
    expect(await importCreditRecords(db, new TextEncoder().encode(file), { actor: 'office-credit', at: t.c.h.clock.now() })).toEqual({ loaded: 1, problems: [] });
    await db.query('DELETE FROM credit_records WHERE enterprise_id = $1', [ed.id]);
    for (const number of [n.c, n.d]) await t.c.driver.certificationResult(number, true);
    await reportToCnca(t.c.driver, [n.c, n.d]);
    const checks = await db.query<{ n: string; checked_at: Date }>('SELECT declaration_number AS n, checked_at FROM credit_checks ORDER BY 1');
    expect(checks.rows.map((r) => r.n)).toEqual([n.c, n.d]);
    const cleanAt = (await db.query<{ recorded_at: Date }>(`SELECT recorded_at FROM credit_records WHERE enterprise_id = $1 AND result = 'CLEAN' LIMIT 1`, [ec.id])).rows[0]!.recorded_at;

    const { context, page } = await as('shengban', '/inbox');
    await openFromInbox(page, '信用会商决定', n.c);
    await expect.poll(() => text(page, '#credit-result')).toBe('有失信记录 / a record against it');
    const consultation = await text(page, '#credit-consultation');
    expect(consultation).toContain('省质委办录入或导入的信用记录 / the credit records the office enters or imports（credit-records）');
    expect(consultation).toContain(beijingText(checks.rows[0]!.checked_at));
    const sources = await rowsOf(page, '#credit-sources');
    expect(sources).toHaveLength(3);
    expect(sources).toContainEqual([
      '江苏省市场监管行政处罚 / Jiangsu market regulation penalties',
      '有失信记录 / a record against it',
      '2022年标签不合格被罚款 / fined in 2022 for a wrong label',
      `${consulted.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')} 12:00`,
    ]);
    expect(sources).toContainEqual([
      '信用中国 / Credit China',
      '良好 / clean',
      '未查见不良信用记录 / no adverse record found',
      `${beijingText(cleanAt)}`,
    ]);
    expect(await page.locator('#credit-not-consulted').count()).toBe(0);
    await web.expectAccessible(page);
    await screenshot(page, 'task-context-credit-hit');
    // The office rejects it on the record, saying why.
    await page.getByLabel('理由 / Reason').fill('近三年有质量违法处罚记录 / a quality penalty within three years');
    await complete(page);
    expect((await db.query('SELECT decision FROM credit_checks WHERE declaration_number = $1', [n.c])).rows).toEqual([{ decision: 'REJECTED' }]);

    await page.goto(`${web.base}/inbox`);
    await openFromInbox(page, '信用会商决定', n.d);
    await expect.poll(() => text(page, '#credit-result')).toBe('无记录 / nothing on record');
    expect(await text(page, '#credit-not-consulted')).toContain('不视为信用良好');
    expect(await page.locator('#credit-sources').count()).toBe(0);
    await web.expectAccessible(page);
    await screenshot(page, 'task-context-credit-not-consulted');
    await context.close();
  }, 180_000);
});
