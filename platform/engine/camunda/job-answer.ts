import type { ActivatedJobResult, CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { JobOutcome } from '../outcome.ts';
import { EngineConflictError, EngineNotFoundError } from '../port.ts';
import { failJob } from './fail-job.ts';
import { sleep, type EngineLog } from './log.ts';
import { request } from './request.ts';

export interface AnswerContext {
  readonly client: CamundaClient;
  readonly requestTimeoutMs: number;
  readonly maxBackoffMs: number;
  readonly log: EngineLog;
  readonly signal: AbortSignal;
  /** Epoch ms; tests move it. */
  readonly now?: () => number;
}

/**
 * Sends the one answer a job's outcome calls for:
 * complete → completion; bpmnError → a thrown BPMN error; retry → failure with retries − 1 and
 * the backoff; incident → failure with 0 retries.
 */
export function sendOutcome(ctx: AnswerContext, job: ActivatedJobResult, outcome: JobOutcome): Promise<unknown> {
  const what = `答复作业 ${job.jobKey} / answer job ${job.jobKey} (${job.type})`;
  const timeout = ctx.requestTimeoutMs;
  switch (outcome.kind) {
    case 'complete':
      return request(what, timeout, () => ctx.client.completeJob({ jobKey: job.jobKey, variables: outcome.variables }));
    case 'bpmnError':
      return request(what, timeout, () =>
        ctx.client.throwJobError({ jobKey: job.jobKey, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, variables: outcome.variables }),
      );
    case 'retry':
      return request(what, timeout, () =>
        failJob(ctx.client, job.jobKey, { errorMessage: outcome.errorMessage, retries: Math.max(0, job.retries - 1), retryBackOff: Math.max(0, Math.round(outcome.afterMs)) }),
      );
    case 'incident':
      return request(what, timeout, () => failJob(ctx.client, job.jobKey, { errorMessage: outcome.errorMessage, retries: 0, retryBackOff: 0 }));
  }
}

/**
 * Answers a job, retrying with backoff while the cluster is away, until the job's deadline: after
 * it Zeebe offers the job again anyway (at-least-once), so the work is not lost, only repeated.
 * A 404 or 409 means the job is no longer ours (it timed out and went to another worker, or its
 * instance was cancelled): there is nothing left to answer.
 * @returns whether the cluster took the answer.
 */
export async function answerJob(ctx: AnswerContext, job: ActivatedJobResult, outcome: JobOutcome): Promise<boolean> {
  const now = ctx.now ?? Date.now;
  let delay = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await sendOutcome(ctx, job, outcome);
      return true;
    } catch (error) {
      const fields = { jobKey: job.jobKey, type: job.type, attempt, outcome: outcome.kind, err: (error as Error).message };
      if (error instanceof EngineNotFoundError || error instanceof EngineConflictError) {
        ctx.log.warn(fields, '作业已不属于本工作进程，答复被丢弃 / the job is no longer ours; answer dropped');
        return false;
      }
      if (ctx.signal.aborted || now() + delay >= job.deadline) {
        ctx.log.error(fields, '作业答复未送达，Camunda 8 将在超时后重新派发 / answer not delivered; Camunda 8 will hand the job out again after its timeout');
        return false;
      }
      ctx.log.warn({ ...fields, retryInMs: delay }, '作业答复失败，稍后重试 / answering the job failed; retrying');
      await sleep(delay, ctx.signal);
      delay = Math.min(delay * 2, ctx.maxBackoffMs);
    }
  }
}
