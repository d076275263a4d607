import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ISO_DATE_TIME_WITH_OFFSET } from '../../../domain/deadlines/beijing-time.ts';
import { CertificationResultRefused, reportCertificationResult } from '../../../platform/cycle/report-certification-result.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, notFound } from '../../problem.ts';
import { bearer, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';

/**
 * A certification body reports its decision on one of its own certifications; the case, waiting
 * for the `certification-result` message, records it and moves on. Another body's certification
 * answers 404.
 */
export const certificationRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock, engine }) => {
  app.post(
    '/certifications/:number/result',
    {
      config: { access: only('certification_body') },
      schema: {
        tags: ['certifications'],
        security: bearer,
        params: NumberParams,
        body: Type.Object(
          {
            certified: Type.Boolean({ description: '是否通过认证 / certified or not' }),
            endedAt: Type.Optional(Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET, maxLength: 40, description: '认证结束时间，带时区 / when certification ended, with offset' })),
            note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ number: DeclarationNumber, certified: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      try {
        const { certified, endedAt, note } = request.body;
        const result = await reportCertificationResult(
          { db: pool, clock, engine },
          { number: request.params.number, bodyId: principal.scope!, certified, ...(endedAt ? { endedAt } : {}), ...(note ? { note } : {}) },
        );
        return reply.code(202).send(result);
      } catch (error) {
        if (error instanceof CertificationResultRefused) throw error.reason === 'NOT_FOUND' ? notFound(`certification ${request.params.number}`) : conflict(error.message);
        throw error;
      }
    },
  );
};
