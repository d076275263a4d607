import type { Dashboard } from './dashboard-view.ts';
import { toCsv } from './lists-csv.ts';

// The dashboard's tables as the office hands them on: one table per file (CSV) or per sheet
// (XLSX). The same rows feed both, so the two exports always agree.

/** The stages in the order a declaration goes through them; CLOSED last. */
export const STAGE_ORDER = [
  'SUBMITTED', 'CORRECTION', 'COUNTY_CHECK', 'CITY_REVIEW', 'COMPREHENSIVE_REVIEW', 'EXPERT_REVIEW', 'STANDARD_EVALUATION',
  'CHOOSING_CERTIFICATION_BODY', 'CERTIFICATION', 'AWAITING_PUBLICITY', 'PUBLICITY', 'ANNOUNCEMENT', 'ANNOUNCED', 'CLOSED',
] as const;

export interface Table {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** Declarations per city (rows, all 13 cities) and stage (columns, only those with declarations), with totals. */
export function countsTable(dashboard: Dashboard): Table {
  const present = new Set(dashboard.counts.map((c) => c.stage));
  const stages = [...STAGE_ORDER.filter((s) => present.has(s)), ...[...present].filter((s) => !(STAGE_ORDER as readonly string[]).includes(s)).sort()];
  const count = (city: string, stage: string) => dashboard.counts.find((c) => c.cityCode === city && c.stage === stage)?.declarations ?? 0;
  const rows = dashboard.cities.map((city) => {
    const cells = stages.map((s) => count(city.code, s));
    return [city.code, `${city.zh} / ${city.en}`, ...cells, cells.reduce((a, b) => a + b, 0)];
  });
  const totals = stages.map((s) => dashboard.counts.filter((c) => c.stage === s).reduce((a, c) => a + c.declarations, 0));
  return {
    name: '各市各阶段 / per city and stage',
    header: ['设区市代码 / city code', '设区市 / city', ...stages, '合计 / total'],
    rows: [...rows, ['', '合计 / total', ...totals, totals.reduce((a, b) => a + b, 0)]],
  };
}

/** Every late item, one row each: what, which case, whose, and the date that passed or comes. */
export function lateTable(dashboard: Dashboard): Table {
  const { citySubmissionsMissed, cncaOverdue, corrections } = dashboard.late;
  return {
    name: '逾期与将到期 / late',
    header: ['类别 / kind', '申报编号 / declaration', '企业 / enterprise', '设区市 / city', '产品 / product', '说明 / detail', '日期（北京时间）/ date (Beijing)'],
    rows: [
      ...citySubmissionsMissed.map((m) => ['设区市报送逾期 / city submission missed', m.number, m.enterpriseName, m.cityCode, m.productName, m.level === 'COUNTY' ? '县级未初审 / county had not checked' : '市级未推荐 / city had not recommended', m.closedAt]),
      ...cncaOverdue.map((c) => ['认监委报送逾期 / CNCA report overdue', c.number, c.enterpriseName, c.cityCode, c.productName, `${c.bodyName} (${c.bodyId})${c.escalatedAt ? ' · 已上报 / escalated' : ''}`, c.dueAt]),
      ...corrections.map((c) => ['补正期 / correction period', c.number, c.enterpriseName, c.cityCode, c.productName, c.overdue ? '已逾期 / overdue' : c.workingDaysLeft === null ? '工作日未知 / working days unknown' : `剩余 ${c.workingDaysLeft} 个工作日 / ${c.workingDaysLeft} working day(s) left`, c.dueAt ?? '']),
    ],
  };
}

export function tableCsv(table: Table): string {
  return toCsv(table.header, table.rows);
}

/** The key-cultivation ranking as the dashboard shows it. */
export function keyListTable(dashboard: Dashboard): Table {
  return {
    name: '重点培育名单 / key-cultivation list',
    header: ['排名 / rank', '申报编号 / declaration', '企业 / enterprise', '设区市 / city', '产品 / product', '得分 / score', '列入名单 / selected'],
    rows: dashboard.keyCultivation.map((k) => [k.rank, k.number, k.enterpriseName, k.cityCode, k.productName, k.score, k.selected === null ? '待决定 / undecided' : k.selected ? '是 / yes' : '否 / no']),
  };
}

/** The three tables as one workbook, a sheet each (Excel's sheet names: at most 31 characters, no slash). */
export async function dashboardXlsx(dashboard: Dashboard): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'jingpin';
  const sheets: Array<[string, Table]> = [['各市各阶段 per city and stage', countsTable(dashboard)], ['逾期 late', lateTable(dashboard)], ['重点培育 key list', keyListTable(dashboard)]];
  for (const [name, table] of sheets) {
    const sheet = book.addWorksheet(name);
    sheet.addRow([...table.header]).font = { bold: true };
    // Plain values only: a text that looks like a formula stays text, as exceljs writes strings as strings.
    for (const row of table.rows) sheet.addRow([...row]);
    sheet.columns.forEach((column) => (column.width = 18));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
