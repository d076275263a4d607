import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { caseFile } from '../../../platform/cycle/case-file.ts';
import { declarationDecisions, expertScores, findDeclaration, listDeclarations, type DeclarationSummary } from '../../../platform/cycle/declaration-views.ts';
import { callerOf, only, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound } from '../../problem.ts';
import { CaseFileSchema, caseFileView } from './case-file-view.ts';
import { BeijingTime, bearer, Category, DeclarationNumber, NumberParams, problemResponses, Year } from '../../schemas.ts';

export const Summary = Type.Object({
  number: DeclarationNumber,
  campaignYear: Type.Integer(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  cityCode: Type.String(),
  countyCode: Type.String(),
  productName: Type.String(),
  category: Type.String(),
  channel: Type.String(),
  stage: Type.String(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  submittedAt: BeijingTime,
  closedAt: Type.Union([BeijingTime, Type.Null()]),
});

const nullableTime = (value: Date | null) => (value ? beijingIso(value) : null);

export function summaryView(d: DeclarationSummary) {
  return { ...d, submittedAt: beijingIso(d.submittedAt), closedAt: nullableTime(d.closedAt) };
}

const Detail = Type.Object({
    ...Summary.properties,
    recommendations: Type.Array(Type.Object({ level: Type.String(), recommended: Type.Boolean(), reason: Type.String(), decidedBy: Type.String(), decidedAt: BeijingTime })),
    keyCultivation: Type.Union([
      Type.Object({ rank: Type.Integer(), score: Type.Number(), selected: Type.Union([Type.Boolean(), Type.Null()], { description: '省质委办尚未决定时为 null / null until the provincial office decides' }) }),
      Type.Null(),
    ]),
    standardEvaluation: Type.Union(
      [
        Type.Object({
          verdict: Type.String({ description: '先进性 / advancement' }),
          legitimacy: Type.Union([Type.String(), Type.Null()], { description: '合法性 / legitimacy (null before migration 0025)' }),
          compliance: Type.Union([Type.String(), Type.Null()], { description: '合规性 / compliance (null before migration 0025)' }),
          flags: Type.Array(Type.String()),
          evaluatedAt: BeijingTime,
        }),
        Type.Null(),
      ],
    ),
    certification: Type.Union([Type.Object({ bodyId: Type.String(), status: Type.String(), endedAt: Type.Union([BeijingTime, Type.Null()]) }), Type.Null()]),
    certificate: Type.Union([Type.Object({ number: Type.String(), expiresAt: BeijingTime, status: Type.String() }), Type.Null()]),
    ...Type.Omit(CaseFileSchema, ['recommendations']).properties,
});

/** Submitted declarations, each user seeing only those of his scope (others answer 404). */
export const readRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool }) => {
  app.get(
    '/declarations',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['declarations'],
        security: bearer,
        querystring: Type.Object(
          {
            year: Type.Optional(Year),
            stage: Type.Optional(Type.String({ pattern: '^[A-Z_]{2,40}$' })),
            cityCode: Type.Optional(Type.String({ pattern: '^32[0-9]{2}00$' })),
            category: Type.Optional(Category),
            outcome: Type.Optional(Type.String({ pattern: '^[A-Z_]{2,40}$' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(Summary) }), ...problemResponses },
      },
    },
    async (request) => {
      const paging = { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 };
      const { total, items } = await listDeclarations(pool, callerOf(request), { ...request.query, ...paging });
      return { total, ...paging, items: items.map(summaryView) };
    },
  );

  app.get(
    '/declarations/:number',
    {
      config: { access: rolesExcept('public') },
      schema: { tags: ['declarations'], security: bearer, params: NumberParams, response: { 200: Detail, ...problemResponses } },
    },
    async (request) => {
      const principal = callerOf(request);
      const found = await findDeclaration(pool, principal, request.params.number);
      if (!found) throw notFound(`declaration ${request.params.number}`);
      const [decisions, file] = await Promise.all([declarationDecisions(pool, found.number), caseFile(pool, principal, found.number)]);
      const { processInstanceKey: _key, ...summary } = found;
      return {
        ...summaryView(summary),
        ...caseFileView(file),
        recommendations: decisions.recommendations.map((r) => ({ ...r, decidedAt: beijingIso(r.decidedAt) })),
        keyCultivation: decisions.keyCultivation,
        standardEvaluation: decisions.standardEvaluation && { ...decisions.standardEvaluation, evaluatedAt: beijingIso(decisions.standardEvaluation.evaluatedAt) },
        certification: decisions.certification && { ...decisions.certification, endedAt: nullableTime(decisions.certification.endedAt) },
        certificate: decisions.certificate && { ...decisions.certificate, expiresAt: beijingIso(decisions.certificate.expiresAt) },
      };
    },
  );

  app.get(
    '/declarations/:number/scores',
    {
      config: { access: only('provincial_office', 'supervision_department', 'expert') },
      schema: {
        tags: ['declarations'],
        summary: '专家评分（专家只见本人的）/ expert scores (an expert sees his own)',
        security: bearer,
        params: NumberParams,
        response: {
          200: Type.Array(Type.Object({ expertId: Type.String(), scores: Type.Record(Type.String(), Type.Number()), total: Type.Number(), scoredAt: BeijingTime })),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const found = await findDeclaration(pool, principal, request.params.number);
      if (!found) throw notFound(`declaration ${request.params.number}`);
      const rows = await expertScores(pool, found.number, principal.role === 'expert' ? principal.scope! : undefined);
      return rows.map((r) => ({ ...r, scoredAt: beijingIso(r.scoredAt) }));
    },
  );
};
