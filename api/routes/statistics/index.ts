import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { declarationStatistics } from '../../../platform/cycle/statistics.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { bearer, problemResponses, Year } from '../../schemas.ts';

/** Offices that may read statistics; city and county offices see their own area's. */
export const statisticsReaders = only(
  'provincial_office',
  'member_unit',
  'standardization_institute',
  'standardization_office',
  'alliance_secretariat',
  'supervision_department',
  'city_office',
  'county_office',
);

/** `GET /statistics`: declarations per year, city and stage (closed ones per outcome). */
export const statisticsRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool }) => {
  app.get(
    '/statistics',
    {
      config: { access: statisticsReaders },
      schema: {
        tags: ['statistics'],
        security: bearer,
        querystring: Type.Object(
          { year: Type.Optional(Year), cityCode: Type.Optional(Type.String({ pattern: '^32[0-9]{2}00$' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({ year: Type.Integer(), cityCode: Type.String(), stage: Type.String(), outcome: Type.Union([Type.String(), Type.Null()]), declarations: Type.Integer() }),
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => declarationStatistics(pool, callerOf(request), request.query),
  );
};
