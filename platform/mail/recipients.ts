import { defaultScope, type OfficeRole, type PartyRef } from '../../domain/notifications/roles.ts';
import type { Contact, ContactDirectory } from './contacts.ts';

/** A contact together with the office it receives mail for. */
export interface Recipient {
  readonly office: PartyRef;
  readonly contact: Contact;
}

/** A role has no scope in the case, or its office has no active contact: a person must fix the directory or the model. */
export class RecipientsNotFound extends Error {
  override readonly name = 'RecipientsNotFound';
}

/**
 * The contacts for `roles` in one case. A role's scope comes from the case's parties (the city
 * of the case, its certification body, …) or, for a province-wide office, from the province.
 * Every role must reach at least one contact, so no reminder is lost in silence.
 * @throws {RecipientsNotFound} naming each role that reaches nobody.
 */
export async function resolveRecipients(
  directory: Pick<ContactDirectory, 'ofOffice'>,
  roles: readonly OfficeRole[],
  parties: readonly PartyRef[],
): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  const problems: string[] = [];
  for (const role of new Set(roles)) {
    const scope = parties.find((party) => party.role === role)?.scope ?? defaultScope(role);
    if (scope === undefined) {
      problems.push(`${role}: 案件未给出其范围 / the case names no scope for it (variable parties)`);
      continue;
    }
    const office = { role, scope };
    const contacts = await directory.ofOffice(office);
    if (contacts.length === 0) problems.push(`${role} ${scope}: 通讯录中没有有效联系人 / no active contact in the directory`);
    recipients.push(...contacts.map((contact) => ({ office, contact })));
  }
  if (problems.length > 0) {
    throw new RecipientsNotFound(`找不到通知对象 / no recipients: ${problems.join('; ')}`);
  }
  return recipients;
}
