import type { Pool, PoolClient } from 'pg';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyNobody, verifyPassword } from './passwords.ts';
import { scopeProblem, type Principal, type Role } from './roles.ts';

/** A user to create; the password is hashed here and never stored. */
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope?: string | null;
  readonly password: string;
}

/** A user as listed: never the hash. */
export interface UserView extends Principal {
  readonly displayName: string;
  readonly active: boolean;
}

/** A user could not be created; the message says which rule it broke. */
export class InvalidUser extends Error {
  override readonly name = 'InvalidUser';
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/**
 * Creates a user, or (with `replace`) sets the role, scope, name and password of an existing one;
 * a new password, role or scope revokes the tokens and web sessions he holds.
 * @throws {InvalidUser} for a bad name, scope or password, or a name already taken.
 */
export async function addUser(db: Pool | PoolClient, user: NewUser, options: { at: Date; replace?: boolean }): Promise<UserView> {
  if (!USERNAME.test(user.username)) {
    throw new InvalidUser(`用户名须为 3–64 个小写字母、数字或 . _ - / user name must be 3-64 characters of a-z, 0-9, . _ -: ${user.username}`);
  }
  const problem = scopeProblem(user.role, user.scope);
  if (problem) throw new InvalidUser(problem);
  if (user.password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidUser(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符 / the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  // Replacing a user with the same password, role and scope (a re-seed) keeps his tokens; any
  // change of these revokes them and ends his web sessions.
  const existing = options.replace
    ? (await db.query<{ role: string; scope: string | null; password_hash: string }>('SELECT role, scope, password_hash FROM users WHERE username = $1', [user.username])).rows[0]
    : undefined;
  const unchanged =
    existing !== undefined && existing.role === user.role && existing.scope === (user.scope ?? null) && (await verifyPassword(existing.password_hash, user.password));
  const passwordHash = unchanged ? existing.password_hash : await hashPassword(user.password);
  const conflict = options.replace
    ? `ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role, scope = EXCLUDED.scope, password_hash = EXCLUDED.password_hash, active = true${unchanged ? '' : ', token_generation = users.token_generation + 1'}`
    : 'ON CONFLICT (username) DO NOTHING';
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, role, scope, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) ${conflict} RETURNING id`,
    [user.username, user.displayName, user.role, user.scope ?? null, passwordHash, options.at],
  );
  if (!rows[0]) throw new InvalidUser(`用户名已存在 / user name taken: ${user.username}`);
  if (existing && !unchanged) await db.query('UPDATE web_sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL', [rows[0].id, options.at]);
  return { userId: Number(rows[0].id), username: user.username, displayName: user.displayName, role: user.role, scope: user.scope ?? null, active: true };
}

/** A signed-in user with the generation his tokens must carry. */
export type TokenHolder = Principal & { readonly tokenGeneration: number };

/** The active user with this name and password, or undefined (same time either way). */
export async function authenticate(db: Pool, username: string, password: string): Promise<TokenHolder | undefined> {
  const { rows } = await db.query<{ id: string; role: Role; scope: string | null; password_hash: string; token_generation: number }>(
    'SELECT id, role, scope, password_hash, token_generation FROM users WHERE username = $1 AND active',
    [username],
  );
  const row = rows[0];
  if (!row) return verifyNobody(password).then(() => undefined);
  if (!(await verifyPassword(row.password_hash, password))) return undefined;
  return { userId: Number(row.id), username, role: row.role, scope: row.scope, tokenGeneration: row.token_generation };
}

/** The user a token names (its `sub`, digits), if he is still active. */
export async function findActiveUser(db: Pool, userId: string): Promise<TokenHolder | undefined> {
  const { rows } = await db.query<{ username: string; role: Role; scope: string | null; token_generation: number }>(
    'SELECT username, role, scope, token_generation FROM users WHERE id = $1 AND active',
    [userId],
  );
  const row = rows[0];
  return row && { userId: Number(userId), username: row.username, role: row.role, scope: row.scope, tokenGeneration: row.token_generation };
}

/** Revokes every token and ends every web session the user holds now (he signed out, or his password changed). */
export async function revokeTokens(db: Pool | PoolClient, userId: number, now: Date): Promise<void> {
  await db.query('UPDATE users SET token_generation = token_generation + 1 WHERE id = $1', [userId]);
  await db.query('UPDATE web_sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL', [userId, now]);
}
