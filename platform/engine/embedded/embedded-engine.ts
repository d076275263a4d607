import type { Pool } from 'pg';
import type { Clock } from '../clock.ts';
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
import type { RaisedIncident } from '../incident-log.ts';
import { InstanceRun, RunFailure } from './instance-run.ts';
import { InstanceStore, lockMessage } from './instance-store.ts';
import { KeyAllocator } from './key-allocator.ts';
import { ModelRepository } from './model-repository.ts';
import { Scheduler } from './scheduler.ts';
import * as queries from './queries.ts';

export interface EmbeddedEngineOptions {
  readonly pool: Pool;
  readonly clock: Clock;
  /** How often the scheduler polls for due timers, retries and commands. */
  readonly schedulerIntervalMs?: number;
  /** How many instances run at once in this process. */
  readonly concurrency?: number;
  /** FEEL warnings (such as a missing variable) become incidents; on in tests. */
  readonly strictFeel?: boolean;
  /** Poll in the background (production). Tests turn it off and call runUntilIdle() instead. */
  readonly background?: boolean;
  readonly onError?: (error: unknown) => void;
  /** Told of each incident once it is saved (bin/start.ts logs it at error level). */
  readonly onIncident?: (incident: RaisedIncident) => void;
}

/**
 * The embedded engine: bpmn-engine plus our adapter, state in PostgreSQL. Every instance is
 * saved at each wait state and not kept in memory; commands go through an inbox table, so an
 * engine process killed at any moment loses nothing and a new one carries on.
 */
export class EmbeddedEngine implements EnginePort {
  readonly kind = 'embedded' as const;
  readonly #pool: Pool;
  readonly #clock: Clock;
  readonly #store: InstanceStore;
  readonly #models: ModelRepository;
  readonly #keys: KeyAllocator;
  readonly #scheduler: Scheduler;
  readonly #strictFeel: boolean;
  readonly #background: boolean;
  readonly #onIncident: (incident: RaisedIncident) => void;
  #workers: WorkerRegistry = new Map();

  constructor(options: EmbeddedEngineOptions) {
    this.#pool = options.pool;
    this.#clock = options.clock;
    this.#keys = new KeyAllocator(options.pool);
    this.#store = new InstanceStore(options.pool);
    this.#models = new ModelRepository(options.pool, options.clock, this.#keys);
    this.#strictFeel = options.strictFeel ?? false;
    this.#background = options.background ?? true;
    this.#onIncident = options.onIncident ?? (() => undefined);
    this.#scheduler = new Scheduler(
      this.#store,
      options.clock,
      {
        intervalMs: options.schedulerIntervalMs ?? 1000,
        concurrency: options.concurrency ?? 4,
        onError: options.onError ?? ((error) => console.error('jingpin engine:', error)),
      },
      (key) => this.#processInstance(key),
    );
  }

  get clock(): Clock {
    return this.#clock;
  }

  deploy(resources: readonly DeployResource[]): Promise<Deployment> {
    return this.#models.deploy(resources);
  }

  async startInstance(request: StartInstanceRequest): Promise<ProcessInstanceRef> {
    const variables = request.variables ?? {};
    if (typeof variables !== 'object' || Array.isArray(variables) || variables === null) {
      throw new EngineInputError('variables 必须是对象 / variables must be an object');
    }
    const model = await this.#models.latest(request.processDefinitionId);
    await this.#keys.ensure(1);
    const key = this.#keys.next();
    const businessKey = request.businessKey ?? null;
    await this.#store.insertInstance(
      this.#pool,
      { key, definitionKey: model.definitionKey, processId: model.processId, version: model.version, businessKey, variables },
      this.#clock.now(),
    );
    this.#scheduler.kick();
    return { processInstanceKey: key, processDefinitionId: model.processId, processDefinitionKey: model.definitionKey, version: model.version, businessKey };
  }

  async publishMessage(request: PublishMessageRequest): Promise<{ messageKey: string }> {
    if (!request.name) throw new EngineInputError('name 不能为空 / message name is required');
    if (typeof request.correlationKey !== 'string') throw new EngineInputError('correlationKey 必须是字符串 / correlationKey must be a string');
    const ttl = request.timeToLiveMs ?? 0;
    if (!Number.isInteger(ttl) || ttl < 0) throw new EngineInputError('timeToLiveMs 必须是非负整数 / timeToLiveMs must be a non-negative integer');
    const now = this.#clock.now();
    await this.#keys.ensure(1);
    const messageKey = this.#keys.next();
    await this.#store.transaction(async (db) => {
      await lockMessage(db, request.name, request.correlationKey);
      // An expired message no longer blocks its id (Zeebe keeps ids unique while buffered).
      await this.#store.deleteExpiredMessages(now, db, { name: request.name, correlationKey: request.correlationKey });
      try {
        await db.query('SAVEPOINT publish');
        await db.query(
          'INSERT INTO engine_messages (key, name, correlation_key, message_id, variables, published_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [messageKey, request.name, request.correlationKey, request.messageId ?? null, JSON.stringify(request.variables ?? {}), now, new Date(now.getTime() + ttl)],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new EngineConflictError(
            `消息已发布 / a message named ${request.name} with correlation key ${request.correlationKey} and id ${request.messageId} is already buffered`,
          );
        }
        throw error;
      }
      // A message correlates to at most one instance of each process: the one that subscribed first.
      const { rows } = await db.query<{ instance_key: string; element_instance_key: string; message_ref: string; process_id: string }>(
        `SELECT DISTINCT ON (process_id) instance_key::text, element_instance_key, message_ref, process_id
           FROM engine_message_subscriptions WHERE message_name = $1 AND correlation_key = $2
          ORDER BY process_id, seq`,
        [request.name, request.correlationKey],
      );
      for (const row of rows) {
        await db.query('INSERT INTO engine_message_correlations (message_key, process_id, instance_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          messageKey,
          row.process_id,
          row.instance_key,
        ]);
        await this.#store.enqueue(
          db,
          row.instance_key,
          {
            kind: 'correlate',
            messageKey,
            messageName: request.name,
            elementInstanceKey: row.element_instance_key,
            messageRef: row.message_ref,
            variables: request.variables ?? {},
          },
          now,
        );
      }
    });
    this.#scheduler.kick();
    return { messageKey };
  }

  async startWorkers(registry: WorkerRegistry): Promise<void> {
    this.#workers = registry;
    // Jobs that waited for a worker of their type get one now.
    await this.#pool.query(
      `INSERT INTO engine_commands (instance_key, kind, payload, created_at)
       SELECT DISTINCT instance_key, 'wake', '{"kind":"wake"}'::jsonb, $2::timestamptz FROM engine_jobs WHERE state = 'ACTIVATABLE' AND type = ANY($1)`,
      [[...registry.keys()], this.#clock.now()],
    );
    if (this.#background) this.#scheduler.start();
  }

  /** Runs every instance that has work due at the clock's current time, until none has. */
  runUntilIdle(): Promise<void> {
    return this.#scheduler.drain();
  }

  searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    return queries.searchUserTasks(this.#pool, filter);
  }

  async getUserTask(userTaskKey: string): Promise<UserTask> {
    const task = await queries.getUserTask(this.#pool, userTaskKey);
    if (!task) throw new EngineNotFoundError(`用户任务不存在 / no user task ${userTaskKey}`);
    return task;
  }

  async assignUserTask(userTaskKey: string, assignee: string, options: AssignOptions): Promise<void> {
    if (!assignee) throw new EngineInputError('assignee 不能为空 / assignee is required');
    const task = await this.getUserTask(userTaskKey);
    if (task.state !== 'CREATED') throw new EngineConflictError(`任务已结束 / user task ${userTaskKey} is ${task.state}`);
    const { rowCount } = await this.#pool.query(
      `UPDATE engine_user_tasks SET assignee = $2 WHERE key = $1 AND state = 'CREATED' AND ($3 OR assignee IS NULL OR assignee = $2)`,
      [userTaskKey, assignee, options.allowOverride],
    );
    if (rowCount !== 1) throw new EngineConflictError(`任务已被他人认领 / user task ${userTaskKey} is already assigned to ${task.assignee}`);
  }

  async unassignUserTask(userTaskKey: string): Promise<void> {
    const task = await this.getUserTask(userTaskKey);
    if (task.state !== 'CREATED') throw new EngineConflictError(`任务已结束 / user task ${userTaskKey} is ${task.state}`);
    await this.#pool.query(`UPDATE engine_user_tasks SET assignee = NULL WHERE key = $1 AND state = 'CREATED'`, [userTaskKey]);
  }

  async completeUserTask(userTaskKey: string, variables: Variables = {}): Promise<void> {
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      throw new EngineInputError('variables 必须是对象 / variables must be an object');
    }
    await this.#store.transaction(async (db) => {
      const { rows } = await db.query<{ instance_key: string; element_instance_key: string; state: string }>(
        'SELECT instance_key::text, element_instance_key, state FROM engine_user_tasks WHERE key = $1 FOR UPDATE',
        [userTaskKey],
      );
      const task = rows[0];
      if (!task) throw new EngineNotFoundError(`用户任务不存在 / no user task ${userTaskKey}`);
      if (task.state !== 'CREATED') throw new EngineConflictError(`任务已结束 / user task ${userTaskKey} is ${task.state}`);
      const pending = await db.query(`SELECT 1 FROM engine_commands WHERE instance_key = $1 AND kind = 'completeUserTask' AND payload->>'userTaskKey' = $2`, [
        task.instance_key,
        userTaskKey,
      ]);
      if (pending.rowCount) throw new EngineConflictError(`任务正在完成 / user task ${userTaskKey} is already being completed`);
      await this.#store.enqueue(
        db,
        task.instance_key,
        { kind: 'completeUserTask', userTaskKey, elementInstanceKey: task.element_instance_key, variables },
        this.#clock.now(),
      );
    });
    this.#scheduler.kick();
  }

  async getInstance(processInstanceKey: string): Promise<ProcessInstanceView> {
    const view = await queries.getInstance(this.#pool, processInstanceKey);
    if (!view) throw new EngineNotFoundError(`流程实例不存在 / no process instance ${processInstanceKey}`);
    return view;
  }

  searchInstances(filter: ProcessInstanceFilter): Promise<ProcessInstanceRef[]> {
    return queries.searchInstances(this.#pool, filter);
  }

  searchIncidents(filter: IncidentFilter): Promise<Incident[]> {
    return queries.searchIncidents(this.#pool, filter);
  }

  async getIncident(incidentKey: string): Promise<IncidentDetail> {
    const incident = await queries.getIncident(this.#pool, incidentKey);
    if (!incident) throw new EngineNotFoundError(`事件不存在 / no incident ${incidentKey}`);
    return incident;
  }

  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 1) throw new EngineInputError(`retries 必须是不小于 1 的整数 / retries must be an integer of at least 1, not ${retries}`);
    const outcome = await queries.updateJobRetries(this.#pool, jobKey, retries);
    if (outcome === 'not-found') throw new EngineNotFoundError(`作业不存在 / no job ${jobKey}`);
    if (outcome === 'ended') throw new EngineConflictError(`作业已结束 / job ${jobKey} has ended`);
  }

  async updateVariables(request: UpdateVariablesRequest): Promise<void> {
    if (typeof request.variables !== 'object' || request.variables === null || Array.isArray(request.variables)) {
      throw new EngineInputError('variables 必须是对象 / variables must be an object');
    }
    const key = request.elementInstanceKey;
    // A process instance key names the root scope; anything else is one of its element instances.
    const { rows } = await this.#pool.query<{ instance_key: string; root: boolean }>(
      `SELECT key::text AS instance_key, true AS root FROM engine_instances WHERE $1 ~ '^[0-9]+$' AND key = $1::bigint AND state = 'ACTIVE'
       UNION ALL
       SELECT h.instance_key::text, false FROM engine_element_history h JOIN engine_instances i ON i.key = h.instance_key
        WHERE h.element_instance_key = $1 AND h.state = 'ACTIVE' AND i.state = 'ACTIVE'
       LIMIT 1`,
      [key],
    );
    const target = rows[0];
    if (!target) throw new EngineNotFoundError(`没有活动的流程实例或元素实例 / no active process or element instance ${key}`);
    await this.#store.enqueue(
      this.#pool,
      target.instance_key,
      { kind: 'setVariables', elementInstanceKey: target.root ? null : key, variables: request.variables, local: request.local ?? false },
      this.#clock.now(),
    );
    this.#scheduler.kick();
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    await this.#store.transaction(async (db) => {
      const { rows } = await db.query<{ instance_key: string; job_key: string | null; state: string; failed_command: unknown }>(
        'SELECT instance_key::text, job_key::text, state, failed_command FROM engine_incidents WHERE key = $1 FOR UPDATE',
        [incidentKey],
      );
      const incident = rows[0];
      if (!incident) throw new EngineNotFoundError(`事件不存在 / no incident ${incidentKey}`);
      if (incident.state !== 'ACTIVE') throw new EngineConflictError(`事件已解决 / incident ${incidentKey} is already resolved`);
      const now = this.#clock.now();
      await db.query(`UPDATE engine_incidents SET state = 'RESOLVED', resolved_at = $2 WHERE key = $1`, [incidentKey, now]);
      if (incident.job_key) {
        // Operate's "retry": the job gets one more attempt.
        await db.query(
          `UPDATE engine_jobs SET state = 'ACTIVATABLE', retries = GREATEST(retries, 1), retry_at = NULL WHERE key = $1 AND state = 'INCIDENT'`,
          [incident.job_key],
        );
      }
      await this.#store.enqueue(db, incident.instance_key, (incident.failed_command as never) ?? { kind: 'wake' }, now);
    });
    this.#scheduler.kick();
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    const view = await this.getInstance(processInstanceKey);
    if (view.state !== 'ACTIVE') throw new EngineConflictError(`实例已结束 / process instance ${processInstanceKey} is ${view.state}`);
    await this.#store.enqueue(this.#pool, processInstanceKey, { kind: 'cancel' }, this.#clock.now());
    this.#scheduler.kick();
  }

  async stop(): Promise<void> {
    await this.#scheduler.stop();
  }

  /** Applies the instance's commands one run at a time until it has nothing left to do. */
  async #processInstance(instanceKey: string): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const now = this.#clock.now();
      const work = await this.#store.load(instanceKey, now);
      if (!work) return;
      if (work.command.kind === 'cancel') {
        await this.#store.terminate(work, now);
        continue;
      }
      if (work.commandId && work.snapshot.engineState === null && work.command.kind !== 'start') {
        // Never started (its start failed into an incident, whose resolution replays it): nothing
        // can be waiting for this command, and keeping it would have the scheduler pick it forever.
        await this.#store.dropCommand(work.commandId);
        continue;
      }
      if (work.instanceState !== 'ACTIVE') {
        if (work.commandId) await this.#store.dropCommand(work.commandId);
        continue;
      }
      await this.#keys.ensure(500);
      const model = await this.#models.byKey(work.snapshot.definitionKey);
      await this.#models.loadFormKeys();
      const run = new InstanceRun(
        { clock: this.#clock, models: this.#models, workers: () => this.#workers, keys: this.#keys, strictFeel: this.#strictFeel },
        work.snapshot,
        model,
      );
      try {
        const effects = await run.run(work.command);
        await this.#store.save(work, effects, run.rootVariables(), this.#clock.now());
        for (const incident of effects.incidents) this.#reportIncident(work, incident);
        if (effects.state !== 'ACTIVE' && !work.commandId) return;
      } catch (error) {
        if (error instanceof EngineConflictError) return; // another process advanced it; it will pick up the rest
        if (!(error instanceof RunFailure)) throw error;
        await this.#keys.ensure(1);
        const incident = { key: this.#keys.next(), errorType: error.errorType, errorMessage: error.message, elementId: error.elementId, elementInstanceKey: error.elementInstanceKey };
        await this.#store.recordFailure(work, incident, this.#clock.now());
        this.#reportIncident(work, { ...incident, jobKey: null });
      }
    }
  }

  /** After the incident is committed, so a run that lost its save raises nothing. */
  #reportIncident(work: { snapshot: { key: string; processId: string; businessKey: string | null } }, incident: Omit<RaisedIncident, 'incidentKey' | 'processInstanceKey' | 'processDefinitionId' | 'businessKey'> & { key: string }): void {
    try {
      this.#onIncident({
        incidentKey: incident.key,
        processInstanceKey: work.snapshot.key,
        processDefinitionId: work.snapshot.processId,
        businessKey: work.snapshot.businessKey,
        elementId: incident.elementId,
        elementInstanceKey: incident.elementInstanceKey,
        jobKey: incident.jobKey,
        errorType: incident.errorType,
        errorMessage: incident.errorMessage,
      });
    } catch {
      // A logger that fails must not fail the run that has already been saved.
    }
  }
}
