import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { runJingpin } from '../../test/cli.ts';

const fixture = fileURLToPath(new URL('../../test/fixtures/calendar/2027.test-fixture.json', import.meta.url));

// Runs `jingpin` as a user would, against this test's own schema. Each run starts a
// process (about a second, more on a busy machine), hence the longer timeouts.
const jingpin = (...args: string[]) => runJingpin(args, { DATABASE_SCHEMA: db.schema });

let db: TestSchema;
beforeAll(async () => {
  db = await createTestSchema({ migrate: true });
});
afterAll(() => db.drop());

describe('jingpin workdays', { timeout: 60_000 }, () => {
  it.each([
    ['2026-09-28', '7', '2026-10-13'],
    ['2026-02-12', '7', '2026-02-28'],
  ])('add %s %s prints %s', async (date, n, expected) => {
    expect(await jingpin('workdays', 'add', date, n)).toEqual({ code: 0, stdout: `${expected}\n`, stderr: '' });
  });

  it('is: says whether a day is a working day, and why, in Chinese and English', async () => {
    expect((await jingpin('workdays', 'is', '2026-10-10')).stdout).toBe(
      '2026-10-10 是工作日（调休上班：国庆节）/ 2026-10-10 is a working day (make-up working day: National Day)\n',
    );
    expect((await jingpin('workdays', 'is', '2026-10-01')).stdout).toBe(
      '2026-10-01 不是工作日（放假：国庆节）/ 2026-10-01 is not a working day (holiday: National Day)\n',
    );
    expect((await jingpin('workdays', 'is', '2026-03-07')).stdout).toBe('2026-03-07 不是工作日（周末）/ 2026-03-07 is not a working day (weekend)\n');
  });

  it('refuses an unpublished year with exit 1, naming it, until the year is loaded', async () => {
    const refused = await jingpin('workdays', 'add', '2026-12-28', '7');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the holiday arrangement for 2027 is not published or not loaded');
    expect((await jingpin('workdays', 'is', '2027-01-01')).code).toBe(1);

    expect((await jingpin('calendar', 'load', '2027', fixture, '--notice', 'TEST FIXTURE 测试', '--by', 'test')).code).toBe(0);
    expect(await jingpin('workdays', 'add', '2026-12-28', '7')).toMatchObject({ code: 0, stdout: '2027-01-07\n' });
    expect((await jingpin('workdays', 'is', '2027-01-01')).stdout).toContain('is not a working day (holiday: 测试元旦 (test fixture))');
  });

  it('exits 2 on a date or count that is not one', async () => {
    const badDate = await jingpin('workdays', 'is', '2026-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('not a valid date (expected YYYY-MM-DD): "2026-02-30"');
    const badCount = await jingpin('workdays', 'add', '2026-09-28', 'seven');
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toContain('N must be a whole number');
  });
});
