import type { Pool, PoolClient } from 'pg';
import type { Role } from '../../auth/roles.ts';
import { appendAudit } from './audit-log.ts';
import { setStage } from './declarations.ts';

/** Who gave a certification its body: the enterprise by its own choice, or the alliance secretariat. */
export type BodyChosenBy = 'ENTERPRISE' | 'SECRETARIAT';

const roleOf: Record<BodyChosenBy, Role> = { ENTERPRISE: 'enterprise', SECRETARIAT: 'alliance_secretariat' };

/** A body given to a declaration's certification, and who gave it, when and why. */
export interface BodyAssignment {
  readonly declarationNumber: string;
  readonly bodyId: string;
  readonly chosenBy: BodyChosenBy;
  readonly actor: string;
  readonly reason: string;
  /** What the audit entry records beside the body's id. */
  readonly detail?: Record<string, unknown>;
  readonly at: Date;
}

/**
 * Starts the declaration's certification at the body: the certification in progress, the
 * declaration in the CERTIFICATION stage, and the audit entry (certification.body_assigned), all
 * in the caller's transaction. The caller has made sure the body is active and that the
 * declaration has no certification yet; the two ways a body is given differ only there.
 */
export async function assignBody(db: Pool | PoolClient, assignment: BodyAssignment): Promise<void> {
  const { declarationNumber, bodyId, chosenBy } = assignment;
  await db.query(`INSERT INTO certifications (declaration_number, body_id, chosen_by, status) VALUES ($1, $2, $3, 'IN_PROGRESS')`, [declarationNumber, bodyId, chosenBy]);
  await setStage(db, declarationNumber, 'CERTIFICATION');
  await appendAudit(db, {
    actor: assignment.actor,
    role: roleOf[chosenBy],
    action: 'certification.body_assigned',
    subjectType: 'declaration',
    subjectId: declarationNumber,
    reason: assignment.reason,
    detail: { bodyId, ...assignment.detail },
    at: assignment.at,
  });
}
