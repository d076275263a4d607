import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDependencies } from '../dependencies.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  engine: Type.Union([Type.Literal('embedded'), Type.Literal('camunda')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
  /** `log-only` without SMTP_URL: notifications go to the sent log and the log, no mail leaves. */
  mail: Type.Union([Type.Literal('smtp'), Type.Literal('log-only')]),
});

/**
 * `GET /health`: 200 when jingpin can reach its database, 503 when it cannot, so a load
 * balancer or `curl` can tell at a glance. `mail` says whether notifications really leave.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { config, engine, pool }) => {
  const mail = config.SMTP_URL ? 'smtp' : 'log-only';
  app.get('/health', { config: { access: 'anyone' }, schema: { tags: ['health'], response: { 200: Health, 503: Health } } }, async (request, reply) => {
    try {
      await pool.query('select 1');
      return reply.code(200).send({ status: 'ok', engine: engine.kind, database: 'ok', mail });
    } catch (error) {
      request.log.warn({ err: error }, '数据库不可达 / database unreachable');
      return reply.code(503).send({ status: 'unavailable', engine: engine.kind, database: 'unreachable', mail });
    }
  });
};
