import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';
import type { AnnouncedEntry } from '../db/cycle/announced.ts';
import { categoryZh, dateZh, placeZh } from './labels.ts';
import { CJK, renderPdf } from './pdf.ts';

export interface CertificateInput {
  readonly entry: AnnouncedEntry & { readonly certificateNumber: string; readonly issuedAt: Date };
  readonly year: number;
  readonly announcementNumber: string | null;
}

const statusZh = { VALID: '有效 / valid', EXPIRED: '已过期 / expired', RENEWED: '已换证 / renewed', WITHDRAWN: '已撤销 / withdrawn' } as const;

/** The certificate's lines as `label：value`, in the order printed; dates are Beijing calendar dates. */
export function certificateLines({ entry, year, announcementNumber }: CertificateInput): Array<[string, string]> {
  const { issuedOn, expiresOn } = certificateValidity(beijingDateOf(entry.issuedAt));
  return [
    ['证书编号 / Certificate No.', entry.certificateNumber],
    ['企业名称 / Enterprise', entry.enterpriseName],
    ['统一社会信用代码 / Credit code', entry.creditCode],
    ['产品名称 / Product', entry.productName],
    ['类别 / Category', categoryZh[entry.category]],
    ['所在地 / Location', placeZh(entry.countyCode)],
    ['发证机构 / Issued by', entry.bodyName ?? ''],
    ['发证日期 / Issued on', dateZh(issuedOn)],
    ['有效期至 / Valid through', dateZh(expiresOn)],
    ['公告 / Announcement', announcementNumber ?? `${year}年度`],
    ['状态 / Status', entry.status ? statusZh[entry.status] : ''],
  ];
}

/**
 * 江苏精品认证证书: the certificate the body issued, as the enterprise prints it — title, the
 * statement, then each particular on its own line. The three years run from the body's date.
 */
export function certificatePdf(input: CertificateInput): Promise<Buffer> {
  const { entry } = input;
  const title = '“江苏精品”认证证书';
  return renderPdf({ title: `${title} ${entry.certificateNumber}`, layout: 'portrait', createdAt: entry.issuedAt }, (doc) => {
    const left = doc.page.margins.left + 36;
    const width = doc.page.width - 2 * left;
    doc.moveDown(3);
    doc.font(CJK).fontSize(28).text(title, { align: 'center' });
    doc.fontSize(12).text('Jiangsu Quality Certification Certificate', { align: 'center' });
    doc.moveDown(2);
    doc.fontSize(13).text(`兹证明 ${entry.enterpriseName} 的 ${entry.productName} 经认证符合“江苏精品”认证要求，特发此证。`, left, doc.y, { width });
    doc.moveDown(0.3);
    doc.fontSize(10).text(`This certifies that the product ${entry.productName} of ${entry.enterpriseName} meets the requirements of the Jiangsu Quality certification.`, left, doc.y, { width });
    doc.moveDown(1.5);
    for (const [label, value] of certificateLines(input)) {
      doc.fontSize(12).text(`${label}：${value}`, left, doc.y, { width });
      doc.moveDown(0.4);
    }
  });
}
