import type { Pool, PoolClient } from 'pg';

/** A member unit's opinion on a city's batch (成员单位意见). */
export interface MemberOpinion {
  readonly unit: string;
  readonly opinion: string;
}

/** One declaration the city decided in a batch. */
export interface BatchDeclaration {
  readonly declarationNumber: string;
  readonly recommended: boolean;
  readonly reason: string;
}

export interface NewCityBatch {
  readonly campaignYear: number;
  readonly cityCode: string;
  readonly submittedBy: string;
  readonly submittedAt: Date;
  readonly note: string | null;
  readonly memberOpinions: readonly MemberOpinion[];
  readonly declarations: readonly (BatchDeclaration & { readonly userTaskKey: string })[];
}

export interface CityBatch {
  readonly id: number;
  readonly campaignYear: number;
  readonly cityCode: string;
  readonly submittedBy: string;
  readonly submittedAt: Date;
  readonly note: string | null;
  readonly memberOpinions: readonly MemberOpinion[];
  readonly declarations: readonly (BatchDeclaration & { readonly completedAt: Date | null })[];
}

/** One row of Attachment 4: a recommended declaration with what the summary table shows of it. */
export interface RecommendedRow {
  readonly declarationNumber: string;
  readonly enterpriseName: string;
  readonly creditCode: string;
  readonly productName: string;
  readonly category: 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';
  readonly countyCode: string;
  readonly countyOpinion: string | null;
  readonly cityOpinion: string;
}

/** The declarations among `numbers` that some batch already decided. */
export async function numbersInBatches(db: Pool | PoolClient, numbers: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ number: string; batch: string }>(
    'SELECT declaration_number AS number, batch_id::text AS batch FROM city_batch_declarations WHERE declaration_number = ANY($1::text[])',
    [numbers],
  );
  return new Map(rows.map((r) => [r.number, Number(r.batch)]));
}

/** Writes a batch with its opinions and declarations (not yet completed); returns its id. */
export async function insertCityBatch(db: PoolClient, batch: NewCityBatch): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO city_recommendation_batches (campaign_year, city_code, submitted_by, submitted_at, note) VALUES ($1, $2, $3, $4, $5) RETURNING id::text`,
    [batch.campaignYear, batch.cityCode, batch.submittedBy, batch.submittedAt, batch.note],
  );
  const id = Number(rows[0]!.id);
  // One statement per table, whatever the batch's size.
  await db.query(
    `INSERT INTO city_batch_member_opinions (batch_id, position, unit, opinion)
     SELECT $1, o.ordinality, o.unit, o.opinion FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS o (unit, opinion, ordinality)`,
    [id, batch.memberOpinions.map((o) => o.unit), batch.memberOpinions.map((o) => o.opinion)],
  );
  await db.query(
    `INSERT INTO city_batch_declarations (batch_id, position, declaration_number, recommended, reason, user_task_key)
     SELECT $1, d.ordinality, d.number, d.recommended, d.reason, d.task FROM unnest($2::text[], $3::boolean[], $4::text[], $5::text[]) WITH ORDINALITY AS d (number, recommended, reason, task, ordinality)`,
    [
      id,
      batch.declarations.map((d) => d.declarationNumber),
      batch.declarations.map((d) => d.recommended),
      batch.declarations.map((d) => d.reason),
      batch.declarations.map((d) => d.userTaskKey),
    ],
  );
  return id;
}

export async function markBatchDeclarationCompleted(db: Pool, batchId: number, number: string, at: Date): Promise<void> {
  await db.query('UPDATE city_batch_declarations SET completed_at = $3 WHERE batch_id = $1 AND declaration_number = $2', [batchId, number, at]);
}

/** A batch of the city `cityCode`, or undefined (also when it is another city's). */
export async function findCityBatch(db: Pool, cityCode: string, id: number): Promise<CityBatch | undefined> {
  const { rows } = await db.query<Omit<CityBatch, 'memberOpinions' | 'declarations' | 'id'> & { id: string }>(
    `SELECT id::text, campaign_year AS "campaignYear", city_code AS "cityCode", submitted_by AS "submittedBy", submitted_at AS "submittedAt", note
       FROM city_recommendation_batches WHERE id = $1 AND city_code = $2`,
    [id, cityCode],
  );
  if (!rows[0]) return undefined;
  const opinions = await db.query<MemberOpinion>('SELECT unit, opinion FROM city_batch_member_opinions WHERE batch_id = $1 ORDER BY position', [id]);
  const declarations = await db.query<BatchDeclaration & { completedAt: Date | null }>(
    `SELECT declaration_number AS "declarationNumber", recommended, reason, completed_at AS "completedAt" FROM city_batch_declarations WHERE batch_id = $1 ORDER BY position`,
    [id],
  );
  return { ...rows[0], id: Number(rows[0].id), memberOpinions: opinions.rows, declarations: declarations.rows };
}

/** The city's batches, newest first (without their rows). */
export async function listCityBatches(db: Pool, cityCode: string, year: number | undefined): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text FROM city_recommendation_batches WHERE city_code = $1 AND ($2::integer IS NULL OR campaign_year = $2) ORDER BY submitted_at DESC, id DESC`,
    [cityCode, year ?? null],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The declarations a batch recommended, in the batch's order, with the county's opinion from its
 * preliminary check (none for a declaration that did not come through a county).
 */
export async function recommendedRows(db: Pool, batchId: number): Promise<RecommendedRow[]> {
  const { rows } = await db.query<RecommendedRow>(
    `SELECT b.declaration_number AS "declarationNumber", e.name AS "enterpriseName", e.id AS "creditCode", d.product_name AS "productName",
            d.category, e.county_code AS "countyCode", county.reason AS "countyOpinion", b.reason AS "cityOpinion"
       FROM city_batch_declarations b
       JOIN declarations d ON d.number = b.declaration_number
       JOIN enterprises e ON e.id = d.enterprise_id
       LEFT JOIN recommendations county ON county.declaration_number = d.number AND county.level = 'COUNTY'
      WHERE b.batch_id = $1 AND b.recommended
      ORDER BY b.position`,
    [batchId],
  );
  return rows;
}
