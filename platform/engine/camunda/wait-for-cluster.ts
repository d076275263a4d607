import { CamundaUnavailableError } from './errors.ts';
import { sleep, type EngineLog } from './log.ts';

export interface WaitOptions {
  /** Where jingpin looks for the cluster, for the messages. */
  readonly address: string;
  readonly attempts: number;
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly log: EngineLog;
  readonly wait?: (ms: number) => Promise<void>;
}

/**
 * Start-up waits for the cluster instead of failing at once: in a compose stack or after a
 * power cut, jingpin often starts before Zeebe answers. Each failed attempt is logged (Chinese,
 * then English) with the next delay, which doubles up to 30 s; after the last attempt start-up
 * stops with a message saying what to check.
 * @param probe one cheap request (the topology); resolves when the cluster answers.
 */
export async function waitForCluster<T>(probe: () => Promise<T>, options: WaitOptions): Promise<T> {
  const { address, attempts, log } = options;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await probe();
    } catch (error) {
      const reason = (error as Error).message;
      if (attempt >= attempts) {
        throw new CamundaUnavailableError(
          `Camunda 8 集群在 ${address} 经 ${attempts} 次尝试仍不可达，请检查 ZEEBE_REST_ADDRESS、认证变量和集群状态 / ` +
            `the Camunda 8 cluster at ${address} is still unreachable after ${attempts} attempts; check ZEEBE_REST_ADDRESS, the auth variables and the cluster: ${reason}`,
          undefined,
          { cause: error },
        );
      }
      log.warn(
        { address, attempt, attempts, retryInMs: delay, err: reason },
        `正在等待 Camunda 8 集群（第 ${attempt}/${attempts} 次，${delay} 毫秒后重试）/ waiting for the Camunda 8 cluster at ${address} (attempt ${attempt} of ${attempts}; next in ${delay} ms)`,
      );
      await wait(delay);
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
