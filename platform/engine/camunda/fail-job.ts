import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { Variables } from '../outcome.ts';

/**
 * The body of a job failure, every field required. The SDK's `job.fail(body: any)` accepts a
 * misspelt `retryBackoff` without complaint and then retries at once; going
 * through this type, a missing or misspelt field does not compile.
 */
export interface FailBody {
  /** What an operator reads in Operate. */
  readonly errorMessage: string;
  /** Retries left after this failure; 0 raises an incident. */
  readonly retries: number;
  /** Milliseconds before the job is offered again. */
  readonly retryBackOff: number;
  readonly variables?: Variables;
}

/** Fails a job through the typed body: the only way the adapter fails jobs. */
export function failJob(client: Pick<CamundaClient, 'failJob'>, jobKey: Parameters<CamundaClient['failJob']>[0]['jobKey'], body: FailBody) {
  return client.failJob({ jobKey, errorMessage: body.errorMessage, retries: body.retries, retryBackOff: body.retryBackOff, ...(body.variables ? { variables: body.variables } : {}) });
}
