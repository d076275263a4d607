import type { Config } from '../../config.ts';

/**
 * Where Operate shows a process instance (`<Operate>/processes/<key>`), for the incident pages:
 * only on ENGINE=camunda with CAMUNDA_OPERATE_URL set; the embedded engine has no Operate.
 */
export function operateInstanceUrl(config: Pick<Config, 'ENGINE' | 'CAMUNDA_OPERATE_URL'>, processInstanceKey: string): string | null {
  if (config.ENGINE !== 'camunda' || !config.CAMUNDA_OPERATE_URL) return null;
  return `${config.CAMUNDA_OPERATE_URL.replace(/\/+$/, '')}/processes/${encodeURIComponent(processInstanceKey)}`;
}
