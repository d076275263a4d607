import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { UnknownCampaignYear } from '../../../domain/campaign/rule-set-for.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { CampaignExists, openCampaign } from '../../../platform/cycle/open-campaign.ts';
import { callerOf, only, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { caseStartProblem, conflict, notFound, ProblemError } from '../../problem.ts';
import { BeijingTime, bearer, problemResponses, Year } from '../../schemas.ts';

const Campaign = Type.Object({
  year: Type.Integer(),
  noticeNumber: Type.String(),
  status: Type.String(),
  timetable: Type.Record(Type.String(), Type.String(), { description: '各阶段截止时间，北京时间 / stage deadlines, Beijing time' }),
  openedAt: BeijingTime,
  announcedAt: Type.Union([BeijingTime, Type.Null()]),
  announcementNumber: Type.Union([Type.String(), Type.Null()]),
});

interface CampaignRow {
  year: number;
  noticeNumber: string;
  status: string;
  timetable: Record<string, string>;
  openedAt: Date;
  announcedAt: Date | null;
  announcementNumber: string | null;
}

const SELECT = `SELECT year, notice_number AS "noticeNumber", status, timetable, opened_at AS "openedAt", announced_at AS "announcedAt",
  announcement_number AS "announcementNumber" FROM campaigns`;

function view(row: CampaignRow) {
  return {
    ...row,
    timetable: Object.fromEntries(Object.entries(row.timetable).map(([k, v]) => [k, beijingIso(v)])),
    openedAt: beijingIso(row.openedAt),
    announcedAt: row.announcedAt ? beijingIso(row.announcedAt) : null,
  };
}

/**
 * Campaigns: the provincial office opens a year's campaign from its rule set (starting the
 * annual-campaign process, whose first task computes the timetable); everyone signed in reads
 * them, the timetable in Beijing time.
 */
export const campaignRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock, engine }) => {
  app.post(
    '/campaigns',
    {
      config: { access: only('provincial_office') },
      schema: {
        tags: ['campaigns'],
        security: bearer,
        body: Type.Object({ year: Year, noticeNumber: Type.Optional(Type.String({ minLength: 3, maxLength: 60 })) }, { additionalProperties: false }),
        response: { 202: Type.Object({ year: Type.Integer(), processInstanceKey: Type.String(), ruleSetVersion: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      callerOf(request);
      try {
        return reply.code(202).send(await openCampaign({ db: pool, clock, engine }, request.body));
      } catch (error) {
        if (error instanceof UnknownCampaignYear) throw new ProblemError(422, error.message, 'urn:jingpin:problem:no-rule-set');
        if (error instanceof CampaignExists) throw conflict(error.message);
        throw caseStartProblem(error);
      }
    },
  );

  app.get(
    '/campaigns',
    { config: { access: rolesExcept() }, schema: { tags: ['campaigns'], security: bearer, response: { 200: Type.Array(Campaign), ...problemResponses } } },
    async () => (await pool.query<CampaignRow>(`${SELECT} ORDER BY year DESC`)).rows.map(view),
  );

  app.get(
    '/campaigns/:year',
    {
      config: { access: rolesExcept() },
      schema: { tags: ['campaigns'], security: bearer, params: Type.Object({ year: Year }), response: { 200: Campaign, ...problemResponses } },
    },
    async (request) => {
      const row = (await pool.query<CampaignRow>(`${SELECT} WHERE year = $1`, [request.params.year])).rows[0];
      if (!row) throw notFound(`campaign ${request.params.year}`);
      return view(row);
    },
  );
};
