import type { Pool } from 'pg';
import { processIds } from '../../bpmn/contract.ts';
import { appendAudit, type AuditEntry } from '../db/cycle/audit-log.ts';
import type { Clock } from '../engine/clock.ts';
import type { Variables } from '../engine/outcome.ts';
import type { EnginePort, Incident, IncidentDetail, IncidentFilter } from '../engine/port.ts';

/**
 * How the provincial office sees and fixes incidents, on either engine: the one place the HTTP
 * API and the CLI both call. Every fix is done through the engine port and then written to the
 * audit trail with who did it and why; the case's trail (a declaration's or a campaign's) shows it.
 */
export interface IncidentDeps {
  readonly engine: Pick<EnginePort, 'searchIncidents' | 'getIncident' | 'updateJobRetries' | 'updateVariables' | 'resolveIncident' | 'cancelInstance' | 'getInstance'>;
  readonly db: Pool;
  readonly clock: Clock;
}

/** Who acts: the signed-in user (API) or the operator named on the command line (CLI). */
export interface IncidentActor {
  readonly username: string;
  readonly role: string;
}

/** Bad input, naming the field: the API answers 400, the CLI exits with a usage error. */
export class IncidentInputError extends Error {
  override readonly name = 'IncidentInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The incident is no longer active, or has no job to retry: the API answers 409. */
export class IncidentStateError extends Error {
  override readonly name = 'IncidentStateError';
}

export type IncidentAction = 'variables-edited' | 'retried' | 'resolved' | 'instance-cancelled';

export interface IncidentActionResult {
  readonly incidentKey: string;
  readonly processInstanceKey: string;
  readonly action: IncidentAction;
}

const REASON_MAX = 500;
/** Camunda carries the business key as this variable; editing it would relabel the case. */
const RESERVED_VARIABLES = new Set(['businessKey']);
const ERROR_TYPE = /^[A-Z][A-Z_]{2,60}$/;

export function listIncidents(deps: Pick<IncidentDeps, 'engine'>, filter: IncidentFilter): Promise<Incident[]> {
  if (filter.errorType !== undefined && !ERROR_TYPE.test(filter.errorType)) {
    throw new IncidentInputError('errorType', `errorType 应为大写错误类型，如 JOB_NO_RETRIES / errorType must be an error type such as JOB_NO_RETRIES, not ${JSON.stringify(filter.errorType)}`);
  }
  return deps.engine.searchIncidents(filter);
}

export function showIncident(deps: Pick<IncidentDeps, 'engine'>, incidentKey: string): Promise<IncidentDetail> {
  return deps.engine.getIncident(incidentKey);
}

/** Sets variables in the incident's scope (its element instance, or the instance's root). */
export async function editIncidentVariables(
  deps: IncidentDeps,
  actor: IncidentActor,
  incidentKey: string,
  request: { variables: Variables; local?: boolean; reason: string },
): Promise<IncidentActionResult> {
  const reason = checkReason(request.reason);
  const variables = checkVariables(request.variables);
  const incident = await activeIncident(deps, incidentKey);
  const scope = incident.elementInstanceKey ?? incident.processInstanceKey;
  await deps.engine.updateVariables({ elementInstanceKey: scope, variables, local: request.local ?? false });
  return audit(deps, actor, incident, 'variables-edited', reason, { scope, local: request.local ?? false, variables });
}

/** Operate's "retry": the job gets `retries` again, then the incident is resolved so it runs. */
export async function retryIncident(
  deps: IncidentDeps,
  actor: IncidentActor,
  incidentKey: string,
  request: { retries?: number; reason: string },
): Promise<IncidentActionResult> {
  const reason = checkReason(request.reason);
  const retries = request.retries ?? 1;
  if (!Number.isInteger(retries) || retries < 1 || retries > 100) {
    throw new IncidentInputError('retries', `retries 必须是 1 到 100 的整数 / retries must be an integer from 1 to 100, not ${retries}`);
  }
  const incident = await activeIncident(deps, incidentKey);
  if (!incident.jobKey) {
    throw new IncidentStateError(`事件 ${incidentKey} 没有作业可重试，请修正数据后直接解决 / incident ${incidentKey} has no job to retry: fix the data and resolve it`);
  }
  await deps.engine.updateJobRetries(incident.jobKey, retries);
  await deps.engine.resolveIncident(incidentKey);
  return audit(deps, actor, incident, 'retried', reason, { jobKey: incident.jobKey, retries });
}

/** Marks the incident resolved: what failed is tried again (a job without retries gets one). */
export async function resolveIncident(deps: IncidentDeps, actor: IncidentActor, incidentKey: string, request: { reason: string }): Promise<IncidentActionResult> {
  const reason = checkReason(request.reason);
  const incident = await activeIncident(deps, incidentKey);
  await deps.engine.resolveIncident(incidentKey);
  return audit(deps, actor, incident, 'resolved', reason, {});
}

/**
 * Gives up on the case: cancels its instance from the top (a called child is cancelled with its
 * parent; Zeebe refuses to cancel a child alone). The case's own rows are left for the office to
 * close by its usual means.
 */
export async function cancelIncidentCase(deps: IncidentDeps, actor: IncidentActor, incidentKey: string, request: { reason: string }): Promise<IncidentActionResult> {
  const reason = checkReason(request.reason);
  const incident = await activeIncident(deps, incidentKey);
  let root = incident.processInstanceKey;
  for (let depth = 0; depth < 20; depth++) {
    const parent = (await deps.engine.getInstance(root)).parentProcessInstanceKey;
    if (!parent) break;
    root = parent;
  }
  await deps.engine.cancelInstance(root);
  return audit(deps, actor, incident, 'instance-cancelled', reason, { cancelledInstanceKey: root });
}

async function activeIncident(deps: IncidentDeps, incidentKey: string): Promise<IncidentDetail> {
  const incident = await deps.engine.getIncident(incidentKey);
  if (incident.state !== 'ACTIVE') throw new IncidentStateError(`事件已解决 / incident ${incidentKey} is already resolved`);
  return incident;
}

function checkReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!text) throw new IncidentInputError('reason', 'reason 必填：说明为何这样处理 / reason is required: say why');
  if (text.length > REASON_MAX) throw new IncidentInputError('reason', `reason 不能超过 ${REASON_MAX} 字 / reason must be at most ${REASON_MAX} characters`);
  return text;
}

function checkVariables(variables: unknown): Variables {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw new IncidentInputError('variables', 'variables 必须是对象 / variables must be an object');
  }
  const names = Object.keys(variables);
  if (!names.length) throw new IncidentInputError('variables', 'variables 至少要有一个变量 / variables must set at least one variable');
  const reserved = names.find((n) => RESERVED_VARIABLES.has(n));
  if (reserved) throw new IncidentInputError(`variables/${reserved}`, `${reserved} 是案件标识，不能修改 / ${reserved} identifies the case and cannot be changed`);
  return variables as Variables;
}

/** The case the incident stops: a declaration or a campaign by its business key, else the instance itself. */
function subjectOf(incident: Incident): Pick<AuditEntry, 'subjectType' | 'subjectId'> {
  if (incident.businessKey && incident.processDefinitionId === processIds.declaration) return { subjectType: 'declaration', subjectId: incident.businessKey };
  if (incident.businessKey && incident.processDefinitionId === processIds.campaign) return { subjectType: 'campaign', subjectId: incident.businessKey };
  return { subjectType: 'process_instance', subjectId: incident.processInstanceKey };
}

async function audit(
  deps: IncidentDeps,
  actor: IncidentActor,
  incident: Incident,
  action: IncidentAction,
  reason: string,
  detail: Record<string, unknown>,
): Promise<IncidentActionResult> {
  // After the engine took the fix: an entry is never written for a fix the engine refused.
  await appendAudit(deps.db, {
    actor: actor.username,
    role: actor.role,
    action: `incident.${action}`,
    ...subjectOf(incident),
    reason,
    detail: {
      incidentKey: incident.incidentKey,
      processInstanceKey: incident.processInstanceKey,
      processDefinitionId: incident.processDefinitionId,
      businessKey: incident.businessKey,
      elementId: incident.elementId,
      errorType: incident.errorType,
      errorMessage: incident.errorMessage,
      ...detail,
    },
    at: deps.clock.now(),
  });
  return { incidentKey: incident.incidentKey, processInstanceKey: incident.processInstanceKey, action };
}
