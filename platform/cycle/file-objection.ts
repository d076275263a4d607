import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { CASE_MESSAGE_TTL_MS, messageNames } from '../../bpmn/contract.ts';
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
 * The audit entry names no objector: the contact details stay in the objections table. With a
 * `limit`, an address that has had `perHour` objections accepted in the last hour is refused.
 */
/** How many objections one address may file in an hour, counting only those accepted. */
export interface ObjectionLimit {
  readonly address: string;
  readonly perHour: number;
}

/** The address has filed its hour's share; the next one is accepted from `retryAt`. */
export interface ObjectionLimitReached {
  readonly limited: true;
  readonly retryAt: Date;
}

const HOUR_MS = 3600_000;

export async function fileObjection(
  deps: { db: Pool; clock: Clock; engine: Pick<EnginePort, 'publishMessage'> },
  objection: Objection,
  limit?: ObjectionLimit,
): Promise<{ objectionId: number } | ObjectionLimitReached | undefined> {
  const at = deps.clock.now();
  const from = limit && createHash('sha256').update(limit.address).digest('hex');
  const filed = await withTransaction(deps.db, async (db): Promise<number | ObjectionLimitReached | undefined> => {
    const { rows: open } = await db.query(`SELECT 1 FROM declarations WHERE number = $1 AND stage = 'PUBLICITY' AND outcome IS NULL FOR SHARE`, [
      objection.declarationNumber,
    ]);
    if (!open[0]) return undefined;
    if (limit && from) {
      // One address's objections are counted one request at a time, whichever process takes them.
      await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`objection-limit:${from}`]);
      const { rows: recent } = await db.query<{ filed_at: Date }>(
        'SELECT filed_at FROM objections WHERE filed_from_sha256 = $1 AND filed_at > $2 ORDER BY filed_at DESC LIMIT $3',
        [from, new Date(at.getTime() - HOUR_MS), limit.perHour],
      );
      if (recent.length >= limit.perHour) return { limited: true, retryAt: new Date(recent[recent.length - 1]!.filed_at.getTime() + HOUR_MS) };
    }
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO objections (declaration_number, filed_at, objector_kind, objector_name, contact, text, filed_from_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [objection.declarationNumber, at, objection.objectorKind, objection.objectorName, objection.contact, objection.text, from ?? null],
    );
    const id = Number(rows[0]!.id);
    await appendAudit(db, { actor: 'public', role: 'public', action: 'objection.filed', subjectType: 'declaration', subjectId: objection.declarationNumber, detail: { objectionId: id }, at });
    return id;
  });
  if (filed === undefined || typeof filed !== 'number') return filed;
  const objectionId = filed;
  await deps.engine.publishMessage({
    name: messageNames.objectionFiled,
    correlationKey: objection.declarationNumber,
    messageId: `${messageNames.objectionFiled}-${objectionId}`,
    timeToLiveMs: CASE_MESSAGE_TTL_MS,
    variables: { objectionId },
  });
  return { objectionId };
}
