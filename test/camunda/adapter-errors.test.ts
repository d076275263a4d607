import { describe, expect, it } from 'vitest';
import { CamundaUnavailableError } from '../../platform/engine/camunda/errors.ts';
import { EngineConflictError, EngineInputError, EngineNotFoundError } from '../../platform/engine/port.ts';
import { adapterOnFake } from './adapter-setup.ts';
import { problem, type Reply } from './fake-cluster.ts';
import { portOperations } from './port-operations.ts';

/**
 * Every response path of every request-making port operation: the cluster's 4xx answers become
 * the port's error classes (as the embedded engine throws them), and 5xx, an unreachable cluster
 * and a cluster that never answers become CamundaUnavailableError, each within the request deadline.
 */
const paths: Array<[string, Reply, new (...args: never[]) => Error, RegExp]> = [
  ['400 Bad Request', problem(400, 'INVALID_ARGUMENT', 'Expected processDefinitionId to be a valid id'), EngineInputError, /Camunda 8 拒绝了请求 \/ Camunda 8 refused the request: .*HTTP 400 INVALID_ARGUMENT/],
  ['404 Not Found', problem(404, 'NOT_FOUND', 'no such entity'), EngineNotFoundError, /^不存在 \/ not found: .*HTTP 404/],
  ['409 Conflict', problem(409, 'INVALID_STATE', 'already in that state'), EngineConflictError, /^状态冲突 \/ conflict: .*HTTP 409/],
  ['401 Unauthorized', problem(401, 'UNAUTHORIZED'), CamundaUnavailableError, /Camunda 8 拒绝了 jingpin 的凭据/],
  ['500 Internal Server Error', problem(500, 'INTERNAL', 'partition leader changed'), CamundaUnavailableError, /Camunda 8 暂时无法处理 \/ Camunda 8 cannot handle it now: .*HTTP 500/],
  ['503 Service Unavailable', problem(503, 'UNAVAILABLE', 'broker not ready'), CamundaUnavailableError, /HTTP 503/],
  ['network failure', 'network-error', CamundaUnavailableError, /无法连接 Camunda 8 \/ Camunda 8 is unreachable/],
  ['no answer (timeout)', 'hang', CamundaUnavailableError, /Camunda 8 未在 300 毫秒内答复 \/ Camunda 8 did not answer within 300 ms/],
];

describe.each(portOperations)('Camunda adapter $name: every response path', (op) => {
  it('success: answers without error, touching only routes the API has', async () => {
    const { fake, engine } = adapterOnFake();
    op.happy(fake);
    await expect(op.invoke(engine)).resolves.not.toThrow();
    expect(fake.seen(op.route)).toHaveLength(1);
    expect(fake.unrouted).toEqual([]);
  });

  it.each(paths)('%s', async (_name, reply, errorClass, message) => {
    const { fake, engine } = adapterOnFake();
    op.happy(fake);
    fake.on(op.route, reply);
    const started = Date.now();
    const error = await op.invoke(engine).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toMatch(message);
    expect(Date.now() - started, 'within the request deadline and the SDK retries').toBeLessThan(2000);
    expect(fake.unrouted).toEqual([]);
  });
});

describe('Camunda adapter: passing faults', () => {
  it('429 (backpressure) is retried by the SDK and then succeeds', async () => {
    const { fake, engine } = adapterOnFake();
    const op = portOperations.find((o) => o.name === 'startInstance')!;
    op.happy(fake);
    fake.once(op.route, problem(429, 'RESOURCE_EXHAUSTED'));
    await expect(op.invoke(engine)).resolves.toMatchObject({ businessKey: 'JP-1' });
    expect(fake.seen(op.route)).toHaveLength(2);
  });
});
