import { Value } from '@sinclair/typebox/value';
import { toBeijingDateTime } from '../deadlines/beijing-time.ts';
import { AuditEntrySchema, type AuditActor, type AuditEntry, type AuditSubject, type AuditSummary } from './audit-entry.ts';

/** What a caller knows when it records something; the builder checks it is enough. */
export interface AuditEntryDraft {
  readonly actor?: Partial<AuditActor> | null;
  readonly action?: string | null;
  readonly subject?: Partial<AuditSubject> | null;
  readonly reason?: string | null;
  readonly before?: AuditSummary;
  readonly after?: AuditSummary;
}

/** The parts an audit entry cannot do without. */
export type RequiredAuditPart = 'actor' | 'action' | 'subject';

const PART_NAMES: Readonly<Record<RequiredAuditPart, string>> = { actor: '操作人', action: '操作', subject: '对象' };

/** An entry without an actor (id and role), an action or a subject (type and id): nobody could answer for it. */
export class IncompleteAuditEntry extends Error {
  override readonly name = 'IncompleteAuditEntry';
  constructor(readonly missing: readonly RequiredAuditPart[]) {
    super(`审计记录缺少${missing.map((m) => PART_NAMES[m]).join('、')} / the audit entry has no ${missing.join(', ')}`);
  }
}

/** An entry whose parts are present but malformed (an unknown role, an action not in dotted form, …). */
export class InvalidAuditEntry extends Error {
  override readonly name = 'InvalidAuditEntry';
  constructor(readonly problems: readonly string[]) {
    super(`审计记录格式不正确 / the audit entry is malformed: ${problems.join('; ')}`);
  }
}

/**
 * Builds an audit entry stamped with `now` in Beijing time. Blank strings count as missing;
 * a blank reason is dropped rather than stored as "". The entry is frozen: the trail is
 * append-only.
 */
export function buildAuditEntry(draft: AuditEntryDraft, now: Date): AuditEntry {
  const actorId = text(draft.actor?.id);
  const action = text(draft.action);
  const subjectType = text(draft.subject?.type);
  const subjectId = text(draft.subject?.id);
  const missing: RequiredAuditPart[] = [];
  if (!actorId || !draft.actor?.role) missing.push('actor');
  if (!action) missing.push('action');
  if (!subjectType || !subjectId) missing.push('subject');
  if (missing.length > 0) throw new IncompleteAuditEntry(missing);

  const name = text(draft.actor?.name);
  const reason = text(draft.reason);
  const entry = {
    actor: { id: actorId, ...(name ? { name } : {}), role: draft.actor?.role },
    at: toBeijingDateTime(now),
    action,
    subject: { type: subjectType, id: subjectId },
    ...(reason ? { reason } : {}),
    ...(draft.before ? { before: { ...draft.before } } : {}),
    ...(draft.after ? { after: { ...draft.after } } : {}),
  };
  if (!Value.Check(AuditEntrySchema, entry)) {
    throw new InvalidAuditEntry([...Value.Errors(AuditEntrySchema, entry)].map((e) => `${e.path}: ${e.message}`));
  }
  return deepFreeze(entry);
}

function text(value: string | null | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner);
  return Object.freeze(value);
}
