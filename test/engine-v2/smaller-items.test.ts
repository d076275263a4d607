import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, VirtualClock } from '../../platform/engine/clock.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { EngineConflictError } from '../../platform/engine/port.ts';
import { defineWorker, type WorkerDefinition } from '../../platform/engine/worker.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { deployModels, productionEngine, until, type ProductionEngine } from './production-engine.ts';

/** Issue 9, item 9: the smaller differences from Zeebe, each on the production configuration. */
describe('smaller differences from Zeebe', () => {
  let db: TestSchema | undefined;
  let engine: ProductionEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await db?.drop();
  });

  async function open(env: Record<string, string> = {}, clock = new VirtualClock('2026-12-01T09:00:00+08:00') as VirtualClock | typeof systemClock) {
    db = await createTestSchema({ migrate: true });
    engine = await productionEngine(db, clock, env);
    return engine;
  }

  it('an exclusive gateway takes the first true condition and evaluates no further (a later one that would fail does not hold it)', async () => {
    const { engine: e, start } = await open();
    await deployModels(e, 'races/race-first-true.bpmn');
    await start();
    const ref = await e.startInstance({ processDefinitionId: 'race-first-true', variables: { route: 'a' } });
    await until('the instance ended', async () => (await e.getInstance(ref.processInstanceKey)).state !== 'ACTIVE');
    const view = await e.getInstance(ref.processInstanceKey);
    expect(view.state).toBe('COMPLETED');
    expect(view.history.map((h) => h.elementId)).toEqual(['rg_start', 'rg_gate', 'rg_endA']);
    expect(await e.searchIncidents({ processInstanceKey: ref.processInstanceKey })).toEqual([]);
  });

  it('... and still raises an incident when the condition it must evaluate fails', async () => {
    const { engine: e, start } = await open();
    await deployModels(e, 'races/race-first-true.bpmn');
    await start();
    const ref = await e.startInstance({ processDefinitionId: 'race-first-true', variables: { route: 'b' } });
    await until('an incident', async () => (await e.getInstance(ref.processInstanceKey)).incidents.length === 1);
    expect((await e.getInstance(ref.processInstanceKey)).incidents[0]!.errorMessage).toMatch(/rg_toB/);
  });

  it('cancelling a called child instance is refused, as Zeebe refuses it; cancelling the parent ends both', async () => {
    const { engine: e, start } = await open();
    await deployModels(e, 'call-parent.bpmn', 'call-child.bpmn');
    await start();
    const parent = await e.startInstance({ processDefinitionId: 'call-parent', variables: { caseId: 'K-1' } });
    await until('the child runs', async () => (await e.searchInstances({ parentProcessInstanceKey: parent.processInstanceKey })).length === 1);
    const [child] = await e.searchInstances({ parentProcessInstanceKey: parent.processInstanceKey });
    await expect(e.cancelInstance(child!.processInstanceKey)).rejects.toThrow(EngineConflictError);
    await expect(e.cancelInstance(child!.processInstanceKey)).rejects.toThrow(/cancel the parent instead/);
    await e.cancelInstance(parent.processInstanceKey);
    await until('both ended', async () => (await e.getInstance(child!.processInstanceKey)).state === 'TERMINATED');
    expect((await e.getInstance(parent.processInstanceKey)).state).toBe('TERMINATED');
  });

  it('a handler that overruns its timeout is told to stop; the job runs again without using a retry, and the late answer is ignored', async () => {
    const { engine: e, start } = await open({}, systemClock);
    await deployModels(e, 'races/race-slow-job.bpmn');
    const calls: { retries: number; aborted: () => boolean }[] = [];
    let late = false;
    const slow = defineWorker({
      taskType: 'slow-step',
      description: 'hangs on its first attempt',
      input: Type.Object({}),
      timeoutMs: 200,
      handler: async (job) => {
        const signal = job.signal!;
        calls.push({ retries: job.retries, aborted: () => signal.aborted });
        if (calls.length > 1) return complete({ attempt: 'second' });
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        await new Promise((resolve) => setTimeout(resolve, 100));
        late = true;
        return complete({ attempt: 'first' });
      },
    }) as WorkerDefinition;
    await start([slow]);
    const ref = await e.startInstance({ processDefinitionId: 'race-slow-job' });
    await until('the instance completed', async () => (await e.getInstance(ref.processInstanceKey)).state === 'COMPLETED');
    await until('the first attempt answered late', () => late);
    expect(calls.map((c) => c.retries)).toEqual([3, 3]);
    expect(calls[0]!.aborted()).toBe(true);
    expect(calls[1]!.aborted()).toBe(false);
    expect((await e.getInstance(ref.processInstanceKey)).variables['attempt']).toBe('second');
    const { rows } = await db!.pool.query<{ attempts: number; state: string }>('SELECT attempts, state FROM engine_jobs');
    expect(rows).toEqual([{ attempts: 2, state: 'COMPLETED' }]);
  });

  it('ENGINE_JOB_CONCURRENCY limits the jobs that run at once, not the instances', async () => {
    const { engine: e, start } = await open({ ENGINE_JOB_CONCURRENCY: '2' }, systemClock);
    await deployModels(e, 'races/race-fanout.bpmn');
    let running = 0;
    let most = 0;
    let done = 0;
    const step = defineWorker({
      taskType: 'fan-step',
      description: 'takes a moment',
      input: Type.Object({}),
      handler: async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        done++;
        return complete({});
      },
    }) as WorkerDefinition;
    await start([step]);
    const ref = await e.startInstance({ processDefinitionId: 'race-fanout', variables: { items: [1, 2, 3, 4, 5, 6, 7, 8] } });
    await until('the instance completed', async () => (await e.getInstance(ref.processInstanceKey)).state === 'COMPLETED');
    expect(done).toBe(8);
    expect(most).toBe(2);
  });
});
