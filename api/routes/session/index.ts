import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { endSession, findSession, openSession, sweepSessions, SESSION_IDLE_MS } from '../../../platform/auth/web-sessions.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { callerOf, rolesExcept } from '../../auth/access.ts';
import { cookieOf, CSRF_HEADER, SESSION_COOKIE } from '../../auth/authentication.ts';
import { signIn } from '../../auth/sign-in.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { BeijingTime, problemResponses } from '../../schemas.ts';

const Me = Type.Object({ username: Type.String(), role: Type.String(), scope: Type.Union([Type.String(), Type.Null()]) });

const SessionView = Type.Object({
  user: Me,
  csrfToken: Type.Union([Type.String(), Type.Null()], { description: `状态变更请求须在 ${CSRF_HEADER} 头中带回 / send it back in ${CSRF_HEADER} on every state-changing request` }),
  idleMinutes: Type.Integer(),
});

/**
 * The web pages' sign-in: `POST /session` checks the password as `POST /auth/login` does, and
 * instead of a token sets an HttpOnly, SameSite=Strict cookie (Secure when PUBLIC_BASE_URL is
 * https) naming a server-side session, and answers the session's CSRF token. `GET /session` says
 * who is signed in; `POST /session/end` signs out, ending the session on the server.
 */
export const sessionRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock, config }) => {
  const secure = config.PUBLIC_BASE_URL.startsWith('https:');

  function setCookie(reply: FastifyReply, value: string, maxAgeSeconds: number): void {
    const attributes = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])];
    reply.header('set-cookie', attributes.join('; '));
    // A page that shows who is signed in must never come back from a cache after sign-out.
    reply.header('cache-control', 'no-store');
  }

  app.post(
    '/session',
    {
      config: { access: 'anyone' },
      schema: {
        tags: ['auth'],
        summary: '网页登录（会话 Cookie）/ sign in for the web pages (session cookie)',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = await signIn({ pool, clock }, request, reply, request.body);
      const now = clock.now();
      await sweepSessions(pool, now);
      // A cookie from an earlier sign-in in this browser ends now: one person, one live session per browser.
      const earlier = cookieOf(request, SESSION_COOKIE);
      if (earlier) await endSession(pool, earlier, now);
      const session = await openSession(pool, principal, now);
      setCookie(reply, session.id, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
      request.log.info({ user: principal.username, role: principal.role }, '网页已登录 / signed in on the web');
      return { user: { username: principal.username, role: principal.role, scope: principal.scope }, csrfToken: session.csrfToken, idleMinutes: SESSION_IDLE_MS / 60_000 };
    },
  );

  app.get(
    '/session',
    { config: { access: rolesExcept() }, schema: { tags: ['auth'], summary: '当前会话 / the current session', response: { 200: SessionView, ...problemResponses } } },
    async (request, reply) => {
      const { username, role, scope } = callerOf(request);
      const id = cookieOf(request, SESSION_COOKIE);
      const session = id && request.headers.authorization === undefined ? await findSession(pool, id, clock.now()) : undefined;
      reply.header('cache-control', 'no-store');
      return { user: { username, role, scope }, csrfToken: session?.csrfToken ?? null, idleMinutes: SESSION_IDLE_MS / 60_000 };
    },
  );

  app.post(
    '/session/end',
    {
      config: { access: rolesExcept() },
      schema: { tags: ['auth'], summary: '退出登录：会话在服务器端结束 / sign out: the session ends on the server', response: { 200: Type.Object({ signedOut: Type.Literal(true), at: BeijingTime }), ...problemResponses } },
    },
    async (request, reply) => {
      const now = clock.now();
      const id = cookieOf(request, SESSION_COOKIE);
      if (id) await endSession(pool, id, now);
      setCookie(reply, '', 0);
      request.log.info({ user: callerOf(request).username }, '网页已退出 / signed out on the web');
      return { signedOut: true as const, at: beijingIso(now) };
    },
  );
};
