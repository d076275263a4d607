import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../../platform/config.ts';

/** A Redis key prefix of one test's own, and the removal of every key under it afterwards. */
export interface TestPrefix {
  readonly prefix: string;
  readonly redisUrl: string;
  /** Deletes every key under the prefix; call it after the queues and workers are closed. */
  drop(): Promise<void>;
}

export function createTestPrefix(): TestPrefix {
  const prefix = `test_${randomBytes(6).toString('hex')}`;
  const redisUrl = loadConfig().REDIS_URL;
  return {
    prefix,
    redisUrl,
    async drop() {
      const redis = new Redis(redisUrl);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        await redis.quit();
      }
    },
  };
}
