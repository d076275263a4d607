import { randomBytes } from 'node:crypto';
import type { Pool } from '../db/pool.ts';

const NAME = 'token-signing';

/**
 * The secret that signs access tokens: `JWT_SECRET` when it is set, otherwise one jingpin
 * generated (48 random bytes) at its first start and keeps in the database, so every API process
 * of an installation signs alike and no installation signs with a value published anywhere.
 * Two processes starting at once both insert; the first insert wins and both read it back.
 */
export async function tokenSigningSecret(pool: Pool, configured: string | undefined): Promise<string> {
  if (configured !== undefined) return configured;
  await pool.query('INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [NAME, randomBytes(48).toString('base64url')]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [NAME]);
  return rows[0]!.value;
}
