import type { TSchema } from '@sinclair/typebox';
import { createWorkerRegistry, type WorkerDefinition, type WorkerRegistry } from '../platform/engine/worker.ts';
import { cycleWorkerDefinitions } from './cycle/cycle-workers.ts';
import type { CyclePorts } from './cycle/ports.ts';
import { notifyWorker, type NotifyPorts } from './tasks/notify.ts';

/** What the workers need from the outside, handed in by the start-up code (graphile's toolkit, Temporal's activities). */
export interface WorkerPorts {
  readonly notifications: NotifyPorts;
  readonly cycle: CyclePorts;
}

/**
 * The only list of BPMN task types and their workers. Both engine adapters receive this same
 * object. Each worker lives in its own file under workers/tasks/, named after its task type.
 */
export function workerDefinitions(ports: WorkerPorts): readonly WorkerDefinition<TSchema>[] {
  return [...cycleWorkerDefinitions(ports.cycle), notifyWorker(ports.notifications)];
}

export function buildWorkerRegistry(ports: WorkerPorts): WorkerRegistry {
  return createWorkerRegistry(workerDefinitions(ports));
}
