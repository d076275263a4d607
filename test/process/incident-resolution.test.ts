import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { close, completeTask, start, states } from './helpers.ts';

/** Operate's way out of a bad-data incident: fix the variables, then retry. */
describe('resolving an incident after fixing the data', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createEngineHarness();
    await h.deploy('gateways.bpmn');
  });
  afterEach(() => close(h));

  it('a gateway whose condition failed passes once the variable is corrected and the incident resolved', async () => {
    const key = await start(h, 'gw-incident');
    await completeTask(h, key, 'prepare', { approved: 'yes', score: 10 });
    const [incident] = await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    expect(incident?.errorType).toBe('EXTRACT_VALUE_ERROR');

    // Resolving without a fix only raises the incident again.
    await h.engine.resolveIncident(incident!.incidentKey);
    await h.settle();
    const again = await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    expect(again).toHaveLength(1);

    await h.engine.updateVariables({ elementInstanceKey: key, variables: { approved: true } });
    await h.engine.resolveIncident(again[0]!.incidentKey);
    await h.settle();
    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(states(view)).toEqual(['iStart:COMPLETED', 'prepare:COMPLETED', 'decide:COMPLETED', 'iApproved:COMPLETED']);
    expect(view.variables).toEqual({ approved: true, score: 10 });
    expect(await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' })).toEqual([]);
  });

  it('refuses to update the variables of an instance that is not running', async () => {
    await expect(h.engine.updateVariables({ elementInstanceKey: '123', variables: { a: 1 } })).rejects.toMatchObject({ name: 'EngineNotFoundError' });
  });
});
