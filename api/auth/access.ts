import { roles, type Principal, type Role } from '../../platform/auth/roles.ts';

/**
 * Who may call a route: `anyone` (no sign-in needed; a token, if sent, is still read) or the
 * roles listed. Every route states one (the app refuses to register a route without); scoped
 * roles are narrowed to their own rows inside the route, where out of scope answers 404.
 */
export type Access = 'anyone' | { readonly roles: readonly Role[] };

/** Every role that signs in, less those given: for routes open to nearly everyone. */
export function rolesExcept(...excluded: Role[]): Access {
  return { roles: roles.filter((role) => !excluded.includes(role)) };
}

export function only(...admitted: Role[]): Access {
  return { roles: admitted };
}

/** One route's rule, as the app recorded it when the route was registered. */
export interface RouteRule {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in caller; null on an `anyone` route called without a token. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route and who may call it, in registration order (the access-matrix test reads it). */
    readonly routeRules: RouteRule[];
  }
}

/** The caller of a route that admits only signed-in roles (its onRequest check ran already). */
export function callerOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new Error('route without a signed-in caller: its access rule admits anyone');
  return request.principal;
}
