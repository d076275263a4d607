import type { JobOutcome } from '../../platform/engine/outcome.ts';
import { checkJobInput, type Job, type WorkerDefinition } from '../../platform/engine/worker.ts';

/**
 * Runs a worker's handler on a job as the engine would hand it over: the variables pass the
 * worker's input schema first (a job that fails it becomes an incident, as in the engine).
 */
export async function runJob(
  worker: WorkerDefinition,
  headers: Record<string, string>,
  variables: Record<string, unknown>,
  businessKey: string | null = null,
): Promise<JobOutcome> {
  const input = checkJobInput(worker, variables);
  if (!input.ok) return { kind: 'incident', errorMessage: input.message };
  const job: Job = {
    key: '2251799813685001',
    type: worker.taskType,
    processInstanceKey: '2251799813685000',
    processDefinitionId: 'test',
    elementId: 'remind',
    elementInstanceKey: '2251799813685002',
    businessKey,
    retries: 3,
    customHeaders: headers,
    variables: input.variables,
  };
  return worker.handler(job);
}
