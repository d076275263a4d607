import fastifyJwt from '@fastify/jwt';
import type { FastifyRequest } from 'fastify';
import type { JingpinFastify as FastifyInstance } from '../instance.ts';
import { findActiveUser } from '../../platform/auth/users.ts';
import { isRole, type Principal } from '../../platform/auth/roles.ts';
import type { Pool } from '../../platform/db/pool.ts';
import { ProblemError } from '../problem.ts';
import type { Access, RouteRule } from './access.ts';

interface TokenClaims {
  readonly sub: string;
  readonly role: string;
  readonly scope: string | null;
}

/**
 * Signs and checks access tokens, and enforces each route's {@link Access} before the body is
 * even read: no token or a bad one answers 401, a role the route does not admit 403.
 * A token names a user; the user must still be active with the same role and scope, so taking a
 * user's role away takes effect at once, not when his token expires. Installed on the root
 * instance, so its hooks cover every route.
 */
export function installAuthentication(app: FastifyInstance, { secret, ttlSeconds, pool }: { secret: string; ttlSeconds: number; pool: Pool }): void {
    app.register(fastifyJwt, { secret, sign: { expiresIn: ttlSeconds, algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });
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
      const principal = await principalOf(app, pool, request, access === 'anyone');
      request.principal = principal;
      if (access === 'anyone') return;
      if (!principal) throw unauthorized('需要登录 / sign in first: send Authorization: Bearer <token> from POST /auth/login');
      if (!access.roles.includes(principal.role)) {
        throw new ProblemError(403, `角色 ${principal.role} 无权使用此接口 / role ${principal.role} may not use ${request.method} ${request.routeOptions.url}`);
      }
    });
}

/** A signed token for a user who just proved his password. */
export function signToken(app: { jwt: { sign(claims: TokenClaims): string } }, principal: Principal): string {
  const claims: TokenClaims = { sub: String(principal.userId), role: principal.role, scope: principal.scope };
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
  const user = /^\d+$/.test(claims.sub) ? await findActiveUser(pool, Number(claims.sub)) : undefined;
  if (!user || !isRole(claims.role) || user.role !== claims.role || user.scope !== claims.scope) {
    throw unauthorized('用户已停用或角色已变更，请重新登录 / the user was deactivated or changed: sign in again');
  }
  return user;
}

function unauthorized(message: string): ProblemError {
  return new ProblemError(401, message);
}
