import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log.ts';
import { logOnlyTransport } from '../../platform/mail/transport.ts';
import { notifyWorker } from '../../workers/tasks/notify.ts';
import { runJob } from './notify-job.ts';
import { createNotificationRig, eventually, type NotificationRig } from './setup.ts';

/** With no SMTP_URL (the embedded default) mail goes to the sent log and the log, nowhere else. */
describe('without SMTP_URL', () => {
  let rig: NotificationRig;
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );

  beforeEach(async () => {
    lines.length = 0;
    rig = await createNotificationRig({ logger, transport: () => logOnlyTransport(logger) });
  });
  afterEach(() => rig.close());

  it('keeps the message in the sent log and writes it to the log, sending nothing', async () => {
    expect(rig.notifications.mode).toBe('log-only');
    await runJob(notifyWorker(rig.notifications.ports), { kind: 'city-submission-reminder', recipients: 'city_office' }, {
      caseNumber: '2026',
      deadline: '2026-10-13T17:00:00+08:00',
      cityCode: '320100',
    });
    const [row] = await eventually(async () => {
      const { rows } = await rig.db.pool.query('select recipient, subject, body, transport, message_id from notifications_sent');
      return rows.length > 0 && rows;
    });
    expect(row).toMatchObject({ recipient: 'zlb@nanjing.example.cn', transport: 'log-only', message_id: null });
    expect(row.subject).toBe('【江苏精品】报送提醒：请于 2026年10月13日 17:00 前报送 2026 批次推荐材料');
    expect(row.body).toContain('附件4汇总表');

    const logged = lines.find((line) => line['subject'] === row.subject);
    expect(logged).toMatchObject({ to: 'zlb@nanjing.example.cn', text: row.body, msg: expect.stringContaining('SMTP_URL unset') });
    expect(lines.some((line) => String(line['msg']).includes('notifications go to the sent log and the log only'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rig.smtp.mails).toEqual([]);
  });
});
