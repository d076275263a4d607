import type { Pool } from 'pg';
import type { Principal } from '../auth/roles.ts';

/** Who filed an objection: shown only to the roles that decide objections. */
export interface Objector {
  readonly kind: 'UNIT' | 'PERSON';
  readonly name: string;
  readonly contact: string;
}

/** An objection as reviewers read it. */
export interface ObjectionView {
  readonly id: number;
  readonly declarationNumber: string;
  readonly filedAt: Date;
  readonly text: string;
  readonly decision: 'UPHELD' | 'DISMISSED' | null;
  readonly decisionReason: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  /** Null for a caller who may not know who objected. */
  readonly objector: Objector | null;
}

/**
 * The provincial office decides objections (the `decideObjection` task's group), so it alone
 * learns who objected and how to reach him; everyone else who sees the case reads the text only,
 * so an objector need not fear the enterprise he objects to.
 */
export function mayKnowObjector(principal: Principal): boolean {
  return principal.role === 'provincial_office';
}

interface Row {
  id: string;
  declaration_number: string;
  filed_at: Date;
  text: string;
  decision: ObjectionView['decision'];
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  objector_kind: Objector['kind'];
  objector_name: string;
  contact: string;
}

const SELECT = `SELECT id::text, declaration_number, filed_at, text, decision, decision_reason, decided_by, decided_at, objector_kind, objector_name, contact FROM objections`;

function view(row: Row, withObjector: boolean): ObjectionView {
  return {
    id: Number(row.id),
    declarationNumber: row.declaration_number,
    filedAt: row.filed_at,
    text: row.text,
    decision: row.decision,
    decisionReason: row.decision_reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    objector: withObjector ? { kind: row.objector_kind, name: row.objector_name, contact: row.contact } : null,
  };
}

/** The objections to a declaration, oldest first. */
export async function listObjections(db: Pool, declarationNumber: string, options: { withObjector: boolean }): Promise<ObjectionView[]> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE declaration_number = $1 ORDER BY filed_at, id`, [declarationNumber]);
  return rows.map((row) => view(row, options.withObjector));
}

/** The objections of a campaign year (newest first), for the office's list. */
export async function listObjectionsOfYear(db: Pool, year: number | undefined, options: { withObjector: boolean }): Promise<ObjectionView[]> {
  const { rows } = await db.query<Row>(
    `${SELECT} WHERE $1::int IS NULL OR declaration_number IN (SELECT number FROM declarations WHERE campaign_year = $1) ORDER BY filed_at DESC, id DESC LIMIT 500`,
    [year ?? null],
  );
  return rows.map((row) => view(row, options.withObjector));
}

export async function findObjection(db: Pool, id: number, options: { withObjector: boolean }): Promise<ObjectionView | undefined> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE id = $1`, [id]);
  return rows[0] && view(rows[0], options.withObjector);
}
