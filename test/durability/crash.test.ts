import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/engine/clock.ts';
import { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import { createWorkerRegistry } from '../../platform/engine/worker.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { durableStepWorker, STEP_ATTEMPTS_TABLE } from './durable-step-worker.ts';

const root = path.join(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function count(db: TestSchema, sql: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql);
  return rows[0]!.n;
}

describe('an engine process killed mid-run', () => {
  let db: TestSchema | undefined;
  afterEach(() => db?.drop());

  it('loses nothing, and a new process finishes every instance with no job completed twice', async () => {
    db = await createTestSchema({ migrate: true });
    await db.pool.query(STEP_ATTEMPTS_TABLE);
    const deployer = new EmbeddedEngine({ pool: db.pool, clock: systemClock, background: false });
    await deployer.deploy(
      await Promise.all(
        ['durability.bpmn', 'forms/review.form'].map(async (name) => ({ name, content: await readFile(path.join(root, 'test/models', name), 'utf8') })),
      ),
    );

    // 1. A separate engine process starts instances and runs them.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/durability/engine-process.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_SCHEMA: db.schema, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged = new Set<string>();
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.startsWith('started ')) acknowledged.add(line.slice(8));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // 2. Kill it (no clean shutdown) once instances wait at user tasks, timers and message
    // catches while others are still being worked on.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the engine process made too little progress: ${stderr}`);
      const waiting = await count(db, `SELECT count(*)::int AS n FROM engine_user_tasks WHERE state = 'CREATED'`);
      const subscriptions = await count(db, 'SELECT count(*)::int AS n FROM engine_message_subscriptions');
      const timers = await count(db, `SELECT count(*)::int AS n FROM engine_instances WHERE next_wake_at IS NOT NULL`);
      const inFlight = await count(db, 'SELECT count(*)::int AS n FROM engine_commands');
      const activated = await count(db, `SELECT count(*)::int AS n FROM engine_jobs WHERE state = 'ACTIVATED'`);
      const leased = await count(db, 'SELECT count(*)::int AS n FROM engine_instances WHERE lease_owner IS NOT NULL');
      if (waiting >= 15 && subscriptions >= 15 && timers >= 5 && inFlight >= 1 && activated >= 1 && leased >= 5) break;
      await sleep(20);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stderr).toBe('');

    // 3. A new engine on the same database takes the dead process's instances over once their
    // leases run out, and finishes everything.
    const heldJobs = await db.pool.query<{ key: string; attempts: number }>(`SELECT key::text, attempts FROM engine_jobs WHERE state = 'ACTIVATED'`);
    const engine = new EmbeddedEngine({ pool: db.pool, clock: systemClock, background: false });
    await engine.startWorkers(createWorkerRegistry([durableStepWorker(db.pool)]));
    await sleep(2100);
    await engine.runUntilIdle();
    const instances = await engine.searchInstances({ processDefinitionId: 'durability' });
    expect(instances.length).toBeGreaterThanOrEqual(acknowledged.size);
    for (const businessKey of acknowledged) expect(instances.some((i) => i.businessKey === businessKey)).toBe(true);

    for (const instance of instances) {
      await engine.publishMessage({ name: 'paid', correlationKey: `O-${instance.businessKey!.slice(2)}`, timeToLiveMs: 60_000 });
    }
    await engine.runUntilIdle();
    for (const task of await engine.searchUserTasks({ state: 'CREATED' })) await engine.completeUserTask(task.userTaskKey, { approved: true });
    const finish = Date.now() + 20_000;
    while ((await engine.searchInstances({ processDefinitionId: 'durability', state: 'ACTIVE' })).length > 0) {
      if (Date.now() > finish) throw new Error('instances did not finish after the restart');
      await engine.runUntilIdle();
      await sleep(100);
    }

    // 4. Every instance completed exactly once along the whole path.
    expect(await count(db, `SELECT count(*)::int AS n FROM engine_instances WHERE state <> 'COMPLETED'`)).toBe(0);
    expect(await count(db, 'SELECT count(*)::int AS n FROM engine_incidents')).toBe(0);
    for (const elementId of ['stepA', 'approve', 'cooling', 'payment', 'stepB', 'end']) {
      const wrong = await db.pool.query(
        `SELECT i.business_key, count(h.*) AS n FROM engine_instances i
           LEFT JOIN engine_element_history h ON h.instance_key = i.key AND h.element_id = $1 AND h.state = 'COMPLETED'
          GROUP BY i.business_key HAVING count(h.*) <> 1`,
        [elementId],
      );
      expect(wrong.rows, `${elementId} completed other than once`).toEqual([]);
    }
    const jobs = await db.pool.query(
      `SELECT instance_key, element_id, count(*) FILTER (WHERE state = 'COMPLETED') AS completed, count(*) AS total
         FROM engine_jobs GROUP BY instance_key, element_id HAVING count(*) FILTER (WHERE state = 'COMPLETED') <> 1 OR count(*) <> 1`,
    );
    expect(jobs.rows, 'no job completed twice, none lost').toEqual([]);
    expect(await count(db, 'SELECT count(*)::int AS n FROM engine_jobs')).toBe(instances.length * 2);
    expect(await count(db, `SELECT count(*)::int AS n FROM engine_user_tasks`)).toBe(instances.length);
    // At least once: a job whose run was cut off was attempted again, never completed again; no
    // attempt ran twice: a job's handler ran at most as often as it was activated.
    expect(await count(db, 'SELECT count(*)::int AS n FROM step_attempts')).toBeGreaterThanOrEqual(instances.length * 2);
    const overRun = await db.pool.query(
      `SELECT j.key FROM engine_jobs j LEFT JOIN step_attempts s ON s.job_key = j.key::text GROUP BY j.key, j.attempts HAVING count(s.*) > j.attempts`,
    );
    expect(overRun.rows, 'no job ran more often than it was activated').toEqual([]);
    expect(heldJobs.rows.length).toBeGreaterThan(0);
    for (const held of heldJobs.rows) {
      const { rows } = await db.pool.query<{ attempts: number }>('SELECT attempts FROM engine_jobs WHERE key = $1', [held.key]);
      expect(rows[0]!.attempts, 'a job held by the dead process was activated anew').toBeGreaterThan(held.attempts);
    }
    await engine.stop();
    await deployer.stop();
  }, 90_000);
});
