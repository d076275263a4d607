import type { Pool, PoolClient } from 'pg';

/** One decision for the audit trail: who, in which role, when, what, on what, and why. */
export interface AuditEntry {
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  /** process_instance: an engine instance with no case of its own (incident fixes, platform/cycle/incidents.ts). */
  readonly subjectType:
    | 'campaign'
    // A city's batch of recommendations (city_recommendation_batches).
    | 'city_batch'
    | 'declaration'
    | 'certificate'
    | 'certification_body'
    | 'process_instance'
    | 'user'
    // The directory's records (platform/directory/).
    | 'enterprise'
    | 'expert'
    | 'institute'
    | 'member_unit'
    | 'notification_contact'
    | 'rule_set';
  readonly subjectId: string;
  readonly reason?: string | null;
  readonly detail?: Record<string, unknown>;
  readonly at: Date;
}

/** Workers act as this actor when no person is named: the decision is the system's. */
export const SYSTEM_ACTOR = 'jingpin';

/** Appends to the audit trail; call inside the transaction that makes the change it records. */
export async function appendAudit(db: Pool | PoolClient, entry: AuditEntry): Promise<void> {
  if (!entry.actor || !entry.action || !entry.subjectId) {
    throw new Error(`审计记录不完整 / incomplete audit entry: actor, action and subject are required (${entry.action} ${entry.subjectId})`);
  }
  await db.query(
    `INSERT INTO audit_log (at, actor, role, action, subject_type, subject_id, reason, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entry.at, entry.actor, entry.role, entry.action, entry.subjectType, entry.subjectId, entry.reason ?? null, JSON.stringify(entry.detail ?? {})],
  );
}
