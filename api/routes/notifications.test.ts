import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactDirectory } from '../../platform/mail/contacts.ts';
import { addDeadLetter } from '../../platform/mail/dead-letters.ts';
import { createLogger } from '../../platform/log.ts';
import { NotificationQueue } from '../../platform/queue/notification-queue.ts';
import { closeRedis, connectRedis } from '../../platform/queue/redis.ts';
import { createTestPrefix, type TestPrefix } from '../../test/notifications/redis-prefix.ts';
import { idleEngine } from '../../test/api/embedded-engine.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { signIn } from '../../test/api/sign-in.ts';
import { buildApp, type App } from '../app.ts';
import { validationProblemType } from '../problem.ts';

let db: TestSchema;
let redis: TestPrefix;
let app: App;
let deadLetterId: number;
let office: { authorization: string };

beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  redis = createTestPrefix();
  app = buildApp({ config: { ...db.config, REDIS_PREFIX: redis.prefix }, ...idleEngine(db), logger: createLogger('silent'), pool: db.pool });
  const contact = await new ContactDirectory(db.pool).save({ role: 'certification_body', scope: '007', name: '江苏某认证有限公司', email: 'report@cb007.example.cn', language: 'zh' });
  const notificationKey = `cnca-report-reminder-JP~2d2026~2d0004-20261013T090000Z-c${contact.id}`;
  await addDeadLetter(db.pool, {
    jobId: notificationKey,
    notificationKey,
    kind: 'cnca-report-reminder',
    caseNumber: 'JP-2026-0004',
    contactId: contact.id,
    payload: { notificationKey, contactId: contact.id, content: { kind: 'cnca-report-reminder', caseNumber: 'JP-2026-0004', deadline: '2026-10-13T17:00:00+08:00' } },
    error: "Can't send mail - all recipients were rejected: 550 No such mailbox",
    attempts: 1,
    failedAt: new Date('2026-10-12T01:00:05Z'),
  });
  deadLetterId = (await db.pool.query('select id::int as id from notification_dead_letters')).rows[0].id;
  office = (await signIn(app, db.pool, 'provincial_office')).headers;
});
afterEach(async () => {
  await app.close();
  await redis.drop();
  await db.drop();
});

async function waitingJobs(): Promise<number> {
  const connection = connectRedis(redis.redisUrl, 'producer');
  const queue = new NotificationQueue(connection, redis.prefix);
  try {
    return (await queue.counts()).waiting ?? 0;
  } finally {
    await queue.close();
    await closeRedis(connection);
  }
}

describe('GET /notifications/dead-letters', () => {
  it('lists the notifications that failed for good, with the recipient and the failure time in Beijing time', async () => {
    const response = await app.inject({ method: 'GET', url: '/notifications/dead-letters', headers: office });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      {
        id: deadLetterId,
        kind: 'cnca-report-reminder',
        caseNumber: 'JP-2026-0004',
        recipientName: '江苏某认证有限公司',
        recipient: 'report@cb007.example.cn',
        error: "Can't send mail - all recipients were rejected: 550 No such mailbox",
        attempts: 1,
        failedAt: '2026-10-12T09:00:05+08:00',
        resentAt: null,
        resendJobId: null,
      },
    ]);
  });
});

describe('POST /notifications/dead-letters/:id/resend', () => {
  it('queues the notification again under a job id of its own, once, and moves it off the list', async () => {
    const response = await app.inject({ method: 'POST', url: `/notifications/dead-letters/${deadLetterId}/resend`, headers: office });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ id: deadLetterId, jobId: expect.stringMatching(new RegExp(`-resend${deadLetterId}$`)) });
    expect(await waitingJobs()).toBe(1);
    expect((await app.inject({ method: 'GET', url: '/notifications/dead-letters', headers: office })).json()).toEqual([]);
    const all = (await app.inject({ method: 'GET', url: '/notifications/dead-letters?includeResent=true', headers: office })).json();
    expect(all).toEqual([expect.objectContaining({ id: deadLetterId, resendJobId: response.json().jobId, resentAt: expect.stringMatching(/\+08:00$/) })]);

    const again = await app.inject({ method: 'POST', url: `/notifications/dead-letters/${deadLetterId}/resend`, headers: office });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json().detail).toContain('was resent already');
    expect(await waitingJobs()).toBe(1);
  });

  it('answers 404 problem details for a dead letter that does not exist', async () => {
    const response = await app.inject({ method: 'POST', url: '/notifications/dead-letters/999999/resend', headers: office });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, detail: expect.stringContaining('no dead letter with id 999999') });
  });

  it('refuses an id that is not a positive integer', async () => {
    const response = await app.inject({ method: 'POST', url: '/notifications/dead-letters/abc/resend', headers: office });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ type: validationProblemType, errors: [expect.objectContaining({ in: 'params', field: '/id' })] });
  });
});
