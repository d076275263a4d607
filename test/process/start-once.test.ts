import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { recordingWorker, settle } from './helpers.ts';

/**
 * The embedded engine starts one root instance per process and business key, for good (the
 * engine_business_keys guard): concurrent starts and repeats answer the instance the first
 * started. Zeebe has no such rule; jingpin's case starts give it there (test/camunda/case-starts.test.ts).
 */
describe('embedded engine: one root instance per process and business key', () => {
  let h: EngineHarness;
  const prepare = recordingWorker('child-prepare', Type.Object({}), () => complete());

  beforeEach(async () => {
    h = await createEngineHarness({ workers: [prepare] });
    await h.deploy('user-tasks.bpmn', 'call-parent.bpmn', 'call-child.bpmn');
  });
  afterEach(() => h.close());

  const count = async (processId: string, businessKey: string) =>
    (await h.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM engine_instances WHERE process_id = $1 AND business_key = $2', [processId, businessKey])).rows[0]!.n;

  it('30 concurrent starts with one business key start one instance, and every caller gets it', async () => {
    const refs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.engine.startInstance({ processDefinitionId: 'user-tasks', businessKey: 'JP-2026-0042', variables: { attempt: i } })),
    );
    expect(new Set(refs.map((r) => r.processInstanceKey)).size).toBe(1);
    expect(refs[0]).toMatchObject({ processDefinitionId: 'user-tasks', businessKey: 'JP-2026-0042' });
    expect(await count('user-tasks', 'JP-2026-0042')).toBe(1);
    await settle(h);
    // The first start's variables are the case's; a repeat's are not applied to it.
    const view = await h.instance(refs[0]!.processInstanceKey);
    expect(view.state).toBe('ACTIVE');
    expect(typeof view.variables.attempt).toBe('number');
  });

  it('a key stays held after its instance ended: starting again answers the terminated instance', async () => {
    const first = await h.engine.startInstance({ processDefinitionId: 'user-tasks', businessKey: 'JP-2026-0007' });
    await settle(h);
    await h.engine.cancelInstance(first.processInstanceKey);
    await settle(h);
    expect((await h.instance(first.processInstanceKey)).state).toBe('TERMINATED');
    const again = await h.engine.startInstance({ processDefinitionId: 'user-tasks', businessKey: 'JP-2026-0007' });
    expect(again).toEqual(first);
    expect(await count('user-tasks', 'JP-2026-0007')).toBe(1);
  });

  it('the guard is per process; starts without a business key are never merged', async () => {
    const a = await h.engine.startInstance({ processDefinitionId: 'user-tasks', businessKey: 'K-1' });
    const b = await h.engine.startInstance({ processDefinitionId: 'call-child', businessKey: 'K-1' });
    expect(b.processInstanceKey).not.toBe(a.processInstanceKey);
    const c = await h.engine.startInstance({ processDefinitionId: 'user-tasks' });
    const d = await h.engine.startInstance({ processDefinitionId: 'user-tasks' });
    expect(c.processInstanceKey).not.toBe(d.processInstanceKey);
  });

  it('a child of a call activity carries its parent business key but holds none: the child process can still be started with it', async () => {
    const parent = await h.engine.startInstance({ processDefinitionId: 'call-parent', businessKey: 'JP-2026-0100', variables: { applicant: '李雷' } });
    await settle(h);
    const [child] = await h.engine.searchInstances({ parentProcessInstanceKey: parent.processInstanceKey });
    expect(child).toMatchObject({ processDefinitionId: 'call-child', businessKey: 'JP-2026-0100' });
    const own = await h.engine.startInstance({ processDefinitionId: 'call-child', businessKey: 'JP-2026-0100', variables: { applicant: '韩梅梅' } });
    expect(own.processInstanceKey).not.toBe(child!.processInstanceKey);
    const again = await h.engine.startInstance({ processDefinitionId: 'call-child', businessKey: 'JP-2026-0100' });
    expect(again.processInstanceKey).toBe(own.processInstanceKey);
  });
});
