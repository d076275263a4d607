import { CsvError, parse } from 'csv-parse/sync';
import { checkRecord, recordSchemas, type FieldProblem, type RecordKind, type RecordOf } from './records.ts';

/**
 * A directory CSV file read into records of one kind. The first line names the columns (the
 * record's fields, docs/directory.md); lists are separated by `;`; an expert's ties are written
 * `KIND:credit code`; yes/no columns take true/false, 是/否 or 1/0; an empty cell is an absent
 * optional field. Row numbers are the file's line numbers (the header is row 1), as a spreadsheet shows them.
 */

/** One data row that breaks a rule: the row, the field and the rule, Chinese then English. */
export interface RowProblem extends FieldProblem {
  readonly row: number;
}

export interface CsvRecord<K extends RecordKind> {
  readonly row: number;
  readonly record: RecordOf[K];
}

export interface ParsedCsv<K extends RecordKind> {
  /** How many data rows the file has. */
  readonly rows: number;
  /** The rows that passed every check of their own, in file order. */
  readonly records: CsvRecord<K>[];
  /** Every rule broken, by row (the header's line for its columns; 0 for a file that cannot be decoded). */
  readonly problems: RowProblem[];
  /** False when the file as a whole cannot be read (encoding, CSV syntax, header): no row can be loaded. */
  readonly readable: boolean;
}

const listFields = new Set(['categories', 'fields', 'ties']);
const booleanFields = new Set(['active', 'allianceMember']);

/** Parses and checks a whole file; nothing here touches the database. */
export function parseDirectoryCsv<K extends RecordKind>(kind: K, bytes: Uint8Array): ParsedCsv<K> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileProblem(0, 'encoding', '文件不是 UTF-8 编码（请在表格软件中另存为“CSV UTF-8”）', 'the file is not UTF-8 (save it as “CSV UTF-8” from the spreadsheet)');
  }
  let table: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // `info` gives each record's line, so a blank line in the file does not shift the row numbers.
    table = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof table;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    return fileProblem(line, 'csv', `CSV 格式错误：${error.message}`, `malformed CSV: ${error.message}`);
  }
  const [header, ...data] = table;
  if (!header) return fileProblem(1, 'header', '文件为空，缺少表头行', 'the file is empty: no header row');
  const columns = header.record.map((c) => c.trim());
  const headerProblems = checkHeader(kind, columns, header.info.lines);
  if (headerProblems.length > 0) return { rows: data.length, records: [], problems: headerProblems, readable: false };

  const required = new Set((recordSchemas[kind].required ?? []) as string[]);
  const records: CsvRecord<K>[] = [];
  const problems: RowProblem[] = [];
  for (const { record: cells, info } of data) {
    const row = info.lines;
    if (cells.length !== columns.length) {
      problems.push({ row, field: '/', rule: 'column-count', zh: `有 ${cells.length} 列，表头有 ${columns.length} 列`, en: `has ${cells.length} columns, the header ${columns.length}` });
      continue;
    }
    const value: Record<string, unknown> = {};
    const cellProblems: RowProblem[] = [];
    for (const [c, column] of columns.entries()) {
      const cell = cells[c]!;
      // An empty optional cell is an absent field; an empty required one is checked, to say which rule it breaks.
      if (cell.trim() === '' && !required.has(column)) continue;
      const converted = convert(column, cell);
      if ('problem' in converted) cellProblems.push({ row, field: column, ...converted.problem });
      else value[column] = converted.value;
    }
    const checked = checkRecord(kind, value);
    if (cellProblems.length > 0 || !checked.ok) {
      const reported = new Set(cellProblems.map((p) => p.field));
      problems.push(...cellProblems, ...(checked.ok ? [] : checked.problems.filter((p) => !reported.has(p.field.split('/')[0]!)).map((p) => ({ row, ...p }))));
      continue;
    }
    records.push({ row, record: checked.record });
  }
  return { rows: data.length, records, problems, readable: true };
}

function fileProblem<K extends RecordKind>(row: number, rule: string, zh: string, en: string): ParsedCsv<K> {
  return { rows: 0, records: [], problems: [{ row, field: '/', rule, zh, en }], readable: false };
}

function checkHeader(kind: RecordKind, columns: readonly string[], row: number): RowProblem[] {
  const schema = recordSchemas[kind];
  const known = Object.keys(schema.properties);
  const required = (schema.required ?? []) as string[];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (!known.includes(column)) problems.push({ row, field: column, rule: 'unknown-column', zh: `未知的列，可用的列：${known.join(', ')}`, en: `unknown column; the columns are ${known.join(', ')}` });
    else if (seen.has(column)) problems.push({ row, field: column, rule: 'duplicate-column', zh: '列名重复', en: 'the column appears twice' });
    seen.add(column);
  }
  for (const column of required) {
    if (!seen.has(column)) problems.push({ row, field: column, rule: 'missing-column', zh: '缺少必需的列', en: 'a required column is missing' });
  }
  return problems;
}

function convert(column: string, cell: string): { value: unknown } | { problem: Omit<FieldProblem, 'field'> } {
  if (booleanFields.has(column)) {
    const v = cell.trim().toLowerCase();
    if (['true', '是', '1', 'yes'].includes(v)) return { value: true };
    if (['false', '否', '0', 'no'].includes(v)) return { value: false };
    return { problem: { rule: 'boolean', zh: '应为 是/否（true/false）', en: 'must be yes or no (true/false, 是/否)' } };
  }
  if (!listFields.has(column)) return { value: cell.trim() };
  const items = cell.split(/[;；]/).map((s) => s.trim()).filter((s) => s !== '');
  if (column !== 'ties') return { value: items };
  const ties = [];
  for (const item of items) {
    const match = /^(CONSULTS|CERTIFIES|RELATED)\s*[:：]\s*([0-9A-Z]{18})$/.exec(item);
    if (!match) return { problem: { rule: 'tie', zh: `关联“${item}”应写作 类型:统一社会信用代码（CONSULTS、CERTIFIES 或 RELATED）`, en: `the tie “${item}” must read KIND:credit code (CONSULTS, CERTIFIES or RELATED)` } };
    ties.push({ kind: match[1], enterpriseId: match[2] });
  }
  return { value: ties };
}
