import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { addUser } from '../../platform/auth/users.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { createApiHarness, E1, E2, type ApiHarness } from '../api/api-harness.ts';
import { addTestUsers, TEST_PASSWORD } from '../api/sign-in.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { declare } from '../cycle/scenario-steps.ts';
import { closeWorkbench, openWorkbench, screenshot, type Workbench } from './browser.ts';

/**
 * The provincial office's pages in headless Chromium against the real API, models and workers
 * (embedded engine, virtual clock): the incident desk fixes a real incident, and the dashboard
 * shows the campaign's numbers, its late items and its chart.
 */
let t: ApiHarness;
let web: Workbench;
let base: string;
let timetable: CampaignTimetable;
const cases = { nanjing: '', wuxi: '', correcting: '' };

beforeAll(async () => {
  t = await createApiHarness();
  timetable = await t.c.driver.openCampaign(2023);
  const seed = (id: string) => ({ id, name: id, cityCode: id.slice(2, 8), countyCode: '' });
  cases.nanjing = await declare(t.c.driver, seed(E1), 2023, 1);
  cases.wuxi = await declare(t.c.driver, seed(E2), 2023, 2);
  // Without the commitment letter: incomplete, so its enterprise has a correction to make.
  const complete = eligibleFacts('MANUFACTURING', 2023, 3) as { evidence: string[] };
  cases.correcting = await declare(t.c.driver, enterprise('320500', 1), 2023, 3, 'COUNTY', { ...complete, evidence: complete.evidence.filter((e) => e !== 'ATTACHMENT_3_COMMITMENT_LETTER') });
  const users: Array<[string, Role, string | null]> = [
    ['shengban', 'provincial_office', null],
    ['shi-320200', 'city_office', '320200'],
    ['mishuchu', 'alliance_secretariat', null],
  ];
  await addTestUsers(t.c.h.db.pool, users);
  web = await openWorkbench(t.app);
  base = web.base;
}, 120_000);

afterAll(() => closeWorkbench(web, t));




describe('the provincial office\'s pages', () => {
  it('fixes an incident from the desk: sees it with its case and error, corrects its variable, retries it, and the case moves on', async () => {
    // Bad data behind the Wuxi case: recording the county's opinion then stops it with an incident.
    const { h } = t.c;
    const [task] = await h.engine.searchUserTasks({ businessKey: cases.wuxi, elementId: 'countyCheck', state: 'CREATED' });
    await h.engine.updateVariables({ elementInstanceKey: task!.processInstanceKey, variables: { declarationNumber: '' } });
    await h.engine.completeUserTask(task!.userTaskKey, { recommended: true, reason: '通过 / passed', decidedBy: 'county-320202' });
    await t.settle();
    const [incident] = await h.engine.searchIncidents({ processInstanceKey: task!.processInstanceKey, state: 'ACTIVE' });
    expect(incident!.elementId).toBe('recordCounty');

    const { context, page } = await web.newPage();
    await web.signIn(page, 'shengban', '/inbox');
    // The office's own links are in its navigation.
    await page.getByRole('link', { name: '流程事件' }).click();
    await page.waitForURL(/\/incidents$/);
    const row = page.locator('#incidents tbody tr', { hasText: cases.wuxi });
    await expect.poll(() => row.textContent()).toContain('recordCounty');
    expect(await row.textContent()).toContain('记录县级意见');
    expect(await row.textContent()).toContain('申报 / Declaration');
    expect(await row.textContent()).toContain(incident!.errorMessage.slice(0, 20));
    expect(await row.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(await page.locator('#incidents-summary').textContent()).toContain('共 1 个待处理的流程事件');
    await web.expectAccessible(page);
    await screenshot(page, 'office-incidents');

    // Filtered by another case: none.
    await page.getByLabel('案件（申报编号或年度）').fill(cases.nanjing);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(new RegExp(`businessKey=${cases.nanjing}`));
    await expect.poll(() => page.locator('main').textContent()).toContain('没有待处理的流程事件');
    await page.getByRole('link', { name: '清除' }).click();

    await page.locator('#incidents tbody tr', { hasText: cases.wuxi }).getByRole('link', { name: /处理/ }).click();
    await page.waitForURL(new RegExp(`/incidents/${incident!.incidentKey}$`));
    await expect.poll(() => page.locator('h1').textContent()).toContain(`流程事件 ${cases.wuxi}`);
    expect(await page.locator('#incident-facts').textContent()).toContain('recordCounty');
    expect(await page.locator('#incident-facts').textContent()).toContain('待处理 / Active');
    const variable = page.getByLabel('declarationNumber', { exact: true });
    expect(await variable.inputValue()).toBe('""');

    // No reason: refused beside the reason field, and nothing is sent.
    await page.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => page.locator('#reason-error').textContent()).toContain('理由：必填');
    expect(await page.locator('#reason').getAttribute('aria-invalid')).toBe('true');
    // Text without quotes is not JSON: the message stands beside that variable.
    await variable.fill(cases.wuxi);
    await page.getByLabel('处理理由').fill('申报编号被清空，按申报记录恢复 / the number was blanked: restored from the declaration');
    await page.getByRole('button', { name: '保存修改的变量' }).click();
    const variableError = page.locator(`#${await variable.getAttribute('id')}-error`);
    await expect.poll(() => variableError.textContent()).toContain('不是有效的 JSON');
    await expect.poll(() => page.locator('#variables .error-summary').textContent()).toContain('declarationNumber');
    await web.expectAccessible(page);
    await screenshot(page, 'office-incident-field-error');

    await variable.fill(JSON.stringify(cases.wuxi));
    await page.getByRole('button', { name: '保存修改的变量' }).click();
    // The engine applies the change as its next step on the instance; the page waits to see it.
    await expect.poll(() => t.c.h.db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'incident.variables-edited'`).then((r) => r.rowCount)).toBe(1);
    await t.settle();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('变量已修改');
    expect(await page.getByLabel('declarationNumber', { exact: true }).inputValue()).toBe(JSON.stringify(cases.wuxi));

    await page.getByLabel('处理理由').fill('变量已修正，重试 / variable corrected, retrying');
    await page.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => page.locator('.notice').first().textContent()).toContain('已重试');
    await expect.poll(() => page.locator('#incident-facts').textContent()).toContain('已解决 / Resolved');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);

    // The job ran again with the corrected number: the county's opinion is recorded, the city reviews.
    await t.settle();
    expect(await h.engine.searchIncidents({ processInstanceKey: task!.processInstanceKey, state: 'ACTIVE' })).toEqual([]);
    await page.goto(`${base}/cases/${cases.wuxi}`);
    await expect.poll(() => page.locator('#waiting').textContent()).toContain('市级审核');
    await expect.poll(() => page.locator('#trail').textContent()).toContain('变量已修正，重试');
    await page.goto(`${base}/incidents`);
    await expect.poll(() => page.locator('main').textContent()).toContain('没有待处理的流程事件');
    await context.close();
  }, 120_000);

  it('shows the office the campaign on its dashboard: counts per city and stage on a chart, corrections running, then the missed city submissions', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shengban', '/inbox');
    await page.getByRole('link', { name: '看板' }).click();
    await page.waitForURL(/\/dashboard$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('2023 年度看板');
    expect(await page.locator('#figure-total').textContent()).toContain('3');
    expect(await page.locator('#timetable').textContent()).toContain('设区市报送截止');
    // The chart is drawn, one bar series per stage present; the table says the same in numbers.
    await page.locator('#counts-chart[data-drawn="3"]').waitFor();
    await page.getByText('以表格查看数字').click();
    const nanjing = page.locator('#counts-table tbody tr', { hasText: '南京市' });
    expect(await nanjing.locator('td').allTextContents()).toEqual(['南京市 Nanjing', '0', '1', '0', '1']);
    expect(await page.locator('#counts-table thead').textContent()).toContain('补正材料 / Correcting materials');
    // The open correction with its deadline; nothing is late yet.
    await expect.poll(() => page.locator('#late-corrections').textContent()).toContain(cases.correcting);
    expect(await page.locator('#late-corrections').textContent()).toMatch(/\d+ 个工作日/);
    expect(await page.locator('#late').textContent()).toContain('设区市报送逾期');
    expect(await page.locator('#key-list').textContent()).toContain('专家评审尚未排名');
    expect(await page.locator('#announcement').textContent()).toContain('尚未公告');
    await web.expectAccessible(page);
    await screenshot(page, 'office-dashboard');

    // The export links hand over the same numbers with the session the page has.
    const download = page.waitForEvent('download');
    await page.locator('#counts').getByRole('link', { name: '导出 CSV' }).click();
    const csv = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(csv, 'utf8')).toContain('320100,南京市 / Nanjing,0,1,0,1');

    // The city submission deadline passes: Nanjing's county never checked, Wuxi's city never recommended.
    // Weeks pass on the virtual clock, so the session has ended: the office signs in again.
    await t.c.driver.advanceTo(timetable.citySubmissionDeadline);
    await web.signIn(page, 'shengban', '/dashboard');
    const missed = page.locator('#late-city');
    await expect.poll(() => missed.textContent()).toContain(cases.nanjing);
    expect(await missed.locator('tr', { hasText: cases.nanjing }).textContent()).toContain('县级初审');
    expect(await missed.locator('tr', { hasText: cases.wuxi }).textContent()).toContain('市级推荐');
    expect(await page.locator('#late').textContent()).toMatch(/\d+ 项需要关注/);
    await page.locator('#counts-chart[data-drawn]').waitFor();
    await web.expectAccessible(page);
    await screenshot(page, 'office-dashboard-late');

    // On a phone it reads as cards, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    // The chart redraws to the new width when the browser next lays out the page: wait for it.
    const overflow = () => page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return documentElement.scrollWidth - documentElement.clientWidth;
    });
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-office-dashboard');
    await context.close();
  }, 120_000);

  it('keeps the directory: the office lists experts and adds a member unit, with each refusal beside its field; the secretariat keeps the bodies', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shengban', '/inbox');
    await page.getByRole('link', { name: '名录' }).click();
    await page.waitForURL(/\/directory$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('名录：企业');
    await page.getByRole('link', { name: '专家', exact: false }).first().click();
    await page.waitForURL(/\/directory\/experts$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('名录：专家');
    await expect.poll(() => page.locator('#directory-summary').textContent()).toContain('共 10 条');
    expect(await page.locator('#records tbody tr', { hasText: 'EXP-001' }).textContent()).toContain('专家1');

    await page.getByRole('link', { name: '省质委成员单位' }).click();
    await page.waitForURL(/\/directory\/member-units$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('名录：省质委成员单位');
    // Nothing filled: each required field says so beside itself, and nothing is sent.
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#field-id-error').textContent()).toContain('必填');
    expect(await page.locator('#field-name-error').textContent()).toContain('必填');
    // The API's own checks: a name with a line break, an e-mail without a domain.
    await page.getByLabel('编号').fill('MU-SWT');
    await page.getByLabel('名称').fill('省商务厅');
    await page.getByLabel('邮箱').fill('swt@');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#field-email-error').textContent()).toMatch(/\S/);
    expect(await page.getByLabel('邮箱').getAttribute('aria-invalid')).toBe('true');
    await web.expectAccessible(page);
    await screenshot(page, 'office-directory-field-error');
    await page.getByLabel('邮箱').fill('swt@jiangsu.gov.cn');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('已新增：MU-SWT');
    expect(await page.locator('#records tbody tr', { hasText: 'MU-SWT' }).textContent()).toContain('省商务厅');
    expect((await t.c.h.db.pool.query(`SELECT name, email FROM member_units WHERE id = 'MU-SWT'`)).rows).toEqual([{ name: '省商务厅', email: 'swt@jiangsu.gov.cn' }]);
    await context.close();

    // The secretariat keeps the certification bodies, and sees only them.
    const secretariat = await web.newPage();
    await web.signIn(secretariat.page, 'mishuchu', '/directory');
    await expect.poll(() => secretariat.page.locator('h1').textContent()).toContain('名录：认证机构');
    expect(await secretariat.page.locator('#records').textContent()).toContain('认证机构甲 / Body A');
    expect(await secretariat.page.getByRole('link', { name: '专家' }).count()).toBe(0);
    await secretariat.page.getByLabel('编号').fill('CB-D');
    await secretariat.page.getByLabel('名称').fill('认证机构丁 / Body D');
    await secretariat.page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => secretariat.page.locator('.notice').textContent()).toContain('已新增：CB-D');
    expect(await secretariat.page.locator('#records tbody tr', { hasText: 'CB-D' }).textContent()).toContain('是 / yes');
    await web.expectAccessible(secretariat.page);
    await secretariat.page.goto(`${base}/directory/experts`);
    await expect.poll(() => secretariat.page.locator('h1').textContent()).toContain('没有找到');
    await secretariat.context.close();
  }, 120_000);

  it('lets a county confirm an enterprise\'s registration, a refusal needing its reason', async () => {
    const newcomer = enterprise('320100', 7);
    const own = await t.as('enterprise', newcomer.id);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/enterprises',
      headers: own.headers,
      payload: { creditCode: newcomer.id, name: '南京新企业有限公司', cityCode: '320100', countyCode: newcomer.countyCode, contactName: '王经理', contactPhone: '025-8888 0000' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    await addUser(t.c.h.db.pool, { username: 'xian-new', displayName: 'xian-new', role: 'county_office', scope: newcomer.countyCode, password: TEST_PASSWORD }, { at: new Date(), replace: true });

    const { context, page } = await web.newPage();
    await web.signIn(page, 'xian-new', '/inbox');
    await page.getByRole('link', { name: '名录' }).click();
    const row = page.locator('#records tbody tr', { hasText: '南京新企业有限公司' });
    await expect.poll(() => row.textContent()).toContain('待确认登记');
    expect(await row.textContent()).toContain('王经理');
    await row.getByRole('button', { name: /不予确认/ }).click();
    await expect.poll(() => row.locator('.field-error').textContent()).toContain('不予确认时必填');
    expect(await row.getByLabel('不予确认的理由').getAttribute('aria-invalid')).toBe('true');
    await web.expectAccessible(page);
    await screenshot(page, 'county-enterprise-confirmation');
    await row.getByRole('button', { name: /^确认/ }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('已确认：南京新企业有限公司');
    expect(await page.locator('main').textContent()).toContain('没有待确认的登记或更名');
    await page.getByRole('link', { name: '全部' }).click();
    await expect.poll(() => page.locator('#records tbody tr', { hasText: '南京新企业有限公司' }).textContent()).toContain('已确认');
    expect((await t.c.h.db.pool.query('SELECT status FROM enterprises WHERE id = $1', [newcomer.id])).rows[0]).toEqual({ status: 'CONFIRMED' });
    await context.close();
  }, 120_000);

  it('lists the campaigns and rule sets, proposes a year\'s timetable, and refuses what cannot be loaded or opened beside its field', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shengban', '/inbox');
    await page.getByRole('link', { name: '年度' }).click();
    await page.waitForURL(/\/campaigns$/);
    const row = page.locator('#campaigns tbody tr', { hasText: '2023' });
    await expect.poll(() => row.textContent()).toMatch(/2023年5月17日 17:00/);
    // A year out of range is refused here, beside the field.
    await page.getByRole('spinbutton', { name: '年度' }).fill('1999');
    await page.getByRole('button', { name: '推算时间表' }).click();
    await expect.poll(() => page.locator('#open-form .field-error').textContent()).toContain('2018 至 2100');
    // 2023's timetable from its rule set and calendar, every deadline editable; opening it again is refused.
    await page.getByRole('spinbutton', { name: '年度' }).fill('2023');
    await page.getByLabel('通知日期').fill('2023-03-20');
    await page.getByRole('button', { name: '推算时间表' }).click();
    await expect.poll(() => page.locator('#plan legend').textContent()).toContain('2023 年度时间表');
    expect(await page.getByLabel('设区市报送截止').inputValue()).toMatch(/^2023-\d{2}-\d{2}$/);
    // The city submissions moved after the experts' deadline: refused, the message beside that date.
    const expertsDue = await page.getByLabel('专家比对论证完成').inputValue();
    await page.getByLabel('设区市报送截止').fill(`${Number(expertsDue.slice(0, 4))}-12-30`);
    await page.getByRole('button', { name: '开启 2023 年度' }).click();
    await expect.poll(() => page.getByLabel('设区市报送截止').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#open-form .error-summary').textContent()).toContain('/deadlines/citySubmission');
    await web.expectAccessible(page);
    await screenshot(page, 'office-campaigns');

    await page.getByRole('link', { name: '年度规则集' }).click();
    await page.waitForURL(/\/rule-sets$/);
    await expect.poll(() => page.locator('#rule-sets tbody tr', { hasText: '2023' }).first().textContent()).toContain('现行');
    const file = page.getByLabel('规则集文件（JSON）');
    await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "campaignYear": 2023,') });
    await page.getByRole('button', { name: '校验并导入' }).click();
    await expect.poll(() => page.locator('#load-form .field-error').textContent()).toContain('broken.json：不是有效的 JSON');
    // The API checks the document field by field: each problem is listed with its path.
    await file.setInputFiles({ name: 'short.json', mimeType: 'application/json', buffer: Buffer.from('{ "campaignYear": 2023, "version": 9 }') });
    await page.getByRole('button', { name: '校验并导入' }).click();
    await expect.poll(() => page.locator('#load-form .error-summary').textContent()).toMatch(/\/\w+/);
    expect(await page.locator('#load-form .error-summary li').count()).toBeGreaterThan(1);
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    await web.expectAccessible(page);
    await screenshot(page, 'office-rule-sets');
    await context.close();
  }, 120_000);

  it('gives anyone but the provincial office the not-found page for the office\'s pages, and no link to them', async () => {
    const { context, page } = await web.newPage();
    await web.signIn(page, 'shi-320200', '/dashboard');
    await expect.poll(() => page.locator('h1').textContent()).toContain('没有找到');
    expect(await page.getByRole('link', { name: '看板' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '流程事件' }).count()).toBe(0);
    await page.goto(`${base}/incidents`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('没有找到');
    // A city office reads its area's enterprises in the directory, and nothing else there.
    await page.getByRole('link', { name: '名录' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('名录：企业');
    await page.goto(`${base}/directory/experts`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('没有找到');
    await web.expectAccessible(page);
    await context.close();
  });
});
