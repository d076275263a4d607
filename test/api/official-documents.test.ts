import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announcementCells, announcementPdf } from '../../platform/documents/announcement-pdf.ts';
import { certificateLines } from '../../platform/documents/certificate-pdf.ts';
import { cjkFontFile, missingGlyphs } from '../../platform/documents/cjk-font.ts';
import { findAnnouncement, findCertificate } from '../../platform/db/cycle/announced.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { createApiHarness, type ApiHarness } from './api-harness.ts';
import { pdfPages, squeeze } from '../pdf-text.ts';

/**
 * The announcement list and the certificate as PDF (issue 12, official documents): each file is
 * parsed back and its text must hold the data — names, certificate numbers, and the dates as
 * Beijing calendar dates (each certificate is issued at 00:30 Beijing time, still the day before in UTC).
 */
let t: ApiHarness;
const nanjing1 = enterprise('320100', 1); // county 玄武区
const nanjing2 = enterprise('320100', 2); // county 秦淮区
const a = 'JP-2023-320100-0001';
const b = 'JP-2023-320100-0002';
const dropped = 'JP-2023-320100-0003';

beforeEach(async () => {
  t = await createApiHarness();
  const db = t.c.h.db.pool;
  // An announced year as the workers leave it (announce-list, issue-certificate), written directly.
  await db.query(
    `INSERT INTO campaigns (year, notice_number, status, opened_at, announced_at, announcement_number)
     VALUES (2023, '苏质委办〔2023〕1号', 'ANNOUNCED', '2023-03-20T01:00:00Z', '2023-12-19T16:30:00Z', '2023年第1号')`,
  );
  const declare = (number: string, enterpriseId: string, product: string, outcome: string) =>
    db.query(
      `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, outcome, submitted_at, closed_at)
       VALUES ($1, 2023, $2, $3, 'MANUFACTURING', 'COUNTY', '{}', 'CLOSED', $4, '2023-04-01T02:00:00Z', '2023-12-19T16:30:00Z')`,
      [number, enterpriseId, product, outcome],
    );
  await declare(a, nanjing1.id, '高强度螺栓 / high-strength bolts', 'ANNOUNCED');
  await declare(b, nanjing2.id, '精密齿轮', 'ANNOUNCED');
  await declare(dropped, nanjing1.id, '未入选产品', 'NOT_SELECTED');
  await db.query(
    `INSERT INTO certificates (number, declaration_number, issued_at, expires_at, status, issued_by) VALUES
       ('CQC-2023-JP-0001', $1, '2023-11-30T16:30:00Z', '2026-11-30T16:00:00Z', 'VALID', 'CB-A'),
       ('CQC/2023-JP-0002', $2, '2024-02-28T16:30:00Z', '2027-02-28T16:00:00Z', 'VALID', 'CB-B')`,
    [a, b],
  );
}, 60_000);
afterEach(() => t.close());

describe('the official documents as PDF', () => {
  it('uses a font that installs from npm and has every glyph the documents print', async () => {
    expect(cjkFontFile).toMatch(/node_modules\/@expo-google-fonts\/noto-sans-sc\/400Regular\/NotoSansSC_400Regular\.ttf$/);
    const announcement = (await findAnnouncement(t.c.h.db.pool, 2023))!;
    const text = [
      ...announcement.entries.flatMap((e, i) => announcementCells(e, i)),
      ...certificateLines((await findCertificate(t.c.h.db.pool, a))!).flat(),
      '“江苏精品”认证证书兹证明的经认证符合要求，特发此证。年度认证企业名单公告日期北京时间依据共项序号',
    ].join('');
    expect(missingGlyphs(text)).toEqual([]);
    // The check itself sees a character the font lacks (a private-use code point).
    expect(missingGlyphs('江苏\uE000')).toEqual(['\uE000']);
  });

  it('gives the announcement list to anyone, listing each announced product with its certificate in Beijing dates', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/exports/announced.pdf?year=2023' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="announced-2023.pdf"; filename*=UTF-8''${encodeURIComponent('江苏精品公告名单-2023.pdf')}`);
    const pages = await pdfPages(response.rawPayload);
    expect(pages).toHaveLength(1);
    const text = squeeze(pages[0]!);
    expect(text).toContain(squeeze('2023年度“江苏精品”认证企业名单'));
    expect(text).toContain(squeeze('公告 / Announcement：2023年第1号'));
    expect(text).toContain(squeeze('公告日期 / Announced on：2023年12月20日（北京时间 / Beijing time）'));
    expect(text).toContain(squeeze('依据 / Notice：苏质委办〔2023〕1号'));
    // Each row's cells in order: a (issued 2023-12-01 Beijing, valid through 2026-11-30) then b.
    const rowA = ['1', nanjing1.name, nanjing1.id, '高强度螺栓 / high-strength bolts', '南京市玄武区', 'CQC-2023-JP-0001', '认证机构甲 / Body A', '2023年12月1日', '2026年11月30日'];
    const rowB = ['2', nanjing2.name, nanjing2.id, '精密齿轮', '南京市秦淮区', 'CQC/2023-JP-0002', '认证机构乙 / Body B', '2024年2月29日', '2027年2月28日'];
    expect(text).toContain(squeeze(rowA.join('')));
    expect(text).toContain(squeeze(rowB.join('')));
    expect(text.indexOf(squeeze(rowA.join('')))).toBeLessThan(text.indexOf(squeeze(rowB.join(''))));
    expect(text).not.toContain('未入选产品');
    expect(text).toContain(squeeze('共 2 项 / 2 entries'));

    expect((await t.app.inject({ method: 'GET', url: '/exports/announced.pdf?year=2024' })).statusCode).toBe(404);
  });

  it('gives a certificate to those who see the declaration, with its number, holder and dates in Beijing time', async () => {
    const owner = await t.as('enterprise', nanjing1.id);
    const response = await t.app.inject({ method: 'GET', url: `/declarations/${a}/certificate.pdf`, headers: owner.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="certificate-CQC-2023-JP-0001.pdf"; filename*=UTF-8''${encodeURIComponent('江苏精品证书-CQC-2023-JP-0001.pdf')}`,
    );
    const text = squeeze((await pdfPages(response.rawPayload)).join(''));
    for (const line of [
      '“江苏精品”认证证书',
      `兹证明 ${nanjing1.name} 的 高强度螺栓 / high-strength bolts 经认证符合“江苏精品”认证要求，特发此证。`,
      '证书编号 / Certificate No.：CQC-2023-JP-0001',
      `企业名称 / Enterprise：${nanjing1.name}`,
      `统一社会信用代码 / Credit code：${nanjing1.id}`,
      '产品名称 / Product：高强度螺栓 / high-strength bolts',
      '类别 / Category：制造业',
      '所在地 / Location：南京市玄武区',
      '发证机构 / Issued by：认证机构甲 / Body A',
      '发证日期 / Issued on：2023年12月1日',
      '有效期至 / Valid through：2026年11月30日',
      '公告 / Announcement：2023年第1号',
      '状态 / Status：有效 / valid',
    ]) {
      expect(text).toContain(squeeze(line));
    }

    // The city and the province see it; another enterprise and another city do not, nor does a declaration without a certificate.
    expect((await t.app.inject({ method: 'GET', url: `/declarations/${a}/certificate.pdf`, headers: (await t.as('city_office', '320100')).headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/declarations/${b}/certificate.pdf`, headers: (await t.as('provincial_office')).headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/declarations/${a}/certificate.pdf`, headers: (await t.as('enterprise', nanjing2.id)).headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/declarations/${a}/certificate.pdf`, headers: (await t.as('city_office', '320200')).headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/declarations/${dropped}/certificate.pdf`, headers: owner.headers })).statusCode).toBe(404);
  });

  it('repeats the table heading on every page of a long list and loses no row at a page break', async () => {
    const entry = (i: number) => ({
      declarationNumber: `JP-2023-320100-${String(i).padStart(4, '0')}`,
      enterpriseName: `南京第${i}精密机械股份有限公司`,
      creditCode: nanjing1.id,
      productName: `产品${i}号`,
      category: 'MANUFACTURING' as const,
      countyCode: '320102',
      certificateNumber: `CQC-2023-${String(i).padStart(4, '0')}`,
      issuedAt: new Date('2023-11-30T16:30:00Z'),
      bodyName: '认证机构甲',
      status: 'VALID' as const,
    });
    const entries = Array.from({ length: 45 }, (_, i) => entry(i + 1));
    const pages = await pdfPages(await announcementPdf({ year: 2023, noticeNumber: '苏质委办〔2023〕1号', announcementNumber: '2023年第1号', announcedAt: new Date('2023-12-19T16:30:00Z'), entries }));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(1)) expect(squeeze(page).startsWith(squeeze('序号No.企业名称Enterprise'))).toBe(true);
    const text = squeeze(pages.join(''));
    for (const [i, e] of entries.entries()) expect(text).toContain(squeeze(announcementCells(e, i).join('')));
    expect(text).toContain(squeeze('共 45 项 / 45 entries'));
  });
});
