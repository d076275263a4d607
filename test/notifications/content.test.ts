import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserTask } from '../../platform/engine/port.ts';
import { runDailyDigest } from '../../workers/queues/daily-digest.ts';
import { enqueueNotification } from '../../workers/queues/notification-job.ts';
import { notifyWorker } from '../../workers/tasks/notify.ts';
import { runJob } from './notify-job.ts';
import { createNotificationRig, type NotificationRig } from './setup.ts';
import type { ArrivedMail } from './smtp-sink.ts';
import { weekdayCalendar } from './weekday-calendar.ts';

/**
 * What arrives for each kind: the right mailbox, the contact's language, the case, the deadline
 * as a Beijing date, what is expected, and the link. Each case goes through the notify task, the
 * queue, the sender and a real SMTP server.
 */
let rig: NotificationRig;
beforeAll(async () => {
  rig = await createNotificationRig();
});
afterAll(() => rig.close());

// 09:00 UTC is 17:00 in Beijing: the date and time shown must be Beijing's.
const deadline = '2026-10-13T09:00:00Z';
const link = (caseNumber: string) => `https://jingpin.example.gov.cn/cases/${encodeURIComponent(caseNumber)}/tasks`;

interface Expected {
  readonly to: string;
  readonly subject: readonly string[];
  readonly text: readonly string[];
}

const cases: Array<[string, Record<string, string>, Record<string, unknown>, Expected]> = [
  [
    'deadline-reminder to the city office of the case, in Chinese',
    { kind: 'deadline-reminder', recipients: 'city_office' },
    { caseNumber: 'JP-2026-0101', deadline, cityCode: '320100' },
    { to: 'zlb@nanjing.example.cn', subject: ['JP-2026-0101', '2026年10月13日 17:00'], text: ['南京市质量发展委员会办公室：', '请在截止前登录系统完成办理', link('JP-2026-0101')] },
  ],
  [
    'deadline-escalation to the provincial office, naming the city that missed it',
    { kind: 'deadline-escalation', recipients: 'provincial_office', concerning: 'city_office' },
    { caseNumber: 'JP-2026-0102', deadline, cityCode: '320100' },
    { to: 'szwb@js.example.cn', subject: ['逾期督办', 'JP-2026-0102', '2026年10月13日 17:00'], text: ['责任方：市质量发展委员会办公室（320100）', '请督促责任方尽快办理', link('JP-2026-0102')] },
  ],
  [
    'cnca-report-reminder to the assigned certification body',
    { kind: 'cnca-report-reminder', recipients: 'certification_body' },
    { caseNumber: 'JP-2026-0103', deadline, parties: [{ role: 'certification_body', scope: '007' }] },
    { to: 'report@cb007.example.cn', subject: ['请报送认证结果', 'JP-2026-0103', '2026年10月13日'], text: ['国家认监委（CNCA）报送认证结果', '联盟秘书处', link('JP-2026-0103')] },
  ],
  [
    'cnca-report-escalation to the supervision department, naming the body',
    { kind: 'cnca-report-escalation', recipients: 'supervision_department', concerning: 'certification_body' },
    { caseNumber: 'JP-2026-0104', deadline, certificationBodyId: '007' },
    { to: 'rzjg@samr.example.cn', subject: ['未按期向国家认监委（CNCA）报送认证结果', 'JP-2026-0104'], text: ['认证机构（007）未在 2026年10月13日 17:00（北京时间）前', '7 个工作日', link('JP-2026-0104')] },
  ],
  [
    'city-submission-reminder to a city office that reads English',
    { kind: 'city-submission-reminder', recipients: 'city_office' },
    { caseNumber: '2026', deadline, cityCode: '320500' },
    { to: 'quality@suzhou.example.cn', subject: ['[Jiangsu Quality]', 'by 13 Oct 2026, 17:00'], text: ['Dear Suzhou Quality Office,', 'Attachment 4 summary', link('2026')] },
  ],
  [
    'annual-report-reminder to the alliance secretariat, in English',
    { kind: 'annual-report-reminder', recipients: 'alliance_secretariat' },
    { caseNumber: '2026', deadline },
    { to: 'office@alliance.example.cn', subject: ['Annual report', '2026', '13 Oct 2026'], text: ['annual Jiangsu Quality certification work report', '(Beijing time)', link('2026')] },
  ],
  [
    'annual-report-escalation to the provincial office',
    { kind: 'annual-report-escalation', recipients: 'provincial_office', concerning: 'alliance_secretariat' },
    { caseNumber: '2026', deadline },
    { to: 'szwb@js.example.cn', subject: ['逾期督办', '2026 年度认证工作报告'], text: ['江苏精品国际认证联盟秘书处未在 2026年10月13日 17:00（北京时间）前报送', link('2026')] },
  ],
  [
    'certificate-renewal-reminder to the holder, the case number taken from the business key',
    { kind: 'certificate-renewal-reminder', recipients: 'enterprise' },
    { deadline: '2029-10-12T16:00:00Z', enterpriseId: 'E42' },
    { to: 'iso@e42.example.cn', subject: ['证书到期提醒', 'JP-C-2026-9', '2029年10月13日'], text: ['再认证', link('JP-C-2026-9')] },
  ],
];

describe('each kind of notification, as it arrives', () => {
  it.each(cases)('%s', async (_name, headers, variables, expected) => {
    const { kind, recipients, concerning } = headers;
    const outcome = await runJob(notifyWorker(rig.notifications.ports), { kind: kind!, recipients: recipients!, ...(concerning ? { concerning } : {}) }, variables, 'JP-C-2026-9');
    expect(outcome.kind, JSON.stringify(outcome)).toBe('complete');
    const mail = await waitForMailTo(expected.to);
    expect(mail.to).toEqual([expected.to]);
    for (const words of expected.subject) expect(mail.parsed.subject).toContain(words);
    for (const words of expected.text) expect(mail.parsed.text).toContain(words);
    expect(mail.parsed.from?.text).toContain('noreply@jingpin.localhost');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('the daily digest lists each office its overdue tasks and those due within five working days', async () => {
    // The rig's clock stands at Friday 9 October 2026, 08:00 in Beijing; five working days reach Friday 16 October.
    const task = (key: string, due: string | null, groups: string[], caseNumber = `JP-2026-0${key}`): UserTask => ({
      userTaskKey: key,
      processInstanceKey: `9${key}`,
      processDefinitionId: 'declaration',
      businessKey: caseNumber,
      elementId: 'cityReview',
      elementInstanceKey: `8${key}`,
      name: '市级审核推荐 / City review',
      assignee: null,
      candidateGroups: groups,
      candidateUsers: [],
      dueDate: due,
      followUpDate: null,
      formKey: null,
      priority: 50,
      state: 'CREATED',
      creationDate: '2026-09-01T09:00:00+08:00',
      completionDate: null,
    });
    const tasks = [
      task('201', '2026-10-08T17:00:00+08:00', ['city-320100']), // overdue
      task('202', '2026-10-16T17:00:00+08:00', ['city-320100']), // the fifth working day
      task('203', '2026-10-19T17:00:00+08:00', ['city-320100']), // the sixth: not yet
      task('204', null, ['city-320100']), // no due date: never in a digest
      task('205', '2026-10-12T12:00:00+08:00', ['city-320500', 'expert-panel-3']), // Suzhou, in English
    ];
    const before = rig.smtp.mails.length;
    const keys = await runDailyDigest({
      engine: { searchUserTasks: async () => tasks },
      calendar: async () => weekdayCalendar(),
      contactsOf: (office) => rig.directory.ofOffice(office),
      enqueue: (content, contactId) => enqueueNotification(rig.notifications.queue, content, contactId),
      clock: rig.clock,
    });
    expect(keys).toHaveLength(2);
    await rig.smtp.waitForMails(before + 2);

    const nanjing = await waitForMailTo('zlb@nanjing.example.cn');
    expect(nanjing.parsed.subject).toBe('【江苏精品】每日待办汇总（2026-10-09）：逾期 1 项，5 个工作日内到期 1 项');
    expect(nanjing.parsed.text).toContain('已逾期：\n- 案件 JP-2026-0201：市级审核推荐 / City review，截止 2026年10月8日 17:00\n  https://jingpin.example.gov.cn/tasks/201');
    expect(nanjing.parsed.text).toContain('5 个工作日内到期：\n- 案件 JP-2026-0202');
    expect(nanjing.parsed.text).not.toContain('JP-2026-0203');
    expect(nanjing.parsed.text).not.toContain('JP-2026-0204');

    const suzhou = await waitForMailTo('quality@suzhou.example.cn');
    expect(suzhou.parsed.subject).toBe('[Jiangsu Quality] Daily digest (2026-10-09): 0 overdue, 1 due within 5 working days');
    expect(suzhou.parsed.text).toContain('Overdue:\n(none)');
    expect(suzhou.parsed.text).toContain('- Case JP-2026-0205: 市级审核推荐 / City review, due 12 Oct 2026, 12:00');

    // The same morning's second run queues nothing new.
    await runDailyDigest({
      engine: { searchUserTasks: async () => tasks },
      calendar: async () => weekdayCalendar(),
      contactsOf: (office) => rig.directory.ofOffice(office),
      enqueue: (content, contactId) => enqueueNotification(rig.notifications.queue, content, contactId),
      clock: rig.clock,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.smtp.mails.filter((mail) => mail.parsed.subject?.includes('2026-10-09'))).toEqual([]);
    const { rows } = await rig.db.pool.query(`select recipient from notifications_sent where kind = 'daily-digest' order by recipient`);
    expect(rows).toEqual([{ recipient: 'quality@suzhou.example.cn' }, { recipient: 'zlb@nanjing.example.cn' }]);
  });
});

/** The newest mail to `address`, once it arrived. */
async function waitForMailTo(address: string, ms = 10_000): Promise<ArrivedMail> {
  const until = Date.now() + ms;
  for (;;) {
    const mail = rig.smtp.mails.findLast((m) => m.to.includes(address));
    if (mail) {
      rig.smtp.mails.splice(rig.smtp.mails.indexOf(mail), 1);
      return mail;
    }
    if (Date.now() > until) throw new Error(`no mail to ${address} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
