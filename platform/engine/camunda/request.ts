import { CamundaUnavailableError, toEngineError } from './errors.ts';

/** What every call of the Orchestration Cluster client returns: a promise that can be cancelled. */
export interface Cancelable<T> extends Promise<T> {
  cancel(): void;
}

/**
 * Runs one call of the client with a deadline and the port's error classes. The SDK sets no
 * deadline of its own, so a cluster that accepts connections but never answers would hang a
 * request (and the API route behind it) for ever; cancelling aborts the underlying fetch.
 * @param what the operation, Chinese then English, for the error message.
 */
export async function request<T>(what: string, timeoutMs: number, call: () => Cancelable<T>): Promise<T> {
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const pending = call();
    timer = setTimeout(() => {
      timedOut = true;
      pending.cancel();
    }, timeoutMs);
    return await pending;
  } catch (error) {
    if (timedOut) {
      throw new CamundaUnavailableError(`Camunda 8 未在 ${timeoutMs} 毫秒内答复 / Camunda 8 did not answer within ${timeoutMs} ms: ${what}`, undefined, {
        cause: error,
      });
    }
    throw toEngineError(error, what);
  } finally {
    clearTimeout(timer);
  }
}
