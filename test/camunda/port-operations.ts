import type { CamundaEngine } from '../../platform/engine/camunda/camunda-engine.ts';
import type { FakeCluster } from './fake-cluster.ts';
import { KEYS, created, deployment, element, incidentResult, page, processInstance, published, userTask, variable } from './responses.ts';

/**
 * Every request-making operation of the engine port, with the cluster's happy answers and the
 * request whose failure the error-path suite injects. `startWorkers` and `stop` are covered by
 * job-workers.test.ts (a worker's failures back off instead of reaching a caller).
 */
export interface PortOperation {
  readonly name: string;
  /** The request whose answer the error suite replaces. */
  readonly route: string;
  readonly happy: (fake: FakeCluster) => void;
  readonly invoke: (engine: CamundaEngine) => Promise<unknown>;
}

const ok = (json?: unknown) => ({ status: json === undefined ? 204 : 200, json });

export const portOperations: readonly PortOperation[] = [
  {
    name: 'deploy',
    route: 'POST /v2/deployments',
    happy: (f) => f.on('POST /v2/deployments', ok(deployment)),
    invoke: (e) => e.deploy([{ name: 'declaration.bpmn', content: '<definitions/>' }]),
  },
  {
    name: 'startInstance',
    route: 'POST /v2/process-instances',
    happy: (f) => f.on('POST /v2/process-instances', ok(created)),
    invoke: (e) => e.startInstance({ processDefinitionId: 'declaration', businessKey: 'JP-1', variables: { year: 2026 } }),
  },
  {
    name: 'publishMessage',
    route: 'POST /v2/messages/publication',
    happy: (f) => f.on('POST /v2/messages/publication', ok(published)),
    invoke: (e) => e.publishMessage({ name: 'certification-result', correlationKey: 'JP-1', timeToLiveMs: 60_000, messageId: 'm-1', variables: { passed: true } }),
  },
  {
    name: 'searchUserTasks',
    route: 'POST /v2/user-tasks/search',
    happy: (f) => f.on('POST /v2/user-tasks/search', ok(page([userTask()]))).on('POST /v2/variables/search', ok(page([variable('businessKey', 'JP-1')]))),
    invoke: (e) => e.searchUserTasks({ state: 'CREATED', candidateGroups: ['city-320100'], businessKey: 'JP-1' }),
  },
  {
    name: 'getUserTask',
    route: `GET /v2/user-tasks/${KEYS.userTask}`,
    happy: (f) => f.on(`GET /v2/user-tasks/${KEYS.userTask}`, ok(userTask())).on('POST /v2/variables/search', ok(page([]))),
    invoke: (e) => e.getUserTask(KEYS.userTask),
  },
  {
    name: 'getUserTaskVariables',
    route: `GET /v2/user-tasks/${KEYS.userTask}`,
    happy: (f) => f.on(`GET /v2/user-tasks/${KEYS.userTask}`, ok(userTask())).on('POST /v2/variables/search', ok(page([variable('objectionId', 1)]))),
    invoke: (e) => e.getUserTaskVariables(KEYS.userTask),
  },
  {
    name: 'assignUserTask',
    route: `POST /v2/user-tasks/${KEYS.userTask}/assignment`,
    happy: (f) =>
      f
        .on(`POST /v2/user-tasks/${KEYS.userTask}/assignment`, ok())
        // Consulted after a 409: someone else holds the task.
        .on(`GET /v2/user-tasks/${KEYS.userTask}`, ok(userTask({ assignee: 'someone.else' })))
        .on('POST /v2/variables/search', ok(page([]))),
    invoke: (e) => e.assignUserTask(KEYS.userTask, 'zhang.wei', { allowOverride: false }),
  },
  {
    name: 'unassignUserTask',
    route: `DELETE /v2/user-tasks/${KEYS.userTask}/assignee`,
    happy: (f) => f.on(`DELETE /v2/user-tasks/${KEYS.userTask}/assignee`, ok()),
    invoke: (e) => e.unassignUserTask(KEYS.userTask),
  },
  {
    name: 'completeUserTask',
    route: `POST /v2/user-tasks/${KEYS.userTask}/completion`,
    happy: (f) => f.on(`POST /v2/user-tasks/${KEYS.userTask}/completion`, ok()),
    invoke: (e) => e.completeUserTask(KEYS.userTask, { approved: true }),
  },
  {
    name: 'getInstance',
    route: `GET /v2/process-instances/${KEYS.instance}`,
    happy: (f) =>
      f
        .on(`GET /v2/process-instances/${KEYS.instance}`, ok(processInstance()))
        .on('POST /v2/variables/search', ok(page([variable('year', 2026)])))
        .on('POST /v2/element-instances/search', ok(page([element('start', 'START_EVENT', 'COMPLETED', '2251799813685252', '2026-03-02T01:00:01.000Z')])))
        .on('POST /v2/incidents/search', ok(page([]))),
    invoke: (e) => e.getInstance(KEYS.instance),
  },
  {
    name: 'searchInstances',
    route: 'POST /v2/process-instances/search',
    happy: (f) => f.on('POST /v2/process-instances/search', ok(page([processInstance()]))).on('POST /v2/variables/search', ok(page([]))),
    invoke: (e) => e.searchInstances({ businessKey: 'JP-1' }),
  },
  {
    name: 'searchIncidents',
    route: 'POST /v2/incidents/search',
    happy: (f) =>
      f
        .on('POST /v2/incidents/search', ok(page([incidentResult()])))
        .on('POST /v2/variables/search', ok(page([variable('businessKey', 'JP-1')])))
        .on('POST /v2/jobs/search', ok(page([]))),
    invoke: (e) => e.searchIncidents({ processInstanceKey: KEYS.instance, state: 'ACTIVE' }),
  },
  {
    name: 'getIncident',
    route: `GET /v2/incidents/${KEYS.incident}`,
    happy: (f) =>
      f
        .on(`GET /v2/incidents/${KEYS.incident}`, ok(incidentResult()))
        .on('POST /v2/variables/search', ok(page([variable('businessKey', 'JP-1')])))
        .on('POST /v2/jobs/search', ok(page([]))),
    invoke: (e) => e.getIncident(KEYS.incident),
  },
  {
    name: 'updateJobRetries',
    route: `PATCH /v2/jobs/${KEYS.job}`,
    happy: (f) => f.on(`PATCH /v2/jobs/${KEYS.job}`, ok()),
    invoke: (e) => e.updateJobRetries(KEYS.job, 3),
  },
  {
    name: 'updateVariables',
    route: `PUT /v2/element-instances/${KEYS.elementInstance}/variables`,
    happy: (f) => f.on(`PUT /v2/element-instances/${KEYS.elementInstance}/variables`, ok()),
    invoke: (e) => e.updateVariables({ elementInstanceKey: KEYS.elementInstance, variables: { approved: true } }),
  },
  {
    name: 'resolveIncident',
    route: `POST /v2/incidents/${KEYS.incident}/resolution`,
    happy: (f) =>
      f
        .on(`GET /v2/incidents/${KEYS.incident}`, ok(incidentResult()))
        // The job has no retries left, so resolving gives it one.
        .on('POST /v2/jobs/search', ok(page([])))
        .on(`PATCH /v2/jobs/${KEYS.job}`, ok())
        .on(`POST /v2/incidents/${KEYS.incident}/resolution`, ok()),
    invoke: (e) => e.resolveIncident(KEYS.incident),
  },
  {
    name: 'cancelInstance',
    route: `POST /v2/process-instances/${KEYS.instance}/cancellation`,
    // Consulted after a 404: the instance is unknown too.
    happy: (f) => f.on(`POST /v2/process-instances/${KEYS.instance}/cancellation`, ok()).on(`GET /v2/process-instances/${KEYS.instance}`, { status: 404, json: { title: 'NOT_FOUND', status: 404 } }),
    invoke: (e) => e.cancelInstance(KEYS.instance),
  },
];
