import { OrchestrationLifters } from '@camunda8/sdk';
import type { ActivatedJobResult, CamundaClient } from '@camunda8/orchestration-cluster-api';
import { runJobHandler } from '../embedded/job-runner.ts';
import { logIncident } from '../incident-log.ts';
import { incident, type JobOutcome } from '../outcome.ts';
import { checkJobInput, DEFAULT_JOB_TIMEOUT_MS, inputVariableNames, type Job, type WorkerDefinition } from '../worker.ts';
import { answerJob } from './job-answer.ts';
import { sleep, type EngineLog } from './log.ts';
import { BUSINESS_KEY_VARIABLE } from './mapping.ts';
import { request } from './request.ts';

/** Zeebe keeps the job a little longer than the handler may run, so a slow answer still lands. */
const JOB_TIMEOUT_MARGIN_MS = 30_000;
const FIRST_BACKOFF_MS = 500;

export interface JobPollerOptions {
  readonly client: CamundaClient;
  readonly worker: WorkerDefinition;
  readonly log: EngineLog;
  /** Jobs of this type handled at once by this process. */
  readonly maxParallelJobs: number;
  /** How long one activation request waits for jobs (REST long polling). */
  readonly pollTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxBackoffMs: number;
  readonly workerName: string;
  readonly tenantId?: string;
}

/**
 * Takes the jobs of one task type by REST long polling, runs the worker and answers each job.
 * Our own loop rather than the SDK's JobWorker, because that one polls again after 1 ms when the
 * cluster is away and fails a throwing handler without backoff: here a failed
 * poll backs off (doubling, up to CAMUNDA_JOB_WORKER_MAX_BACKOFF_MS) and polling resumes by itself
 * once the cluster answers again, and a handler that throws is retried with the embedded engine's
 * backoff.
 */
export class JobPoller {
  readonly #o: JobPollerOptions;
  readonly #stop = new AbortController();
  readonly #inFlight = new Set<Promise<void>>();
  #loop: Promise<void> | undefined;
  #failures = 0;
  #lastPollAt: Date | undefined;

  constructor(options: JobPollerOptions) {
    this.#o = options;
  }

  get taskType(): string {
    return this.#o.worker.taskType;
  }

  /** When an activation request last succeeded (with or without jobs): a liveness signal. */
  get lastPollAt(): Date | undefined {
    return this.#lastPollAt;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stops polling at once and waits up to `waitMs` for the jobs in hand to be answered. */
  async stop(waitMs: number): Promise<void> {
    this.#stop.abort();
    await this.#loop;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.#inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      const room = this.#o.maxParallelJobs - this.#inFlight.size;
      if (room <= 0) {
        await Promise.race(this.#inFlight);
        continue;
      }
      let jobs: ActivatedJobResult[];
      try {
        jobs = await this.#activate(room, signal);
      } catch (error) {
        if (signal.aborted) return;
        await this.#backOff(error as Error, signal);
        continue;
      }
      this.#lastPollAt = new Date();
      if (this.#failures > 0) {
        this.#o.log.info({ taskType: this.taskType, failures: this.#failures }, '已重新连接 Camunda 8，继续取作业 / reconnected to Camunda 8; taking jobs again');
        this.#failures = 0;
      }
      for (const job of jobs) this.#track(this.#handle(job, signal));
    }
  }

  #activate(room: number, signal: AbortSignal): Promise<ActivatedJobResult[]> {
    const names = inputVariableNames(this.#o.worker);
    const what = `取作业 / activate jobs of type ${this.taskType}`;
    let pending: ReturnType<CamundaClient['activateJobs']> | undefined;
    const cancel = () => pending?.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    return request(what, this.#o.pollTimeoutMs + this.#o.requestTimeoutMs, () => {
      pending = this.#o.client.activateJobs({
        type: this.taskType,
        worker: this.#o.workerName,
        maxJobsToActivate: room,
        timeout: (this.#o.worker.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS) + JOB_TIMEOUT_MARGIN_MS,
        requestTimeout: this.#o.pollTimeoutMs,
        // Only what the input schema names, plus the business key for Job.businessKey.
        ...(names ? { fetchVariable: [...names.filter((n) => n !== BUSINESS_KEY_VARIABLE), BUSINESS_KEY_VARIABLE] } : {}),
        ...(this.#o.tenantId ? { tenantIds: [OrchestrationLifters.TenantId.assumeExists(this.#o.tenantId)] } : {}),
      });
      return pending;
    })
      .then((result) => result.jobs)
      .finally(() => signal.removeEventListener('abort', cancel));
  }

  async #backOff(error: Error, signal: AbortSignal): Promise<void> {
    this.#failures += 1;
    const delay = Math.min(FIRST_BACKOFF_MS * 2 ** (this.#failures - 1), this.#o.maxBackoffMs);
    this.#o.log.warn(
      { taskType: this.taskType, attempt: this.#failures, retryInMs: delay, err: error.message },
      `取作业失败，${delay} 毫秒后重试 / taking jobs failed; trying again in ${delay} ms`,
    );
    await sleep(delay, signal);
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  async #handle(raw: ActivatedJobResult, signal: AbortSignal): Promise<void> {
    const ctx = { client: this.#o.client, requestTimeoutMs: this.#o.requestTimeoutMs, maxBackoffMs: this.#o.maxBackoffMs, log: this.#o.log, signal };
    try {
      const input = checkJobInput(this.#o.worker, raw.variables);
      if (!input.ok) {
        await this.#answer(ctx, raw, incident(input.message));
        return;
      }
      const businessKey = raw.variables[BUSINESS_KEY_VARIABLE];
      const job: Job = {
        key: String(raw.jobKey),
        type: raw.type,
        processInstanceKey: String(raw.processInstanceKey),
        processDefinitionId: String(raw.processDefinitionId),
        elementId: String(raw.elementId),
        elementInstanceKey: String(raw.elementInstanceKey),
        businessKey: typeof businessKey === 'string' ? businessKey : null,
        retries: raw.retries,
        customHeaders: Object.fromEntries(Object.entries(raw.customHeaders).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
        variables: input.variables,
      };
      const answer = await runJobHandler(this.#o.worker, job, this.#o.worker.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS);
      if (answer.kind === 'timeout') {
        // Zeebe times the activation out itself and offers the job again without using a retry.
        this.#o.log.warn({ jobKey: raw.jobKey, taskType: this.taskType }, answer.errorMessage);
        return;
      }
      await this.#answer(ctx, raw, answer);
    } catch (error) {
      // Only a bug of ours lands here; the job times out in Zeebe and is offered again.
      this.#o.log.error({ jobKey: raw.jobKey, taskType: this.taskType, err: (error as Error).message }, '处理作业时出错 / error while handling a job');
    }
  }

  /** Answers the job; a failure that leaves it no retries raises an incident in Zeebe, which is logged once Zeebe took it. */
  async #answer(ctx: Parameters<typeof answerJob>[0], raw: ActivatedJobResult, outcome: JobOutcome): Promise<void> {
    const delivered = await answerJob(ctx, raw, outcome);
    const raises = outcome.kind === 'incident' || (outcome.kind === 'retry' && raw.retries - 1 <= 0);
    if (!delivered || !raises) return;
    const businessKey = raw.variables[BUSINESS_KEY_VARIABLE];
    logIncident(this.#o.log, {
      incidentKey: null,
      processInstanceKey: String(raw.processInstanceKey),
      processDefinitionId: String(raw.processDefinitionId),
      businessKey: typeof businessKey === 'string' ? businessKey : null,
      elementId: String(raw.elementId),
      elementInstanceKey: String(raw.elementInstanceKey),
      jobKey: String(raw.jobKey),
      errorType: 'JOB_NO_RETRIES',
      errorMessage: outcome.errorMessage,
    });
  }
}
