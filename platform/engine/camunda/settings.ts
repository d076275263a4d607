import { Camunda8 } from '@camunda8/sdk';
import type { CamundaClient, CamundaOptions } from '@camunda8/orchestration-cluster-api';
import type { Config } from '../../config.ts';

/** Camunda's own local default (c8run, the 8.9 compose); the 8.8 compose maps it to :8088. */
export const DEFAULT_REST_ADDRESS = 'http://localhost:8080';

/** The part of jingpin's configuration the Camunda adapter reads. */
export type CamundaConfig = Pick<
  Config,
  | 'ZEEBE_REST_ADDRESS'
  | 'CAMUNDA_REST_ADDRESS'
  | 'CAMUNDA_AUTH_STRATEGY'
  | 'ZEEBE_CLIENT_ID'
  | 'ZEEBE_CLIENT_SECRET'
  | 'CAMUNDA_OAUTH_URL'
  | 'ZEEBE_TOKEN_AUDIENCE'
  | 'CAMUNDA_BASIC_AUTH_USERNAME'
  | 'CAMUNDA_BASIC_AUTH_PASSWORD'
  | 'CAMUNDA_TENANT_ID'
  | 'CAMUNDA_TOKEN_DISK_CACHE_DISABLE'
>;

/** The REST base jingpin talks to: ZEEBE_REST_ADDRESS, else CAMUNDA_REST_ADDRESS, else Camunda's default. */
export function restAddress(config: CamundaConfig): string {
  return config.ZEEBE_REST_ADDRESS ?? config.CAMUNDA_REST_ADDRESS ?? DEFAULT_REST_ADDRESS;
}

/**
 * Checks what one variable's rule cannot: the credentials an auth strategy needs.
 * @throws {Error} naming every missing variable, Chinese first.
 */
export function checkCredentials(config: CamundaConfig): void {
  const needed =
    config.CAMUNDA_AUTH_STRATEGY === 'OAUTH'
      ? (['ZEEBE_CLIENT_ID', 'ZEEBE_CLIENT_SECRET'] as const)
      : config.CAMUNDA_AUTH_STRATEGY === 'BASIC'
        ? (['CAMUNDA_BASIC_AUTH_USERNAME', 'CAMUNDA_BASIC_AUTH_PASSWORD'] as const)
        : [];
  const missing = needed.filter((name) => !config[name]);
  if (missing.length) {
    throw new Error(
      `配置错误 / configuration error: CAMUNDA_AUTH_STRATEGY=${config.CAMUNDA_AUTH_STRATEGY} 需要 / needs ${missing.join(', ')}`,
    );
  }
}

/** Test hooks: a fetch to answer instead of the network, and SDK settings such as validation. */
export interface ClientHooks {
  readonly fetch?: CamundaOptions['fetch'];
  readonly sdk?: CamundaOptions['config'];
}

/**
 * The Orchestration Cluster REST client, built as the SDK's documentation prescribes
 * (`new Camunda8(...).getOrchestrationClusterApiClient()`), from jingpin's validated
 * configuration rather than whatever the SDK would find in the environment on its own.
 */
export function createCamundaClient(config: CamundaConfig, hooks: ClientHooks = {}): CamundaClient {
  checkCredentials(config);
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const c8 = new Camunda8(
    defined({
      ZEEBE_REST_ADDRESS: restAddress(config),
      CAMUNDA_AUTH_STRATEGY: config.CAMUNDA_AUTH_STRATEGY,
      ZEEBE_CLIENT_ID: config.ZEEBE_CLIENT_ID,
      ZEEBE_CLIENT_SECRET: config.ZEEBE_CLIENT_SECRET,
      CAMUNDA_OAUTH_URL: config.CAMUNDA_OAUTH_URL,
      ZEEBE_TOKEN_AUDIENCE: config.ZEEBE_TOKEN_AUDIENCE,
      CAMUNDA_BASIC_AUTH_USERNAME: config.CAMUNDA_BASIC_AUTH_USERNAME,
      CAMUNDA_BASIC_AUTH_PASSWORD: config.CAMUNDA_BASIC_AUTH_PASSWORD,
      CAMUNDA_TENANT_ID: config.CAMUNDA_TENANT_ID,
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: config.CAMUNDA_TOKEN_DISK_CACHE_DISABLE,
    }),
  );
  const client = c8.getOrchestrationClusterApiClient(undefined, { cached: false });
  if (hooks.fetch || hooks.sdk) client.configure({ ...(hooks.fetch ? { fetch: hooks.fetch } : {}), ...(hooks.sdk ? { config: hooks.sdk } : {}) });
  return client;
}
