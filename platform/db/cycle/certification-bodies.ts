import type { Pool, PoolClient } from 'pg';

/**
 * The active body with the fewest certifications in progress, other than `except`: how the
 * secretariat assigns a case when the enterprise did not choose, or hands one over from a
 * suspended body. Ties go to the body id first in order, so the choice is reproducible.
 */
export async function leastLoadedActiveBody(db: Pool | PoolClient, except?: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT b.id FROM certification_bodies b
       LEFT JOIN certifications c ON c.body_id = b.id AND c.status = 'IN_PROGRESS'
      WHERE b.status = 'ACTIVE' AND ($1::text IS NULL OR b.id <> $1)
      GROUP BY b.id ORDER BY count(c.*), b.id LIMIT 1`,
    [except ?? null],
  );
  return rows[0]?.id;
}

/** A body's status in the directory (ACTIVE, SUSPENDED, ...), or undefined when no body has that id. */
export async function bodyStatus(db: Pool | PoolClient, id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ status: string }>('SELECT status FROM certification_bodies WHERE id = $1', [id]);
  return rows[0]?.status;
}

/** An active body and its certifications in progress: what the secretariat weighs when it arranges one. */
export interface BodyLoad {
  readonly id: string;
  readonly name: string;
  readonly inProgress: number;
}

/** Every active body with its certifications in progress, least loaded first (the proposal's order). */
export async function activeBodyLoads(db: Pool | PoolClient): Promise<BodyLoad[]> {
  const { rows } = await db.query<BodyLoad>(
    `SELECT b.id, b.name, count(c.*)::int AS "inProgress" FROM certification_bodies b
       LEFT JOIN certifications c ON c.body_id = b.id AND c.status = 'IN_PROGRESS'
      WHERE b.status = 'ACTIVE' GROUP BY b.id ORDER BY 3, 1`,
  );
  return rows;
}

/** An active body as the enterprise chooses from it: its code and name, no load. */
export interface ActiveBody {
  readonly id: string;
  readonly name: string;
}

/**
 * Every active body by code: the enterprise chooses its body by itself (the notice), so the list
 * neither carries nor is ordered by the bodies' loads, which would steer it.
 */
export async function activeBodies(db: Pool | PoolClient): Promise<ActiveBody[]> {
  const { rows } = await db.query<ActiveBody>(`SELECT id, name FROM certification_bodies WHERE status = 'ACTIVE' ORDER BY id`);
  return rows;
}
