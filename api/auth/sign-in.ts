import type { FastifyReply, FastifyRequest } from 'fastify';
import { lockedUntil, recordSignInFailure, recordSignInSuccess } from '../../platform/auth/sign-in-throttle.ts';
import { scopeRuleBroken } from '../../platform/auth/roles.ts';
import { authenticate, type TokenHolder } from '../../platform/auth/users.ts';
import type { Pool } from '../../platform/db/pool.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import { ProblemError } from '../problem.ts';

/**
 * Checks a user name and password for `POST /auth/login` and `POST /session` alike: an account
 * or address locked out after repeated wrong passwords is refused with 429 and Retry-After before
 * the password is even looked at (sign-in-throttle.ts); a wrong password counts against both.
 * The right password on an account whose scope breaks its role's rule answers 403 saying so.
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
  // An account made under earlier rules (a member-unit user from before migration 0029, without
  // his unit) gets no token or session until the office corrects it: it is told what to ask for.
  const broken = scopeRuleBroken(holder.role, holder.scope);
  if (broken) {
    const fix = `echo '<password>' | jingpin users add --replace --username ${holder.username} --role ${holder.role} --scope <…>`;
    throw new ProblemError(
      403,
      `账号 ${holder.username} 须由省质委办补正后才能登录：${broken.zh}（${fix}） / ` +
        `the account ${holder.username} must be corrected by the provincial office before it can sign in: ${broken.en} (${fix})`,
      'urn:jingpin:problem:account-scope',
    );
  }
  return holder;
}
