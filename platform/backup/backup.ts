import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { schemaName } from '../db/pool.ts';
import { BackupError } from './errors.ts';
import { copyFiles, listFiles } from './files.ts';
import { attachmentsFolder, checksum, dumpFile, manifestFile, type BackupFileEntry, type Manifest } from './manifest.ts';
import { connectionOf, matchingVersions, runTool } from './pg-tools.ts';

/** Top-level folder of ATTACHMENTS_DIR for uploads being written; never part of a backup. */
export const uploadsInProgress = 'tmp';

/**
 * Writes a backup of the configured schema and ATTACHMENTS_DIR into the new folder `out`: the
 * pg_dump (custom format), the attachments, and manifest.json with the checksum of each file.
 * It is written beside `out` first and renamed at the end, so `out` is either whole or absent.
 */
export async function createBackup(config: Config, out: string, now: Date = new Date()): Promise<Manifest> {
  const schema = schemaName(config.DATABASE_SCHEMA);
  if (await stat(out).then(() => true, () => false)) {
    throw new BackupError(`备份目录已存在：${out}；请指定一个新目录 / the backup folder already exists: ${out}; name a new one`);
  }
  const versions = await matchingVersions(config.DATABASE_URL, 'pg_dump');
  const lastMigration = await lastAppliedMigration(config.DATABASE_URL, schema);
  const partial = `${out}.partial-${process.pid}`;
  await mkdir(partial, { recursive: true });
  try {
    const connection = connectionOf(config.DATABASE_URL);
    await runTool(
      'pg_dump',
      ['--format=custom', `--schema=${schema}`, '--no-owner', '--no-privileges', `--file=${path.join(partial, dumpFile)}`, `--dbname=${connection.url}`],
      connection.env,
    );
    // Attachments are named by their SHA-256 and never change once written, so copying them
    // after the dump still gives every row of the dump its file.
    const attachments = await listFiles(config.ATTACHMENTS_DIR, [uploadsInProgress]);
    await copyFiles(config.ATTACHMENTS_DIR, path.join(partial, attachmentsFolder), attachments);
    const files: BackupFileEntry[] = [];
    for (const file of [dumpFile, ...attachments.map((a) => `${attachmentsFolder}/${a}`)]) {
      files.push({ path: file, ...(await checksum(path.join(partial, ...file.split('/')))) });
    }
    const manifest: Manifest = {
      format: 1,
      createdAt: now.toISOString(),
      jingpinVersion: await jingpinVersion(),
      schema,
      lastMigration,
      postgresServerVersion: versions.server,
      pgDumpVersion: versions.tool,
      files,
    };
    await writeFile(path.join(partial, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(partial, out);
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function lastAppliedMigration(databaseUrl: string, schema: string): Promise<Manifest['lastMigration']> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows: found } = await client.query(`select 1 from pg_tables where schemaname = $1 and tablename = 'schema_migrations'`, [schema]);
    if (!found.length) {
      throw new BackupError(`schema ${schema} 中没有 jingpin 的数据（没有 schema_migrations 表）；请检查 DATABASE_SCHEMA / schema ${schema} holds no jingpin data (no schema_migrations table); check DATABASE_SCHEMA`);
    }
    const { rows } = await client.query<{ version: number; name: string }>(`select version, name from ${schema}.schema_migrations order by version desc limit 1`);
    if (!rows[0]) throw new BackupError(`schema ${schema} 尚未执行任何迁移 / schema ${schema} has no applied migration`);
    return { version: rows[0].version, name: rows[0].name };
  } finally {
    await client.end();
  }
}

async function jingpinVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
