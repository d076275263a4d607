import { Redis } from 'ioredis';

/**
 * Opens an ioredis connection for BullMQ (REDIS_URL).
 * - `worker`: waits out a Redis restart (`maxRetriesPerRequest: null`, as BullMQ requires for
 *   the blocking commands its workers use).
 * - `producer`: fails fast instead, so a task or a request that cannot queue says so at once
 *   and is retried by its caller, rather than hanging while Redis is away.
 * The caller owns the connection and quits it after closing the queues that use it.
 */
export function connectRedis(url: string, use: 'producer' | 'worker'): Redis {
  return use === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 });
}

/** Quits a connection, dropping it if the server does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
