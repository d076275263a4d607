import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fileObjection } from '../../../platform/cycle/file-objection.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound, ProblemError } from '../../problem.ts';
import { DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';
import { announcedRoutes } from './announced.ts';

const Entry = Type.Object({
  number: DeclarationNumber,
  campaignYear: Type.Integer(),
  enterpriseName: Type.String(),
  cityCode: Type.String(),
  productName: Type.String(),
  category: Type.String(),
});

/**
 * Publicity (公示), open to everyone without signing in: the list of declarations in publicity, and
 * objections to one of them, limited per address (OBJECTION_RATE_LIMIT accepted an hour, counted
 * in the database; the address is the proxy's client address when TRUST_PROXY says so). Only the
 * fields the public list shows are given; the objector's contact stays in the database. The
 * announced list (公告, announced.ts) is registered here too: public as well.
 */
export const publicityRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, dependencies) => {
  const { pool, clock, engine, config } = dependencies;
  await app.register(announcedRoutes, dependencies);

  app.get(
    '/publicity',
    { config: { access: 'anyone' }, schema: { tags: ['publicity'], response: { 200: Type.Array(Entry), ...problemResponses } } },
    async () =>
      (
        await pool.query(
          `SELECT d.number, d.campaign_year AS "campaignYear", e.name AS "enterpriseName", e.city_code AS "cityCode", d.product_name AS "productName", d.category
             FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.stage = 'PUBLICITY' AND d.outcome IS NULL ORDER BY d.number`,
        )
      ).rows,
  );

  app.post(
    '/publicity/:number/objections',
    {
      config: { access: 'anyone' },
      schema: {
        tags: ['publicity'],
        summary: '对公示中的申报提出异议 / object to a declaration in publicity',
        params: NumberParams,
        body: Type.Object(
          {
            objectorKind: Type.Union([Type.Literal('UNIT'), Type.Literal('PERSON')]),
            objectorName: Type.String({ minLength: 2, maxLength: 100 }),
            contact: Type.String({ minLength: 5, maxLength: 200, description: '电话或邮箱，不公开 / phone or e-mail, never published' }),
            text: Type.String({ minLength: 10, maxLength: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ objectionId: Type.Integer(), number: DeclarationNumber }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const filed = await fileObjection(
        { db: pool, clock, engine },
        { declarationNumber: request.params.number, ...request.body },
        { address: request.ip, perHour: config.OBJECTION_RATE_LIMIT },
      );
      if (!filed) throw notFound(`declaration in publicity ${request.params.number}`);
      if ('limited' in filed) {
        const seconds = Math.max(1, Math.ceil((filed.retryAt.getTime() - clock.now().getTime()) / 1000));
        reply.header('retry-after', String(seconds));
        throw new ProblemError(
          429,
          `同一地址每小时最多提出 ${config.OBJECTION_RATE_LIMIT} 条异议，请 ${Math.ceil(seconds / 60)} 分钟后再试 / at most ${config.OBJECTION_RATE_LIMIT} objections an hour from one address: try again in ${Math.ceil(seconds / 60)} minute(s)`,
          'urn:jingpin:problem:objection-limit',
        );
      }
      return reply.code(201).send({ objectionId: filed.objectionId, number: request.params.number });
    },
  );
};
