import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';

describe('buffered messages', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createEngineHarness();
  });
  afterEach(() => h.close());

  const buffered = async () => (await h.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM engine_messages')).rows[0]!.n;

  it('are removed once their time to live has passed, and not before', async () => {
    await h.engine.publishMessage({ name: 'payment-received', correlationKey: 'A-1', timeToLiveMs: 3_600_000, messageId: 'pay-1' });
    await h.advance('PT59M');
    expect(await buffered()).toBe(1);
    await h.advance('PT2M');
    expect(await buffered()).toBe(0);
    // Its id is free again.
    await expect(h.engine.publishMessage({ name: 'payment-received', correlationKey: 'A-1', messageId: 'pay-1' })).resolves.toHaveProperty('messageKey');
  });
});
