import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { migrate, MigrationError, type AppliedMigration } from './migrate.ts';
import { createPool } from './pool.ts';

let db: TestSchema;
let folder: string;

beforeEach(async () => {
  db = await createTestSchema();
  folder = await mkdtemp(join(tmpdir(), 'jingpin-migrations-'));
});
afterEach(async () => {
  await db.drop();
  await rm(folder, { recursive: true, force: true });
});

async function write(files: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(files)) await writeFile(join(folder, name), sql);
}

async function rejection(run: Promise<unknown>): Promise<MigrationError> {
  const error = await run.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

const run = (extra: { onApplied?: (m: AppliedMigration) => void } = {}) =>
  migrate({ pool: db.pool, schema: db.schema, folder, ...extra });

async function tables(): Promise<string[]> {
  const { rows } = await db.pool.query<{ table_name: string }>(
    'select table_name from information_schema.tables where table_schema = $1 order by table_name',
    [db.schema],
  );
  return rows.map((row) => row.table_name);
}

describe('migrate', () => {
  it('applies the files in version order, reporting each', async () => {
    await write({
      '0002_add_city.sql': 'alter table enterprise add column city text not null;',
      '0001_create_enterprise.sql': 'create table enterprise (id int primary key);',
      '0010_create_product.sql': 'create table product (id int primary key, enterprise_id int references enterprise);',
    });
    const reported: string[] = [];
    const applied = await run({ onApplied: (migration) => reported.push(migration.file) });

    expect(applied.map((migration) => migration.file)).toEqual([
      '0001_create_enterprise.sql',
      '0002_add_city.sql',
      '0010_create_product.sql',
    ]);
    expect(reported).toEqual(applied.map((migration) => migration.file));
    expect(await tables()).toEqual(['enterprise', 'product', 'schema_migrations']);
    const { rows } = await db.pool.query('select version, name, checksum, applied_at from schema_migrations order by version');
    expect(rows.map((row) => [row.version, row.name])).toEqual([
      [1, 'create_enterprise'],
      [2, 'add_city'],
      [10, 'create_product'],
    ]);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].applied_at).toBeInstanceOf(Date);
  });

  it('applies nothing the second time', async () => {
    await write({ '0001_create_enterprise.sql': 'create table enterprise (id int primary key);' });
    expect(await run()).toHaveLength(1);
    expect(await run()).toEqual([]);
  });

  it('applies only the files added since the last run', async () => {
    await write({ '0001_create_enterprise.sql': 'create table enterprise (id int primary key);' });
    await run();
    await write({ '0002_create_product.sql': 'create table product (id int primary key);' });
    expect((await run()).map((migration) => migration.version)).toEqual([2]);
  });

  it('creates the schema when it is missing', async () => {
    await db.pool.query(`drop schema ${db.schema}`);
    await write({ '0001_create_enterprise.sql': 'create table enterprise (id int primary key);' });
    await run();
    expect(await tables()).toEqual(['enterprise', 'schema_migrations']);
  });

  it('succeeds with an empty folder', async () => {
    expect(await run()).toEqual([]);
    expect(await tables()).toEqual(['schema_migrations']);
  });

  it('applies each migration exactly once when two processes start together on a fresh schema', async () => {
    await db.pool.query(`drop schema ${db.schema}`);
    // Not idempotent on purpose: a second application would fail. The sleep widens the window.
    await write({
      '0001_create_enterprise.sql': 'select pg_sleep(0.2); create table enterprise (id int primary key);',
      '0002_create_product.sql': 'create table product (id int primary key);',
      '0003_seed.sql': 'insert into enterprise values (1);',
    });
    const [first, second] = [db.config, db.config].map((config) => createPool(config));
    try {
      const results = await Promise.all(
        [first, second].map((pool) => migrate({ pool: pool!, schema: db.schema, folder })),
      );
      expect(results.map((applied) => applied.length).sort()).toEqual([0, 3]);
      expect((await db.pool.query('select count(*)::int as n from enterprise')).rows[0].n).toBe(1);
      expect((await db.pool.query('select count(*)::int as n from schema_migrations')).rows[0].n).toBe(3);
    } finally {
      await Promise.all([first!.end(), second!.end()]);
    }
  });

  it('leaves nothing of a failing migration and names its file and line', async () => {
    await write({
      '0001_create_enterprise.sql': 'create table enterprise (id int primary key);',
      '0002_broken.sql': 'create table product (id int primary key);\ninsert into product values (1);\nselec nonsense;\n',
      '0003_never.sql': 'create table never (id int);',
    });
    const error = await rejection(run());

    expect(error.file).toBe('0002_broken.sql');
    expect(error.message).toContain('0002_broken.sql');
    expect(error.message).toMatch(/syntax error.*line 3/);
    expect(await tables()).toEqual(['enterprise', 'schema_migrations']);
    const { rows } = await db.pool.query('select version from schema_migrations');
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('refuses an applied migration whose file changed', async () => {
    await write({ '0001_create_enterprise.sql': 'create table enterprise (id int primary key);' });
    await run();
    await write({ '0001_create_enterprise.sql': 'create table enterprise (id bigint primary key);' });
    const error = await rejection(run());
    expect(error.message).toContain('0001_create_enterprise.sql');
    expect(error.message).toContain('checksum');
  });

  it('refuses a badly named file, naming it', async () => {
    await write({ '1_create_enterprise.sql': 'create table enterprise (id int);' });
    const error = await rejection(run());
    expect(error.message).toContain('1_create_enterprise.sql');
    expect(error.message).toContain('NNNN_snake_case_name.sql');
  });

  it.each(['0001-create.sql', '0001_Create.sql', '0001_create.SQL', '00001_create.sql', 'notes.md'])(
    'refuses %s',
    async (name) => {
      await write({ [name]: 'select 1;' });
      expect((await rejection(run())).file).toBe(name);
    },
  );

  it('skips dot files such as .gitkeep', async () => {
    await write({ '.gitkeep': '' });
    expect(await run()).toEqual([]);
  });

  it('refuses a version number used twice, naming both files', async () => {
    await write({ '0001_create_enterprise.sql': 'select 1;', '0001_create_product.sql': 'select 1;' });
    const error = await rejection(run());
    expect(error.message).toContain('0001_create_enterprise.sql');
    expect(error.message).toContain('0001_create_product.sql');
  });

  it('refuses when the database has a version no file has (a newer jingpin ran here)', async () => {
    await write({ '0001_a.sql': 'select 1;', '0002_b.sql': 'select 1;' });
    await run();
    await rm(join(folder, '0002_b.sql'));
    const error = await rejection(run());
    expect(error.message).toContain('0002_b.sql');
    expect(error.message).toContain('newer jingpin');
  });

  it('refuses a renamed applied migration', async () => {
    await write({ '0001_a.sql': 'select 1;' });
    await run();
    await rm(join(folder, '0001_a.sql'));
    await write({ '0001_b.sql': 'select 1;' });
    expect((await rejection(run())).file).toBe('0001_b.sql');
  });

  it('refuses a new file numbered below the newest applied one', async () => {
    await write({ '0001_a.sql': 'select 1;', '0003_c.sql': 'select 1;' });
    await run();
    await write({ '0002_b.sql': 'select 1;' });
    const error = await rejection(run());
    expect(error.file).toBe('0002_b.sql');
    expect(error.message).toContain('higher number');
  });

  it('refuses a missing folder, naming it', async () => {
    const missing = join(folder, 'nowhere');
    await expect(migrate({ pool: db.pool, schema: db.schema, folder: missing })).rejects.toThrow(missing);
  });

  it('gives its connection back to the pool after a failure', async () => {
    await write({ '0001_broken.sql': 'selec 1;' });
    await rejection(run());
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });
});
