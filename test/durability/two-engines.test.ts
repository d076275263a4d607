import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { tenServiceTasksXml, TASK_TYPE, STEPS } from '../../bench/ten-service-tasks.ts';
import { systemClock } from '../../platform/engine/clock.ts';
import { complete, retry } from '../../platform/engine/outcome.ts';
import { defineWorker, type WorkerDefinition } from '../../platform/engine/worker.ts';
import { productionEngine, until, type ProductionEngine } from '../engine-v2/production-engine.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';

interface Attempt {
  readonly engine: string;
  readonly jobKey: string;
  readonly elementInstanceKey: string;
  readonly retries: number;
}

/**
 * Issue 9, item 3: two engine processes on one database ran every job twice (600 jobs, 1,200
 * handler calls), and a job's key changed on every attempt. Each step here fails its first attempt
 * (a passing fault), so every job has exactly two attempts, whoever runs them.
 */
describe('two engine processes on one database', () => {
  let db: TestSchema | undefined;
  const engines: ProductionEngine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await db?.drop();
  });

  it('share the work and run each attempt of each job exactly once, with keys stable across attempts and processes', async () => {
    db = await createTestSchema({ migrate: true });
    const attempts: Attempt[] = [];
    const step = (engine: string): WorkerDefinition =>
      defineWorker({
        taskType: TASK_TYPE,
        description: 'a step that fails once, then succeeds',
        input: Type.Object({}),
        handler: async (job) => {
          attempts.push({ engine, jobKey: job.key, elementInstanceKey: job.elementInstanceKey, retries: job.retries });
          await new Promise((resolve) => setImmediate(resolve));
          return job.retries === 3 ? retry(0, '暂时失败 / passing fault') : complete({});
        },
      }) as WorkerDefinition;
    const a = await productionEngine(db, systemClock);
    const b = await productionEngine(db, systemClock);
    engines.push(a, b);
    await a.engine.deploy([{ name: 'ten.bpmn', content: tenServiceTasksXml() }]);
    const count = 60;
    for (let i = 0; i < count; i++) await a.engine.startInstance({ processDefinitionId: 'bench-ten-steps', businessKey: `T-${i}` });
    await Promise.all([a.start([step('a')]), b.start([step('b')])]);

    await until(
      'every instance completed',
      async () => (await db!.pool.query(`SELECT 1 FROM engine_instances WHERE state <> 'COMPLETED'`)).rowCount === 0,
      60_000,
    );

    // Every attempt recorded: two per job, 1,200 in all, and the engine counted the same.
    expect(attempts).toHaveLength(count * STEPS * 2);
    const { rows: jobs } = await db.pool.query<{ key: string; element_instance_key: string; attempts: number; state: string }>(
      'SELECT key::text, element_instance_key, attempts, state FROM engine_jobs',
    );
    expect(jobs).toHaveLength(count * STEPS);
    expect(jobs.every((j) => j.attempts === 2 && j.state === 'COMPLETED')).toBe(true);
    // None run twice for one attempt: (job, retries left) is unique.
    expect(new Set(attempts.map((t) => `${t.jobKey}/${t.retries}`)).size).toBe(attempts.length);
    // Keys stable: both attempts of a job saw the job's one key and one element instance key.
    const byKey = new Map(jobs.map((j) => [j.key, j.element_instance_key]));
    for (const t of attempts) expect(byKey.get(t.jobKey)).toBe(t.elementInstanceKey);
    // Both processes did work, and no instance was advanced twice.
    expect(new Set(attempts.map((t) => t.engine))).toEqual(new Set(['a', 'b']));
    const { rows: twice } = await db.pool.query(
      `SELECT instance_key, element_id FROM engine_element_history GROUP BY instance_key, element_id HAVING count(*) <> 1`,
    );
    expect(twice).toEqual([]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  }, 90_000);

  it('a job retried after its first process stopped keeps its key and element instance key in the next process', async () => {
    db = await createTestSchema({ migrate: true });
    const seen: Attempt[] = [];
    const record = (engine: string, answer: 'retry' | 'complete'): WorkerDefinition =>
      defineWorker({
        taskType: TASK_TYPE,
        description: 'records and answers',
        input: Type.Object({}),
        handler: async (job) => {
          seen.push({ engine, jobKey: job.key, elementInstanceKey: job.elementInstanceKey, retries: job.retries });
          return answer === 'retry' ? retry(60_000, '稍后再试 / later') : complete({});
        },
      }) as WorkerDefinition;
    const a = await productionEngine(db, systemClock);
    engines.push(a);
    await a.engine.deploy([{ name: 'ten.bpmn', content: tenServiceTasksXml() }]);
    const ref = await a.engine.startInstance({ processDefinitionId: 'bench-ten-steps', businessKey: 'T-moved' });
    await a.start([record('a', 'retry')]);
    await until('the first attempt ran', () => seen.length === 1);
    await until('its failure is saved', async () => (await db!.pool.query(`SELECT 1 FROM engine_jobs WHERE state = 'FAILED'`)).rowCount === 1);
    await a.stop();
    engines.length = 0;
    // The backoff is cut short so the next process may run it now.
    await db.pool.query(`UPDATE engine_jobs SET retry_at = now() - interval '1 second'`);
    await db.pool.query(`UPDATE engine_instances SET next_wake_at = now() - interval '1 second' WHERE key = $1`, [ref.processInstanceKey]);
    const b = await productionEngine(db, systemClock);
    engines.push(b);
    await b.start([record('b', 'complete')]);
    await until('the instance completed', async () => (await b.engine.getInstance(ref.processInstanceKey)).state === 'COMPLETED');
    const first = seen.filter((s) => s.elementInstanceKey === seen[0]!.elementInstanceKey);
    expect(first.map((s) => [s.engine, s.retries])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    expect(new Set(first.map((s) => s.jobKey)).size).toBe(1);
  }, 30_000);
});
