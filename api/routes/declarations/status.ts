import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { officeOfGroup } from '../../../domain/notifications/candidate-groups.ts';
import { auditTrail, findDeclaration } from '../../../platform/cycle/declaration-views.ts';
import { EngineNotFoundError } from '../../../platform/engine/port.ts';
import { callerOf, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound } from '../../problem.ts';
import { BeijingTime, bearer, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';

const Waiting = Type.Object({
  elementId: Type.String(),
  what: Type.String(),
  kind: Type.Union([Type.Literal('user-task'), Type.Literal('message')]),
  /** Who must act: `{ role, scope }` of an office, or an assignee. */
  waitingOn: Type.Array(Type.Object({ role: Type.String(), scope: Type.Union([Type.String(), Type.Null()]) })),
  dueDate: Type.Union([BeijingTime, Type.Null()]),
});

/** An incident the case is stuck on: nothing moves at that element until the provincial office fixes it. */
const Stuck = Type.Object({
  incidentKey: Type.String(),
  elementId: Type.Union([Type.String(), Type.Null()]),
  errorType: Type.String(),
  errorMessage: Type.String(),
  since: BeijingTime,
});

/** Something a person did that was accepted but no longer applied when the engine came to it. */
const Rejected = Type.Object({
  kind: Type.String(),
  userTaskKey: Type.Union([Type.String(), Type.Null()]),
  acceptedAt: BeijingTime,
  rejectedAt: BeijingTime,
  reason: Type.String(),
});

/**
 * What a case waits for when no person holds a task: the message a receive task expects and the
 * party that sends it (bpmn/declaration.bpmn).
 */
const messageWaits: Record<string, { what: string; role: string; scope: (vars: Record<string, unknown>) => string | null }> = {
  awaitKeyList: { what: '等待重点培育名单 / awaiting the key-cultivation list', role: 'provincial_office', scope: () => null },
  awaitCertification: {
    what: '等待认证结论 / awaiting the certification result',
    role: 'certification_body',
    scope: (v) => (typeof v['certificationBodyId'] === 'string' ? v['certificationBodyId'] : null),
  },
  awaitReview: { what: '等待综合评价和拟认证名单 / awaiting the comprehensive evaluation and the proposed list', role: 'provincial_office', scope: () => null },
  awaitPublicity: { what: '等待公示 / awaiting publicity', role: 'provincial_office', scope: () => null },
  publicityPeriod: { what: '公示期，可提出异议 / in publicity: objections may be filed', role: 'public', scope: () => null },
  awaitAnnouncement: { what: '等待公告 / awaiting the announcement', role: 'provincial_office', scope: () => null },
};

/**
 * `GET /declarations/:number/status`: the stage, what the case waits for and on whom (with due
 * dates, Beijing time), the incidents it is stuck on, the actions that no longer applied when
 * their turn came, and the audit trail of every decision.
 */
export const statusRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, engine }) => {
  app.get(
    '/declarations/:number/status',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['declarations'],
        summary: '案件状态：阶段、待办、期限、流程事件、审计记录 / case status: stage, waiting on whom, due dates, incidents, audit trail',
        security: bearer,
        params: NumberParams,
        response: {
          200: Type.Object({
            number: DeclarationNumber,
            stage: Type.String(),
            outcome: Type.Union([Type.String(), Type.Null()]),
            waiting: Type.Array(Waiting),
            incidents: Type.Array(Stuck, { description: '案件卡住的流程事件，由省局处理 / incidents the case is stuck on, for the provincial office to fix' }),
            rejected: Type.Array(Rejected, {
              description:
                '已受理但执行时已不适用的操作（如任务已被更早的操作结束）及原因 / actions accepted that no longer applied when the engine came to them (the task had been ended by an earlier one), with the reason',
            }),
            trail: Type.Array(Type.Object({ at: BeijingTime, actor: Type.String(), role: Type.String(), action: Type.String(), reason: Type.Union([Type.String(), Type.Null()]) })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const found = await findDeclaration(pool, callerOf(request), request.params.number);
      if (!found) throw notFound(`declaration ${request.params.number}`);
      const waiting: Array<Static<typeof Waiting>> = [];
      const incidents: Array<Static<typeof Stuck>> = [];
      const instance = found.processInstanceKey
        ? await engine.getInstance(found.processInstanceKey).catch((error: unknown) => {
            if (error instanceof EngineNotFoundError) return undefined;
            throw error;
          })
        : undefined;
      const rejected = (instance?.rejectedCommands ?? []).map((r) => ({ ...r, acceptedAt: beijingIso(r.acceptedAt), rejectedAt: beijingIso(r.rejectedAt) }));
      if (found.processInstanceKey && found.outcome === null) {
        const tasks = await engine.searchUserTasks({ processInstanceKey: found.processInstanceKey, state: 'CREATED' });
        for (const task of tasks) {
          const groups = task.candidateGroups.map((g) => officeOfGroup(g) ?? { role: g, scope: null });
          waiting.push({
            elementId: task.elementId,
            what: task.name ?? task.elementId,
            kind: 'user-task',
            waitingOn: task.assignee ? [{ role: 'assignee', scope: task.assignee }] : groups,
            dueDate: task.dueDate ? beijingIso(task.dueDate) : null,
          });
        }
        for (const elementId of instance?.activeElementIds ?? []) {
          const wait = messageWaits[elementId];
          if (wait) waiting.push({ elementId, what: wait.what, kind: 'message', waitingOn: [{ role: wait.role, scope: wait.scope(instance!.variables) }], dueDate: null });
        }
        // The case's own instance and any it called carry its number as business key.
        for (const incident of await engine.searchIncidents({ businessKey: found.number, state: 'ACTIVE' })) {
          incidents.push({
            incidentKey: incident.incidentKey,
            elementId: incident.elementId,
            errorType: incident.errorType,
            errorMessage: incident.errorMessage,
            since: beijingIso(incident.creationTime),
          });
        }
      }
      const trail = (await auditTrail(pool, found.number)).map((entry) => ({ ...entry, at: beijingIso(entry.at) }));
      return { number: found.number, stage: found.stage, outcome: found.outcome, waiting, incidents, rejected, trail };
    },
  );
};
