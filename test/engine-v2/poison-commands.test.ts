import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { deployModels, productionEngine, until, type ProductionEngine } from './production-engine.ts';

/**
 * Issue 9, item 6: a command that threw (other than a run failure) was retried forever, with no
 * backoff and no incident, at the head of its instance's queue; a hundred such instances starved
 * all other work.
 */
describe('commands that throw', () => {
  let db: TestSchema | undefined;
  let engine: ProductionEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await db?.drop();
  });

  it('back off and become incidents after three tries, and never hold up other instances', async () => {
    db = await createTestSchema({ migrate: true });
    const clock = new VirtualClock('2026-12-01T09:00:00+08:00');
    engine = await productionEngine(db, clock);
    await deployModels(engine.engine, 'races/race-deadline.bpmn');
    await engine.start();
    const deadline = '2027-01-31T17:00:00+08:00';
    const poisoned: string[] = [];
    for (let i = 0; i < 100; i++) {
      poisoned.push((await engine.engine.startInstance({ processDefinitionId: 'race-deadline', variables: { deadline } })).processInstanceKey);
    }
    await until('every review task is open', async () => (await engine!.engine.searchUserTasks({ state: 'CREATED' })).length === 100, 30_000);
    // A command this engine cannot apply (one written by a newer version, or broken by hand).
    await db.pool.query(
      `INSERT INTO engine_commands (instance_key, kind, payload, created_at) SELECT key, 'bogus', '{"kind":"bogus"}', $1 FROM engine_instances`,
      [clock.now()],
    );

    const good = await engine.engine.startInstance({ processDefinitionId: 'race-deadline', variables: { deadline } });
    await until('the good case waits at its review', async () => (await engine!.engine.searchUserTasks({ processInstanceKey: good.processInstanceKey })).length === 1);
    const [task] = await engine.engine.searchUserTasks({ processInstanceKey: good.processInstanceKey });
    await engine.engine.completeUserTask(task!.userTaskKey, {});
    await until('the good case completes', async () => (await engine!.engine.getInstance(good.processInstanceKey)).state === 'COMPLETED');

    // Tried once, then after 1 s and 2 s of backoff on the engine clock: then an incident each.
    const tries = async () => (await db!.pool.query<{ attempts: number }>(`SELECT attempts FROM engine_commands WHERE kind = 'bogus'`)).rows.map((r) => r.attempts);
    await until('each poison command was tried once', async () => (await tries()).every((n) => n === 1));
    clock.advance(1000);
    await until('... twice', async () => (await tries()).every((n) => n === 2), 20_000);
    clock.advance(2000);
    await until('... and became incidents', async () => (await tries()).length === 0, 20_000);
    const incidents = await engine.engine.searchIncidents({ state: 'ACTIVE' });
    expect(incidents).toHaveLength(100);
    expect(new Set(incidents.map((i) => i.processInstanceKey))).toEqual(new Set(poisoned));
    expect(incidents[0]!.errorType).toBe('UNKNOWN');
    expect(incidents[0]!.errorMessage).toMatch(/unknown engine command "bogus"/);
    // Each is logged at error level with its case.
    const logged = engine.logs.filter((l) => l.level === 50 && String(l.msg).includes('bogus'));
    expect(logged).toHaveLength(100);
  }, 90_000);
});
