import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { revokeTokens } from '../../../platform/auth/users.ts';
import { rolesExcept, callerOf } from '../../auth/access.ts';
import { signToken } from '../../auth/authentication.ts';
import { signIn } from '../../auth/sign-in.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { bearer, problemResponses } from '../../schemas.ts';

const Me = Type.Object({
  username: Type.String(),
  role: Type.String(),
  scope: Type.Union([Type.String(), Type.Null()]),
});

/**
 * `POST /auth/login` trades a user name and password for a short-lived token (JWT_TTL_SECONDS);
 * `POST /auth/logout` revokes every token of the caller; `GET /auth/me` says who the token
 * belongs to. A wrong name and a wrong password answer the same 401, in the same time; repeated
 * wrong passwords lock the account and the address out for a growing time (api/auth/sign-in.ts).
 */
export const authRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, config, clock }) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'anyone' },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ token: Type.String(), tokenType: Type.Literal('Bearer'), expiresIn: Type.Integer({ description: '秒 / seconds' }), user: Me }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const principal = await signIn({ pool, clock }, request, reply, request.body);
      request.log.info({ user: principal.username, role: principal.role }, '已登录 / signed in');
      return {
        token: signToken(app, principal),
        tokenType: 'Bearer' as const,
        expiresIn: config.JWT_TTL_SECONDS,
        user: { username: principal.username, role: principal.role, scope: principal.scope },
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: rolesExcept() },
      schema: {
        tags: ['auth'],
        summary: '退出登录：此用户已签发的所有令牌与网页会话随即失效 / sign out: every token issued to this user, and his web sessions, stop working now',
        security: bearer,
        response: { 200: Type.Object({ signedOut: Type.Literal(true) }), ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      await revokeTokens(pool, caller.userId, clock.now());
      request.log.info({ user: caller.username }, '已退出登录，令牌已吊销 / signed out; tokens revoked');
      return { signedOut: true as const };
    },
  );

  app.get(
    '/auth/me',
    { config: { access: rolesExcept() }, schema: { tags: ['auth'], security: bearer, response: { 200: Me, ...problemResponses } } },
    async (request) => {
      const { username, role, scope } = callerOf(request);
      return { username, role, scope };
    },
  );
};
