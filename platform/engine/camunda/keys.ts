import { OrchestrationLifters } from '@camunda8/sdk';
import { EngineNotFoundError } from '../port.ts';

type Lifters = typeof OrchestrationLifters;
type Kind = 'ProcessInstanceKey' | 'UserTaskKey' | 'IncidentKey' | 'JobKey' | 'ScopeKey' | 'ProcessDefinitionId' | 'ElementInstanceKey';

/**
 * Lifts a string from the port into the client's branded key type. The port keeps keys as plain
 * strings; a string that cannot be a key names nothing that exists, so it is
 * "not found", as on the embedded engine, rather than a crash in the SDK's assertion.
 */
export function lift<K extends Kind>(kind: K, value: string): ReturnType<Lifters[K]['assumeExists']> {
  const lifter = OrchestrationLifters[kind] as { isValid(v: string): boolean; assumeExists(v: string): unknown };
  if (typeof value !== 'string' || !lifter.isValid(value)) {
    throw new EngineNotFoundError(`不存在 / not found: no ${kind} ${JSON.stringify(value)}`);
  }
  return lifter.assumeExists(value) as ReturnType<Lifters[K]['assumeExists']>;
}
