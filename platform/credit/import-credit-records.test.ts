import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../bin/demo/directory.ts';
import { enterprise, smallDirectory } from '../../test/cycle/directory.fixture.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { CreditRecordsRegistry } from './credit-records-registry.ts';
import { importCreditRecords } from './import-credit-records.ts';

describe('importCreditRecords (the default credit adapter\'s file)', () => {
  let db: TestSchema;
  const at = new Date('2023-09-05T10:00:00+08:00');
  const known = enterprise('320100', 1);
  beforeEach(async () => {
    db = await createTestSchema({ migrate: true });
    await seedDirectory(db.pool, smallDirectory(), at);
  });
  afterEach(() => db.drop());

  it('loads every row with its source, result and date, audited; the adapter then finds them', async () => {
    const file = `enterpriseId,source,result,detail,recordedOn\n${known.id},信用中国,CLEAN,无不良记录,2023-09-01\n${known.id},国家企业信用信息公示系统,NEEDS_EXPLANATION,曾列入经营异常名录,2023-09-01\n`;
    expect(await importCreditRecords(db.pool, new TextEncoder().encode(file), { actor: 'office-credit', at })).toEqual({ loaded: 2, problems: [] });
    const findings = await new CreditRecordsRegistry(db.pool).findings(known.id, new Date('2020-09-05T00:00:00Z'));
    expect(findings.map((f) => [f.source, f.result, f.recordedAt.toISOString()])).toEqual([
      ['信用中国', 'CLEAN', '2023-09-01T04:00:00.000Z'],
      ['国家企业信用信息公示系统', 'NEEDS_EXPLANATION', '2023-09-01T04:00:00.000Z'],
    ]);
    const { rows } = await db.pool.query(`SELECT actor, subject_id FROM audit_log WHERE action = 'credit.records_entered'`);
    expect(rows).toEqual([{ actor: 'office-credit', subject_id: known.id }]);
  });

  it('loads nothing when one row names an enterprise not in the directory', async () => {
    const stranger = enterprise('320300', 9);
    const file = `enterpriseId,source,result,detail,recordedOn\n${known.id},信用中国,CLEAN,,2023-09-01\n${stranger.id},信用中国,CLEAN,,2023-09-01\n`;
    const report = await importCreditRecords(db.pool, new TextEncoder().encode(file), { actor: 'office-credit', at });
    expect(report).toMatchObject({ loaded: 0, problems: [{ row: 3, field: 'enterpriseId', rule: 'exists' }] });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM credit_records')).rows).toEqual([{ n: 0 }]);
  });
});
