/**
 * The four answers a job handler can give. Every handler path ends in exactly one of them
 * (the engine adapters map them to their own calls), so no path can forget to answer a job.
 */
export type Variables = Record<string, unknown>;

export type JobOutcome =
  | { readonly kind: 'complete'; readonly variables: Variables }
  | { readonly kind: 'bpmnError'; readonly errorCode: string; readonly errorMessage: string; readonly variables: Variables }
  | { readonly kind: 'retry'; readonly afterMs: number; readonly errorMessage: string }
  | { readonly kind: 'incident'; readonly errorMessage: string };

/** Success: the token moves on; send only new variables. */
export const complete = (variables: Variables = {}): JobOutcome => ({ kind: 'complete', variables });

/** A business result the model catches with an error boundary or event sub-process. */
export const bpmnError = (errorCode: string, errorMessage: string, variables: Variables = {}): JobOutcome => ({
  kind: 'bpmnError',
  errorCode,
  errorMessage,
  variables,
});

/** A passing fault: offer the job again after `afterMs`, while retries last; then an incident. */
export const retry = (afterMs: number, errorMessage: string): JobOutcome => ({ kind: 'retry', afterMs, errorMessage });

/** Needs a person: raise an incident now. `errorMessage` is what the operator reads. */
export const incident = (errorMessage: string): JobOutcome => ({ kind: 'incident', errorMessage });
