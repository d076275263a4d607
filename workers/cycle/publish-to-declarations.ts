import type { MessageName } from '../../bpmn/contract.ts';
import { EngineConflictError } from '../../platform/engine/port.ts';
import type { CyclePorts } from './ports.ts';

/** A message waits this long for a declaration that has not reached its catch event yet. */
const BUFFER_MS = 30 * 24 * 3600_000;

/**
 * Publishes one message per declaration, correlated on its number. The message id is the
 * message name and the declaration, so a repeated job publishes nothing twice (the engine
 * refuses a second message with the same id while the first is buffered).
 */
export async function publishToDeclarations(
  engine: CyclePorts['engine'],
  name: MessageName,
  declarations: readonly { number: string; variables?: Record<string, unknown> }[],
): Promise<number> {
  let published = 0;
  for (const declaration of declarations) {
    try {
      await engine.publishMessage({
        name,
        correlationKey: declaration.number,
        messageId: `${name}-${declaration.number}`,
        timeToLiveMs: BUFFER_MS,
        variables: declaration.variables ?? {},
      });
      published++;
    } catch (error) {
      if (!(error instanceof EngineConflictError)) throw error;
    }
  }
  return published;
}
