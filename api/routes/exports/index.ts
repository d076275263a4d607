import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { announcedCsv, keyCultivationCsv } from '../../../platform/cycle/lists-csv.ts';
import { callerOf } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { bearer, problemResponses, Year } from '../../schemas.ts';
import { statisticsReaders } from '../statistics/index.ts';

const YearQuery = Type.Object({ year: Year }, { additionalProperties: false });
const Csv = Type.String({ description: 'text/csv; charset=utf-8，带 BOM / with a byte-order mark' });

/**
 * CSV exports: the key-cultivation list (offices; a city or county office gets its own area's
 * rows) and the announced list (public, as the announcement is).
 */
export const exportRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool }) => {
  app.get(
    '/exports/key-cultivation.csv',
    {
      config: { access: statisticsReaders },
      schema: { tags: ['exports'], security: bearer, querystring: YearQuery, produces: ['text/csv'], response: { 200: Csv, ...problemResponses } },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="key-cultivation-${request.query.year}.csv"`)
        .send(await keyCultivationCsv(pool, callerOf(request), request.query.year)),
  );

  app.get(
    '/exports/announced.csv',
    {
      config: { access: 'anyone' },
      schema: { tags: ['exports'], querystring: YearQuery, produces: ['text/csv'], response: { 200: Csv, ...problemResponses } },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="announced-${request.query.year}.csv"`)
        .send(await announcedCsv(pool, request.query.year)),
  );
};
