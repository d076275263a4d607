import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What differs between the manufacturers the browser tests declare for. */
export interface ManufacturerFigures {
  readonly productionStart: string;
  /** Profit and tax of 2020, 2021 and 2022, in yuan. */
  readonly profitAndTax: readonly [string, string, string];
  readonly salesYuan: string;
  /** A national standard's number (the category is chosen as national). */
  readonly standardCode: string;
}

/**
 * The facts of Attachment 1 on /declarations/new as an eligible manufacturer (an industry leader
 * making consumer goods) fills them in, once the product's name and category are chosen.
 */
export async function fillManufacturerFacts(page: Page, figures: ManufacturerFigures): Promise<void> {
  await page.getByLabel('申报主体类型').selectOption('INDUSTRY_LEADER');
  await page.getByLabel('正常经营').check();
  await page.getByLabel('产品类别').selectOption('CONSUMER_GOODS');
  await page.getByLabel('在江苏省内注册').check();
  await page.getByLabel('有固定生产场所').check();
  await page.getByLabel('申报产品批量生产开始日期').fill(figures.productionStart);
  for (const [index, year] of [2020, 2021, 2022].entries()) {
    await page.locator('#f-facts-manufacturing-profitAndTaxYuan').getByLabel(`${year} 年`).fill(figures.profitAndTax[index]!);
  }
  await page.getByLabel('申报产品销售额（元）').fill(figures.salesYuan);
  await page.getByLabel('执行标准号').fill(figures.standardCode);
  await page.getByLabel('标准类别').selectOption('NATIONAL');
  await page.getByLabel('独立法人').check();
  await page.getByLabel('拥有有效的国内注册商标').check();
  await page.getByLabel('近三年无质量、安全、环保违法记录').check();
  for (const kind of ['附件1 申报书', '附件2 标准对比表', '附件3 申报承诺书', '营业执照', '商标注册证']) await page.getByLabel(new RegExp(`^${kind} `)).check();
}

/**
 * Uploads on a saved draft's page the audited financial report of each year, one file per year,
 * as the upload form asks for it (the year is chosen once the kind is a financial report).
 */
export async function uploadAuditedReports(page: Page, years: readonly number[], pdf: (text: string) => Buffer): Promise<void> {
  for (const year of years) {
    await page.getByLabel('材料类别').selectOption('AUDITED_FINANCIAL_REPORT');
    await page.getByLabel('报告所属年度').selectOption(String(year));
    await page.getByLabel('选择文件').setInputFiles({ name: `审计报告${year}.pdf`, mimeType: 'application/pdf', buffer: pdf(`audit ${year}`) });
    await page.getByRole('button', { name: '上传' }).click();
    await expect.poll(() => page.locator('#attachment-list').textContent()).toContain(`审计报告${year}.pdf`);
  }
  expect(await page.locator('#attachment-list').textContent()).toContain(`（${years[0]} 年度`);
}

/** Submits the declaration form; returns the number the page it opens names, once it says so. */
export async function submitDeclaration(page: Page): Promise<string> {
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.waitForURL(/\/declarations\/JP-\d{4}-\d{6}-\d{4}$/);
  const number = new URL(page.url()).pathname.split('/').pop()!;
  await expect.poll(() => page.locator('main').first().textContent()).toContain(`申报已提交，编号 ${number}`);
  return number;
}
