import { EngineKey, refuseKeysBeyond64Bits } from '../../engine-key.ts';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import {
  cancelIncidentCase,
  editIncidentVariables,
  IncidentInputError,
  IncidentStateError,
  listIncidents,
  resolveIncident,
  retryIncident,
  showIncident,
  type IncidentDeps,
} from '../../../platform/cycle/incidents.ts';
import { EngineConflictError, EngineInputError, EngineNotFoundError, type Incident } from '../../../platform/engine/port.ts';
import { callerOf, only } from '../../auth/access.ts';
import { operateInstanceUrl } from '../../../platform/engine/camunda/operate-link.ts';
import { elementNamesOf } from '../../models/element-names.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, invalidFields, notFound } from '../../problem.ts';
import { BeijingTime, bearer, problemResponses } from '../../schemas.ts';

const IncidentKey = EngineKey('事件键 / incident key');
const Params = Type.Object({ incidentKey: IncidentKey });
const Reason = Type.String({ minLength: 1, maxLength: 500, description: '为何这样处理（写入审计记录）/ why (goes to the audit trail)' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const IncidentView = Type.Object({
  incidentKey: Type.String(),
  processInstanceKey: Type.String(),
  processDefinitionId: Type.String(),
  businessKey: Nullable(Type.String()),
  elementId: Nullable(Type.String()),
  elementName: Nullable(Type.String({ description: '环节名称（模型中的名称，中文在前）/ the element\'s name in the model, Chinese first' })),
  operateUrl: Nullable(Type.String({ description: 'Camunda 时，该实例在 Operate 中的地址（CAMUNDA_OPERATE_URL）/ on Camunda, the instance in Operate (CAMUNDA_OPERATE_URL)' })),
  elementInstanceKey: Nullable(Type.String()),
  jobKey: Nullable(Type.String()),
  jobType: Nullable(Type.String()),
  errorType: Type.String(),
  errorMessage: Type.String(),
  state: Type.Union([Type.Literal('ACTIVE'), Type.Literal('RESOLVED')]),
  creationTime: BeijingTime,
});

const IncidentDetailView = Type.Intersect([
  IncidentView,
  Type.Object({
    job: Type.Union([
      Type.Object({ jobKey: Type.String(), type: Type.String(), retries: Type.Integer(), errorMessage: Nullable(Type.String()), state: Type.String() }),
      Type.Null(),
    ]),
    variables: Type.Record(Type.String(), Type.Unknown(), { description: '事件所在作用域可见的变量 / the variables visible in the incident\'s scope' }),
  }),
]);

const ActionResult = Type.Object({
  incidentKey: Type.String(),
  processInstanceKey: Type.String(),
  action: Type.Union([Type.Literal('variables-edited'), Type.Literal('retried'), Type.Literal('resolved'), Type.Literal('instance-cancelled')]),
});


/** The engine's and the use case's refusals as problem details: the field for bad input, 404, 409. */
function refusal(error: unknown): never {
  if (error instanceof IncidentInputError) throw invalidFields('body', [{ field: `/${error.field}`, rule: 'incident', message: error.message }]);
  if (error instanceof EngineInputError) throw invalidFields('body', [{ field: '', rule: 'engine', message: error.message }]);
  if (error instanceof IncidentStateError || error instanceof EngineConflictError) throw conflict(error.message);
  if (error instanceof EngineNotFoundError) throw notFound(error.message);
  throw error;
}

/**
 * Incidents, the provincial office's alone: list (by process, business key, error type, state),
 * show one with its job and the variables in its scope, and fix it — edit those variables, retry
 * the job, resolve, or cancel the case. Each fix is audited with who and why (platform/cycle/incidents.ts).
 */
export const incidentRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, engine, clock, processModels, config }) => {
  refuseKeysBeyond64Bits(app, 'incidentKey');
  const deps: IncidentDeps = { engine, db: pool, clock };
  const names = elementNamesOf(processModels);
  const view = <T extends Incident>(incident: T): T & { elementName: string | null; operateUrl: string | null } => ({
    ...incident,
    elementName: (incident.elementId && names.get(incident.processDefinitionId)?.get(incident.elementId)) || null,
    operateUrl: operateInstanceUrl(config, incident.processInstanceKey),
    creationTime: incident.creationTime ? beijingIso(incident.creationTime) : incident.creationTime,
  });
  const access = only('provincial_office');
  const tags = ['incidents'];
  const actorOf = (request: { principal: Parameters<typeof callerOf>[0]['principal'] }) => {
    const principal = callerOf(request);
    return { username: principal.username, role: principal.role };
  };

  app.get(
    '/incidents',
    {
      config: { access },
      schema: {
        tags,
        summary: '流程事件列表 / list incidents',
        security: bearer,
        querystring: Type.Object(
          {
            processDefinitionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '申报编号或年度 / declaration number or campaign year' })),
            errorType: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z_]{2,60}$', description: '如 / e.g. JOB_NO_RETRIES' })),
            state: Type.Optional(Type.Union([Type.Literal('ACTIVE'), Type.Literal('RESOLVED')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(IncidentView), ...problemResponses },
      },
    },
    async (request) => (await listIncidents(deps, request.query).catch(refusal)).map(view),
  );

  app.get(
    '/incidents/:incidentKey',
    {
      config: { access },
      schema: { tags, summary: '流程事件详情（含作业与变量）/ one incident with its job and variables', security: bearer, params: Params, response: { 200: IncidentDetailView, ...problemResponses } },
    },
    async (request) => view(await showIncident(deps, request.params.incidentKey).catch(refusal)),
  );

  app.put(
    '/incidents/:incidentKey/variables',
    {
      config: { access },
      schema: {
        tags,
        summary: '修改事件作用域的变量 / set variables in the incident\'s scope',
        security: bearer,
        params: Params,
        body: Type.Object(
          {
            variables: Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown(), { minProperties: 1 }),
            local: Type.Optional(Type.Boolean({ description: 'true：只设在该作用域 / set in that scope only' })),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 202: ActionResult, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await editIncidentVariables(deps, actorOf(request), request.params.incidentKey, request.body).catch(refusal)),
  );

  app.post(
    '/incidents/:incidentKey/retry',
    {
      config: { access },
      schema: {
        tags,
        summary: '重试：给作业重试次数并解决事件 / retry: give the job retries and resolve the incident',
        security: bearer,
        params: Params,
        body: Type.Object({ retries: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })), reason: Reason }, { additionalProperties: false }),
        response: { 202: ActionResult, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await retryIncident(deps, actorOf(request), request.params.incidentKey, request.body).catch(refusal)),
  );

  app.post(
    '/incidents/:incidentKey/resolution',
    {
      config: { access },
      schema: {
        tags,
        summary: '解决事件 / resolve the incident',
        security: bearer,
        params: Params,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 202: ActionResult, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await resolveIncident(deps, actorOf(request), request.params.incidentKey, request.body).catch(refusal)),
  );

  app.post(
    '/incidents/:incidentKey/cancellation',
    {
      config: { access },
      schema: {
        tags,
        summary: '取消该案件的流程实例 / cancel the case\'s process instance',
        security: bearer,
        params: Params,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 202: ActionResult, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await cancelIncidentCase(deps, actorOf(request), request.params.incidentKey, request.body).catch(refusal)),
  );
};
