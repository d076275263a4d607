/**
 * `npm run bench:notify`: N notifications (10,000 by default) through the whole path — queued
 * under business-identity ids on BullMQ, taken by the sender, written from the template, guarded
 * by the PostgreSQL sent log, handed to nodemailer over SMTP — into an SMTP sink in this process;
 * then the same number of the same messages sent by nodemailer directly, as the baseline.
 * Prints mails per second for both and their ratio. The limiter is set far above the rate
 * reached, so it measures the path, not the limit.
 *
 *   BENCH_NOTIFICATIONS=10000 npm run bench:notify
 */
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { renderNotification } from '../domain/notifications/render.ts';
import { loadConfig } from '../platform/config.ts';
import { systemClock } from '../platform/engine/clock.ts';
import { createLogger } from '../platform/log.ts';
import { ContactDirectory } from '../platform/mail/contacts.ts';
import { smtpTransport } from '../platform/mail/transport.ts';
import { NotificationQueue } from '../platform/queue/notification-queue.ts';
import { closeRedis, connectRedis } from '../platform/queue/redis.ts';
import { createTestPrefix } from '../test/notifications/redis-prefix.ts';
import { createTestSchema } from '../test/pg.ts';
import { enqueueNotification } from '../workers/queues/notification-job.ts';
import { startNotificationSender } from '../workers/queues/notification-sender.ts';

const N = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
// Both sides get the same SMTP connections; the sender holds a database connection per mail in
// flight (the sent-log guard), so its concurrency stays below the pool's ten.
const CONNECTIONS = 8;
const deadline = '2026-10-13T17:00:00+08:00';
const from = loadConfig().MAIL_FROM;

/** An SMTP server that accepts everything and only counts. */
async function startSink() {
  let received = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 64,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received++;
        for (const waiter of waiters.filter((w) => received >= w.count)) waiter.resolve();
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no sink address');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received: () => received,
    until: (count: number) => new Promise<void>((resolve) => (received >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

async function main(): Promise<void> {
  const sink = await startSink();
  const db = await createTestSchema({ migrate: true });
  const redis = createTestPrefix();
  const producer = connectRedis(redis.redisUrl, 'producer');
  const consumer = connectRedis(redis.redisUrl, 'worker');
  const queue = new NotificationQueue(producer, redis.prefix);
  const transport = smtpTransport(sink.url, from, CONNECTIONS);
  const directory = new ContactDirectory(db.pool);
  const contacts = await Promise.all(
    Array.from({ length: 13 }, (_, i) =>
      directory.save({ role: 'city_office', scope: String(320100 + i * 100), name: `City office ${i + 1}`, email: `office${i + 1}@bench.example.cn`, language: i % 2 ? 'en' : 'zh' }),
    ),
  );
  const sender = startNotificationSender({
    redis: consumer,
    prefix: redis.prefix,
    pool: db.pool,
    directory,
    transport,
    baseUrl: 'https://jingpin.example.gov.cn',
    clock: systemClock,
    logger: createLogger('warn'),
    maxPerSecond: 1_000_000,
    concurrency: CONNECTIONS,
  });
  const direct = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: CONNECTIONS }, { from });
  try {
    // Through the queue: enqueue all, time until the sink has them all.
    const queuedStart = performance.now();
    for (let i = 0; i < N; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, N - i) }, (_, j) => {
          const n = i + j;
          const contact = contacts[n % contacts.length]!;
          return enqueueNotification(queue, { kind: 'deadline-reminder', caseNumber: `JP-2026-${n}`, deadline }, contact.id);
        }),
      );
    }
    const enqueuedMs = performance.now() - queuedStart;
    await sink.until(N);
    const queuedMs = performance.now() - queuedStart;
    // The sink counts a mail at SMTP's "250 OK"; the sent-log row commits a moment later.
    while ((await queue.counts()).completed! < N) await new Promise((resolve) => setTimeout(resolve, 20));
    const { rows } = await db.pool.query('select count(*)::int as n from notifications_sent');

    // Directly: the same messages, nodemailer's pool, all handed over at once.
    const base = sink.received();
    const directStart = performance.now();
    await Promise.all(
      Array.from({ length: N }, (_, n) => {
        const contact = contacts[n % contacts.length]!;
        const message = renderNotification({ kind: 'deadline-reminder', caseNumber: `JP-2026-${n}`, deadline }, { name: contact.name, language: contact.language, baseUrl: 'https://jingpin.example.gov.cn' });
        return direct.sendMail({ to: { name: contact.name, address: contact.email }, ...message });
      }),
    );
    await sink.until(base + N);
    const directMs = performance.now() - directStart;

    console.log(`notifications: ${N}, SMTP connections: ${CONNECTIONS}`);
    console.log(`queue (BullMQ → sender → sent log → nodemailer → SMTP): ${rate(N, queuedMs)} mails/s (${(queuedMs / 1000).toFixed(1)} s; enqueue alone ${rate(N, enqueuedMs)}/s; sent log ${rows[0].n} rows)`);
    console.log(`nodemailer directly:                                   ${rate(N, directMs)} mails/s (${(directMs / 1000).toFixed(1)} s)`);
    console.log(`ratio queue / direct: ${(directMs / queuedMs).toFixed(2)}`);
    if (rows[0].n !== N) throw new Error(`expected ${N} rows in the sent log, found ${rows[0].n}`);
  } finally {
    direct.close();
    await sender.close();
    await queue.close();
    await transport.close();
    await Promise.all([closeRedis(producer), closeRedis(consumer)]);
    await redis.drop();
    await db.drop();
    await sink.close();
  }
}

await main();
