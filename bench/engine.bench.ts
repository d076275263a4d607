/**
 * `npm run bench:engine`: N instances of a ten-service-task process through the durable embedded
 * engine (PostgreSQL, FEEL, job dispatch, history) and through plain bpmn-engine in the same run,
 * both with handlers that answer at once. Prints instances per second and the ratio.
 * Target: durable at least half as fast as plain.
 *
 *   BENCH_INSTANCES=500 npm run bench:engine
 */
import { Type } from '@sinclair/typebox';
import { Engine } from 'bpmn-engine';
import { systemClock } from '../platform/engine/clock.ts';
import { EmbeddedEngine } from '../platform/engine/embedded/embedded-engine.ts';
import { parseBpmn } from '../platform/engine/embedded/model-repository.ts';
import { complete } from '../platform/engine/outcome.ts';
import { createWorkerRegistry, defineWorker } from '../platform/engine/worker.ts';
import { createTestSchema } from '../test/pg.ts';
import { TASK_TYPE, tenServiceTasksXml } from './ten-service-tasks.ts';

const N = Number(process.env.BENCH_INSTANCES ?? 500);
const WARMUP = Math.min(50, Math.ceil(N / 10));
const xml = tenServiceTasksXml();

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
    const engine = new EmbeddedEngine({ pool: db.pool, clock: systemClock, background: false, concurrency });
    await engine.startWorkers(
      createWorkerRegistry([
        defineWorker({ taskType: TASK_TYPE, description: 'answers at once', input: Type.Object({}), handler: async () => complete({}) }),
      ]),
    );
    await engine.deploy([{ name: 'bench.bpmn', content: xml }]);
    const started = performance.now();
    for (let i = 0; i < count; i++) await engine.startInstance({ processDefinitionId: 'bench-ten-steps', businessKey: `B-${i}` });
    await engine.runUntilIdle();
    const elapsed = performance.now() - started;
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM engine_instances WHERE state = 'COMPLETED'`);
    if (rows[0]!.n !== count) throw new Error(`only ${rows[0]!.n} of ${count} instances completed`);
    await engine.stop();
    return elapsed;
  } finally {
    await db.drop();
  }
}

const rate = (count: number, ms: number) => (count / ms) * 1000;

console.log(`bench:engine — ${N} instances of 10 service tasks each (warm-up ${WARMUP})`);
await plainEngine(WARMUP);
await durableEngine(WARMUP, 4);
const plainMs = await plainEngine(N);
const durableMs = await durableEngine(N, 4);
const durableSerialMs = await durableEngine(N, 1);
const plain = rate(N, plainMs);
const durable = rate(N, durableMs);
const serial = rate(N, durableSerialMs);
const row = (name: string, perSecond: number) => `  ${name.padEnd(44)} ${perSecond.toFixed(1).padStart(8)} instances/s`;
console.log(row('plain bpmn-engine (baseline, in memory)', plain));
console.log(row('durable embedded engine (PostgreSQL, 4 at once)', durable));
console.log(row('durable embedded engine (PostgreSQL, 1 at once)', serial));
console.log(`  ratio durable/plain: ${(durable / plain).toFixed(2)} (4 at once), ${(serial / plain).toFixed(2)} (1 at once); target ≥ 0.50`);
