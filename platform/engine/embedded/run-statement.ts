import type { Pool, PoolClient } from 'pg';
import type { EngineCommand, RunEffects } from './run-effects.ts';

/** What the statement needs of the instance it saves. */
export interface SavedInstance {
  readonly key: string;
  readonly lockVersion: number;
  readonly processId: string;
  readonly businessKey: string | null;
  readonly commandId: string | null;
}

/** The instance's next waiting command, read in the same statement (at its snapshot). */
export interface NextCommandRow {
  readonly id: string;
  readonly payload: EngineCommand;
  readonly created_at: Date;
  readonly attempts: number;
  readonly run_after: Date | null;
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * Writes what most runs produce in ONE statement: the instance (only if its lock version is
 * unchanged), the command applied (deleted) or rejected (kept with its reason), jobs, user tasks,
 * closed subscriptions and the element history. A single statement is atomic on its own, so a
 * run that touched nothing else needs no BEGIN and COMMIT, and it reads the instance's next
 * command in the same round trip: a run costs one round trip to the database instead of eight.
 * Each part writes only if the instance row was updated (`EXISTS (SELECT 1 FROM inst)`), so a
 * run that lost its instance to another process writes nothing.
 */
export async function saveRunRows(db: Pool | PoolClient, instance: SavedInstance, effects: RunEffects, now: Date): Promise<{ saved: boolean; next: NextCommandRow | null }> {
  const ended = effects.state !== 'ACTIVE';
  const history = [...effects.history].map(([e, h]) => ({
    element_instance_key: e,
    element_id: h.elementId,
    element_type: h.elementType,
    scope_key: h.scope,
    state: h.state,
    started_at: h.startedAt,
    ended_at: h.endedAt,
    local_seq: h.seq,
  }));
  // A task opened and ended in the same run is written ended: the statement's parts do not see
  // each other's rows.
  const created = new Set(effects.userTasksCreated.map((t) => t.elementInstanceKey));
  const endedTasks = (state: 'COMPLETED' | 'CANCELED') =>
    [...effects.userTasksEnded].filter(([e, s]) => s === state && !created.has(e)).map(([e]) => e);
  const { rows } = await db.query<{ saved: boolean } & Partial<NextCommandRow>>({
    // Named, so each connection parses and plans this statement once, not on every save.
    name: 'jingpin-save-run',
    text: `WITH inst AS (
       UPDATE engine_instances SET engine_state = $3, scopes = $4, next_wake_at = $5, state = $6, ended_at = $7, lock_version = lock_version + 1,
              lease_owner = CASE WHEN $8 THEN NULL ELSE lease_owner END, lease_expires_at = CASE WHEN $8 THEN NULL ELSE lease_expires_at END
        WHERE key = $1 AND lock_version = $2 RETURNING key
     ), applied AS (
       DELETE FROM engine_commands WHERE id = $9::bigint AND $10::text IS NULL AND EXISTS (SELECT 1 FROM inst)
     ), rejected AS (
       UPDATE engine_commands SET rejected_at = $11::timestamptz, rejection = $10 WHERE id = $9::bigint AND $10::text IS NOT NULL AND EXISTS (SELECT 1 FROM inst)
     ), jobs AS (
       INSERT INTO engine_jobs (key, instance_key, element_id, element_instance_key, type, retries, state, retry_at, error_message, custom_headers, created_at, ended_at,
              attempts, worker, deadline)
       SELECT x.key, $1, x.element_id, x.element_instance_key, x.type, x.retries, x.state, x.retry_at, x.error_message, x.custom_headers, x.created_at, x.ended_at,
              x.attempts, x.worker, x.deadline
         FROM jsonb_to_recordset($12) AS x(key bigint, element_id text, element_instance_key text, type text, retries int, state text,
              retry_at timestamptz, error_message text, custom_headers jsonb, created_at timestamptz, ended_at timestamptz,
              attempts int, worker text, deadline timestamptz)
        WHERE EXISTS (SELECT 1 FROM inst)
       ON CONFLICT (instance_key, element_instance_key) DO UPDATE
         SET retries = EXCLUDED.retries, state = EXCLUDED.state, retry_at = EXCLUDED.retry_at,
             error_message = EXCLUDED.error_message, ended_at = EXCLUDED.ended_at,
             attempts = EXCLUDED.attempts, worker = EXCLUDED.worker, deadline = EXCLUDED.deadline
     ), tasks_created AS (
       INSERT INTO engine_user_tasks (key, instance_key, process_id, business_key, element_id, element_instance_key, name, assignee,
              candidate_groups, candidate_users, due_date, follow_up_date, form_key, priority, state, created_at, completed_at)
       SELECT x.key, $1, $13, $14, x.element_id, x.element_instance_key, x.name, x.assignee,
              ARRAY(SELECT jsonb_array_elements_text(x.candidate_groups)), ARRAY(SELECT jsonb_array_elements_text(x.candidate_users)),
              x.due_date, x.follow_up_date, x.form_key, x.priority, x.state, x.created_at, x.completed_at
         FROM jsonb_to_recordset($15) AS x(key bigint, element_id text, element_instance_key text, name text, assignee text,
              candidate_groups jsonb, candidate_users jsonb, due_date timestamptz, follow_up_date timestamptz, form_key text,
              priority int, state text, created_at timestamptz, completed_at timestamptz)
        WHERE EXISTS (SELECT 1 FROM inst)
       ON CONFLICT (instance_key, element_instance_key) DO NOTHING
     ), tasks_ended AS (
       UPDATE engine_user_tasks SET state = CASE WHEN element_instance_key = ANY($16::text[]) THEN 'COMPLETED' ELSE 'CANCELED' END, completed_at = $11
        WHERE instance_key = $1 AND element_instance_key = ANY($16::text[] || $17::text[]) AND state = 'CREATED' AND EXISTS (SELECT 1 FROM inst)
     ), subscriptions_closed AS (
       DELETE FROM engine_message_subscriptions WHERE instance_key = $1 AND element_instance_key = ANY($18::text[]) AND EXISTS (SELECT 1 FROM inst)
     ), history_started AS (
       INSERT INTO engine_element_history (instance_key, element_instance_key, element_id, element_type, scope_key, state, started_at, ended_at)
       SELECT $1, x.element_instance_key, x.element_id, x.element_type, x.scope_key, x.state, x.started_at, x.ended_at
         FROM jsonb_to_recordset($19) AS x(element_instance_key text, element_id text, element_type text, scope_key text, state text,
              started_at timestamptz, ended_at timestamptz, local_seq int)
        WHERE x.local_seq >= 0 AND EXISTS (SELECT 1 FROM inst)
        ORDER BY x.local_seq
       ON CONFLICT (instance_key, element_instance_key) DO UPDATE SET state = EXCLUDED.state, ended_at = EXCLUDED.ended_at
        WHERE engine_element_history.state = 'ACTIVE'
     ), history_ended AS (
       -- Started in an earlier run: only its end is new.
       UPDATE engine_element_history h SET state = x.state, ended_at = x.ended_at
         FROM jsonb_to_recordset($19) AS x(element_instance_key text, state text, ended_at timestamptz, local_seq int)
        WHERE x.local_seq < 0 AND h.instance_key = $1 AND h.element_instance_key = x.element_instance_key AND h.state = 'ACTIVE'
          AND EXISTS (SELECT 1 FROM inst)
     )
     SELECT EXISTS (SELECT 1 FROM inst) AS saved, c.id::text, c.payload, c.created_at, c.attempts, c.run_after
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT id, payload, created_at, attempts, run_after FROM engine_commands
                           WHERE instance_key = $1 AND rejected_at IS NULL AND id IS DISTINCT FROM $9::bigint ORDER BY id LIMIT 1) c ON true`,
    values: [
      instance.key,
      instance.lockVersion,
      json(effects.engineState),
      json(effects.scopes),
      effects.nextWakeAt,
      effects.state,
      ended ? now : null,
      ended,
      instance.commandId,
      effects.rejection,
      now,
      json(
        [...effects.jobs.values()].map((j) => ({
          key: j.key,
          element_id: j.elementId,
          element_instance_key: j.elementInstanceKey,
          type: j.type,
          retries: j.retries,
          state: j.state,
          retry_at: j.retryAt,
          error_message: j.errorMessage,
          custom_headers: j.customHeaders,
          created_at: j.createdAt,
          ended_at: j.endedAt,
          attempts: j.attempts,
          worker: j.worker,
          deadline: j.deadline,
        })),
      ),
      instance.processId,
      instance.businessKey,
      json(
        effects.userTasksCreated.map((t) => ({
          key: t.key,
          element_id: t.elementId,
          element_instance_key: t.elementInstanceKey,
          name: t.name,
          assignee: t.assignee,
          candidate_groups: t.candidateGroups,
          candidate_users: t.candidateUsers,
          due_date: t.dueDate,
          follow_up_date: t.followUpDate,
          form_key: t.formKey,
          priority: t.priority,
          state: effects.userTasksEnded.get(t.elementInstanceKey) ?? 'CREATED',
          created_at: t.createdAt,
          completed_at: effects.userTasksEnded.has(t.elementInstanceKey) ? now : null,
        })),
      ),
      endedTasks('COMPLETED'),
      endedTasks('CANCELED'),
      [...effects.subscriptionsClosed],
      json(history),
    ],
  });
  const row = rows[0]!;
  const next = row.id ? { id: row.id, payload: row.payload!, created_at: row.created_at!, attempts: row.attempts!, run_after: row.run_after ?? null } : null;
  return { saved: row.saved, next };
}
