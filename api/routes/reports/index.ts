import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { bodyReportCsv, certificationBodyReport } from '../../../platform/cycle/body-report.ts';
import { only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { BeijingTime, bearer, problemResponses, Year } from '../../schemas.ts';

const Count = Type.Integer({ minimum: 0 });
const Counts = {
  cases: Count,
  certified: Count,
  notCertified: Count,
  inProgress: Count,
  handedOver: Count,
  cncaOnTime: Count,
  cncaLate: Count,
  cncaOverdue: Count,
  cncaNotYetDue: Count,
  objectionsUpheld: Count,
};
const ReportView = Type.Object({
  year: Type.Integer(),
  asOf: BeijingTime,
  bodies: Type.Array(Type.Object({ bodyId: Type.String(), bodyName: Type.String(), status: Type.String(), ...Counts })),
  totals: Type.Object(Counts),
});
const YearQuery = Type.Object({ year: Year }, { additionalProperties: false });

/** The secretariat reports the bodies' quality and quantity to the provincial office; both read it. */
const reportReaders = only('provincial_office', 'alliance_secretariat');

/** The periodic report per certification body, as JSON and as CSV. */
export const reportRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock }) => {
  app.get(
    '/reports/certification-bodies',
    {
      config: { access: reportReaders },
      schema: {
        tags: ['reports'],
        summary: '认证机构工作质量和数量报告 / the report per certification body: cases, results, CNCA timeliness, objections upheld',
        security: bearer,
        querystring: YearQuery,
        response: { 200: ReportView, ...problemResponses },
      },
    },
    async (request) => {
      const report = await certificationBodyReport(pool, request.query.year, clock.now());
      return { ...report, asOf: beijingIso(report.asOf) };
    },
  );

  app.get(
    '/reports/certification-bodies.csv',
    {
      config: { access: reportReaders },
      schema: { tags: ['reports'], security: bearer, querystring: YearQuery, produces: ['text/csv'], response: { 200: Type.String(), ...problemResponses } },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="certification-bodies-${request.query.year}.csv"`)
        .send(bodyReportCsv(await certificationBodyReport(pool, request.query.year, clock.now()))),
  );
};
