import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { Config } from '../../platform/config.ts';
import type { Pool } from '../../platform/db/pool.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import type { EnginePort } from '../../platform/engine/port.ts';
import type { Logger } from '../../platform/log.ts';
import { ContactDirectory } from '../../platform/mail/contacts.ts';
import { resolveRecipients } from '../../platform/mail/recipients.ts';
import { createMailTransport, type MailTransport } from '../../platform/mail/transport.ts';
import { defaultDeliveryPolicy, NotificationQueue, type DeliveryPolicy } from '../../platform/queue/notification-queue.ts';
import { closeRedis, connectRedis } from '../../platform/queue/redis.ts';
import type { NotifyPorts } from '../tasks/notify.ts';
import { startDailyDigest } from './daily-digest.ts';
import { enqueueNotification } from './notification-job.ts';
import { startNotificationSender } from './notification-sender.ts';

export interface NotificationsOptions {
  readonly config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'SMTP_URL' | 'MAIL_FROM' | 'SMTP_MAX_PER_SECOND' | 'PUBLIC_BASE_URL'>;
  readonly pool: Pool;
  readonly clock: Clock;
  readonly logger: Logger;
  /** For the daily digest; without a calendar no digest is scheduled. */
  readonly digest?: { readonly engine: Pick<EnginePort, 'searchUserTasks'>; readonly calendar: () => Promise<WorkingDayCalendar> };
  /** Retries and backoff; tests shorten them. */
  readonly policy?: DeliveryPolicy;
  /** Replaces the transport `SMTP_URL` picks (tests use this to count sends). */
  readonly transport?: MailTransport;
}

/** Notifications running in this process: the ports the notify task uses, and how to stop. */
export interface RunningNotifications {
  readonly ports: NotifyPorts;
  readonly queue: NotificationQueue;
  readonly mode: MailTransport['mode'];
  /** Stops the digest, then the sender (finishing the mail in hand), then the connections. */
  close(): Promise<void>;
}

/**
 * Starts the notification machinery of one process: the queue producer, the sender with its
 * limiter, and (given a calendar) the 08:00 digest. The start-up code calls this once and hands
 * `ports` to the worker registry.
 */
export async function startNotifications(options: NotificationsOptions): Promise<RunningNotifications> {
  const { config, pool, clock, logger } = options;
  const producer = connectRedis(config.REDIS_URL, 'producer');
  const consumer = connectRedis(config.REDIS_URL, 'worker');
  const directory = new ContactDirectory(pool);
  const queue = new NotificationQueue(producer, config.REDIS_PREFIX, options.policy ?? defaultDeliveryPolicy);
  const transport = options.transport ?? createMailTransport(config, logger);
  const enqueue: NotifyPorts['enqueue'] = (content, contactId) => enqueueNotification(queue, content, contactId);
  const sender = startNotificationSender({
    redis: consumer,
    prefix: config.REDIS_PREFIX,
    pool,
    directory,
    transport,
    baseUrl: config.PUBLIC_BASE_URL,
    clock,
    logger,
    maxPerSecond: config.SMTP_MAX_PER_SECOND,
  });
  const digest = options.digest
    ? await startDailyDigest({ ...options.digest, contactsOf: (office) => directory.ofOffice(office), enqueue, clock, redis: consumer, prefix: config.REDIS_PREFIX, logger })
    : undefined;
  if (transport.mode === 'log-only') logger.warn('未设置 SMTP_URL：通知只记入发送记录和日志 / SMTP_URL unset: notifications go to the sent log and the log only');
  return {
    ports: { resolveRecipients: (roles, parties) => resolveRecipients(directory, roles, parties), enqueue },
    queue,
    mode: transport.mode,
    async close() {
      await digest?.close();
      await sender.close();
      await queue.close();
      await transport.close();
      await Promise.all([closeRedis(producer), closeRedis(consumer)]);
    },
  };
}
