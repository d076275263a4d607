import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrationFiles } from '../platform/db/migration-files.ts';
import { freePort } from '../test/free-port.ts';
import { createTestPrefix, type TestPrefix } from '../test/notifications/redis-prefix.ts';
import { createTestSchema, type TestSchema } from '../test/pg.ts';

const executable = fileURLToPath(new URL('./jingpin.js', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Running {
  /** Settles once `untilOutput` appears on stdout, or the process ends. */
  readonly ready: Promise<void>;
  readonly done: Promise<Run>;
  signal(signal: NodeJS.Signals): void;
}

/** Runs bin/jingpin.js as a user would, with `env` on top of this process's environment. */
function jingpin(args: string[], env: NodeJS.ProcessEnv, untilOutput?: RegExp): Running {
  const child = spawn(executable, args, { env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (untilOutput?.test(stdout)) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      markReady();
      resolve({ code, stdout, stderr });
    });
  });
  return { done, ready, signal: (s) => child.kill(s) };
}

let db: TestSchema;
let folder: string;
// `jingpin start` runs the notification sender and digest schedule: on a Redis prefix of the test's own.
let redis: TestPrefix;
beforeEach(async () => {
  db = await createTestSchema();
  folder = await mkdtemp(join(tmpdir(), 'jingpin-cli-'));
  redis = createTestPrefix();
});
afterEach(async () => {
  await db.drop();
  await redis.drop();
  await rm(folder, { recursive: true, force: true });
});

describe('jingpin migrate', () => {
  it('prints each migration it applies, then that the database is up to date', async () => {
    await writeFile(join(folder, '0001_create_note.sql'), 'create table note (text text);');
    await writeFile(join(folder, '0002_seed_note.sql'), `insert into note values ('hello');`);
    const env = { DATABASE_SCHEMA: db.schema };

    const first = await jingpin(['migrate', '--folder', folder], env).done;
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied 0001_create_note\.sql \(\d+ ms\)\n.*applied 0002_seed_note\.sql/);

    const second = await jingpin(['migrate', '--folder', folder], env).done;
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`database is up to date (schema ${db.schema})`);
  });

  it('exits 1 with the message naming the failing file', async () => {
    await writeFile(join(folder, '0001_broken.sql'), 'selec 1;');
    const run = await jingpin(['migrate', '--folder', folder], { DATABASE_SCHEMA: db.schema }).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('migration 0001_broken.sql failed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a configuration error, with its message and no stack trace', async () => {
    const run = await jingpin(['migrate'], { PORT: 'abc', ENGINE: 'zeebe' }).done;
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      '配置错误 / configuration error: ENGINE 必须是 embedded 或 camunda / must be embedded or camunda (got "zeebe"); ' +
        'PORT 必须是 1 到 65535 之间的整数 / must be an integer from 1 to 65535 (got "abc")',
    );
  });
});

describe('jingpin start', () => {
  it('migrates, serves /health, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    // Migrated beforehand, so start itself only serves.
    expect((await jingpin(['migrate'], { DATABASE_SCHEMA: db.schema }).done).code).toBe(0);
    const run = jingpin(['start'], { DATABASE_SCHEMA: db.schema, PORT: String(port), MIGRATE_ON_START: 'false', REDIS_PREFIX: redis.prefix }, /listening/);
    await run.ready;

    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await response.json()).toEqual({ status: 'ok', engine: 'embedded', database: 'ok', mail: 'log-only' });
    run.signal('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('closing');
  });

  it('applies the repository migrations first when MIGRATE_ON_START is true', async () => {
    const port = await freePort();
    const run = jingpin(['start'], { DATABASE_SCHEMA: db.schema, PORT: String(port), REDIS_PREFIX: redis.prefix }, /listening/);
    await run.ready;
    run.signal('SIGINT');
    expect((await run.done).code).toBe(0);
    const { rows } = await db.pool.query('select count(*)::int as n from schema_migrations');
    expect(rows[0].n).toBe((await readMigrationFiles()).length);
  });
});
