import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { NotificationContent } from '../../domain/notifications/content.ts';
import { deadlineKinds } from '../../domain/notifications/kinds.ts';
import { notificationKey } from '../../domain/notifications/notification-key.ts';
import { officeRoles } from '../../domain/notifications/roles.ts';
import type { NotificationQueue } from '../../platform/queue/notification-queue.ts';

/** An office a notification is for or about: its role and its scope. */
export const Party = Type.Object({ role: Type.Union(officeRoles.map((role) => Type.Literal(role))), scope: Type.String({ minLength: 1 }) });
const Item = Type.Object({ caseNumber: Type.String(), taskName: Type.String(), dueDate: Type.String(), userTaskKey: Type.String() });

/**
 * The data of one notification job. It sits in Redis in clear text, so it holds references
 * only: the directory contact's id, the case number, dates; the address and the words are looked
 * up and written when the mail is sent. Fields may only ever be added as optional, since jobs
 * queued by an older jingpin may still be waiting.
 */
export const NotificationJobData = Type.Object({
  notificationKey: Type.String({ minLength: 1 }),
  contactId: Type.Integer({ minimum: 1 }),
  content: Type.Union([
    Type.Object({
      kind: Type.Union(deadlineKinds.map((kind) => Type.Literal(kind))),
      caseNumber: Type.String({ minLength: 1 }),
      deadline: Type.String({ minLength: 10 }),
      concerning: Type.Optional(Party),
    }),
    Type.Object({
      kind: Type.Literal('daily-digest'),
      date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      office: Party,
      overdue: Type.Array(Item),
      dueSoon: Type.Array(Item),
    }),
  ]),
});
export interface NotificationJobData {
  readonly notificationKey: string;
  readonly contactId: number;
  readonly content: NotificationContent;
}

// The schema must accept nothing the domain type does not describe; this fails to compile if it would.
const _schemaFitsDomain = (checked: Static<typeof NotificationJobData>): NotificationJobData => checked;

const check = TypeCompiler.Compile(NotificationJobData);

/** The job data if it is well formed, or the reasons it is not. */
export function parseNotificationJob(data: unknown): { ok: true; data: NotificationJobData } | { ok: false; reason: string } {
  if (check.Check(data)) return { ok: true, data };
  const reason = [...check.Errors(data)].slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`).join('; ');
  return { ok: false, reason };
}

/** The case number a notification is filed under: the case's, or for a digest its office group and date. */
export function caseNumberOf(content: NotificationContent): string {
  return content.kind === 'daily-digest' ? `${content.office.role}:${content.office.scope}/${content.date}` : content.caseNumber;
}

/**
 * Queues one notification for one contact under the key of its business identity, so queuing
 * it again (a repeated task, a replayed job) adds nothing.
 * @returns the key, which is also the job id.
 */
export async function enqueueNotification(queue: NotificationQueue, content: NotificationContent, contactId: number): Promise<string> {
  const key = notificationKey({
    kind: content.kind,
    caseNumber: caseNumberOf(content),
    deadline: content.kind === 'daily-digest' ? content.date : content.deadline,
    contactId,
  });
  const data: NotificationJobData = { notificationKey: key, contactId, content };
  await queue.add(key, data);
  return key;
}
