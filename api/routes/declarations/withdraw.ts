import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findDeclaration } from '../../../platform/cycle/declaration-views.ts';
import { withdrawDeclaration, WithdrawalRefused } from '../../../platform/cycle/withdraw-declaration.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, notFound } from '../../problem.ts';
import { bearer, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';

/** The enterprise withdraws its own declaration, until publicity begins. */
export const withdrawRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock, engine }) => {
  app.post(
    '/declarations/:number/withdraw',
    {
      config: { access: only('enterprise') },
      schema: {
        tags: ['declarations'],
        security: bearer,
        params: NumberParams,
        body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ number: DeclarationNumber, outcome: Type.Literal('WITHDRAWN') }), ...problemResponses },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      if (!(await findDeclaration(pool, principal, request.params.number))) throw notFound(`declaration ${request.params.number}`);
      try {
        return await withdrawDeclaration({ db: pool, clock, engine }, { number: request.params.number, reason: request.body.reason, withdrawnBy: principal.username });
      } catch (error) {
        if (error instanceof WithdrawalRefused) throw conflict(error.message);
        throw error;
      }
    },
  );
};
