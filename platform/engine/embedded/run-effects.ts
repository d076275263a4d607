import type { JobOutcome, Variables } from '../outcome.ts';
import type { Job } from '../worker.ts';
import type { ScopeTreeState } from './variable-scopes.ts';

/** Everything one run of one instance decided, written in one transaction by the instance store. */
export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'INCIDENT' | 'COMPLETED' | 'ERROR_THROWN' | 'CANCELED';

export interface JobRecord {
  key: string;
  elementId: string;
  elementInstanceKey: string;
  type: string;
  retries: number;
  state: JobState;
  retryAt: Date | null;
  errorMessage: string | null;
  customHeaders: Record<string, string>;
  createdAt: Date;
  endedAt: Date | null;
  /** Activations so far; the current attempt's number while ACTIVATED. */
  attempts: number;
  /** The engine process holding the current activation. */
  worker: string | null;
  /** When the current activation times out (engine clock). */
  deadline: Date | null;
}

/** A job this run activated: its handler runs once the run is saved, outside the run. */
export interface JobActivation {
  readonly job: Job;
  readonly attempt: number;
  readonly timeoutMs: number;
}

/** The answer to one activation of a job, applied to the instance as a command. */
export type JobAnswer = JobOutcome | { readonly kind: 'timeout'; readonly errorMessage: string };

export interface UserTaskRecord {
  key: string;
  elementId: string;
  elementInstanceKey: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  formKey: string | null;
  priority: number;
  createdAt: Date;
}

export interface SubscriptionRecord {
  elementInstanceKey: string;
  elementId: string;
  messageRef: string;
  messageName: string;
  correlationKey: string;
}

export interface HistoryRecord {
  elementId: string;
  elementType: string;
  scope: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startedAt: Date;
  endedAt: Date | null;
  seq: number;
}

export interface IncidentRecord {
  key: string;
  elementId: string | null;
  elementInstanceKey: string | null;
  jobKey: string | null;
  errorType: string;
  errorMessage: string;
  failedCommand: EngineCommand | null;
}

export interface ChildInstanceRecord {
  key: string;
  definitionKey: string;
  processId: string;
  version: number;
  businessKey: string | null;
  parentElementInstance: string;
  variables: Variables;
}

/** Work for one instance, kept in engine_commands until a run has applied it. */
export type EngineCommand =
  | { kind: 'start' }
  | { kind: 'wake' }
  | { kind: 'cancel' }
  | { kind: 'completeUserTask'; userTaskKey: string; elementInstanceKey: string; variables: Variables }
  | { kind: 'correlate'; messageKey: string; messageName: string; elementInstanceKey: string; elementId?: string; messageRef: string; variables: Variables }
  | { kind: 'childCompleted'; childInstanceKey: string; elementInstanceKey: string; variables: Variables }
  | { kind: 'setVariables'; elementInstanceKey: string | null; variables: Variables; local: boolean }
  // Kept in the memory of the process that ran the job, never in engine_commands: if that
  // process dies, the activation times out and the job runs again.
  | { kind: 'jobAnswer'; jobKey: string; elementInstanceKey: string; attempt: number; answer: JobAnswer };

export interface RunEffects {
  engineState: unknown;
  scopes: ScopeTreeState;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  nextWakeAt: Date | null;
  jobs: Map<string, JobRecord>;
  userTasksCreated: UserTaskRecord[];
  userTasksEnded: Map<string, 'COMPLETED' | 'CANCELED'>;
  subscriptionsOpened: SubscriptionRecord[];
  subscriptionsClosed: Set<string>;
  history: Map<string, HistoryRecord>;
  incidents: IncidentRecord[];
  childInstances: ChildInstanceRecord[];
  childrenToCancel: Set<string>;
  /** Element instances ended early: whatever ran inside them ends too. */
  terminated: Set<string>;
  /** Why the command no longer applied, when it did not: it is kept on record as rejected. */
  rejection: string | null;
  /** Jobs to hand to their workers once this run is saved. */
  activations: JobActivation[];
  /** Messages whose correlation was rejected here: free to correlate again while buffered. */
  uncorrelated: { messageKey: string; processId: string }[];
}

export function emptyEffects(): RunEffects {
  return {
    engineState: null,
    scopes: {},
    state: 'ACTIVE',
    nextWakeAt: null,
    jobs: new Map(),
    userTasksCreated: [],
    userTasksEnded: new Map(),
    subscriptionsOpened: [],
    subscriptionsClosed: new Set(),
    history: new Map(),
    incidents: [],
    childInstances: [],
    childrenToCancel: new Set(),
    terminated: new Set(),
    rejection: null,
    activations: [],
    uncorrelated: [],
  };
}
