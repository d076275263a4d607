import { EngineKey, refuseKeysBeyond64Bits } from '../../engine-key.ts';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { campaignTasks, declarationTasks, processIds } from '../../../bpmn/contract.ts';
import { keyListProblems } from '../../../domain/scoring/key-list-decision.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { timeLeft } from '../../../domain/deadlines/time-left.ts';
import type { WorkingDayCalendar } from '../../../domain/calendar/working-day-calendar.ts';
import { loadWorkingDayCalendar } from '../../../platform/db/calendar-years.ts';
import { taskIdentity, type TaskIdentity } from '../../../platform/auth/task-identity.ts';
import type { Principal } from '../../../platform/auth/roles.ts';
import { caseFile } from '../../../platform/cycle/case-file.ts';
import { activeBodies, activeBodyLoads, bodyStatus } from '../../../platform/db/cycle/certification-bodies.ts';
import { correctionView } from '../../../platform/cycle/correction-view.ts';
import { keyListProposal } from '../../../platform/cycle/key-list-proposal.ts';
import { standardReview } from '../../../platform/cycle/self-declared-standards.ts';
import { StandardReviewSchema, standardReviewView } from '../standards/views.ts';
import { findObjection, mayKnowObjector } from '../../../platform/cycle/objections.ts';
import { panelDeclarations } from '../../../platform/cycle/panel-declarations.ts';
import { EngineConflictError, EngineNotFoundError, type UserTask } from '../../../platform/engine/port.ts';
import { callerOf, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, fieldErrors, invalidFields, notFound } from '../../problem.ts';
import { BeijingTime, bearer, problemResponses } from '../../schemas.ts';
import { CaseFileSchema, caseFileView, ObjectionSchema, objectionView } from '../declarations/case-file-view.ts';
import { CorrectionView } from '../declarations/correction.ts';
import { ComprehensiveReviewSchema, comprehensiveReviewView, CreditConsultationSchema } from './comprehensive-review-view.ts';
import { findCreditConsultation } from '../../../platform/db/cycle/credit-checks.ts';
import { proposedListProblems } from '../../../domain/review/proposed-list-decision.ts';
import { reviewCandidates } from '../../../platform/db/cycle/comprehensive-review.ts';

const TaskView = Type.Object({
  key: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  elementId: Type.String(),
  processDefinitionId: Type.String(),
  businessKey: Type.Union([Type.String(), Type.Null()], { description: '申报编号或年度 / declaration number or campaign year' }),
  assignee: Type.Union([Type.String(), Type.Null()]),
  candidateGroups: Type.Array(Type.String()),
  assignedToMe: Type.Boolean(),
  dueDate: Type.Union([BeijingTime, Type.Null()]),
  overdue: Type.Boolean({ description: '已超过期限 / past its due date' }),
  workingDaysLeft: Type.Union([Type.Integer(), Type.Null()], { description: '距期限的工作日（北京时间）；无期限或该年日历未导入时为 null / working days left until the due date (Beijing); null without a due date or a loaded calendar' }),
  createdAt: BeijingTime,
  formId: Type.Union([Type.String(), Type.Null()]),
  declarations: Type.Optional(Type.Array(Type.String(), { description: '专家评分任务：本人评审组的申报 / scoring task: the declarations of the expert\'s panel' })),
  memberUnit: Type.Optional(
    Type.Object({ id: Type.String(), name: Type.String() }, { description: '成员单位意见任务：征求意见的成员单位 / the member unit\'s opinion: which unit is asked' }),
  ),
});

const KeyListProposalSchema = Type.Array(
  Type.Object({
    rank: Type.Integer(),
    declarationNumber: Type.String(),
    enterpriseName: Type.String(),
    productName: Type.String(),
    category: Type.String(),
    score: Type.Number({ description: '排名所用加权均分 / the weighted mean the ranking used' }),
    selected: Type.Union([Type.Boolean(), Type.Null()], { description: '未决定时为 null / null until decided' }),
    sheets: Type.Array(
      Type.Object({ expertId: Type.String(), expertName: Type.String(), total: Type.Number(), opinion: Type.Union([Type.String(), Type.Null()]) }),
      { description: '评审组各专家的评分与意见 / each panel member\'s total and opinion' },
    ),
  }),
  { description: '确定重点培育名单任务：排名建议 / deciding the key-cultivation list: the ranked proposal' },
);

const KeyParams = Type.Object({ key: EngineKey('用户任务键 / user task key') });

/** The scoring task's element: its form lists one sheet per declaration of the expert's panel. */
const SCORING = 'scoreDeclarations';

function mayWork(task: UserTask, identity: TaskIdentity): boolean {
  return task.state === 'CREATED' && isFor(task, identity);
}

/** The task is (or was) the caller's own or his groups', whatever its state. */
function isFor(task: UserTask, identity: TaskIdentity): boolean {
  if (task.assignee === identity.assignee) return true;
  return task.candidateGroups.some((group) => identity.candidateGroups.includes(group));
}

/**
 * The inbox: the user tasks assigned to the caller and those of his groups (his role and scope
 * mapped to the models' candidate groups; experts by their expert id), with due dates; claim,
 * unclaim, and complete with the data of the task's form, checked against a schema derived from
 * that .form file. `decidedBy` is added from the caller, never taken from the body.
 */
export const taskRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, engine, taskForms, clock }) => {
  refuseKeysBeyond64Bits(app, 'key');
  async function viewOf(task: UserTask, principal: Principal, identity: TaskIdentity, calendar: WorkingDayCalendar) {
    const left = task.dueDate ? timeLeft(task.dueDate, clock.now(), calendar) : { overdue: false, workingDaysLeft: null };
    const declarations = task.elementId === SCORING && principal.role === 'expert' ? await panelDeclarations(pool, principal.scope!, Number(task.businessKey)) : undefined;
    // One task per member unit, each in its unit's group: the row names the unit it asks.
    const memberUnit = task.elementId === campaignTasks.giveMemberOpinion ? memberUnitOf(await engine.getUserTaskVariables(task.userTaskKey)) : undefined;
    return {
      key: task.userTaskKey,
      name: task.name,
      elementId: task.elementId,
      processDefinitionId: task.processDefinitionId,
      businessKey: task.businessKey,
      assignee: task.assignee,
      candidateGroups: [...task.candidateGroups],
      assignedToMe: task.assignee === identity.assignee,
      dueDate: task.dueDate ? beijingIso(task.dueDate) : null,
      ...left,
      createdAt: beijingIso(task.creationDate),
      formId: taskForms.get(task.elementId)?.formId ?? null,
      ...(declarations ? { declarations } : {}),
      ...(memberUnit ? { memberUnit } : {}),
    };
  }

  /** The variables the process prepared for the task's form (preparedVariables), those set only. */
  async function formDataOf(task: UserTask, prepared: readonly string[]): Promise<Record<string, unknown>> {
    if (prepared.length === 0) return {};
    const variables = await engine.getUserTaskVariables(task.userTaskKey);
    return Object.fromEntries(prepared.flatMap((name) => (variables[name] === undefined || variables[name] === null ? [] : [[name, variables[name]]])));
  }

  /**
   * What the person deciding a declaration's task needs to see: the case file; for the correction,
   * its reasons and deadline; for an objection's decision, that objection (the task's own, read
   * from its variables, since one declaration may have several).
   */
  async function whatIsDecided(task: UserTask, principal: Principal) {
    if (task.elementId === SCORING && principal.role === 'expert') {
      const numbers = await panelDeclarations(pool, principal.scope!, Number(task.businessKey));
      return { cases: await Promise.all(numbers.map(async (number) => ({ number, ...caseFileView(await caseFile(pool, principal, number)) }))) };
    }
    if (task.elementId === campaignTasks.decideKeyList) return { keyListProposal: await keyListProposal(pool, Number(task.businessKey)) };
    if (task.elementId === campaignTasks.decideProposedList) return { comprehensiveReview: await comprehensiveReviewView(pool, Number(task.businessKey), true) };
    if (task.elementId === campaignTasks.giveMemberOpinion) return { comprehensiveReview: await comprehensiveReviewView(pool, Number(task.businessKey), false) };
    if (task.processDefinitionId !== processIds.declaration || !task.businessKey) return {};
    const number = task.businessKey;
    const file = caseFileView(await caseFile(pool, principal, number));
    if (task.elementId === declarationTasks.correctMaterials) {
      return { case: file, correction: await correctionView({ db: pool, engine, clock }, number) };
    }
    if (task.elementId === declarationTasks.decideObjection) {
      const { objectionId } = await engine.getUserTaskVariables(task.userTaskKey);
      const objection = typeof objectionId === 'number' ? await findObjection(pool, objectionId, { withObjector: mayKnowObjector(principal) }) : undefined;
      return { case: file, ...(objection ? { objection: objectionView(objection) } : {}) };
    }
    if (task.elementId === declarationTasks.evaluateStandard) {
      // The institute judges from the table the enterprise filed, the automatic proposal and the office's flags.
      const review = await standardReview(pool, number);
      return { case: file, ...(review ? { standardReview: standardReviewView(review) } : {}) };
    }
    if (task.elementId === declarationTasks.decideCredit) {
      const consultation = await findCreditConsultation(pool, number);
      return { case: file, ...(consultation ? { creditConsultation: consultation } : {}) };
    }
    if (task.elementId === declarationTasks.arrangeBody) {
      const { proposedBodyId } = await engine.getUserTaskVariables(task.userTaskKey);
      return { case: file, bodyProposal: { proposedBodyId: typeof proposedBodyId === 'string' ? proposedBodyId : null, bodies: await activeBodyLoads(pool) } };
    }
    if (task.elementId === declarationTasks.chooseBody) return { case: file, activeBodies: await activeBodies(pool) };
    return { case: file };
  }

  /**
   * A member unit's opinion task asks one unit (its `memberUnit`): only that unit's people may
   * see or answer it, whoever holds it and whatever group it has (campaigns opened before
   * migration 0029 gave every unit's task the one group `member-unit`).
   */
  async function asksAnotherUnit(task: UserTask, principal: Principal): Promise<boolean> {
    if (principal.role !== 'member_unit' || task.elementId !== campaignTasks.giveMemberOpinion) return false;
    return memberUnitOf(await engine.getUserTaskVariables(task.userTaskKey))?.id !== principal.scope;
  }

  /**
   * The caller and the task of `:key`, when he may work on it; for a `change` (claim, unclaim,
   * complete) 409 when it was his (or his groups') but has ended; else 404, as if it did not exist.
   */
  async function callersTask(request: FastifyRequest, key: string, { change }: { change: boolean }): Promise<{ principal: Principal; identity: TaskIdentity; task: UserTask }> {
    const principal = callerOf(request);
    const identity = taskIdentity(principal);
    const task = await engine.getUserTask(key).catch((error: unknown) => {
      if (error instanceof EngineNotFoundError) return undefined;
      throw error;
    });
    if (!task || !isFor(task, identity) || (await asksAnotherUnit(task, principal))) throw notFound(`task ${key}`);
    // Its own people learn that it ended (409), whoever ended it first; others still get 404.
    if (!mayWork(task, identity) && !change) throw notFound(`task ${key}`);
    if (!mayWork(task, identity)) throw conflict(`任务已${task.state === 'COMPLETED' ? '完成' : '结束'} / task ${task.userTaskKey} is ${task.state}`);
    return { principal, identity, task };
  }

  app.get(
    '/tasks',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['tasks'],
        summary: '我的待办与我所在组的待办 / my tasks and my groups\' tasks',
        security: bearer,
        querystring: Type.Object(
          {
            which: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('assigned'), Type.Literal('unassigned')], { default: 'all' })),
            businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: '只看一个案件的待办（申报编号或年度）/ only one case\'s tasks (declaration number or year)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(TaskView), ...problemResponses },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const identity = taskIdentity(principal);
      // One case's tasks (the case page) are asked of the engine by business key, not filtered from the whole inbox.
      const onCase = request.query.businessKey ? { businessKey: request.query.businessKey } : {};
      const mine = await engine.searchUserTasks({ state: 'CREATED', assignee: identity.assignee, ...onCase });
      const groups = identity.candidateGroups.length ? await engine.searchUserTasks({ state: 'CREATED', candidateGroups: identity.candidateGroups, ...onCase }) : [];
      const byKey = new Map([...mine, ...groups].map((t) => [t.userTaskKey, t]));
      const which = request.query.which ?? 'all';
      const workable = [...byKey.values()]
        .filter((t) => mayWork(t, identity))
        .filter((t) => which === 'all' || (which === 'assigned' ? t.assignee === identity.assignee : t.assignee === null));
      const elsewhere = await Promise.all(workable.map((t) => asksAnotherUnit(t, principal)));
      const tasks = workable
        .filter((_, i) => !elsewhere[i])
        .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.userTaskKey.localeCompare(b.userTaskKey));
      const calendar = await loadWorkingDayCalendar(pool);
      return Promise.all(tasks.map((t) => viewOf(t, principal, identity, calendar)));
    },
  );

  app.get(
    '/tasks/:key',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['tasks'],
        security: bearer,
        params: KeyParams,
        response: {
          200: Type.Object({
            ...TaskView.properties,
            formSchema: Type.Unknown({ description: '完成时提交数据的 JSON Schema / JSON Schema of the completion data' }),
            form: Type.Unknown({ description: '任务表单文件（bpmn/forms/*.form，Camunda Forms），供表单渲染 / the task\'s .form document (Camunda Forms), for a form renderer' }),
            formData: Type.Record(Type.String(), Type.Unknown(), {
              description: '流程为表单备好的变量（动态列表的行、表单文字引用的名称），同 Camunda Tasklist 填入表单的值 / the variables the process prepared for the form (its dynamic lists\' rows, the names its texts show), as Camunda Tasklist fills the form',
            }),
            case: Type.Optional(CaseFileSchema),
            cases: Type.Optional(
              Type.Array(Type.Object({ number: Type.String(), ...CaseFileSchema.properties }), {
                description: '专家评分任务：本人评审组各申报的案卷 / scoring task: the case file of each declaration of the expert\'s panel',
              }),
            ),
            correction: Type.Optional(CorrectionView),
            objection: Type.Optional(ObjectionSchema),
            keyListProposal: Type.Optional(KeyListProposalSchema),
            standardReview: Type.Optional(StandardReviewSchema),
            comprehensiveReview: Type.Optional(ComprehensiveReviewSchema),
            creditConsultation: Type.Optional(CreditConsultationSchema),
            activeBodies: Type.Optional(
              Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
                description: '企业选择认证机构：各有效联盟机构（按代码，不含在审认证数）/ choosing a body: every active alliance body, by code, without its load',
              }),
            ),
            bodyProposal: Type.Optional(
              Type.Object(
                {
                  proposedBodyId: Type.Union([Type.String(), Type.Null()]),
                  bodies: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), inProgress: Type.Integer() })),
                },
                { description: '秘书处安排认证机构：推荐的机构及各有效机构在审认证数 / arranging a body: the proposal and each active body\'s certifications in progress' },
              ),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { principal, identity, task } = await callersTask(request, request.params.key, { change: false });
      const form = taskForms.get(task.elementId);
      return {
        ...(await viewOf(task, principal, identity, await loadWorkingDayCalendar(pool))),
        formSchema: form?.schema ?? null,
        form: form?.document ?? null,
        formData: form ? await formDataOf(task, form.prepared) : {},
        ...(await whatIsDecided(task, principal)),
      };
    },
  );

  app.post(
    '/tasks/:key/claim',
    {
      config: { access: rolesExcept('public') },
      schema: { tags: ['tasks'], security: bearer, params: KeyParams, response: { 200: TaskView, ...problemResponses } },
    },
    async (request) => {
      const { principal, identity, task } = await callersTask(request, request.params.key, { change: true });
      await engine.assignUserTask(task.userTaskKey, identity.assignee, { allowOverride: false }).catch(engineConflict);
      return viewOf(await engine.getUserTask(task.userTaskKey), principal, identity, await loadWorkingDayCalendar(pool));
    },
  );

  app.post(
    '/tasks/:key/unclaim',
    {
      config: { access: rolesExcept('public') },
      schema: { tags: ['tasks'], security: bearer, params: KeyParams, response: { 200: TaskView, ...problemResponses } },
    },
    async (request) => {
      const { principal, identity, task } = await callersTask(request, request.params.key, { change: true });
      // A task the model assigned to one person (an expert's scoring) has no group to go back to.
      if (task.assignee !== identity.assignee || task.candidateGroups.length === 0) {
        throw conflict(`任务 ${task.userTaskKey} 不是由您认领的组任务 / task ${task.userTaskKey} is not a group task you claimed`);
      }
      await engine.unassignUserTask(task.userTaskKey).catch(engineConflict);
      return viewOf(await engine.getUserTask(task.userTaskKey), principal, identity, await loadWorkingDayCalendar(pool));
    },
  );

  app.post(
    '/tasks/:key/complete',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['tasks'],
        summary: '以表单数据完成任务 / complete a task with its form\'s data',
        description: '请求体即任务表单的数据，按该表单（bpmn/forms/*.form）导出的模式校验 / the body is the data of the task\'s form, checked against the schema derived from its .form file (GET /tasks/:key gives it)',
        security: bearer,
        params: KeyParams,
        body: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 50 }),
        response: { 200: Type.Object({ key: Type.String(), completed: Type.Literal(true) }), ...problemResponses },
      },
    },
    async (request) => {
      const { principal, identity, task } = await callersTask(request, request.params.key, { change: true });
      const form = taskForms.get(task.elementId);
      if (!form) throw conflict(`任务 ${task.elementId} 没有表单，不能在此完成 / task ${task.elementId} has no form and cannot be completed here`);
      const result = form.check(request.body);
      if (result.error) {
        throw invalidFields('body', [...result.error].flatMap((issue) => fieldErrors('body', { ...issue, schemaPath: '', message: issue.message ?? issue.keyword })));
      }
      if (task.elementId === SCORING) await checkScoredDeclarations(request.body, principal, Number(task.businessKey));
      if (task.elementId === declarationTasks.chooseBody || task.elementId === declarationTasks.arrangeBody) await checkBody(String(request.body['certificationBodyId']));
      if (task.elementId === campaignTasks.decideKeyList) await checkKeyList(request.body, Number(task.businessKey));
      if (task.elementId === campaignTasks.decideProposedList) await checkProposedList(request.body, Number(task.businessKey));
      if (task.assignee !== identity.assignee) await engine.assignUserTask(task.userTaskKey, identity.assignee, { allowOverride: false }).catch(engineConflict);
      await engine.completeUserTask(task.userTaskKey, { ...request.body, decidedBy: identity.assignee }).catch(engineConflict);
      request.log.info({ task: task.userTaskKey, elementId: task.elementId, user: principal.username }, '任务已完成 / task completed');
      return { key: task.userTaskKey, completed: true as const };
    },
  );

  // A body id that is not an active alliance body is refused here, not replaced later: the
  // enterprise (or the secretariat) chooses again with the reason in front of it.
  async function checkBody(id: string): Promise<void> {
    const status = await bodyStatus(pool, id);
    if (status === undefined) {
      throw invalidFields('body', [{ field: '/certificationBodyId', rule: 'exists', message: `认证机构 ${id} 不在机构名录中 / certification body ${id} is not in the directory` }]);
    }
    if (status !== 'ACTIVE') {
      throw invalidFields('body', [{ field: '/certificationBodyId', rule: 'active', message: `认证机构 ${id} 已暂停，不能选择 / certification body ${id} is ${status} and cannot be chosen` }]);
    }
  }

  // The office decides on every ranked declaration once; the recording task would otherwise stop
  // the campaign with an incident.
  async function checkKeyList(body: Record<string, unknown>, year: number): Promise<void> {
    const ranked = (await keyListProposal(pool, year)).map((r) => r.declarationNumber);
    const decided = ((body['keyList'] ?? []) as Array<{ declarationNumber: string }>).map((d) => d.declarationNumber);
    const problems = keyListProblems(ranked, decided).map((p) => ({
      field: p.index === null ? '/keyList' : `/keyList/${p.index}/declarationNumber`,
      rule: p.rule,
      message: `${p.zh} / ${p.en}`,
    }));
    if (problems.length) throw invalidFields('body', problems);
  }

  // The office decides on every candidate of the comprehensive review once; the recording task
  // would otherwise stop the campaign with an incident.
  async function checkProposedList(body: Record<string, unknown>, year: number): Promise<void> {
    const candidates = (await reviewCandidates(pool, year)).map((r) => r.declarationNumber);
    const decided = ((body['proposedList'] ?? []) as Array<{ declarationNumber: string }>).map((d) => d.declarationNumber);
    const problems = proposedListProblems(candidates, decided).map((p) => ({
      field: p.index === null ? '/proposedList' : `/proposedList/${p.index}/declarationNumber`,
      rule: p.rule,
      message: `${p.zh} / ${p.en}`,
    }));
    if (problems.length) throw invalidFields('body', problems);
  }

  // The expert scores exactly the declarations of his panel: the recording task would otherwise
  // stop the case with an incident, and a declaration he is kept off must not be scored by him.
  async function checkScoredDeclarations(body: Record<string, unknown>, principal: Principal, year: number): Promise<void> {
    const expected = principal.role === 'expert' ? await panelDeclarations(pool, principal.scope!, year) : [];
    const sheets = (body['scores'] as Array<{ declarationNumber: string }>).map((s) => s.declarationNumber);
    const problems = sheets.flatMap((number, i) =>
      !expected.includes(number)
        ? [{ field: `/scores/${i}/declarationNumber`, rule: 'panel', message: `${number} 不在您的评审组 / ${number} is not on your panel` }]
        : sheets.indexOf(number) !== i
          ? [{ field: `/scores/${i}/declarationNumber`, rule: 'uniqueItems', message: `${number} 重复评分 / ${number} is scored twice` }]
          : [],
    );
    for (const number of expected.filter((n) => !sheets.includes(n))) {
      problems.push({ field: '/scores', rule: 'panel', message: `缺少 ${number} 的评分 / the sheet for ${number} is missing` });
    }
    if (problems.length) throw invalidFields('body', problems);
  }
};

/** The member unit a `giveMemberOpinion` task asks (its multi-instance element), if the variable is whole. */
function memberUnitOf(variables: Record<string, unknown>): { id: string; name: string } | undefined {
  const unit = variables['memberUnit'] as { id?: unknown; name?: unknown } | null | undefined;
  return typeof unit?.id === 'string' && typeof unit.name === 'string' ? { id: unit.id, name: unit.name } : undefined;
}

function engineConflict(error: unknown): never {
  if (error instanceof EngineConflictError) throw conflict(error.message);
  if (error instanceof EngineNotFoundError) throw notFound(error.message);
  throw error;
}
