import { createLogger, type Logger } from '../../platform/log.ts';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { ContactDirectory, type Contact } from '../../platform/mail/contacts.ts';
import { smtpTransport, type MailTransport } from '../../platform/mail/transport.ts';
import { startNotifications, type RunningNotifications } from '../../workers/queues/notifications.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { createTestPrefix, type TestPrefix } from './redis-prefix.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

/** The directory every notification test starts with: one contact per office, in both languages. */
export const contacts = {
  nanjing: { role: 'city_office', scope: '320100', name: '南京市质量发展委员会办公室', email: 'zlb@nanjing.example.cn', language: 'zh' },
  suzhouEn: { role: 'city_office', scope: '320500', name: 'Suzhou Quality Office', email: 'quality@suzhou.example.cn', language: 'en' },
  body: { role: 'certification_body', scope: '007', name: '江苏某认证有限公司', email: 'report@cb007.example.cn', language: 'zh' },
  supervision: { role: 'supervision_department', scope: '320000', name: '省市场监管局认证监管处', email: 'rzjg@samr.example.cn', language: 'zh' },
  secretariat: { role: 'alliance_secretariat', scope: '320000', name: 'Alliance Secretariat', email: 'office@alliance.example.cn', language: 'en' },
  province: { role: 'provincial_office', scope: '320000', name: '省质委办', email: 'szwb@js.example.cn', language: 'zh' },
  holder: { role: 'enterprise', scope: 'E42', name: '南京某精密机械有限公司', email: 'iso@e42.example.cn', language: 'zh' },
} as const;

export type ContactName = keyof typeof contacts;

/** Everything a notification test runs on: a schema, a Redis prefix, an SMTP server and the running sender. */
export interface NotificationRig {
  readonly db: TestSchema;
  readonly redis: TestPrefix;
  readonly smtp: SmtpSink;
  readonly clock: VirtualClock;
  readonly notifications: RunningNotifications;
  readonly directory: ContactDirectory;
  readonly saved: Record<ContactName, Contact>;
  readonly baseUrl: string;
  close(): Promise<void>;
}

export interface RigOptions {
  /** Retries and their first backoff; short, so a test sees them all. */
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly transport?: (smtpUrl: string) => MailTransport;
  readonly logger?: Logger;
  readonly start?: string;
  /** A schema to share (an engine harness's); the rig then leaves dropping it to its owner. */
  readonly db?: TestSchema;
  /** A clock to share (an engine harness's virtual clock). */
  readonly clock?: VirtualClock;
}

export async function createNotificationRig(options: RigOptions = {}): Promise<NotificationRig> {
  const db = options.db ?? (await createTestSchema({ migrate: true }));
  const redis = createTestPrefix();
  const smtp = await startSmtpSink();
  const clock = options.clock ?? new VirtualClock(options.start ?? '2026-10-09T08:00:00+08:00');
  const directory = new ContactDirectory(db.pool);
  const saved = {} as Record<ContactName, Contact>;
  for (const [name, contact] of Object.entries(contacts)) saved[name as ContactName] = await directory.save(contact);
  const baseUrl = 'https://jingpin.example.gov.cn';
  const config = {
    ...db.config,
    REDIS_URL: redis.redisUrl,
    REDIS_PREFIX: redis.prefix,
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: baseUrl,
    SMTP_MAX_PER_SECOND: 1000,
  };
  const notifications = await startNotifications({
    config,
    pool: db.pool,
    clock,
    logger: options.logger ?? createLogger('silent'),
    policy: { attempts: options.attempts ?? 5, backoffMs: options.backoffMs ?? 20 },
    transport: options.transport ? options.transport(smtp.url) : smtpTransport(smtp.url, config.MAIL_FROM),
  });
  return {
    db,
    redis,
    smtp,
    clock,
    notifications,
    directory,
    saved,
    baseUrl,
    async close() {
      await notifications.close();
      await smtp.close();
      await redis.drop();
      if (!options.db) await db.drop();
    },
  };
}

/** Polls `check` until it holds, failing after `ms`: for effects that happen on another connection. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
