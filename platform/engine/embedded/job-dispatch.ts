import type { Job } from '../worker.ts';
import { checkJobInput, DEFAULT_JOB_TIMEOUT_MS } from '../worker.ts';
import type { Content, ServiceCallback } from './engine-messages.ts';
import type { RunContext } from './run-context.ts';
import type { EngineCommand, JobRecord } from './run-effects.ts';
import { ROOT } from './variable-scopes.ts';
import type { ZeebeElement } from './zeebe-extensions.ts';

const DEFAULT_RETRIES = 3;
const OPEN_STATES = new Set(['ACTIVATABLE', 'ACTIVATED', 'FAILED']);

/**
 * A service, send or business-rule task reached: its job is created and the task waits, as a
 * Zeebe job does. The job row is saved with the run before any handler sees it, so its key and
 * element instance key are the same on every attempt and in every process. Handlers run outside
 * the run (see {@link activateJobs}); their answer comes back as a command.
 */
export function executeJob(ctx: RunContext, content: Content, zeebe: ZeebeElement, callback: ServiceCallback): void {
  const e = content.executionId;
  // The run already failed, or this task's input mappings did: Zeebe creates no job.
  if (ctx.failure || ctx.blocked.has(e)) return;
  ctx.jobCallbacks.set(e, { callback, scope: ctx.scopeFor(content) });
  if (ctx.jobs.has(e)) return; // created in an earlier run: recovered and waiting again
  try {
    const job = newJob(ctx, content, zeebe, ctx.scopeFor(content), ctx.now());
    ctx.effects.jobs.set(e, job);
  } catch (error) {
    ctx.fail(error);
  }
}

/**
 * At the end of a run, the jobs that may run now are activated for this process: a worker of
 * their type is registered, their backoff has passed, and no live activation holds them. A job
 * activated by a process that has since lost the instance is activated anew: that process can no
 * longer answer it. Each activation counts as an attempt; the handler sees the variables of the
 * job's scope as they are at activation.
 */
export function activateJobs(ctx: RunContext): void {
  const now = ctx.now();
  for (const [e, job] of ctx.jobs) {
    if (!OPEN_STATES.has(job.state) || !ctx.jobCallbacks.has(e) || ctx.blocked.has(e)) continue;
    if (job.state === 'ACTIVATED' && runsHere(ctx, job)) continue;
    if (job.state === 'FAILED' && job.retryAt && job.retryAt.getTime() > now.getTime()) continue;
    const worker = ctx.deps.workers().get(job.type);
    if (!worker) {
      // Waits for a worker of its type, as a Zeebe job does.
      Object.assign(job, { state: 'ACTIVATABLE', worker: null, deadline: null });
      ctx.effects.jobs.set(e, job);
      continue;
    }
    const input = checkJobInput(worker, ctx.context(ctx.jobCallbacks.get(e)!.scope));
    if (!input.ok) {
      jobIncident(ctx, job, input.message);
      continue;
    }
    const timeoutMs = worker.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    Object.assign(job, {
      state: 'ACTIVATED',
      attempts: job.attempts + 1,
      worker: ctx.deps.owner,
      deadline: new Date(now.getTime() + timeoutMs),
      retryAt: null,
    });
    ctx.effects.jobs.set(e, job);
    const view: Job = {
      key: job.key,
      type: job.type,
      processInstanceKey: ctx.snapshot.key,
      processDefinitionId: ctx.snapshot.processId,
      elementId: job.elementId,
      elementInstanceKey: e,
      businessKey: ctx.snapshot.businessKey,
      retries: job.retries,
      customHeaders: job.customHeaders,
      variables: input.variables,
    };
    ctx.effects.activations.push({ job: view, attempt: job.attempts, timeoutMs });
  }
}

/** A handler's answer to one activation: moves the token, takes a boundary, backs off or raises an incident. */
export function applyJobAnswer(ctx: RunContext, command: Extract<EngineCommand, { kind: 'jobAnswer' }>): void {
  const e = command.elementInstanceKey;
  const job = ctx.jobs.get(e);
  const callback = ctx.jobCallbacks.get(e)?.callback;
  if (!job || job.key !== command.jobKey || job.state !== 'ACTIVATED' || job.attempts !== command.attempt || !callback) {
    return ctx.reject(
      `作业 ${command.jobKey} 的第 ${command.attempt} 次激活已失效 / attempt ${command.attempt} of job ${command.jobKey} is no longer active (${job?.state ?? 'ended'}, attempt ${job?.attempts ?? '-'})`,
    );
  }
  ctx.effects.jobs.set(e, job);
  const done = ctx.now();
  const answer = command.answer;
  switch (answer.kind) {
    case 'complete':
      Object.assign(job, { state: 'COMPLETED', endedAt: done, errorMessage: null, worker: null, deadline: null });
      ctx.jobCallbacks.delete(e);
      ctx.applyResult(e, answer.variables);
      return callback(null);
    case 'bpmnError':
      if (!ctx.model.catchesError(job.elementId, answer.errorCode)) {
        return jobIncident(ctx, job, `未捕获的 BPMN 错误 / unhandled BPMN error ${answer.errorCode}: ${answer.errorMessage}`, 'UNHANDLED_ERROR_EVENT');
      }
      Object.assign(job, { state: 'ERROR_THROWN', endedAt: done, errorMessage: answer.errorMessage, worker: null, deadline: null });
      ctx.jobCallbacks.delete(e);
      if (Object.keys(answer.variables).length) ctx.scopes.propagate(ctx.scopes.anchorOf(e) ?? ROOT, answer.variables);
      return callback(Object.assign(new Error(answer.errorMessage), { code: answer.errorCode }));
    case 'retry':
      Object.assign(job, { retries: job.retries - 1, errorMessage: answer.errorMessage, worker: null, deadline: null });
      if (job.retries <= 0) return jobIncident(ctx, job, answer.errorMessage);
      job.state = 'FAILED';
      job.retryAt = new Date(done.getTime() + Math.max(0, answer.afterMs));
      return;
    case 'incident':
      job.retries = 0;
      return jobIncident(ctx, job, answer.errorMessage);
    case 'timeout':
      // Zeebe: a timed-out job is activatable again and keeps its retries.
      Object.assign(job, { state: 'ACTIVATABLE', errorMessage: answer.errorMessage, worker: null, deadline: null });
      return;
  }
}

/** The job's current activation is this process's and its handler has not been answered yet. */
export function runsHere(ctx: RunContext, job: JobRecord): boolean {
  return job.worker === ctx.deps.owner && ctx.deps.isRunning(job.key, job.attempts);
}

function newJob(ctx: RunContext, content: Content, zeebe: ZeebeElement, scope: string, now: Date): JobRecord {
  const e = content.executionId;
  const type = String(ctx.resolve(zeebe.taskType!, scope, 'job type', content.id, e));
  const retries = zeebe.retries ? Number(ctx.resolve(zeebe.retries, scope, 'retries', content.id, e)) : DEFAULT_RETRIES;
  const job: JobRecord = {
    key: ctx.deps.keys.next(),
    elementId: content.id,
    elementInstanceKey: e,
    type,
    retries: Number.isInteger(retries) && retries > 0 ? retries : DEFAULT_RETRIES,
    state: 'ACTIVATABLE',
    retryAt: null,
    errorMessage: null,
    customHeaders: { ...zeebe.headers },
    createdAt: now,
    endedAt: null,
    attempts: 0,
    worker: null,
    deadline: null,
  };
  ctx.jobs.set(e, job);
  return job;
}

function jobIncident(ctx: RunContext, job: JobRecord, message: string, errorType = 'JOB_NO_RETRIES'): void {
  Object.assign(job, { state: 'INCIDENT', retryAt: null, errorMessage: message, worker: null, deadline: null });
  ctx.effects.jobs.set(job.elementInstanceKey, job);
  ctx.incident({ elementId: job.elementId, elementInstanceKey: job.elementInstanceKey, jobKey: job.key, errorType, errorMessage: message });
}
