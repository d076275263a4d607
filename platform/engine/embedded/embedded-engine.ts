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
  RejectedCommand,
  StartInstanceRequest,
  UserTask,
  UserTaskFilter,
  UpdateVariablesRequest,
} from '../port.ts';
import { EngineConflictError, EngineInputError, EngineNotFoundError } from '../port.ts';
import type { WorkerRegistry } from '../worker.ts';
import { heldInstanceRef, holdBusinessKey } from './business-keys.ts';
import { HotInstances, type LiveInstance } from './hot-instances.ts';
import type { RaisedIncident } from '../incident-log.ts';
import { InstanceRun, RunFailure } from './instance-run.ts';
import { InstanceStore, lockMessage, type InstanceHead, type NextCommand, type PendingWork } from './instance-store.ts';
import { JobRunner } from './job-runner.ts';
import { KeyAllocator } from './key-allocator.ts';
import { ModelRepository } from './model-repository.ts';
import type { EngineCommand, JobActivation, JobAnswer } from './run-effects.ts';
import { asynchronousCommitPool } from './run-pool.ts';
import { Scheduler } from './scheduler.ts';
import * as queries from './queries.ts';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export interface EmbeddedEngineOptions {
  readonly pool: Pool;
  readonly clock: Clock;
  /** How often the scheduler polls for due timers, retries and commands. */
  readonly schedulerIntervalMs?: number;
  /** How many instances run at once in this process. */
  readonly concurrency?: number;
  /** How many job handlers run at once in this process (ENGINE_JOB_CONCURRENCY). */
  readonly jobConcurrency?: number;
  /** How long an instance lease lasts without renewal: how soon another process takes over from a dead one. */
  readonly leaseMs?: number;
  /** How many instances this process keeps live in memory between commands (0: none). */
  readonly hotInstances?: number;
  /**
   * ENGINE_RUN_COMMIT. 'asynchronous': the one-statement saves of runs go through a pool of their
   * own whose commits do not wait for the disk (PostgreSQL's synchronous_commit = off). A database
   * crash can then lose the last moments of engine progress, but only whole runs, in commit order
   * (never a later run without the earlier ones): the instances are as they were a moment earlier,
   * and what those runs did is done again (a job runs again, as after a crash of this process).
   * What the API accepted (commands, messages, starts) is committed synchronously and never lost.
   * Default 'synchronous' here; `jingpin start` takes the configured value (asynchronous by default).
   */
  readonly runCommit?: 'asynchronous' | 'synchronous';
  /** Poll in the background (production). Tests turn it off and call runUntilIdle() instead. */
  readonly background?: boolean;
  readonly onError?: (error: unknown) => void;
  /** Told of each incident once it is saved (bin/start.ts logs it at error level). */
  readonly onIncident?: (incident: RaisedIncident) => void;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_HOT_INSTANCES = 100;


/** A job's answer waiting in memory for its instance's next run. */
interface PendingAnswer {
  readonly command: EngineCommand;
  readonly at: Date;
}
/**
 * The embedded engine: bpmn-engine plus our adapter, state in PostgreSQL. Every instance is
 * saved at each wait state and not kept in memory; commands go through an inbox table, so an
 * engine process killed at any moment loses nothing and a new one carries on.
 */
export class EmbeddedEngine implements EnginePort {
  readonly kind = 'embedded' as const;
  readonly #pool: Pool;
  readonly #runPool: Pool | null;
  readonly #clock: Clock;
  readonly #store: InstanceStore;
  readonly #models: ModelRepository;
  readonly #keys: KeyAllocator;
  readonly #scheduler: Scheduler;
  readonly #background: boolean;
  readonly #owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly #leaseMs: number;
  readonly #hot: HotInstances;
  readonly #jobs: JobRunner;
  /** Job answers waiting for their instance's next run, in arrival order. */
  readonly #answers = new Map<string, PendingAnswer[]>();
  readonly #answerTries = new WeakMap<PendingAnswer, number>();
  readonly #onError: (error: unknown) => void;
  readonly #onIncident: (incident: RaisedIncident) => void;
  #heartbeat: NodeJS.Timeout | null = null;
  #workers: WorkerRegistry = new Map();

  constructor(options: EmbeddedEngineOptions) {
    this.#pool = options.pool;
    this.#clock = options.clock;
    this.#keys = new KeyAllocator(options.pool);
    // Its own pool, so only the runs' saves skip the wait for the disk (see runCommit).
    this.#runPool = options.runCommit === 'asynchronous' ? asynchronousCommitPool(options.pool, options.concurrency ?? 4) : null;
    this.#store = new InstanceStore(options.pool, this.#runPool ?? options.pool);
    this.#models = new ModelRepository(options.pool, options.clock, this.#keys);
    this.#background = options.background ?? true;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#onError = options.onError ?? ((error) => console.error('jingpin engine:', error));
    this.#onIncident = options.onIncident ?? (() => undefined);
    this.#hot = new HotInstances(options.hotInstances ?? DEFAULT_HOT_INSTANCES, (evicted) => this.#release(evicted));
    this.#jobs = new JobRunner(options.jobConcurrency ?? options.concurrency ?? 4, () => this.#workers, (key, activation, answer) =>
      this.#answer(key, activation, answer),
    );
    this.#scheduler = new Scheduler(
      this.#store,
      options.clock,
      {
        intervalMs: options.schedulerIntervalMs ?? 1000,
        concurrency: options.concurrency ?? 4,
        onError: this.#onError,
      },
      {
        find: async (now, limit) => [...new Set([...this.#answers.keys(), ...(await this.#store.claimWork(this.#owner, now, limit, this.#leaseMs))])],
        busy: () => this.#jobs.busy || this.#answers.size > 0,
        settled: () => this.#jobs.idle(),
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
    // A business key starts one root instance for good: a repeat answers the one it started.
    const holder = await this.#store.transaction(async (db) => {
      const held = businessKey === null ? null : await holdBusinessKey(db, model.processId, businessKey, key);
      if (held === null) {
        await this.#store.insertInstance(
          db,
          { key, definitionKey: model.definitionKey, processId: model.processId, version: model.version, businessKey, variables },
          this.#clock.now(),
        );
      }
      return held;
    });
    if (holder !== null) return heldInstanceRef(this.#pool, holder);
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
      const { rows } = await db.query<{ instance_key: string; element_instance_key: string; element_id: string; message_ref: string; process_id: string }>(
        `SELECT DISTINCT ON (process_id) instance_key::text, element_instance_key, element_id, message_ref, process_id
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
            elementId: row.element_id,
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
    if (this.#background) {
      this.#scheduler.start();
      this.#heartbeat = setInterval(() => void this.#renewLeases().catch(this.#onError), Math.max(50, Math.floor(this.#leaseMs / 3)));
      this.#heartbeat.unref();
    }
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

  async getUserTaskVariables(userTaskKey: string): Promise<Variables> {
    const variables = await queries.getUserTaskVariables(this.#pool, userTaskKey);
    if (!variables) throw new EngineNotFoundError(`用户任务不存在 / no user task ${userTaskKey}`);
    return variables;
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

  /** Commands of the instance that no longer applied when their turn came (see ProcessInstanceView.rejectedCommands). */
  rejectedCommands(processInstanceKey: string): Promise<RejectedCommand[]> {
    return queries.searchRejectedCommands(this.#pool, processInstanceKey);
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
      await this.#store.outdate(db, incident.instance_key);
    });
    this.#scheduler.kick();
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    const view = await this.getInstance(processInstanceKey);
    if (view.state !== 'ACTIVE') throw new EngineConflictError(`实例已结束 / process instance ${processInstanceKey} is ${view.state}`);
    if (view.parentProcessInstanceKey) {
      // Zeebe refuses it too: the parent's call activity would wait forever. Cancel the parent.
      throw new EngineConflictError(
        `子流程实例不能单独取消，请取消其父实例 ${view.parentProcessInstanceKey} / process instance ${processInstanceKey} was called by ${view.parentProcessInstanceKey}: cancel the parent instead`,
      );
    }
    await this.#store.enqueue(this.#pool, processInstanceKey, { kind: 'cancel' }, this.#clock.now());
    this.#scheduler.kick();
  }

  async stop(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    await this.#scheduler.stop();
    await this.#jobs.idle();
    await this.#hot.clear();
    if (this.#runPool && !this.#runPool.ended) await this.#runPool.end();
  }

  // ---- instance runs ----------------------------------------------------------------------

  /** Applies the instance's commands one run at a time until it has nothing left to do. */
  async #processInstance(instanceKey: string): Promise<void> {
    // A job's answer taken from memory and not yet saved: if its run fails for a passing reason
    // (the database restarting), it goes back to wait for another try rather than being lost
    // until the job's deadline runs out (five minutes by default).
    let inFlight: PendingAnswer | undefined;
    try {
      await this.#processCommands(instanceKey, (answer) => (inFlight = answer));
    } catch (error) {
      if (inFlight) this.#retryAnswerLater(instanceKey, inFlight);
      throw error;
    }
  }

  /** Puts an answer whose run failed back at the front of its instance's queue, tried again after 1, 2, 4 … 32 s. */
  #retryAnswerLater(instanceKey: string, answer: PendingAnswer): void {
    const tries = (this.#answerTries.get(answer) ?? 0) + 1;
    if (tries > 6) return; // then the job's deadline passes and it runs again, as after a crash
    this.#answerTries.set(answer, tries);
    this.#answers.set(instanceKey, [answer, ...(this.#answers.get(instanceKey) ?? [])]);
    setTimeout(() => this.#scheduler.poke(instanceKey), 1000 * 2 ** (tries - 1)).unref();
  }

  async #processCommands(instanceKey: string, holding: (answer: PendingAnswer | undefined) => void): Promise<void> {
    // What the last save read of the instance's next command, saving a round trip.
    let known: InstanceHead | undefined;
    for (let i = 0; i < 1000; i++) {
      const now = this.#clock.now();
      const answer = this.#answers.get(instanceKey)?.[0];
      // A job's answer for an instance live here needs no look at the database first: if anything
      // moved the instance meanwhile, its save finds the lock version changed and nothing is lost.
      const hotVersion = answer && !known ? this.#hot.versionOf(instanceKey) : undefined;
      const head = known ?? (hotVersion !== undefined ? { state: 'ACTIVE', lockVersion: hotVersion, next: null } : await this.#store.head(instanceKey, now));
      known = undefined;
      const next = answer ? { commandId: null, command: answer.command, acceptedAt: answer.at, commandAttempts: 0 } : head?.next;
      if (answer) this.#takeAnswer(instanceKey);
      holding(answer);
      if (!head || !next) return;
      if (head.state !== 'ACTIVE') {
        await this.#hot.evict(instanceKey);
        if (next.commandId) await this.#store.rejectCommand(next.commandId, `流程实例已结束 / process instance ${instanceKey} is ${head.state}`, now);
        continue;
      }
      if (next.command.kind === 'cancel') {
        await this.#hot.evict(instanceKey);
        await this.#store.terminate({ instanceKey, commandId: next.commandId }, now);
        continue;
      }
      let live = this.#hot.take(instanceKey, head.lockVersion);
      if (!live) {
        const work = await this.#store.load(instanceKey);
        if (!work) return;
        if (next.commandId && work.snapshot.engineState === null && next.command.kind !== 'start' && next.command.kind !== 'setVariables') {
          // Never started (its start failed into an incident, whose resolution replays it).
          await this.#store.rejectCommand(next.commandId, `流程实例从未启动 / process instance ${instanceKey} never started`, now);
          continue;
        }
        await this.#keys.ensure(500);
        const model = await this.#models.byKey(work.snapshot.definitionKey);
        await this.#models.loadFormKeys();
        live = {
          run: new InstanceRun(this.#runDependencies(), work.snapshot, model),
          snapshot: work.snapshot,
          lockVersion: work.lockVersion,
          parentKey: work.parentKey,
          parentElementInstance: work.parentElementInstance,
        };
      }
      await this.#keys.ensure(500);
      const work: PendingWork = { snapshot: live.snapshot, lockVersion: live.lockVersion, parentKey: live.parentKey, parentElementInstance: live.parentElementInstance, ...next };
      const applied = await this.#apply(live, work);
      holding(undefined);
      if (applied === 'moved' && answer) {
        // The instance moved under us (another process, an incident fixed): the answer is applied
        // to it as it is now, at the next run.
        this.#answers.set(instanceKey, [answer, ...(this.#answers.get(instanceKey) ?? [])]);
        this.#scheduler.poke(instanceKey);
      }
      // Its run failed without an incident (its save could not reach the database): try it again soon.
      if (applied === false && answer) this.#retryAnswerLater(instanceKey, answer);
      if (!applied || applied === 'moved') return;
      if (applied.next !== undefined) known = { state: 'ACTIVE', lockVersion: live.lockVersion, next: applied.next };
    }
  }

  /**
   * One run of a live instance and its save; false when the instance must be left alone now,
   * 'moved' when its save found it advanced elsewhere, else what the save read of its next
   * command (undefined: not read).
   */
  async #apply(live: LiveInstance, work: PendingWork): Promise<false | 'moved' | { next?: NextCommand | null }> {
    let effects;
    try {
      effects = await live.run.run(work.command, work.acceptedAt);
    } catch (error) {
      await live.run.close();
      return (await this.#failed(work, error)) && {};
    }
    let next: NextCommand | null | undefined;
    try {
      next = await this.#store.save(work, effects, live.run.rootVariables(), this.#clock.now());
    } catch (error) {
      await live.run.close();
      if (error instanceof EngineConflictError) return 'moved'; // another process advanced it; it will pick up the rest
      return (await this.#failed(work, error)) && {};
    }
    live.lockVersion += 1;
    for (const incident of effects.incidents) this.#raised(work, incident);
    // An instance that ended, or holds a token at an incident, is not kept live: resolving the
    // incident re-runs the element from its saved state.
    if (live.run.ended || effects.incidents.length || effects.state !== 'ACTIVE') await live.run.close();
    else this.#hot.put(work.snapshot.key, live);
    for (const activation of effects.activations) this.#jobs.submit(work.snapshot.key, activation);
    return { next };
  }

  /**
   * A run that failed leaves the instance as it was. A RunFailure (an expression, a mapping, a
   * model the engine cannot run) becomes an incident at once; anything else is tried again with
   * a backoff, then becomes an incident, so one poison command never blocks other instances.
   */
  async #failed(work: PendingWork, error: unknown): Promise<boolean> {
    const now = this.#clock.now();
    await this.#keys.ensure(1);
    const key = this.#keys.next();
    try {
      if (error instanceof RunFailure) {
        const incident = { key, errorType: error.errorType, errorMessage: error.message, elementId: error.elementId, elementInstanceKey: error.elementInstanceKey };
        await this.#store.recordFailure(work, incident, now);
        this.#raised(work, { ...incident });
        return true;
      }
      const message = `命令执行出错 / the ${work.command.kind} command failed: ${(error as Error)?.message ?? String(error)}`;
      if (!work.commandId) {
        // An answer held in memory: the job's activation times out and it runs again.
        this.#onError(error);
        return false;
      }
      const raised = await this.#store.recordCommandError(
        { instanceKey: work.snapshot.key, commandId: work.commandId, command: work.command, attempts: work.commandAttempts },
        { key, errorMessage: message },
        now,
      );
      if (raised) this.#raised(work, { key, elementId: null, errorType: 'UNKNOWN', errorMessage: message });
      else this.#onError(error);
      return raised;
    } catch (recordError) {
      if (recordError instanceof EngineConflictError) return false;
      throw recordError;
    }
  }

  /** After the incident is committed, so a run that lost its save raises nothing. */
  #raised(
    work: PendingWork,
    incident: { key: string; elementId: string | null; elementInstanceKey?: string | null; jobKey?: string | null; errorType: string; errorMessage: string },
  ): void {
    try {
      this.#onIncident({
        incidentKey: incident.key,
        processInstanceKey: work.snapshot.key,
        processDefinitionId: work.snapshot.processId,
        businessKey: work.snapshot.businessKey,
        elementId: incident.elementId,
        elementInstanceKey: incident.elementInstanceKey ?? null,
        jobKey: incident.jobKey ?? null,
        errorType: incident.errorType,
        errorMessage: incident.errorMessage,
      });
    } catch {
      // A logger that fails must not fail the run that has already been saved.
    }
  }

  #runDependencies() {
    return {
      clock: this.#clock,
      models: this.#models,
      workers: () => this.#workers,
      keys: this.#keys,
      owner: this.#owner,
      // Running, or answered with the answer not applied yet.
      isRunning: (jobKey: string, attempt: number) =>
        this.#jobs.isRunning(jobKey, attempt) ||
        [...this.#answers.values()].some((queue) => queue.some(({ command: c }) => c.kind === 'jobAnswer' && c.jobKey === jobKey && c.attempt === attempt)),
    };
  }

  // ---- jobs and leases --------------------------------------------------------------------

  /** A handler answered: the answer waits in memory for its instance's next run. */
  #answer(instanceKey: string, activation: JobActivation, answer: JobAnswer): void {
    const queue = this.#answers.get(instanceKey) ?? [];
    queue.push({
      command: { kind: 'jobAnswer', jobKey: activation.job.key, elementInstanceKey: activation.job.elementInstanceKey, attempt: activation.attempt, answer },
      at: this.#clock.now(),
    });
    this.#answers.set(instanceKey, queue);
    this.#scheduler.poke(instanceKey);
  }

  #takeAnswer(instanceKey: string): void {
    const queue = this.#answers.get(instanceKey);
    queue?.shift();
    if (!queue?.length) this.#answers.delete(instanceKey);
  }

  /** Keeps the leases of the instances this process holds live or runs jobs for; lets go of those it lost. */
  async #renewLeases(): Promise<void> {
    const keys = [...new Set([...this.#hot.keys(), ...this.#jobs.instanceKeys()])];
    const kept = await this.#store.renewLeases(this.#owner, keys, this.#leaseMs);
    for (const key of keys) if (!kept.has(key)) await this.#hot.evict(key, { release: false });
  }

  async #release(instanceKeys: readonly string[]): Promise<void> {
    // An instance whose job still runs here keeps its lease until the answer is applied.
    const running = new Set(this.#jobs.instanceKeys());
    await this.#store.releaseLeases(this.#owner, instanceKeys.filter((key) => !running.has(key)));
  }
}
