import { processIds } from '../../bpmn/contract.ts';
import { withTransaction } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { EngineConflictError, EngineNotFoundError, type EnginePort } from '../engine/port.ts';
import { NoCaseStart, startCase, type CaseStartDependencies } from './case-starts.ts';

/** Stages after which a declaration can no longer be withdrawn: it is on the way to, or in, the announcement. */
const tooLate = new Set(['PUBLICITY', 'ANNOUNCEMENT', 'CLOSED']);

export class WithdrawalRefused extends Error {
  override readonly name = 'WithdrawalRefused';
}

/**
 * The enterprise withdraws its declaration (outcome WITHDRAWN): the row is closed and audited in
 * one transaction, then its case is cancelled. A case that already ended is left as it is.
 * @throws {WithdrawalRefused} once the declaration is closed or in publicity.
 */
export async function withdrawDeclaration(
  deps: CaseStartDependencies & { engine: Pick<EnginePort, 'cancelInstance'> },
  request: { number: string; reason: string; withdrawnBy: string },
): Promise<{ number: string; outcome: 'WITHDRAWN' }> {
  const at = deps.clock.now();
  const instanceKey = await withTransaction(deps.db, async (db) => {
    const { rows } = await db.query<{ stage: string; process_instance_key: string | null }>(
      'SELECT stage, process_instance_key FROM declarations WHERE number = $1 FOR UPDATE',
      [request.number],
    );
    const row = rows[0];
    if (!row) throw new WithdrawalRefused(`申报不存在 / no declaration ${request.number}`);
    if (tooLate.has(row.stage)) {
      throw new WithdrawalRefused(`申报处于 ${row.stage} 阶段，不能撤回 / declaration ${request.number} is at stage ${row.stage} and can no longer be withdrawn`);
    }
    await db.query(`UPDATE declarations SET outcome = 'WITHDRAWN', stage = 'CLOSED', closed_at = $2 WHERE number = $1`, [request.number, at]);
    await appendAudit(db, {
      actor: request.withdrawnBy,
      role: 'enterprise',
      action: 'declaration.withdrawn',
      subjectType: 'declaration',
      subjectId: request.number,
      reason: request.reason,
      at,
    });
    return row.process_instance_key;
  });
  // A case recorded but not started yet would start after this and run for a closed declaration:
  // it is started now (or its start awaited) so that it can be cancelled.
  const caseKey = instanceKey ?? (await startCase(deps, processIds.declaration, request.number).catch((error: unknown) => {
    if (error instanceof NoCaseStart) return null;
    throw error;
  }));
  if (caseKey) {
    try {
      await deps.engine.cancelInstance(caseKey);
    } catch (error) {
      if (!(error instanceof EngineConflictError || error instanceof EngineNotFoundError)) throw error;
    }
  }
  return { number: request.number, outcome: 'WITHDRAWN' };
}
