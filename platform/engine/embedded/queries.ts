import type { Pool } from 'pg';
import type { Variables } from '../outcome.ts';
import type {
  Incident,
  IncidentDetail,
  IncidentFilter,
  IncidentJob,
  ProcessInstanceFilter,
  ProcessInstanceRef,
  ProcessInstanceView,
  RejectedCommand,
  UserTask,
  UserTaskFilter,
} from '../port.ts';
import { ROOT, ScopeTree, type ScopeTreeState } from './variable-scopes.ts';

/** The read side of the embedded engine, in the shapes of Camunda's search API. */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

interface UserTaskRow {
  key: string;
  instance_key: string;
  process_id: string;
  business_key: string | null;
  element_id: string;
  element_instance_key: string;
  name: string | null;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_date: Date | null;
  follow_up_date: Date | null;
  form_key: string | null;
  priority: number;
  state: UserTask['state'];
  created_at: Date;
  completed_at: Date | null;
}

const USER_TASK_COLUMNS = `key::text, instance_key::text, process_id, business_key, element_id, element_instance_key, name, assignee,
  candidate_groups, candidate_users, due_date, follow_up_date, form_key, priority, state, created_at, completed_at`;

function toUserTask(row: UserTaskRow): UserTask {
  return {
    userTaskKey: row.key,
    processInstanceKey: row.instance_key,
    processDefinitionId: row.process_id,
    businessKey: row.business_key,
    elementId: row.element_id,
    elementInstanceKey: row.element_instance_key,
    name: row.name,
    assignee: row.assignee,
    candidateGroups: row.candidate_groups,
    candidateUsers: row.candidate_users,
    dueDate: iso(row.due_date),
    followUpDate: iso(row.follow_up_date),
    formKey: row.form_key,
    priority: row.priority,
    state: row.state,
    creationDate: row.created_at.toISOString(),
    completionDate: iso(row.completed_at),
  };
}

export async function searchUserTasks(pool: Pool, filter: UserTaskFilter): Promise<UserTask[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.state) add('state = ?', filter.state);
  if (filter.assignee) add('assignee = ?', filter.assignee);
  if (filter.candidateGroups?.length) add('candidate_groups && ?::text[]', filter.candidateGroups);
  if (filter.candidateUser) add('? = ANY(candidate_users)', filter.candidateUser);
  if (filter.processInstanceKey) add('instance_key = ?', filter.processInstanceKey);
  if (filter.elementId) add('element_id = ?', filter.elementId);
  if (filter.businessKey) add('business_key = ?', filter.businessKey);
  const { rows } = await pool.query<UserTaskRow>(
    `SELECT ${USER_TASK_COLUMNS} FROM engine_user_tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY key`,
    params,
  );
  return rows.map(toUserTask);
}

export async function getUserTask(pool: Pool, userTaskKey: string): Promise<UserTask | undefined> {
  if (!/^\d+$/.test(userTaskKey)) return undefined;
  const { rows } = await pool.query<UserTaskRow>(`SELECT ${USER_TASK_COLUMNS} FROM engine_user_tasks WHERE key = $1`, [userTaskKey]);
  return rows[0] && toUserTask(rows[0]);
}

/** What a user task sees, from its element instance up to the root; undefined for an unknown task. */
export async function getUserTaskVariables(pool: Pool, userTaskKey: string): Promise<Variables | undefined> {
  if (!/^\d+$/.test(userTaskKey)) return undefined;
  const { rows } = await pool.query<{ element_instance_key: string; scopes: ScopeTreeState }>(
    `SELECT t.element_instance_key, i.scopes FROM engine_user_tasks t JOIN engine_instances i ON i.key = t.instance_key WHERE t.key = $1`,
    [userTaskKey],
  );
  return rows[0] && visibleAt(rows[0].scopes ?? {}, rows[0].element_instance_key);
}

interface IncidentRow {
  key: string;
  instance_key: string;
  process_id: string;
  business_key: string | null;
  element_id: string | null;
  element_instance_key: string | null;
  job_key: string | null;
  job_type: string | null;
  error_type: string;
  error_message: string;
  state: Incident['state'];
  created_at: Date;
}

const INCIDENT_COLUMNS = `n.key::text, n.instance_key::text, i.process_id, i.business_key, n.element_id, n.element_instance_key, n.job_key::text,
  j.type AS job_type, n.error_type, n.error_message, n.state, n.created_at`;
const INCIDENT_FROM = `engine_incidents n JOIN engine_instances i ON i.key = n.instance_key LEFT JOIN engine_jobs j ON j.key = n.job_key`;

function toIncident(row: IncidentRow): Incident {
  return {
    incidentKey: row.key,
    processInstanceKey: row.instance_key,
    processDefinitionId: row.process_id,
    businessKey: row.business_key,
    elementId: row.element_id,
    elementInstanceKey: row.element_instance_key,
    jobKey: row.job_key,
    jobType: row.job_type,
    errorType: row.error_type,
    errorMessage: row.error_message,
    state: row.state,
    creationTime: row.created_at.toISOString(),
  };
}

export async function searchIncidents(pool: Pool, filter: IncidentFilter): Promise<Incident[]> {
  if (filter.processInstanceKey !== undefined && !/^\d+$/.test(filter.processInstanceKey)) return [];
  const { rows } = await pool.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM ${INCIDENT_FROM}
      WHERE ($1::bigint IS NULL OR n.instance_key = $1) AND ($2::text IS NULL OR n.state = $2)
        AND ($3::text IS NULL OR i.process_id = $3) AND ($4::text IS NULL OR i.business_key = $4)
        AND ($5::text IS NULL OR n.error_type = $5)
      ORDER BY n.key`,
    [filter.processInstanceKey ?? null, filter.state ?? null, filter.processDefinitionId ?? null, filter.businessKey ?? null, filter.errorType ?? null],
  );
  return rows.map(toIncident);
}

/** Zeebe's names for the embedded job states: waiting for a worker is CREATED, an incident's job FAILED. */
const JOB_STATES: Record<string, IncidentJob['state']> = {
  ACTIVATABLE: 'CREATED',
  FAILED: 'FAILED',
  INCIDENT: 'FAILED',
  COMPLETED: 'COMPLETED',
  ERROR_THROWN: 'ERROR_THROWN',
  CANCELED: 'CANCELED',
};

export async function getIncident(pool: Pool, incidentKey: string): Promise<IncidentDetail | undefined> {
  if (!/^\d+$/.test(incidentKey)) return undefined;
  const { rows } = await pool.query<
    IncidentRow & { scopes: ScopeTreeState; job_retries: number | null; job_error_message: string | null; job_state: string | null }
  >(
    `SELECT ${INCIDENT_COLUMNS}, i.scopes, j.retries AS job_retries, j.error_message AS job_error_message, j.state AS job_state
       FROM ${INCIDENT_FROM} WHERE n.key = $1`,
    [incidentKey],
  );
  const row = rows[0];
  if (!row) return undefined;
  const job: IncidentJob | null =
    row.job_key && row.job_type !== null
      ? { jobKey: row.job_key, type: row.job_type, retries: row.job_retries ?? 0, errorMessage: row.job_error_message, state: JOB_STATES[row.job_state ?? ''] ?? 'FAILED' }
      : null;
  return { ...toIncident(row), job, variables: visibleAt(row.scopes, row.element_instance_key) };
}

/**
 * What the element instance sees: its own scope when it has local variables, else the scope it
 * is anchored in, up to the root. An element that has ended (its scope gone) sees the root.
 */
function visibleAt(state: ScopeTreeState, elementInstanceKey: string | null): Variables {
  const tree = new ScopeTree(state);
  if (elementInstanceKey === null) return tree.visible(ROOT);
  if (tree.has(elementInstanceKey)) return tree.visible(elementInstanceKey);
  const anchor = tree.anchorOf(elementInstanceKey);
  return tree.visible(anchor && tree.has(anchor) ? anchor : ROOT);
}

/** Gives an open job retries; the job's state says what the caller is told when it cannot. */
export async function updateJobRetries(pool: Pool, jobKey: string, retries: number): Promise<'updated' | 'not-found' | 'ended'> {
  if (!/^\d+$/.test(jobKey)) return 'not-found';
  const { rows } = await pool.query<{ updated: boolean }>(
    `WITH target AS (SELECT key, state FROM engine_jobs WHERE key = $1),
          changed AS (
            UPDATE engine_jobs j SET retries = $2 FROM target
             WHERE j.key = target.key AND target.state IN ('ACTIVATABLE', 'FAILED', 'INCIDENT') RETURNING j.key, j.instance_key),
          -- An instance held live in memory by an engine process must be loaded again.
          outdated AS (UPDATE engine_instances i SET lock_version = lock_version + 1 FROM changed WHERE i.key = changed.instance_key)
     SELECT EXISTS (SELECT 1 FROM changed) AS updated FROM target`,
    [jobKey, retries],
  );
  if (!rows[0]) return 'not-found';
  return rows[0].updated ? 'updated' : 'ended';
}

interface InstanceRow {
  key: string;
  process_definition_key: string;
  process_id: string;
  version: number;
  business_key: string | null;
  state: ProcessInstanceView['state'];
  scopes: ScopeTreeState;
  parent_instance_key: string | null;
  started_at: Date;
  ended_at: Date | null;
}

const INSTANCE_COLUMNS = `key::text, process_definition_key::text, process_id, version, business_key, state, scopes,
  parent_instance_key::text, started_at, ended_at`;

type InstanceRefRow = Pick<InstanceRow, 'key' | 'process_definition_key' | 'process_id' | 'version' | 'business_key'>;

function toRef(row: InstanceRefRow): ProcessInstanceRef {
  return {
    processInstanceKey: row.key,
    processDefinitionId: row.process_id,
    processDefinitionKey: row.process_definition_key,
    version: row.version,
    businessKey: row.business_key,
  };
}

export async function searchInstances(pool: Pool, filter: ProcessInstanceFilter): Promise<ProcessInstanceRef[]> {
  // What a reference holds, not the variables (scopes), which may be large.
  const { rows } = await pool.query<InstanceRefRow>(
    `SELECT key::text, process_definition_key::text, process_id, version, business_key FROM engine_instances
      WHERE ($1::text IS NULL OR process_id = $1) AND ($2::text IS NULL OR business_key = $2)
        AND ($3::text IS NULL OR state = $3) AND ($4::bigint IS NULL OR parent_instance_key = $4)
      ORDER BY key`,
    [filter.processDefinitionId ?? null, filter.businessKey ?? null, filter.state ?? null, filter.parentProcessInstanceKey ?? null],
  );
  return rows.map(toRef);
}

export async function getInstance(pool: Pool, processInstanceKey: string): Promise<ProcessInstanceView | undefined> {
  if (!/^\d+$/.test(processInstanceKey)) return undefined;
  const { rows } = await pool.query<InstanceRow>(`SELECT ${INSTANCE_COLUMNS} FROM engine_instances WHERE key = $1`, [processInstanceKey]);
  const row = rows[0];
  if (!row) return undefined;
  const history = await pool.query<{
    element_instance_key: string;
    element_id: string;
    element_type: string;
    state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
    started_at: Date;
    ended_at: Date | null;
  }>(
    `SELECT element_instance_key, element_id, element_type, state, started_at, ended_at FROM engine_element_history WHERE instance_key = $1 ORDER BY seq`,
    [processInstanceKey],
  );
  const incidents = await searchIncidents(pool, { processInstanceKey, state: 'ACTIVE' });
  const rejectedCommands = await searchRejectedCommands(pool, processInstanceKey);
  const elements = history.rows.map((h) => ({
    elementInstanceKey: h.element_instance_key,
    elementId: h.element_id,
    elementType: h.element_type,
    state: h.state,
    startDate: h.started_at.toISOString(),
    endDate: iso(h.ended_at),
  }));
  return {
    ...toRef(row),
    state: row.state,
    parentProcessInstanceKey: row.parent_instance_key,
    startDate: row.started_at.toISOString(),
    endDate: iso(row.ended_at),
    variables: row.scopes.scopes?.[ROOT]?.variables ?? {},
    activeElementIds: [...new Set(elements.filter((e) => e.state === 'ACTIVE').map((e) => e.elementId))],
    incidents,
    history: elements,
    rejectedCommands,
  };
}

/** Commands of the instance that no longer applied when their turn came, oldest first. */
export async function searchRejectedCommands(pool: Pool, processInstanceKey: string): Promise<RejectedCommand[]> {
  const { rows } = await pool.query<{ kind: string; payload: Record<string, unknown>; created_at: Date; rejected_at: Date; rejection: string }>(
    `SELECT kind, payload, created_at, rejected_at, rejection FROM engine_commands WHERE instance_key = $1 AND rejected_at IS NOT NULL ORDER BY id`,
    [processInstanceKey],
  );
  return rows.map((r) => ({
    kind: r.kind,
    userTaskKey: typeof r.payload.userTaskKey === 'string' ? r.payload.userTaskKey : null,
    messageName: typeof r.payload.messageName === 'string' ? r.payload.messageName : null,
    acceptedAt: r.created_at.toISOString(),
    rejectedAt: r.rejected_at.toISOString(),
    reason: r.rejection,
  }));
}
