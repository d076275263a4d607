import type { Wire } from './wire.ts';
import type {
  ActivatedJobResult,
  CreateProcessInstanceResult,
  DeploymentResult,
  ElementInstanceResult,
  IncidentResult,

  MessagePublicationResult,
  ProcessInstanceResult,
  TopologyResponse,
  UserTaskResult,
  VariableSearchResult,
} from '@camunda8/orchestration-cluster-api';

/**
 * Response bodies of the Orchestration Cluster API 8.8, typed with the SDK's generated types
 * (tsc checks them against the published shapes) and checked again at run time by the client's
 * strict response validation, which the fake-fetch suite turns on.
 */
export const KEYS = {
  processDefinition: '2251799813685249',
  instance: '2251799813685251',
  child: '2251799813685299',
  userTask: '2251799813685260',
  job: '2251799813685270',
  incident: '2251799813685280',
  elementInstance: '2251799813685255',
  deployment: '2251799813685240',
  form: '2251799813685245',
  message: '2251799813685290',
} as const;

type Page<T> = { items: T[]; page: { totalItems: number } };
export const page = <T>(items: T[], totalItems = items.length): Page<T> => ({ items, page: { totalItems } });

export const topology: Wire<TopologyResponse> = {
  brokers: [{ nodeId: 0, host: 'camunda', port: 26501, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: '8.8.36' }],
  clusterSize: 1,
  partitionsCount: 1,
  replicationFactor: 1,
  gatewayVersion: '8.8.36',
  lastCompletedChangeId: '-1',
};

export const deployment: Wire<DeploymentResult> = {
  tenantId: '<default>',
  deploymentKey: KEYS.deployment,
  deployments: [
    { processDefinition: { processDefinitionId: 'declaration', processDefinitionVersion: 3, resourceName: 'declaration.bpmn', tenantId: '<default>', processDefinitionKey: KEYS.processDefinition } },
    { form: { formId: 'city-review', version: 2, resourceName: 'forms/city-review.form', tenantId: '<default>', formKey: KEYS.form } },
  ],
};

export const created: Wire<CreateProcessInstanceResult> = {
  processDefinitionId: 'declaration',
  processDefinitionVersion: 3,
  tenantId: '<default>',
  variables: {},
  processDefinitionKey: KEYS.processDefinition,
  processInstanceKey: KEYS.instance,
};

export const published: Wire<MessagePublicationResult> = { tenantId: '<default>', messageKey: KEYS.message };

export function processInstance(overrides: Partial<Wire<ProcessInstanceResult>> = {}): Wire<ProcessInstanceResult> {
  return {
    processDefinitionId: 'declaration',
    processDefinitionName: '江苏精品申报',
    processDefinitionVersion: 3,
    startDate: '2026-03-02T01:00:00.000Z',
    state: 'ACTIVE',
    hasIncident: false,
    tenantId: '<default>',
    processInstanceKey: KEYS.instance,
    processDefinitionKey: KEYS.processDefinition,
    ...overrides,
  };
}

export function variable(name: string, value: unknown, scopeKey: string = KEYS.instance, processInstanceKey: string = KEYS.instance): Wire<VariableSearchResult> {
  return { name, value: JSON.stringify(value), tenantId: '<default>', variableKey: String(1000 + name.length), scopeKey, processInstanceKey, isTruncated: false };
}

export function element(elementId: string, type: Wire<ElementInstanceResult>['type'], state: Wire<ElementInstanceResult>['state'], key: string, endDate?: string): Wire<ElementInstanceResult> {
  return {
    processDefinitionId: 'declaration',
    startDate: '2026-03-02T01:00:00.000Z',
    ...(endDate ? { endDate } : {}),
    elementId,
    elementName: elementId,
    type,
    state,
    hasIncident: false,
    tenantId: '<default>',
    elementInstanceKey: key,
    processInstanceKey: KEYS.instance,
    processDefinitionKey: KEYS.processDefinition,
  };
}

export function incidentResult(overrides: Partial<Wire<IncidentResult>> = {}): Wire<IncidentResult> {
  return {
    processDefinitionId: 'declaration',
    errorType: 'JOB_NO_RETRIES',
    errorMessage: '信用平台拒绝了证书格式 / the registry rejected the certificate format',
    elementId: 'checkCredit',
    creationTime: '2026-03-02T01:05:00.000Z',
    state: 'ACTIVE',
    tenantId: '<default>',
    incidentKey: KEYS.incident,
    processDefinitionKey: KEYS.processDefinition,
    processInstanceKey: KEYS.instance,
    elementInstanceKey: KEYS.elementInstance,
    jobKey: KEYS.job,
    ...overrides,
  };
}

export function userTask(overrides: Partial<Wire<UserTaskResult>> = {}): Wire<UserTaskResult> {
  return {
    name: '市级审核',
    state: 'CREATED',
    elementId: 'cityReview',
    candidateGroups: ['city-320100'],
    candidateUsers: [],
    processDefinitionId: 'declaration',
    creationDate: '2026-03-02T01:01:00.000Z',
    dueDate: '2026-03-16T09:00:00.000Z',
    tenantId: '<default>',
    processDefinitionVersion: 3,
    customHeaders: {},
    priority: 60,
    userTaskKey: KEYS.userTask,
    elementInstanceKey: KEYS.elementInstance,
    processName: '江苏精品申报',
    processDefinitionKey: KEYS.processDefinition,
    processInstanceKey: KEYS.instance,
    formKey: KEYS.form,
    ...overrides,
  };
}

export function activatedJob(type: string, variables: Record<string, unknown>, overrides: Partial<Wire<ActivatedJobResult>> = {}): Wire<ActivatedJobResult> {
  return {
    type,
    processDefinitionId: 'declaration',
    processDefinitionVersion: 3,
    elementId: 'checkCredit',
    customHeaders: { source: 'credit-jiangsu' },
    worker: 'jingpin-test',
    retries: 3,
    deadline: Date.now() + 60_000,
    variables,
    tenantId: '<default>',
    jobKey: KEYS.job,
    processInstanceKey: KEYS.instance,
    processDefinitionKey: KEYS.processDefinition,
    elementInstanceKey: KEYS.elementInstance,
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
    ...overrides,
  };
}
