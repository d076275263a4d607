import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_MESSAGE_TTL_MS, messageNames } from '../../bpmn/contract.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { close, start } from './helpers.ts';

/**
 * A result published for a case held at an incident is still there when the case is fixed days
 * later: the cycle publishes case messages with CASE_MESSAGE_TTL_MS (a year), not a day.
 */
describe('a message for a case held at an incident', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createEngineHarness();
    await h.deploy('held-case.bpmn');
  });
  afterEach(() => close(h));

  it('is taken when the incident is fixed three days later', async () => {
    const key = await start(h, 'held-case', { number: 'JP-2027-320100-0001' });
    const [incident] = await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    expect(incident).toBeDefined();

    await h.engine.publishMessage({
      name: messageNames.certificationResult,
      correlationKey: 'JP-2027-320100-0001',
      messageId: 'result-JP-2027-320100-0001',
      timeToLiveMs: CASE_MESSAGE_TTL_MS,
      variables: { certified: true },
    });
    await h.settle();
    // Held over a long weekend before anyone fixes it.
    await h.advance('P3D');
    await h.engine.updateVariables({ elementInstanceKey: key, variables: { handedOver: true } });
    await h.engine.resolveIncident(incident!.incidentKey);
    await h.settle();

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(view.variables).toMatchObject({ certified: true });
    expect(view.history.map((e) => e.elementId)).toContain('hc_done');
  });

  it('is a year, as the cycle publishes it: a day would have been lost in the case above', () => {
    expect(CASE_MESSAGE_TTL_MS).toBeGreaterThanOrEqual(365 * 24 * 3600_000);
  });
});
