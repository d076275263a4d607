import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FlagRefused, flagStandard, selfDeclaredStandards, standardReview } from '../../../platform/cycle/self-declared-standards.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, notFound } from '../../problem.ts';
import { bearer, DeclarationNumber, NumberParams, problemResponses, Year } from '../../schemas.ts';
import { FlagView, flagView, StandardReviewSchema, standardReviewView } from './views.ts';

const SelfDeclaredView = Type.Object({
  declarationNumber: DeclarationNumber,
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  productName: Type.String(),
  standardCode: Type.String({ description: '企业标准编号 / the enterprise standard' }),
  disclosed: Type.Boolean({ description: '附有自我声明公开证明 / the self-declared disclosure is on file' }),
  stage: Type.String(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  legitimacy: Type.Union([Type.String(), Type.Null()]),
  compliance: Type.Union([Type.String(), Type.Null()]),
  advancement: Type.Union([Type.String(), Type.Null()]),
  flags: Type.Array(FlagView),
});

/** Who sees the standards: the office that supervises them, the institute that judges them, the provincial office. */
const standardReaders = only('standardization_office', 'standardization_institute', 'provincial_office');

/**
 * The standards a product is made to: the self-declared enterprise standards the Standardization
 * Management Office supervises (and flags), and the review the institute judges from.
 */
export const standardRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock }) => {
  app.get(
    '/standards/self-declared',
    {
      config: { access: standardReaders },
      schema: {
        tags: ['standards'],
        summary: '本年度申报所执行的企业标准自我声明 / the self-declared enterprise standards of the year’s declarations',
        security: bearer,
        querystring: Type.Object({ year: Year }, { additionalProperties: false }),
        response: { 200: Type.Array(SelfDeclaredView), ...problemResponses },
      },
    },
    async (request) => (await selfDeclaredStandards(pool, request.query.year)).map((s) => ({ ...s, flags: s.flags.map(flagView) })),
  );

  app.post(
    '/standards/self-declared/:number/flags',
    {
      config: { access: only('standardization_office') },
      schema: {
        tags: ['standards'],
        summary: '标记一项企业标准自我声明并说明理由 / flag a self-declared enterprise standard, with the reason',
        security: bearer,
        params: NumberParams,
        body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 201: FlagView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const flag = await flagStandard(pool, clock, callerOf(request), request.params.number, request.body.reason).catch((error: unknown) => {
        if (error instanceof FlagRefused) throw error.reason === 'NOT_FOUND' ? notFound(`declaration ${request.params.number}`) : conflict(error.message);
        throw error;
      });
      return reply.code(201).send(flagView(flag));
    },
  );

  app.get(
    '/declarations/:number/standard-review',
    {
      config: { access: standardReaders },
      schema: {
        tags: ['standards'],
        summary: '标准评价依据：企业对比表、自动比对建议、标准化管理部门的标记和评价结论 / what the institute judges from, and its judgements',
        security: bearer,
        params: NumberParams,
        response: { 200: StandardReviewSchema, ...problemResponses },
      },
    },
    async (request) => {
      const review = await standardReview(pool, request.params.number);
      if (!review) throw notFound(`declaration ${request.params.number}`);
      return standardReviewView(review);
    },
  );
};
