import type { Pool } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';

/** Who is trying to sign in: the account named and the address the request came from. */
export interface SignInAttempt {
  readonly username: string;
  readonly address: string;
}

/**
 * Failures allowed before each further one locks the subject out. An address may be an office's
 * whole network behind one proxy, so it is given more room than one account.
 */
const FREE_FAILURES = { user: 5, address: 30 } as const;
/** The longest lock-out: a person who forgot his password is not shut out for the day. */
const MAX_LOCK_MS = 15 * 60_000;

function subjectsOf(attempt: SignInAttempt): { subject: string; free: number }[] {
  return [
    { subject: `user:${attempt.username}`, free: FREE_FAILURES.user },
    { subject: `address:${attempt.address}`, free: FREE_FAILURES.address },
  ];
}

/** How long the lock-out after `failures` failures lasts: 1 s, 2 s, 4 s … up to 15 minutes. */
export function lockMs(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(MAX_LOCK_MS, 1000 * 2 ** Math.min(30, failures - free - 1));
}

/**
 * The time until which this attempt is refused without looking at the password, or null.
 * Kept in PostgreSQL, so every API process refuses alike.
 */
export async function lockedUntil(db: Pool, attempt: SignInAttempt, now: Date): Promise<Date | null> {
  const { rows } = await db.query<{ until: Date | null }>('SELECT max(locked_until) AS until FROM sign_in_failures WHERE subject = ANY($1) AND locked_until > $2', [
    subjectsOf(attempt).map((s) => s.subject),
    now,
  ]);
  return rows[0]?.until ?? null;
}

/** Counts a wrong password against the account and the address; a lock-out it starts is audited. */
export async function recordSignInFailure(db: Pool, attempt: SignInAttempt, now: Date): Promise<void> {
  for (const { subject, free } of subjectsOf(attempt)) {
    const { rows } = await db.query<{ failures: number }>(
      `INSERT INTO sign_in_failures AS f (subject, failures, last_failed_at) VALUES ($1, 1, $2)
       ON CONFLICT (subject) DO UPDATE SET failures = f.failures + 1, last_failed_at = $2
       RETURNING failures`,
      [subject, now],
    );
    const failures = rows[0]!.failures;
    const ms = lockMs(failures, free);
    if (!ms) continue;
    const until = new Date(now.getTime() + ms);
    await db.query('UPDATE sign_in_failures SET locked_until = $2 WHERE subject = $1', [subject, until]);
    await appendAudit(db, {
      actor: attempt.username,
      role: 'anonymous',
      action: 'sign_in.locked',
      subjectType: 'user',
      subjectId: subject,
      reason: `连续 ${failures} 次密码错误 / ${failures} wrong passwords in a row`,
      detail: { address: attempt.address, failures, until: until.toISOString() },
      at: now,
    });
  }
}

/** A right password clears the account's count (the address keeps its own). */
export async function recordSignInSuccess(db: Pool, attempt: SignInAttempt): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE subject = $1', [`user:${attempt.username}`]);
}
