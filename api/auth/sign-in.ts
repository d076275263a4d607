import type { FastifyReply, FastifyRequest } from 'fastify';
import { lockedUntil, recordSignInFailure, recordSignInSuccess } from '../../platform/auth/sign-in-throttle.ts';
import { authenticate, type TokenHolder } from '../../platform/auth/users.ts';
import type { Pool } from '../../platform/db/pool.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import { ProblemError } from '../problem.ts';

/**
 * Checks a user name and password for `POST /auth/login` and `POST /session` alike: an account
 * or address locked out after repeated wrong passwords is refused with 429 and Retry-After before
 * the password is even looked at (sign-in-throttle.ts); a wrong password counts against both.
 */
export async function signIn(
  { pool, clock }: { pool: Pool; clock: Clock },
  request: FastifyRequest,
  reply: FastifyReply,
  credentials: { readonly username: string; readonly password: string },
): Promise<TokenHolder> {
  const attempt = { username: credentials.username, address: request.ip };
  const now = clock.now();
  const until = await lockedUntil(pool, attempt, now);
  if (until) {
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    reply.header('retry-after', String(seconds));
    throw new ProblemError(429, `密码错误次数过多，请 ${seconds} 秒后再试 / too many wrong passwords: try again in ${seconds} s`, 'urn:jingpin:problem:sign-in-locked');
  }
  const holder = await authenticate(pool, credentials.username, credentials.password);
  if (!holder) {
    await recordSignInFailure(pool, attempt, now);
    throw new ProblemError(401, '用户名或密码错误 / wrong user name or password');
  }
  await recordSignInSuccess(pool, attempt);
  return holder;
}
