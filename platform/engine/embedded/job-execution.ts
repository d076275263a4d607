import type { JobOutcome } from '../outcome.ts';
import { retry } from '../outcome.ts';
import { DEFAULT_JOB_TIMEOUT_MS, type Job, type WorkerDefinition } from '../worker.ts';

/** Backoff for handlers that threw instead of answering: 1 s, 2 s, 4 s ... capped at 5 minutes. */
export function thrownErrorBackoffMs(retriesLeft: number): number {
  const attempt = Math.max(0, 3 - retriesLeft);
  return Math.min(300_000, 1000 * 2 ** attempt);
}

/**
 * Runs one attempt of a job. A handler that throws or overruns its timeout has met a passing
 * fault, not a business outcome: it is retried with backoff (never the immediate-retry throw
 * path of the gRPC worker, which burns every retry in seconds).
 */
export async function runJobHandler(worker: WorkerDefinition, job: Job): Promise<JobOutcome> {
  const timeoutMs = worker.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<JobOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve(retry(thrownErrorBackoffMs(job.retries), `作业超时 / job timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([
      worker.handler(job).catch((error: unknown) =>
        retry(thrownErrorBackoffMs(job.retries), `处理程序异常 / handler threw: ${(error as Error)?.message ?? String(error)}`),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
