import { hostname } from 'node:os';
import type { Wire } from './wire.ts';
import type { JobActivationRequest, JobCompletionRequest, JobErrorRequest, JobFailRequest } from '@camunda8/orchestration-cluster-api';
import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workerName, type CamundaEngine } from '../../platform/engine/camunda/camunda-engine.ts';
import { bpmnError, complete, incident, retry, type JobOutcome } from '../../platform/engine/outcome.ts';
import { createWorkerRegistry, defineWorker, type Job } from '../../platform/engine/worker.ts';
import { adapterOnFake } from './adapter-setup.ts';
import { problem, type FakeCluster } from './fake-cluster.ts';
import { KEYS, activatedJob } from './responses.ts';

/**
 * Job workers on Camunda: one REST long poll per registered task type, the four outcomes mapped
 * to completion, BPMN error, failure with retries and backoff, failure into an incident; input
 * checked against the worker's schema; and a cluster that goes away and comes back.
 */
const body = <T>(b: Wire<T>) => b;
const IDLE = { status: 200, json: { jobs: [] }, delayMs: 40 } as const;
const ACTIVATION = 'POST /v2/jobs/activation';

const Input = Type.Object({ applicationId: Type.String({ pattern: '^JP-' }), year: Type.Integer() });

let running: CamundaEngine | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function runWorker(answer: (job: Job<{ applicationId: string; year: number }>) => JobOutcome | Promise<JobOutcome>, variables: Record<string, unknown>, prepare: (fake: FakeCluster) => void = () => {}) {
  const setup = adapterOnFake();
  const jobs: Job<{ applicationId: string; year: number }>[] = [];
  const worker = defineWorker({
    taskType: 'check-credit',
    description: 'checks the enterprise in the credit registry',
    input: Input,
    handler: async (job) => {
      jobs.push(job);
      return answer(job);
    },
  });
  setup.fake.once(ACTIVATION, { status: 200, json: { jobs: [activatedJob('check-credit', variables)] } }).on(ACTIVATION, IDLE);
  for (const route of ['completion', 'error', 'failure']) setup.fake.on(`POST /v2/jobs/${KEYS.job}/${route}`, { status: 204 });
  prepare(setup.fake);
  running = setup.engine;
  await setup.engine.startWorkers(createWorkerRegistry([worker]));
  return { ...setup, jobs };
}

const answered = async (fake: FakeCluster, route: string) => {
  await vi.waitFor(() => expect(fake.seen(route)).not.toHaveLength(0), { timeout: 2000 });
  return fake.seen(route).map((r) => r.body);
};

describe('Camunda job workers', () => {
  it('polls once per task type of the registry it is given, fetching only the input schema\'s variables and the business key', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(ACTIVATION, IDLE);
    running = engine;
    const registry = createWorkerRegistry([
      defineWorker({ taskType: 'check-credit', description: 'a', input: Input, handler: async () => complete(), timeoutMs: 60_000 }),
      defineWorker({ taskType: 'notify', description: 'b', input: Type.Object({ caseId: Type.String() }), handler: async () => complete() }),
    ]);
    await engine.startWorkers(registry);
    await vi.waitFor(() => expect(new Set(fake.seen(ACTIVATION).map((r) => (r.body as { type: string }).type))).toEqual(new Set(registry.keys())));
    const byType = Object.fromEntries(fake.seen(ACTIVATION).map((r) => [(r.body as { type: string }).type, r.body]));
    expect(byType['check-credit']).toEqual(
      body<JobActivationRequest>({ type: 'check-credit', worker: `jingpin-${hostname()}-${process.pid}`, maxJobsToActivate: 4, timeout: 90_000, requestTimeout: 50, fetchVariable: ['applicationId', 'year', 'businessKey'] }),
    );
    expect(byType['notify']).toMatchObject({ fetchVariable: ['caseId', 'businessKey'], timeout: 330_000 });
    expect([...engine.workerLiveness().keys()]).toEqual(['check-credit', 'notify']);
  });

  it('complete(vars): POST /v2/jobs/{key}/completion with only the new variables; the job carries key, retries, headers and business key', async () => {
    const { fake, jobs } = await runWorker(() => complete({ creditStatus: 'good' }), { applicationId: 'JP-1', year: 2026, businessKey: 'JP-2026-0042', extra: 'not fetched' });
    expect(await answered(fake, `POST /v2/jobs/${KEYS.job}/completion`)).toEqual([body<JobCompletionRequest>({ variables: { creditStatus: 'good' } })]);
    expect(jobs[0]).toEqual({
      key: KEYS.job,
      type: 'check-credit',
      processInstanceKey: KEYS.instance,
      processDefinitionId: 'declaration',
      elementId: 'checkCredit',
      elementInstanceKey: KEYS.elementInstance,
      businessKey: 'JP-2026-0042',
      retries: 3,
      customHeaders: { source: 'credit-jiangsu' },
      variables: { applicationId: 'JP-1', year: 2026 },
      signal: expect.any(AbortSignal),
    });
  });

  it('bpmnError(code, msg, vars): POST /v2/jobs/{key}/error', async () => {
    const { fake } = await runWorker(() => bpmnError('CREDIT_BAD', '企业列入失信名单 / the enterprise is on the dishonesty list', { creditStatus: 'bad' }), { applicationId: 'JP-1', year: 2026 });
    expect(await answered(fake, `POST /v2/jobs/${KEYS.job}/error`)).toEqual([
      body<JobErrorRequest>({ errorCode: 'CREDIT_BAD', errorMessage: '企业列入失信名单 / the enterprise is on the dishonesty list', variables: { creditStatus: 'bad' } }),
    ]);
  });

  it('retry(after): POST /v2/jobs/{key}/failure with retries − 1 and retryBackOff', async () => {
    const { fake } = await runWorker(() => retry(60_000, '信用平台繁忙 / registry busy'), { applicationId: 'JP-1', year: 2026 });
    expect(await answered(fake, `POST /v2/jobs/${KEYS.job}/failure`)).toEqual([body<JobFailRequest>({ errorMessage: '信用平台繁忙 / registry busy', retries: 2, retryBackOff: 60_000 })]);
  });

  it('incident(msg): a failure with 0 retries, which Zeebe turns into an incident', async () => {
    const { fake } = await runWorker(() => incident('证书格式错误 / bad certificate format'), { applicationId: 'JP-1', year: 2026 });
    expect(await answered(fake, `POST /v2/jobs/${KEYS.job}/failure`)).toEqual([body<JobFailRequest>({ errorMessage: '证书格式错误 / bad certificate format', retries: 0, retryBackOff: 0 })]);
  });

  it('a handler that throws is retried with the embedded engine\'s backoff (1 s on the first attempt), never at once', async () => {
    const { fake } = await runWorker(() => {
      throw new Error('connection reset');
    }, { applicationId: 'JP-1', year: 2026 });
    const [failure] = await answered(fake, `POST /v2/jobs/${KEYS.job}/failure`);
    expect(failure).toEqual(body<JobFailRequest>({ errorMessage: '处理程序异常 / handler threw: connection reset', retries: 2, retryBackOff: 5000 }));
  });

  it('variables that break the input schema raise an incident naming the field; the handler never runs', async () => {
    const { fake, jobs } = await runWorker(() => complete(), { applicationId: 'JP-1', year: '2026' });
    const [failure] = await answered(fake, `POST /v2/jobs/${KEYS.job}/failure`);
    expect(failure).toMatchObject({ retries: 0, retryBackOff: 0 });
    expect((failure as { errorMessage: string }).errorMessage).toMatch(/^作业变量不符合 check-credit 的输入要求 .*\/year/);
    expect(jobs).toEqual([]);
  });

  it('an answer the cluster cannot take now is sent again with backoff until it lands', async () => {
    const { fake, log } = await runWorker(() => complete({ creditStatus: 'good' }), { applicationId: 'JP-1', year: 2026 }, (f) =>
      f.once(`POST /v2/jobs/${KEYS.job}/completion`, problem(503, 'UNAVAILABLE')).once(`POST /v2/jobs/${KEYS.job}/completion`, problem(500, 'INTERNAL')),
    );
    await vi.waitFor(() => expect(fake.seen(`POST /v2/jobs/${KEYS.job}/completion`)).toHaveLength(3), { timeout: 5000 });
    expect(log.lines.filter((l) => l.message.startsWith('作业答复失败，稍后重试 / answering the job failed; retrying'))).toHaveLength(2);
  });

  it('an answer for a job that is no longer ours (404) is dropped with a warning, not retried', async () => {
    const { fake, log } = await runWorker(() => complete(), { applicationId: 'JP-1', year: 2026 }, (f) => f.on(`POST /v2/jobs/${KEYS.job}/completion`, problem(404, 'NOT_FOUND')));
    await vi.waitFor(() => expect(log.lines.map((l) => l.message)).toContain('作业已不属于本工作进程，答复被丢弃 / the job is no longer ours; answer dropped'));
    expect(fake.seen(`POST /v2/jobs/${KEYS.job}/completion`)).toHaveLength(1);
  });

  it('while the cluster is away, polling backs off (doubling, capped) and logs each attempt; it resumes by itself', async () => {
    const setup = adapterOnFake({ maxBackoffMs: 2000 });
    running = setup.engine;
    const { fake, log } = setup;
    // Refused, failing, then accepting the connection but never answering (the request deadline ends it).
    fake.once(ACTIVATION, problem(503, 'UNAVAILABLE')).once(ACTIVATION, problem(500, 'INTERNAL')).once(ACTIVATION, 'hang');
    fake.once(ACTIVATION, { status: 200, json: { jobs: [activatedJob('check-credit', { applicationId: 'JP-1', year: 2026 })] } }).on(ACTIVATION, IDLE);
    fake.on(`POST /v2/jobs/${KEYS.job}/completion`, { status: 204 });
    await setup.engine.startWorkers(createWorkerRegistry([defineWorker({ taskType: 'check-credit', description: 'x', input: Input, handler: async () => complete({ ok: true }) })]));

    await vi.waitFor(() => expect(fake.seen(`POST /v2/jobs/${KEYS.job}/completion`)).toHaveLength(1), { timeout: 8000 });
    const backoffs = log.lines.filter((l) => l.level === 'warn').map((l) => (l.fields as { retryInMs: number }).retryInMs);
    expect(backoffs).toEqual([500, 1000, 2000]);
    expect(log.lines.filter((l) => l.level === 'warn')[0]?.message).toBe('取作业失败，500 毫秒后重试 / taking jobs failed; trying again in 500 ms');
    expect(log.lines.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      '已连接 Camunda 8 / connected to Camunda 8',
      '已重新连接 Camunda 8，继续取作业 / reconnected to Camunda 8; taking jobs again',
    ]);
    expect(setup.engine.workerLiveness().get('check-credit')).toBeInstanceOf(Date);
  }, 15_000);

  it('stop() ends a long poll at once and lets the job in hand finish and answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { fake, engine } = await runWorker(async () => {
      await gate;
      return complete({ done: true });
    }, { applicationId: 'JP-1', year: 2026 }, (f) => f.on(ACTIVATION, 'hang'));
    await vi.waitFor(() => expect(fake.seen(ACTIVATION).length).toBeGreaterThanOrEqual(2));
    const stopping = engine.stop();
    release();
    const started = Date.now();
    await stopping;
    running = undefined;
    expect(Date.now() - started).toBeLessThan(500);
    expect(fake.seen(`POST /v2/jobs/${KEYS.job}/completion`).map((r) => r.body)).toEqual([{ variables: { done: true } }]);
  });
});

describe('the worker name', () => {
  it('names the host beside the process, so two containers (each process 1) are told apart in Operate', () => {
    expect(workerName('api-7f9c', 1)).toBe('jingpin-api-7f9c-1');
    expect(workerName('workers-2b1d', 1)).not.toBe(workerName('api-7f9c', 1));
  });
});
