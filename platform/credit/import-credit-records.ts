import type { Pool } from 'pg';
import { beijingDateOf, beijingDateTime } from '../../domain/deadlines/beijing-time.ts';
import { parseCreditCsv, type CreditCsvProblem } from '../../domain/credit/credit-csv.ts';
import { recordCreditRecords } from './credit-records.ts';

/** What an import did: how many records it loaded, or every problem and nothing loaded. */
export interface CreditImportReport {
  readonly loaded: number;
  readonly problems: readonly CreditCsvProblem[];
}

/**
 * Loads the office's credit file for the default `credit-records` adapter: every row checked
 * (format, and that its enterprise is in the directory), and nothing loaded when any row fails.
 * Each record is dated at noon Beijing time of the day the source was consulted.
 */
export async function importCreditRecords(db: Pool, bytes: Uint8Array, by: { actor: string; at: Date }): Promise<CreditImportReport> {
  const { records, problems } = parseCreditCsv(bytes, beijingDateOf(by.at));
  const ids = [...new Set(records.map((r) => r.enterpriseId))];
  const { rows } = await db.query<{ id: string }>('SELECT id FROM enterprises WHERE id = ANY($1::text[])', [ids]);
  const known = new Set(rows.map((r) => r.id));
  const unknown = records
    .filter((r) => !known.has(r.enterpriseId))
    .map((r) => ({ row: r.row, field: 'enterpriseId', rule: 'exists', zh: `企业 ${r.enterpriseId} 不在名录中`, en: `enterprise ${r.enterpriseId} is not in the directory` }));
  const all = [...problems, ...unknown].sort((a, b) => a.row - b.row);
  if (all.length > 0) return { loaded: 0, problems: all };
  await recordCreditRecords(
    db,
    records.map((r) => ({ enterpriseId: r.enterpriseId, source: r.source, result: r.result, detail: r.detail, recordedAt: new Date(beijingDateTime(r.recordedOn, 12)) })),
    by,
  );
  return { loaded: records.length, problems: [] };
}

/** The report as lines for a person, Chinese first. */
export function creditImportLines(report: CreditImportReport): string[] {
  if (report.problems.length === 0) return [`已导入信用记录 ${report.loaded} 条 / ${report.loaded} credit records loaded`];
  return [
    `未导入：${report.problems.length} 处错误 / nothing loaded: ${report.problems.length} problems`,
    ...report.problems.map((p) => `第 ${p.row} 行 ${p.field}（${p.rule}）：${p.zh} / row ${p.row} ${p.field} (${p.rule}): ${p.en}`),
  ];
}
