import ExcelJS from 'exceljs';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { cityByDivisionCode } from '../../domain/directory/divisions.ts';
import type { MemberOpinion, RecommendedRow } from '../db/cycle/city-batches.ts';
import { categoryZh, dateZh, placeZh } from './labels.ts';

export interface Attachment4Input {
  readonly batchId: number;
  readonly campaignYear: number;
  readonly cityCode: string;
  readonly submittedAt: Date;
  readonly rows: readonly RecommendedRow[];
  readonly memberOpinions: readonly MemberOpinion[];
}

/** The table's columns in the office's order, with their widths in characters. */
export const attachment4Columns = [
  ['序号', 6],
  ['企业名称', 30],
  ['统一社会信用代码', 22],
  ['产品名称', 26],
  ['类别', 8],
  ['所在地', 16],
  ['县级初审意见', 30],
  ['市级推荐意见', 30],
] as const;

/** Where the table starts: 附件4, the title and the submitting line come first. */
export const attachment4HeaderRow = 4;

// A cell that starts like a formula is written as text by exceljs anyway (values, not formulas);
// strings are set as plain values, so nothing an enterprise typed is evaluated by a spreadsheet.

/**
 * Attachment 4 of the notice (推荐企业汇总表): the enterprises a city recommended in one batch, in
 * the layout offices fill in by hand — "附件4", the title, the recommending city and the date
 * (Beijing), the header row, one row per enterprise, and below the table the member units' opinions.
 */
export async function attachment4Xlsx(input: Attachment4Input): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jingpin';
  // A fixed instant (the submission), so the same batch always gives the same file's content.
  workbook.created = input.submittedAt;
  workbook.modified = input.submittedAt;
  const sheet = workbook.addWorksheet('附件4', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const last = attachment4Columns.length;
  sheet.columns = attachment4Columns.map(([, width]) => ({ width }));

  sheet.getCell(1, 1).value = '附件4';
  sheet.getCell(1, 1).font = { name: '黑体', size: 12 };

  sheet.mergeCells(2, 1, 2, last);
  const title = sheet.getCell(2, 1);
  title.value = `${input.campaignYear}年度“江苏精品”认证推荐企业汇总表`;
  title.font = { name: '方正小标宋简体', size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(2).height = 32;

  const city = cityByDivisionCode(input.cityCode)?.zh ?? input.cityCode;
  sheet.mergeCells(3, 1, 3, 5);
  sheet.getCell(3, 1).value = `推荐单位（盖章）：${city}`;
  sheet.mergeCells(3, 6, 3, last);
  sheet.getCell(3, 6).value = `报送日期：${dateZh(beijingDateOf(input.submittedAt))}（批次 ${input.batchId}）`;
  sheet.getCell(3, 6).alignment = { horizontal: 'right' };

  const header = sheet.getRow(attachment4HeaderRow);
  attachment4Columns.forEach(([name], i) => {
    const cell = header.getCell(i + 1);
    cell.value = name;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thin;
  });

  input.rows.forEach((row, i) => {
    const values = [i + 1, row.enterpriseName, row.creditCode, row.productName, categoryZh[row.category], placeZh(row.countyCode), row.countyOpinion ?? '（非县级推荐渠道）', row.cityOpinion];
    const line = sheet.getRow(attachment4HeaderRow + 1 + i);
    values.forEach((value, c) => {
      const cell = line.getCell(c + 1);
      cell.value = value;
      cell.alignment = { vertical: 'middle', wrapText: true, ...(c === 0 ? { horizontal: 'center' } : {}) };
      cell.border = thin;
    });
  });

  let at = attachment4HeaderRow + input.rows.length + 2;
  sheet.mergeCells(at, 1, at, last);
  sheet.getCell(at, 1).value = '成员单位意见：';
  sheet.getCell(at, 1).font = { bold: true };
  for (const [i, { unit, opinion }] of input.memberOpinions.entries()) {
    at += 1;
    sheet.mergeCells(at, 1, at, last);
    sheet.getCell(at, 1).value = `${i + 1}. ${unit}：${opinion}`;
    sheet.getCell(at, 1).alignment = { wrapText: true };
  }
  sheet.views = [{ state: 'frozen', ySplit: attachment4HeaderRow }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const side = { style: 'thin' } as const;
const thin = { top: side, left: side, bottom: side, right: side };
