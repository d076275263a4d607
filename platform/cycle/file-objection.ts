import type { Pool } from 'pg';
import { messageNames } from '../../bpmn/contract.ts';
import { withTransaction } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import type { Clock } from '../engine/clock.ts';
import type { EnginePort } from '../engine/port.ts';

export interface Objection {
  readonly declarationNumber: string;
  readonly objectorKind: 'UNIT' | 'PERSON';
  readonly objectorName: string;
  readonly contact: string;
  readonly text: string;
}

/**
 * An objection to a declaration on the publicity list: the row and its audit entry in one
 * transaction, then the `objection-filed` message that opens the provincial office's decision
 * task. Undefined when the declaration is not in publicity (to the public it does not exist).
 * The audit entry names no objector: the contact details stay in the objections table.
 */
export async function fileObjection(
  deps: { db: Pool; clock: Clock; engine: Pick<EnginePort, 'publishMessage'> },
  objection: Objection,
): Promise<{ objectionId: number } | undefined> {
  const at = deps.clock.now();
  const objectionId = await withTransaction(deps.db, async (db) => {
    const { rows: open } = await db.query(`SELECT 1 FROM declarations WHERE number = $1 AND stage = 'PUBLICITY' AND outcome IS NULL FOR SHARE`, [
      objection.declarationNumber,
    ]);
    if (!open[0]) return undefined;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO objections (declaration_number, filed_at, objector_kind, objector_name, contact, text) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [objection.declarationNumber, at, objection.objectorKind, objection.objectorName, objection.contact, objection.text],
    );
    const id = Number(rows[0]!.id);
    await appendAudit(db, { actor: 'public', role: 'public', action: 'objection.filed', subjectType: 'declaration', subjectId: objection.declarationNumber, detail: { objectionId: id }, at });
    return id;
  });
  if (objectionId === undefined) return undefined;
  await deps.engine.publishMessage({
    name: messageNames.objectionFiled,
    correlationKey: objection.declarationNumber,
    messageId: `${messageNames.objectionFiled}-${objectionId}`,
    timeToLiveMs: 24 * 3600_000,
    variables: { objectionId },
  });
  return { objectionId };
}
