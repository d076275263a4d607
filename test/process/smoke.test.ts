import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';

const double = defineWorker({
  taskType: 'double',
  description: 'doubles n',
  input: Type.Object({ n: Type.Number() }),
  handler: async (job) => complete({ result: job.variables.n * 2 }),
});

describe('smoke', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createEngineHarness({ workers: [double] });
    await h.deploy('smoke.bpmn', 'forms/review.form');
  });
  afterEach(() => h.close());

  it('runs a service task with mappings, waits at a user task, completes', async () => {
    const { processInstanceKey } = await h.engine.startInstance({ processDefinitionId: 'smoke', businessKey: 'JP-1', variables: { x: 21 } });
    await h.settle();
    const [task] = await h.openTasks(processInstanceKey);
    expect(task?.candidateGroups).toEqual(['city-320100']);
    expect(task?.formKey).toMatch(/^\d+$/);
    expect((await h.instance(processInstanceKey)).variables).toEqual({ x: 21, doubled: 42 });
    await h.engine.completeUserTask(task!.userTaskKey, { approved: true });
    await h.settle();
    const view = await h.instance(processInstanceKey);
    expect(view.state).toBe('COMPLETED');
    expect(view.variables).toEqual({ x: 21, doubled: 42, approved: true });
    expect(view.history.map((e) => e.elementId)).toEqual(['start', 'double', 'review', 'end']);
  });
});
