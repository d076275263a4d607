import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckCharacters } from '../../domain/directory/credit-code.ts';
import { runJingpin } from '../cli.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';

let db: TestSchema;
let folder: string;
beforeAll(async () => {
  db = await createTestSchema({ migrate: true });
  folder = await mkdtemp(path.join(tmpdir(), 'jingpin-directory-'));
});
afterAll(async () => {
  await db.drop();
  await rm(folder, { recursive: true, force: true });
});

const A = withCheckCharacters('91320115MA000001');
const B = withCheckCharacters('91320583MA000002');
const env = () => ({ DATABASE_SCHEMA: db.schema });
async function file(name: string, text: string): Promise<string> {
  const at = path.join(folder, name);
  await writeFile(at, text);
  return at;
}

// Each run starts Node with tsx (several seconds on a busy machine): generous timeouts.
describe('jingpin directory import', () => {
  it('refuses a file with a bad row, exit 2, naming row, field and rule; then loads it in partial mode', async () => {
    const csv = await file('e.csv', `creditCode,name,cityCode,countyCode\n${A},南京某公司,320100,320115\n${B.slice(0, 17)}${B[17] === '1' ? '2' : '1'},昆山某公司,320500,320583\n`);
    const refused = await runJingpin(['directory', 'import', csv, '--kind', 'enterprise', '--by', 'tester'], env());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('未导入任何数据 / enterprise: 1 rows break the rules; nothing was loaded');
    expect(refused.stderr).toContain('第 3 行 creditCode：第 18 位校验码不符（GB 32100-2015） / row 3 creditCode');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM enterprises')).rows[0].n).toBe(0);

    const partial = await runJingpin(['directory', 'import', csv, '--kind', 'enterprise', '--partial', '--by', 'tester'], env());
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('新增 1');
    const { rows } = await db.pool.query(`SELECT e.id, a.actor, a.role FROM enterprises e JOIN audit_log a ON a.subject_id = e.id`);
    expect(rows).toEqual([{ id: A, actor: 'tester', role: 'provincial_office' }]);
  }, 120_000);

  it('loads a clean file with exit 0, and refuses an unknown kind', async () => {
    const csv = await file('b.csv', 'id,name,allianceMember\nCB01,江苏某认证有限公司,是\n');
    const loaded = await runJingpin(['directory', 'import', csv, '--kind', 'certification_body'], env());
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain('认证机构：共 1 行，新增 1');
    const wrong = await runJingpin(['directory', 'import', csv, '--kind', 'bodies'], env());
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('certification_body');
  }, 120_000);
});
