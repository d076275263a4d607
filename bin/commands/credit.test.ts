import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../demo/directory.ts';
import { enterprise, smallDirectory } from '../../test/cycle/directory.fixture.ts';
import { runJingpin } from '../../test/cli.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';

let db: TestSchema;
let folder: string;
const known = enterprise('320100', 1);
beforeAll(async () => {
  db = await createTestSchema({ migrate: true });
  await seedDirectory(db.pool, smallDirectory(), new Date('2023-09-05T10:00:00+08:00'));
  folder = await mkdtemp(path.join(tmpdir(), 'jingpin-credit-'));
});
afterAll(async () => {
  await db.drop();
  await rm(folder, { recursive: true, force: true });
});

// Each run starts Node with tsx (several seconds on a busy machine): generous timeouts.
describe('jingpin credit import', () => {
  it('loads a good file (exit 0); refuses a file with a bad row (exit 2, row, field and rule) and loads nothing; an unreadable file is exit 2', async () => {
    const env = { DATABASE_SCHEMA: db.schema };
    const good = path.join(folder, 'good.csv');
    await writeFile(good, `enterpriseId,source,result,detail,recordedOn\n${known.id},信用中国,CLEAN,无不良记录,2023-09-01\n`);
    const loaded = await runJingpin(['credit', 'import', good, '--by', 'office-credit'], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('1 credit records loaded');

    const bad = path.join(folder, 'bad.csv');
    await writeFile(bad, `enterpriseId,source,result,detail,recordedOn\n${known.id},信用中国,CLEAN,,2023-09-01\n${enterprise('320300', 9).id},信用中国,CLEAN,,2023-09-01\n`);
    const refused = await runJingpin(['credit', 'import', bad, '--by', 'office-credit'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/row 3 enterpriseId \(exists\)/);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM credit_records')).rows).toEqual([{ n: 1 }]);

    const missing = await runJingpin(['credit', 'import', path.join(folder, 'none.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  }, 90_000);
});
