import type { PoolClient } from 'pg';
import { type FieldProblem, type RecordKind, type RecordOf } from '../../domain/directory/records.ts';
import { appendAudit, type AuditEntry } from '../db/cycle/audit-log.ts';

/** Who changes the directory, for the audit trail: a person (or the CLI's operator) and the role he acts in. */
export interface DirectoryActor {
  readonly actor: string;
  readonly role: string;
}

/** A record the database refuses (a tie to an unknown enterprise, a name already used): the fields and rules. */
export class DirectoryRefusal extends Error {
  override readonly name = 'DirectoryRefusal';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.zh} / ${p.en}`).join('; '));
  }
}

/** What saving did: a new row, a changed one, or nothing (the record was already so). */
export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/** The key a record is known by in its table: what duplicates in an import are found by. */
export function recordKey<K extends RecordKind>(kind: K, record: RecordOf[K]): string {
  switch (kind) {
    case 'enterprise':
      return (record as RecordOf['enterprise']).creditCode;
    case 'contact': {
      const c = record as RecordOf['contact'];
      return `${c.role} ${c.scope} ${c.email.toLowerCase()}`;
    }
    default:
      return (record as { id: string }).id;
  }
}

const subjectOf: Record<RecordKind, AuditEntry['subjectType']> = {
  enterprise: 'enterprise',
  expert: 'expert',
  institute: 'institute',
  certification_body: 'certification_body',
  member_unit: 'member_unit',
  contact: 'notification_contact',
};

/**
 * Creates or changes one record as an office does (an import, a route of the office that owns
 * the kind), with its audit entry, inside the caller's transaction. An enterprise saved so is
 * confirmed: the office is the authority; an enterprise's own registration and renames go
 * through enterprises.ts, where they wait for the county.
 * @throws {DirectoryRefusal} when the record names rows that do not exist or breaks a unique rule.
 */
export async function saveRecord<K extends RecordKind>(db: PoolClient, kind: K, record: RecordOf[K], by: DirectoryActor, at: Date): Promise<SaveOutcome> {
  const before = await currentRow(db, kind, record);
  await checkReferences(db, kind, record, before);
  const outcome = await write(db, kind, record, before, by, at);
  if (outcome !== 'unchanged') {
    await appendAudit(db, {
      actor: by.actor,
      role: by.role,
      action: `${kind}.${outcome}`,
      subjectType: subjectOf[kind],
      subjectId: recordKey(kind, record),
      detail: { before: before ?? null, after: record },
      at,
    });
  }
  return outcome;
}

async function currentRow(db: PoolClient, kind: RecordKind, record: RecordOf[RecordKind]): Promise<Record<string, unknown> | undefined> {
  const sql: Record<RecordKind, string> = {
    enterprise: `SELECT name, city_code AS "cityCode", county_code AS "countyCode", contact_name AS "contactName", contact_phone AS "contactPhone", email, language
                   FROM enterprises WHERE id = $1 FOR UPDATE`,
    expert: `SELECT name, city_code AS "cityCode", employer_id AS "employerCode", employer_name AS "employerName", categories, fields, email, active,
                    coalesce((SELECT json_agg(json_build_object('enterpriseId', t.enterprise_id, 'kind', t.kind) ORDER BY t.enterprise_id, t.kind)
                                FROM expert_ties t WHERE t.expert_id = x.id), '[]') AS ties
               FROM experts x WHERE id = $1 FOR UPDATE`,
    institute: `SELECT name, city_code AS "cityCode", email FROM standardization_institutes WHERE id = $1 FOR UPDATE`,
    certification_body: `SELECT name, alliance_member AS "allianceMember", status, email FROM certification_bodies WHERE id = $1 FOR UPDATE`,
    member_unit: `SELECT name, email FROM member_units WHERE id = $1 FOR UPDATE`,
    contact: `SELECT id::int, name, language, active FROM notification_contacts WHERE role || ' ' || scope || ' ' || lower(email) = $1 FOR UPDATE`,
  };
  const { rows } = await db.query<Record<string, unknown>>(sql[kind], [recordKey(kind, record)]);
  return rows[0];
}

async function checkReferences(db: PoolClient, kind: RecordKind, record: RecordOf[RecordKind], before: Record<string, unknown> | undefined): Promise<void> {
  const problems: FieldProblem[] = [];
  const exists = async (table: string, id: string) => (await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount === 1;
  if (kind === 'expert') {
    for (const [i, tie] of ((record as RecordOf['expert']).ties ?? []).entries()) {
      if (!(await exists('enterprises', tie.enterpriseId))) {
        problems.push({ field: `ties/${i}/enterpriseId`, rule: 'unknown-enterprise', zh: `目录中没有企业 ${tie.enterpriseId}`, en: `no enterprise ${tie.enterpriseId} in the directory` });
      }
    }
  }
  if (kind === 'contact') {
    const { role, scope } = record as RecordOf['contact'];
    const table = role === 'enterprise' ? 'enterprises' : role === 'certification_body' ? 'certification_bodies' : role === 'member_unit' ? 'member_units' : undefined;
    if (table && !(await exists(table, scope))) {
      problems.push({ field: 'scope', rule: 'unknown-scope', zh: `目录中没有${roleNames[role as 'enterprise']} ${scope}`, en: `no ${role.replace('_', ' ')} ${scope} in the directory` });
    }
  }
  if (kind === 'certification_body' && before) {
    const status = (record as RecordOf['certification_body']).status;
    if (status !== undefined && status !== before['status']) {
      problems.push({
        field: 'status',
        rule: 'status-change',
        zh: '已登记认证机构的状态不在目录中更改：暂停请使用 POST /certification-bodies/{id}/suspension，以便移交其认证',
        en: 'a listed body’s status is not changed in the directory: suspend it with POST /certification-bodies/{id}/suspension, which hands over its certifications',
      });
    }
  }
  if (kind === 'member_unit') {
    const { id, name } = record as RecordOf['member_unit'];
    const { rows } = await db.query<{ id: string }>('SELECT id FROM member_units WHERE name = $1 AND id <> $2', [name, id]);
    if (rows[0]) problems.push({ field: 'name', rule: 'duplicate', zh: `名称已由成员单位 ${rows[0].id} 使用`, en: `the name is already used by member unit ${rows[0].id}` });
  }
  if (problems.length > 0) throw new DirectoryRefusal(problems);
}

const roleNames = { enterprise: '企业', certification_body: '认证机构', member_unit: '成员单位' } as const;

function same(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return Object.entries(after).every(([key, value]) => JSON.stringify(before[key] ?? null) === JSON.stringify(value ?? null));
}

async function write(db: PoolClient, kind: RecordKind, record: RecordOf[RecordKind], before: Record<string, unknown> | undefined, by: DirectoryActor, at: Date): Promise<SaveOutcome> {
  switch (kind) {
    case 'enterprise': {
      const e = record as RecordOf['enterprise'];
      const row = { name: e.name, cityCode: e.cityCode, countyCode: e.countyCode, contactName: e.contactName ?? null, contactPhone: e.contactPhone ?? null, email: e.email ?? null, language: e.language ?? 'zh' };
      if (before && same(before, row)) return 'unchanged';
      await db.query(
        `INSERT INTO enterprises (id, name, city_code, county_code, contact_name, contact_phone, email, language, status, registered_at, confirmed_at, confirmed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'CONFIRMED', $9, $9, $10)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, city_code = excluded.city_code, county_code = excluded.county_code, contact_name = excluded.contact_name,
           contact_phone = excluded.contact_phone, email = excluded.email, language = excluded.language, status = 'CONFIRMED',
           confirmed_at = coalesce(enterprises.confirmed_at, excluded.confirmed_at), confirmed_by = coalesce(enterprises.confirmed_by, excluded.confirmed_by)`,
        [e.creditCode, row.name, row.cityCode, row.countyCode, row.contactName, row.contactPhone, row.email, row.language, at, by.actor],
      );
      return before ? 'updated' : 'created';
    }
    case 'expert': {
      const x = record as RecordOf['expert'];
      const ties = [...(x.ties ?? [])].sort((a, b) => a.enterpriseId.localeCompare(b.enterpriseId) || a.kind.localeCompare(b.kind));
      const row = { name: x.name, cityCode: x.cityCode, employerCode: x.employerCode, employerName: x.employerName, categories: x.categories, fields: x.fields ?? [], email: x.email ?? null, active: x.active ?? true, ties };
      if (before && same(before, row)) return 'unchanged';
      await db.query(
        `INSERT INTO experts (id, name, city_code, employer_id, employer_name, categories, fields, email, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, city_code = excluded.city_code, employer_id = excluded.employer_id, employer_name = excluded.employer_name,
           categories = excluded.categories, fields = excluded.fields, email = excluded.email, active = excluded.active`,
        [x.id, row.name, row.cityCode, row.employerCode, row.employerName, row.categories, row.fields, row.email, row.active],
      );
      await db.query('DELETE FROM expert_ties WHERE expert_id = $1', [x.id]);
      await db.query(
        `INSERT INTO expert_ties (expert_id, enterprise_id, kind) SELECT $1, t.enterprise_id, t.kind FROM unnest($2::text[], $3::text[]) AS t (enterprise_id, kind) ON CONFLICT DO NOTHING`,
        [x.id, ties.map((t) => t.enterpriseId), ties.map((t) => t.kind)],
      );
      return before ? 'updated' : 'created';
    }
    case 'institute': {
      const i = record as RecordOf['institute'];
      const row = { name: i.name, cityCode: i.cityCode ?? null, email: i.email ?? null };
      if (before && same(before, row)) return 'unchanged';
      await db.query(
        `INSERT INTO standardization_institutes (id, name, city_code, email) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, city_code = excluded.city_code, email = excluded.email`,
        [i.id, row.name, row.cityCode, row.email],
      );
      return before ? 'updated' : 'created';
    }
    case 'certification_body': {
      const b = record as RecordOf['certification_body'];
      const row = { name: b.name, allianceMember: b.allianceMember, email: b.email ?? null };
      if (before && same(before, row)) return 'unchanged';
      const suspended = b.status === 'SUSPENDED';
      await db.query(
        `INSERT INTO certification_bodies (id, name, alliance_member, email, status, suspended_at, suspension_reason) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, alliance_member = excluded.alliance_member, email = excluded.email`,
        [b.id, row.name, row.allianceMember, row.email, suspended ? 'SUSPENDED' : 'ACTIVE', suspended ? at : null, suspended ? '登记时即为暂停 / listed as suspended' : null],
      );
      return before ? 'updated' : 'created';
    }
    case 'member_unit': {
      const m = record as RecordOf['member_unit'];
      const row = { name: m.name, email: m.email ?? null };
      if (before && same(before, row)) return 'unchanged';
      await db.query(`INSERT INTO member_units (id, name, email) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email`, [
        m.id,
        row.name,
        row.email,
      ]);
      return before ? 'updated' : 'created';
    }
    case 'contact': {
      const c = record as RecordOf['contact'];
      const row = { name: c.name, language: c.language ?? 'zh', active: c.active ?? true };
      if (before && same(before, row)) return 'unchanged';
      if (before) {
        await db.query('UPDATE notification_contacts SET name = $2, language = $3, active = $4 WHERE id = $1', [before['id'], row.name, row.language, row.active]);
        return 'updated';
      }
      await db.query('INSERT INTO notification_contacts (role, scope, name, email, language, active) VALUES ($1, $2, $3, $4, $5, $6)', [
        c.role,
        c.scope,
        row.name,
        c.email,
        row.language,
        row.active,
      ]);
      return 'created';
    }
  }
}
