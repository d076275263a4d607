import { EngineConflictError, EngineInputError, EngineNotFoundError } from '../port.ts';

/**
 * The cluster cannot answer now: it is down, overloaded (5xx, 429 after the SDK's own retries),
 * unreachable, too slow (our request deadline), or refuses our credentials. Nothing was changed
 * on jingpin's side; the caller may try again later. The API maps it to 503.
 */
export class CamundaUnavailableError extends Error {
  override readonly name = 'CamundaUnavailableError';

  constructor(
    message: string,
    /** The HTTP status when the cluster answered, else undefined (network error or timeout). */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What the SDK attaches to the errors it throws (HttpSdkError, NetworkSdkError, ...). */
interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
}

/**
 * Classifies an error of the Orchestration Cluster client once, at the adapter edge, into the
 * port's error classes, so the API answers a Camunda 404 exactly as an embedded "not found".
 * @param what the operation, Chinese then English, e.g. `启动流程实例 / start a process instance`.
 */
export function toEngineError(error: unknown, what: string): Error {
  if (isPortError(error)) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const detail = [e.title, e.detail ?? e.message].filter(Boolean).join(': ');
  if (e.name === 'HttpSdkError' && typeof e.status === 'number') {
    const status = e.status;
    const text = `${what} (HTTP ${status}${detail ? ` ${detail}` : ''})`;
    if (status === 404) return new EngineNotFoundError(`不存在 / not found: ${text}`, { cause: error });
    if (status === 409) return new EngineConflictError(`状态冲突 / conflict: ${text}`, { cause: error });
    if (status === 401 || status === 403) {
      return new CamundaUnavailableError(`Camunda 8 拒绝了 jingpin 的凭据 / Camunda 8 refused jingpin's credentials: ${text}`, status, { cause: error });
    }
    if (status === 429 || status >= 500) {
      return new CamundaUnavailableError(`Camunda 8 暂时无法处理 / Camunda 8 cannot handle it now: ${text}`, status, { cause: error });
    }
    return new EngineInputError(`Camunda 8 拒绝了请求 / Camunda 8 refused the request: ${text}`, { cause: error });
  }
  if (e.name === 'ValidationSdkError') {
    return new EngineInputError(`请求不符合 Camunda 8 的接口定义 / the request does not match the Camunda 8 API: ${what}: ${e.message ?? ''}`, { cause: error });
  }
  if (e.name === 'CancelSdkError' || e.name === 'NetworkSdkError' || e.name === 'TypeError' || e.name === 'AbortError') {
    return new CamundaUnavailableError(`无法连接 Camunda 8 / Camunda 8 is unreachable: ${what}: ${e.message ?? ''}`, undefined, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function isPortError(error: unknown): error is Error {
  return (
    error instanceof EngineNotFoundError ||
    error instanceof EngineConflictError ||
    error instanceof EngineInputError ||
    error instanceof CamundaUnavailableError
  );
}
