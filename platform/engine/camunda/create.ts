import type { Config } from '../../config.ts';
import { CamundaEngine } from './camunda-engine.ts';
import type { EngineLog } from './log.ts';
import { createCamundaClient, restAddress, type ClientHooks } from './settings.ts';

/**
 * The Camunda 8 engine from jingpin's configuration (ENGINE=camunda).
 * @param hooks tests hand in a fake fetch here; production passes none.
 * @throws {Error} when CAMUNDA_AUTH_STRATEGY lacks its credentials.
 */
export function createCamundaEngine(config: Config, log: EngineLog, hooks: ClientHooks = {}): CamundaEngine {
  return new CamundaEngine({
    client: createCamundaClient(config, hooks),
    log,
    address: restAddress(config),
    ...(config.CAMUNDA_TENANT_ID ? { tenantId: config.CAMUNDA_TENANT_ID } : {}),
    requestTimeoutMs: config.CAMUNDA_REQUEST_TIMEOUT_MS,
    startupAttempts: config.CAMUNDA_STARTUP_ATTEMPTS,
    maxBackoffMs: config.CAMUNDA_JOB_WORKER_MAX_BACKOFF_MS,
  });
}
