import fastifyJwt from '@fastify/jwt';
import fastifyPlugin from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { JingpinFastify as FastifyInstance } from '../instance.ts';
import { tokenSigningSecret } from '../../platform/auth/token-secret.ts';
import { findActiveUser } from '../../platform/auth/users.ts';
import { isRole, type Principal } from '../../platform/auth/roles.ts';
import { csrfTokenMatches, findSession } from '../../platform/auth/web-sessions.ts';
import type { Pool } from '../../platform/db/pool.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import { ProblemError } from '../problem.ts';
import type { Access, RouteRule } from './access.ts';

interface TokenClaims {
  readonly sub: string;
  readonly role: string;
  readonly scope: string | null;
  /** The user's token generation when it was signed: a sign-out or a new password bumps it. */
  readonly gen: number;
}

/** The cookie that names a web session (api/routes/session), and the header carrying its CSRF token. */
export const SESSION_COOKIE = 'jingpin_session';
export const CSRF_HEADER = 'x-csrf-token';

// Methods that change nothing: the only ones a session cookie alone may authorise.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signs and checks access tokens, and enforces each route's {@link Access} before the body is
 * even read: no token or a bad one answers 401, a role the route does not admit 403.
 * A token names a user; the user must still be active with the same role and scope, so taking a
 * user's role away takes effect at once, not when his token expires. Installed on the root
 * instance, so its hooks cover every route.
 *
 * The web pages sign in with a session cookie instead of a token (used only when no
 * Authorization header is sent). A browser sends cookies with requests other sites make, so a
 * state-changing request on a session must also carry the session's CSRF token in
 * `X-CSRF-Token` (a synchronizer token: another site can neither read it nor guess it); without
 * it a route for signed-in roles answers 403, and an `anyone` route runs as for an anonymous caller.
 */
export function installAuthentication(
  app: FastifyInstance,
  { configuredSecret, ttlSeconds, pool, clock }: { configuredSecret: string | undefined; ttlSeconds: number; pool: Pool; clock: Clock },
): void {
    // The secret may have to be generated and stored first (token-secret.ts), so the token
    // plugin is registered once it is known; fastify-plugin keeps its decorations on the root.
    app.register(
      fastifyPlugin(async (root) => {
        const secret = await tokenSigningSecret(pool, configuredSecret);
        await root.register(fastifyJwt, {
          secret,
          sign: { expiresIn: ttlSeconds, algorithm: 'HS256' },
          // A token without an expiry would be good for ever: refused, whoever signed it.
          verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'gen'] },
        });
      }),
    );
    app.decorateRequest('principal', null);
    app.decorate('routeRules', [] as RouteRule[]);

    app.addHook('onRoute', (route) => {
      // Swagger UI's own pages and assets are documentation, open to all.
      if (route.url === '/docs' || route.url.startsWith('/docs/')) route.config = { ...route.config, access: 'anyone' };
      const access: Access | undefined = route.config?.access;
      if (!access) throw new Error(`路由没有访问规则 / route ${String(route.method)} ${route.url} states no access rule (config.access)`);
      for (const method of [route.method].flat()) app.routeRules.push({ method, url: route.url, access });
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access;
      if (!access) return; // no route matched: the not-found handler answers
      const principal = (await principalOf(app, pool, request, access === 'anyone')) ?? (await sessionPrincipalOf(pool, clock, request, access === 'anyone'));
      request.principal = principal;
      if (access === 'anyone') return;
      if (!principal) throw unauthorized('需要登录 / sign in first: send Authorization: Bearer <token> from POST /auth/login');
      if (!access.roles.includes(principal.role)) {
        throw new ProblemError(403, `角色 ${principal.role} 无权使用此接口 / role ${principal.role} may not use ${request.method} ${request.routeOptions.url}`);
      }
    });
}

/** A signed token for a user who just proved his password. */
export function signToken(app: { jwt: { sign(claims: TokenClaims): string } }, principal: Principal & { readonly tokenGeneration: number }): string {
  const claims: TokenClaims = { sub: String(principal.userId), role: principal.role, scope: principal.scope, gen: principal.tokenGeneration };
  return app.jwt.sign(claims);
}

async function principalOf(app: FastifyInstance, pool: Pool, request: FastifyRequest, optional: boolean): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match) {
    if (optional) return null;
    throw unauthorized('Authorization 头格式应为 Bearer <token> / the Authorization header must be Bearer <token>');
  }
  let claims: TokenClaims;
  try {
    claims = app.jwt.verify<TokenClaims>(match[1]!);
  } catch {
    throw unauthorized('令牌无效或已过期，请重新登录 / the token is invalid or expired: sign in again');
  }
  // A user id is a bigint: anything longer than 18 digits is no user's (and would overflow the query).
  const user = /^\d{1,18}$/.test(claims.sub) ? await findActiveUser(pool, claims.sub) : undefined;
  if (!user || !isRole(claims.role) || user.role !== claims.role || user.scope !== claims.scope) {
    throw unauthorized('用户已停用或角色已变更，请重新登录 / the user was deactivated or changed: sign in again');
  }
  if (claims.gen !== user.tokenGeneration) {
    throw unauthorized('令牌已失效（已退出登录或已改密码），请重新登录 / the token was revoked (signed out or password changed): sign in again');
  }
  return { userId: user.userId, username: user.username, role: user.role, scope: user.scope };
}

/** Reads one cookie of the request's Cookie header. */
export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

async function sessionPrincipalOf(pool: Pool, clock: Clock, request: FastifyRequest, optional: boolean): Promise<Principal | null> {
  if (request.headers.authorization !== undefined) return null;
  const id = cookieOf(request, SESSION_COOKIE);
  if (id === undefined) return null;
  const session = await findSession(pool, id, clock.now());
  if (!session) {
    if (optional) return null;
    throw unauthorized('会话已结束，请重新登录 / the session has ended: sign in again');
  }
  if (SAFE_METHODS.has(request.method)) return session.principal;
  const sent = request.headers[CSRF_HEADER];
  if (csrfTokenMatches(session, typeof sent === 'string' ? sent : undefined)) return session.principal;
  if (optional) return null;
  throw new ProblemError(403, `缺少或不符的 CSRF 令牌 / missing or wrong CSRF token: send the session's token in ${CSRF_HEADER}`, 'urn:jingpin:problem:csrf');
}

function unauthorized(message: string): ProblemError {
  return new ProblemError(401, message);
}
