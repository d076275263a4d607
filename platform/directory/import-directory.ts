import type { Pool } from 'pg';
import { parseDirectoryCsv, type RowProblem } from '../../domain/directory/csv-rows.ts';
import { kindNames, type RecordKind } from '../../domain/directory/records.ts';
import { withTransaction } from '../db/pool.ts';
import { DirectoryRefusal, recordKey, saveRecord, type DirectoryActor } from './save-record.ts';

/** What an import did, row by row. */
export interface ImportReport {
  readonly kind: RecordKind;
  readonly partial: boolean;
  /** Data rows in the file. */
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Every row refused, with the field and the rule; empty when the whole file was loaded. */
  readonly rejected: readonly RowProblem[];
  /** Whether anything was written: false whenever a row failed, unless `partial`. */
  readonly loaded: boolean;
}

/**
 * Loads a directory CSV of one kind in one transaction. Every row is checked (its own rules,
 * duplicates in the file, what the database refuses) before the outcome is decided: with any row
 * refused, nothing is written, unless `partial`, where each good row is kept and the bad ones
 * are reported. A row is saved under a savepoint, so one the database refuses leaves no trace.
 */
export async function importDirectory(
  db: Pool,
  request: { kind: RecordKind; bytes: Uint8Array; partial: boolean },
  by: DirectoryActor,
  at: Date,
): Promise<ImportReport> {
  const { kind, partial } = request;
  const parsed = parseDirectoryCsv(kind, request.bytes);
  const rejected: RowProblem[] = [...parsed.problems];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const firstRowOf = new Map<string, number>();
  if (!parsed.readable) return { kind, partial, rows: parsed.rows, ...counts, rejected: sorted(rejected), loaded: false };

  const rollback = new Error('rollback');
  try {
    await withTransaction(db, async (client) => {
      for (const { row, record } of parsed.records) {
        const key = recordKey(kind, record);
        const first = firstRowOf.get(key);
        if (first !== undefined) {
          rejected.push({ row, field: keyField(kind), rule: 'duplicate', zh: `与第 ${first} 行重复（${key}）`, en: `repeats row ${first} (${key})` });
          continue;
        }
        firstRowOf.set(key, row);
        await client.query('SAVEPOINT directory_row');
        try {
          counts[await saveRecord(client, kind, record, by, at)]++;
          await client.query('RELEASE SAVEPOINT directory_row');
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT directory_row');
          if (!(error instanceof DirectoryRefusal)) throw error;
          rejected.push(...error.problems.map((p) => ({ row, ...p })));
        }
      }
      if (rejected.length > 0 && !partial) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
    return { kind, partial, rows: parsed.rows, created: 0, updated: 0, unchanged: 0, rejected: sorted(rejected), loaded: false };
  }
  return { kind, partial, rows: parsed.rows, ...counts, rejected: sorted(rejected), loaded: counts.created + counts.updated > 0 };
}

function keyField(kind: RecordKind): string {
  return kind === 'enterprise' ? 'creditCode' : kind === 'contact' ? 'email' : 'id';
}

function sorted(problems: RowProblem[]): RowProblem[] {
  return [...problems].sort((a, b) => a.row - b.row);
}

/** The report as lines for a person: a summary, then each refused row, Chinese first. */
export function reportLines(report: ImportReport): string[] {
  const kind = kindNames[report.kind];
  const lines = report.loaded || report.rejected.length === 0
    ? [
        `${kind.zh}：共 ${report.rows} 行，新增 ${report.created}，更新 ${report.updated}，未变 ${report.unchanged}，拒绝 ${new Set(report.rejected.map((p) => p.row)).size} 行 / ` +
          `${kind.en}: ${report.rows} rows, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${new Set(report.rejected.map((p) => p.row)).size} rows refused`,
      ]
    : [`${kind.zh}：有 ${new Set(report.rejected.map((p) => p.row)).size} 行不符合要求，未导入任何数据 / ${kind.en}: ${new Set(report.rejected.map((p) => p.row)).size} rows break the rules; nothing was loaded`];
  for (const p of report.rejected) lines.push(`第 ${p.row} 行 ${p.field}：${p.zh} / row ${p.row} ${p.field}: ${p.en} [${p.rule}]`);
  return lines;
}
