import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticate } from '../../../platform/auth/users.ts';
import { rolesExcept, callerOf } from '../../auth/access.ts';
import { signToken } from '../../auth/authentication.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { ProblemError } from '../../problem.ts';
import { bearer, problemResponses } from '../../schemas.ts';

const Me = Type.Object({
  username: Type.String(),
  role: Type.String(),
  scope: Type.Union([Type.String(), Type.Null()]),
});

/**
 * `POST /auth/login` trades a user name and password for a short-lived token (JWT_TTL_SECONDS);
 * `GET /auth/me` says who the token belongs to. A wrong name and a wrong password answer the
 * same 401, in the same time.
 */
export const authRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, config }) => {
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
    async (request) => {
      const principal = await authenticate(pool, request.body.username, request.body.password);
      if (!principal) throw new ProblemError(401, '用户名或密码错误 / wrong user name or password');
      request.log.info({ user: principal.username, role: principal.role }, '已登录 / signed in');
      return {
        token: signToken(app, principal),
        tokenType: 'Bearer' as const,
        expiresIn: config.JWT_TTL_SECONDS,
        user: { username: principal.username, role: principal.role, scope: principal.scope },
      };
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
