import type { PublishMessageRequest } from '../../platform/engine/port.ts';
import type { CyclePorts } from '../../workers/cycle/ports.ts';

/**
 * An engine that records the messages a worker publishes and, while `failing`, refuses them:
 * for testing a job repeated after its transaction committed but before its messages went out.
 */
export function flakyMessageEngine() {
  const published: PublishMessageRequest[] = [];
  const state = { failing: true, published };
  const engine = {
    async publishMessage(request: PublishMessageRequest) {
      if (state.failing) throw new Error('engine unreachable');
      published.push(request);
      return { messageKey: String(published.length) };
    },
  } as unknown as CyclePorts['engine'];
  return { state, engine };
}
