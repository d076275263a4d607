import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { deployModels, productionEngine, until, type ProductionEngine } from './production-engine.ts';

/**
 * Issue 9, item 5: production evaluated FEEL non-strict, so a timer whose expression yields null
 * fired at once; Zeebe raises an incident. One FEEL mode now, in production and tests alike.
 */
describe('a timer whose date expression yields null, on the production configuration', () => {
  let db: TestSchema | undefined;
  let engine: ProductionEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await db?.drop();
  });

  it.each([
    ['the variable is missing', {}],
    ['the variable is null', { dueAt: null }],
  ])('raises an incident and does not fire when %s', async (_case, variables) => {
    db = await createTestSchema({ migrate: true });
    const clock = new VirtualClock('2026-12-01T09:00:00+08:00');
    engine = await productionEngine(db, clock);
    await deployModels(engine.engine, 'races/race-null-timer.bpmn');
    await engine.start();
    const ref = await engine.engine.startInstance({ processDefinitionId: 'race-null-timer', variables });
    await until('an incident is raised', async () => (await engine!.engine.getInstance(ref.processInstanceKey)).incidents.length > 0);
    const view = await engine.engine.getInstance(ref.processInstanceKey);
    expect(view.state).toBe('ACTIVE');
    expect(view.history.map((h) => h.elementId)).not.toContain('rt_end');
    expect(view.incidents).toHaveLength(1);
    expect(view.incidents[0]!.errorMessage).toMatch(/dueAt|null/);
  });
});
