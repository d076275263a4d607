import type { NotificationKind } from './kinds.ts';

/** What makes two notifications the same one: sending it again must send nothing. */
export interface NotificationIdentity {
  readonly kind: NotificationKind;
  /** The case's business key; for a digest, the digest's Beijing date. */
  readonly caseNumber: string;
  /** The deadline (ISO 8601 with offset); for a digest, its Beijing date. */
  readonly deadline: string;
  /** The directory contact the message goes to. */
  readonly contactId: number;
}

/**
 * The key of one notification, used as the BullMQ job id and as the sent log's unique key:
 * `cnca-report-reminder-JP~2d2026~2d0001-20261013T090000Z-c7`. The same deadline written with
 * another offset gives the same key. Free text is escaped (`~` and two hex digits per byte),
 * so two different identities never share a key, and a key never holds `:` (BullMQ forbids it)
 * nor consists of digits only.
 */
export function notificationKey(identity: NotificationIdentity): string {
  return [identity.kind, escape(identity.caseNumber), instant(identity.deadline), `c${identity.contactId}`].join('-');
}

function escape(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_.]/.test(char) ? char : `~${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
}

// A date-time becomes its UTC instant, so +08:00 and Z spellings of one deadline agree;
// a plain date (a digest's day) stays as it is.
function instant(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value.replaceAll('-', '');
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${value}`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
