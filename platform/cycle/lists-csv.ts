import type { Pool } from 'pg';
import type { Principal } from '../auth/roles.ts';
import { announcedList } from './announced-list.ts';
import { Params, visibleDeclarations } from './declaration-scope.ts';

// A cell starting with one of these is a formula to a spreadsheet: it is quoted as text.
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a byte-order mark, so spreadsheet software reads the Chinese as UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** The year's key-cultivation list (重点培育企业名单) in rank order, of the declarations the user may see. */
export async function keyCultivationCsv(db: Pool, principal: Principal, year: number): Promise<string> {
  const p = new Params();
  const { rows } = await db.query<{ rank: number; number: string; enterprise: string; city: string; product: string; category: string; score: string; selected: boolean | null }>(
    `SELECT k.rank, d.number, e.name AS enterprise, e.city_code AS city, d.product_name AS product, d.category, k.score::text, k.selected
       FROM key_cultivation k JOIN declarations d ON d.number = k.declaration_number JOIN enterprises e ON e.id = d.enterprise_id
      WHERE k.campaign_year = ${p.bind(year)} AND ${visibleDeclarations(principal, p.bind)}
      ORDER BY k.rank, d.number`,
    p.values,
  );
  return toCsv(
    ['排名 / rank', '申报编号 / declaration', '企业 / enterprise', '设区市 / city', '产品 / product', '类别 / category', '得分 / score', '列入名单 / selected'],
    rows.map((r) => [r.rank, r.number, r.enterprise, r.city, r.product, r.category, r.score, r.selected === null ? '待省质委办决定 / undecided' : r.selected ? '是 / yes' : '否 / no']),
  );
}

/** The year's announced list (公告): public once announced, with the certificate each body issued. */
export async function announcedCsv(db: Pool, year: number): Promise<string> {
  const rows = await announcedList(db, year);
  return toCsv(
    ['公告 / announcement', '申报编号 / declaration', '企业 / enterprise', '设区市 / city', '产品 / product', '证书编号 / certificate', '发证机构 / issued by', '发证日期 / issued on', '有效期至 / valid through'],
    rows.map((r) => [r.announcementNumber, r.number, r.enterpriseName, r.cityCode, r.productName, r.certificateNumber, r.issuedBy, r.issuedOn ?? '', r.validThrough ?? '']),
  );
}
