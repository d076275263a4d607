/**
 * `npm run bench:engine`, three workloads, each against a baseline measured in the same run:
 * - N instances of ten service tasks through the durable embedded engine (PostgreSQL, FEEL, jobs
 *   saved before their handlers run, history) and through plain bpmn-engine, both with handlers
 *   that answer at once. Target: durable at least 0.7 of plain.
 * - N instances of ten user tasks, each completed by its own command (a wait state saved and a
 *   command applied per step), against plain bpmn-engine signalling the same tasks.
 * - The service-task workload on two engine processes sharing the database, against one.
 *
 *   BENCH_INSTANCES=500 npm run bench:engine
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Pool } from 'pg';
import { Engine } from 'bpmn-engine';
import { loadConfig } from '../platform/config.ts';
import { systemClock } from '../platform/engine/clock.ts';
import { EmbeddedEngine } from '../platform/engine/embedded/embedded-engine.ts';
import { parseBpmn } from '../platform/engine/embedded/model-repository.ts';
import { createWorkerRegistry } from '../platform/engine/worker.ts';
import { createTestSchema } from '../test/pg.ts';
import { answeringWorkers, STEPS, tenServiceTasksXml, tenUserTasksXml } from './ten-service-tasks.ts';

const N = Number(process.env.BENCH_INSTANCES ?? 500);
// As `jingpin start` runs the engine: ENGINE_RUN_COMMIT (asynchronous saves by default).
const runCommit = loadConfig().ENGINE_RUN_COMMIT;
const WARMUP = Math.min(50, Math.ceil(N / 10));
const xml = tenServiceTasksXml();
const waitsXml = tenUserTasksXml();

async function plainEngine(count: number): Promise<number> {
  const sourceContext = (await parseBpmn('bench.bpmn', xml)).get('bench-ten-steps')!;
  const silent = () => ({ debug() {}, error() {}, warn() {} });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const engine = new Engine({
      name: `plain-${i}`,
      sourceContext,
      Logger: silent,
      settings: { disableDummyScript: true, disableTrackState: true },
      extensions: {
        service(activity: { type: string; behaviour: { Service?: unknown } }) {
          if (activity.type !== 'bpmn:ServiceTask') return;
          activity.behaviour.Service = function Service() {
            return { execute: (_message: unknown, callback: (e: null, out: object) => void) => queueMicrotask(() => callback(null, {})) };
          };
        },
      },
    } as never);
    const ended = engine.waitFor('end');
    await engine.execute();
    await ended;
  }
  return performance.now() - started;
}

async function durableEngine(count: number, concurrency: number): Promise<number> {
  const db = await createTestSchema({ migrate: true });
  try {
    const engine = new EmbeddedEngine({ pool: db.pool, clock: systemClock, background: false, concurrency, runCommit });
    await engine.startWorkers(answeringWorkers());
    await engine.deploy([{ name: 'bench.bpmn', content: xml }]);
    const started = performance.now();
    for (let i = 0; i < count; i++) await engine.startInstance({ processDefinitionId: 'bench-ten-steps', businessKey: `B-${i}` });
    await engine.runUntilIdle();
    const elapsed = performance.now() - started;
    await expectCompleted(db.pool, count);
    await engine.stop();
    return elapsed;
  } finally {
    await db.drop();
  }
}

/** Plain bpmn-engine, ten user tasks signalled one by one. */
async function plainWaits(count: number): Promise<number> {
  const sourceContext = (await parseBpmn('waits.bpmn', waitsXml)).get('bench-ten-waits')!;
  const silent = () => ({ debug() {}, error() {}, warn() {} });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const engine = new Engine({ name: `waits-${i}`, sourceContext, Logger: silent, settings: { disableDummyScript: true, disableTrackState: true } } as never);
    const ended = engine.waitFor('end');
    const execution = await engine.execute();
    for (let step = 1; step <= STEPS; step++) {
      const [task] = execution.getPostponed() as unknown as { id: string; signal(): void }[];
      task!.signal();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await ended;
  }
  return performance.now() - started;
}

/** The durable engine: every open task completed by its own command, round after round. */
async function durableWaits(count: number): Promise<number> {
  const db = await createTestSchema({ migrate: true });
  try {
    const engine = new EmbeddedEngine({ pool: db.pool, clock: systemClock, background: false, concurrency: 4, runCommit });
    await engine.startWorkers(createWorkerRegistry([]));
    await engine.deploy([{ name: 'waits.bpmn', content: waitsXml }]);
    const started = performance.now();
    for (let i = 0; i < count; i++) await engine.startInstance({ processDefinitionId: 'bench-ten-waits', businessKey: `W-${i}` });
    await engine.runUntilIdle();
    for (let step = 1; step <= STEPS; step++) {
      for (const task of await engine.searchUserTasks({ state: 'CREATED' })) await engine.completeUserTask(task.userTaskKey, {});
      await engine.runUntilIdle();
    }
    const elapsed = performance.now() - started;
    await expectCompleted(db.pool, count);
    await engine.stop();
    return elapsed;
  } finally {
    await db.drop();
  }
}

/** The service-task workload on `processes` engine processes (this one and children) sharing one schema. */
async function durableProcesses(count: number, processes: number): Promise<number> {
  const db = await createTestSchema({ migrate: true });
  const children = Array.from({ length: processes - 1 }, () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'engine-process.ts')], {
      env: { ...process.env, DATABASE_SCHEMA: db.schema, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  try {
    await Promise.all(children.map((child) => new Promise((resolve) => child.stdout!.once('data', resolve))));
    const engine = new EmbeddedEngine({ pool: db.pool, clock: systemClock, schedulerIntervalMs: 20, concurrency: 4, runCommit });
    await engine.deploy([{ name: 'bench.bpmn', content: xml }]);
    await engine.startWorkers(answeringWorkers());
    const started = performance.now();
    for (let i = 0; i < count; i++) await engine.startInstance({ processDefinitionId: 'bench-ten-steps', businessKey: `P-${i}` });
    for (;;) {
      const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM engine_instances WHERE state = 'COMPLETED'`);
      if (rows[0]!.n === count) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const elapsed = performance.now() - started;
    await engine.stop();
    return elapsed;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    await db.drop();
  }
}

/** A benchmark that did not finish its work measured nothing: fail it. */
async function expectCompleted(pool: Pool, count: number): Promise<void> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM engine_instances WHERE state = 'COMPLETED'`);
  if (rows[0]!.n !== count) throw new Error(`only ${rows[0]!.n} of ${count} instances completed`);
}

const rate = (count: number, ms: number) => (count / ms) * 1000;
const row = (name: string, perSecond: number) => `  ${name.padEnd(52)} ${perSecond.toFixed(1).padStart(8)} instances/s`;

console.log(`bench:engine — ${N} instances per workload (warm-up ${WARMUP}), ENGINE_RUN_COMMIT ${runCommit}`);
await plainEngine(WARMUP);
await durableEngine(WARMUP, 4);
const plain = rate(N, await plainEngine(N));
const durable = rate(N, await durableEngine(N, 4));
const serial = rate(N, await durableEngine(N, 1));
console.log('ten service tasks:');
console.log(row('plain bpmn-engine (baseline, in memory)', plain));
console.log(row('durable embedded engine (PostgreSQL, 4 at once)', durable));
console.log(row('durable embedded engine (PostgreSQL, 1 at once)', serial));
console.log(`  ratio durable/plain: ${(durable / plain).toFixed(2)} (4 at once), ${(serial / plain).toFixed(2)} (1 at once); target ≥ 0.70`);

await plainWaits(WARMUP);
const plainWait = rate(N, await plainWaits(N));
const durableWait = rate(N, await durableWaits(N));
console.log('ten user tasks, each completed by its own command:');
console.log(row('plain bpmn-engine (baseline, signals in memory)', plainWait));
console.log(row('durable embedded engine (a command per task)', durableWait));
console.log(`  ratio durable/plain: ${(durableWait / plainWait).toFixed(2)}`);

const one = rate(N, await durableProcesses(N, 1));
const two = rate(N, await durableProcesses(N, 2));
console.log('ten service tasks, engine processes sharing one database:');
console.log(row('one process (baseline)', one));
console.log(row('two processes', two));
console.log(`  speed-up two/one: ${(two / one).toFixed(2)}`);
