import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { completeTask, recordingWorker, start, states } from './helpers.ts';

/**
 * Call activities to a process deployed from ANOTHER file (call-parent.bpmn → call-child.bpmn),
 * as Zeebe 8.8 runs them: the child is an instance of its own; parent variables reach it
 * (propagateAllParentVariables default); its variables come back (propagateAllChildVariables
 * default) or, with output mappings, only the mapped ones; an interrupting boundary timer on the
 * call activity terminates the child.
 */
describe('call activities across files', () => {
  let h: EngineHarness;
  // The child's service task sees the parent's variables.
  const prepare = recordingWorker('child-prepare', Type.Object({ applicant: Type.String() }), (job) => complete({ childGreeting: `您好 ${String(job.variables.applicant)}` }));
  const note = recordingWorker('note', Type.Object({}), (job) => complete({ ...job.customHeaders }));

  beforeEach(async () => {
    for (const w of [prepare, note]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [prepare, note] });
    await h.deploy('call-parent.bpmn', 'call-child.bpmn');
  });
  afterEach(() => h.close());

  async function child(parentKey: string): Promise<string> {
    const children = await h.engine.searchInstances({ parentProcessInstanceKey: parentKey });
    expect(children).toHaveLength(1);
    expect(children[0]?.processDefinitionId).toBe('call-child');
    return children[0]!.processInstanceKey;
  }

  it('the child gets its own instance with the parent variables; the parent waits until it completes and gets all its variables back', async () => {
    const parent = await start(h, 'call-parent', { applicant: '李雷', caseId: 'JP-11' });
    const childKey = await child(parent);
    expect(childKey).not.toBe(parent);

    const childView = await h.instance(childKey);
    expect(childView.parentProcessInstanceKey).toBe(parent);
    expect(childView.activeElementIds).toEqual(['cc_review']);
    expect(childView.variables).toEqual({ applicant: '李雷', caseId: 'JP-11', childGreeting: '您好 李雷' });
    expect(prepare.jobs[0]?.processInstanceKey).toBe(childKey);

    // The parent waits at the call activity while the child waits at its user task.
    expect((await h.instance(parent)).activeElementIds).toEqual(['cp_callChild']);
    expect((await h.instance(parent)).variables).toEqual({ applicant: '李雷', caseId: 'JP-11' });

    await completeTask(h, childKey, 'cc_review', { childDecision: 'approve' });

    expect((await h.instance(childKey)).state).toBe('COMPLETED');
    expect(await h.path(childKey)).toEqual(['cc_start', 'cc_prepare', 'cc_review', 'cc_end']);
    const view = await h.instance(parent);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(parent)).toEqual(['cp_start', 'cp_callChild', 'cp_end']);
    expect(view.variables).toEqual({ applicant: '李雷', caseId: 'JP-11', childGreeting: '您好 李雷', childDecision: 'approve' });
  });

  it('with output mappings (propagateAllChildVariables="false") only the mapped variables come back', async () => {
    const parent = await start(h, 'call-parent-mapped', { applicant: '韩梅梅' });
    const childKey = await child(parent);
    await completeTask(h, childKey, 'cc_review', { childDecision: 'reject', childNotes: 'incomplete' });

    const view = await h.instance(parent);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(parent)).toEqual(['cm_start', 'cm_callChild', 'cm_end']);
    expect(view.variables).toEqual({ applicant: '韩梅梅', decision: 'reject' });
  });

  it('an interrupting boundary timer on the call activity terminates the child and its open user task', async () => {
    const parent = await start(h, 'call-parent', { applicant: '李雷' });
    const childKey = await child(parent);

    await h.advance(3_600_000 - 1);
    expect((await h.instance(childKey)).state).toBe('ACTIVE');
    await h.advance(1);

    const view = await h.instance(parent);
    expect(view.state).toBe('COMPLETED');
    expect(states(view)).toEqual(['cp_start:COMPLETED', 'cp_callChild:TERMINATED', 'cp_timeout:COMPLETED', 'cp_markTimedOut:COMPLETED', 'cp_endTimedOut:COMPLETED']);
    expect(view.variables).toEqual({ applicant: '李雷', outcome: 'timedOut' });

    const childView = await h.instance(childKey);
    expect(childView.state).toBe('TERMINATED');
    expect(states(childView)).toEqual(['cc_start:COMPLETED', 'cc_prepare:COMPLETED', 'cc_review:TERMINATED']);
    expect((await h.engine.searchUserTasks({ processInstanceKey: childKey }))[0]?.state).toBe('CANCELED');
  });
});
