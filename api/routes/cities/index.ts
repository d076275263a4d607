import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import type { Principal } from '../../../platform/auth/roles.ts';
import { taskIdentity } from '../../../platform/auth/task-identity.ts';
import { CityBatchInterrupted, CityBatchRefused, submitCityBatch, type BatchProblem } from '../../../platform/cycle/city-batch.ts';
import { findCityBatch, listCityBatches, recommendedRows, type CityBatch } from '../../../platform/db/cycle/city-batches.ts';
import { attachment4Xlsx } from '../../../platform/documents/attachment-4.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { invalidFields, notFound, ProblemError } from '../../problem.ts';
import { BeijingTime, bearer, DeclarationNumber, problemResponses, Year } from '../../schemas.ts';

const CityParams = Type.Object({ code: Type.String({ pattern: '^32[0-9]{2}00$', description: '设区市代码 / districted city code' }) });
const BatchParams = Type.Object({ ...CityParams.properties, id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: '批次号 / batch id' }) });

// The same rules as the city task's form (bpmn/forms/city-review.form): one decision per declaration.
const BatchBody = Type.Object(
  {
    campaignYear: Year,
    declarations: Type.Array(
      Type.Object(
        {
          declarationNumber: DeclarationNumber,
          recommended: Type.Boolean({ description: '推荐上报 / recommend to the province' }),
          reason: Type.String({ minLength: 2, maxLength: 2000, description: '理由（市级推荐意见）/ reason (the city\'s opinion)' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500, description: '本批次决定的申报 / the declarations this batch decides' },
    ),
    memberOpinions: Type.Array(
      Type.Object(
        {
          unit: Type.String({ minLength: 2, maxLength: 100, description: '成员单位 / member unit' }),
          opinion: Type.String({ minLength: 2, maxLength: 2000, description: '意见 / opinion' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50, description: '成员单位意见（至少一家）/ the member units\' opinions (at least one)' },
    ),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: '报送说明 / covering note' })),
  },
  { additionalProperties: false },
);

const BatchView = Type.Object({
  id: Type.Integer(),
  campaignYear: Type.Integer(),
  cityCode: Type.String(),
  submittedBy: Type.String(),
  submittedAt: BeijingTime,
  note: Type.Union([Type.String(), Type.Null()]),
  memberOpinions: Type.Array(Type.Object({ unit: Type.String(), opinion: Type.String() })),
  declarations: Type.Array(
    Type.Object({
      declarationNumber: Type.String(),
      recommended: Type.Boolean(),
      reason: Type.String(),
      completedAt: Type.Union([BeijingTime, Type.Null()], { description: '市级任务完成时间；null 表示尚未完成 / when its city task was completed; null when not (yet)' }),
    }),
  ),
  attachment4: Type.String({ description: '附件4（推荐企业汇总表）下载地址 / where Attachment 4 (the summary table) downloads' }),
});
type BatchView = Static<typeof BatchView>;

function viewOf(batch: CityBatch): BatchView {
  return {
    ...batch,
    submittedAt: beijingIso(batch.submittedAt),
    memberOpinions: [...batch.memberOpinions],
    declarations: batch.declarations.map((d) => ({ ...d, completedAt: d.completedAt ? beijingIso(d.completedAt) : null })),
    attachment4: `/cities/${batch.cityCode}/recommendation-batches/${batch.id}/attachment-4.xlsx`,
  };
}

/** A city office acts for its own city only; another city's rows answer 404, as if absent. */
function checkCity(principal: Principal, code: string): void {
  if (principal.role === 'city_office' && principal.scope !== code) throw notFound(`city ${code}`);
}

function refusal(error: CityBatchRefused): ProblemError {
  const fields = (problems: readonly BatchProblem[]) =>
    problems.map((p) => ({ field: `/declarations/${p.index}/declarationNumber`, rule: p.rule, message: `${p.declarationNumber} ${p.zh} / ${p.declarationNumber} ${p.en}` }));
  const invalid = error.problems.filter((p) => p.kind === 'invalid');
  if (invalid.length) return invalidFields('body', fields(invalid));
  // The request is sound but a case is not where the batch needs it: 409, naming each.
  const errors = fields(error.problems).map((f) => ({ in: 'body', ...f }));
  return new ProblemError(409, `${errors.length} 项申报不能报送，本批次未报送 / ${errors.length} declaration(s) cannot be submitted; nothing was submitted`, 'urn:jingpin:problem:conflict', errors);
}

/**
 * The city office's unified submission (统一报送): a batch decides its declarations' city tasks in
 * one go with the member units' opinions; the city and the province read the batches and download
 * Attachment 4, the summary table of the recommended enterprises.
 */
export const cityRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, engine, clock }) => {
  app.post(
    '/cities/:code/recommendation-batches',
    {
      config: { access: only('city_office') },
      schema: {
        tags: ['cities'],
        summary: '市级统一报送推荐 / the city submits its recommendations together',
        description:
          '先校验全部申报，任一不符则整批不报送（400 请求本身有误，409 申报不在市级审核环节等），再一并完成各申报的市级任务 / every declaration is checked first and, if any fails, nothing is submitted (400 for the request, 409 for a case not waiting at the city); then each declaration\'s city task is completed',
        security: bearer,
        params: CityParams,
        body: BatchBody,
        response: { 201: BatchView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      checkCity(principal, request.params.code);
      const { campaignYear, declarations, memberOpinions, note } = request.body;
      const submittedBy = taskIdentity(principal).assignee;
      try {
        const { batchId } = await submitCityBatch({ db: pool, engine, clock }, { campaignYear, cityCode: request.params.code, submittedBy, note: note ?? null, memberOpinions, declarations });
        request.log.info({ batch: batchId, city: request.params.code, user: principal.username, declarations: declarations.length }, '市级批次已报送 / city batch submitted');
        return reply.code(201).send(viewOf((await findCityBatch(pool, request.params.code, batchId))!));
      } catch (error) {
        if (error instanceof CityBatchRefused) throw refusal(error);
        if (error instanceof CityBatchInterrupted) {
          request.log.error({ err: error.cause, batch: error.batchId, at: error.declarationNumber, completed: error.completed }, '市级批次中断 / city batch interrupted');
          throw new ProblemError(409, error.message, 'urn:jingpin:problem:conflict');
        }
        throw error;
      }
    },
  );

  app.get(
    '/cities/:code/recommendation-batches',
    {
      config: { access: only('city_office', 'provincial_office') },
      schema: {
        tags: ['cities'],
        summary: '市级报送批次 / the city\'s batches',
        security: bearer,
        params: CityParams,
        querystring: Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false }),
        response: { 200: Type.Array(BatchView), ...problemResponses },
      },
    },
    async (request) => {
      checkCity(callerOf(request), request.params.code);
      const ids = await listCityBatches(pool, request.params.code, request.query.year);
      return Promise.all(ids.map(async (id) => viewOf((await findCityBatch(pool, request.params.code, id))!)));
    },
  );

  app.get(
    '/cities/:code/recommendation-batches/:id',
    {
      config: { access: only('city_office', 'provincial_office') },
      schema: { tags: ['cities'], security: bearer, params: BatchParams, response: { 200: BatchView, ...problemResponses } },
    },
    async (request) => {
      checkCity(callerOf(request), request.params.code);
      const batch = await findCityBatch(pool, request.params.code, request.params.id);
      if (!batch) throw notFound(`batch ${request.params.id} of city ${request.params.code}`);
      return viewOf(batch);
    },
  );

  app.get(
    '/cities/:code/recommendation-batches/:id/attachment-4.xlsx',
    {
      config: { access: only('city_office', 'provincial_office') },
      schema: {
        tags: ['cities'],
        summary: '附件4：推荐企业汇总表（XLSX）/ Attachment 4: the summary table of recommended enterprises (XLSX)',
        security: bearer,
        params: BatchParams,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Type.Unknown({ description: 'XLSX 文件 / the XLSX file' }), ...problemResponses },
      },
    },
    async (request, reply) => {
      checkCity(callerOf(request), request.params.code);
      const batch = await findCityBatch(pool, request.params.code, request.params.id);
      if (!batch) throw notFound(`batch ${request.params.id} of city ${request.params.code}`);
      const file = await attachment4Xlsx({ ...batch, batchId: batch.id, rows: await recommendedRows(pool, batch.id) });
      const name = `附件4-推荐企业汇总表-${batch.cityCode}-${batch.campaignYear}-${batch.id}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="attachment-4-${batch.cityCode}-${batch.campaignYear}-${batch.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(file);
    },
  );
};
