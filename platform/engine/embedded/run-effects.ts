import type { Variables } from '../outcome.ts';
import type { ScopeTreeState } from './variable-scopes.ts';

/** Everything one run of one instance decided, written in one transaction by the instance store. */
export type JobState = 'ACTIVATABLE' | 'FAILED' | 'INCIDENT' | 'COMPLETED' | 'ERROR_THROWN' | 'CANCELED';

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
}

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
  | { kind: 'correlate'; messageKey: string; messageName: string; elementInstanceKey: string; messageRef: string; variables: Variables }
  | { kind: 'childCompleted'; childInstanceKey: string; elementInstanceKey: string; variables: Variables }
  | { kind: 'setVariables'; elementInstanceKey: string | null; variables: Variables; local: boolean };

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
  };
}
