import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { renderNotification } from '../../domain/notifications/render.ts';
import type { Pool } from '../../platform/db/pool.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { ContactDirectory } from '../../platform/mail/contacts.ts';
import { addDeadLetter } from '../../platform/mail/dead-letters.ts';
import { sendOnce } from '../../platform/mail/sent-log.ts';
import { describeSmtpFailure, isPermanentSmtpFailure } from '../../platform/mail/smtp-failure.ts';
import type { MailTransport } from '../../platform/mail/transport.ts';
import { notificationQueueName } from '../../platform/queue/notification-queue.ts';
import { caseNumberOf, parseNotificationJob, type NotificationJobData } from './notification-job.ts';

export interface SenderOptions {
  /** A worker connection (connectRedis(url, 'worker')); the caller quits it. */
  readonly redis: Redis;
  readonly prefix: string;
  readonly pool: Pool;
  readonly directory: Pick<ContactDirectory, 'byId'>;
  readonly transport: MailTransport;
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** BullMQ's limiter, shared by every sender on this queue: the SMTP server's rate. */
  readonly maxPerSecond: number;
  readonly concurrency?: number;
}

/** A notification that can never be sent as queued (bad data, a contact who left). */
class Undeliverable extends Error {
  override readonly name = 'Undeliverable';
}

/**
 * The sender: takes notification jobs off the queue, writes each in its recipient's language
 * and hands it to the mail transport, at most once per notification key (the sent log).
 * A passing failure is retried with exponential backoff; a permanent one (SMTP 5xx) or the last
 * retry's failure lands in the dead letters for the office to see and resend.
 */
export function startNotificationSender(options: SenderOptions): Worker {
  const log = options.logger.child({ part: 'notification-sender' });
  const worker = new Worker(notificationQueueName, (job) => deliver(job, options), {
    connection: options.redis,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 4,
    limiter: { max: options.maxPerSecond, duration: 1000 },
  });
  // Without a listener a lost Redis connection would end the process; BullMQ reconnects by itself.
  worker.on('error', (error) => log.error({ err: error }, '通知队列连接出错 / notification queue connection failed'));
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, '通知发送失败 / notification not sent'));
  return worker;
}

async function deliver(job: Job, options: SenderOptions): Promise<'sent' | 'already-sent'> {
  const parsed = parseNotificationJob(job.data);
  if (!parsed.ok) {
    // Nothing to keep in the dead letters: without a valid contact and content it cannot be resent.
    throw new UnrecoverableError(`通知作业数据无效 / invalid notification job data: ${parsed.reason}`);
  }
  const data = parsed.data;
  try {
    return await sendNotification(job, data, options);
  } catch (error) {
    const permanent = error instanceof Undeliverable || isPermanentSmtpFailure(error);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!permanent && !lastAttempt) throw error;
    await addDeadLetter(options.pool, {
      jobId: job.id ?? data.notificationKey,
      notificationKey: data.notificationKey,
      kind: data.content.kind,
      caseNumber: caseNumberOf(data.content),
      contactId: data.contactId,
      payload: data,
      error: describeSmtpFailure(error),
      attempts: job.attemptsMade + 1,
      failedAt: options.clock.now(),
    });
    throw new UnrecoverableError(describeSmtpFailure(error));
  }
}

async function sendNotification(job: Job, data: NotificationJobData, options: SenderOptions): Promise<'sent' | 'already-sent'> {
  const contact = await options.directory.byId(data.contactId);
  if (!contact?.active) throw new Undeliverable(`联系人 ${data.contactId} 已停用或不存在 / contact ${data.contactId} is deactivated or gone`);
  const message = renderNotification(data.content, { name: contact.name, language: contact.language, baseUrl: options.baseUrl });
  return sendOnce(
    options.pool,
    {
      notificationKey: data.notificationKey,
      jobId: job.id ?? data.notificationKey,
      kind: data.content.kind,
      caseNumber: caseNumberOf(data.content),
      contactId: contact.id,
      recipient: contact.email,
      language: contact.language,
      subject: message.subject,
      body: message.text,
      transport: options.transport.mode,
      sentAt: options.clock.now(),
    },
    () => options.transport.send({ to: { name: contact.name, address: contact.email }, ...message, notificationKey: data.notificationKey }),
  );
}
