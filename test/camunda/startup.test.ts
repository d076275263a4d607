import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { CamundaEngine } from '../../platform/engine/camunda/camunda-engine.ts';
import { CamundaUnavailableError } from '../../platform/engine/camunda/errors.ts';
import type { FailBody } from '../../platform/engine/camunda/fail-job.ts';
import { checkCredentials, restAddress } from '../../platform/engine/camunda/settings.ts';
import { waitForCluster } from '../../platform/engine/camunda/wait-for-cluster.ts';
import { createEngine } from '../../platform/engine/index.ts';
import { ADDRESS, adapterOnFake, capturingLog } from './adapter-setup.ts';
import { problem } from './fake-cluster.ts';
import { topology } from './responses.ts';

describe('ENGINE=camunda', () => {
  it('createEngine picks the Camunda adapter, with the SDK variables from the configuration', () => {
    const engine = createEngine(loadConfig({ ENGINE: 'camunda', ZEEBE_REST_ADDRESS: ADDRESS, LOG_LEVEL: 'silent' }), {
      pool: undefined as never,
      clock: undefined as never,
      onError: () => {},
    });
    expect(engine).toBeInstanceOf(CamundaEngine);
    expect(engine.kind).toBe('camunda');
  });

  it('ZEEBE_REST_ADDRESS wins over CAMUNDA_REST_ADDRESS; without either, Camunda\'s default', () => {
    expect(restAddress(loadConfig({ ZEEBE_REST_ADDRESS: 'http://a:8080', CAMUNDA_REST_ADDRESS: 'http://b:8080' }))).toBe('http://a:8080');
    expect(restAddress(loadConfig({ CAMUNDA_REST_ADDRESS: 'http://b:8080' }))).toBe('http://b:8080');
    expect(restAddress(loadConfig({}))).toBe('http://localhost:8080');
  });

  it('an auth strategy without its credentials stops the start, naming the missing variables', () => {
    expect(() => checkCredentials(loadConfig({ CAMUNDA_AUTH_STRATEGY: 'OAUTH', ZEEBE_CLIENT_ID: 'jingpin' }))).toThrow(
      '配置错误 / configuration error: CAMUNDA_AUTH_STRATEGY=OAUTH 需要 / needs ZEEBE_CLIENT_SECRET',
    );
    expect(() => checkCredentials(loadConfig({ CAMUNDA_AUTH_STRATEGY: 'BASIC' }))).toThrow('CAMUNDA_BASIC_AUTH_USERNAME, CAMUNDA_BASIC_AUTH_PASSWORD');
    expect(() => checkCredentials(loadConfig({ CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'u', CAMUNDA_BASIC_AUTH_PASSWORD: 'p' }))).not.toThrow();
  });
});

describe('start-up while the cluster is away', () => {
  it('waits with bounded, doubling retries, logging each attempt Chinese first, then succeeds', async () => {
    const log = capturingLog();
    const waits: number[] = [];
    let calls = 0;
    const result = await waitForCluster(
      async () => {
        if (++calls < 4) throw new Error('connect ECONNREFUSED');
        return 'up';
      },
      { address: ADDRESS, attempts: 10, firstDelayMs: 1000, maxDelayMs: 3000, log, wait: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('up');
    expect(waits).toEqual([1000, 2000, 3000]);
    expect(log.lines.map((l) => l.message)).toEqual([
      `正在等待 Camunda 8 集群（第 1/10 次，1000 毫秒后重试）/ waiting for the Camunda 8 cluster at ${ADDRESS} (attempt 1 of 10; next in 1000 ms)`,
      `正在等待 Camunda 8 集群（第 2/10 次，2000 毫秒后重试）/ waiting for the Camunda 8 cluster at ${ADDRESS} (attempt 2 of 10; next in 2000 ms)`,
      `正在等待 Camunda 8 集群（第 3/10 次，3000 毫秒后重试）/ waiting for the Camunda 8 cluster at ${ADDRESS} (attempt 3 of 10; next in 3000 ms)`,
    ]);
  });

  it('gives up after the last attempt with a message saying what to check', async () => {
    const log = capturingLog();
    const error = await waitForCluster(() => Promise.reject(new Error('connect ECONNREFUSED')), { address: ADDRESS, attempts: 3, log, wait: async () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CamundaUnavailableError);
    expect((error as Error).message).toBe(
      `Camunda 8 集群在 ${ADDRESS} 经 3 次尝试仍不可达，请检查 ZEEBE_REST_ADDRESS、认证变量和集群状态 / the Camunda 8 cluster at ${ADDRESS} is still unreachable after 3 attempts; check ZEEBE_REST_ADDRESS, the auth variables and the cluster: connect ECONNREFUSED`,
    );
    expect(log.lines).toHaveLength(2);
  });

  it('deploy (the first start-up step) waits for GET /v2/topology before deploying', async () => {
    const { fake, engine, log } = adapterOnFake({ startupAttempts: 5 });
    fake.once('GET /v2/topology', problem(503, 'UNAVAILABLE')).once('GET /v2/topology', 'network-error').on('GET /v2/topology', { status: 200, json: topology });
    fake.on('POST /v2/deployments', { status: 200, json: { tenantId: '<default>', deploymentKey: '1', deployments: [] } });
    await expect(engine.deploy([{ name: 'a.bpmn', content: '<definitions/>' }])).resolves.toEqual({ processes: [], forms: [] });
    expect(log.lines.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(1);
    expect(log.lines.at(-1)?.message).toBe('已连接 Camunda 8 / connected to Camunda 8');
    expect(fake.requests.at(-1)?.path).toBe('/v2/deployments');
  });
});

describe('the typed job failure', () => {
  it('does not compile with a misspelt or missing retryBackOff', () => {
    // tsc (npm run typecheck) checks these lines: each @ts-expect-error fails the build if the error disappears.
    // @ts-expect-error retryBackoff is not a field; retryBackOff is
    const misspelt: FailBody = { errorMessage: 'x', retries: 1, retryBackoff: 1000 };
    // @ts-expect-error retryBackOff is required
    const missing: FailBody = { errorMessage: 'x', retries: 1 };
    const right: FailBody = { errorMessage: 'x', retries: 1, retryBackOff: 1000 };
    expect([misspelt, missing, right]).toHaveLength(3);
  });
});
