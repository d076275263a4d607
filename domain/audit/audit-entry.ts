import { Type, type Static } from '@sinclair/typebox';
import { ISO_DATE_TIME_WITH_OFFSET } from '../deadlines/beijing-time.ts';

const Identifier = Type.String({ minLength: 1, pattern: '\\S' });

/**
 * Who may act (ARCHITECTURE.md "Identity and access", DOMAIN §3), spelt as the office roles of
 * domain/notifications/roles.ts so one role has one name across jingpin, plus `expert`,
 * `public`, `system_administrator`, and `system` for what a worker decides by rule (a deadline
 * computed, a panel drawn), so nothing is recorded anonymously.
 */
export const AuditRoleSchema = Type.Union([
  Type.Literal('provincial_office'),
  Type.Literal('member_unit'),
  Type.Literal('city_office'),
  Type.Literal('county_office'),
  Type.Literal('expert'),
  Type.Literal('standardization_institute'),
  Type.Literal('alliance_secretariat'),
  Type.Literal('certification_body'),
  Type.Literal('enterprise'),
  Type.Literal('supervision_department'),
  Type.Literal('public'),
  Type.Literal('system_administrator'),
  Type.Literal('system'),
]);

/**
 * A short, flat summary of state before or after the change (ids, statuses, dates, scores): the
 * audit trail explains, the domain tables hold the data. Flat values keep it readable in a table
 * and keep personal data out by construction of what callers choose to put in.
 */
export const AuditSummarySchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]));

/** One entry of the append-only audit trail: who, in which role, when, did what to what, and why. */
export const AuditEntrySchema = Type.Object({
  actor: Type.Object({ id: Identifier, name: Type.Optional(Type.String()), role: AuditRoleSchema }),
  /** When, as an ISO date-time in Beijing time (+08:00). */
  at: Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET }),
  /** Dotted lower-case verb phrase, e.g. "panel.drawn", "credit.decided", so actions group by prefix. */
  action: Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' }),
  /** What was acted on, e.g. { type: "declaration", id: "JP-2026-001" }. */
  subject: Type.Object({ type: Identifier, id: Identifier }),
  /** Why, in the actor's own words. */
  reason: Type.Optional(Type.String({ minLength: 1 })),
  before: Type.Optional(AuditSummarySchema),
  after: Type.Optional(AuditSummarySchema),
});

/** An actor's role. */
export type AuditRole = Static<typeof AuditRoleSchema>;
/** A before/after summary. */
export type AuditSummary = Static<typeof AuditSummarySchema>;
/** An audit-trail entry. */
export type AuditEntry = Static<typeof AuditEntrySchema>;
/** Who acted. */
export type AuditActor = AuditEntry['actor'];
/** What was acted on. */
export type AuditSubject = AuditEntry['subject'];
