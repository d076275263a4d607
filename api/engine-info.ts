/**
 * What the API needs to know about the process engine for now: which one runs.
 * The full engine port lives in platform/engine/port.ts; start-up code hands the API an object
 * that satisfies this much of it.
 */
export interface EngineInfo {
  readonly kind: 'embedded' | 'camunda';
}
