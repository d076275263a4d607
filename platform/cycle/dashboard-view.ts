import { Type, type Static, type TSchema } from '@sinclair/typebox';

// The provincial office's dashboard of one campaign (GET /dashboard): its schema, from which the
// service's types come, so the route's answer and the service cannot drift apart.

const BeijingTime = Type.String({ description: 'ISO 8601, 北京时间 / Beijing time (+08:00)' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Case = {
  number: Type.String(),
  enterpriseName: Type.String(),
  cityCode: Type.String(),
  productName: Type.String(),
};

export const DashboardSchema = Type.Object({
  year: Type.Integer(),
  status: Type.String({ description: '年度状态 / campaign status' }),
  noticeNumber: Type.String(),
  timetable: Type.Record(Type.String(), BeijingTime, { description: '各阶段截止时间 / stage deadlines' }),
  /** Beijing time at which the numbers were read. */
  asOf: BeijingTime,
  cities: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() }), { description: '江苏13个设区市 / Jiangsu\'s 13 cities' }),
  counts: Type.Array(
    Type.Object({ cityCode: Type.String(), stage: Type.String(), declarations: Type.Integer() }),
    { description: '各设区市各阶段的申报数（已结束的为 CLOSED）/ declarations per city and stage (closed ones as CLOSED)' },
  ),
  late: Type.Object({
    citySubmissionsMissed: Type.Array(
      Type.Object({ ...Case, level: Type.Union([Type.Literal('COUNTY'), Type.Literal('CITY')]), closedAt: BeijingTime }),
      { description: '报送截止时县或市未办理、因而结案的申报 / closed because the county or city had not acted by the city submission deadline' },
    ),
    cncaOverdue: Type.Array(
      Type.Object({ ...Case, bodyId: Type.String(), bodyName: Type.String(), dueAt: BeijingTime, escalatedAt: Nullable(BeijingTime) }),
      { description: '认证机构逾期未报送认监委 / certified, not reported to CNCA by its deadline' },
    ),
    corrections: Type.Array(
      Type.Object({ ...Case, taskKey: Type.String(), dueAt: Nullable(BeijingTime), overdue: Type.Boolean(), workingDaysLeft: Nullable(Type.Integer()), endingSoon: Type.Boolean() }),
      { description: '进行中的补正，期限最近的在前 / open corrections, soonest deadline first' },
    ),
  }),
  keyCultivation: Type.Array(
    Type.Object({ ...Case, rank: Type.Integer(), score: Type.Number(), selected: Nullable(Type.Boolean()) }),
    { description: '重点培育名单（排名）；selected 为 null 表示省质委办尚未决定 / the key-cultivation ranking; selected null until decided' },
  ),
  publicity: Type.Array(
    Type.Object({ ...Case, stage: Type.String(), outcome: Nullable(Type.String()), objections: Type.Integer(), undecided: Type.Integer() }),
    { description: '进入公示的申报及其异议数 / the declarations in (or through) publicity with their objections' },
  ),
  objections: Type.Array(
    Type.Object({
      id: Type.Integer(),
      number: Type.String(),
      enterpriseName: Type.String(),
      productName: Type.String(),
      filedAt: BeijingTime,
      objectorKind: Type.String(),
      text: Type.String(),
      decision: Nullable(Type.String()),
      decidedAt: Nullable(BeijingTime),
    }),
  ),
  announcement: Type.Object({
    number: Nullable(Type.String()),
    announcedAt: Nullable(BeijingTime),
    announced: Type.Integer({ description: '已公告的申报数 / declarations announced' }),
  }),
});

export type Dashboard = Static<typeof DashboardSchema>;
