import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { announcedList } from '../../../platform/cycle/announced-list.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { DeclarationNumber, problemResponses, Year } from '../../schemas.ts';

const Day = Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（北京时间）/ Beijing date' }), Type.Null()]);

const AnnouncedEntry = Type.Object({
  campaignYear: Type.Integer(),
  announcementNumber: Type.Union([Type.String(), Type.Null()], { description: '公告文号 / the announcement number' }),
  number: DeclarationNumber,
  enterpriseName: Type.String(),
  cityCode: Type.String(),
  productName: Type.String(),
  category: Type.String(),
  certificateNumber: Type.Union([Type.String(), Type.Null()]),
  issuedBy: Type.Union([Type.String(), Type.Null()], { description: '发证机构 / the body that issued the certificate' }),
  issuedOn: Day,
  validThrough: Day,
});

/**
 * The announced list (公告) as JSON, open to everyone as the announcement itself is: what the
 * public page shows (the same rows as `/exports/announced.csv`, for every year when none is named).
 */
export const announcedRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool }) => {
  app.get(
    '/announced',
    {
      config: { access: 'anyone' },
      schema: {
        tags: ['publicity'],
        summary: '已公告的江苏精品（可按年度）/ the announced Jiangsu Quality products (optionally of one year)',
        querystring: Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false }),
        response: { 200: Type.Array(AnnouncedEntry), ...problemResponses },
      },
    },
    async (request) => announcedList(pool, request.query.year),
  );
};
