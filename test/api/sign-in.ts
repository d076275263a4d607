import type { Pool } from 'pg';
import type { App } from '../../api/app.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { addUser } from '../../platform/auth/users.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** One user the browser tests sign in as: user name, role and scope. */
export type TestUser = readonly [username: string, role: Role, scope: string | null];

/** Creates (or replaces) each user, with the test password, his user name as his display name. */
export async function addTestUsers(pool: Pool, users: readonly TestUser[]): Promise<void> {
  for (const [username, role, scope] of users) {
    await addUser(pool, { username, displayName: username, role, scope, password: TEST_PASSWORD }, { at: new Date(), replace: true });
  }
}

/** The Authorization header of a user signed in through POST /auth/login. */
export interface SignedIn {
  readonly username: string;
  readonly role: Role;
  readonly scope: string | null;
  readonly token: string;
  readonly headers: { authorization: string };
}

/** Creates a user of `role` (and `scope`) and signs him in through the API, as a client would. */
export async function signIn(app: App, pool: Pool, role: Role, scope: string | null = null, username?: string): Promise<SignedIn> {
  const name = username ?? `${role.replace(/_/g, '-')}${scope ? `-${scope.toLowerCase()}` : ''}`;
  await addUser(pool, { username: name, displayName: name, role, scope, password: TEST_PASSWORD }, { at: new Date(), replace: true });
  const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: name, password: TEST_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${name} failed: ${response.statusCode} ${response.body}`);
  const token = response.json<{ token: string }>().token;
  return { username: name, role, scope, token, headers: { authorization: `Bearer ${token}` } };
}
