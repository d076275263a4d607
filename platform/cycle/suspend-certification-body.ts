import type { Pool } from 'pg';
import { CASE_MESSAGE_TTL_MS, messageNames } from '../../bpmn/contract.ts';
import { withTransaction } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import type { Clock } from '../engine/clock.ts';
import type { EnginePort } from '../engine/port.ts';

/**
 * Suspends an alliance certification body: it takes no new cases, and
 * each certification it has in progress is told so; the declaration's model hands it to another
 * body. Returns the declarations affected.
 */
export async function suspendCertificationBody(
  deps: { db: Pool; clock: Clock; engine: Pick<EnginePort, 'publishMessage'> },
  request: { bodyId: string; reason: string; decidedBy: string },
): Promise<string[]> {
  const at = deps.clock.now();
  const affected = await withTransaction(deps.db, async (db) => {
    const { rowCount } = await db.query(
      `UPDATE certification_bodies SET status = 'SUSPENDED', suspended_at = $2, suspension_reason = $3 WHERE id = $1`,
      [request.bodyId, at, request.reason],
    );
    if (!rowCount) throw new Error(`认证机构不存在 / no certification body ${request.bodyId}`);
    const { rows } = await db.query<{ declaration_number: string }>(
      `SELECT declaration_number FROM certifications WHERE body_id = $1 AND status = 'IN_PROGRESS' ORDER BY declaration_number`,
      [request.bodyId],
    );
    await appendAudit(db, {
      actor: request.decidedBy,
      role: 'alliance_secretariat',
      action: 'certification_body.suspended',
      subjectType: 'certification_body',
      subjectId: request.bodyId,
      reason: request.reason,
      detail: { certificationsInProgress: rows.map((r) => r.declaration_number) },
      at,
    });
    return rows.map((r) => r.declaration_number);
  });
  for (const number of affected) {
    await deps.engine.publishMessage({
      name: messageNames.certificationBodySuspended,
      correlationKey: number,
      messageId: `${messageNames.certificationBodySuspended}-${request.bodyId}-${number}`,
      timeToLiveMs: CASE_MESSAGE_TTL_MS,
    });
  }
  return affected;
}
