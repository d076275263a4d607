import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CalendarYearNotPublished } from '../../../domain/calendar/working-day-calendar.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { CampaignExists, CampaignTimetableRefused, openCampaign, planCampaignYear } from '../../../platform/cycle/open-campaign.ts';
import { RuleSetNotLoaded } from '../../../platform/rule-sets/errors.ts';
import { callerOf, only, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { caseStartProblem, conflict, invalidFields, notFound, ProblemError } from '../../problem.ts';
import { BeijingTime, bearer, IsoDateString, problemResponses, Year } from '../../schemas.ts';

const IsoDate = IsoDateString({ description: '日期 YYYY-MM-DD（北京时间）/ date YYYY-MM-DD (Beijing)' });

const Deadlines = Type.Object(
  {
    citySubmission: Type.Optional(IsoDate),
    expertReview: Type.Optional(IsoDate),
    certification: Type.Optional(IsoDate),
    publicity: Type.Optional(IsoDate),
    allianceReport: Type.Optional(IsoDate),
  },
  {
    additionalProperties: false,
    description:
      '省质委办设定的各阶段截止日；未给出的按规则集的工作日数推算 / deadlines the office sets; a stage left out ends as the plan proposes: ' +
      'citySubmission 设区市报送, expertReview 专家比对, certification 认证期, publicity 公示期满, allianceReport 联盟年报（12月31日前，含当日）',
  },
);

const DateOut = Type.String({ description: 'YYYY-MM-DD' });
const Dates = Type.Object({
  noticeDate: DateOut,
  citySubmission: DateOut,
  expertReview: DateOut,
  certification: DateOut,
  publicity: DateOut,
  allianceReport: DateOut,
});

const PlannedStage = Type.Object({
  stage: Type.Union([Type.Literal('citySubmission'), Type.Literal('expertReview'), Type.Literal('certification'), Type.Literal('publicity'), Type.Literal('allianceReport')]),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  ends: DateOut,
  workingDays: Type.Integer({ description: '自上一阶段结束起的工作日数 / working days after the stage before' }),
  from: Type.Union([Type.Literal('NOTICE'), Type.Literal('WORKING_DAYS'), Type.Literal('YEAR_END')]),
});

// A year that cannot be planned says what the office must load first.
function campaignProblem(error: unknown): unknown {
  if (error instanceof RuleSetNotLoaded) return new ProblemError(422, error.message, 'urn:jingpin:problem:no-rule-set');
  if (error instanceof CalendarYearNotPublished) return new ProblemError(422, error.message, 'urn:jingpin:problem:no-calendar');
  if (error instanceof CampaignTimetableRefused) {
    return invalidFields('body', error.problems.map((problem) => ({ field: problem.path, rule: 'timetable', message: `${problem.zh} / ${problem.en}` })));
  }
  if (error instanceof CampaignExists) return conflict(error.message);
  return caseStartProblem(error);
}

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
        body: Type.Object(
          {
            year: Year,
            noticeNumber: Type.Optional(Type.String({ minLength: 3, maxLength: 60 })),
            noticeDate: Type.Optional(IsoDateString({ description: '通知日期，默认今天 / the notice date, today by default' })),
            deadlines: Type.Optional(Deadlines),
            recordingPastYear: Type.Optional(Type.Boolean({ description: '补录往年：允许过去的日期 / recording a past year: dates in the past are accepted' })),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ year: Type.Integer(), processInstanceKey: Type.String(), ruleSetVersion: Type.String(), dates: Dates }), ...problemResponses },
      },
    },
    async (request, reply) => {
      callerOf(request);
      try {
        return reply.code(202).send(await openCampaign({ db: pool, clock, engine }, request.body));
      } catch (error) {
        throw campaignProblem(error);
      }
    },
  );

  app.post(
    '/campaigns/plan',
    {
      config: { access: only('provincial_office') },
      schema: {
        tags: ['campaigns'],
        security: bearer,
        description: '按规则集的各阶段工作日数和节假日推算时间表，不开启年度 / the proposed timetable in working days; opens nothing',
        body: Type.Object({ year: Year, noticeDate: Type.Optional(IsoDate) }, { additionalProperties: false }),
        response: { 200: Type.Object({ year: Type.Integer(), ruleSetVersion: Type.Integer(), dates: Dates, stages: Type.Array(PlannedStage) }), ...problemResponses },
      },
    },
    async (request) => {
      try {
        const { year, ruleSetVersion, dates, stages } = await planCampaignYear({ db: pool, clock }, request.body.year, request.body.noticeDate);
        return { year, ruleSetVersion, dates, stages: [...stages] };
      } catch (error) {
        throw campaignProblem(error);
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
