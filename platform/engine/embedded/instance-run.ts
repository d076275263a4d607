import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import type { Variables } from '../outcome.ts';
import { ClockTimers } from './clock-timers.ts';
import { guardGateway, onExecution } from './element-lifecycle.ts';
import type { ActivityHandle, Content, ElementApi, ServiceCallback } from './engine-messages.ts';
import { evaluateCondition, isFeel, resolveValue } from './feel.ts';
import { activateJobs, applyJobAnswer, executeJob, runsHere } from './job-dispatch.ts';
import type { ProcessModel } from './model-repository.ts';
import { CONTAINER_TYPES, parentOf, RunContext, RunFailure, type EngineState, type InstanceSnapshot, type RunDependencies } from './run-context.ts';
import type { EngineCommand, RunEffects } from './run-effects.ts';
import { ROOT } from './variable-scopes.ts';
import { onCall, onWait, rearmIfNonInterrupting } from './wait-states.ts';
import { readZeebe } from './zeebe-extensions.ts';

export { RunFailure, type InstanceSnapshot, type RunDependencies } from './run-context.ts';

const silentLogger = () => ({ debug() {}, error() {}, warn() {} });

/**
 * One process instance live in memory: a bpmn-engine started, or recovered from the saved state,
 * that takes one command at a time. Zeebe's semantics are layered on through bpmn-engine's hooks
 * (element-lifecycle.ts, job-dispatch.ts, wait-states.ts). A run writes nothing itself; it
 * returns its effects for the store to save atomically, so a crash anywhere loses the run, never
 * half of it. After a saved run the process that holds the instance's lease may keep it live and
 * give it the next command without recovering it (a hot instance); after a failed run it is
 * thrown away and recovered from the database.
 */
export class InstanceRun {
  readonly #ctx: RunContext;
  readonly #timers: ClockTimers;
  #engine: Engine | null = null;
  #ended = false;

  constructor(deps: RunDependencies, snapshot: InstanceSnapshot, model: ProcessModel) {
    this.#ctx = new RunContext(deps, snapshot, model);
    this.#timers = new ClockTimers(this.#ctx.clock);
  }

  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Applies one command, accepted at `acceptedAt`, and returns what to save; throws RunFailure
   * when the instance must not advance. Timers that fell due before the command was accepted
   * fire before it; those that fell due after, after it.
   */
  async run(command: EngineCommand, acceptedAt: Date): Promise<RunEffects> {
    const ctx = this.#ctx;
    ctx.beginRun();
    const now = ctx.deps.clock.now();
    ctx.standAt(acceptedAt.getTime() < now.getTime() ? acceptedAt : now);
    if (!this.#engine && !ctx.snapshot.engineState && command.kind === 'setVariables') {
      // Never started (its start failed into an incident): the fix lands in its scopes, and
      // resolving the incident starts it with them.
      this.#setVariables(command);
      ctx.effects.scopes = ctx.scopes.toState();
      return ctx.effects;
    }
    try {
      if (!this.#engine) await this.#open(command);
      else {
        if (command.kind === 'setVariables') this.#setVariables(command);
        this.#timers.fireDue(ctx.now());
      }
      await ctx.settle();
      if (!ctx.failure) this.#apply(command);
      await ctx.settle();
      ctx.standAt(null);
      this.#timers.fireDue(ctx.now());
      await ctx.settle();
    } finally {
      ctx.standAt(null);
    }
    // A failed engine is dropped, not stopped: stop() waits for an event a broken run never emits,
    // and nothing of it outlives this object (its timers are only due times).
    if (ctx.failure) throw ctx.failure;
    if (!this.#ended) activateJobs(ctx);
    if (ctx.failure) throw ctx.failure;
    return this.#finish(this.#engine!);
  }

  /** Starts the instance, or recovers it from its saved state and resumes it. */
  async #open(command: EngineCommand): Promise<void> {
    const ctx = this.#ctx;
    const engine = this.#createEngine();
    this.#engine = engine;
    const listener = this.#listener();
    engine.on('error', (error: unknown) => ctx.fail(error));
    engine.on('end', () => (this.#ended = true));
    if (!ctx.snapshot.engineState) {
      if (command.kind !== 'start') throw new RunFailure('实例尚未启动 / instance was never started', 'UNKNOWN', null, null);
      await engine.execute({ listener });
      return;
    }
    // New variables go in before the engine resumes, so what resumes (a gateway held at an
    // incident, say) already sees them.
    if (command.kind === 'setVariables') this.#setVariables(command);
    engine.recover(structuredClone(ctx.snapshot.engineState) as never);
    await engine.resume({ listener });
  }

  /** The root scope's variables after the run, for a parent waiting on this instance. */
  rootVariables(): Variables {
    return this.#ctx.scopes.local(ROOT);
  }

  #createEngine(): Engine {
    const ctx = this.#ctx;
    return new Engine({
      name: ctx.snapshot.key,
      sourceContext: ctx.model.runContext,
      Logger: silentLogger,
      timers: this.#timers,
      // Read by ClockTimerEventDefinition and the guarded gateways; unknown options survive Environment.clone().
      clock: ctx.clock,
      gatewayGuard: (content: Content) => guardGateway(ctx, content),
      // Not strict: in strict mode an error boundary never sees an error a service task's callback
      // returns, only thrown BPMN errors. Ours are always coded (job-dispatch.ts), and a run that
      // fails for any other reason is rolled back whatever a boundary caught.
      settings: { disableDummyScript: true, disableTrackState: true, strict: false },
      expressions: { resolveExpression: (expression: unknown, context: { content?: Content }) => this.#resolveForEngine(expression, context) },
      extensions: { zeebe: (activity: ActivityHandle) => this.#extend(activity) },
    } as never);
  }

  // ---- commands -------------------------------------------------------------------------

  #apply(command: EngineCommand): void {
    const ctx = this.#ctx;
    const execution = this.#engine!.execution!;
    switch (command.kind) {
      case 'start':
      case 'wake':
      case 'cancel':
      case 'setVariables': // applied before the timers and the resume
        return;
      case 'jobAnswer':
        return applyJobAnswer(ctx, command);
      case 'completeUserTask': {
        const e = command.elementInstanceKey;
        if (!ctx.openTasks.has(e)) {
          return ctx.reject(`用户任务 ${command.userTaskKey} 已不在等待完成 / user task ${command.userTaskKey} was no longer waiting when its completion was applied`);
        }
        ctx.applyResult(e, command.variables);
        ctx.openTasks.delete(e);
        ctx.effects.userTasksEnded.set(e, 'COMPLETED');
        // An id no element has, so only the execution id matches (bpmn-elements matches either).
        return execution.signal({ id: e, executionId: e });
      }
      case 'correlate':
        return this.#correlate(command);
      case 'childCompleted': {
        const e = command.elementInstanceKey;
        if (!ctx.children.has(e)) {
          return ctx.reject(`调用活动 ${e} 已不在等待子流程 / call activity ${e} was no longer waiting for process instance ${command.childInstanceKey}`);
        }
        const zeebe = readZeebe(ctx.model.element(ctx.elementIdOf(e))?.behaviour as never);
        ctx.applyResult(e, !zeebe.propagateAllChildVariables && !zeebe.outputs.length ? {} : command.variables);
        ctx.children.delete(e);
        return execution.signal({ id: e, executionId: e });
      }
      default:
        throw new Error(`未知的引擎命令 / unknown engine command ${JSON.stringify((command as { kind?: unknown }).kind)}`);
    }
  }

  /**
   * A message for a subscription. A non-interrupting boundary re-arms under a new element
   * instance once it has fired, so a second message published for the first subscription goes
   * to the re-armed one of the same element (Zeebe keeps that subscription open). A message that
   * finds no subscription is rejected and freed to correlate again while it is buffered.
   */
  #correlate(command: Extract<EngineCommand, { kind: 'correlate' }>): void {
    const ctx = this.#ctx;
    let e = command.elementInstanceKey;
    if (!ctx.subscriptions.has(e)) {
      const elementId = command.elementId ?? ctx.elementIdOf(e);
      const rearmed = [...ctx.subscriptions.values()].find((s) => s.elementId === elementId && s.messageName === command.messageName);
      if (!rearmed) {
        ctx.effects.uncorrelated.push({ messageKey: command.messageKey, processId: ctx.snapshot.processId });
        return ctx.reject(`消息 ${command.messageName} 到达时订阅已关闭 / the subscription for message ${command.messageName} was closed when it arrived`);
      }
      e = rearmed.elementInstanceKey;
    }
    ctx.applyResult(e, command.variables);
    ctx.closeSubscription(e);
    rearmIfNonInterrupting(ctx, ctx.elementIdOf(e));
    const api = this.#findApi(e);
    if (api) return api.signal({ messageName: command.messageName });
    return this.#engine!.execution!.signal({ id: command.messageRef });
  }

  /** Operate's "edit variables": local to the element instance, or propagated like a job's. */
  #setVariables(command: Extract<EngineCommand, { kind: 'setVariables' }>): void {
    const ctx = this.#ctx;
    const e = command.elementInstanceKey;
    const scope = e === null ? ROOT : ctx.scopes.has(e) ? e : (ctx.scopes.anchorOf(e) ?? ROOT);
    if (!command.local) return ctx.scopes.propagate(scope, command.variables);
    if (e !== null && !ctx.scopes.has(e)) ctx.scopes.create(e, scope, ctx.elementIdOf(e));
    ctx.scopes.setLocal(e ?? ROOT, command.variables);
  }

  /** The waiting element with this execution id, searched through sub-processes. */
  #findApi(executionId: string): ElementApi | undefined {
    const search = (list: ElementApi[], depth: number): ElementApi | undefined => {
      for (const api of list) {
        if (api.content?.executionId === executionId) return api;
        if (depth >= 20 || !api.getPostponed) continue;
        const inner = api.getPostponed().filter((child) => child !== api && child.content?.executionId !== api.content?.executionId);
        const found = search(inner, depth + 1);
        if (found) return found;
      }
      return undefined;
    };
    return search((this.#engine!.execution!.getPostponed() as unknown as ElementApi[]) ?? [], 0);
  }

  /** bpmn-elements asks us for conditions, timers, collections, names and codes. */
  #resolveForEngine(expression: unknown, context: { content?: Content }): unknown {
    if (!isFeel(expression)) return expression;
    const ctx = this.#ctx;
    const content = context.content;
    const variables = ctx.context(ctx.scopeFor(content));
    try {
      const isCondition = content?.type === 'bpmn:ExclusiveGateway' || content?.type === 'bpmn:InclusiveGateway' || content?.outboundTakeOne !== undefined;
      return isCondition ? evaluateCondition(expression, variables, ctx.feelOptions()) : resolveValue(expression, variables, ctx.feelOptions());
    } catch (error) {
      const failure = new RunFailure((error as Error).message, 'EXTRACT_VALUE_ERROR', content?.id ?? null, content?.executionId ?? null);
      ctx.fail(failure);
      throw failure;
    }
  }

  // ---- hooks into bpmn-engine -------------------------------------------------------------

  #extend(activity: ActivityHandle) {
    const ctx = this.#ctx;
    ctx.activities.set(activity.id, activity);
    const zeebe = readZeebe(activity.behaviour as never);
    if (zeebe.taskType && activity.type !== 'bpmn:UserTask') {
      activity.behaviour.Service = function JobService() {
        return {
          execute: (message: { content: Content }, callback: ServiceCallback) => executeJob(ctx, message.content, zeebe, callback),
        };
      };
    }
    const facts = { zeebe, isContainer: CONTAINER_TYPES.has(activity.type), hasLoop: Boolean(activity.behaviour.loopCharacteristics) };
    const tag = `_jingpin-${activity.id}`;
    return {
      activate: () =>
        activity.broker.subscribeTmp('execution', 'execute.#', (routingKey, message) => onExecution(ctx, routingKey, message.content, facts), {
          noAck: true,
          consumerTag: tag,
          priority: 10_000,
        }),
      deactivate: () => activity.broker.cancel(tag),
    };
  }

  #listener(): EventEmitter {
    const ctx = this.#ctx;
    const listener = new EventEmitter();
    const on = (event: string, fn: (content: Content) => void) =>
      listener.on(event, (api: ElementApi) => {
        if (ctx.failure) return;
        try {
          fn(api.content);
        } catch (error) {
          ctx.fail(error);
        }
      });
    on('activity.enter', (content) => {
      const e = content.executionId;
      if (!ctx.scopes.anchorOf(e)) ctx.scopes.anchor(e, ctx.parentScope(parentOf(content)), content.id);
      ctx.history(e, content, 'ACTIVE');
    });
    on('activity.end', (content) => ctx.history(content.executionId, content, 'COMPLETED'));
    on('activity.discard', (content) => {
      ctx.history(content.executionId, content, 'TERMINATED');
      ctx.closeWaitsOf(content.executionId);
    });
    on('activity.leave', (content) => {
      const e = content.executionId;
      // Left without ending: an event-based gateway's loser, an interrupted activity.
      const state = ctx.effects.history.get(e)?.state;
      if (state === undefined || state === 'ACTIVE') ctx.history(e, content, 'TERMINATED');
      ctx.closeWaitsOf(e);
      ctx.scopes.delete(e);
      ctx.scopes.unanchor(e);
    });
    on('activity.wait', (content) => onWait(ctx, content));
    on('activity.call', (content) => onCall(ctx, content));
    return listener;
  }

  // ---- the result -------------------------------------------------------------------------

  async #finish(engine: Engine): Promise<RunEffects> {
    const ctx = this.#ctx;
    const effects = ctx.effects;
    effects.scopes = ctx.scopes.toState();
    if (this.#ended) {
      effects.state = 'COMPLETED';
      for (const e of ctx.openTasks) effects.userTasksEnded.set(e, 'CANCELED');
      for (const e of ctx.subscriptions.keys()) effects.subscriptionsClosed.add(e);
      return effects;
    }
    const state = (await engine.getState()) as unknown as EngineState;
    // The serialised model is the deployment's; keep only the running state (a third of the size).
    for (const definition of state.definitions ?? []) delete definition.source;
    if (state.environment) state.environment.variables = {};
    let wake = this.#timers.nextDueAt()?.getTime() ?? Infinity;
    effects.engineState = state;
    for (const job of ctx.jobs.values()) {
      if (job.state === 'FAILED' && job.retryAt) wake = Math.min(wake, job.retryAt.getTime());
      // An activation whose answer never comes (its process died) times out, as in Zeebe.
      // (One running in this process is timed out by the job runner instead.)
      if (job.state === 'ACTIVATED' && job.deadline && !runsHere(ctx, job)) wake = Math.min(wake, job.deadline.getTime());
    }
    effects.nextWakeAt = wake === Infinity ? null : new Date(wake);
    return effects;
  }

  /** Lets go of the live engine (evicted from memory, or the run failed). */
  /**
   * Lets go of the live engine. It is dropped, not stopped: nothing outside this object holds
   * it (its timers are due times in #timers, cleared here, and its listener is this run's), so
   * the garbage collector takes it whole, while stop() would deactivate every element of the
   * model one by one, which was an eighth of the CPU of a recovered run.
   */
  async close(): Promise<void> {
    this.#engine = null;
    this.#timers.clear();
  }
}
