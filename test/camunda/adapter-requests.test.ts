import type { Wire } from './wire.ts';
import type {
  CancelProcessInstanceRequest,
  ElementInstanceSearchQuery,
  IncidentResolutionRequest,
  IncidentSearchQuery,
  JobUpdateRequest,

  MessagePublicationRequest,
  ProcessInstanceCreationInstructionById,
  ProcessInstanceSearchQuery,
  SetVariableRequest,
  UserTaskAssignmentRequest,
  UserTaskCompletionRequest,
  UserTaskSearchQuery,
  VariableSearchQuery,
} from '@camunda8/orchestration-cluster-api';
import { describe, expect, it } from 'vitest';
import { adapterOnFake } from './adapter-setup.ts';
import { problem, type SeenRequest } from './fake-cluster.ts';
import { KEYS, created, deployment, element, incidentResult, page, processInstance, published, userTask, variable } from './responses.ts';

/**
 * Every port operation's requests on the Camunda adapter: method, path and body exactly, each
 * expected body typed with the SDK's generated request type (`Wire<...>` only widens branded
 * keys to strings), and each answer mapped back into the port's shapes.
 */
const body = <T>(b: Wire<T>) => b;
const strip = ({ method, path, query, body }: SeenRequest) => ({ method, path, query, body });
const NOW_PAGE = { from: 0, limit: 200 };

describe('Camunda adapter: requests and answers of every port operation', () => {
  it('deploy: POST /v2/deployments, multipart, one part per resource named by its path', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/deployments', { status: 200, json: deployment });
    const result = await engine.deploy([
      { name: 'declaration.bpmn', content: '<definitions id="d"/>' },
      { name: 'forms/city-review.form', content: '{"id":"city-review"}' },
    ]);
    const [req] = fake.seen('POST /v2/deployments');
    expect(req?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(req?.body).toEqual([
      { name: 'resources', filename: 'declaration.bpmn', text: '<definitions id="d"/>' },
      { name: 'resources', filename: 'forms/city-review.form', text: '{"id":"city-review"}' },
      { name: 'tenantId', filename: null, text: '<default>' },
    ]);
    expect(result).toEqual({
      processes: [{ processDefinitionKey: KEYS.processDefinition, processDefinitionId: 'declaration', version: 3, resourceName: 'declaration.bpmn' }],
      forms: [{ formKey: KEYS.form, formId: 'city-review', version: 2 }],
    });
    // Deploy is a start-up step: it waited for the cluster first.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/topology', 'POST /v2/deployments']);
    expect(fake.unrouted).toEqual([]);
  });

  it('startInstance: POST /v2/process-instances with the business key as variable and tag', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/process-instances', { status: 200, json: created });
    const ref = await engine.startInstance({ processDefinitionId: 'declaration', businessKey: 'JP-2026-0042', variables: { year: 2026 } });
    expect(fake.requests.map(strip)).toEqual([
      {
        method: 'POST',
        path: '/v2/process-instances',
        query: '',
        body: body<ProcessInstanceCreationInstructionById>({
          processDefinitionId: 'declaration',
          variables: { year: 2026, businessKey: 'JP-2026-0042' },
          tags: ['businessKey:JP-2026-0042'],
          // The SDK adds the default tenant (CAMUNDA_TENANT_ID unset).
          tenantId: '<default>',
        }),
      },
    ]);
    expect(ref).toEqual({ processInstanceKey: KEYS.instance, processDefinitionId: 'declaration', processDefinitionKey: KEYS.processDefinition, version: 3, businessKey: 'JP-2026-0042' });
  });

  it('startInstance: a business key a tag cannot hold (Chinese, spaces) travels as the variable only', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/process-instances', { status: 200, json: created });
    await engine.startInstance({ processDefinitionId: 'declaration', businessKey: '苏精品 2026-1' });
    expect(fake.requests[0]?.body).toEqual(body<ProcessInstanceCreationInstructionById>({ processDefinitionId: 'declaration', variables: { businessKey: '苏精品 2026-1' }, tenantId: '<default>' }));
  });

  it('publishMessage: POST /v2/messages/publication with correlation key, time to live and message id', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/messages/publication', { status: 200, json: published });
    const result = await engine.publishMessage({ name: 'certification-result', correlationKey: 'JP-2026-0042', timeToLiveMs: 86_400_000, messageId: 'cert-JP-2026-0042', variables: { passed: true } });
    expect(fake.requests.map(strip)).toEqual([
      {
        method: 'POST',
        path: '/v2/messages/publication',
        query: '',
        body: body<MessagePublicationRequest>({ name: 'certification-result', correlationKey: 'JP-2026-0042', timeToLive: 86_400_000, variables: { passed: true }, messageId: 'cert-JP-2026-0042', tenantId: '<default>' }),
      },
    ]);
    expect(result).toEqual({ messageKey: KEYS.message });
  });

  it('publishMessage: without a time to live the message only reaches open subscriptions (0), as on the embedded engine', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/messages/publication', { status: 200, json: published });
    await engine.publishMessage({ name: 'deadline-extended', correlationKey: 'JP-1' });
    expect(fake.requests[0]?.body).toEqual(body<MessagePublicationRequest>({ name: 'deadline-extended', correlationKey: 'JP-1', timeToLive: 0, variables: {}, tenantId: '<default>' }));
  });

  it('searchUserTasks: POST /v2/user-tasks/search with every filter, then the business keys in one variable search', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/user-tasks/search', { status: 200, json: page([userTask()]) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([variable('businessKey', 'JP-2026-0042'), variable('businessKey', 'local', KEYS.elementInstance)]) });
    const tasks = await engine.searchUserTasks({
      state: 'CREATED',
      assignee: 'zhang.wei',
      candidateGroups: ['city-320100', 'province-32'],
      candidateUser: 'li.na',
      processInstanceKey: KEYS.instance,
      elementId: 'cityReview',
      businessKey: 'JP-2026-0042',
    });
    expect(fake.requests.map(strip)).toEqual([
      {
        method: 'POST',
        path: '/v2/user-tasks/search',
        query: '',
        body: body<UserTaskSearchQuery>({
          filter: {
            state: 'CREATED',
            assignee: 'zhang.wei',
            candidateGroup: { $in: ['city-320100', 'province-32'] },
            candidateUser: 'li.na',
            processInstanceKey: KEYS.instance,
            elementId: 'cityReview',
            processInstanceVariables: [{ name: 'businessKey', value: '"JP-2026-0042"' }],
          },
          sort: [{ field: 'creationDate', order: 'ASC' }],
          page: NOW_PAGE,
        }),
      },
      {
        method: 'POST',
        path: '/v2/variables/search',
        query: 'truncateValues=false',
        body: body<VariableSearchQuery>({ filter: { name: 'businessKey', processInstanceKey: { $in: [KEYS.instance] } }, page: NOW_PAGE }),
      },
    ]);
    expect(tasks).toEqual([
      {
        userTaskKey: KEYS.userTask,
        processInstanceKey: KEYS.instance,
        processDefinitionId: 'declaration',
        businessKey: 'JP-2026-0042',
        elementId: 'cityReview',
        elementInstanceKey: KEYS.elementInstance,
        name: '市级审核',
        assignee: null,
        candidateGroups: ['city-320100'],
        candidateUsers: [],
        dueDate: '2026-03-16T09:00:00.000Z',
        followUpDate: null,
        formKey: KEYS.form,
        priority: 60,
        state: 'CREATED',
        creationDate: '2026-03-02T01:01:00.000Z',
        completionDate: null,
      },
    ]);
  });

  it('searchUserTasks: reads every page', async () => {
    const { fake, engine } = adapterOnFake();
    const first = Array.from({ length: 200 }, (_, i) => userTask({ userTaskKey: String(3_000_000 + i) }));
    fake.once('POST /v2/user-tasks/search', { status: 200, json: page(first, 201) });
    fake.on('POST /v2/user-tasks/search', { status: 200, json: page([userTask({ userTaskKey: '3000200' })], 201) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([]) });
    const tasks = await engine.searchUserTasks({});
    expect(tasks).toHaveLength(201);
    expect(fake.seen('POST /v2/user-tasks/search').map((r) => (r.body as { page: unknown }).page)).toEqual([NOW_PAGE, { from: 200, limit: 200 }]);
    expect(fake.seen('POST /v2/user-tasks/search')[0]?.body).toEqual(body<UserTaskSearchQuery>({ filter: {}, sort: [{ field: 'creationDate', order: 'ASC' }], page: NOW_PAGE }));
  });

  it('getUserTask: GET /v2/user-tasks/{key}, with its business key', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`GET /v2/user-tasks/${KEYS.userTask}`, { status: 200, json: userTask({ assignee: 'zhang.wei', state: 'ASSIGNING' }) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([variable('businessKey', 'JP-7')]) });
    const task = await engine.getUserTask(KEYS.userTask);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2/user-tasks/${KEYS.userTask}`, 'POST /v2/variables/search']);
    expect(fake.requests[0]?.body).toBeUndefined();
    expect(task).toMatchObject({ userTaskKey: KEYS.userTask, assignee: 'zhang.wei', businessKey: 'JP-7', state: 'CREATED' });
  });

  it('assignUserTask: POST /v2/user-tasks/{key}/assignment with allowOverride and action', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`POST /v2/user-tasks/${KEYS.userTask}/assignment`, { status: 204 });
    await engine.assignUserTask(KEYS.userTask, 'zhang.wei', { allowOverride: false });
    await engine.assignUserTask(KEYS.userTask, 'li.na', { allowOverride: true });
    expect(fake.requests.map(strip)).toEqual([
      { method: 'POST', path: `/v2/user-tasks/${KEYS.userTask}/assignment`, query: '', body: body<UserTaskAssignmentRequest>({ assignee: 'zhang.wei', allowOverride: false, action: 'assign' }) },
      { method: 'POST', path: `/v2/user-tasks/${KEYS.userTask}/assignment`, query: '', body: body<UserTaskAssignmentRequest>({ assignee: 'li.na', allowOverride: true, action: 'assign' }) },
    ]);
  });

  it('assignUserTask: claiming a task one already holds is not a conflict; someone else holding it is', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`POST /v2/user-tasks/${KEYS.userTask}/assignment`, problem(409, 'INVALID_STATE', 'the user task is already assigned'));
    fake.on(`GET /v2/user-tasks/${KEYS.userTask}`, { status: 200, json: userTask({ assignee: 'zhang.wei' }) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([]) });
    await expect(engine.assignUserTask(KEYS.userTask, 'zhang.wei', { allowOverride: false })).resolves.toBeUndefined();
    await expect(engine.assignUserTask(KEYS.userTask, 'li.na', { allowOverride: false })).rejects.toMatchObject({ name: 'EngineConflictError' });
  });

  it('unassignUserTask: DELETE /v2/user-tasks/{key}/assignee', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`DELETE /v2/user-tasks/${KEYS.userTask}/assignee`, { status: 204 });
    await engine.unassignUserTask(KEYS.userTask);
    expect(fake.requests.map(strip)).toEqual([{ method: 'DELETE', path: `/v2/user-tasks/${KEYS.userTask}/assignee`, query: '', body: undefined }]);
  });

  it('completeUserTask: POST /v2/user-tasks/{key}/completion with variables and action', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`POST /v2/user-tasks/${KEYS.userTask}/completion`, { status: 204 });
    await engine.completeUserTask(KEYS.userTask, { approved: true, comment: '材料齐全' });
    expect(fake.requests.map(strip)).toEqual([
      { method: 'POST', path: `/v2/user-tasks/${KEYS.userTask}/completion`, query: '', body: body<UserTaskCompletionRequest>({ variables: { approved: true, comment: '材料齐全' }, action: 'complete' }) },
    ]);
  });

  it('getInstance: the instance, its root variables, its element history and its active incidents', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`GET /v2/process-instances/${KEYS.instance}`, { status: 200, json: processInstance({ parentProcessInstanceKey: KEYS.child }) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([variable('businessKey', 'JP-2026-0042'), variable('year', 2026), variable('items', [{ sku: 'A' }])]) });
    fake.on('POST /v2/element-instances/search', {
      status: 200,
      json: page([
        element('declaration', 'PROCESS', 'ACTIVE', KEYS.instance),
        element('start', 'START_EVENT', 'COMPLETED', '2251799813685252', '2026-03-02T01:00:00.100Z'),
        element('checkCredit', 'SERVICE_TASK', 'ACTIVE', KEYS.elementInstance),
      ]),
    });
    fake.on('POST /v2/incidents/search', { status: 200, json: page([incidentResult()]) });
    fake.on('POST /v2/jobs/search', { status: 200, json: page([]) });
    const view = await engine.getInstance(KEYS.instance);

    expect(fake.requests.map(strip)).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: `/v2/process-instances/${KEYS.instance}`, query: '', body: undefined },
        { method: 'POST', path: '/v2/variables/search', query: 'truncateValues=false', body: body<VariableSearchQuery>({ filter: { processInstanceKey: KEYS.instance, scopeKey: KEYS.instance }, page: NOW_PAGE }) },
        {
          method: 'POST',
          path: '/v2/element-instances/search',
          query: '',
          body: body<ElementInstanceSearchQuery>({ filter: { processInstanceKey: KEYS.instance }, sort: [{ field: 'startDate', order: 'ASC' }, { field: 'elementInstanceKey', order: 'ASC' }], page: NOW_PAGE }),
        },
        { method: 'POST', path: '/v2/incidents/search', query: '', body: body<IncidentSearchQuery>({ filter: { processInstanceKey: KEYS.instance, state: 'ACTIVE' }, sort: [{ field: 'incidentKey', order: 'ASC' }], page: NOW_PAGE }) },
      ]),
    );
    // With an incident, also its case's business key and its job's type.
    expect(fake.requests).toHaveLength(6);
    expect(view).toEqual({
      processInstanceKey: KEYS.instance,
      processDefinitionId: 'declaration',
      processDefinitionKey: KEYS.processDefinition,
      version: 3,
      businessKey: 'JP-2026-0042',
      state: 'ACTIVE',
      parentProcessInstanceKey: KEYS.child,
      startDate: '2026-03-02T01:00:00.000Z',
      endDate: null,
      // The business key is the instance's identity, not one of its variables (as on the embedded engine).
      variables: { year: 2026, items: [{ sku: 'A' }] },
      activeElementIds: ['checkCredit'],
      incidents: [
        {
          incidentKey: KEYS.incident,
          processInstanceKey: KEYS.instance,
          processDefinitionId: 'declaration',
          businessKey: 'JP-2026-0042',
          elementId: 'checkCredit',
          elementInstanceKey: KEYS.elementInstance,
          jobKey: KEYS.job,
          jobType: null,
          errorType: 'JOB_NO_RETRIES',
          errorMessage: '信用平台拒绝了证书格式 / the registry rejected the certificate format',
          state: 'ACTIVE',
          creationTime: '2026-03-02T01:05:00.000Z',
        },
      ],
      history: [
        { elementInstanceKey: '2251799813685252', elementId: 'start', elementType: 'START_EVENT', state: 'COMPLETED', startDate: '2026-03-02T01:00:00.000Z', endDate: '2026-03-02T01:00:00.100Z' },
        { elementInstanceKey: KEYS.elementInstance, elementId: 'checkCredit', elementType: 'SERVICE_TASK', state: 'ACTIVE', startDate: '2026-03-02T01:00:00.000Z', endDate: null },
      ],
    });
  });

  it('searchInstances: POST /v2/process-instances/search, the business key as a variable filter', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/process-instances/search', { status: 200, json: page([processInstance({ state: 'COMPLETED', endDate: '2026-04-01T00:00:00.000Z' })]) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([variable('businessKey', 'JP-2026-0042')]) });
    const refs = await engine.searchInstances({ processDefinitionId: 'declaration', businessKey: 'JP-2026-0042', state: 'COMPLETED', parentProcessInstanceKey: KEYS.child });
    expect(strip(fake.requests[0]!)).toEqual({
      method: 'POST',
      path: '/v2/process-instances/search',
      query: '',
      body: body<ProcessInstanceSearchQuery>({
        filter: { processDefinitionId: 'declaration', state: 'COMPLETED', parentProcessInstanceKey: KEYS.child, variables: [{ name: 'businessKey', value: '"JP-2026-0042"' }] },
        sort: [{ field: 'processInstanceKey', order: 'ASC' }],
        page: NOW_PAGE,
      }),
    });
    expect(refs).toEqual([{ processInstanceKey: KEYS.instance, processDefinitionId: 'declaration', processDefinitionKey: KEYS.processDefinition, version: 3, businessKey: 'JP-2026-0042' }]);
  });

  it('searchIncidents: POST /v2/incidents/search; PENDING counts as active, MIGRATED as resolved', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on('POST /v2/incidents/search', { status: 200, json: page([incidentResult({ state: 'PENDING' }), incidentResult({ state: 'MIGRATED', incidentKey: '2251799813685281' })]) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([]) }).on('POST /v2/jobs/search', { status: 200, json: page([]) });
    const incidents = await engine.searchIncidents({ processInstanceKey: KEYS.instance });
    expect(fake.requests[0]?.body).toEqual(body<IncidentSearchQuery>({ filter: { processInstanceKey: KEYS.instance }, sort: [{ field: 'incidentKey', order: 'ASC' }], page: NOW_PAGE }));
    expect(incidents.map((i) => i.state)).toEqual(['ACTIVE', 'RESOLVED']);
  });

  it('resolveIncident: reads the incident, gives its job without retries a retry (PATCH /v2/jobs/{key}), then resolves it', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`GET /v2/incidents/${KEYS.incident}`, { status: 200, json: incidentResult() });
    fake.on('POST /v2/jobs/search', { status: 200, json: page([]) });
    fake.on(`PATCH /v2/jobs/${KEYS.job}`, { status: 204 });
    fake.on(`POST /v2/incidents/${KEYS.incident}/resolution`, { status: 204 });
    await engine.resolveIncident(KEYS.incident);
    expect(fake.requests.map(strip)).toEqual([
      { method: 'GET', path: `/v2/incidents/${KEYS.incident}`, query: '', body: undefined },
      { method: 'POST', path: '/v2/jobs/search', query: '', body: { filter: { jobKey: { $in: [KEYS.job] } }, page: NOW_PAGE } },
      { method: 'PATCH', path: `/v2/jobs/${KEYS.job}`, query: '', body: body<JobUpdateRequest>({ changeset: { retries: 1 } }) },
      { method: 'POST', path: `/v2/incidents/${KEYS.incident}/resolution`, query: '', body: body<IncidentResolutionRequest>({}) },
    ]);
  });

  it('resolveIncident: an incident without a job (an expression failed) is resolved directly; a resolved one is a conflict', async () => {
    const { fake, engine } = adapterOnFake();
    const { jobKey: _omit, ...withoutJob } = incidentResult({ errorType: 'EXTRACT_VALUE_ERROR' });
    fake.once(`GET /v2/incidents/${KEYS.incident}`, { status: 200, json: withoutJob });
    fake.on(`GET /v2/incidents/${KEYS.incident}`, { status: 200, json: incidentResult({ state: 'RESOLVED' }) });
    fake.on(`POST /v2/incidents/${KEYS.incident}/resolution`, { status: 204 });
    await engine.resolveIncident(KEYS.incident);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2/incidents/${KEYS.incident}`, `POST /v2/incidents/${KEYS.incident}/resolution`]);
    await expect(engine.resolveIncident(KEYS.incident)).rejects.toMatchObject({ name: 'EngineConflictError' });
  });

  it('updateVariables: PUT /v2/element-instances/{key}/variables, propagating unless local', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`PUT /v2/element-instances/${KEYS.instance}/variables`, { status: 204 });
    fake.on(`PUT /v2/element-instances/${KEYS.elementInstance}/variables`, { status: 204 });
    await engine.updateVariables({ elementInstanceKey: KEYS.instance, variables: { score: 80 } });
    await engine.updateVariables({ elementInstanceKey: KEYS.elementInstance, variables: { note: '补正 / corrected' }, local: true });
    expect(fake.requests.map(strip)).toEqual([
      { method: 'PUT', path: `/v2/element-instances/${KEYS.instance}/variables`, query: '', body: body<SetVariableRequest>({ variables: { score: 80 }, local: false }) },
      { method: 'PUT', path: `/v2/element-instances/${KEYS.elementInstance}/variables`, query: '', body: body<SetVariableRequest>({ variables: { note: '补正 / corrected' }, local: true }) },
    ]);
  });

  it('cancelInstance: POST /v2/process-instances/{key}/cancellation', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`POST /v2/process-instances/${KEYS.instance}/cancellation`, { status: 204 });
    await engine.cancelInstance(KEYS.instance);
    expect(fake.requests.map(strip)).toEqual([{ method: 'POST', path: `/v2/process-instances/${KEYS.instance}/cancellation`, query: '', body: body<CancelProcessInstanceRequest>({}) }]);
  });

  it('cancelInstance: a finished instance (Zeebe: 404) is a conflict, as on the embedded engine; an unknown one is not found', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`POST /v2/process-instances/${KEYS.instance}/cancellation`, problem(404, 'NOT_FOUND'));
    fake.once(`GET /v2/process-instances/${KEYS.instance}`, { status: 200, json: processInstance({ state: 'COMPLETED', endDate: '2026-03-03T00:00:00.000Z' }) });
    fake.on(`GET /v2/process-instances/${KEYS.instance}`, problem(404, 'NOT_FOUND'));
    await expect(engine.cancelInstance(KEYS.instance)).rejects.toMatchObject({ name: 'EngineConflictError', message: expect.stringContaining('COMPLETED') });
    await expect(engine.cancelInstance(KEYS.instance)).rejects.toMatchObject({ name: 'EngineNotFoundError' });
  });

  it('a key that cannot be a Zeebe key is not found, and never reaches the cluster', async () => {
    const { fake, engine } = adapterOnFake();
    await expect(engine.getUserTask('abc')).rejects.toMatchObject({ name: 'EngineNotFoundError' });
    await expect(engine.getInstance('12; DROP')).rejects.toMatchObject({ name: 'EngineNotFoundError' });
    expect(fake.requests).toEqual([]);
  });

  it('refuses bad input as the embedded engine does, before any request', async () => {
    const { fake, engine } = adapterOnFake();
    await expect(engine.startInstance({ processDefinitionId: 'declaration', variables: [] as never })).rejects.toMatchObject({ name: 'EngineInputError' });
    await expect(engine.publishMessage({ name: '', correlationKey: 'x' })).rejects.toMatchObject({ name: 'EngineInputError' });
    await expect(engine.publishMessage({ name: 'm', correlationKey: 'x', timeToLiveMs: -1 })).rejects.toMatchObject({ name: 'EngineInputError' });
    await expect(engine.assignUserTask(KEYS.userTask, '', { allowOverride: false })).rejects.toMatchObject({ name: 'EngineInputError' });
    await expect(engine.completeUserTask(KEYS.userTask, null as never)).rejects.toMatchObject({ name: 'EngineInputError' });
    expect(fake.requests).toEqual([]);
  });
});
