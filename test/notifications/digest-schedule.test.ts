import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log.ts';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { closeRedis, connectRedis } from '../../platform/queue/redis.ts';
import { digestQueueName, startDailyDigest } from '../../workers/queues/daily-digest.ts';
import { createTestPrefix, type TestPrefix } from './redis-prefix.ts';
import { weekdayCalendar } from './weekday-calendar.ts';

describe('the daily digest schedule', () => {
  let redis: TestPrefix;
  beforeEach(() => {
    redis = createTestPrefix();
  });
  afterEach(() => redis.drop());

  it('runs at 08:00 Beijing time, and starting twice (two processes) keeps one schedule', async () => {
    const connection = connectRedis(redis.redisUrl, 'worker');
    const dependencies = {
      redis: connection,
      prefix: redis.prefix,
      logger: createLogger('silent'),
      engine: { searchUserTasks: async () => [] },
      calendar: async () => weekdayCalendar(),
      contactsOf: async () => [],
      enqueue: async () => 'unused',
      clock: new VirtualClock('2026-10-09T07:00:00+08:00'),
    };
    const first = await startDailyDigest(dependencies);
    const second = await startDailyDigest(dependencies);
    const queue = new Queue(digestQueueName, { connection, prefix: redis.prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: 'daily-digest', pattern: '0 8 * * *', tz: 'Asia/Shanghai' });
      // The next run is at 08:00 in Beijing, which is 00:00 UTC.
      expect(new Date(schedulers[0]!.next!).toISOString()).toMatch(/T00:00:00\.000Z$/);
    } finally {
      await queue.close();
      await first.close();
      await second.close();
      await closeRedis(connection);
    }
  });
});
