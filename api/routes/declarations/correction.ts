import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CorrectionRefused, correctFacts } from '../../../platform/cycle/correct-facts.ts';
import { correctionView } from '../../../platform/cycle/correction-view.ts';
import { findDeclaration } from '../../../platform/cycle/declaration-views.ts';
import { callerOf, only, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, invalidFields, notFound } from '../../problem.ts';
import { BeijingTime, bearer, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';

const Text = { zh: Type.String(), en: Type.String() };

export const CorrectionView = Type.Object({
  number: DeclarationNumber,
  stage: Type.String(),
  reasons: Type.Array(
    Type.Object({
      rules: Type.Array(Type.String()),
      ...Text,
      facts: Type.Array(Type.String(), { description: '此原因允许修改的事实 / the facts this reason lets the enterprise change' }),
      evidence: Type.Array(Type.String(), { description: '此原因要求的证明材料 / the evidence it asks for' }),
    }),
    { description: '补正原因（中文在前）/ why the declaration is incomplete (Chinese first)' },
  ),
  editableFacts: Type.Array(Type.String(), { description: '可修改的顶层事实 / the top-level facts that may change' }),
  missingEvidence: Type.Array(Type.String()),
  taskKey: Type.Union([Type.String(), Type.Null()]),
  dueDate: Type.Union([BeijingTime, Type.Null()], { description: '补正截止时间 / the correction deadline' }),
  overdue: Type.Boolean(),
  workingDaysLeft: Type.Union([Type.Integer(), Type.Null()], { description: '剩余工作日 / working days left' }),
});

/**
 * The correction loop: an incomplete declaration's reasons, what the enterprise may change and
 * by when; the enterprise replaces the facts the reasons name (and only those), then completes
 * its correction task, which checks the new facts again.
 */
export const correctionRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, engine, clock }) => {
  app.get(
    '/declarations/:number/correction',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['declarations'],
        summary: '补正：原因、可修改项与截止时间 / the correction: reasons, what may change, and the deadline',
        security: bearer,
        params: NumberParams,
        response: { 200: CorrectionView, ...problemResponses },
      },
    },
    async (request) => {
      const found = await findDeclaration(pool, callerOf(request), request.params.number);
      if (!found) throw notFound(`declaration ${request.params.number}`);
      return correctionView({ db: pool, engine, clock }, found.number);
    },
  );

  app.patch(
    '/declarations/:number/facts',
    {
      config: { access: only('enterprise') },
      schema: {
        tags: ['declarations'],
        summary: '补正申报事实（仅限补正原因所列项）/ correct the facts (only those the reasons name)',
        description:
          '请求体 facts 中每个顶层字段替换申报事实的同名字段；补正原因未列出的字段以 400 拒绝并指明字段 / each top-level field of `facts` replaces that fact; a field the reasons do not name is refused with 400 naming it',
        security: bearer,
        params: NumberParams,
        body: Type.Object({ facts: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,60}$' }), Type.Unknown(), { minProperties: 1, maxProperties: 30 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ number: DeclarationNumber, facts: Type.Unknown(), correction: CorrectionView }), ...problemResponses },
      },
    },
    async (request) => {
      const number = request.params.number;
      const changed = await correctFacts({ db: pool, clock }, callerOf(request), number, request.body.facts).catch((error: unknown) => {
        if (error instanceof CorrectionRefused) {
          if (error.reason === 'NOT_IN_CORRECTION') throw conflict(error.message);
          throw invalidFields('body', error.problems);
        }
        throw error;
      });
      if (!changed) throw notFound(`declaration ${number}`);
      return { number, facts: changed.facts, correction: await correctionView({ db: pool, engine, clock }, number) };
    },
  );
};
