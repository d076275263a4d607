import type { Variables } from '../outcome.ts';
import type { Content } from './engine-messages.ts';
import { evaluateCondition } from './feel.ts';
import { parentOf, RunFailure, type RunContext } from './run-context.ts';
import type { ZeebeElement } from './zeebe-extensions.ts';

/**
 * Zeebe's variable life cycle of an element instance, hooked on each activity's execution
 * exchange ahead of bpmn-elements' own handlers: its scope and input mappings when it starts,
 * output mappings and multi-instance collection when it completes, clean-up when it ends.
 */
export interface ElementFacts {
  readonly zeebe: ZeebeElement;
  readonly isContainer: boolean;
  readonly hasLoop: boolean;
}

/** A plain variable named by a multi-instance output element (`= result`, `= result.x`). */
const OUTPUT_VARIABLE = /^=\s*([A-Za-z_]\w*)(?:\.[\w.]+)?\s*$/;

export function onExecution(ctx: RunContext, routingKey: string, content: Content, facts: ElementFacts): void {
  if (ctx.failure) return;
  // The body's own completion is built from its last iteration's message, so it carries
  // isMultiInstance too; only the root scope flag tells them apart.
  const isIteration = Boolean(content.isMultiInstance) && !content.isRootScope;
  if (!content.isRootScope && !isIteration) return; // event-definition executions
  const isBody = facts.hasLoop && !isIteration;
  try {
    switch (routingKey) {
      case 'execute.start':
        return onStart(ctx, content, facts, isBody, isIteration);
      case 'execute.completed':
        return onCompleted(ctx, content, facts.zeebe, isBody, isIteration);
      case 'execute.discard':
        return onEnded(ctx, content, 'TERMINATED', isIteration);
    }
  } catch (error) {
    ctx.fail(error);
  }
}

function onStart(ctx: RunContext, content: Content, { zeebe, isContainer }: ElementFacts, isBody: boolean, isIteration: boolean): void {
  const e = content.executionId;
  // Elements are anchored on activity.enter, whose parent chain is complete (the execute
  // messages' is not); iterations have no enter event and are anchored here.
  const anchored = ctx.scopes.anchorOf(e);
  if (ctx.scopes.has(e) || (isIteration && anchored)) return; // redelivered after recovery
  const parentScope = anchored ?? ctx.parentScope(parentOf(content));
  if (!anchored) ctx.scopes.anchor(e, parentScope, content.id);
  if (isIteration) ctx.history(e, content, 'ACTIVE');
  if (isBody) {
    ctx.scopes.create(e, parentScope, content.id);
    return;
  }
  if (!(isContainer || isIteration || zeebe.inputs.length || zeebe.outputs.length)) return;
  ctx.scopes.create(e, parentScope, content.id);
  if (isIteration) startIteration(ctx, content, zeebe, parentScope);
  // Input mappings in order, each seeing the ones before it.
  try {
    for (const mapping of zeebe.inputs) {
      ctx.scopes.setLocal(e, { [mapping.target]: ctx.resolve(mapping.source, e, `输入映射 / input mapping ${mapping.target}`, content.id, e) });
    }
  } catch (error) {
    if (!(error instanceof RunFailure) || isContainer) throw error;
    // Mapped again when the incident is resolved and the element runs anew.
    ctx.scopes.delete(e);
    ctx.block(content.id, e, error.errorType, error.message);
  }
}

/** An inner instance: its element variable and loop counter, and the body's counters. */
function startIteration(ctx: RunContext, content: Content, zeebe: ZeebeElement, body: string): void {
  const local = ctx.scopes.local(body);
  if (zeebe.outputCollection && !Array.isArray(local[zeebe.outputCollection])) {
    ctx.scopes.setLocal(body, { [zeebe.outputCollection]: new Array(content.loopCardinality ?? 0).fill(null) });
  }
  ctx.scopes.setLocal(body, {
    numberOfInstances: content.loopCardinality ?? 0,
    numberOfActiveInstances: Number(local.numberOfActiveInstances ?? 0) + 1,
    numberOfCompletedInstances: Number(local.numberOfCompletedInstances ?? 0),
    numberOfTerminatedInstances: Number(local.numberOfTerminatedInstances ?? 0),
  });
  const variables: Variables = { loopCounter: (content.index ?? 0) + 1 };
  // Zeebe nil-initialises a variable named by the output element in the inner instance, so a
  // job's result lands there and does not race its siblings up to the root.
  const outputVariable = OUTPUT_VARIABLE.exec(zeebe.outputElement ?? '')?.[1];
  if (outputVariable && outputVariable !== zeebe.inputElement) variables[outputVariable] = null;
  if (zeebe.inputElement) variables[zeebe.inputElement] = content[zeebe.inputElement] ?? null;
  ctx.scopes.setLocal(content.executionId, variables);
}

function onCompleted(ctx: RunContext, content: Content, zeebe: ZeebeElement, isBody: boolean, isIteration: boolean): void {
  const e = content.executionId;
  const parentScope = ctx.scopes.anchorOf(e) ?? ctx.parentScope(parentOf(content));
  if (isBody) {
    if (zeebe.outputCollection) {
      ctx.scopes.propagate(parentScope, { [zeebe.outputCollection]: ctx.scopes.local(e)[zeebe.outputCollection] ?? [] });
    }
    return onEnded(ctx, content, 'COMPLETED', false);
  }
  const scope = ctx.scopeFor(content);
  if (zeebe.outputs.length) {
    const results: Variables = {};
    for (const mapping of zeebe.outputs) {
      results[mapping.target] = ctx.resolve(mapping.source, scope, `输出映射 / output mapping ${mapping.target}`, content.id, e);
    }
    ctx.scopes.propagate(parentScope, results);
  }
  if (isIteration) {
    const local = ctx.scopes.local(parentScope);
    if (zeebe.outputCollection && zeebe.outputElement) {
      const list = Array.isArray(local[zeebe.outputCollection]) ? [...(local[zeebe.outputCollection] as unknown[])] : [];
      list[content.index ?? 0] = ctx.resolve(zeebe.outputElement, scope, '输出元素 / output element', content.id, e);
      ctx.scopes.setLocal(parentScope, { [zeebe.outputCollection]: list });
    }
    ctx.scopes.setLocal(parentScope, {
      numberOfActiveInstances: Math.max(0, Number(local.numberOfActiveInstances ?? 1) - 1),
      numberOfCompletedInstances: Number(local.numberOfCompletedInstances ?? 0) + 1,
    });
  }
  onEnded(ctx, content, 'COMPLETED', isIteration);
}

function onEnded(ctx: RunContext, content: Content, state: 'COMPLETED' | 'TERMINATED', isIteration: boolean): void {
  const e = content.executionId;
  // Close what ran inside before the scope that tells us so is gone.
  if (state === 'TERMINATED') ctx.closeWaitsOf(e);
  if (isIteration) ctx.history(e, content, state);
  ctx.scopes.delete(e);
  ctx.scopes.unanchor(e);
}

/**
 * Asked by a guarded gateway before it passes (guarded-gateways.ts): every condition it would
 * evaluate must yield a boolean. If one does not, the token stays at the gateway
 * with one incident; the rest of the run is saved.
 */
export function guardGateway(ctx: RunContext, content: Content): boolean {
  const scope = ctx.scopeFor(content);
  // An exclusive gateway takes the first flow whose condition is true, in the model's order, and
  // evaluates no further (Zeebe): a later condition that would fail does not hold it.
  const takesFirst = content.type === 'bpmn:ExclusiveGateway';
  for (const { flowId, expression } of ctx.model.outgoingConditions(content.id)) {
    try {
      if (evaluateCondition(expression, ctx.context(scope), ctx.feelOptions()) && takesFirst) return true;
    } catch (error) {
      ctx.block(content.id, content.executionId, 'EXTRACT_VALUE_ERROR', `条件无法求值 / the condition of flow ${flowId} failed: ${(error as Error).message}`);
      return false;
    }
  }
  return true;
}
