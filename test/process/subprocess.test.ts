import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { close, completeTask, fetch, recordingWorker, start } from './helpers.ts';

/**
 * Embedded sub-processes with Zeebe's scoping: variables created inside propagate to the root
 * (bpmn-engine's cloned environments would lose them), a sub-process input mapping makes a
 * variable local to it, and a variable a scope already holds is updated there.
 */
describe('embedded sub-process', () => {
  let h: EngineHarness;
  const rate = recordingWorker('rate', Type.Object({ base: Type.Number(), bonus: Type.Number() }), (job) =>
    complete({ score: job.variables.base + job.variables.bonus }),
  );
  const attempt = recordingWorker('attempt', fetch('attempts'), (job) => complete({ attempts: Number(job.variables.attempts) + 1, outcome: 'ok' }));
  const report = recordingWorker('report', fetch('attempts', 'outcome', 'checkedBy'));

  beforeEach(async () => {
    for (const w of [rate, attempt, report]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [rate, attempt, report] });
    await h.deploy('subprocess.bpmn');
  });
  afterEach(() => close(h));

  it.each([
    [40, 70, 'endPass'],
    [10, 40, 'endFail'],
  ])('base %d: the score computed inside (%d) reaches the root and the gateway after the sub-process (%s)', async (base, score, end) => {
    const key = await start(h, 'sub-scoping', { base });
    expect(await h.path(key)).toEqual(['start', 'assess', 'assessStart', 'rate', 'assessEnd', 'passed', end]);
    // The job saw the sub-process's local input.
    expect(rate.jobs[0]!.variables).toEqual({ base, bonus: 30 });
    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    // bonus was local to the sub-process: gone with it.
    expect(view.variables).toEqual({ base, score });
  });

  it('a job variable the sub-process already holds (input mapping) is updated there, not in the root', async () => {
    const key = await start(h, 'sub-nearest-scope', { attempts: 5 });
    expect(await h.path(key)).toEqual(['nStart', 'review', 'reviewStart', 'attempt', 'check']);
    // The input mapping shadows the root's attempts inside the sub-process.
    expect(attempt.jobs[0]!.variables).toEqual({ attempts: 0 });
    // outcome is new: created in the root at once; attempts went to the sub-process scope.
    expect((await h.instance(key)).variables).toEqual({ attempts: 5, outcome: 'ok' });

    // User-task completion inside the sub-process: a new variable propagates to the root,
    // attempts (held by the sub-process) is updated in the sub-process.
    await completeTask(h, key, 'check', { checkedBy: 'wang', attempts: 7 });
    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['nStart', 'review', 'reviewStart', 'attempt', 'check', 'reviewEnd', 'report', 'nEnd']);
    expect(report.jobs[0]!.variables).toEqual({ attempts: 5, outcome: 'ok', checkedBy: 'wang' });
    expect(view.variables).toEqual({ attempts: 5, outcome: 'ok', checkedBy: 'wang' });
  });
});
