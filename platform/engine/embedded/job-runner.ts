import type { JobOutcome } from '../outcome.ts';
import { retry } from '../outcome.ts';
import type { Job, WorkerDefinition, WorkerRegistry } from '../worker.ts';
import type { JobActivation, JobAnswer } from './run-effects.ts';

/**
 * Backoff for handlers that threw instead of answering: 5 s, 30 s, 3 min, then 5 min. A thrown
 * error is a passing fault, most often the database or Redis restarting; three tries over
 * about three and a half minutes outlast a restart, where 1 s, 2 s, 4 s turned a five-second
 * PostgreSQL restart into incidents (test/faults/fault-injection.test.ts).
 */
export function thrownErrorBackoffMs(retriesLeft: number): number {
  const attempt = Math.max(0, 3 - retriesLeft);
  return Math.min(300_000, 5000 * 6 ** attempt);
}

/**
 * Runs one attempt of a job. A handler that throws has met a passing fault, not a business
 * outcome: it is retried with backoff (never the immediate-retry throw path of the gRPC worker,
 * which burns every retry in seconds). One that overruns its timeout is told so through its
 * abort signal, and the job is answered as timed out at once: its late answer is ignored.
 */
export async function runJobHandler(worker: WorkerDefinition, job: Job, timeoutMs: number): Promise<JobAnswer> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<JobAnswer>((resolve) => {
    timer = setTimeout(() => {
      abort.abort(new Error(`作业超时 / job timed out after ${timeoutMs} ms`));
      resolve({ kind: 'timeout', errorMessage: `作业超时 / job timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(() => worker.handler({ ...job, signal: abort.signal }))
        .catch(
          (error: unknown): JobOutcome =>
            retry(thrownErrorBackoffMs(job.retries), `处理程序异常 / handler threw: ${(error as Error)?.message ?? String(error)}`),
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a job's answer goes: back to its instance. */
export type AnswerSink = (instanceKey: string, activation: JobActivation, answer: JobAnswer) => void;

interface QueuedActivation {
  readonly instanceKey: string;
  readonly activation: JobActivation;
}

/**
 * The jobs this engine process has activated, run outside the instance runs with at most
 * `concurrency` handlers at once (ENGINE_JOB_CONCURRENCY counts jobs, not instances). Each
 * answer goes back to its instance as a command.
 */
export class JobRunner {
  readonly #concurrency: number;
  readonly #workers: () => WorkerRegistry;
  readonly #answer: AnswerSink;
  readonly #queue: QueuedActivation[] = [];
  /** Job key → the attempt running (or queued) here. */
  readonly #attempts = new Map<string, number>();
  readonly #inflight = new Set<Promise<void>>();
  /** Job key → the instance of each handler running now. */
  readonly #running = new Map<string, string>();

  constructor(concurrency: number, workers: () => WorkerRegistry, answer: AnswerSink) {
    this.#concurrency = concurrency;
    this.#workers = workers;
    this.#answer = answer;
  }

  isRunning(jobKey: string, attempt: number): boolean {
    return this.#attempts.get(jobKey) === attempt;
  }

  get busy(): boolean {
    return this.#attempts.size > 0;
  }

  /** The instances whose jobs run here, so their leases are kept. */
  instanceKeys(): string[] {
    return [...new Set([...this.#queue.map((q) => q.instanceKey), ...this.#running.values()])];
  }

  submit(instanceKey: string, activation: JobActivation): void {
    this.#attempts.set(activation.job.key, activation.attempt);
    this.#queue.push({ instanceKey, activation });
    this.#next();
  }

  /** Resolves when no handler runs and none waits. */
  async idle(): Promise<void> {
    while (this.#inflight.size) await Promise.all([...this.#inflight]);
  }

  #next(): void {
    while (this.#inflight.size < this.#concurrency && this.#queue.length) {
      const { instanceKey, activation } = this.#queue.shift()!;
      const run = this.#run(instanceKey, activation);
      this.#inflight.add(run);
      void run.finally(() => {
        this.#inflight.delete(run);
        this.#next();
      });
    }
  }

  async #run(instanceKey: string, activation: JobActivation): Promise<void> {
    const { job, attempt, timeoutMs } = activation;
    this.#running.set(job.key, instanceKey);
    const worker = this.#workers().get(job.type);
    const answer: JobAnswer = worker
      ? await runJobHandler(worker, job, timeoutMs)
      : { kind: 'timeout', errorMessage: `没有 ${job.type} 类型的作业处理程序 / no worker for job type ${job.type}` };
    this.#running.delete(job.key);
    if (this.#attempts.get(job.key) === attempt) this.#attempts.delete(job.key);
    this.#answer(instanceKey, activation, answer);
  }
}
