import type { Pool } from 'pg';
import type { EnterpriseRecord } from '../../domain/directory/records.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { withTransaction } from '../db/pool.ts';
import { DirectoryRefusal, type DirectoryActor } from './save-record.ts';

/**
 * An enterprise's own part of the directory: it registers itself and its county confirms it;
 * later it may change its contacts at once, but a new name waits for the county, because the
 * name is what publicity and the announcement show (`enterprises.name` is always the confirmed one).
 */

/** An enterprise as the offices and the enterprise see it, with what awaits confirmation. */
export interface EnterpriseView {
  readonly id: string;
  readonly name: string;
  readonly pendingName: string | null;
  readonly status: 'REGISTERED' | 'CONFIRMED';
  readonly cityCode: string;
  readonly countyCode: string;
  readonly contactName: string | null;
  readonly contactPhone: string | null;
  readonly email: string | null;
  readonly language: string;
}

export const enterpriseColumns = `id, name, pending_name AS "pendingName", status, city_code AS "cityCode", county_code AS "countyCode",
  contact_name AS "contactName", contact_phone AS "contactPhone", email, language`;

/** The enterprise's request cannot be taken in the state its row is in (409). */
export class EnterpriseStateConflict extends Error {
  override readonly name = 'EnterpriseStateConflict';
}

/** Registers the enterprise as it describes itself; it is REGISTERED until its county confirms. */
export async function registerEnterprise(db: Pool, record: EnterpriseRecord, by: DirectoryActor, at: Date): Promise<EnterpriseView> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<EnterpriseView>(
      `INSERT INTO enterprises (id, name, city_code, county_code, contact_name, contact_phone, email, language, status, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'REGISTERED', $9) ON CONFLICT (id) DO NOTHING RETURNING ${enterpriseColumns}`,
      [record.creditCode, record.name, record.cityCode, record.countyCode, record.contactName ?? null, record.contactPhone ?? null, record.email ?? null, record.language ?? 'zh', at],
    );
    if (!rows[0]) throw new EnterpriseStateConflict(`企业 ${record.creditCode} 已登记 / enterprise ${record.creditCode} is already registered`);
    await appendAudit(client, { ...by, action: 'enterprise.registered', subjectType: 'enterprise', subjectId: record.creditCode, detail: { after: record }, at });
    return rows[0];
  });
}

/** What an enterprise may change about itself; a new name only waits for the county. */
export interface EnterpriseChange {
  readonly name?: string;
  readonly contactName?: string | null;
  readonly contactPhone?: string | null;
  readonly email?: string | null;
  readonly language?: 'zh' | 'en';
}

/** Applies the enterprise's change: contacts at once, a new name as a pending rename. */
export async function changeEnterprise(db: Pool, id: string, change: EnterpriseChange, by: DirectoryActor, at: Date): Promise<EnterpriseView | undefined> {
  return withTransaction(db, async (client) => {
    const before = (await client.query<EnterpriseView>(`SELECT ${enterpriseColumns} FROM enterprises WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!before) return undefined;
    // Before the county's confirmation nothing is public yet: the registration itself is corrected.
    const renameNow = change.name !== undefined && before.status === 'REGISTERED';
    const pendingName = change.name === undefined || renameNow ? before.pendingName : change.name === before.name ? null : change.name;
    const { rows } = await client.query<EnterpriseView>(
      `UPDATE enterprises SET name = $2, pending_name = $3, contact_name = $4, contact_phone = $5, email = $6, language = $7 WHERE id = $1 RETURNING ${enterpriseColumns}`,
      [
        id,
        renameNow ? change.name : before.name,
        pendingName,
        change.contactName !== undefined ? change.contactName : before.contactName,
        change.contactPhone !== undefined ? change.contactPhone : before.contactPhone,
        change.email !== undefined ? change.email : before.email,
        change.language ?? before.language,
      ],
    );
    const after = rows[0]!;
    const action = after.pendingName !== before.pendingName && after.pendingName !== null ? 'enterprise.rename_requested' : 'enterprise.updated';
    await appendAudit(client, { ...by, action, subjectType: 'enterprise', subjectId: id, detail: { before, after }, at });
    return after;
  });
}

/**
 * The county's decision on what awaits it: the registration, a rename, or both. Confirming makes
 * the pending name the name; refusing keeps the confirmed name (a refused registration stays
 * REGISTERED for the enterprise to correct). Only the county the enterprise is in may decide.
 * @returns undefined when the enterprise is not in `countyCode`.
 * @throws {EnterpriseStateConflict} when nothing awaits confirmation.
 */
export async function decideEnterprise(
  db: Pool,
  request: { id: string; countyCode: string; confirm: boolean; reason?: string },
  by: DirectoryActor,
  at: Date,
): Promise<EnterpriseView | undefined> {
  return withTransaction(db, async (client) => {
    const before = (await client.query<EnterpriseView>(`SELECT ${enterpriseColumns} FROM enterprises WHERE id = $1 AND county_code = $2 FOR UPDATE`, [request.id, request.countyCode]))
      .rows[0];
    if (!before) return undefined;
    if (before.status === 'CONFIRMED' && before.pendingName === null) {
      throw new EnterpriseStateConflict(`企业 ${request.id} 没有待确认的登记或更名 / enterprise ${request.id} has no registration or rename awaiting confirmation`);
    }
    if (!request.confirm && !request.reason) {
      throw new DirectoryRefusal([{ field: 'reason', rule: 'required', zh: '不予确认时须说明理由', en: 'a refusal needs a reason' }]);
    }
    const { rows } = request.confirm
      ? await client.query<EnterpriseView>(
          `UPDATE enterprises SET status = 'CONFIRMED', name = coalesce(pending_name, name), pending_name = NULL, confirmed_at = $2, confirmed_by = $3
            WHERE id = $1 RETURNING ${enterpriseColumns}`,
          [request.id, at, by.actor],
        )
      : await client.query<EnterpriseView>(`UPDATE enterprises SET pending_name = NULL WHERE id = $1 RETURNING ${enterpriseColumns}`, [request.id]);
    const after = rows[0]!;
    await appendAudit(client, {
      ...by,
      action: request.confirm ? 'enterprise.confirmed' : 'enterprise.refused',
      subjectType: 'enterprise',
      subjectId: request.id,
      reason: request.reason ?? null,
      detail: { before, after },
      at,
    });
    return after;
  });
}
