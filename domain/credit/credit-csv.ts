import { CsvError, parse } from 'csv-parse/sync';
import { isIsoDate } from '../calendar/iso-date.ts';
import { creditCodeProblem } from '../directory/credit-code.ts';

/** One row of the office's credit file: what one source said of one enterprise, on a date. */
export interface CreditCsvRecord {
  readonly row: number;
  readonly enterpriseId: string;
  readonly source: string;
  readonly result: 'CLEAN' | 'HIT' | 'NEEDS_EXPLANATION';
  readonly detail: string;
  /** The Beijing date the source was consulted. */
  readonly recordedOn: string;
}

/** A rule a row breaks: its line, the column and the rule, Chinese then English. */
export interface CreditCsvProblem {
  readonly row: number;
  readonly field: string;
  readonly rule: string;
  readonly zh: string;
  readonly en: string;
}

export const creditCsvColumns = ['enterpriseId', 'source', 'result', 'detail', 'recordedOn'] as const;
const results = ['CLEAN', 'HIT', 'NEEDS_EXPLANATION'] as const;

/**
 * Reads the credit records the office exports from its consultation (信用中国, the enterprise
 * credit publicity system, ...) for the default `credit-records` adapter: UTF-8, the header
 * naming the columns, rows numbered by their line. Every rule broken is reported; the caller loads
 * nothing when any is. `today` (Beijing) bounds the dates: a record cannot come from the future.
 */
export function parseCreditCsv(bytes: Uint8Array, today: string): { records: CreditCsvRecord[]; problems: CreditCsvProblem[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // info: each row keeps its line in the file, so a blank line does not shift the numbers.
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const why = error instanceof CsvError ? error.message : 'not UTF-8';
    return { records: [], problems: [{ row: 0, field: '', rule: 'readable', zh: `文件无法读取（${why}）`, en: `the file cannot be read (${why})` }] };
  }
  const header = rows[0]?.record;
  const data = rows.slice(1);
  const missing = creditCsvColumns.filter((c) => !(header ?? []).includes(c));
  if (!header || missing.length > 0) {
    return { records: [], problems: [{ row: 1, field: missing.join(', '), rule: 'columns', zh: `首行缺少列：${missing.join('、')}`, en: `the header lacks the columns ${missing.join(', ')}` }] };
  }
  const records: CreditCsvRecord[] = [];
  const problems: CreditCsvProblem[] = [];
  data.forEach(({ record: cells, info }) => {
    const row = info.lines;
    const cell = (name: (typeof creditCsvColumns)[number]) => cells[header.indexOf(name)] ?? '';
    const broken: CreditCsvProblem[] = [];
    const fail = (field: string, rule: string, zh: string, en: string) => broken.push({ row, field, rule, zh, en });
    const enterpriseId = cell('enterpriseId');
    const codeProblem = creditCodeProblem(enterpriseId);
    if (codeProblem) fail('enterpriseId', codeProblem.rule, codeProblem.zh, codeProblem.en);
    const source = cell('source');
    if (source === '' || source.length > 200) fail('source', 'length', '来源须为 1–200 个字符', 'the source needs 1–200 characters');
    const result = cell('result');
    if (!(results as readonly string[]).includes(result)) fail('result', 'enum', `结果须为 ${results.join('、')} 之一`, `the result must be one of ${results.join(', ')}`);
    const detail = cell('detail');
    if (detail.length > 2000) fail('detail', 'maxLength', '说明至多 2000 个字符', 'the detail has at most 2000 characters');
    const recordedOn = cell('recordedOn');
    if (!isIsoDate(recordedOn)) fail('recordedOn', 'date', '查询日期须为有效的 YYYY-MM-DD', 'the date consulted must be a real YYYY-MM-DD');
    else if (recordedOn > today) fail('recordedOn', 'notFuture', `查询日期 ${recordedOn} 晚于今天`, `the date consulted ${recordedOn} is after today`);
    if (broken.length > 0) problems.push(...broken);
    else records.push({ row, enterpriseId, source, result: result as CreditCsvRecord['result'], detail, recordedOn });
  });
  return { records, problems };
}
