import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { findActiveUser } from './users.ts';
import type { Principal } from './roles.ts';

/**
 * How long a web session lasts: it ends after 30 minutes without a request, as the sessions of
 * government service portals commonly do, and in any case 12 hours after sign-in (one working day).
 */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;

/** A session just opened: the cookie value (given to the browser only) and its CSRF token. */
export interface OpenedSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** A live session: whose it is and the CSRF token its state-changing requests must carry. */
export interface LiveSession {
  readonly principal: Principal;
  readonly csrfToken: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const token = () => randomBytes(32).toString('base64url');

/** What a cookie value must look like before it is even looked up: 32 random bytes, base64url. */
export const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** Opens a session for a user who just proved his password. */
export async function openSession(db: Pool, principal: Principal, now: Date): Promise<OpenedSession> {
  const id = token();
  const csrfToken = token();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  await db.query(
    'INSERT INTO web_sessions (id_sha256, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
    [sha256(id), principal.userId, csrfToken, now, expiresAt],
  );
  return { id, csrfToken, expiresAt };
}

/**
 * The live session a cookie names, its idle time restarted; undefined when it never existed, was
 * ended, has been idle too long or is past its end, or its user is no longer active.
 */
export async function findSession(db: Pool, id: string, now: Date): Promise<LiveSession | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  const { rows } = await db.query<{ user_id: string; csrf_token: string }>(
    `UPDATE web_sessions SET last_seen_at = $2
      WHERE id_sha256 = $1 AND ended_at IS NULL AND expires_at > $2 AND last_seen_at > $3
      RETURNING user_id, csrf_token`,
    [sha256(id), now, new Date(now.getTime() - SESSION_IDLE_MS)],
  );
  const row = rows[0];
  if (!row) return undefined;
  const principal = await findActiveUser(db, row.user_id);
  return principal && { principal, csrfToken: row.csrf_token };
}

/** Ends a session (sign-out): the cookie no longer names a live session, whoever holds it. */
export async function endSession(db: Pool, id: string, now: Date): Promise<void> {
  if (!SESSION_ID.test(id)) return;
  await db.query('UPDATE web_sessions SET ended_at = $2 WHERE id_sha256 = $1 AND ended_at IS NULL', [sha256(id), now]);
}

/** Removes sessions that ended or expired more than a day ago, a bounded batch at a time. */
export async function sweepSessions(db: Pool, now: Date): Promise<void> {
  const before = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  await db.query(
    `DELETE FROM web_sessions WHERE id_sha256 IN (
       SELECT id_sha256 FROM web_sessions WHERE expires_at < $1 OR ended_at < $1 ORDER BY expires_at LIMIT 100)`,
    [before],
  );
}

/** Whether the token a request carries is the session's, compared in constant time. */
export function csrfTokenMatches(session: LiveSession, sent: string | undefined): boolean {
  if (sent === undefined) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
