import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';
import type { Announcement } from '../db/cycle/announced.ts';
import { dateZh, placeZh } from './labels.ts';
import { CJK, renderPdf } from './pdf.ts';

/** The list's columns: Chinese heading, English heading, width in points (A4 landscape less margins: 770). */
const columns = [
  ['序号', 'No.', 26],
  ['企业名称', 'Enterprise', 105],
  ['统一社会信用代码', 'Credit code', 105],
  ['产品名称', 'Product', 120],
  ['所在地', 'Location', 80],
  ['证书编号', 'Certificate', 95],
  ['发证机构', 'Issued by', 85],
  ['发证日期', 'Issued on', 77],
  ['有效期至', 'Valid through', 77],
] as const;

/** The cells of one entry, in the columns' order; dates are Beijing calendar dates. */
export function announcementCells(entry: Announcement['entries'][number], index: number): string[] {
  const validity = entry.issuedAt ? certificateValidity(beijingDateOf(entry.issuedAt)) : undefined;
  return [
    String(index + 1),
    entry.enterpriseName,
    entry.creditCode,
    entry.productName,
    placeZh(entry.countyCode),
    entry.certificateNumber ?? '',
    entry.bodyName ?? '',
    validity ? dateZh(validity.issuedOn) : '',
    validity ? dateZh(validity.expiresOn) : '',
  ];
}

/**
 * 公告名单: the year's announced enterprises and products with the certificate each body issued,
 * as the provincial office publishes it — title, announcement number and date (Beijing), then a
 * table that repeats its heading on every page.
 */
export function announcementPdf(announcement: Announcement): Promise<Buffer> {
  const title = `${announcement.year}年度“江苏精品”认证企业名单`;
  const announcedOn = announcement.announcedAt ? dateZh(beijingDateOf(announcement.announcedAt)) : '';
  return renderPdf({ title, layout: 'landscape', createdAt: announcement.announcedAt ?? new Date(0) }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.font(CJK).fontSize(18).text(title, { align: 'center' });
    doc.fontSize(10).text(`${announcement.year} Jiangsu Quality (江苏精品) certified enterprises and products`, { align: 'center' });
    doc.moveDown(0.5);
    doc.fontSize(10).text(`公告 / Announcement：${announcement.announcementNumber ?? ''}\u3000\u3000公告日期 / Announced on：${announcedOn}（北京时间 / Beijing time）\u3000\u3000依据 / Notice：${announcement.noticeNumber}`);
    doc.moveDown(0.5);

    const bottom = doc.page.height - doc.page.margins.bottom;
    let y = doc.y;
    const row = (cells: readonly string[], size: number, heading: boolean) => {
      const heightAt = () => Math.max(...cells.map((cell, i) => doc.fontSize(size).heightOfString(cell, { width: columns[i]![2] - 6 }))) + 6;
      if (y + heightAt() > bottom) {
        doc.addPage();
        y = doc.page.margins.top;
        // The heading is repeated on the new page (in its own size), then this row follows it.
        if (!heading) y = row(headings, 8, true);
      }
      const height = heightAt();
      let x = left;
      cells.forEach((cell, i) => {
        const w = columns[i]![2];
        doc.rect(x, y, w, height).stroke();
        doc.text(cell, x + 3, y + 3, { width: w - 6, align: i === 0 ? 'center' : 'left' });
        x += w;
      });
      return y + height;
    };
    const headings = columns.map(([zh, en]) => `${zh}\n${en}`);
    y = row(headings, 8, true);
    announcement.entries.forEach((entry, i) => {
      y = row(announcementCells(entry, i), 9, false);
    });
    doc.fontSize(10).text(`共 ${announcement.entries.length} 项 / ${announcement.entries.length} entries`, left, y + 8, { width });
  });
}
