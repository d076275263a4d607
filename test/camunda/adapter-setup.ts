import { loadConfig } from '../../platform/config.ts';
import { CamundaEngine, type CamundaEngineOptions } from '../../platform/engine/camunda/camunda-engine.ts';
import type { EngineLog } from '../../platform/engine/camunda/log.ts';
import { createCamundaClient } from '../../platform/engine/camunda/settings.ts';
import { FakeCluster } from './fake-cluster.ts';
import { topology } from './responses.ts';

export const ADDRESS = 'http://camunda.test:8088';

/** A log that keeps every line, to assert what an operator would read. */
export function capturingLog(): EngineLog & { readonly lines: { level: string; fields: object; message: string }[] } {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * The Camunda adapter against a fake cluster, through the real SDK client (only `fetch` is
 * replaced). SDK retries are kept but made fast.
 */
export function adapterOnFake(options: Partial<CamundaEngineOptions> = {}, { validateRequests = false } = {}) {
  const fake = new FakeCluster().on('GET /v2/topology', { status: 200, json: topology });
  const log = capturingLog();
  const config = loadConfig({ ENGINE: 'camunda', ZEEBE_REST_ADDRESS: ADDRESS });
  const client = createCamundaClient(config, {
    fetch: fake.fetch,
    // Responses are always checked against the API's schemas, so the fake cannot answer what a
    // cluster never would. Requests are checked when asked (request-shapes.test.ts): strict request
    // validation rewrites bodies (fills defaults, int64 as strings), and the other tests assert
    // the bodies exactly as production, which does not validate, sends them.
    sdk: { CAMUNDA_SDK_VALIDATION: validateRequests ? 'req:strict,res:strict' : 'req:none,res:strict', CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS: 1, CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS: 2, CAMUNDA_SDK_LOG_LEVEL: 'silent' },
  });
  const engine = new CamundaEngine({
    client,
    log,
    address: ADDRESS,
    requestTimeoutMs: 300,
    startupAttempts: 1,
    startupDelayMs: 1,
    maxBackoffMs: 20,
    pollTimeoutMs: 50,
    stopWaitMs: 500,
    ...options,
  });
  return { fake, log, engine, client };
}
