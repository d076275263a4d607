import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { deployModels, productionEngine, until, type ProductionEngine } from './production-engine.ts';

/**
 * Issue 9, item 1: a completion accepted before a deadline was lost when the engine applied it
 * after the deadline (the resume fired the timer first, then dropped the command silently).
 */
describe('a completion accepted before the deadline and applied after it', () => {
  let db: TestSchema | undefined;
  const engines: ProductionEngine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await db?.drop();
  });

  it('is applied before the deadline timer fires: the case takes the in-time path', async () => {
    db = await createTestSchema({ migrate: true });
    const clock = new VirtualClock('2026-12-31T09:00:00+08:00');
    const first = await productionEngine(db, clock);
    engines.push(first);
    await deployModels(first.engine, 'races/race-deadline.bpmn');
    await first.start();
    const ref = await first.engine.startInstance({ processDefinitionId: 'race-deadline', variables: { deadline: '2026-12-31T17:00:00+08:00' } });
    await until('the review task is open', async () => (await first.engine.searchUserTasks({ processInstanceKey: ref.processInstanceKey, state: 'CREATED' })).length === 1);
    await first.stop();
    engines.length = 0;

    // Accepted at 16:59 by an engine that does not run (the API side of a busy process) ...
    const second = await productionEngine(db, clock);
    engines.push(second);
    clock.set('2026-12-31T16:59:00+08:00');
    const [task] = await second.engine.searchUserTasks({ processInstanceKey: ref.processInstanceKey, state: 'CREATED' });
    await second.engine.completeUserTask(task!.userTaskKey, { approved: true });

    // ... and applied at 17:05, after the deadline fell due.
    clock.set('2026-12-31T17:05:00+08:00');
    await second.start();
    await until('the instance has ended', async () => (await second.engine.getInstance(ref.processInstanceKey)).state !== 'ACTIVE');
    const view = await second.engine.getInstance(ref.processInstanceKey);
    expect(view.state).toBe('COMPLETED');
    expect(view.history.map((h) => h.elementId)).toContain('rd_done');
    expect(view.history.map((h) => h.elementId)).not.toContain('rd_late');
    expect((await second.engine.getUserTask(task!.userTaskKey)).state).toBe('COMPLETED');
  });

  it('a completion that no longer applies is kept on record as rejected, with the reason', async () => {
    db = await createTestSchema({ migrate: true });
    const clock = new VirtualClock('2026-12-31T09:00:00+08:00');
    const engine = await productionEngine(db, clock);
    engines.push(engine);
    await deployModels(engine.engine, 'races/race-deadline.bpmn');
    const ref = await engine.engine.startInstance({ processDefinitionId: 'race-deadline', variables: { deadline: '2026-12-31T17:00:00+08:00' } });
    await engine.start();
    await until('the review task is open', async () => (await engine.engine.searchUserTasks({ processInstanceKey: ref.processInstanceKey, state: 'CREATED' })).length === 1);
    const [task] = await engine.engine.searchUserTasks({ processInstanceKey: ref.processInstanceKey, state: 'CREATED' });
    // Two completions accepted back to back (two clerks at once): the second finds the task completed.
    for (let i = 0; i < 2; i++) {
      await db.pool.query(
        `INSERT INTO engine_commands (instance_key, kind, payload, created_at)
         SELECT $1::bigint, 'completeUserTask', jsonb_build_object('kind', 'completeUserTask', 'userTaskKey', $2::text, 'elementInstanceKey', element_instance_key, 'variables', '{}'::jsonb), $3
           FROM engine_user_tasks WHERE key = $2::bigint`,
        [ref.processInstanceKey, task!.userTaskKey, clock.now()],
      );
    }
    await until('the second completion is rejected', async () => (await engine.engine.rejectedCommands(ref.processInstanceKey)).length > 0);
    expect((await engine.engine.getInstance(ref.processInstanceKey)).state).toBe('COMPLETED');
    const rejected = await engine.engine.rejectedCommands(ref.processInstanceKey);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ kind: 'completeUserTask', userTaskKey: task!.userTaskKey });
    expect(rejected[0]!.reason).toMatch(/流程实例已结束 \/ process instance \d+ is COMPLETED/);
    expect((await engine.engine.getInstance(ref.processInstanceKey)).rejectedCommands).toEqual(rejected);
  });
});
