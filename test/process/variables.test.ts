import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { close, completeTask, fetch, recordingWorker, start, states } from './helpers.ts';

/**
 * Zeebe's propagation of start variables and user-task completion variables: start variables are
 * the root scope; completion variables of a task without output mappings propagate (updating a
 * variable the root holds, creating new ones there); with output mappings they stay local to the
 * task and only the mapped targets reach the root. (Inside a sub-process: subprocess.test.ts.)
 */
describe('start and user-task variables', () => {
  let h: EngineHarness;
  const record = recordingWorker('record', fetch('applicant', 'address', 'count', 'isConfirmed', 'confirmed', 'note', 'summary'));

  beforeEach(async () => {
    record.jobs.length = 0;
    h = await createEngineHarness({ workers: [record] });
    await h.deploy('variables.bpmn');
  });
  afterEach(() => close(h));

  it('start variables are the root scope; completion variables propagate unless the task maps its outputs', async () => {
    const key = await start(h, 'user-task-variables', { applicant: 'Li Hua', count: 1, meta: { source: 'web' } });
    expect(states(await h.instance(key))).toEqual(['start:COMPLETED', 'fill:ACTIVE']);
    expect((await h.instance(key)).variables).toEqual({ applicant: 'Li Hua', count: 1, meta: { source: 'web' } });

    await completeTask(h, key, 'fill', { address: 'Gulou, Nanjing', count: 2 });
    expect((await h.instance(key)).variables).toEqual({ applicant: 'Li Hua', count: 2, meta: { source: 'web' }, address: 'Gulou, Nanjing' });

    await completeTask(h, key, 'confirm', { confirmed: true, note: 'checked by phone', count: 3 });
    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['start', 'fill', 'confirm', 'record', 'end']);
    // Only the output mapping's target left the task: not confirmed, note, count or the input summary.
    expect(view.variables).toEqual({ applicant: 'Li Hua', count: 2, meta: { source: 'web' }, address: 'Gulou, Nanjing', isConfirmed: true });
    expect(record.jobs[0]!.variables).toEqual({ applicant: 'Li Hua', address: 'Gulou, Nanjing', count: 2, isConfirmed: true });
  });
});
