import type { Variables } from './outcome.ts';
import type { WorkerRegistry } from './worker.ts';

/**
 * The engine port: what the API and the workers need from a process engine, no more.
 * Camunda 8's Orchestration Cluster REST API is the reference for names and semantics;
 * the embedded engine behaves like it, and docs/engine-parity.md records where it cannot.
 * Keys are strings (Zeebe's are 64-bit integers).
 */
export type EngineKind = 'embedded' | 'camunda';

export interface DeployResource {
  /** File name, e.g. `declaration.bpmn` or `forms/city-review.form`. */
  readonly name: string;
  readonly content: string;
}

export interface DeployedProcess {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly version: number;
  readonly resourceName: string;
}

export interface DeployedForm {
  readonly formKey: string;
  readonly formId: string;
  readonly version: number;
}

export interface Deployment {
  readonly processes: readonly DeployedProcess[];
  readonly forms: readonly DeployedForm[];
}

export interface StartInstanceRequest {
  readonly processDefinitionId: string;
  /** Declaration number or campaign year: how staff find the case (a variable named `businessKey` on Camunda). */
  readonly businessKey?: string;
  readonly variables?: Variables;
}

export interface ProcessInstanceRef {
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly version: number;
  readonly businessKey: string | null;
}

export interface PublishMessageRequest {
  readonly name: string;
  readonly correlationKey: string;
  readonly variables?: Variables;
  /** How long an uncorrelated message waits for a subscription; 0 means only open subscriptions get it. */
  readonly timeToLiveMs?: number;
  /** De-duplication: a second message with the same id is refused while the first is buffered. */
  readonly messageId?: string;
}

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface UserTask {
  readonly userTaskKey: string;
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly businessKey: string | null;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly name: string | null;
  readonly assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  /** ISO 8601 date-time with offset. */
  readonly dueDate: string | null;
  readonly followUpDate: string | null;
  readonly formKey: string | null;
  readonly priority: number;
  readonly state: UserTaskState;
  readonly creationDate: string;
  readonly completionDate: string | null;
}

export interface UserTaskFilter {
  readonly state?: UserTaskState;
  readonly assignee?: string;
  readonly candidateGroups?: readonly string[];
  readonly candidateUser?: string;
  readonly processInstanceKey?: string;
  readonly elementId?: string;
  readonly businessKey?: string;
}

export type IncidentState = 'ACTIVE' | 'RESOLVED';

export interface Incident {
  readonly incidentKey: string;
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  /** The case's business key (declaration number, campaign year), when its instance has one. */
  readonly businessKey: string | null;
  readonly elementId: string | null;
  readonly elementInstanceKey: string | null;
  readonly jobKey: string | null;
  /** The failed job's task type, when the incident is a job's. */
  readonly jobType: string | null;
  /** Camunda's error types: JOB_NO_RETRIES, UNHANDLED_ERROR_EVENT, EXTRACT_VALUE_ERROR, CALLED_ELEMENT_ERROR, ... */
  readonly errorType: string;
  readonly errorMessage: string;
  readonly state: IncidentState;
  readonly creationTime: string;
}

export type ElementInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ElementInstance {
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly elementType: string;
  readonly state: ElementInstanceState;
  readonly startDate: string;
  readonly endDate: string | null;
}

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstanceView extends ProcessInstanceRef {
  readonly state: ProcessInstanceState;
  readonly parentProcessInstanceKey: string | null;
  readonly startDate: string;
  readonly endDate: string | null;
  /** The root scope's variables. */
  readonly variables: Variables;
  readonly activeElementIds: readonly string[];
  readonly incidents: readonly Incident[];
  /** Every element instance, oldest first: the case view's timeline. */
  readonly history: readonly ElementInstance[];
  /**
   * Commands the engine accepted and later found no longer applied (a task completed after an
   * earlier command had ended it), with the reason. The embedded engine keeps them on record;
   * Zeebe refuses such a command when it is sent, so on Camunda the list is empty.
   */
  readonly rejectedCommands?: readonly RejectedCommand[];
}

export interface RejectedCommand {
  readonly kind: string;
  readonly userTaskKey: string | null;
  readonly messageName: string | null;
  readonly acceptedAt: string;
  readonly rejectedAt: string;
  readonly reason: string;
}

export interface ProcessInstanceFilter {
  readonly processDefinitionId?: string;
  readonly businessKey?: string;
  readonly state?: ProcessInstanceState;
  readonly parentProcessInstanceKey?: string;
}

export interface IncidentFilter {
  readonly processInstanceKey?: string;
  readonly processDefinitionId?: string;
  readonly businessKey?: string;
  /** One of Camunda's error types, e.g. JOB_NO_RETRIES. */
  readonly errorType?: string;
  readonly state?: IncidentState;
}

/** Zeebe's job states as its search API reports them (the embedded engine uses a subset). */
export type IncidentJobState = 'CREATED' | 'FAILED' | 'ERROR_THROWN' | 'COMPLETED' | 'CANCELED' | 'RETRIES_UPDATED' | 'TIMED_OUT' | 'MIGRATED';

/** The job behind a job incident: what Operate shows beside it. */
export interface IncidentJob {
  readonly jobKey: string;
  readonly type: string;
  readonly retries: number;
  readonly errorMessage: string | null;
  readonly state: IncidentJobState;
}

/** One incident with what a person needs to fix it. */
export interface IncidentDetail extends Incident {
  readonly job: IncidentJob | null;
  /**
   * The variables visible where the incident happened: the element instance's scope over its
   * enclosing scopes up to the root (the root alone when the incident has no element instance).
   */
  readonly variables: Variables;
}

export interface UpdateVariablesRequest {
  /** The scope: a process instance key (its root scope) or an element instance key. */
  readonly elementInstanceKey: string;
  readonly variables: Variables;
  /** True: set in that scope only. False (default): propagate up, as a job's variables would. */
  readonly local?: boolean;
}

export interface AssignOptions {
  /** False when claiming from a group queue, so two people cannot take the same task. */
  readonly allowOverride: boolean;
}

export interface EnginePort {
  readonly kind: EngineKind;
  deploy(resources: readonly DeployResource[]): Promise<Deployment>;
  /**
   * Starts a root instance. With a business key, the embedded engine starts at most one root
   * instance per process and key, for good (an ended instance keeps its key): a repeat answers
   * the instance the first start made, whatever variables it carries. Camunda 8.8 has no such
   * rule, and its search lags, so callers that must start a case once go through jingpin's case
   * starts (platform/cycle/case-starts.ts), which hold on both engines (docs/engine-parity.md).
   */
  startInstance(request: StartInstanceRequest): Promise<ProcessInstanceRef>;
  publishMessage(request: PublishMessageRequest): Promise<{ messageKey: string }>;
  /** Starts taking jobs of every task type in the registry. */
  startWorkers(registry: WorkerRegistry): Promise<void>;
  searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]>;
  getUserTask(userTaskKey: string): Promise<UserTask>;
  /**
   * The variables a user task sees: its own scope over the enclosing ones up to the root (a local
   * variable of a sub-process hides the root's of the same name). EngineNotFoundError if unknown.
   */
  getUserTaskVariables(userTaskKey: string): Promise<Variables>;
  assignUserTask(userTaskKey: string, assignee: string, options: AssignOptions): Promise<void>;
  unassignUserTask(userTaskKey: string): Promise<void>;
  completeUserTask(userTaskKey: string, variables?: Variables): Promise<void>;
  getInstance(processInstanceKey: string): Promise<ProcessInstanceView>;
  searchInstances(filter: ProcessInstanceFilter): Promise<ProcessInstanceRef[]>;
  searchIncidents(filter: IncidentFilter): Promise<Incident[]>;
  /** One incident with its job and the variables in its scope; EngineNotFoundError if unknown. */
  getIncident(incidentKey: string): Promise<IncidentDetail>;
  /**
   * Gives a job retries again (Operate's "retry", PATCH /v2/jobs/{key}); a job that failed into an
   * incident runs once its incident is resolved. `retries` is an integer ≥ 1 (EngineInputError).
   */
  updateJobRetries(jobKey: string, retries: number): Promise<void>;
  /** Sets variables of a running instance: how a person fixes the data behind an incident before resolving it. */
  updateVariables(request: UpdateVariablesRequest): Promise<void>;
  /** Marks the incident resolved and retries what failed (a job left without retries gets one). */
  resolveIncident(incidentKey: string): Promise<void>;
  cancelInstance(processInstanceKey: string): Promise<void>;
  /** Stops workers and background work; waits for in-flight work. */
  stop(): Promise<void>;
}

/** Errors of the port, classified so the API can map them to problem details. */
export class EngineNotFoundError extends Error {
  override readonly name = 'EngineNotFoundError';
}
export class EngineConflictError extends Error {
  override readonly name = 'EngineConflictError';
}
export class EngineInputError extends Error {
  override readonly name = 'EngineInputError';
}
