import { describe, expect, it } from 'vitest';
import type { NotificationContent } from '../../domain/notifications/content.ts';
import type { OfficeRole, PartyRef } from '../../domain/notifications/roles.ts';
import type { Contact } from '../../platform/mail/contacts.ts';
import { RecipientsNotFound, resolveRecipients } from '../../platform/mail/recipients.ts';
import { runJob } from '../../test/notifications/notify-job.ts';
import { notifyWorker, type NotifyPorts } from './notify.ts';

/** The notify task alone, with a directory in memory and a queue that records what it is given. */
function fakePorts(contacts: Contact[], enqueueFails?: Error) {
  const queued: Array<{ content: NotificationContent; contactId: number }> = [];
  const directory = { ofOffice: async (office: PartyRef) => contacts.filter((c) => c.role === office.role && c.scope === office.scope) };
  const ports: NotifyPorts = {
    resolveRecipients: (roles: readonly OfficeRole[], parties: readonly PartyRef[]) => resolveRecipients(directory, roles, parties),
    async enqueue(content, contactId) {
      if (enqueueFails) throw enqueueFails;
      queued.push({ content, contactId });
      return `key-${contactId}`;
    },
  };
  return { ports, queued };
}

const contact = (id: number, role: OfficeRole, scope: string): Contact => ({ id, role, scope, name: `c${id}`, email: `c${id}@example.cn`, language: 'zh', active: true });
const directory = [contact(1, 'city_office', '320100'), contact(2, 'city_office', '320100'), contact(3, 'city_office', '320200'), contact(4, 'supervision_department', '320000'), contact(5, 'certification_body', '007')];
const deadline = '2026-10-13T17:00:00+08:00';

describe('notify', () => {
  it('queues one notification per contact of each role, scoped by the case', async () => {
    const { ports, queued } = fakePorts(directory);
    const outcome = await runJob(notifyWorker(ports), { kind: 'deadline-escalation', recipients: 'city_office, supervision_department' }, { caseNumber: 'JP-1', deadline, cityCode: '320100' });
    expect(outcome).toEqual({ kind: 'complete', variables: {} });
    expect(queued.map((q) => q.contactId)).toEqual([1, 2, 4]);
    expect(queued[0]?.content).toEqual({ kind: 'deadline-escalation', caseNumber: 'JP-1', deadline });
  });

  it('prefers an explicit parties list to scope variables, and names the party whose deadline passed', async () => {
    const { ports, queued } = fakePorts(directory);
    await runJob(notifyWorker(ports), { kind: 'deadline-escalation', recipients: 'city_office', concerning: 'city_office' }, {
      caseNumber: 'JP-1',
      deadline,
      cityCode: '320100',
      parties: [{ role: 'city_office', scope: '320200' }],
    });
    expect(queued).toEqual([{ contactId: 3, content: { kind: 'deadline-escalation', caseNumber: 'JP-1', deadline, concerning: { role: 'city_office', scope: '320200' } } }]);
  });

  it('raises an incident when a role reaches nobody, naming the role and scope', async () => {
    const { ports, queued } = fakePorts(directory);
    const outcome = await runJob(notifyWorker(ports), { kind: 'cnca-report-reminder', recipients: 'certification_body' }, { caseNumber: 'JP-1', deadline, certificationBodyId: '999' });
    expect(outcome).toMatchObject({ kind: 'incident', errorMessage: expect.stringContaining('certification_body 999') });
    expect(queued).toEqual([]);
  });

  it('raises an incident when the case gives no scope for a scoped role', async () => {
    const { ports } = fakePorts(directory);
    const outcome = await runJob(notifyWorker(ports), { kind: 'deadline-reminder', recipients: 'city_office' }, { caseNumber: 'JP-1', deadline });
    expect(outcome).toMatchObject({ kind: 'incident', errorMessage: expect.stringContaining('the case names no scope') });
  });

  it.each([
    [{ kind: 'birthday-greeting', recipients: 'city_office' }],
    [{ kind: 'deadline-reminder', recipients: '' }],
    [{ kind: 'deadline-reminder', recipients: 'city_office, mayor' }],
    [{ kind: 'deadline-reminder', recipients: 'city_office', concerning: 'nobody' }],
  ])('raises an incident for headers the model got wrong: %j', async (headers) => {
    const { ports } = fakePorts(directory);
    expect(await runJob(notifyWorker(ports), headers, { caseNumber: 'JP-1', deadline, cityCode: '320100' })).toMatchObject({
      kind: 'incident',
      errorMessage: expect.stringContaining('invalid notify headers'),
    });
  });

  it('refuses a deadline without an offset, which the engine and Zeebe would read differently', async () => {
    const { ports } = fakePorts(directory);
    expect(await runJob(notifyWorker(ports), { kind: 'deadline-reminder', recipients: 'city_office' }, { caseNumber: 'JP-1', deadline: '2026-10-13T17:00:00', cityCode: '320100' })).toMatchObject({
      kind: 'incident',
      errorMessage: expect.stringContaining('/deadline'),
    });
  });

  it('takes the business key when there is no caseNumber variable, and needs one of the two', async () => {
    const { ports, queued } = fakePorts(directory);
    await runJob(notifyWorker(ports), { kind: 'deadline-reminder', recipients: 'city_office' }, { deadline, cityCode: '320100' }, 'JP-BK');
    expect(queued[0]?.content).toMatchObject({ caseNumber: 'JP-BK' });
    expect(await runJob(notifyWorker(ports), { kind: 'deadline-reminder', recipients: 'city_office' }, { deadline, cityCode: '320100' })).toMatchObject({ kind: 'incident' });
  });

  it('asks for a retry when the queue cannot be reached', async () => {
    const { ports } = fakePorts(directory, new Error('Connection is closed.'));
    expect(await runJob(notifyWorker(ports), { kind: 'deadline-reminder', recipients: 'city_office' }, { caseNumber: 'JP-1', deadline, cityCode: '320100' })).toMatchObject({
      kind: 'retry',
      afterMs: 30_000,
      errorMessage: expect.stringContaining('Connection is closed.'),
    });
  });

  it('is a RecipientsNotFound error the resolver throws, not a generic one', async () => {
    await expect(resolveRecipients({ ofOffice: async () => [] }, ['provincial_office'], [])).rejects.toBeInstanceOf(RecipientsNotFound);
  });
});
