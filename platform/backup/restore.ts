import { spawn } from 'node:child_process';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { readMigrationFiles } from '../db/migration-files.ts';
import { schemaName } from '../db/pool.ts';
import { uploadsInProgress } from './backup.ts';
import { BackupError } from './errors.ts';
import { copyFiles, listFiles } from './files.ts';
import { attachmentsFolder, dumpFile, readManifest, verifyBackup, type Manifest } from './manifest.ts';
import { collect, connectionOf, matchingVersions, runTool } from './pg-tools.ts';

export interface RestoreOptions {
  /** Replace a target that already holds jingpin data (tables in the schema, files in ATTACHMENTS_DIR). */
  readonly replace?: boolean;
}

/**
 * Restores the backup folder `from` into the configured schema and ATTACHMENTS_DIR. Nothing is
 * written before the manifest's checksums hold and the target is known to be empty (or
 * `replace` is given). The schema is restored in one transaction (psql --single-transaction,
 * the drop of the old schema included), so a failed restore leaves the database as it was; the
 * attachments are copied beside ATTACHMENTS_DIR first and moved into place once the database is in.
 */
export async function restoreBackup(config: Config, from: string, options: RestoreOptions = {}): Promise<Manifest> {
  const target = schemaName(config.DATABASE_SCHEMA);
  const manifest = await readManifest(from);
  await verifyBackup(from, manifest, await listFiles(from));
  await matchingVersions(config.DATABASE_URL, 'pg_restore');
  // A backup from a newer jingpin has tables this version does not know; its migrate would refuse them.
  const known = Math.max(...(await readMigrationFiles()).map((file) => file.version));
  if (manifest.lastMigration.version > known) {
    throw new BackupError(
      `备份来自较新的 jingpin ${manifest.jingpinVersion}（迁移 ${manifest.lastMigration.version}），本版本只知道到迁移 ${known}；请用不低于该版本的 jingpin 恢复 / the backup is from a newer jingpin ${manifest.jingpinVersion} (migration ${manifest.lastMigration.version}); this version knows migrations up to ${known}: restore it with that version or later`,
    );
  }

  const source = manifest.schema;
  const state = await targetState(config.DATABASE_URL, target, source);
  const attachmentsPresent = await listFiles(config.ATTACHMENTS_DIR, [uploadsInProgress]);
  if (!options.replace && (state.relations > 0 || attachmentsPresent.length > 0)) {
    const what = [
      ...(state.relations > 0 ? [`schema ${target} 中有 ${state.relations} 个表或序列 / schema ${target} holds ${state.relations} tables or sequences`] : []),
      ...(attachmentsPresent.length > 0 ? [`${config.ATTACHMENTS_DIR} 中有 ${attachmentsPresent.length} 个文件 / ${config.ATTACHMENTS_DIR} holds ${attachmentsPresent.length} files`] : []),
    ];
    throw new BackupError(`恢复目标不是空的，未做任何改动；要覆盖请加 --replace / the restore target is not empty, nothing was changed; add --replace to overwrite it: ${what.join('; ')}`, 1);
  }
  if (source !== target && state.sourceExists) {
    throw new BackupError(
      `备份来自 schema ${source}，而该数据库中已有同名 schema；恢复到 ${target} 需要它不存在 / the backup is of schema ${source}, which already exists in this database; restoring it as ${target} needs that name free`,
      1,
    );
  }

  const staged = `${path.resolve(config.ATTACHMENTS_DIR)}.restoring-${process.pid}`;
  const attachments = manifest.files.filter((f) => f.path.startsWith(`${attachmentsFolder}/`)).map((f) => f.path.slice(attachmentsFolder.length + 1));
  await rm(staged, { recursive: true, force: true });
  await mkdir(staged, { recursive: true });
  try {
    await copyFiles(path.join(from, attachmentsFolder), staged, attachments);
    await restoreSchema(config.DATABASE_URL, path.join(from, dumpFile), source, target, options.replace ?? false);
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    throw error;
  }
  await swapInto(staged, config.ATTACHMENTS_DIR);
  return manifest;
}

async function targetState(databaseUrl: string, target: string, source: string): Promise<{ relations: number; sourceExists: boolean }> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ relations: number; source_exists: boolean }>(
      `select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1) as relations,
              exists (select 1 from pg_namespace where nspname = $2) as source_exists`,
      [target, source],
    );
    return { relations: rows[0]!.relations, sourceExists: rows[0]!.source_exists };
  } finally {
    await client.end();
  }
}

/**
 * pg_restore writes the dump as SQL and psql runs it in one transaction together with the drop
 * of the old schema and, when the names differ, the rename of the restored one: pg_restore alone
 * cannot restore under another schema name, nor drop and restore atomically.
 */
async function restoreSchema(databaseUrl: string, dump: string, source: string, target: string, replace: boolean): Promise<void> {
  const { stdout: toc } = await runTool('pg_restore', ['--list', dump]);
  const createsSchema = new RegExp(`\\sSCHEMA - ${source}\\s`).test(toc);
  const before = [
    // Without --replace the target is empty; RESTRICT still refuses if something appeared meanwhile.
    `DROP SCHEMA IF EXISTS ${target} ${replace ? 'CASCADE' : 'RESTRICT'};`,
    ...(createsSchema ? [] : [`CREATE SCHEMA ${source};`]),
  ].join('\n');
  const after = [
    ...(source === target ? [] : [`ALTER SCHEMA ${source} RENAME TO ${target};`]),
    // No engine process of the backed-up installation lives on here: leases they held would
    // only keep the restored engine waiting until they ran out.
    `DO $$ BEGIN
       IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '${target}' AND table_name = 'engine_instances' AND column_name = 'lease_owner') THEN
         UPDATE ${target}.engine_instances SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner IS NOT NULL;
       END IF;
     END $$;`,
  ].join('\n');

  const connection = connectionOf(databaseUrl);
  const env = { ...process.env, ...connection.env };
  const sql = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', dump], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = spawn('psql', ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', '--file=-', `--dbname=${connection.url}`], {
    env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  psql.stdin.on('error', () => undefined);
  psql.stdin.write(`${before}\n`);
  sql.stdout.pipe(psql.stdin, { end: false });
  // psql commits only when its input ends; a pg_restore that failed half-way must not end it,
  // so psql is stopped instead and the transaction is rolled back.
  sql.on('close', (code) => (code === 0 ? psql.stdin.end(`\n${after}\n`) : psql.kill()));
  const [written, ran] = await Promise.allSettled([collect('pg_restore', sql), collect('psql', psql)]);
  if (ran.status === 'rejected') throw ran.reason;
  if (written.status === 'rejected') throw written.reason;
}

/** Moves the staged attachments into ATTACHMENTS_DIR, whose old content (if any) goes. */
async function swapInto(staged: string, attachmentsDir: string): Promise<void> {
  const resolved = path.resolve(attachmentsDir);
  const old = `${resolved}.replaced-${process.pid}`;
  await mkdir(path.dirname(resolved), { recursive: true });
  const hadOld = await rename(resolved, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await rename(staged, resolved);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
