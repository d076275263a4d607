import { describe, expect, it } from 'vitest';
import { withCheckCharacters } from '../directory/credit-code.ts';
import { parseCreditCsv } from './credit-csv.ts';

const id = withCheckCharacters('91320100MA000001');
const csv = (text: string) => new TextEncoder().encode(text);

describe('parseCreditCsv', () => {
  it('reads each source\'s record with its date, rows numbered by their line', () => {
    const { records, problems } = parseCreditCsv(csv(`enterpriseId,source,result,detail,recordedOn\n${id},信用中国,CLEAN,无不良记录,2023-09-01\n\n${id},国家企业信用信息公示系统,HIT,"列入经营异常名录, 未移出",2023-09-02\n`), '2023-09-05');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { row: 2, enterpriseId: id, source: '信用中国', result: 'CLEAN', detail: '无不良记录', recordedOn: '2023-09-01' },
      { row: 4, enterpriseId: id, source: '国家企业信用信息公示系统', result: 'HIT', detail: '列入经营异常名录, 未移出', recordedOn: '2023-09-02' },
    ]);
  });

  it('names the row, column and rule of every mistake', () => {
    const { records, problems } = parseCreditCsv(csv(`enterpriseId,source,result,detail,recordedOn\n91320100MA00000X,,GOOD,,2023-02-30\n${id},信用中国,CLEAN,,2023-09-06\n`), '2023-09-05');
    expect(records).toEqual([]);
    expect(problems.map((p) => [p.row, p.field, p.rule])).toEqual([
      [2, 'enterpriseId', expect.any(String)],
      [2, 'source', 'length'],
      [2, 'result', 'enum'],
      [2, 'recordedOn', 'date'],
      [3, 'recordedOn', 'notFuture'],
    ]);
    expect(problems[2]!.zh).toContain('结果须为');
  });

  it('refuses a file without the columns, or not in UTF-8', () => {
    expect(parseCreditCsv(csv('enterpriseId,source\n'), '2023-09-05').problems).toMatchObject([{ row: 1, rule: 'columns', field: 'result, detail, recordedOn' }]);
    expect(parseCreditCsv(new Uint8Array([0xff, 0xfe, 0x00]), '2023-09-05').problems).toMatchObject([{ row: 0, rule: 'readable' }]);
  });
});
