import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notificationKey } from '../../domain/notifications/notification-key.ts';
import { listDeadLetters } from '../../platform/mail/dead-letters.ts';
import { resendDeadLetter } from '../../platform/queue/resend.ts';
import { notifyWorker } from '../../workers/tasks/notify.ts';
import { runJob } from './notify-job.ts';
import { createNotificationRig, eventually, type NotificationRig } from './setup.ts';

/**
 * Notifications end to end on a real SMTP server (smtp-server, read back with mailparser):
 * the notify task queues, the BullMQ sender delivers, the sent log and dead letters record.
 */
let rig: NotificationRig;
afterEach(() => rig.close());

const deadline = '2026-10-13T17:00:00+08:00';
const sentRows = async () => (await rig.db.pool.query('select notification_key, recipient, transport from notifications_sent order by id')).rows;

describe('delivery, with a real SMTP server', () => {
  beforeEach(async () => {
    rig = await createNotificationRig();
  });

  it('a job delivered twice sends one mail', async () => {
    const notify = notifyWorker(rig.notifications.ports);
    const variables = { caseNumber: 'JP-2026-0001', deadline, certificationBodyId: '007' };
    const headers = { kind: 'cnca-report-reminder', recipients: 'certification_body' };
    expect(await runJob(notify, headers, variables)).toEqual({ kind: 'complete', variables: {} });
    await rig.smtp.waitForMails(1);
    // The engine hands the same job out again (a lost completion), after the first was sent.
    expect((await runJob(notify, headers, variables)).kind).toBe('complete');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.smtp.mails).toHaveLength(1);
    expect(await sentRows()).toHaveLength(1);
  });

  it('the sent log refuses a replay that BullMQ no longer knows (another job id, same notification)', async () => {
    const notify = notifyWorker(rig.notifications.ports);
    await runJob(notify, { kind: 'deadline-reminder', recipients: 'city_office' }, { caseNumber: 'JP-2026-0002', deadline, cityCode: '320100' });
    await rig.smtp.waitForMails(1);
    const key = notificationKey({ kind: 'deadline-reminder', caseNumber: 'JP-2026-0002', deadline, contactId: rig.saved.nanjing.id });
    const content = { kind: 'deadline-reminder', caseNumber: 'JP-2026-0002', deadline } as const;
    await rig.notifications.queue.add(`${key}-replayed`, { notificationKey: key, contactId: rig.saved.nanjing.id, content });
    await eventually(async () => (await rig.notifications.queue.counts()).completed === 2);
    expect(rig.smtp.mails).toHaveLength(1);
    expect(await sentRows()).toEqual([{ notification_key: key, recipient: 'zlb@nanjing.example.cn', transport: 'smtp' }]);
  });

  it('an SMTP server that refuses three times and then accepts gets exactly one mail', async () => {
    rig.smtp.refuseNext(3);
    const notify = notifyWorker(rig.notifications.ports);
    await runJob(notify, { kind: 'cnca-report-escalation', recipients: 'supervision_department', concerning: 'certification_body' }, {
      caseNumber: 'JP-2026-0003',
      deadline,
      certificationBodyId: '007',
    });
    const [mail] = await rig.smtp.waitForMails(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.smtp.refusals).toBe(3);
    expect(rig.smtp.mails).toHaveLength(1);
    expect(mail?.to).toEqual(['rzjg@samr.example.cn']);
    expect(await listDeadLetters(rig.db.pool, { includeResent: true })).toEqual([]);
  });

  it('a permanently refused address lands in the dead letters at once, and a resend from there delivers', async () => {
    rig.smtp.reject('report@cb007.example.cn');
    const notify = notifyWorker(rig.notifications.ports);
    await runJob(notify, { kind: 'cnca-report-reminder', recipients: 'certification_body' }, { caseNumber: 'JP-2026-0004', deadline, certificationBodyId: '007' });
    const [letter] = await eventually(async () => {
      const letters = await listDeadLetters(rig.db.pool);
      return letters.length > 0 && letters;
    });
    expect(letter).toMatchObject({ kind: 'cnca-report-reminder', caseNumber: 'JP-2026-0004', recipient: 'report@cb007.example.cn', attempts: 1, resentAt: null });
    expect(letter?.error).toContain('550');
    expect(rig.smtp.mails).toHaveLength(0);

    // The office corrects the mailbox, then resends.
    rig.smtp.accept('report@cb007.example.cn');
    const { jobId } = await resendDeadLetter(rig.db.pool, rig.notifications.queue, letter!.id, rig.clock.now());
    const [mail] = await rig.smtp.waitForMails(1);
    expect(mail?.to).toEqual(['report@cb007.example.cn']);
    expect(mail?.parsed.subject).toContain('JP-2026-0004');
    expect(await listDeadLetters(rig.db.pool)).toEqual([]);
    expect((await listDeadLetters(rig.db.pool, { includeResent: true }))[0]).toMatchObject({ id: letter!.id, resendJobId: jobId });
  });
});

describe('retries run out', () => {
  beforeEach(async () => {
    rig = await createNotificationRig({ attempts: 3, backoffMs: 10 });
  });

  it('a server that keeps answering 451 leaves the notification in the dead letters after the last of its tries', async () => {
    rig.smtp.refuseNext(1000);
    await runJob(notifyWorker(rig.notifications.ports), { kind: 'deadline-reminder', recipients: 'city_office' }, {
      caseNumber: 'JP-2026-0005',
      deadline,
      parties: [{ role: 'city_office', scope: '320100' }],
    });
    const [letter] = await eventually(async () => {
      const letters = await listDeadLetters(rig.db.pool);
      return letters.length > 0 && letters;
    });
    expect(letter).toMatchObject({ attempts: 3, recipient: 'zlb@nanjing.example.cn' });
    expect(letter?.error).toContain('451');
    expect(rig.smtp.refusals).toBe(3);
    expect(await sentRows()).toEqual([]);
  });
});
