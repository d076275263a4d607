import { performance } from 'node:perf_hooks';
import { MigrationError } from './migration-error.ts';
import { defaultMigrationsFolder, readMigrationFiles, type MigrationFile } from './migration-files.ts';
import { schemaName, type Pool, type PoolClient } from './pool.ts';

export { MigrationError } from './migration-error.ts';

/** A migration this run applied. */
export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly checksum: string;
  readonly durationMs: number;
}

/** What {@link migrate} needs. */
export interface MigrateOptions {
  readonly pool: Pool;
  /** The PostgreSQL schema to migrate (`DATABASE_SCHEMA`); created if missing. */
  readonly schema: string;
  /** Where the `NNNN_name.sql` files are; the repository's `migrations/` by default. */
  readonly folder?: string;
  /** Told of each migration as soon as it is committed. */
  readonly onApplied?: (migration: AppliedMigration) => void;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings `schema` up to the newest migration in `folder`, forward only. Each file runs in its
 * own transaction together with the insert of its `schema_migrations` row, so a failed file
 * leaves nothing behind. Two processes starting at once are safe: the second waits on an
 * advisory lock keyed on the schema, then finds the work done.
 * A file must therefore not hold its own BEGIN/COMMIT, nor statements that cannot run in a
 * transaction (CREATE INDEX CONCURRENTLY).
 * @returns the migrations this call applied, in order (empty when the schema was up to date).
 * @throws {MigrationError} naming the file, when a file is misnamed, a version is used twice,
 *   an applied file changed, the database has a version no file has, or a migration fails.
 */
export async function migrate(options: MigrateOptions): Promise<AppliedMigration[]> {
  const schema = schemaName(options.schema);
  const files = await readMigrationFiles(options.folder ?? defaultMigrationsFolder);
  const client = await options.pool.connect();
  let broken: Error | undefined;
  try {
    // A session lock, not a transaction lock: it must outlive the one transaction per file.
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockName(schema)]);
    try {
      return await applyPending(client, schema, files, options.onApplied);
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockName(schema)]).catch((error: Error) => {
        // Dropping the connection releases the lock just as well.
        broken = error;
      });
    }
  } finally {
    client.release(broken);
  }
}

async function applyPending(
  client: PoolClient,
  schema: string,
  files: readonly MigrationFile[],
  onApplied: MigrateOptions['onApplied'],
): Promise<AppliedMigration[]> {
  // Looked up first: CREATE SCHEMA IF NOT EXISTS still demands the right to create schemas,
  // which a production role given an existing schema may lack.
  const { rowCount } = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
  if (rowCount === 0) await client.query(`create schema ${schema}`);
  await client.query(`
    create table if not exists ${schema}.schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
  const { rows } = await client.query<AppliedRow>(
    `select version, name, checksum from ${schema}.schema_migrations order by version`,
  );
  const pending = pendingMigrations(files, rows);
  const applied: AppliedMigration[] = [];
  for (const file of pending) {
    const migration = await applyOne(client, schema, file);
    applied.push(migration);
    onApplied?.(migration);
  }
  return applied;
}

// The history in the database must be a prefix of the files, unchanged. Anything else is an
// ambiguous state that a person has to look at, so it is refused rather than guessed at.
function pendingMigrations(files: readonly MigrationFile[], rows: readonly AppliedRow[]): MigrationFile[] {
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const row of rows) {
    const file = byVersion.get(row.version);
    const applied = `${String(row.version).padStart(4, '0')}_${row.name}.sql`;
    if (!file) {
      throw new MigrationError(
        `数据库已执行迁移 ${applied}，但没有这个文件：这里运行过更新版本的 jingpin，请升级后再运行 / ` +
          `the database has applied ${applied}, which no migration file has: a newer jingpin ran here; upgrade before running this one`,
        applied,
      );
    }
    if (file.name !== row.name) {
      throw new MigrationError(
        `迁移 ${file.file} 与已执行的 ${applied} 版本号相同而名称不同 / ` +
          `migration ${file.file} has the version of the applied ${applied} but another name; do not renumber applied migrations`,
        file.file,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `已执行的迁移 ${file.file} 被修改过（校验和不同）；迁移只能向前，请另写一个新迁移 / ` +
          `applied migration ${file.file} has changed since it ran (checksum differs); migrations are forward only, add a new one instead`,
        file.file,
      );
    }
  }
  const newest = rows.at(-1)?.version ?? 0;
  const pending = files.filter((file) => !rows.some((row) => row.version === file.version));
  const late = pending.find((file) => file.version < newest);
  if (late) {
    throw new MigrationError(
      `迁移 ${late.file} 的版本号小于已执行的最新版本 ${newest}；请给它一个更大的版本号 / ` +
        `migration ${late.file} is numbered below the newest applied version ${newest}; give it a higher number`,
      late.file,
    );
  }
  return pending;
}

async function applyOne(client: PoolClient, schema: string, file: MigrationFile): Promise<AppliedMigration> {
  const started = performance.now();
  await client.query('begin');
  try {
    // Migrations name tables without a schema; they land in the one being migrated.
    await client.query(`set local search_path to ${schema}`);
    await client.query(`insert into ${schema}.schema_migrations (version, name, checksum) values ($1, $2, $3)`, [
      file.version,
      file.name,
      file.checksum,
    ]);
    await client.query(file.sql);
    await client.query('commit');
  } catch (error) {
    // If even the rollback fails the connection is gone, and the unlock after it will say so.
    await client.query('rollback').catch(() => undefined);
    throw new MigrationError(
      `迁移 ${file.file} 执行失败，已回滚 / migration ${file.file} failed and was rolled back: ${describeSqlError(error, file.sql)}`,
      file.file,
      { cause: error },
    );
  }
  const { version, name, file: fileName, checksum } = file;
  return { version, name, file: fileName, checksum, durationMs: Math.round(performance.now() - started) };
}

function lockName(schema: string): string {
  return `jingpin.migrate.${schema}`;
}

// PostgreSQL reports where a statement failed as a character position; a line number is
// what the author of the file can use.
function describeSqlError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position < 1) return error.message;
  const line = sql.slice(0, position - 1).split('\n').length;
  return `${error.message} (第 ${line} 行 / line ${line})`;
}
