import type { Content } from './engine-messages.ts';
import { toIsoDateTime } from './feel.ts';
import { RunFailure, type RunContext } from './run-context.ts';
import { readCorrelationKey, readZeebe } from './zeebe-extensions.ts';

/**
 * Where an instance waits on the outside world: a Camunda user task, a message subscription
 * or a called process. Each opens once per element instance (bpmn-engine announces waits
 * again after every recovery) and is written by the store with the run.
 */
export function onWait(ctx: RunContext, content: Content): void {
  if (content.message) return openSubscription(ctx, content);
  if (content.type === 'bpmn:UserTask') return openUserTask(ctx, content);
}

function openUserTask(ctx: RunContext, content: Content): void {
  const e = content.executionId;
  if (ctx.openTasks.has(e) || ctx.effects.userTasksEnded.has(e) || ctx.blocked.has(e)) return;
  const element = ctx.model.element(content.id);
  const zeebe = readZeebe(element?.behaviour as never);
  let formKey = zeebe.formKey ?? null;
  if (zeebe.formId) {
    formKey = ctx.deps.models.formKey(zeebe.formId) ?? null;
    if (!formKey) return ctx.block(content.id, e, 'FORM_NOT_FOUND', `表单未部署 / no form with id ${zeebe.formId} is deployed`);
  }
  const scope = ctx.scopeFor(content);
  const read = (raw: string | undefined, what: string): unknown => (raw ? ctx.resolve(raw, scope, what, content.id, e) : null);
  const text = (raw: string | undefined, what: string): string | null => {
    const value = read(raw, what);
    return value === null || value === undefined ? null : String(value);
  };
  const list = (raw: string | undefined, what: string): string[] => {
    const value = read(raw, what);
    if (Array.isArray(value)) return value.map(String);
    // Zeebe's static form: a comma-separated list.
    return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
  };
  const date = (raw: string | undefined, what: string): string | null => {
    const value = read(raw, what);
    if (value === null || value === undefined) return null;
    const iso = toIsoDateTime(value);
    if (!iso) throw new RunFailure(`${what} 不是 ISO 8601 日期时间 / is not an ISO 8601 date-time: ${String(value)}`, 'EXTRACT_VALUE_ERROR', content.id, e);
    return iso;
  };
  const priority = zeebe.priority ? Number(read(zeebe.priority, 'priority')) : 50;
  ctx.openTasks.add(e);
  ctx.effects.userTasksCreated.push({
    key: ctx.deps.keys.next(),
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
    createdAt: ctx.now(),
  });
}

function openSubscription(ctx: RunContext, content: Content): void {
  const e = content.executionId;
  if (ctx.subscriptions.has(e)) return;
  const messageRef = content.message!.id;
  const messageElement = ctx.model.rootElement(messageRef);
  const keyExpression = readCorrelationKey(messageElement?.behaviour as never);
  const name = String(content.message!.name ?? messageElement?.behaviour.name ?? messageRef);
  if (!keyExpression) {
    throw new RunFailure(`消息 ${name} 缺少关联键 / message ${name} has no zeebe:subscription correlationKey`, 'EXTRACT_VALUE_ERROR', content.id, e);
  }
  const key = ctx.resolve(keyExpression, ctx.scopeFor(content), `关联键 / correlation key of ${name}`, content.id, e);
  if (typeof key !== 'string' && typeof key !== 'number') {
    throw new RunFailure(
      `消息 ${name} 的关联键必须是字符串或数字 / the correlation key of message ${name} must be a string or number, got ${JSON.stringify(key)}`,
      'EXTRACT_VALUE_ERROR',
      content.id,
      e,
    );
  }
  if (!ctx.scopes.anchorOf(e)) ctx.scopes.anchor(e, ctx.scopeFor(content), content.id);
  ctx.subscriptions.set(e, { elementInstanceKey: e, elementId: content.id, messageName: name });
  ctx.effects.subscriptionsClosed.delete(e);
  ctx.effects.subscriptionsOpened.push({ elementInstanceKey: e, elementId: content.id, messageRef, messageName: name, correlationKey: String(key) });
}

/** A call activity reached: its child instance is started by the store, with the parent's variables. */
export function onCall(ctx: RunContext, content: Content): void {
  const e = content.executionId;
  if (ctx.children.has(e)) return;
  ctx.children.add(e);
  const zeebe = readZeebe(ctx.model.element(content.id)?.behaviour as never);
  if (!zeebe.calledProcessId) {
    throw new RunFailure(`调用活动 ${content.id} 缺少 processId / call activity has no zeebe:calledElement processId`, 'CALLED_ELEMENT_ERROR', content.id, e);
  }
  const scope = ctx.scopeFor(content);
  const processId = String(ctx.resolve(zeebe.calledProcessId, scope, 'calledElement', content.id, e));
  const variables = zeebe.propagateAllParentVariables ? ctx.context(scope) : ctx.scopes.local(e);
  ctx.track(
    ctx.deps.models.latest(processId).then(
      (model) => {
        ctx.effects.childInstances.push({
          key: ctx.deps.keys.next(),
          definitionKey: model.definitionKey,
          processId: model.processId,
          version: model.version,
          businessKey: ctx.snapshot.businessKey,
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

/**
 * A non-interrupting message boundary stays subscribed while its activity runs (Zeebe);
 * bpmn-elements re-arms a boundary only on `execute.repeat`, which its timers send and its
 * messages do not, so we send it before the message completes the boundary.
 */
export function rearmIfNonInterrupting(ctx: RunContext, elementId: string): void {
  const element = ctx.model.element(elementId);
  if (element?.type !== 'bpmn:BoundaryEvent' || element.behaviour.cancelActivity !== false) return;
  ctx.activities.get(elementId)?.broker.publish('execution', 'execute.repeat', { repeat: -1 });
}
