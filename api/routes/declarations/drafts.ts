import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EligibilityInputSchema } from '../../../domain/eligibility/input-schema.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { declineCarryOver } from '../../../platform/cycle/carry-over.ts';
import { createDraft, DraftRefused, findDraft, listDrafts, submitDraft, updateDraft, type Draft } from '../../../platform/cycle/drafts.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { caseStartProblem, conflict, invalidFields, notFound, ProblemError } from '../../problem.ts';
import { BeijingTime, bearer, Category, DeclarationNumber, problemResponses, Year } from '../../schemas.ts';

// The eligibility input (docs/eligibility-input.schema.json) is a TypeBox schema of its own
// package version; as JSON Schema it checks the facts here exactly as the eligibility task reads them.
const Facts = EligibilityInputSchema as unknown as ReturnType<typeof Type.Object>;

const DraftView = Type.Object({
  id: Type.Integer(),
  campaignYear: Type.Integer(),
  enterpriseId: Type.String(),
  productName: Type.String(),
  category: Type.String(),
  channel: Type.Union([Type.Literal('COUNTY'), Type.Literal('MEMBER_UNIT'), Type.Literal('CARRY_OVER')]),
  memberUnit: Type.Union([Type.String(), Type.Null()]),
  facts: Type.Unknown(),
  status: Type.Union([Type.Literal('DRAFT'), Type.Literal('SUBMITTED'), Type.Literal('DECLINED')]),
  declarationNumber: Type.Union([DeclarationNumber, Type.Null()]),
  carriedFrom: Type.Union([DeclarationNumber, Type.Null()], { description: '结转自上年申报 / the last year\'s declaration a carry-over continues' }),
  declinedReason: Type.Union([Type.String(), Type.Null()], { description: '放弃结转的理由 / why the carry-over was declined' }),
  createdAt: BeijingTime,
  updatedAt: BeijingTime,
});

const ProductName = Type.String({ minLength: 1, maxLength: 200 });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/**
 * The declaration's category and its facts' category are one thing said twice (the list filters
 * by the first, the eligibility rules read the second): they must agree.
 */
function checkCategory(category: string | undefined, facts: unknown): void {
  const factsCategory = facts !== null && typeof facts === 'object' ? (facts as { category?: unknown }).category : undefined;
  if (category === undefined || factsCategory === undefined || factsCategory === category) return;
  throw invalidFields('body', [
    {
      field: '/facts/category',
      rule: 'sameCategory',
      message: `事实中的类别 ${String(factsCategory)} 与申报类别 ${category} 不一致 / the facts' category ${String(factsCategory)} differs from the declaration's ${category}`,
    },
  ]);
}

function view(draft: Draft) {
  return { ...draft, createdAt: beijingIso(draft.createdAt), updatedAt: beijingIso(draft.updatedAt) };
}

function refusal(error: unknown): never {
  if (error instanceof DraftRefused) {
    if (error.reason === 'NO_ENTERPRISE') throw notFound(error.message);
    if (error.reason === 'NOT_A_DRAFT' || error.reason === 'PRODUCT_DECLARED' || error.reason === 'NOT_CARRY_OVER') throw conflict(error.message);
    throw new ProblemError(422, error.message, 'urn:jingpin:problem:campaign-not-open');
  }
  throw caseStartProblem(error);
}

/**
 * Drafts: an enterprise prepares its declaration (a member unit, a supplementary recommendation
 * for an enterprise no city put forward), edits it while it is a draft, and submits it, which
 * numbers it and starts its case.
 */
export const draftRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock, engine }) => {
  app.post(
    '/declarations',
    {
      config: { access: only('enterprise', 'member_unit') },
      schema: {
        tags: ['declarations'],
        summary: '新建申报草稿 / create a declaration draft',
        security: bearer,
        body: Type.Object(
          {
            campaignYear: Year,
            productName: ProductName,
            category: Category,
            facts: Facts,
            enterpriseId: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{18}$', description: '成员单位补充推荐时必填 / required for a member unit' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: DraftView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      const { enterpriseId, ...rest } = request.body;
      checkCategory(rest.category, rest.facts);
      let target: string;
      if (principal.role === 'enterprise') {
        if (enterpriseId !== undefined && enterpriseId !== principal.scope) throw notFound(`enterprise ${enterpriseId}`);
        target = principal.scope!;
      } else {
        if (enterpriseId === undefined) throw invalidFields('body', [{ field: '/enterpriseId', rule: 'required', message: 'must be present' }]);
        target = enterpriseId;
      }
      const channel = principal.role === 'member_unit' ? ('MEMBER_UNIT' as const) : ('COUNTY' as const);
      // A supplementary recommendation is the unit's, not its maker's: the unit's people see it and may submit it.
      const draft = await createDraft(
        pool,
        clock,
        { ...rest, enterpriseId: target, channel, ...(channel === 'MEMBER_UNIT' ? { memberUnit: principal.scope! } : {}) },
        principal.username,
      ).catch(refusal);
      return reply.code(201).send(view(draft));
    },
  );

  app.get(
    '/declarations/drafts',
    {
      config: { access: only('enterprise', 'member_unit') },
      schema: {
        tags: ['declarations'],
        summary: '我的草稿，含上年结转的申报 / my drafts, the carry-over offers among them',
        security: bearer,
        querystring: Type.Object(
          { status: Type.Optional(Type.Union([Type.Literal('DRAFT'), Type.Literal('SUBMITTED'), Type.Literal('DECLINED')])), campaignYear: Type.Optional(Year) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(DraftView), ...problemResponses },
      },
    },
    async (request) => (await listDrafts(pool, callerOf(request), request.query)).map(view),
  );

  app.get(
    '/declarations/drafts/:id',
    {
      config: { access: only('enterprise', 'member_unit') },
      schema: { tags: ['declarations'], security: bearer, params: IdParams, response: { 200: DraftView, ...problemResponses } },
    },
    async (request) => {
      const draft = await findDraft(pool, callerOf(request), request.params.id);
      if (!draft) throw notFound(`draft ${request.params.id}`);
      return view(draft);
    },
  );

  app.patch(
    '/declarations/drafts/:id',
    {
      config: { access: only('enterprise', 'member_unit') },
      schema: {
        tags: ['declarations'],
        summary: '修改草稿（仅限草稿）/ edit a draft (drafts only)',
        security: bearer,
        params: IdParams,
        body: Type.Object(
          { productName: Type.Optional(ProductName), category: Type.Optional(Category), facts: Type.Optional(Facts) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: DraftView, ...problemResponses },
      },
    },
    async (request) => {
      const { category, facts } = request.body;
      if (category === undefined || facts === undefined) {
        // One of the two changes: it must agree with the other as stored.
        const stored = await findDraft(pool, callerOf(request), request.params.id);
        if (!stored) throw notFound(`draft ${request.params.id}`);
        if (category !== undefined || facts !== undefined) checkCategory(category ?? stored.category, facts ?? stored.facts);
      } else {
        checkCategory(category, facts);
      }
      const draft = await updateDraft(pool, clock, callerOf(request), request.params.id, request.body).catch(refusal);
      if (!draft) throw notFound(`draft ${request.params.id}`);
      return view(draft);
    },
  );

  app.post(
    '/declarations/drafts/:id/decline',
    {
      config: { access: only('enterprise') },
      schema: {
        tags: ['declarations'],
        summary: '放弃上年结转：本年度不申请认证 / decline a carry-over: no certification sought this year',
        security: bearer,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500, description: '理由 / why' }) }, { additionalProperties: false }),
        response: { 200: DraftView, ...problemResponses },
      },
    },
    async (request) => {
      const draft = await declineCarryOver(pool, clock, callerOf(request), request.params.id, request.body.reason).catch(refusal);
      if (!draft) throw notFound(`draft ${request.params.id}`);
      return view(draft);
    },
  );

  app.post(
    '/declarations/drafts/:id/submit',
    {
      config: { access: only('enterprise', 'member_unit') },
      schema: {
        tags: ['declarations'],
        summary: '提交申报：编号并启动案件 / submit: number the declaration and start its case',
        security: bearer,
        params: IdParams,
        response: { 201: Type.Object({ number: DeclarationNumber, processInstanceKey: Type.String(), draft: DraftView }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const submitted = await submitDraft({ db: pool, clock, engine }, callerOf(request), request.params.id).catch(refusal);
      if (!submitted) throw notFound(`draft ${request.params.id}`);
      return reply.code(201).send({ number: submitted.number, processInstanceKey: submitted.processInstanceKey, draft: view(submitted.draft) });
    },
  );
};
