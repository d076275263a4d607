import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import type { Clock } from '../clock.ts';
import type { Variables } from '../outcome.ts';
import type { Job, WorkerRegistry } from '../worker.ts';
import { checkJobInput } from '../worker.ts';
import { ClockTimers } from './clock-timers.ts';
import { evaluateCondition, resolveValue, toIsoDateTime } from './feel.ts';
import type { KeyAllocator } from './key-allocator.ts';
import type { ModelRepository, ProcessModel } from './model-repository.ts';
import type { EngineCommand, JobRecord, RunEffects } from './run-effects.ts';
import { emptyEffects } from './run-effects.ts';
import { ROOT, ScopeTree, type ScopeTreeState } from './variable-scopes.ts';
import { readCorrelationKey, readZeebe, type ZeebeElement } from './zeebe-extensions.ts';
import { runJobHandler } from './job-execution.ts';

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
  openSubscriptions: string[];
  calledChildren: string[];
  /** Element instances with an active incident: they raise no second one. */
  openIncidents: string[];
}

export interface RunDependencies {
  readonly clock: Clock;
  readonly models: ModelRepository;
  readonly workers: () => WorkerRegistry;
  readonly keys: KeyAllocator;
  /** FEEL warnings (a missing variable) become incidents: on in tests. */
  readonly strictFeel: boolean;
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

interface EngineState {
  definitions?: { source?: unknown }[];
  environment?: { variables?: unknown };
  [key: string]: unknown;
}

interface Parent {
  id?: string;
  type?: string;
  executionId?: string;
  path?: Parent[];
}

interface Content {
  id: string;
  type: string;
  executionId: string;
  parent?: Parent;
  isRootScope?: boolean;
  isMultiInstance?: boolean;
  index?: number;
  loopCardinality?: number;
  message?: { id: string; name?: string };
  [key: string]: unknown;
}

interface ElementApi {
  id: string;
  content: Content;
  signal(payload?: unknown): void;
  getPostponed?(): ElementApi[];
}

interface ActivityHandle {
  id: string;
  type: string;
  behaviour: Record<string, unknown> & { Service?: unknown; loopCharacteristics?: unknown };
  broker: {
    subscribeTmp(exchange: string, pattern: string, fn: (routingKey: string, message: { content: Content }) => void, options: object): void;
    cancel(tag: string): void;
    publish(exchange: string, routingKey: string, content: object): void;
  };
}

const silentLogger = () => ({ debug() {}, error() {}, warn() {} });
const CONTAINERS = new Set(['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);
const MI_COUNTERS = ['numberOfInstances', 'numberOfActiveInstances', 'numberOfCompletedInstances', 'numberOfTerminatedInstances'];

/**
 * One run of one process instance: a fresh bpmn-engine recovered from the saved state (or
 * started), resumed, given one command, and left to settle at its next wait states. Zeebe's
 * semantics live here: variable scopes and mappings, jobs, user tasks, message subscriptions and
 * call activities. The run writes nothing itself; it returns its effects for the store to save
 * atomically, so a crash anywhere loses the run, never half of it.
 */
export class InstanceRun {
  readonly #deps: RunDependencies;
  readonly #snapshot: InstanceSnapshot;
  readonly #model: ProcessModel;
  readonly #scopes: ScopeTree;
  readonly #effects: RunEffects = emptyEffects();
  readonly #timers: ClockTimers;
  readonly #inflight = new Set<Promise<unknown>>();
  readonly #jobs: Map<string, JobRecord>;
  readonly #openTasks: Set<string>;
  readonly #openSubscriptions: Set<string>;
  readonly #children: Set<string>;
  readonly #activities = new Map<string, ActivityHandle>();
  readonly #blocked = new Set<string>();
  #failure: RunFailure | null = null;
  #ended = false;
  #seq = 0;
  #engine: Engine | null = null;

  constructor(deps: RunDependencies, snapshot: InstanceSnapshot, model: ProcessModel) {
    this.#deps = deps;
    this.#snapshot = snapshot;
    this.#model = model;
    this.#scopes = new ScopeTree(snapshot.scopes);
    this.#timers = new ClockTimers(deps.clock);
    this.#jobs = new Map(snapshot.openJobs.map((j) => [j.elementInstanceKey, j]));
    this.#openTasks = new Set(snapshot.openUserTasks);
    this.#openSubscriptions = new Set(snapshot.openSubscriptions);
    this.#children = new Set(snapshot.calledChildren);
  }

  /** Runs the command and returns what to save; throws RunFailure when the instance must not advance. */
  async run(command: EngineCommand): Promise<RunEffects> {
    const engine = this.#createEngine();
    this.#engine = engine;
    const listener = this.#listener();
    engine.on('error', (error: unknown) => this.#fail(error));
    engine.on('end', () => {
      this.#ended = true;
    });

    if (!this.#snapshot.engineState) {
      if (command.kind !== 'start') throw new RunFailure(`实例尚未启动 / instance was never started`, 'UNKNOWN', null, null);
      await engine.execute({ listener });
    } else {
      engine.recover(structuredClone(this.#snapshot.engineState) as never);
      await engine.resume({ listener });
      await this.#settle();
      this.#apply(command);
    }
    await this.#settle();
    // A failed engine is dropped, not stopped: stop() waits for an event a broken run never emits,
    // and nothing of it outlives this object (its timers are only due times).
    if (this.#failure) throw this.#failure;
    return this.#finish(engine);
  }

  #createEngine(): Engine {
    const deps = this.#deps;
    return new Engine({
      name: this.#snapshot.key,
      sourceContext: this.#model.sourceContext,
      Logger: silentLogger,
      timers: this.#timers,
      // Read by ClockTimerEventDefinition and the guarded gateways; unknown options survive Environment.clone().
      clock: deps.clock,
      gatewayGuard: (content: Content) => this.#guardGateway(content),
      // Not strict: in strict mode an error boundary never sees an error a service task's callback
      // returns, only thrown BPMN errors. Our errors are always coded (see #executeJob), and a run
      // that fails for any other reason is rolled back whatever a boundary caught.
      settings: { disableDummyScript: true, disableTrackState: true, strict: false },
      expressions: { resolveExpression: (expression: unknown, context: { content?: Content }) => this.#resolveForEngine(expression, context) },
      extensions: { zeebe: (activity: ActivityHandle) => this.#extend(activity) },
    } as never);
  }

  // ---- commands -------------------------------------------------------------------------

  #apply(command: EngineCommand): void {
    switch (command.kind) {
      case 'start':
      case 'wake':
      case 'cancel':
        return;
      case 'completeUserTask': {
        const e = command.elementInstanceKey;
        if (!this.#openTasks.has(e)) return;
        this.#applyResult(e, command.variables);
        this.#openTasks.delete(e);
        this.#effects.userTasksEnded.set(e, 'COMPLETED');
        // An id no element has, so only the execution id matches (bpmn-elements matches either).
        this.#engine!.execution!.signal({ id: e, executionId: e });
        return;
      }
      case 'correlate': {
        const e = command.elementInstanceKey;
        if (!this.#openSubscriptions.has(e)) return;
        this.#applyResult(e, command.variables);
        this.#closeSubscription(e);
        this.#rearmIfNonInterrupting(this.#elementIdOf(e));
        const api = this.#findApi(e);
        if (api) api.signal({ messageName: command.messageName });
        else this.#engine!.execution!.signal({ id: command.messageRef });
        return;
      }
      case 'childCompleted': {
        const e = command.elementInstanceKey;
        if (!this.#children.has(e)) return;
        const element = this.#model.element(this.#elementIdOf(e));
        const zeebe = element ? readZeebe(element.behaviour) : undefined;
        this.#applyResult(e, zeebe && !zeebe.propagateAllChildVariables && !zeebe.outputs.length ? {} : command.variables);
        this.#children.delete(e);
        this.#engine!.execution!.signal({ id: e, executionId: e });
        return;
      }
    }
  }

  /**
   * A non-interrupting message boundary stays subscribed while its activity runs (Zeebe);
   * bpmn-elements re-arms a boundary only on `execute.repeat`, which its timers send and its
   * messages do not, so we send it before the message completes the boundary.
   */
  #rearmIfNonInterrupting(elementId: string): void {
    const element = this.#model.element(elementId);
    if (element?.type !== 'bpmn:BoundaryEvent' || element.behaviour.cancelActivity !== false) return;
    this.#activities.get(elementId)?.broker.publish('execution', 'execute.repeat', { repeat: -1 });
  }

  #elementIdOf(elementInstanceKey: string): string {
    return this.#effects.history.get(elementInstanceKey)?.elementId ?? this.#scopes.elementOf(elementInstanceKey) ?? '';
  }

  #findApi(executionId: string): ElementApi | undefined {
    const search = (list: ElementApi[], depth: number): ElementApi | undefined => {
      for (const api of list) {
        if (api.content?.executionId === executionId) return api;
        if (depth < 20 && api.getPostponed) {
          const found = search(
            api.getPostponed().filter((inner) => inner !== api && inner.content?.executionId !== api.content?.executionId),
            depth + 1,
          );
          if (found) return found;
        }
      }
      return undefined;
    };
    return search((this.#engine!.execution!.getPostponed() as unknown as ElementApi[]) ?? [], 0);
  }

  // ---- variables ------------------------------------------------------------------------

  /** The scope an element's expressions see: its own if it has one, else its parent's. */
  #scopeFor(content: Content | undefined): string {
    if (!content) return ROOT;
    if (this.#scopes.has(content.executionId)) return content.executionId;
    const anchored = this.#scopes.anchorOf(content.executionId);
    if (anchored) return anchored;
    return this.#parentScope(content.parent);
  }

  #parentScope(parent: Parent | undefined): string {
    for (let p: Parent | undefined = parent, i = 0; p; p = p.path?.[i++] ?? undefined) {
      if (!p.type || p.type === 'bpmn:Process' || p.type === 'bpmn:Definitions') return ROOT;
      if (p.executionId && this.#scopes.has(p.executionId)) return p.executionId;
      if (p.executionId && this.#scopes.anchorOf(p.executionId)) return this.#scopes.anchorOf(p.executionId)!;
      if (i > 50) break;
    }
    return ROOT;
  }

  #context(scope: string, extra?: Variables): Variables {
    const visible = this.#scopes.visible(scope);
    return extra ? { ...visible, ...extra } : visible;
  }

  #resolve(raw: string, scope: string, what: string, elementId: string | null, elementInstanceKey: string | null): unknown {
    try {
      return resolveValue(raw, this.#context(scope), { now: () => this.#deps.clock.now(), strict: this.#deps.strictFeel });
    } catch (error) {
      throw new RunFailure(`${what}: ${(error as Error).message}`, 'EXTRACT_VALUE_ERROR', elementId, elementInstanceKey);
    }
  }

  /** bpmn-elements asks us for conditions, timers, collections, names and codes. */
  #resolveForEngine(expression: unknown, context: { content?: Content }): unknown {
    if (typeof expression !== 'string') return expression;
    if (!expression.trimStart().startsWith('=')) return expression;
    const content = context.content;
    const scope = this.#scopeFor(content);
    const opts = { now: () => this.#deps.clock.now(), strict: this.#deps.strictFeel };
    try {
      if (content?.type === 'bpmn:ExclusiveGateway' || content?.type === 'bpmn:InclusiveGateway' || content?.outboundTakeOne !== undefined) {
        return evaluateCondition(expression, this.#context(scope), opts);
      }
      const extra = MI_COUNTERS.some((n) => n in (content ?? {})) ? undefined : undefined;
      return resolveValue(expression, this.#context(scope, extra), opts);
    } catch (error) {
      const failure = new RunFailure((error as Error).message, 'EXTRACT_VALUE_ERROR', content?.id ?? null, content?.executionId ?? null);
      this.#fail(failure);
      throw failure;
    }
  }

  /**
   * Variables an element completes with (job, user task, message, called process): local when
   * the element has output mappings (they are applied at completion), else propagated.
   */
  #applyResult(elementInstanceKey: string, variables: Variables): void {
    if (!Object.keys(variables).length) return;
    const elementId = this.#elementIdOf(elementInstanceKey);
    const zeebe = readZeebe(this.#model.element(elementId)?.behaviour as never);
    if (zeebe.outputs.length) {
      this.#scopes.create(elementInstanceKey, this.#scopes.anchorOf(elementInstanceKey) ?? ROOT, elementId);
      this.#scopes.setLocal(elementInstanceKey, variables);
    } else {
      const from = this.#scopes.has(elementInstanceKey) ? elementInstanceKey : (this.#scopes.anchorOf(elementInstanceKey) ?? ROOT);
      this.#scopes.propagate(from, variables);
    }
  }

  #evaluateMappings(mappings: ZeebeElement['inputs'], scope: string, elementId: string, e: string, what: string): Variables {
    const result: Variables = {};
    for (const mapping of mappings) {
      result[mapping.target] = this.#resolve(mapping.source, scope, `${what} ${mapping.target}`, elementId, e);
    }
    return result;
  }

  // ---- element life cycle (hooked on each activity's execution exchange) ---------------

  #extend(activity: ActivityHandle) {
    this.#activities.set(activity.id, activity);
    const element = this.#model.element(activity.id);
    const zeebe = readZeebe(activity.behaviour as never);
    if (zeebe.taskType && activity.type !== 'bpmn:UserTask') {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const run = this;
      activity.behaviour.Service = function JobService() {
        return {
          execute(message: { content: Content }, callback: (error: Error | null, output?: unknown) => void) {
            run.#track(run.#executeJob(message.content, zeebe, callback));
          },
        };
      };
    }
    const isContainer = CONTAINERS.has(activity.type);
    const hasLoop = Boolean(activity.behaviour.loopCharacteristics);
    const tag = `_jingpin-${activity.id}`;
    return {
      activate: () => {
        activity.broker.subscribeTmp(
          'execution',
          'execute.#',
          (routingKey, message) => this.#onExecution(routingKey, message.content, zeebe, isContainer, hasLoop, element?.name),
          { noAck: true, consumerTag: tag, priority: 10_000 },
        );
      },
      deactivate: () => activity.broker.cancel(tag),
    };
  }

  #onExecution(routingKey: string, content: Content, zeebe: ZeebeElement, isContainer: boolean, hasLoop: boolean, _name: string | undefined): void {
    if (this.#failure) return;
    const e = content.executionId;
    // The body's own completion is built from its last iteration's message, so it carries
    // isMultiInstance too; only the root scope flag tells them apart.
    const isIteration = Boolean(content.isMultiInstance) && !content.isRootScope;
    if (!content.isRootScope && !isIteration) return; // event-definition executions
    const isBody = hasLoop && !isIteration;
    try {
      switch (routingKey) {
        case 'execute.start':
          return this.#onStart(content, zeebe, isContainer, isBody, isIteration);
        case 'execute.completed':
          return this.#onCompleted(content, zeebe, isBody, isIteration);
        case 'execute.discard':
          return this.#onEnded(e, content, 'TERMINATED', isIteration);
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  /**
   * Asked by a guarded gateway before it passes (guarded-gateways.ts): every condition on its
   * outgoing flows must evaluate to a boolean. If one does not, the token stays at the
   * gateway with one incident; the rest of the run is saved.
   */
  #guardGateway(content: Content): boolean {
    const scope = this.#scopeFor(content);
    for (const { flowId, expression } of this.#model.outgoingConditions(content.id)) {
      try {
        evaluateCondition(expression, this.#context(scope), { now: () => this.#deps.clock.now(), strict: this.#deps.strictFeel });
      } catch (error) {
        if (!this.#snapshot.openIncidents.includes(content.executionId)) {
          this.#effects.incidents.push({
            key: this.#deps.keys.next(),
            elementId: content.id,
            elementInstanceKey: content.executionId,
            jobKey: null,
            errorType: 'EXTRACT_VALUE_ERROR',
            errorMessage: `条件无法求值 / the condition of flow ${flowId} failed: ${(error as Error).message}`,
            failedCommand: { kind: 'wake' },
          });
        }
        return false;
      }
    }
    return true;
  }

  #onStart(content: Content, zeebe: ZeebeElement, isContainer: boolean, isBody: boolean, isIteration: boolean): void {
    const e = content.executionId;
    // Elements are anchored on activity.enter, whose parent chain is complete (the execute
    // messages' is not); iterations have no enter event and are anchored here.
    const anchored = this.#scopes.anchorOf(e);
    if (this.#scopes.has(e) || (isIteration && anchored)) return; // redelivered after recovery
    const parentScope = anchored ?? this.#parentScope(content.parent);
    if (!anchored) this.#scopes.anchor(e, parentScope, content.id);
    if (isIteration) this.#history(e, content, 'ACTIVE');
    if (isBody) {
      this.#scopes.create(e, parentScope, content.id);
      return;
    }
    const needsScope = isContainer || isIteration || zeebe.inputs.length > 0 || zeebe.outputs.length > 0;
    if (!needsScope) return;
    this.#scopes.create(e, parentScope, content.id);
    if (isIteration) {
      const body = parentScope;
      const local = this.#scopes.local(body);
      if (zeebe.outputCollection && !Array.isArray(local[zeebe.outputCollection])) {
        this.#scopes.setLocal(body, { [zeebe.outputCollection]: new Array(content.loopCardinality ?? 0).fill(null) });
      }
      this.#scopes.setLocal(body, {
        numberOfInstances: content.loopCardinality ?? 0,
        numberOfActiveInstances: Number(local.numberOfActiveInstances ?? 0) + 1,
        numberOfCompletedInstances: Number(local.numberOfCompletedInstances ?? 0),
        numberOfTerminatedInstances: Number(local.numberOfTerminatedInstances ?? 0),
      });
      const iterationVars: Variables = { loopCounter: (content.index ?? 0) + 1 };
      // Zeebe nil-initialises a variable named by the output element in the inner instance, so
      // a job's result lands there and does not race its siblings up to the root.
      const outputVariable = /^=\s*([A-Za-z_][\w]*)(?:\.[\w.]+)?\s*$/.exec(zeebe.outputElement ?? '')?.[1];
      if (outputVariable && outputVariable !== zeebe.inputElement) iterationVars[outputVariable] = null;
      if (zeebe.inputElement) iterationVars[zeebe.inputElement] = content[zeebe.inputElement] ?? null;
      this.#scopes.setLocal(e, iterationVars);
    }
    // Input mappings in order, each seeing the ones before it.
    try {
      for (const mapping of zeebe.inputs) {
        this.#scopes.setLocal(e, { [mapping.target]: this.#resolve(mapping.source, e, `输入映射 / input mapping ${mapping.target}`, content.id, e) });
      }
    } catch (error) {
      if (!(error instanceof RunFailure) || isContainer) throw error;
      // Mapped again when the incident is resolved and the element runs anew.
      this.#scopes.delete(e);
      this.#block(content.id, e, error.errorType, error.message);
    }
  }

  /**
   * The token stays at a task with an incident, as in Zeebe: no job is created and no user
   * task opened until the incident is resolved; the rest of the run stands.
   */
  #block(elementId: string, e: string, errorType: string, message: string): void {
    this.#blocked.add(e);
    if (this.#snapshot.openIncidents.includes(e)) return;
    this.#effects.incidents.push({
      key: this.#deps.keys.next(),
      elementId,
      elementInstanceKey: e,
      jobKey: null,
      errorType,
      errorMessage: message,
      failedCommand: { kind: 'wake' },
    });
  }

  #onCompleted(content: Content, zeebe: ZeebeElement, isBody: boolean, isIteration: boolean): void {
    const e = content.executionId;
    const parentScope = this.#scopes.anchorOf(e) ?? this.#parentScope(content.parent);
    if (isBody) {
      if (zeebe.outputCollection) {
        this.#scopes.propagate(parentScope, { [zeebe.outputCollection]: this.#scopes.local(e)[zeebe.outputCollection] ?? [] });
      }
    } else {
      if (zeebe.outputs.length) {
        this.#scopes.propagate(parentScope, this.#evaluateMappings(zeebe.outputs, this.#scopeFor(content), content.id, e, '输出映射 / output mapping'));
      }
      if (isIteration) {
        const local = this.#scopes.local(parentScope);
        if (zeebe.outputCollection && zeebe.outputElement) {
          const list = Array.isArray(local[zeebe.outputCollection]) ? [...(local[zeebe.outputCollection] as unknown[])] : [];
          list[content.index ?? 0] = this.#resolve(zeebe.outputElement, this.#scopeFor(content), '输出元素 / output element', content.id, e);
          this.#scopes.setLocal(parentScope, { [zeebe.outputCollection]: list });
        }
        this.#scopes.setLocal(parentScope, {
          numberOfActiveInstances: Math.max(0, Number(local.numberOfActiveInstances ?? 1) - 1),
          numberOfCompletedInstances: Number(local.numberOfCompletedInstances ?? 0) + 1,
        });
      }
    }
    this.#onEnded(e, content, 'COMPLETED', isIteration);
  }

  #onEnded(e: string, content: Content, state: 'COMPLETED' | 'TERMINATED', isIteration: boolean): void {
    // Close what ran inside before the scope that tells us so is gone.
    if (state === 'TERMINATED') this.#closeWaitsOf(e);
    if (isIteration) this.#history(e, content, state);
    this.#scopes.delete(e);
    this.#scopes.unanchor(e);
  }

  // ---- events from the engine -------------------------------------------------------------

  #listener(): EventEmitter {
    const listener = new EventEmitter();
    const guard =
      (fn: (api: ElementApi) => void) =>
      (api: ElementApi): void => {
        if (this.#failure) return;
        try {
          fn(api);
        } catch (error) {
          this.#fail(error);
        }
      };
    listener.on(
      'activity.enter',
      guard((api) => {
        const e = api.content.executionId;
        if (!this.#scopes.anchorOf(e)) this.#scopes.anchor(e, this.#parentScope(api.content.parent), api.content.id);
        this.#history(e, api.content, 'ACTIVE');
      }),
    );
    listener.on('activity.end', guard((api) => this.#history(api.content.executionId, api.content, 'COMPLETED')));
    listener.on(
      'activity.discard',
      guard((api) => {
        this.#history(api.content.executionId, api.content, 'TERMINATED');
        this.#closeWaitsOf(api.content.executionId);
      }),
    );
    listener.on(
      'activity.leave',
      guard((api) => {
        // Left without ending (an event-based gateway's loser, an interrupted activity).
        if (this.#effects.history.get(api.content.executionId)?.state === 'ACTIVE' || this.#effects.history.get(api.content.executionId) === undefined) {
          this.#history(api.content.executionId, api.content, 'TERMINATED');
        }
        this.#closeWaitsOf(api.content.executionId);
        this.#scopes.delete(api.content.executionId);
        this.#scopes.unanchor(api.content.executionId);
      }),
    );
    listener.on('activity.wait', guard((api) => this.#onWait(api.content)));
    listener.on('activity.call', guard((api) => this.#onCall(api.content)));
    return listener;
  }

  #history(e: string, content: Content, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED'): void {
    if (content.type === 'bpmn:SequenceFlow') return;
    const now = this.#deps.clock.now();
    const existing = this.#effects.history.get(e);
    const triggeredOnly = !content.isMultiInstance && this.#model.isTriggeredOnly(content.id);
    const record = (startedAt: Date, endedAt: Date | null, seq: number) => ({
      elementId: content.id,
      elementType: content.type,
      scope: this.#scopes.anchorOf(e) ?? this.#parentScope(content.parent),
      state,
      startedAt,
      endedAt,
      seq,
    });
    if (state === 'ACTIVE') {
      if (!existing && !triggeredOnly) this.#effects.history.set(e, record(now, null, this.#seq++));
      return;
    }
    if (state === 'TERMINATED') this.#effects.terminated.add(e);
    if (triggeredOnly) {
      if (state === 'COMPLETED' && !existing) this.#effects.history.set(e, record(now, now, this.#seq++));
      return;
    }
    if (existing) {
      if (existing.state === 'ACTIVE') Object.assign(existing, { state, endedAt: now });
    } else {
      // The element started in an earlier run; the store updates its row.
      this.#effects.history.set(e, record(now, now, -1));
    }
  }

  /** An element left early (boundary event, terminate, cancel): its task, job, subscription and child go too. */
  #closeWaitsOf(e: string): void {
    const matches = (key: string) => key === e || key.startsWith(`${e}_`) || this.#scopes.isInside(key, e);
    for (const key of [...this.#openTasks].filter(matches)) {
      this.#openTasks.delete(key);
      this.#effects.userTasksEnded.set(key, 'CANCELED');
    }
    for (const key of [...this.#openSubscriptions].filter(matches)) this.#closeSubscription(key);
    for (const [key, job] of this.#jobs) {
      if (matches(key) && !['COMPLETED', 'ERROR_THROWN', 'CANCELED'].includes(job.state)) {
        job.state = 'CANCELED';
        job.endedAt = this.#deps.clock.now();
        this.#effects.jobs.set(key, job);
      }
    }
    for (const key of [...this.#children].filter(matches)) {
      this.#children.delete(key);
      this.#effects.childrenToCancel.add(key);
    }
  }

  #closeSubscription(e: string): void {
    if (this.#openSubscriptions.delete(e)) {
      this.#effects.subscriptionsClosed.add(e);
      this.#effects.subscriptionsOpened = this.#effects.subscriptionsOpened.filter((s) => s.elementInstanceKey !== e);
    }
  }

  #onWait(content: Content): void {
    const e = content.executionId;
    if (content.message) return this.#openSubscription(content);
    if (content.type !== 'bpmn:UserTask' || this.#openTasks.has(e) || this.#effects.userTasksEnded.has(e) || this.#blocked.has(e)) return;
    const element = this.#model.element(content.id);
    const zeebe = readZeebe(element?.behaviour as never);
    let formKey = zeebe.formKey ?? null;
    if (zeebe.formId) {
      formKey = this.#deps.models.formKey(zeebe.formId) ?? null;
      if (!formKey) {
        return this.#block(content.id, e, 'FORM_NOT_FOUND', `表单未部署 / no form with id ${zeebe.formId} is deployed`);
      }
    }
    const scope = this.#scopeFor(content);
    const text = (raw: string | undefined, what: string): string | null => {
      if (!raw) return null;
      const value = this.#resolve(raw, scope, what, content.id, e);
      return value === null || value === undefined ? null : String(value);
    };
    const list = (raw: string | undefined, what: string): string[] => {
      if (!raw) return [];
      const value = this.#resolve(raw, scope, what, content.id, e);
      if (Array.isArray(value)) return value.map(String);
      return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
    };
    const date = (raw: string | undefined, what: string): string | null => {
      if (!raw) return null;
      const value = this.#resolve(raw, scope, what, content.id, e);
      if (value === null || value === undefined) return null;
      const iso = toIsoDateTime(value);
      if (!iso) throw new RunFailure(`${what} 不是 ISO 8601 日期时间 / is not an ISO 8601 date-time: ${String(value)}`, 'EXTRACT_VALUE_ERROR', content.id, e);
      return iso;
    };
    const priority = zeebe.priority ? Number(this.#resolve(zeebe.priority, scope, 'priority', content.id, e)) : 50;
    this.#openTasks.add(e);
    this.#effects.userTasksCreated.push({
      key: this.#deps.keys.next(),
      elementId: content.id,
      elementInstanceKey: e,
      name: element?.name ?? null,
      assignee: text(zeebe.assignee, 'assignee'),
      candidateGroups: list(zeebe.candidateGroups, 'candidateGroups'),
      candidateUsers: list(zeebe.candidateUsers, 'candidateUsers'),
      dueDate: date(zeebe.dueDate, 'dueDate'),
      followUpDate: date(zeebe.followUpDate, 'followUpDate'),
      formKey,
      priority: Number.isFinite(priority) ? Math.min(100, Math.max(0, priority)) : 50,
      createdAt: this.#deps.clock.now(),
    });
  }

  #openSubscription(content: Content): void {
    const e = content.executionId;
    if (this.#openSubscriptions.has(e)) return;
    const messageRef = content.message!.id;
    const messageElement = this.#model.rootElement(messageRef);
    const keyExpression = readCorrelationKey(messageElement?.behaviour as never);
    const name = String(content.message!.name ?? messageElement?.behaviour.name ?? messageRef);
    if (!keyExpression) {
      throw new RunFailure(`消息 ${name} 缺少关联键 / message ${name} has no zeebe:subscription correlationKey`, 'EXTRACT_VALUE_ERROR', content.id, e);
    }
    const key = this.#resolve(keyExpression, this.#scopeFor(content), `关联键 / correlation key of ${name}`, content.id, e);
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw new RunFailure(
        `消息 ${name} 的关联键必须是字符串或数字 / the correlation key of message ${name} must be a string or number, got ${JSON.stringify(key)}`,
        'EXTRACT_VALUE_ERROR',
        content.id,
        e,
      );
    }
    if (!this.#scopes.anchorOf(e)) this.#scopes.anchor(e, this.#scopeFor(content), content.id);
    this.#openSubscriptions.add(e);
    this.#effects.subscriptionsClosed.delete(e);
    this.#effects.subscriptionsOpened.push({ elementInstanceKey: e, elementId: content.id, messageRef, messageName: name, correlationKey: String(key) });
  }

  #onCall(content: Content): void {
    const e = content.executionId;
    if (this.#children.has(e)) return;
    this.#children.add(e);
    const zeebe = readZeebe(this.#model.element(content.id)?.behaviour as never);
    if (!zeebe.calledProcessId) {
      throw new RunFailure(`调用活动 ${content.id} 缺少 processId / call activity has no zeebe:calledElement processId`, 'CALLED_ELEMENT_ERROR', content.id, e);
    }
    const scope = this.#scopeFor(content);
    const processId = String(this.#resolve(zeebe.calledProcessId, scope, 'calledElement', content.id, e));
    const variables = zeebe.propagateAllParentVariables ? this.#context(scope) : this.#scopes.local(e);
    this.#track(
      this.#deps.models.latest(processId).then(
        (model) => {
          this.#effects.childInstances.push({
            key: this.#deps.keys.next(),
            definitionKey: model.definitionKey,
            processId: model.processId,
            version: model.version,
            businessKey: this.#snapshot.businessKey,
            parentElementInstance: e,
            variables: structuredClone(variables),
          });
        },
        (error: Error) => {
          throw new RunFailure(`调用的流程不存在 / called process not found: ${error.message}`, 'CALLED_ELEMENT_ERROR', content.id, e);
        },
      ),
    );
  }

  // ---- jobs -------------------------------------------------------------------------------

  async #executeJob(content: Content, zeebe: ZeebeElement, callback: (error: Error | null, output?: unknown) => void): Promise<void> {
    // The run already failed (this task's input mappings, say): Zeebe creates no job, so no handler runs.
    const e = content.executionId;
    if (this.#failure || this.#blocked.has(e)) return;
    const now = this.#deps.clock.now();
    const scope = this.#scopeFor(content);
    let job = this.#jobs.get(e);
    if (!job) {
      const type = String(this.#resolve(zeebe.taskType!, scope, 'job type', content.id, e));
      const retries = zeebe.retries ? Number(this.#resolve(zeebe.retries, scope, 'retries', content.id, e)) : 3;
      job = {
        key: this.#deps.keys.next(),
        elementId: content.id,
        elementInstanceKey: e,
        type,
        retries: Number.isInteger(retries) && retries > 0 ? retries : 3,
        state: 'ACTIVATABLE',
        retryAt: null,
        errorMessage: null,
        customHeaders: { ...zeebe.headers },
        createdAt: now,
        endedAt: null,
      };
      this.#jobs.set(e, job);
    }
    this.#effects.jobs.set(e, job);
    if (job.state === 'INCIDENT') return;
    if (job.state === 'FAILED' && job.retryAt && job.retryAt.getTime() > now.getTime()) return;
    const worker = this.#deps.workers().get(job.type);
    if (!worker) {
      job.state = 'ACTIVATABLE';
      return;
    }
    const variables = this.#context(scope);
    const input = checkJobInput(worker, variables);
    if (!input.ok) return this.#jobIncident(job, input.message);
    const view: Job = {
      key: job.key,
      type: job.type,
      processInstanceKey: this.#snapshot.key,
      processDefinitionId: this.#snapshot.processId,
      elementId: job.elementId,
      elementInstanceKey: e,
      businessKey: this.#snapshot.businessKey,
      retries: job.retries,
      customHeaders: job.customHeaders,
      variables: input.variables,
    };
    const outcome = await runJobHandler(worker, view);
    if (this.#failure) return;
    const done = this.#deps.clock.now();
    switch (outcome.kind) {
      case 'complete':
        job.state = 'COMPLETED';
        job.endedAt = done;
        job.errorMessage = null;
        this.#applyResult(e, outcome.variables);
        callback(null);
        return;
      case 'bpmnError':
        if (!this.#model.catchesError(job.elementId, outcome.errorCode)) {
          return this.#jobIncident(
            job,
            `未捕获的 BPMN 错误 / unhandled BPMN error ${outcome.errorCode}: ${outcome.errorMessage}`,
            'UNHANDLED_ERROR_EVENT',
          );
        }
        job.state = 'ERROR_THROWN';
        job.endedAt = done;
        job.errorMessage = outcome.errorMessage;
        if (Object.keys(outcome.variables).length) this.#scopes.propagate(this.#scopes.anchorOf(e) ?? ROOT, outcome.variables);
        callback(Object.assign(new Error(outcome.errorMessage), { code: outcome.errorCode }));
        return;
      case 'retry':
        job.retries -= 1;
        job.errorMessage = outcome.errorMessage;
        if (job.retries <= 0) return this.#jobIncident(job, outcome.errorMessage);
        job.state = 'FAILED';
        job.retryAt = new Date(done.getTime() + Math.max(0, outcome.afterMs));
        return;
      case 'incident':
        job.retries = 0;
        return this.#jobIncident(job, outcome.errorMessage);
    }
  }

  #jobIncident(job: JobRecord, message: string, errorType = 'JOB_NO_RETRIES'): void {
    job.state = 'INCIDENT';
    job.retryAt = null;
    job.errorMessage = message;
    this.#effects.incidents.push({
      key: this.#deps.keys.next(),
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      jobKey: job.key,
      errorType,
      errorMessage: message,
      failedCommand: null,
    });
  }

  // ---- settling and saving ------------------------------------------------------------------

  #track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error: unknown) => this.#fail(error));
    this.#inflight.add(tracked);
    void tracked.finally(() => this.#inflight.delete(tracked));
  }

  #fail(error: unknown): void {
    if (this.#failure) return;
    if (error instanceof RunFailure) {
      this.#failure = error;
      return;
    }
    const err = error as { message?: string; source?: { content?: Content }; inner?: unknown };
    const inner = err.inner instanceof RunFailure ? err.inner : null;
    if (inner) {
      this.#failure = inner;
      return;
    }
    const content = err.source?.content;
    this.#failure = new RunFailure(String(err.message ?? error), 'UNKNOWN', content?.id ?? null, content?.executionId ?? null);
  }

  /** Waits until the engine has reached its wait states and no job handler is running. */
  async #settle(): Promise<void> {
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

  async #finish(engine: Engine): Promise<RunEffects> {
    const effects = this.#effects;
    effects.scopes = this.#scopes.toState();
    if (this.#ended) {
      effects.state = 'COMPLETED';
      effects.engineState = null;
      effects.nextWakeAt = null;
      for (const e of this.#openTasks) effects.userTasksEnded.set(e, 'CANCELED');
      for (const e of this.#openSubscriptions) effects.subscriptionsClosed.add(e);
      return effects;
    }
    const state = (await engine.getState()) as unknown as EngineState;
    // The serialised model is the deployment's; keep only the running state (a third of the size).
    for (const definition of state.definitions ?? []) delete definition.source;
    if (state.environment) state.environment.variables = {};
    // Read the armed timers before stop() disarms them.
    let wake = this.#timers.nextDueAt()?.getTime() ?? Infinity;
    await engine.stop();
    effects.engineState = state;
    for (const job of this.#jobs.values()) {
      if (job.state === 'FAILED' && job.retryAt) wake = Math.min(wake, job.retryAt.getTime());
    }
    effects.nextWakeAt = wake === Infinity ? null : new Date(wake);
    return effects;
  }

  /** The root scope's variables after the run, for a parent waiting on this instance. */
  rootVariables(): Variables {
    return this.#scopes.local(ROOT);
  }
}
