import type { Pool, PoolClient } from '../db/pool.ts';

/** A notification that failed for good, as the office sees it. */
export interface DeadLetter {
  readonly id: number;
  readonly jobId: string;
  readonly notificationKey: string;
  readonly kind: string;
  readonly caseNumber: string;
  readonly contactId: number;
  readonly recipientName: string;
  readonly recipient: string;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: Date;
  readonly resentAt: Date | null;
  readonly resendJobId: string | null;
}

export interface NewDeadLetter {
  readonly jobId: string;
  readonly notificationKey: string;
  readonly kind: string;
  readonly caseNumber: string;
  readonly contactId: number;
  readonly payload: object;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: Date;
}

const columns = `d.id::int as id, d.job_id as "jobId", d.notification_key as "notificationKey", d.kind,
  d.case_number as "caseNumber", d.contact_id::int as "contactId", c.name as "recipientName", c.email as recipient,
  d.error, d.attempts, d.failed_at as "failedAt", d.resent_at as "resentAt", d.resend_job_id as "resendJobId"`;

/** Keeps a failed notification; a second report of the same job (a replayed failure) changes nothing. */
export async function addDeadLetter(pool: Pool, letter: NewDeadLetter): Promise<void> {
  await pool.query(
    `insert into notification_dead_letters
       (job_id, notification_key, kind, case_number, contact_id, payload, error, attempts, failed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (job_id) do nothing`,
    [letter.jobId, letter.notificationKey, letter.kind, letter.caseNumber, letter.contactId, letter.payload, letter.error, letter.attempts, letter.failedAt],
  );
}

/** Dead letters newest first: only those not resent yet, unless `includeResent`. */
export async function listDeadLetters(pool: Pool, { includeResent = false } = {}): Promise<DeadLetter[]> {
  const { rows } = await pool.query<DeadLetter>(
    `select ${columns} from notification_dead_letters d join notification_contacts c on c.id = d.contact_id
      ${includeResent ? '' : 'where d.resent_at is null'} order by d.failed_at desc, d.id desc`,
  );
  return rows;
}

/** One dead letter with its queued payload, locked for the rest of the transaction. */
export async function lockDeadLetter(client: PoolClient, id: number): Promise<(DeadLetter & { payload: object }) | undefined> {
  const { rows } = await client.query<DeadLetter & { payload: object }>(
    `select ${columns}, d.payload from notification_dead_letters d join notification_contacts c on c.id = d.contact_id
      where d.id = $1 for update of d`,
    [id],
  );
  return rows[0];
}

export async function markResent(client: PoolClient, id: number, resendJobId: string, at: Date): Promise<void> {
  await client.query('update notification_dead_letters set resent_at = $2, resend_job_id = $3 where id = $1', [id, at, resendJobId]);
}
