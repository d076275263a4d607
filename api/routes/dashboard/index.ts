import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { campaignDashboard } from '../../../platform/cycle/dashboard.ts';
import { countsTable, dashboardXlsx, lateTable, tableCsv } from '../../../platform/cycle/dashboard-export.ts';
import { DashboardSchema } from '../../../platform/cycle/dashboard-view.ts';
import { only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound } from '../../problem.ts';
import { bearer, problemResponses, Year } from '../../schemas.ts';

const YearQuery = Type.Object({ year: Year }, { additionalProperties: false });
const Csv = Type.String({ description: 'text/csv; charset=utf-8，带 BOM / with a byte-order mark' });

/**
 * The provincial office's dashboard of one campaign (platform/cycle/dashboard.ts computes it), and
 * its tables as CSV and as one XLSX workbook. The office's alone: it names every city's late cases.
 */
export const dashboardRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, engine, clock }) => {
  const access = only('provincial_office');
  const deps = { db: pool, engine, clock };
  const load = async (year: number) => {
    const found = await campaignDashboard(deps, year);
    if (!found) throw notFound(`campaign ${year}`);
    return found;
  };

  app.get(
    '/dashboard',
    {
      config: { access },
      schema: {
        tags: ['statistics'],
        summary: '省质委办年度看板 / the provincial office\'s campaign dashboard',
        security: bearer,
        querystring: YearQuery,
        response: { 200: DashboardSchema, ...problemResponses },
      },
    },
    async (request) => load(request.query.year),
  );

  const csv = (name: string, table: typeof countsTable) =>
    app.get(
      `/exports/${name}.csv`,
      { config: { access }, schema: { tags: ['exports'], security: bearer, querystring: YearQuery, produces: ['text/csv'], response: { 200: Csv, ...problemResponses } } },
      async (request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}-${request.query.year}.csv"`)
          .send(tableCsv(table(await load(request.query.year)))),
    );
  csv('dashboard-counts', countsTable);
  csv('dashboard-late', lateTable);

  app.get(
    '/exports/dashboard.xlsx',
    {
      config: { access },
      schema: {
        tags: ['exports'],
        summary: '看板的三张表（各市各阶段、逾期、重点培育名单）/ the dashboard\'s three tables as one workbook',
        security: bearer,
        querystring: YearQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="dashboard-${request.query.year}.xlsx"`)
        .send(await dashboardXlsx(await load(request.query.year))),
  );
};
