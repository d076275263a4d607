import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { tenServiceTasksXml, TASK_TYPE, STEPS } from '../../bench/ten-service-tasks.ts';
import { systemClock } from '../../platform/engine/clock.ts';
import { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { createWorkerRegistry, defineWorker } from '../../platform/engine/worker.ts';
import { createPool } from '../../platform/db/pool.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';

describe('two engine processes on one database', () => {
  let db: TestSchema | undefined;
  afterEach(() => db?.drop());

  it('never advance one instance twice: each step completes once, whoever runs it', async () => {
    db = await createTestSchema({ migrate: true });
    const secondPool = createPool(db.config);
    const attempts: string[] = [];
    const registry = createWorkerRegistry([
      defineWorker({
        taskType: TASK_TYPE,
        description: 'a step that yields, so the two engines interleave',
        input: Type.Object({}),
        handler: async (job) => {
          attempts.push(`${job.processInstanceKey}/${job.elementId}`);
          await new Promise((resolve) => setImmediate(resolve));
          return complete({});
        },
      }),
    ]);
    const a = new EmbeddedEngine({ pool: db.pool, clock: systemClock, background: false, concurrency: 4 });
    const b = new EmbeddedEngine({ pool: secondPool, clock: systemClock, background: false, concurrency: 4 });
    await a.startWorkers(registry);
    await b.startWorkers(registry);
    await a.deploy([{ name: 'ten.bpmn', content: tenServiceTasksXml() }]);
    const count = 60;
    for (let i = 0; i < count; i++) await a.startInstance({ processDefinitionId: 'bench-ten-steps', businessKey: `T-${i}` });

    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    await a.runUntilIdle();

    const { rows: states } = await db.pool.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM engine_instances GROUP BY state');
    expect(states).toEqual([{ state: 'COMPLETED', n: count }]);
    const { rows: jobs } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM engine_jobs WHERE state = 'COMPLETED'`);
    expect(jobs[0]!.n).toBe(count * STEPS);
    const { rows: twice } = await db.pool.query(
      `SELECT instance_key, element_id FROM engine_element_history GROUP BY instance_key, element_id HAVING count(*) <> 1`,
    );
    expect(twice).toEqual([]);
    // Both engines did work; where they raced, the loser's attempt was thrown away, not saved.
    expect(attempts.length).toBeGreaterThanOrEqual(count * STEPS);
    await a.stop();
    await b.stop();
    await secondPool.end();
  }, 60_000);
});
