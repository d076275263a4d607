import { withTransaction, type Pool } from '../db/pool.ts';

/** What the sent log keeps of one notification. */
export interface SentEntry {
  readonly notificationKey: string;
  readonly jobId: string;
  readonly kind: string;
  readonly caseNumber: string;
  readonly contactId: number;
  readonly recipient: string;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
  readonly transport: 'smtp' | 'log-only';
  readonly sentAt: Date;
}

/**
 * Sends at most once per notification key, whatever BullMQ does. The sent-log row is inserted
 * first, in a transaction that stays open while `send` runs: a second sender of the same key
 * waits on the unique index, then finds the row and sends nothing; a failed send rolls the row
 * back, so a retry may send. Only a crash between the SMTP server's "250 OK" and the commit can
 * still send twice, a window of one round trip.
 * @returns 'sent', or 'already-sent' when the key was in the log.
 */
export async function sendOnce(
  pool: Pool,
  entry: SentEntry,
  send: () => Promise<{ messageId: string | null }>,
): Promise<'sent' | 'already-sent'> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into notifications_sent
         (notification_key, job_id, kind, case_number, contact_id, recipient, language, subject, body, transport, sent_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (notification_key) do nothing
       returning id`,
      [entry.notificationKey, entry.jobId, entry.kind, entry.caseNumber, entry.contactId, entry.recipient, entry.language, entry.subject, entry.body, entry.transport, entry.sentAt],
    );
    const id = rows[0]?.id;
    if (id === undefined) return 'already-sent';
    const { messageId } = await send();
    await client.query('update notifications_sent set message_id = $2 where id = $1', [id, messageId]);
    return 'sent';
  });
}

/** The sent log of one case, oldest first. */
export async function sentForCase(pool: Pool, caseNumber: string): Promise<Array<Omit<SentEntry, 'body'> & { messageId: string | null }>> {
  const { rows } = await pool.query(
    `select notification_key as "notificationKey", job_id as "jobId", kind, case_number as "caseNumber",
            contact_id::int as "contactId", recipient, language, subject, transport, message_id as "messageId", sent_at as "sentAt"
       from notifications_sent where case_number = $1 order by id`,
    [caseNumber],
  );
  return rows;
}
