import type { Job } from '../worker.ts';
import { checkJobInput } from '../worker.ts';
import type { Content, ServiceCallback } from './engine-messages.ts';
import { runJobHandler } from './job-execution.ts';
import type { RunContext } from './run-context.ts';
import type { JobRecord } from './run-effects.ts';
import { ROOT } from './variable-scopes.ts';
import type { ZeebeElement } from './zeebe-extensions.ts';

const DEFAULT_RETRIES = 3;

/**
 * A service, send or business-rule task reached: its job, run inline by the registered worker
 * when there is one and it is due. The handler's outcome decides: complete moves the token,
 * a caught BPMN error takes the boundary, retry parks the job until its backoff has passed,
 * and an incident (or an uncaught error) parks it until a person resolves it. A parked job
 * never answers bpmn-engine, so the task waits, is saved, and runs again when the instance wakes.
 */
export async function executeJob(ctx: RunContext, content: Content, zeebe: ZeebeElement, callback: ServiceCallback): Promise<void> {
  const e = content.executionId;
  // The run already failed, or this task's input mappings did: Zeebe creates no job.
  if (ctx.failure || ctx.blocked.has(e)) return;
  const now = ctx.now();
  const scope = ctx.scopeFor(content);
  const job = ctx.jobs.get(e) ?? newJob(ctx, content, zeebe, scope, now);
  ctx.effects.jobs.set(e, job);
  if (job.state === 'INCIDENT') return;
  if (job.state === 'FAILED' && job.retryAt && job.retryAt.getTime() > now.getTime()) return;
  const worker = ctx.deps.workers().get(job.type);
  if (!worker) {
    job.state = 'ACTIVATABLE'; // waits for a worker of its type, as a Zeebe job does
    return;
  }
  const input = checkJobInput(worker, ctx.context(scope));
  if (!input.ok) return jobIncident(ctx, job, input.message);
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
  const outcome = await runJobHandler(worker, view);
  if (ctx.failure) return;
  const done = ctx.now();
  switch (outcome.kind) {
    case 'complete':
      Object.assign(job, { state: 'COMPLETED', endedAt: done, errorMessage: null });
      ctx.applyResult(e, outcome.variables);
      return callback(null);
    case 'bpmnError':
      if (!ctx.model.catchesError(job.elementId, outcome.errorCode)) {
        return jobIncident(ctx, job, `未捕获的 BPMN 错误 / unhandled BPMN error ${outcome.errorCode}: ${outcome.errorMessage}`, 'UNHANDLED_ERROR_EVENT');
      }
      Object.assign(job, { state: 'ERROR_THROWN', endedAt: done, errorMessage: outcome.errorMessage });
      if (Object.keys(outcome.variables).length) ctx.scopes.propagate(ctx.scopes.anchorOf(e) ?? ROOT, outcome.variables);
      return callback(Object.assign(new Error(outcome.errorMessage), { code: outcome.errorCode }));
    case 'retry':
      job.retries -= 1;
      job.errorMessage = outcome.errorMessage;
      if (job.retries <= 0) return jobIncident(ctx, job, outcome.errorMessage);
      job.state = 'FAILED';
      job.retryAt = new Date(done.getTime() + Math.max(0, outcome.afterMs));
      return;
    case 'incident':
      job.retries = 0;
      return jobIncident(ctx, job, outcome.errorMessage);
  }
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
  };
  ctx.jobs.set(e, job);
  return job;
}

function jobIncident(ctx: RunContext, job: JobRecord, message: string, errorType = 'JOB_NO_RETRIES'): void {
  Object.assign(job, { state: 'INCIDENT', retryAt: null, errorMessage: message });
  ctx.incident({ elementId: job.elementId, elementInstanceKey: job.elementInstanceKey, jobKey: job.key, errorType, errorMessage: message });
}
