import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/engine/clock.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { deployModels, productionEngine, until, type ProductionEngine } from './production-engine.ts';

/**
 * Issue 9, item 4: two processes hitting one failure both wrote an incident, and resolving both
 * replayed the failed command twice.
 */
describe('a failure met by two engine processes', () => {
  let db: TestSchema | undefined;
  const engines: ProductionEngine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await db?.drop();
  });

  it('raises one incident per instance, and resolving it replays the command once', async () => {
    db = await createTestSchema({ migrate: true });
    const a = await productionEngine(db, systemClock);
    const b = await productionEngine(db, systemClock);
    engines.push(a, b);
    await deployModels(a.engine, 'races/race-null-timer.bpmn');
    const count = 40;
    const keys: string[] = [];
    for (let i = 0; i < count; i++) keys.push((await a.engine.startInstance({ processDefinitionId: 'race-null-timer', variables: {} })).processInstanceKey);
    await Promise.all([a.start(), b.start()]);
    await until('every instance has an incident', async () => (await a.engine.searchIncidents({ state: 'ACTIVE' })).length >= count, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let any second writer finish
    const incidents = await a.engine.searchIncidents({});
    expect(incidents).toHaveLength(count);
    expect(new Set(incidents.map((i) => i.processInstanceKey)).size).toBe(count);

    // Fix the data, resolve: each instance passes its timer exactly once.
    const past = new Date(Date.now() - 60_000).toISOString();
    for (const key of keys) await a.engine.updateVariables({ elementInstanceKey: key, variables: { dueAt: past } });
    for (const incident of incidents) await (incident.incidentKey.length % 2 ? a : b).engine.resolveIncident(incident.incidentKey);
    await until('every instance completed', async () => (await db!.pool.query(`SELECT 1 FROM engine_instances WHERE state <> 'COMPLETED'`)).rowCount === 0, 30_000);
    const { rows } = await db.pool.query(
      `SELECT instance_key FROM engine_element_history WHERE element_id = 'rt_wait' GROUP BY instance_key HAVING count(*) <> 1`,
    );
    expect(rows).toEqual([]);
    expect(await a.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
  }, 60_000);
});
