import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentForCase } from '../../platform/mail/sent-log.ts';
import { notifyWorker, type NotifyPorts } from '../../workers/tasks/notify.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { close, start } from '../process/helpers.ts';
import { createNotificationRig, type NotificationRig } from './setup.ts';

/**
 * A certification body misses its CNCA deadline (test/models/cnca-report-deadline.bpmn) on the
 * embedded engine with a virtual clock, the real notify worker, a real BullMQ queue and sender,
 * and a real SMTP server: the reminder reaches the body before the deadline, the escalation
 * reaches the supervision department after it, in that order, once each.
 */
describe('a certification body misses the CNCA deadline', () => {
  let h: EngineHarness;
  let rig: NotificationRig;
  // The harness needs its workers before the rig exists (the rig shares the harness's schema).
  const ports: NotifyPorts = {
    resolveRecipients: (roles, parties) => rig.notifications.ports.resolveRecipients(roles, parties),
    enqueue: (content, contactId) => rig.notifications.ports.enqueue(content, contactId),
  };

  beforeEach(async () => {
    // Certification ended on Monday 28 September 2026; 7 working days later is 13 October.
    h = await createEngineHarness({ workers: [notifyWorker(ports)], start: '2026-09-28T17:00:00+08:00' });
    rig = await createNotificationRig({ db: h.db, clock: h.clock });
    await h.deploy('cnca-report-deadline.bpmn');
  });
  afterEach(async () => {
    await rig.close();
    await close(h);
  });

  const deadline = '2026-10-13T17:00:00+08:00';
  const reminderAt = '2026-10-12T09:00:00+08:00';
  const quietly = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('reminds the body before the deadline and escalates to the supervision department after, once each', async () => {
    const key = await start(h, 'cnca-report-deadline', { certificationBodyId: '007', deadline, reminderAt }, 'JP-2026-0042');
    const [task] = await h.openTasks(key, 'cr_report');
    expect(task?.candidateGroups).toEqual(['cb-007']);
    expect(new Date(task?.dueDate ?? 0).getTime()).toBe(new Date(deadline).getTime());

    // Nothing before the reminder is due.
    h.clock.set('2026-10-12T08:59:59.999+08:00');
    await h.settle();
    await quietly();
    expect(rig.smtp.mails).toHaveLength(0);

    // The reminder, to the assigned body only.
    h.clock.set(reminderAt);
    await h.settle();
    const [reminder] = await rig.smtp.waitForMails(1);
    expect(reminder?.to).toEqual(['report@cb007.example.cn']);
    expect(reminder?.parsed.subject).toBe('【江苏精品】请报送认证结果：案件 JP-2026-0042，截止 2026年10月13日 17:00');

    // Nothing more until the deadline has passed.
    h.clock.set('2026-10-13T16:59:59.999+08:00');
    await h.settle();
    await quietly();
    expect(rig.smtp.mails).toHaveLength(1);

    // The escalation, to the supervision department, naming the body.
    h.clock.set(deadline);
    await h.settle();
    const [, escalation] = await rig.smtp.waitForMails(2);
    expect(escalation?.to).toEqual(['rzjg@samr.example.cn']);
    expect(escalation?.parsed.subject).toContain('逾期督办：案件 JP-2026-0042 未按期向国家认监委（CNCA）报送认证结果');
    expect(escalation?.parsed.text).toContain('认证机构（007）未在 2026年10月13日 17:00（北京时间）前');

    // Days pass; the body still has not reported. Nothing is sent again.
    await h.advance('P3D');
    await quietly();
    expect(rig.smtp.mails.map((mail) => mail.to[0])).toEqual(['report@cb007.example.cn', 'rzjg@samr.example.cn']);
    expect((await sentForCase(rig.db.pool, 'JP-2026-0042')).map((sent) => [sent.kind, sent.recipient, sent.sentAt.toISOString()])).toEqual([
      ['cnca-report-reminder', 'report@cb007.example.cn', '2026-10-12T01:00:00.000Z'],
      ['cnca-report-escalation', 'rzjg@samr.example.cn', '2026-10-13T09:00:00.000Z'],
    ]);
    expect(await h.path(key)).toEqual(['cr_start', 'cr_report', 'cr_reminderDue', 'cr_remind', 'cr_reminded', 'cr_deadlinePassed', 'cr_escalate', 'cr_escalated']);
    expect((await h.instance(key)).activeElementIds).toEqual(['cr_report']);
  });
});
