import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChineseWorkingDayCalendar } from '../../domain/calendar/chinese-working-day-calendar.ts';
import { CreditRecordsRegistry } from '../../platform/credit/credit-records-registry.ts';
import { createPool, type Pool } from '../../platform/db/pool.ts';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import { createWorkerRegistry } from '../../platform/engine/worker.ts';
import { cycleWorkerDefinitions } from '../../workers/cycle/cycle-workers.ts';
import { notifyWorker } from '../../workers/tasks/notify.ts';
import { CycleDriver } from '../demo/cycle-driver.ts';
import { samplePdf } from '../demo/scripted-evidence.ts';
import { createApiHarness, E1, type ApiHarness } from '../../test/api/api-harness.ts';
import { pdf, multipart } from '../../test/api/multipart.ts';
import { runJingpin } from '../../test/cli.ts';
import { declare } from '../../test/cycle/scenario-steps.ts';

/**
 * `jingpin backup` and `jingpin restore` through the CLI, on a case that is mid-way: a declaration
 * waits at the county check with an attachment uploaded. The backup is restored into a new
 * database under another schema name, and an engine started there completes the county check:
 * the case carries on to the city review and the attachment's file is there. A damaged backup and
 * a non-empty target are refused with nothing written.
 */
let t: ApiHarness;
let work: string;
let backup: string;
let number: string;
let attachment: { sha256: string; bytes: Buffer };
const restoredDatabase = `jingpin_restore_${randomBytes(5).toString('hex')}`;
let restoredUrl: string;

const admin = async (databaseUrl: string, sql: string) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
};
const relationsIn = async (schema: string) =>
  (await admin(restoredUrl, `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '${schema}'`)).rows[0].n as number;
const restore = (schema: string, attachmentsDir: string, from = backup, ...flags: string[]) =>
  runJingpin(['restore', '--from', from, ...flags], { DATABASE_URL: restoredUrl, DATABASE_SCHEMA: schema, ATTACHMENTS_DIR: attachmentsDir });

/** The cycle's workers and the embedded engine on a restored schema, as `jingpin start` would run them (no mail). */
async function engineOn(schema: string, at: Date): Promise<{ driver: CycleDriver; pool: Pool; close(): Promise<void> }> {
  const pool = createPool({ DATABASE_URL: restoredUrl, DATABASE_SCHEMA: schema });
  const clock = new VirtualClock(at);
  const engine = new EmbeddedEngine({ pool, clock, background: false, onError: (error) => { throw error; } });
  const workers = cycleWorkerDefinitions({
    db: pool,
    clock,
    calendar: async () => new ChineseWorkingDayCalendar([]),
    engine,
    credit: new CreditRecordsRegistry(pool),
  });
  const notify = notifyWorker({ resolveRecipients: async () => [], enqueue: async () => 'not-sent' });
  await engine.startWorkers(createWorkerRegistry([...workers, notify]));
  return { driver: new CycleDriver(engine, pool, clock), pool, close: async () => { await engine.stop(); await pool.end(); } };
}

beforeAll(async () => {
  t = await createApiHarness();
  work = await mkdtemp(path.join(tmpdir(), 'jingpin-backup-'));
  backup = path.join(work, 'backup');
  await t.c.driver.openCampaign(2023);
  number = await declare(t.c.driver, { id: E1, name: E1, cityCode: '320100', countyCode: '320102' }, 2023, 1);
  const enterprise = await t.as('enterprise', E1);
  const bytes = pdf('申报书正文 / the declaration form');
  const form = multipart([
    { name: 'kind', value: 'ATTACHMENT_1_DECLARATION_FORM' },
    { name: 'file', filename: '申报书.pdf', contentType: 'application/pdf', data: bytes },
  ]);
  const uploaded = await t.app.inject({ method: 'POST', url: `/declarations/${number}/attachments`, payload: form.payload, headers: { ...enterprise.headers, ...form.headers } });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  attachment = { sha256: uploaded.json().sha256, bytes };
  expect((await t.c.driver.tasks('countyCheck')).map((task) => task.businessKey)).toEqual([number]);
  await admin(t.c.h.db.databaseUrl, `create database ${restoredDatabase}`);
  const url = new URL(t.c.h.db.databaseUrl);
  url.pathname = `/${restoredDatabase}`;
  restoredUrl = url.toString();
}, 120_000);

afterAll(async () => {
  await t?.close();
  await admin(t.c.h.db.databaseUrl, `drop database if exists ${restoredDatabase} with (force)`);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('jingpin backup and restore', () => {
  it('backs up the schema and the attachments with a manifest of checksums', async () => {
    const run = await runJingpin(['backup', '--out', backup], { DATABASE_SCHEMA: t.c.h.db.schema, ATTACHMENTS_DIR: t.attachmentsDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`schema ${t.c.h.db.schema}`);
    const manifest = JSON.parse(await readFile(path.join(backup, 'manifest.json'), 'utf8'));
    const migrations = (await readdir(path.join(import.meta.dirname, '..', '..', 'migrations'))).sort();
    expect(manifest).toMatchObject({ format: 1, schema: t.c.h.db.schema, jingpinVersion: '0.1.0', lastMigration: { version: Number(migrations.at(-1)!.slice(0, 4)) } });
    // The upload, and the sample PDF the scripted enterprise attached for the materials it lists.
    const sample = createHash('sha256').update(samplePdf()).digest('hex');
    const stored = (sha256: string) => `attachments/${sha256.slice(0, 2)}/${sha256}`;
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['database.dump', ...[stored(attachment.sha256), stored(sample)].sort()]);
    expect(manifest.files.find((f: { path: string }) => f.path === stored(attachment.sha256))).toMatchObject({ size: attachment.bytes.length, sha256: attachment.sha256 });

    const again = await runJingpin(['backup', '--out', backup], { DATABASE_SCHEMA: t.c.h.db.schema, ATTACHMENTS_DIR: t.attachmentsDir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('备份目录已存在');
  }, 60_000);

  it('refuses to back up with a pg_dump whose major version differs from the server, and writes nothing', async () => {
    // A stand-in for another PostgreSQL release's pg_dump, first on PATH.
    const tools = path.join(work, 'old-client');
    await mkdir(tools);
    await writeFile(path.join(tools, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.9"\n', { mode: 0o755 });
    const out = path.join(work, 'not-written');
    const run = await runJingpin(['backup', '--out', out], { DATABASE_SCHEMA: t.c.h.db.schema, ATTACHMENTS_DIR: t.attachmentsDir, PATH: `${tools}${path.delimiter}${process.env.PATH}` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^备份失败 \/ backup failed: pg_dump 的版本 14\.9 与 PostgreSQL 服务器版本 \d+\.\d+ 的主版本不一致.* \/ pg_dump 14\.9 does not match the PostgreSQL server/);
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);

  it('refuses a damaged backup before writing anything: the target stays empty', async () => {
    for (const file of ['database.dump', `attachments/${attachment.sha256.slice(0, 2)}/${attachment.sha256}`]) {
      const damaged = path.join(work, `damaged-${file.length}`);
      await cp(backup, damaged, { recursive: true });
      const target = path.join(damaged, ...file.split('/'));
      const bytes = await readFile(target);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = bytes[middle]! ^ 0x01;
      await writeFile(target, bytes);
      const attachmentsDir = path.join(work, `damaged-attachments-${file.length}`);
      const run = await restore('damaged_target', attachmentsDir, damaged);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^恢复失败 \/ restore failed: 备份已损坏：/);
      expect(run.stderr).toContain(`${file} does not match its checksum`);
      expect(await relationsIn('damaged_target')).toBe(0);
      expect((await admin(restoredUrl, `select 1 from pg_namespace where nspname in ('damaged_target', '${t.c.h.db.schema}')`)).rowCount).toBe(0);
      await expect(readdir(attachmentsDir)).rejects.toMatchObject({ code: 'ENOENT' });
    }
  }, 60_000);

  it('refuses a backup from a newer jingpin, whose migrations this version does not know', async () => {
    const newer = path.join(work, 'newer');
    await cp(backup, newer, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(newer, 'manifest.json'), 'utf8'));
    await writeFile(path.join(newer, 'manifest.json'), JSON.stringify({ ...manifest, jingpinVersion: '9.0.0', lastMigration: { version: 9999, name: 'from_the_future' } }));
    const run = await restore('newer_target', path.join(work, 'newer-attachments'), newer);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('备份来自较新的 jingpin 9.0.0（迁移 9999）');
    expect(await relationsIn('newer_target')).toBe(0);
  }, 60_000);

  it('restores into a new database under a new schema name, where the case carries on with its attachment', async () => {
    const attachmentsDir = path.join(work, 'restored-attachments');
    const run = await restore('restored', attachmentsDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await readFile(path.join(attachmentsDir, attachment.sha256.slice(0, 2), attachment.sha256))).toEqual(attachment.bytes);

    const restored = await engineOn('restored', t.c.h.clock.now());
    try {
      const { rows } = await restored.pool.query('select sha256 from attachments where declaration_number = $1 order by id desc limit 1', [number]);
      expect(rows).toEqual([{ sha256: attachment.sha256 }]);
      // Every row's file came back with it (the scripted materials' sample PDF too).
      const { rows: all } = await restored.pool.query<{ sha256: string }>('select distinct sha256 from attachments');
      for (const { sha256 } of all) await expect(readFile(path.join(attachmentsDir, sha256.slice(0, 2), sha256))).resolves.toBeInstanceOf(Buffer);
      expect(await restored.driver.completeAll('countyCheck', () => ({ recommended: true, reason: '材料齐全 / complete' }), 'county-1')).toBe(1);
      expect((await restored.driver.tasks('cityReview')).map((task) => task.businessKey)).toEqual([number]);
      expect(await restored.driver.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
    } finally {
      await restored.close();
    }
    // The original is untouched: its county check still waits.
    expect((await t.c.driver.tasks('countyCheck')).map((task) => task.businessKey)).toEqual([number]);
  }, 60_000);

  it('refuses a target that holds data unless --replace, which puts the backup back; a restore that fails half-way changes nothing', async () => {
    const attachmentsDir = path.join(work, 'restored-attachments');
    const refused = await restore('restored', attachmentsDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('恢复目标不是空的，未做任何改动；要覆盖请加 --replace');
    expect(refused.stderr).toContain('schema restored');
    const before = await engineOn('restored', t.c.h.clock.now());
    try {
      expect((await before.driver.tasks('cityReview')).map((task) => task.businessKey)).toEqual([number]);
    } finally {
      await before.close();
    }

    // A dump cut short, with a manifest that agrees (as a disk that filled up while copying
    // could leave it): pg_restore fails half-way, and the target is as it was.
    const truncated = path.join(work, 'truncated');
    await cp(backup, truncated, { recursive: true });
    const dump = path.join(truncated, 'database.dump');
    await writeFile(dump, (await readFile(dump)).subarray(0, 20_000));
    const manifest = JSON.parse(await readFile(path.join(truncated, 'manifest.json'), 'utf8'));
    manifest.files[0] = { path: 'database.dump', size: 20_000, sha256: createHash('sha256').update(await readFile(dump)).digest('hex') };
    await writeFile(path.join(truncated, 'manifest.json'), JSON.stringify(manifest));
    const relations = await relationsIn('restored');
    const failed = await restore('restored', attachmentsDir, truncated, '--replace');
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('pg_restore');
    expect(await relationsIn('restored')).toBe(relations);
    expect((await readdir(work)).filter((name) => name.includes('.restoring-') || name.includes('.replaced-'))).toEqual([]);
    const unchanged = await engineOn('restored', t.c.h.clock.now());
    try {
      expect((await unchanged.driver.tasks('cityReview')).map((task) => task.businessKey)).toEqual([number]);
    } finally {
      await unchanged.close();
    }

    const replaced = await restore('restored', attachmentsDir, backup, '--replace');
    expect(replaced.stderr).toBe('');
    expect(replaced.code).toBe(0);
    const after = await engineOn('restored', t.c.h.clock.now());
    try {
      expect((await after.driver.tasks('cityReview')).length).toBe(0);
      expect((await after.driver.tasks('countyCheck')).map((task) => task.businessKey)).toEqual([number]);
    } finally {
      await after.close();
    }
    expect(await readFile(path.join(attachmentsDir, attachment.sha256.slice(0, 2), attachment.sha256))).toEqual(attachment.bytes);
  }, 60_000);
});
