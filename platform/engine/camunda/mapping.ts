import type {
  ElementInstanceResult,
  IncidentResult,
  JobSearchResult,
  ProcessInstanceResult,
  UserTaskResult,
} from '@camunda8/orchestration-cluster-api';
import type { Variables } from '../outcome.ts';
import type { ElementInstance, Incident, IncidentJob, ProcessInstanceRef, UserTask, UserTaskState } from '../port.ts';

/**
 * Zeebe has no business key (8.8). jingpin carries it as a process variable of this name (staff
 * filter by it in Operate as a variable), and also as a process-instance tag `businessKey:<value>`
 * where the tag's alphabet allows: Operate and Tasklist 8.8 neither show nor filter by tags, but the
 * search API does. The variable is the source of truth; searches use it.
 */
export const BUSINESS_KEY_VARIABLE = 'businessKey';
const TAG_PREFIX = 'businessKey:';
const TAG = /^[A-Za-z][A-Za-z0-9_\-:.]{0,99}$/;

/** The instance tag for a business key, or undefined when the key has characters a tag cannot hold. */
export function businessKeyTag(businessKey: string): string | undefined {
  const tag = `${TAG_PREFIX}${businessKey}`;
  return TAG.test(tag) ? tag : undefined;
}

/** Zeebe's transitional states (CREATING, ASSIGNING, ...) are still open tasks to a person. */
export function userTaskState(state: UserTaskResult['state']): UserTaskState {
  if (state === 'COMPLETED') return 'COMPLETED';
  if (state === 'CANCELED' || state === 'CANCELING') return 'CANCELED';
  return 'CREATED';
}

export function toUserTask(task: UserTaskResult, businessKey: string | null): UserTask {
  return {
    userTaskKey: String(task.userTaskKey),
    processInstanceKey: String(task.processInstanceKey ?? ''),
    processDefinitionId: String(task.processDefinitionId ?? ''),
    businessKey,
    elementId: String(task.elementId ?? ''),
    elementInstanceKey: String(task.elementInstanceKey ?? ''),
    name: task.name ?? null,
    assignee: task.assignee ?? null,
    candidateGroups: task.candidateGroups ?? [],
    candidateUsers: task.candidateUsers ?? [],
    dueDate: task.dueDate ?? null,
    followUpDate: task.followUpDate ?? null,
    formKey: task.formKey === undefined ? null : String(task.formKey),
    // Zeebe's default priority (the embedded engine uses the same).
    priority: task.priority ?? 50,
    state: userTaskState(task.state),
    creationDate: task.creationDate ?? '',
    completionDate: task.completionDate ?? null,
  };
}

/** PENDING is an incident being created; MIGRATED moved with its instance: for us, active and resolved. */
export function toIncident(incident: IncidentResult, businessKey: string | null = null, jobType: string | null = null): Incident {
  return {
    incidentKey: String(incident.incidentKey ?? ''),
    processInstanceKey: String(incident.processInstanceKey ?? ''),
    processDefinitionId: String(incident.processDefinitionId ?? ''),
    businessKey,
    elementId: incident.elementId ?? null,
    elementInstanceKey: incident.elementInstanceKey === undefined ? null : String(incident.elementInstanceKey),
    jobKey: incident.jobKey === undefined ? null : String(incident.jobKey),
    jobType,
    errorType: incident.errorType ?? 'UNKNOWN',
    errorMessage: incident.errorMessage ?? '',
    state: incident.state === 'RESOLVED' || incident.state === 'MIGRATED' ? 'RESOLVED' : 'ACTIVE',
    creationTime: incident.creationTime ?? '',
  };
}

export function toIncidentJob(job: JobSearchResult): IncidentJob {
  return { jobKey: String(job.jobKey), type: job.type, retries: job.retries, errorMessage: job.errorMessage ?? null, state: job.state };
}

export function toElementInstance(element: ElementInstanceResult): ElementInstance {
  return {
    elementInstanceKey: String(element.elementInstanceKey),
    elementId: String(element.elementId),
    elementType: element.type,
    state: element.state,
    startDate: element.startDate,
    endDate: element.endDate ?? null,
  };
}

export function toRef(instance: ProcessInstanceResult, businessKey: string | null): ProcessInstanceRef {
  return {
    processInstanceKey: String(instance.processInstanceKey),
    processDefinitionId: String(instance.processDefinitionId),
    processDefinitionKey: String(instance.processDefinitionKey),
    version: instance.processDefinitionVersion,
    businessKey,
  };
}

/** The search API returns every variable value as its JSON text. */
export function parseVariables(items: readonly { name: string; value: string }[]): Variables {
  const variables: Variables = {};
  for (const item of items) variables[item.name] = JSON.parse(item.value) as unknown;
  return variables;
}

/** The process instance the history and timelines show: the instance itself is not one of its elements. */
export function isTimelineElement(element: ElementInstanceResult): boolean {
  return element.type !== 'PROCESS';
}
