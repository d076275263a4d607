import { hostname } from 'node:os';
import { OrchestrationLifters } from '@camunda8/sdk';
import type { CamundaClient, IncidentResult, JobSearchResult, TenantId } from '@camunda8/orchestration-cluster-api';
import type { Variables } from '../outcome.ts';
import type {
  AssignOptions,
  DeployResource,
  Deployment,
  EnginePort,
  Incident,
  IncidentDetail,
  IncidentFilter,
  ProcessInstanceFilter,
  ProcessInstanceRef,
  ProcessInstanceView,
  PublishMessageRequest,
  StartInstanceRequest,
  UserTask,
  UserTaskFilter,
  UpdateVariablesRequest,
} from '../port.ts';
import { EngineConflictError, EngineInputError, EngineNotFoundError } from '../port.ts';
import type { WorkerRegistry } from '../worker.ts';
import { JobPoller } from './job-poller.ts';
import { lift } from './keys.ts';
import type { EngineLog } from './log.ts';
import {
  BUSINESS_KEY_VARIABLE,
  businessKeyTag,
  isTimelineElement,
  parseVariables,
  toElementInstance,
  toIncident,
  toIncidentJob,
  toRef,
  toUserTask,
} from './mapping.ts';
import { request, type Cancelable } from './request.ts';
import { NOW, searchAll } from './search-all.ts';
import { waitForCluster } from './wait-for-cluster.ts';

export interface CamundaEngineOptions {
  /** The Orchestration Cluster REST client (settings.ts builds it from the configuration). */
  readonly client: CamundaClient;
  readonly log: EngineLog;
  /** The REST address, for messages. */
  readonly address: string;
  readonly tenantId?: string;
  readonly requestTimeoutMs: number;
  readonly startupAttempts: number;
  readonly maxBackoffMs: number;
  /** Jobs of one type handled at once by this process; modest, as Camunda advises. */
  readonly maxParallelJobs?: number;
  /** How long one activation request waits for jobs. */
  readonly pollTimeoutMs?: number;
  /** Start-up's wait between attempts (tests shorten it). */
  readonly startupDelayMs?: number;
  /** How long stop() waits for jobs in hand. */
  readonly stopWaitMs?: number;
}

/**
 * The engine port on Camunda 8 through the Orchestration Cluster REST API (/v2). Engine state
 * lives in Zeebe; this adapter keeps none, so a restart loses nothing and any number of worker
 * processes can run side by side. Errors are classified into the port's classes at the edge
 * (errors.ts); a cluster that is away gives CamundaUnavailableError.
 */
export class CamundaEngine implements EnginePort {
  readonly kind = 'camunda' as const;
  readonly #o: CamundaEngineOptions;
  readonly #client: CamundaClient;
  #pollers: JobPoller[] = [];
  #connected: Promise<void> | undefined;

  constructor(options: CamundaEngineOptions) {
    this.#o = options;
    this.#client = options.client;
  }

  /** Waits for the cluster once (start-up's deploy and workers call it); later calls fail fast instead. */
  connect(): Promise<void> {
    this.#connected ??= waitForCluster(() => this.#call('查询集群拓扑 / read the cluster topology', () => this.#client.getTopology()), {
      address: this.#o.address,
      attempts: this.#o.startupAttempts,
      firstDelayMs: this.#o.startupDelayMs ?? 1000,
      log: this.#o.log,
    }).then(
      (topology) => this.#o.log.info({ address: this.#o.address, gatewayVersion: topology.gatewayVersion }, '已连接 Camunda 8 / connected to Camunda 8'),
      (error: unknown) => {
        this.#connected = undefined; // the next start-up step may try again
        throw error;
      },
    );
    return this.#connected;
  }

  async deploy(resources: readonly DeployResource[]): Promise<Deployment> {
    await this.connect();
    const files = resources.map((r) => new File([r.content], r.name, { type: 'application/octet-stream' }));
    const result = await this.#call('部署模型 / deploy models', () =>
      this.#client.createDeployment({ resources: files, ...(this.#o.tenantId ? { tenantId: this.#o.tenantId } : {}) }),
    );
    return {
      processes: result.processes.map((p) => ({
        processDefinitionKey: String(p.processDefinitionKey),
        processDefinitionId: String(p.processDefinitionId),
        version: p.processDefinitionVersion,
        resourceName: p.resourceName,
      })),
      forms: result.forms.map((f) => ({ formKey: String(f.formKey ?? ''), formId: String(f.formId ?? ''), version: f.version ?? 0 })),
    };
  }

  async startInstance(request: StartInstanceRequest): Promise<ProcessInstanceRef> {
    const variables = checkVariables(request.variables ?? {});
    const businessKey = request.businessKey ?? null;
    const tag = businessKey === null ? undefined : businessKeyTag(businessKey);
    const created = await this.#call('启动流程实例 / start a process instance', () =>
      this.#client.createProcessInstance({
        processDefinitionId: lift('ProcessDefinitionId', request.processDefinitionId),
        variables: businessKey === null ? variables : { ...variables, [BUSINESS_KEY_VARIABLE]: businessKey },
        ...(tag ? { tags: [OrchestrationLifters.Tag.fromString(tag)] } : {}),
        ...this.#tenant(),
      }),
    );
    return {
      processInstanceKey: String(created.processInstanceKey),
      processDefinitionId: String(created.processDefinitionId),
      processDefinitionKey: String(created.processDefinitionKey),
      version: created.processDefinitionVersion,
      businessKey,
    };
  }

  async publishMessage(message: PublishMessageRequest): Promise<{ messageKey: string }> {
    if (!message.name) throw new EngineInputError('name 不能为空 / message name is required');
    if (typeof message.correlationKey !== 'string') throw new EngineInputError('correlationKey 必须是字符串 / correlationKey must be a string');
    const ttl = message.timeToLiveMs ?? 0;
    if (!Number.isInteger(ttl) || ttl < 0) throw new EngineInputError('timeToLiveMs 必须是非负整数 / timeToLiveMs must be a non-negative integer');
    const result = await this.#call('发布消息 / publish a message', () =>
      this.#client.publishMessage({
        name: message.name,
        correlationKey: message.correlationKey,
        timeToLive: ttl,
        variables: checkVariables(message.variables ?? {}),
        ...(message.messageId ? { messageId: message.messageId } : {}),
        ...this.#tenant(),
      }),
    );
    return { messageKey: String(result.messageKey ?? '') };
  }

  async startWorkers(registry: WorkerRegistry): Promise<void> {
    await this.connect();
    for (const worker of registry.values()) {
      const poller = new JobPoller({
        client: this.#client,
        worker,
        log: this.#o.log,
        maxParallelJobs: this.#o.maxParallelJobs ?? 4,
        pollTimeoutMs: this.#o.pollTimeoutMs ?? 20_000,
        requestTimeoutMs: this.#o.requestTimeoutMs,
        maxBackoffMs: this.#o.maxBackoffMs,
        workerName: workerName(),
        ...(this.#o.tenantId ? { tenantId: this.#o.tenantId } : {}),
      });
      this.#pollers.push(poller);
      poller.start();
    }
  }

  /** When each task type's polling last succeeded: for a health check that sees a stuck worker. */
  workerLiveness(): ReadonlyMap<string, Date | undefined> {
    return new Map(this.#pollers.map((p) => [p.taskType, p.lastPollAt]));
  }

  async searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    const groups = filter.candidateGroups ?? [];
    const tasks = await searchAll('查询用户任务 / search user tasks', this.#o.requestTimeoutMs, (page) =>
      this.#client.searchUserTasks(
        {
          filter: {
            ...(filter.state ? { state: filter.state } : {}),
            ...(filter.assignee ? { assignee: filter.assignee } : {}),
            ...(groups.length ? { candidateGroup: { $in: [...groups] } } : {}),
            ...(filter.candidateUser ? { candidateUser: filter.candidateUser } : {}),
            ...(filter.processInstanceKey ? { processInstanceKey: lift('ProcessInstanceKey', filter.processInstanceKey) } : {}),
            ...(filter.elementId ? { elementId: filter.elementId as never } : {}),
            ...(filter.businessKey !== undefined ? { processInstanceVariables: [{ name: BUSINESS_KEY_VARIABLE, value: JSON.stringify(filter.businessKey) }] } : {}),
          },
          sort: [{ field: 'creationDate', order: 'ASC' }],
          page,
        },
        NOW,
      ),
    );
    const keys = await this.#businessKeys(tasks.map((t) => String(t.processInstanceKey ?? '')));
    return tasks.map((t) => toUserTask(t, keys.get(String(t.processInstanceKey)) ?? null));
  }

  async getUserTask(userTaskKey: string): Promise<UserTask> {
    const task = await this.#call(`读取用户任务 / get user task ${userTaskKey}`, () =>
      this.#client.getUserTask({ userTaskKey: lift('UserTaskKey', userTaskKey) }, NOW),
    );
    const keys = await this.#businessKeys([String(task.processInstanceKey ?? '')]);
    return toUserTask(task, keys.get(String(task.processInstanceKey)) ?? null);
  }

  async assignUserTask(userTaskKey: string, assignee: string, options: AssignOptions): Promise<void> {
    if (!assignee) throw new EngineInputError('assignee 不能为空 / assignee is required');
    const key = lift('UserTaskKey', userTaskKey);
    try {
      await this.#call(`分派用户任务 / assign user task ${userTaskKey}`, () =>
        this.#client.assignUserTask({ userTaskKey: key, assignee, allowOverride: options.allowOverride, action: 'assign' }),
      );
    } catch (error) {
      // Claiming a task one already holds is not a conflict (as on the embedded engine).
      if (error instanceof EngineConflictError && !options.allowOverride && (await this.getUserTask(userTaskKey)).assignee === assignee) return;
      throw error;
    }
  }

  async unassignUserTask(userTaskKey: string): Promise<void> {
    await this.#call(`取消分派 / unassign user task ${userTaskKey}`, () => this.#client.unassignUserTask({ userTaskKey: lift('UserTaskKey', userTaskKey) }));
  }

  async completeUserTask(userTaskKey: string, variables: Variables = {}): Promise<void> {
    const checked = checkVariables(variables);
    await this.#call(`完成用户任务 / complete user task ${userTaskKey}`, () =>
      this.#client.completeUserTask({ userTaskKey: lift('UserTaskKey', userTaskKey), variables: checked, action: 'complete' }),
    );
  }

  async getInstance(processInstanceKey: string): Promise<ProcessInstanceView> {
    const key = lift('ProcessInstanceKey', processInstanceKey);
    const timeout = this.#o.requestTimeoutMs;
    const [instance, variables, elements, incidents] = await Promise.all([
      this.#call(`读取流程实例 / get process instance ${processInstanceKey}`, () => this.#client.getProcessInstance({ processInstanceKey: key }, NOW)),
      searchAll('读取实例变量 / read instance variables', timeout, (page) =>
        this.#client.searchVariables({ filter: { processInstanceKey: key, scopeKey: lift('ScopeKey', processInstanceKey) }, page, truncateValues: false }, NOW),
      ),
      searchAll('读取实例历史 / read instance history', timeout, (page) =>
        this.#client.searchElementInstances({ filter: { processInstanceKey: key }, sort: [{ field: 'startDate', order: 'ASC' }, { field: 'elementInstanceKey', order: 'ASC' }], page }, NOW),
      ),
      this.searchIncidents({ processInstanceKey, state: 'ACTIVE' }),
    ]);
    const all = parseVariables(variables);
    const businessKey = typeof all[BUSINESS_KEY_VARIABLE] === 'string' ? (all[BUSINESS_KEY_VARIABLE] as string) : null;
    delete all[BUSINESS_KEY_VARIABLE];
    const history = elements.filter(isTimelineElement).map(toElementInstance);
    return {
      ...toRef(instance, businessKey),
      state: instance.state,
      parentProcessInstanceKey: instance.parentProcessInstanceKey === undefined ? null : String(instance.parentProcessInstanceKey),
      startDate: instance.startDate,
      endDate: instance.endDate ?? null,
      variables: all,
      activeElementIds: [...new Set(history.filter((e) => e.state === 'ACTIVE').map((e) => e.elementId))],
      incidents,
      history,
    };
  }

  async searchInstances(filter: ProcessInstanceFilter): Promise<ProcessInstanceRef[]> {
    const instances = await searchAll('查询流程实例 / search process instances', this.#o.requestTimeoutMs, (page) =>
      this.#client.searchProcessInstances(
        {
          filter: {
            ...(filter.processDefinitionId ? { processDefinitionId: filter.processDefinitionId } : {}),
            ...(filter.state ? { state: filter.state } : {}),
            ...(filter.parentProcessInstanceKey ? { parentProcessInstanceKey: lift('ProcessInstanceKey', filter.parentProcessInstanceKey) } : {}),
            ...(filter.businessKey !== undefined ? { variables: [{ name: BUSINESS_KEY_VARIABLE, value: JSON.stringify(filter.businessKey) }] } : {}),
          },
          sort: [{ field: 'processInstanceKey', order: 'ASC' }],
          page,
        },
        NOW,
      ),
    );
    const keys = await this.#businessKeys(instances.map((i) => String(i.processInstanceKey)));
    return instances.map((i) => toRef(i, keys.get(String(i.processInstanceKey)) ?? null));
  }

  async searchIncidents(filter: IncidentFilter): Promise<Incident[]> {
    // Zeebe's incidents do not carry the business key: it narrows to the case's instances first.
    let instanceKeys: (string | undefined)[] = [filter.processInstanceKey];
    if (filter.businessKey !== undefined) {
      const cases = (await this.searchInstances({ businessKey: filter.businessKey })).map((i) => i.processInstanceKey);
      instanceKeys = filter.processInstanceKey === undefined ? cases : cases.filter((k) => k === filter.processInstanceKey);
    }
    const incidents: IncidentResult[] = [];
    for (const processInstanceKey of instanceKeys) {
      incidents.push(
        ...(await searchAll('查询事件 / search incidents', this.#o.requestTimeoutMs, (page) =>
          this.#client.searchIncidents(
            {
              filter: {
                ...(processInstanceKey ? { processInstanceKey: lift('ProcessInstanceKey', processInstanceKey) } : {}),
                ...(filter.processDefinitionId ? { processDefinitionId: lift('ProcessDefinitionId', filter.processDefinitionId) } : {}),
                ...(filter.errorType ? { errorType: filter.errorType as never } : {}),
                ...(filter.state ? { state: filter.state } : {}),
              },
              sort: [{ field: 'incidentKey', order: 'ASC' }],
              page,
            },
            NOW,
          ),
        )),
      );
    }
    if (!incidents.length) return [];
    const [keys, jobs] = await Promise.all([
      this.#businessKeys(incidents.map((i) => String(i.processInstanceKey ?? ''))),
      this.#jobs(incidents.map((i) => (i.jobKey === undefined ? '' : String(i.jobKey)))),
    ]);
    return incidents.map((i) =>
      toIncident(i, keys.get(String(i.processInstanceKey)) ?? null, i.jobKey === undefined ? null : (jobs.get(String(i.jobKey))?.type ?? null)),
    );
  }

  /** GET /v2/incidents/{key}, its job, and the variables of every scope from its element up to the root. */
  async getIncident(incidentKey: string): Promise<IncidentDetail> {
    const key = lift('IncidentKey', incidentKey);
    const raw = await this.#call(`读取事件 / get incident ${incidentKey}`, () => this.#client.getIncident({ incidentKey: key }, NOW));
    const instanceKey = String(raw.processInstanceKey ?? '');
    const jobKey = raw.jobKey === undefined ? '' : String(raw.jobKey);
    const elementKey = raw.elementInstanceKey === undefined ? null : String(raw.elementInstanceKey);
    const [{ visible, businessKey }, jobs] = await Promise.all([this.#visibleAt(instanceKey, elementKey), this.#jobs([jobKey])]);
    const job = jobs.get(jobKey);
    return { ...toIncident(raw, businessKey, job?.type ?? null), job: job ? toIncidentJob(job) : null, variables: visible };
  }

  /** The variables the user task sees: its element's scope over the enclosing ones, up to the root. */
  async getUserTaskVariables(userTaskKey: string): Promise<Variables> {
    const task = await this.#call(`读取用户任务 / get user task ${userTaskKey}`, () =>
      this.#client.getUserTask({ userTaskKey: lift('UserTaskKey', userTaskKey) }, NOW),
    );
    return (await this.#visibleAt(String(task.processInstanceKey ?? ''), String(task.elementInstanceKey))).visible;
  }

  /** Every scope's variables from an element instance up to the root, the nearer scope winning (business key removed). */
  async #visibleAt(instanceKey: string, elementKey: string | null): Promise<{ visible: Variables; businessKey: string | null }> {
    const variables = await searchAll('读取实例变量 / read instance variables', this.#o.requestTimeoutMs, (page) =>
      this.#client.searchVariables({ filter: { processInstanceKey: lift('ProcessInstanceKey', instanceKey) }, page, truncateValues: false }, NOW),
    );
    const byScope = new Map<string, { name: string; value: string }[]>();
    for (const v of variables) byScope.set(String(v.scopeKey), [...(byScope.get(String(v.scopeKey)) ?? []), v]);
    const root = parseVariables(byScope.get(instanceKey) ?? []);
    const businessKey = typeof root[BUSINESS_KEY_VARIABLE] === 'string' ? (root[BUSINESS_KEY_VARIABLE] as string) : null;
    const chain = elementKey === null ? [] : await this.#enclosingScopes(instanceKey, elementKey, [...byScope.keys()]);
    const visible: Variables = { ...root };
    for (const scope of chain) Object.assign(visible, parseVariables(byScope.get(scope) ?? []));
    if (elementKey !== null) Object.assign(visible, parseVariables(byScope.get(elementKey) ?? []));
    delete visible[BUSINESS_KEY_VARIABLE];
    return { visible, businessKey };
  }

  /** PATCH /v2/jobs/{key} with changeset.retries: Operate's "retry" before the incident is resolved. */
  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 1) throw new EngineInputError(`retries 必须是不小于 1 的整数 / retries must be an integer of at least 1, not ${retries}`);
    const key = lift('JobKey', jobKey);
    await this.#call(`更新作业重试次数 / set the retries of job ${jobKey}`, () => this.#client.updateJob({ jobKey: key, changeset: { retries } }));
  }

  /** PUT /v2/element-instances/{key}/variables: Operate's "edit variables" before a retry. */
  async updateVariables(request: UpdateVariablesRequest): Promise<void> {
    const elementInstanceKey = lift('ElementInstanceKey', request.elementInstanceKey);
    await this.#call(`更新变量 / update the variables of ${request.elementInstanceKey}`, () =>
      this.#client.createElementInstanceVariables({ elementInstanceKey, variables: request.variables, local: request.local ?? false }),
    );
  }

  /** Operate's "retry": a failed job without retries gets one back first (else it would fail straight into a new incident), then the incident is resolved. */
  async resolveIncident(incidentKey: string): Promise<void> {
    const key = lift('IncidentKey', incidentKey);
    const incident = toIncident(await this.#call(`读取事件 / get incident ${incidentKey}`, () => this.#client.getIncident({ incidentKey: key }, NOW)));
    if (incident.state !== 'ACTIVE') throw new EngineConflictError(`事件已解决 / incident ${incidentKey} is already resolved`);
    // Retries given just before (updateJobRetries) are kept; only a job left with none gets one.
    if (incident.jobKey && ((await this.#jobs([incident.jobKey])).get(incident.jobKey)?.retries ?? 0) < 1) {
      const jobKey = lift('JobKey', incident.jobKey);
      await this.#call(`恢复作业重试次数 / give job ${incident.jobKey} a retry`, () => this.#client.updateJob({ jobKey, changeset: { retries: 1 } }));
    }
    await this.#call(`解决事件 / resolve incident ${incidentKey}`, () => this.#client.resolveIncident({ incidentKey: key }));
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    const key = lift('ProcessInstanceKey', processInstanceKey);
    try {
      await this.#call(`取消流程实例 / cancel process instance ${processInstanceKey}`, () => this.#client.cancelProcessInstance({ processInstanceKey: key }));
    } catch (error) {
      // Zeebe forgets a finished instance, so it answers 404; the search side still knows it.
      if (!(error instanceof EngineNotFoundError)) throw error;
      const known = await this.#call(`读取流程实例 / get process instance ${processInstanceKey}`, () => this.#client.getProcessInstance({ processInstanceKey: key }, NOW)).catch(
        () => undefined,
      );
      if (known && known.state !== 'ACTIVE') throw new EngineConflictError(`实例已结束 / process instance ${processInstanceKey} is ${known.state}`, { cause: error });
      throw error;
    }
  }

  async stop(): Promise<void> {
    const pollers = this.#pollers;
    this.#pollers = [];
    await Promise.all(pollers.map((p) => p.stop(this.#o.stopWaitMs ?? 10_000)));
  }

  #call<T>(what: string, call: () => Cancelable<T>): Promise<T> {
    return request(what, this.#o.requestTimeoutMs, call);
  }

  /** The configured tenant, for the commands that take one; none means the default tenant. */
  #tenant(): { tenantId?: TenantId } {
    return this.#o.tenantId ? { tenantId: OrchestrationLifters.TenantId.assumeExists(this.#o.tenantId) } : {};
  }

  /** The jobs of these keys, by key (one search for all). */
  async #jobs(jobKeys: readonly string[]): Promise<Map<string, JobSearchResult>> {
    const distinct = [...new Set(jobKeys.filter(Boolean))];
    if (!distinct.length) return new Map();
    const keys = distinct.map((k) => lift('JobKey', k));
    const jobs = await searchAll('读取作业 / read jobs', this.#o.requestTimeoutMs, (page) => this.#client.searchJobs({ filter: { jobKey: { $in: keys } }, page }, NOW));
    return new Map(jobs.map((j) => [String(j.jobKey), j]));
  }

  /**
   * The scopes holding variables that enclose an element instance, outermost first. Zeebe's search
   * names an element's children, not its parent, so each candidate (a scope that has variables)
   * is searched downwards for the element; a bounded number of searches keeps a wide
   * multi-instance from costing without end (beyond it the candidate is left out).
   */
  async #enclosingScopes(instanceKey: string, elementKey: string, scopesWithVariables: readonly string[]): Promise<string[]> {
    const candidates = scopesWithVariables.filter((s) => s !== instanceKey && s !== elementKey);
    const found: { scope: string; depth: number }[] = [];
    for (const scope of candidates) {
      const depth = await this.#depthBelow(instanceKey, scope, elementKey);
      if (depth !== undefined) found.push({ scope, depth });
    }
    return found.sort((a, b) => b.depth - a.depth).map((f) => f.scope);
  }

  async #depthBelow(instanceKey: string, scope: string, elementKey: string, budget = 25): Promise<number | undefined> {
    let level = [scope];
    for (let depth = 1; level.length && budget > 0; depth++) {
      const next: string[] = [];
      for (const parent of level) {
        if (budget-- <= 0) return undefined;
        const children = await searchAll('读取元素实例 / read element instances', this.#o.requestTimeoutMs, (page) =>
          this.#client.searchElementInstances(
            { filter: { processInstanceKey: lift('ProcessInstanceKey', instanceKey), elementInstanceScopeKey: lift('ElementInstanceKey', parent) }, page },
            NOW,
          ),
        );
        for (const child of children) {
          if (String(child.elementInstanceKey) === elementKey) return depth;
          if (CONTAINERS.has(child.type)) next.push(String(child.elementInstanceKey));
        }
      }
      level = next;
    }
    return undefined;
  }

  /** The business key of each instance, from its `businessKey` variable (one search for all). */
  async #businessKeys(instanceKeys: readonly string[]): Promise<Map<string, string>> {
    const distinct = [...new Set(instanceKeys.filter(Boolean))];
    if (!distinct.length) return new Map();
    const keys = distinct.map((k) => lift('ProcessInstanceKey', k));
    const variables = await searchAll('读取业务键 / read business keys', this.#o.requestTimeoutMs, (page) =>
      this.#client.searchVariables({ filter: { name: BUSINESS_KEY_VARIABLE, processInstanceKey: { $in: keys } }, page, truncateValues: false }, NOW),
    );
    const found = new Map<string, string>();
    for (const v of variables) {
      // Only the instance's own (root) variable, not a same-named local one.
      if (String(v.scopeKey) !== String(v.processInstanceKey)) continue;
      const value = JSON.parse(v.value) as unknown;
      if (typeof value === 'string') found.set(String(v.processInstanceKey), value);
    }
    return found;
  }
}

/** Element types that hold other element instances, and so may be a variable scope above an incident. */
const CONTAINERS = new Set(['SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'AD_HOC_SUB_PROCESS_INNER_INSTANCE', 'MULTI_INSTANCE_BODY']);

function checkVariables(variables: unknown): Variables {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw new EngineInputError('variables 必须是对象 / variables must be an object');
  }
  return variables as Variables;
}

/**
 * The name Operate shows for the worker that took a job: the host and the process, so that two
 * containers (each its own process 1) are told apart.
 */
export function workerName(host = hostname(), pid = process.pid): string {
  return `jingpin-${host}-${pid}`;
}
