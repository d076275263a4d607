import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { runJingpin } from '../../test/cli.ts';

const fixture = fileURLToPath(new URL('../../test/fixtures/calendar/2027.test-fixture.json', import.meta.url));

// Runs `jingpin` as a user would, against this test's own schema.
const jingpin = (...args: string[]) => runJingpin(args, { DATABASE_SCHEMA: db.schema });

let db: TestSchema;
let folder: string;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  folder = await mkdtemp(join(tmpdir(), 'jingpin-calendar-'));
});
afterEach(async () => {
  await db.drop();
  await rm(folder, { recursive: true, force: true });
});

describe('jingpin calendar', { timeout: 60_000 }, () => {
  it('load stores the year with its notice and who loaded it; years lists it after the bundled range', async () => {
    const loaded = await jingpin('calendar', 'load', '2027', fixture, '--notice', '国办发明电〔2026〕测试', '--by', 'alice');
    expect(loaded).toMatchObject({ code: 0, stderr: '' });
    expect(loaded.stdout).toBe(
      '已导入 2027 年：11 个放假日，2 个调休上班日（国办发明电〔2026〕测试）/ loaded 2027: 11 days off, 2 make-up working days (国办发明电〔2026〕测试)\n',
    );
    const { rows } = await db.pool.query('select year, notice, loaded_by from working_day_calendar_years');
    expect(rows).toEqual([{ year: 2027, notice: '国办发明电〔2026〕测试', loaded_by: 'alice' }]);

    const years = await jingpin('calendar', 'years');
    const lines = years.stdout.trim().split('\n');
    expect(lines[0]).toBe('2004–2026  chinese-days 1.5.7（随软件提供 / bundled）');
    expect(lines[1]).toMatch(/^2027 {2}国办发明电〔2026〕测试（.* 由 alice 导入 \/ loaded .* by alice）$/);
  });

  it('refuses to load the same year twice without --replace (exit 2)', async () => {
    await jingpin('calendar', 'load', '2027', fixture, '--notice', 'first', '--by', 'alice');
    const again = await jingpin('calendar', 'load', '2027', fixture, '--notice', 'second', '--by', 'bob');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('add --replace to replace it');
    const replaced = await jingpin('calendar', 'load', '2027', fixture, '--notice', 'second', '--by', 'bob', '--replace');
    expect(replaced.stdout).toContain('replaced 2027');
  });

  it('refuses a bad file with exit 2, naming each field at fault, and stores nothing', async () => {
    const content = JSON.parse(await readFile(fixture, 'utf8')) as { days: unknown[] };
    content.days.push({ name: '错', date: '2028-01-01', isOffDay: true }, { name: '错', date: '2027-01-01', isOffDay: false });
    const file = join(folder, 'bad.json');
    await writeFile(file, JSON.stringify(content));
    const run = await jingpin('calendar', 'load', '2027', file, '--notice', 'x');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/days/13/date 2028-01-01 不在 2027 年内 / 2028-01-01 is not in 2027');
    expect(run.stderr).toContain('/days/14/date 2027-01-01 既是放假日又是上班日（见 /days/0）');
    const { rows } = await db.pool.query('select count(*)::int as n from working_day_calendar_years');
    expect(rows[0].n).toBe(0);
  });

  it('requires the notice reference', async () => {
    const run = await jingpin('calendar', 'load', '2027', fixture);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("required option '--notice <reference>' not specified");
  });
});
