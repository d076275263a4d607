import type { TSchema } from '@sinclair/typebox';
import { createWorkerRegistry, type WorkerDefinition, type WorkerRegistry } from '../platform/engine/worker.ts';

/**
 * The only list of BPMN task types and their workers. Both engine adapters receive this same
 * object. Each worker lives in its own file under workers/tasks/, named after its task type.
 * The yearly cycle's models (bpmn/) and their workers arrive with that work; until then the
 * list is empty and the engine runs only what needs no worker.
 */
export const workerDefinitions: readonly WorkerDefinition<TSchema>[] = [];

export function buildWorkerRegistry(): WorkerRegistry {
  return createWorkerRegistry(workerDefinitions);
}
