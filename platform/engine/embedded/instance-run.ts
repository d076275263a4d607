import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import type { Variables } from '../outcome.ts';
import { ClockTimers } from './clock-timers.ts';
import { guardGateway, onExecution } from './element-lifecycle.ts';
import type { ActivityHandle, Content, ElementApi, ServiceCallback } from './engine-messages.ts';
import { evaluateCondition, isFeel, resolveValue } from './feel.ts';
import { executeJob } from './job-dispatch.ts';
import type { ProcessModel } from './model-repository.ts';
import { RunContext, RunFailure, type EngineState, type InstanceSnapshot, type RunDependencies } from './run-context.ts';
import type { EngineCommand, RunEffects } from './run-effects.ts';
import { ROOT } from './variable-scopes.ts';
import { onCall, onWait, rearmIfNonInterrupting } from './wait-states.ts';
import { readZeebe } from './zeebe-extensions.ts';

export { RunFailure, type InstanceSnapshot, type RunDependencies } from './run-context.ts';

const silentLogger = () => ({ debug() {}, error() {}, warn() {} });
const CONTAINERS = new Set(['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);

/**
 * One run of one process instance: a fresh bpmn-engine recovered from the saved state (or
 * started), resumed, given one command, and left to settle at its next wait states. Zeebe's
 * semantics are layered on through bpmn-engine's hooks (element-lifecycle.ts, job-dispatch.ts,
 * wait-states.ts). The run writes nothing itself; it returns its effects for the store to save
 * atomically, so a crash anywhere loses the run, never half of it.
 */
export class InstanceRun {
  readonly #ctx: RunContext;
  readonly #timers: ClockTimers;
  #engine: Engine | null = null;
  #ended = false;

  constructor(deps: RunDependencies, snapshot: InstanceSnapshot, model: ProcessModel) {
    this.#ctx = new RunContext(deps, snapshot, model);
    this.#timers = new ClockTimers(deps.clock);
  }

  /** Runs the command and returns what to save; throws RunFailure when the instance must not advance. */
  async run(command: EngineCommand): Promise<RunEffects> {
    const ctx = this.#ctx;
    const engine = this.#createEngine();
    this.#engine = engine;
    const listener = this.#listener();
    engine.on('error', (error: unknown) => ctx.fail(error));
    engine.on('end', () => (this.#ended = true));

    if (!ctx.snapshot.engineState) {
      if (command.kind !== 'start') throw new RunFailure('实例尚未启动 / instance was never started', 'UNKNOWN', null, null);
      await engine.execute({ listener });
    } else {
      // New variables go in before the engine resumes, so what resumes (a gateway held at an
      // incident, say) already sees them.
      if (command.kind === 'setVariables') this.#setVariables(command);
      engine.recover(structuredClone(ctx.snapshot.engineState) as never);
      await engine.resume({ listener });
      await ctx.settle();
      this.#apply(command);
    }
    await ctx.settle();
    // A failed engine is dropped, not stopped: stop() waits for an event a broken run never emits,
    // and nothing of it outlives this object (its timers are only due times).
    if (ctx.failure) throw ctx.failure;
    return this.#finish(engine);
  }

  /** The root scope's variables after the run, for a parent waiting on this instance. */
  rootVariables(): Variables {
    return this.#ctx.scopes.local(ROOT);
  }

  #createEngine(): Engine {
    const ctx = this.#ctx;
    return new Engine({
      name: ctx.snapshot.key,
      sourceContext: ctx.model.sourceContext,
      Logger: silentLogger,
      timers: this.#timers,
      // Read by ClockTimerEventDefinition and the guarded gateways; unknown options survive Environment.clone().
      clock: ctx.deps.clock,
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
        return;
      case 'completeUserTask': {
        const e = command.elementInstanceKey;
        if (!ctx.openTasks.has(e)) return;
        ctx.applyResult(e, command.variables);
        ctx.openTasks.delete(e);
        ctx.effects.userTasksEnded.set(e, 'COMPLETED');
        // An id no element has, so only the execution id matches (bpmn-elements matches either).
        return execution.signal({ id: e, executionId: e });
      }
      case 'correlate': {
        const e = command.elementInstanceKey;
        if (!ctx.openSubscriptions.has(e)) return;
        ctx.applyResult(e, command.variables);
        ctx.closeSubscription(e);
        rearmIfNonInterrupting(ctx, ctx.elementIdOf(e));
        const api = this.#findApi(e);
        if (api) return api.signal({ messageName: command.messageName });
        return execution.signal({ id: command.messageRef });
      }
      case 'setVariables':
        return; // applied before the resume
      case 'childCompleted': {
        const e = command.elementInstanceKey;
        if (!ctx.children.has(e)) return;
        const zeebe = readZeebe(ctx.model.element(ctx.elementIdOf(e))?.behaviour as never);
        ctx.applyResult(e, !zeebe.propagateAllChildVariables && !zeebe.outputs.length ? {} : command.variables);
        ctx.children.delete(e);
        return execution.signal({ id: e, executionId: e });
      }
    }
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
          execute: (message: { content: Content }, callback: ServiceCallback) => ctx.track(executeJob(ctx, message.content, zeebe, callback)),
        };
      };
    }
    const facts = { zeebe, isContainer: CONTAINERS.has(activity.type), hasLoop: Boolean(activity.behaviour.loopCharacteristics) };
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
      if (!ctx.scopes.anchorOf(e)) ctx.scopes.anchor(e, ctx.parentScope(content.parent), content.id);
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
      for (const e of ctx.openSubscriptions) effects.subscriptionsClosed.add(e);
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
    for (const job of ctx.jobs.values()) {
      if (job.state === 'FAILED' && job.retryAt) wake = Math.min(wake, job.retryAt.getTime());
    }
    effects.nextWakeAt = wake === Infinity ? null : new Date(wake);
    return effects;
  }
}
