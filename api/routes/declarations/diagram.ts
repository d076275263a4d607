import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { findDeclaration } from '../../../platform/cycle/declaration-views.ts';
import { EngineNotFoundError } from '../../../platform/engine/port.ts';
import { callerOf, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound } from '../../problem.ts';
import { BeijingTime, bearer, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';

const Diagram = Type.Object({
  number: DeclarationNumber,
  processDefinitionId: Type.String(),
  version: Type.Union([Type.Integer(), Type.Null()], { description: '案件所运行的模型版本 / the model version the case runs on' }),
  state: Type.Union([Type.Literal('ACTIVE'), Type.Literal('COMPLETED'), Type.Literal('TERMINATED'), Type.Literal('NOT_STARTED')]),
  xml: Type.String({ description: 'BPMN 2.0 XML，含图形 / BPMN 2.0 XML with its diagram' }),
  elements: Type.Array(
    Type.Object({
      elementId: Type.String(),
      elementType: Type.String(),
      state: Type.Union([Type.Literal('ACTIVE'), Type.Literal('COMPLETED'), Type.Literal('TERMINATED')]),
      startedAt: BeijingTime,
      endedAt: Type.Union([BeijingTime, Type.Null()]),
    }),
    { description: '案件走过和正在经过的每个元素，按开始先后 / every element the case passed or is in, oldest first' },
  ),
  incidents: Type.Array(
    Type.Object({
      elementId: Type.Union([Type.String(), Type.Null()]),
      errorType: Type.String(),
      errorMessage: Type.Union([Type.String(), Type.Null()], { description: '仅省质量办可见 / for the provincial office only' }),
      createdAt: BeijingTime,
    }),
  ),
  variables: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: '流程变量，仅省质量办可见 / process variables, for the provincial office only' }),
});

/**
 * `GET /declarations/:number/diagram`: the case on its model, for the case view: the BPMN XML
 * and what the case went through (completed, active and terminated elements, incidents), so a
 * diagram viewer can mark the path taken. Scoped as the declaration itself (404 out of scope);
 * incident messages and variables, which carry internals, only for the provincial office.
 */
export const diagramRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, engine, processModels }) => {
  app.get(
    '/declarations/:number/diagram',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['declarations'],
        summary: '案件流程图与走过的路径 / the case on its diagram, with the path taken',
        security: bearer,
        params: NumberParams,
        response: { 200: Diagram, ...problemResponses },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const found = await findDeclaration(pool, principal, request.params.number);
      if (!found) throw notFound(`declaration ${request.params.number}`);
      const office = principal.role === 'provincial_office';
      const instance = found.processInstanceKey
        ? await engine.getInstance(found.processInstanceKey).catch((error: unknown) => {
            if (error instanceof EngineNotFoundError) return undefined;
            throw error;
          })
        : undefined;
      const processDefinitionId = instance?.processDefinitionId ?? 'declaration';
      const xml = processModels.get(processDefinitionId);
      if (!xml) throw notFound(`process model ${processDefinitionId}`);
      return {
        number: found.number,
        processDefinitionId,
        version: instance?.version ?? null,
        state: instance?.state ?? ('NOT_STARTED' as const),
        xml,
        elements: (instance?.history ?? []).map((e) => ({
          elementId: e.elementId,
          elementType: e.elementType,
          state: e.state,
          startedAt: beijingIso(e.startDate),
          endedAt: e.endDate ? beijingIso(e.endDate) : null,
        })),
        incidents: (instance?.incidents ?? [])
          .filter((i) => i.state === 'ACTIVE')
          .map((i) => ({ elementId: i.elementId, errorType: i.errorType, errorMessage: office ? i.errorMessage : null, createdAt: beijingIso(i.creationTime) })),
        variables: office && instance ? instance.variables : null,
      };
    },
  );
};
