import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactDirectory } from '../../platform/mail/contacts.ts';
import { addDeadLetter } from '../../platform/mail/dead-letters.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { createTestPrefix, type TestPrefix } from './redis-prefix.ts';
import { runJingpin } from '../cli.ts';

let db: TestSchema;
let redis: TestPrefix;
let id: number;

/** Runs `jingpin …` as the office would, on this test's schema and Redis prefix. */
const jingpin = (...args: string[]) => runJingpin(args, { DATABASE_SCHEMA: db.schema, REDIS_PREFIX: redis.prefix });

beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  redis = createTestPrefix();
  const contact = await new ContactDirectory(db.pool).save({ role: 'city_office', scope: '320100', name: '南京市质委办', email: 'zlb@nanjing.example.cn', language: 'zh' });
  const key = `city-submission-reminder-2026-20261013T090000Z-c${contact.id}`;
  await addDeadLetter(db.pool, {
    jobId: key,
    notificationKey: key,
    kind: 'city-submission-reminder',
    caseNumber: '2026',
    contactId: contact.id,
    payload: { notificationKey: key, contactId: contact.id, content: { kind: 'city-submission-reminder', caseNumber: '2026', deadline: '2026-10-13T17:00:00+08:00' } },
    error: '550 No such mailbox',
    attempts: 1,
    failedAt: new Date('2026-10-12T01:00:00Z'),
  });
  id = (await db.pool.query('select id::int as id from notification_dead_letters')).rows[0].id;
});
afterEach(async () => {
  await redis.drop();
  await db.drop();
});

// Each run starts a fresh Node process that compiles TypeScript on load: seconds each.
describe('jingpin notifications', { timeout: 90_000 }, () => {
  it('dead-letters lists each failed notification with its recipient and error, in Beijing time', async () => {
    const run = await jingpin('notifications', 'dead-letters');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`#${id} 2026-10-12T09:00:00+08:00 city-submission-reminder 案件 / case 2026 → 南京市质委办 <zlb@nanjing.example.cn>: 550 No such mailbox\n`);
  });

  it('resend queues it again; the list then shows it only with --all, and a second resend is refused', async () => {
    const resend = await jingpin('notifications', 'resend', String(id));
    expect(resend.code).toBe(0);
    expect(resend.stdout).toMatch(new RegExp(`^已重新排队 / queued again: #${id} as job city-submission-reminder-2026-20261013T090000Z-c\\d+-resend${id}\\n$`));
    expect((await jingpin('notifications', 'dead-letters')).stdout).toBe('没有发送失败的通知 / no dead letters\n');
    expect((await jingpin('notifications', 'dead-letters', '--all')).stdout).toContain('已重发 / resent');

    const again = await jingpin('notifications', 'resend', String(id));
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^失败通知 \d+ 已重新发送.*was resent already/);
  });

  it('resend says plainly when there is no such dead letter, and refuses an id that is not a number', async () => {
    const missing = await jingpin('notifications', 'resend', '424242');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('没有编号为 424242 的失败通知 / no dead letter with id 424242');
    const bad = await jingpin('notifications', 'resend', 'x1');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be a positive whole number');
  });
});
