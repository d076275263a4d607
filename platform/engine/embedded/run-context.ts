import type { Clock } from '../clock.ts';
import type { Variables } from '../outcome.ts';
import type { WorkerRegistry } from '../worker.ts';
import type { Content, Parent, ActivityHandle, ServiceCallback } from './engine-messages.ts';
import { resolveValue, type FeelOptions } from './feel.ts';
import type { KeyAllocator } from './key-allocator.ts';
import type { ModelRepository, ProcessModel } from './model-repository.ts';
import type { EngineCommand, JobRecord, RunEffects } from './run-effects.ts';
import { emptyEffects } from './run-effects.ts';
import { ROOT, ScopeTree, type ScopeTreeState } from './variable-scopes.ts';
import { readZeebe } from './zeebe-extensions.ts';

/** bpmn-engine's saved state, as far as we touch it. */
export interface EngineState {
  definitions?: { source?: unknown }[];
  environment?: { variables?: unknown };
  [key: string]: unknown;
}

/** An open message subscription: which element waits for which message. */
export interface OpenSubscription {
  elementInstanceKey: string;
  elementId: string;
  messageName: string;
}

/** What a run knows of its instance when it starts. */
export interface InstanceSnapshot {
  key: string;
  definitionKey: string;
  processId: string;
  businessKey: string | null;
  engineState: EngineState | null;
  scopes: ScopeTreeState;
  openJobs: JobRecord[];
  openUserTasks: string[];
  openSubscriptions: OpenSubscription[];
  calledChildren: string[];
  /** Element instances with an active incident: they raise no second one. */
  openIncidents: string[];
}

export interface RunDependencies {
  readonly clock: Clock;
  readonly models: ModelRepository;
  readonly workers: () => WorkerRegistry;
  readonly keys: KeyAllocator;
  /** This engine process, as recorded on the jobs it activates. */
  readonly owner: string;
  /** Whether this process is still running that attempt of the job. */
  readonly isRunning: (jobKey: string, attempt: number) => boolean;
}

/** A run that could not finish: the instance keeps its last saved state and an incident is raised. */
export class RunFailure extends Error {
  override readonly name = 'RunFailure';
  constructor(
    message: string,
    readonly errorType: string,
    readonly elementId: string | null,
    readonly elementInstanceKey: string | null,
  ) {
    super(message);
  }
}

type HistoryState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
const ENDED_JOB_STATES = new Set(['COMPLETED', 'ERROR_THROWN', 'CANCELED']);
/** Elements that hold others: their history rows are the scope of what runs inside. */
export const CONTAINER_TYPES = new Set(['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);

/**
 * What one run of one instance shares between its parts (element life cycle, jobs, wait
 * states): the instance's variable scopes, what is open, what the run decided so far, and the
 * helpers that read variables and record outcomes with Zeebe's rules.
 */
export class RunContext {
  readonly scopes: ScopeTree;
  effects: RunEffects = emptyEffects();
  readonly jobs: Map<string, JobRecord>;
  /** The service tasks waiting on a job, by element instance: bpmn-engine's callback and the job's scope. */
  readonly jobCallbacks = new Map<string, { callback: ServiceCallback; scope: string }>();
  readonly openTasks: Set<string>;
  /** Open message subscriptions by element instance key. */
  readonly subscriptions: Map<string, OpenSubscription>;
  readonly children: Set<string>;
  /** Element instances with an active incident: they raise no second one. */
  readonly incidentsAt: Set<string>;
  /** Tasks held at an incident in this run: no job, no user task. */
  blocked = new Set<string>();
  readonly activities = new Map<string, ActivityHandle>();
  readonly #inflight = new Set<Promise<unknown>>();
  #failure: RunFailure | null = null;
  #seq = 0;
  /**
   * The time the run stands at: the command's acceptance time while it is applied, so a timer
   * that fell due after the command was accepted fires after it (Zeebe applies its log in order).
   */
  #standsAt: Date | null = null;

  constructor(
    readonly deps: RunDependencies,
    readonly snapshot: InstanceSnapshot,
    readonly model: ProcessModel,
  ) {
    this.scopes = new ScopeTree(snapshot.scopes);
    this.jobs = new Map(snapshot.openJobs.map((j) => [j.elementInstanceKey, j]));
    this.openTasks = new Set(snapshot.openUserTasks);
    this.subscriptions = new Map(snapshot.openSubscriptions.map((s) => [s.elementInstanceKey, s]));
    this.children = new Set(snapshot.calledChildren);
    this.incidentsAt = new Set(snapshot.openIncidents);
  }

  get failure(): RunFailure | null {
    return this.#failure;
  }

  /** Starts the next run of a live instance: what it decides is recorded afresh. */
  beginRun(): void {
    this.effects = emptyEffects();
    this.#failure = null;
    this.blocked = new Set();
  }

  /** Holds the run's time at `at` (or releases it with null). */
  standAt(at: Date | null): void {
    this.#standsAt = at;
  }

  /** The run's clock: what timers, history and FEEL's now() read. */
  readonly clock = { now: (): Date => this.#standsAt ?? this.deps.clock.now() };

  now(): Date {
    return this.clock.now();
  }

  /** One FEEL mode, Zeebe's: a failure or a missing value raises an incident, in production and tests alike. */
  feelOptions(): FeelOptions {
    return { now: () => this.clock.now(), strict: true };
  }

  /** The command no longer applies: it is kept on record as rejected, with the reason. */
  reject(reason: string): void {
    this.effects.rejection = reason;
  }

  // ---- failures and asynchronous work ---------------------------------------------------

  /** Records the first failure of the run; the run is then thrown away. */
  fail(error: unknown): void {
    if (this.#failure) return;
    if (error instanceof RunFailure) {
      this.#failure = error;
      return;
    }
    const err = error as { message?: string; source?: { content?: Content }; inner?: unknown };
    if (err.inner instanceof RunFailure) {
      this.#failure = err.inner;
      return;
    }
    const content = err.source?.content;
    this.#failure = new RunFailure(String(err.message ?? error), 'UNKNOWN', content?.id ?? null, content?.executionId ?? null);
  }

  /** Keeps the run open until `promise` settles (a job handler, a model look-up). */
  track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error: unknown) => this.fail(error));
    this.#inflight.add(tracked);
    void tracked.finally(() => this.#inflight.delete(tracked));
  }

  /** Waits until the engine has reached its wait states and no tracked work is running. */
  async settle(): Promise<void> {
    for (let rounds = 0; ; rounds++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#inflight.size === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.#inflight.size === 0) return;
      }
      await Promise.all([...this.#inflight]);
      if (rounds > 100_000) throw new Error('instance did not settle');
    }
  }

  // ---- variables ------------------------------------------------------------------------

  /** The scope an element's expressions see: its own if it has one, else its parent's. */
  scopeFor(content: Content | undefined): string {
    if (!content) return ROOT;
    if (this.scopes.has(content.executionId)) return content.executionId;
    return this.scopes.anchorOf(content.executionId) ?? this.parentScope(parentOf(content));
  }

  /** The nearest enclosing scope named in a message's parent chain (see {@link parentOf}). */
  parentScope(parent: Parent | undefined): string {
    for (let p: Parent | undefined = parent, i = 0; p && i <= 50; p = p.path?.[i++]) {
      if (!p.type || p.type === 'bpmn:Process' || p.type === 'bpmn:Definitions') return ROOT;
      if (p.executionId && this.scopes.has(p.executionId)) return p.executionId;
      const anchored = p.executionId ? this.scopes.anchorOf(p.executionId) : undefined;
      if (anchored) return anchored;
    }
    return ROOT;
  }

  context(scope: string): Variables {
    return this.scopes.visible(scope);
  }

  /** A Zeebe value: FEEL after `=`, else the literal; a failure names what was being read. */
  resolve(raw: string, scope: string, what: string, elementId: string | null, elementInstanceKey: string | null): unknown {
    try {
      return resolveValue(raw, this.context(scope), this.feelOptions());
    } catch (error) {
      throw new RunFailure(`${what}: ${(error as Error).message}`, 'EXTRACT_VALUE_ERROR', elementId, elementInstanceKey);
    }
  }

  elementIdOf(elementInstanceKey: string): string {
    return this.effects.history.get(elementInstanceKey)?.elementId ?? this.scopes.elementOf(elementInstanceKey) ?? '';
  }

  /**
   * Variables an element completes with (job, user task, message, called process): local when
   * the element has output mappings (they are applied at completion), else propagated.
   */
  applyResult(elementInstanceKey: string, variables: Variables): void {
    if (!Object.keys(variables).length) return;
    const elementId = this.elementIdOf(elementInstanceKey);
    const zeebe = readZeebe(this.model.element(elementId)?.behaviour as never);
    const parent = this.scopes.anchorOf(elementInstanceKey) ?? ROOT;
    if (zeebe.outputs.length) {
      this.scopes.create(elementInstanceKey, parent, elementId);
      this.scopes.setLocal(elementInstanceKey, variables);
    } else {
      this.scopes.propagate(this.scopes.has(elementInstanceKey) ? elementInstanceKey : parent, variables);
    }
  }

  // ---- what the run records -------------------------------------------------------------

  incident(fields: { elementId: string | null; elementInstanceKey: string | null; jobKey?: string | null; errorType: string; errorMessage: string; failedCommand?: EngineCommand | null }): void {
    this.effects.incidents.push({ key: this.deps.keys.next(), jobKey: null, failedCommand: null, ...fields });
  }

  /**
   * The token stays at a task with an incident, as in Zeebe: no job is created and no user
   * task opened until the incident is resolved; the rest of the run stands.
   */
  block(elementId: string, elementInstanceKey: string, errorType: string, errorMessage: string): void {
    this.blocked.add(elementInstanceKey);
    if (this.incidentsAt.has(elementInstanceKey)) return;
    this.incident({ elementId, elementInstanceKey, errorType, errorMessage, failedCommand: { kind: 'wake' } });
  }

  /** The case view's element history; boundary and event-gateway events appear once triggered. */
  history(e: string, content: Content, state: HistoryState): void {
    if (content.type === 'bpmn:SequenceFlow') return;
    const now = this.now();
    const existing = this.effects.history.get(e);
    const triggeredOnly = !content.isMultiInstance && this.model.isTriggeredOnly(content.id);
    const record = (startedAt: Date, endedAt: Date | null, seq: number) => ({
      elementId: content.id,
      elementType: content.type,
      scope: this.scopes.anchorOf(e) ?? this.parentScope(parentOf(content)),
      state,
      startedAt,
      endedAt,
      seq,
    });
    if (state === 'ACTIVE') {
      if (!existing && !triggeredOnly) this.effects.history.set(e, record(now, null, this.#seq++));
      return;
    }
    // Only a sub-process or a multi-instance body has elements inside it to end with it.
    if (state === 'TERMINATED' && (CONTAINER_TYPES.has(content.type) || (content.isMultiInstance && content.isRootScope))) this.effects.terminated.add(e);
    if (triggeredOnly) {
      if (state === 'COMPLETED' && !existing) this.effects.history.set(e, record(now, now, this.#seq++));
      return;
    }
    if (!existing) this.effects.history.set(e, record(now, now, -1)); // started in an earlier run: the store updates its row
    else if (existing.state === 'ACTIVE') Object.assign(existing, { state, endedAt: now });
  }

  /** An element left early (boundary event, terminate, cancel): its task, job, subscription and child go too. */
  closeWaitsOf(e: string): void {
    const matches = (key: string) => key === e || key.startsWith(`${e}_`) || this.scopes.isInside(key, e);
    for (const key of [...this.openTasks].filter(matches)) {
      this.openTasks.delete(key);
      this.effects.userTasksEnded.set(key, 'CANCELED');
    }
    for (const key of [...this.subscriptions.keys()].filter(matches)) this.closeSubscription(key);
    for (const [key, job] of this.jobs) {
      if (!matches(key) || ENDED_JOB_STATES.has(job.state)) continue;
      job.state = 'CANCELED';
      job.endedAt = this.now();
      this.effects.jobs.set(key, job);
      this.jobCallbacks.delete(key);
    }
    for (const key of [...this.children].filter(matches)) {
      this.children.delete(key);
      this.effects.childrenToCancel.add(key);
    }
  }

  closeSubscription(e: string): void {
    if (!this.subscriptions.delete(e)) return;
    this.effects.subscriptionsClosed.add(e);
    this.effects.subscriptionsOpened = this.effects.subscriptionsOpened.filter((s) => s.elementInstanceKey !== e);
  }
}

/**
 * The parent a message names. A gateway's messages name their sub-process without its execution
 * id; the flow that entered the gateway carries it. Without it, a gateway inside a sub-process
 * with local variables (one instance per objection) would read the root's instead of its own.
 */
export function parentOf(content: Content): Parent | undefined {
  const parent = content.parent;
  if (!parent || parent.executionId) return parent;
  const inbound = Array.isArray(content.inbound) ? (content.inbound as { parent?: Parent }[]) : [];
  return inbound.find((flow) => flow.parent?.id === parent.id && flow.parent?.executionId)?.parent ?? parent;
}
