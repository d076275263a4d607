import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { assertJobId } from './job-id.ts';

/** The queue of outgoing mail. One SMTP server per installation, so its limiter is per server. */
export const notificationQueueName = 'notifications';

/** How often, and how patiently, one notification is tried. */
export interface DeliveryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** The first backoff; each further one doubles (30 s, 1 min, 2 min, …). */
  readonly backoffMs: number;
}

/** Eight tries over about an hour: long enough for a mail server's restart or a greylisting pause. */
export const defaultDeliveryPolicy: DeliveryPolicy = { attempts: 8, backoffMs: 30_000 };

// Finished jobs stay in Redis for this long, so a replayed add with the same id is a no-op
// there already; after that the sent log's unique key still refuses a second send.
const keepFinishedSeconds = 30 * 24 * 3600;

/** The producer side of the notification queue: adds jobs under ids made from business identity. */
export class NotificationQueue {
  readonly #queue: Queue;

  constructor(
    redis: Redis,
    prefix: string,
    readonly policy: DeliveryPolicy = defaultDeliveryPolicy,
  ) {
    this.#queue = new Queue(notificationQueueName, { connection: redis, prefix });
  }

  /**
   * Queues `data` under `jobId`. A job with that id already queued, running or finished in the
   * last 30 days makes this a no-op, which is what makes a repeated task send nothing twice.
   */
  async add(jobId: string, data: object): Promise<void> {
    await this.#queue.add('mail', data, {
      jobId: assertJobId(jobId),
      attempts: this.policy.attempts,
      backoff: { type: 'exponential', delay: this.policy.backoffMs },
      removeOnComplete: { age: keepFinishedSeconds },
      removeOnFail: { age: keepFinishedSeconds },
    });
  }

  /** Counts of jobs per state, for tests and the bench. */
  counts(): Promise<Record<string, number>> {
    return this.#queue.getJobCounts();
  }

  /** Closes this producer; the Redis connection stays open (its owner quits it). */
  close(): Promise<void> {
    return this.#queue.close();
  }
}
