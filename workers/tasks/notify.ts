import { Type } from '@sinclair/typebox';
import type { NotificationContent } from '../../domain/notifications/content.ts';
import { isDeadlineKind } from '../../domain/notifications/kinds.ts';
import { casePartiesFrom } from '../../domain/notifications/parties.ts';
import { isOfficeRole, scopeVariables, type OfficeRole, type PartyRef } from '../../domain/notifications/roles.ts';
import { complete, incident, retry } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import { RecipientsNotFound, type Recipient } from '../../platform/mail/recipients.ts';
import { Party } from '../queues/notification-job.ts';

/** What the notify task needs: whom the roles of a case reach, and a queue to put mail on. */
export interface NotifyPorts {
  resolveRecipients(roles: readonly OfficeRole[], parties: readonly PartyRef[]): Promise<Recipient[]>;
  enqueue(content: NotificationContent, contactId: number): Promise<string>;
}

const Scope = Type.Union([Type.String({ minLength: 1 }), Type.Integer()]);
const scopeInputs = Object.fromEntries(Object.values(scopeVariables).map((name) => [name, Type.Optional(Scope)]));

/** A passing fault (Redis away) is tried again after this long. */
const retryAfterMs = 30_000;

/**
 * Task type `notify`: the reminder and escalation tasks of every model. Headers say what
 * (`kind`), to whom (`recipients`, comma-separated roles) and, optionally, whose deadline passed
 * (`concerning`, a role). Variables give the deadline, the case number (else the instance's
 * business key) and the parties' scopes, as `parties` or as scope variables such as `cityCode`.
 * The worker only queues the mail, under ids made from the business identity, so a repeated
 * job sends nothing twice.
 */
export function notifyWorker(ports: NotifyPorts) {
  return defineWorker({
    taskType: 'notify',
    description: '提醒与督办通知 / queue reminder and escalation mail',
    input: Type.Object({
      caseNumber: Type.Optional(Type.String({ minLength: 1 })),
      deadline: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$' }),
      parties: Type.Optional(Type.Array(Party)),
      ...scopeInputs,
    }),
    async handler(job) {
      const { kind, recipients = '', concerning } = job.customHeaders;
      const roles = recipients.split(',').map((role) => role.trim()).filter(Boolean);
      const caseNumber = job.variables.caseNumber ?? job.businessKey;
      if (!kind || !isDeadlineKind(kind) || roles.length === 0 || !roles.every(isOfficeRole) || (concerning && !isOfficeRole(concerning))) {
        return incident(`notify 任务头无效 / invalid notify headers on ${job.elementId}: kind=${kind}, recipients=${recipients}, concerning=${concerning}`);
      }
      if (!caseNumber) return incident(`notify 缺少案件号 / notify on ${job.elementId} has no caseNumber variable and no business key`);
      const parties = casePartiesFrom(job.variables.parties ?? [], job.variables);
      const concerningParty = parties.find((party) => party.role === concerning);
      const content: NotificationContent = {
        kind,
        caseNumber,
        deadline: job.variables.deadline,
        ...(concerningParty ? { concerning: concerningParty } : {}),
      };
      try {
        for (const { contact } of await ports.resolveRecipients(roles, parties)) await ports.enqueue(content, contact.id);
        return complete();
      } catch (error) {
        if (error instanceof RecipientsNotFound) return incident(error.message);
        return retry(retryAfterMs, `通知未能入队，稍后重试 / could not queue the notification, retrying: ${(error as Error).message}`);
      }
    },
  });
}
