import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { cncaTimelinessSql } from './cnca-timeliness.ts';

let db: TestSchema;
beforeAll(async () => {
  db = await createTestSchema();
});
afterAll(() => db.drop());

const due = '2023-10-20T17:00:00+08:00';
const asOf = new Date('2023-10-25T09:00:00+08:00');

describe('the timeliness of a CNCA report', () => {
  it.each([
    ['reported before the deadline', due, '2023-10-18T10:00:00+08:00', 'ON_TIME'],
    ['reported at the deadline itself', due, due, 'ON_TIME'],
    ['reported after the deadline', due, '2023-10-23T10:00:00+08:00', 'LATE'],
    ['not reported, the deadline passed', due, null, 'OVERDUE'],
    ['not reported, the deadline is now', '2023-10-25T09:00:00+08:00', null, 'NOT_YET_DUE'],
    ['not reported, the deadline ahead', '2023-11-01T17:00:00+08:00', null, 'NOT_YET_DUE'],
    ['no deadline yet (no result)', null, null, null],
  ])('%s: %s, %s → %s', async (_name, dueAt, reportedAt, expected) => {
    const { rows } = await db.pool.query<{ timeliness: string | null }>(
      `SELECT ${cncaTimelinessSql('c', '$3')} AS timeliness FROM (VALUES ($1::timestamptz, $2::timestamptz)) AS c(cnca_due_at, cnca_reported_at)`,
      [dueAt, reportedAt, asOf],
    );
    expect(rows[0]!.timeliness).toBe(expected);
  });
});
