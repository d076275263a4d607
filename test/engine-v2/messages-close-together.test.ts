import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { deployModels, productionEngine, until, type ProductionEngine } from './production-engine.ts';

/**
 * Issue 9, item 2: two messages for a non-interrupting boundary published before the engine ran:
 * the boundary fired once and the second message was never delivered.
 */
describe('two messages for a non-interrupting boundary, published back to back', () => {
  let db: TestSchema | undefined;
  const engines: ProductionEngine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await db?.drop();
  });

  it('fire the boundary twice: each note is recorded', async () => {
    db = await createTestSchema({ migrate: true });
    const clock = new VirtualClock('2026-12-01T09:00:00+08:00');
    const notes: string[] = [];
    const recordNote = defineWorker({
      taskType: 'record-note',
      description: 'records a note',
      input: Type.Object({ text: Type.String() }),
      handler: async (job) => {
        notes.push(job.variables.text);
        return complete({});
      },
    });
    const running = await productionEngine(db, clock);
    engines.push(running);
    await deployModels(running.engine, 'races/race-notes.bpmn');
    await running.start([recordNote]);
    const ref = await running.engine.startInstance({ processDefinitionId: 'race-notes', variables: { caseId: 'C-1' } });
    await until('the work task is open', async () => (await running.engine.searchUserTasks({ processInstanceKey: ref.processInstanceKey, state: 'CREATED' })).length === 1);
    await running.stop();
    engines.length = 0;

    // Published through an engine that is not running yet: both wait for the same subscription.
    const next = await productionEngine(db, clock);
    engines.push(next);
    await next.engine.publishMessage({ name: 'note-added', correlationKey: 'C-1', variables: { text: 'first' }, timeToLiveMs: 0 });
    await next.engine.publishMessage({ name: 'note-added', correlationKey: 'C-1', variables: { text: 'second' }, timeToLiveMs: 0 });
    await next.start([recordNote]);

    await until('both notes are recorded', () => notes.length === 2);
    const view = await next.engine.getInstance(ref.processInstanceKey);
    expect(notes.sort()).toEqual(['first', 'second']);
    expect(view.history.filter((h) => h.elementId === 'rn_note')).toHaveLength(2);
    expect(view.state).toBe('ACTIVE'); // the work goes on: the boundary did not interrupt it
    expect(await next.engine.rejectedCommands(ref.processInstanceKey)).toEqual([]);
  });
});
