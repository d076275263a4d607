import { describe, expect, it } from 'vitest';
import { adapterOnFake } from './adapter-setup.ts';
import { portOperations } from './port-operations.ts';

/**
 * The SDK carries the Orchestration Cluster API's schemas (generated from its OpenAPI file) and
 * can check every request against them before sending. Production leaves that off; here it is
 * strict, so a request of ours that breaks the published shape fails before it reaches the fake.
 */
describe('every port operation sends requests the Orchestration Cluster API 8.8 accepts', () => {
  it.each(portOperations)('$name', async (op) => {
    const { fake, engine } = adapterOnFake({}, { validateRequests: true });
    op.happy(fake);
    await expect(op.invoke(engine)).resolves.not.toThrow();
    expect(fake.seen(op.route)).toHaveLength(1);
  });
});
