import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../db/pool.ts';
import type { Variables } from '../outcome.ts';
import { EngineConflictError } from '../port.ts';
import type { InstanceSnapshot } from './run-context.ts';
import type { EngineCommand, JobRecord, RunEffects } from './run-effects.ts';
import { saveRunRows } from './run-statement.ts';
import type { ScopeTreeState } from './variable-scopes.ts';
import { ScopeTree } from './variable-scopes.ts';

/** An instance with the command to apply next (or a wake-up when only timers or retries are due). */
export interface PendingWork extends LoadedInstance, NextCommand {}

/** An instance's row and its next command, without its saved state: enough for a hot instance. */
export interface InstanceHead {
  readonly state: string;
  readonly lockVersion: number;
  readonly next: NextCommand | null;
}

/** The command an instance applies next. */
export interface NextCommand {
  readonly commandId: string | null;
  readonly command: EngineCommand;
  readonly acceptedAt: Date;
  readonly commandAttempts: number;
}

/** An instance as saved, ready to be recovered. */
export interface LoadedInstance {
  snapshot: InstanceSnapshot;
  lockVersion: number;
  parentKey: string | null;
  parentElementInstance: string | null;
}

/** Tries a failing command gets before it becomes an incident. */
export const COMMAND_TRIES = 3;

interface InstanceRow {
  key: string;
  process_definition_key: string;
  process_id: string;
  version: number;
  business_key: string | null;
  state: string;
  engine_state: InstanceSnapshot['engineState'];
  scopes: ScopeTreeState;
  next_wake_at: Date | null;
  lock_version: number;
  parent_instance_key: string | null;
  parent_element_instance: string | null;
  command_id: string | null;
  command: EngineCommand | null;
  command_created_at: Date | null;
  command_attempts: number | null;
  command_run_after: Date | null;
  jobs: JobRowJson[];
  tasks: string[];
  subscriptions: InstanceSnapshot['openSubscriptions'];
  children: string[];
  incidents: string[];
}

interface JobRowJson {
  key: string;
  element_id: string;
  element_instance_key: string;
  type: string;
  retries: number;
  state: JobRecord['state'];
  retry_at: string | null;
  error_message: string | null;
  custom_headers: Record<string, string>;
  created_at: string;
  attempts: number;
  worker: string | null;
  deadline: string | null;
}

export interface NewInstance {
  key: string;
  definitionKey: string;
  processId: string;
  version: number;
  businessKey: string | null;
  variables: Variables;
  parentKey?: string;
  parentElementInstance?: string;
}

const json = (value: unknown) => JSON.stringify(value);

/** PostgreSQL side of the embedded engine: loading a run's inputs and saving its effects atomically. */
export class InstanceStore {
  readonly #runPool: Pool;

  /** @param runPool where the one-statement saves of runs go (EmbeddedEngineOptions.runCommit). */
  constructor(
    readonly pool: Pool,
    runPool: Pool = pool,
  ) {
    this.#runPool = runPool;
  }

  transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, fn);
  }

  /** Inserts the instance with its start command (one statement, so never one without the other). */
  async insertInstance(db: Pool | PoolClient, instance: NewInstance, now: Date): Promise<void> {
    await db.query(
      `WITH instance AS (
         INSERT INTO engine_instances (key, process_definition_key, process_id, version, business_key, state, scopes, parent_instance_key, parent_element_instance, started_at)
         VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7, $8, $9) RETURNING key)
       INSERT INTO engine_commands (instance_key, kind, payload, created_at) SELECT key, 'start', '{"kind":"start"}', $9 FROM instance`,
      [
        instance.key,
        instance.definitionKey,
        instance.processId,
        instance.version,
        instance.businessKey,
        json(ScopeTree.withVariables(instance.variables)),
        instance.parentKey ?? null,
        instance.parentElementInstance ?? null,
        now,
      ],
    );
  }

  /**
   * A write made beside the instance's runs (a job given retries, an incident resolved): a
   * process holding the instance live in memory must load it again, and a run under way must not
   * save over it.
   */
  async outdate(db: Pool | PoolClient, instanceKey: string): Promise<void> {
    await db.query('UPDATE engine_instances SET lock_version = lock_version + 1 WHERE key = $1', [instanceKey]);
  }

  async enqueue(db: Pool | PoolClient, instanceKey: string, command: EngineCommand, now: Date): Promise<void> {
    await db.query('INSERT INTO engine_commands (instance_key, kind, payload, created_at) VALUES ($1, $2, $3, $4)', [
      instanceKey,
      command.kind,
      json(command),
      now,
    ]);
  }

  /**
   * Claims instances with work due for `owner`: a command waiting (past its backoff) or a timer
   * or job retry due. An instance is claimed only if its lease is free, expired or already
   * `owner`'s; rows another process is claiming at this moment are skipped, not waited for.
   */
  async claimWork(owner: string, now: Date, limit: number, leaseMs: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ key: string }>(
      `WITH due AS (
         (SELECT instance_key AS key FROM engine_commands c WHERE rejected_at IS NULL
             AND id = (SELECT min(id) FROM engine_commands f WHERE f.instance_key = c.instance_key AND f.rejected_at IS NULL)
             AND (run_after IS NULL OR run_after <= $2)
           ORDER BY id LIMIT $3)
         UNION
         (SELECT key FROM engine_instances WHERE state = 'ACTIVE' AND next_wake_at <= $2 ORDER BY next_wake_at LIMIT $3)
         UNION
         -- Held by a process whose lease ran out with jobs activated: it died, or lost touch.
         (SELECT key FROM engine_instances i WHERE state = 'ACTIVE' AND lease_owner <> $1 AND lease_expires_at < clock_timestamp()
             AND EXISTS (SELECT 1 FROM engine_jobs j WHERE j.instance_key = i.key AND j.state = 'ACTIVATED')
           LIMIT $3)
       ), free AS (
         SELECT i.key FROM engine_instances i JOIN due USING (key)
          WHERE i.lease_owner IS NULL OR i.lease_owner = $1 OR i.lease_expires_at < clock_timestamp()
          ORDER BY i.key FOR UPDATE OF i SKIP LOCKED
       )
       UPDATE engine_instances i SET lease_owner = $1, lease_expires_at = clock_timestamp() + $4 * interval '1 millisecond',
              -- Taken over: wake it now, so the jobs the last owner held are activated anew.
              next_wake_at = CASE WHEN i.lease_owner IS NOT NULL AND i.lease_owner <> $1 AND i.state = 'ACTIVE'
                                  THEN LEAST(coalesce(i.next_wake_at, $2), $2) ELSE i.next_wake_at END
         FROM free WHERE i.key = free.key
       RETURNING i.key::text`,
      [owner, now, limit, leaseMs],
    );
    return rows.map((r) => r.key);
  }

  /** Extends `owner`'s leases on these instances; returns those it still holds. */
  async renewLeases(owner: string, instanceKeys: readonly string[], leaseMs: number): Promise<Set<string>> {
    if (!instanceKeys.length) return new Set();
    const { rows } = await this.pool.query<{ key: string }>(
      `UPDATE engine_instances SET lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond'
        WHERE key = ANY($2::bigint[]) AND lease_owner = $1 RETURNING key::text`,
      [owner, instanceKeys, leaseMs],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** Gives up `owner`'s leases on these instances (evicted from memory, or the process stops). */
  async releaseLeases(owner: string, instanceKeys: readonly string[]): Promise<void> {
    if (!instanceKeys.length) return;
    await this.pool.query(`UPDATE engine_instances SET lease_owner = NULL, lease_expires_at = NULL WHERE key = ANY($2::bigint[]) AND lease_owner = $1`, [
      owner,
      instanceKeys,
    ]);
  }

  /** The instance's row and next command, for an instance live in memory; null when it has nothing to do. */
  async head(instanceKey: string, now: Date): Promise<InstanceHead | null> {
    const { rows } = await this.pool.query<InstanceRow>(
      `SELECT i.state, i.lock_version, i.next_wake_at, i.parent_instance_key::text, i.parent_element_instance,
              c.id::text AS command_id, c.payload AS command, c.created_at AS command_created_at, c.attempts AS command_attempts, c.run_after AS command_run_after
         FROM engine_instances i
         LEFT JOIN LATERAL (SELECT id, payload, created_at, attempts, run_after FROM engine_commands WHERE instance_key = i.key AND rejected_at IS NULL ORDER BY id LIMIT 1) c ON true
        WHERE i.key = $1`,
      [instanceKey],
    );
    const row = rows[0];
    if (!row) return null;
    return { state: row.state, lockVersion: row.lock_version, next: nextCommand(row, now) };
  }

  /** The instance as saved, with what is open in it; null when there is no such instance. */
  async load(instanceKey: string): Promise<LoadedInstance | null> {
    const { rows } = await this.pool.query<InstanceRow>(
      `SELECT i.key::text, i.process_definition_key::text, i.process_id, i.version, i.business_key, i.state, i.engine_state, i.scopes,
              i.next_wake_at, i.lock_version, i.parent_instance_key::text, i.parent_element_instance,
              c.id::text AS command_id, c.payload AS command, c.created_at AS command_created_at, c.attempts AS command_attempts, c.run_after AS command_run_after,
              (SELECT coalesce(json_agg(j), '[]') FROM engine_jobs j WHERE j.instance_key = i.key AND j.state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'INCIDENT')) AS jobs,
              (SELECT coalesce(json_agg(t.element_instance_key), '[]') FROM engine_user_tasks t WHERE t.instance_key = i.key AND t.state = 'CREATED') AS tasks,
              (SELECT coalesce(json_agg(json_build_object('elementInstanceKey', s.element_instance_key, 'elementId', s.element_id, 'messageName', s.message_name)), '[]')
                 FROM engine_message_subscriptions s WHERE s.instance_key = i.key) AS subscriptions,
              (SELECT coalesce(json_agg(ch.parent_element_instance), '[]') FROM engine_instances ch WHERE ch.parent_instance_key = i.key AND ch.state = 'ACTIVE') AS children,
              (SELECT coalesce(json_agg(n.element_instance_key), '[]') FROM engine_incidents n WHERE n.instance_key = i.key AND n.state = 'ACTIVE' AND n.element_instance_key IS NOT NULL) AS incidents
         FROM engine_instances i
         LEFT JOIN LATERAL (SELECT id, payload, created_at, attempts, run_after FROM engine_commands
                             WHERE instance_key = i.key AND rejected_at IS NULL ORDER BY id LIMIT 1) c ON true
        WHERE i.key = $1`,
      [instanceKey],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      snapshot: {
        key: row.key,
        definitionKey: row.process_definition_key,
        processId: row.process_id,
        businessKey: row.business_key,
        engineState: row.engine_state,
        scopes: row.scopes,
        openJobs: row.jobs.map((j) => ({
          key: String(j.key),
          elementId: j.element_id,
          elementInstanceKey: j.element_instance_key,
          type: j.type,
          retries: j.retries,
          state: j.state,
          retryAt: j.retry_at ? new Date(j.retry_at) : null,
          errorMessage: j.error_message,
          customHeaders: j.custom_headers,
          createdAt: new Date(j.created_at),
          endedAt: null,
          attempts: j.attempts,
          worker: j.worker,
          deadline: j.deadline ? new Date(j.deadline) : null,
        })),
        openUserTasks: row.tasks,
        openSubscriptions: row.subscriptions,
        calledChildren: row.children,
        openIncidents: row.incidents,
      },
      lockVersion: row.lock_version,
      parentKey: row.parent_instance_key,
      parentElementInstance: row.parent_element_instance,
    };
  }

  /**
   * Buffered messages whose time to live has passed can no longer correlate: removed with the
   * record of where they correlated, in one statement. All of them, or those of one name and key
   * (a publish frees the id an expired message held).
   */
  async deleteExpiredMessages(now: Date, db: Pool | PoolClient = this.pool, only?: { name: string; correlationKey: string }): Promise<void> {
    await db.query(
      `WITH gone AS (
         DELETE FROM engine_messages WHERE expires_at <= $1 AND ($2::text IS NULL OR (name = $2 AND correlation_key = $3)) RETURNING key
       )
       DELETE FROM engine_message_correlations c USING gone WHERE c.message_key = gone.key`,
      [now, only?.name ?? null, only?.correlationKey ?? null],
    );
  }

  /** A command that no longer applies (its instance ended) stays on record as rejected, with the reason. */
  async rejectCommand(commandId: string, reason: string, now: Date): Promise<void> {
    await this.pool.query('UPDATE engine_commands SET rejected_at = $2, rejection = $3 WHERE id = $1 AND rejected_at IS NULL', [commandId, now, reason]);
  }

  /**
   * Saves a run: the instance (only if nobody else advanced it since it was loaded), the command
   * it consumed, and every row it produced, in one transaction.
   */
  async save(work: PendingWork, effects: RunEffects, rootVariables: Variables, now: Date): Promise<NextCommand | null | undefined> {
    const key = work.snapshot.key;
    const instance = { key, lockVersion: work.lockVersion, processId: work.snapshot.processId, businessKey: work.snapshot.businessKey, commandId: work.commandId };
    const conflict = () => new EngineConflictError(`instance ${key} was advanced by another engine process`);
    if (touchesOnlyItsOwnRows(effects)) {
      const { saved, next } = await saveRunRows(this.#runPool, instance, effects, now);
      if (!saved) throw conflict();
      return nextCommand(
        {
          state: effects.state,
          next_wake_at: effects.nextWakeAt,
          command_id: next?.id ?? null,
          command: next?.payload ?? null,
          command_created_at: next?.created_at ?? null,
          command_attempts: next?.attempts ?? null,
          command_run_after: next?.run_after ?? null,
        },
        now,
      );
    }
    await withTransaction(this.pool, async (db) => {
      const { saved } = await saveRunRows(db, instance, effects, now);
      if (!saved) throw conflict();
      for (const message of effects.uncorrelated) {
        await db.query('DELETE FROM engine_message_correlations WHERE message_key = $1 AND process_id = $2', [message.messageKey, message.processId]);
      }
      await this.#saveSubscriptions(db, key, work.snapshot.processId, effects, now);
      await this.#terminateInside(db, key, effects, now);
      await this.#saveIncidents(db, key, effects.incidents, now);
      for (const child of effects.childInstances) {
        await this.insertInstance(db, { ...child, parentKey: key, parentElementInstance: child.parentElementInstance }, now);
      }
      if (effects.childrenToCancel.size) {
        await db.query(
          `INSERT INTO engine_commands (instance_key, kind, payload, created_at)
           SELECT key, 'cancel', '{"kind":"cancel"}', $3 FROM engine_instances
            WHERE parent_instance_key = $1 AND parent_element_instance = ANY($2) AND state = 'ACTIVE'`,
          [key, [...effects.childrenToCancel], now],
        );
      }
      if (effects.state === 'COMPLETED' && work.parentKey && work.parentElementInstance) {
        await this.enqueue(
          db,
          work.parentKey,
          { kind: 'childCompleted', childInstanceKey: key, elementInstanceKey: work.parentElementInstance, variables: rootVariables },
          now,
        );
      }
    });
    return undefined;
  }

  async #saveSubscriptions(db: PoolClient, instanceKey: string, processId: string, effects: RunEffects, now: Date): Promise<void> {
    if (effects.state !== 'ACTIVE') {
      await db.query('DELETE FROM engine_message_subscriptions WHERE instance_key = $1', [instanceKey]);
      return;
    }
    for (const subscription of effects.subscriptionsOpened) {
      await db.query(
        `INSERT INTO engine_message_subscriptions (instance_key, element_instance_key, element_id, message_ref, message_name, correlation_key, process_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [instanceKey, subscription.elementInstanceKey, subscription.elementId, subscription.messageRef, subscription.messageName, subscription.correlationKey, processId],
      );
      // A message published before this subscription opened and still alive correlates now.
      // The lock orders this against publishMessage, so neither can miss the other.
      await lockMessage(db, subscription.messageName, subscription.correlationKey);
      const { rows } = await db.query<{ key: string; variables: Variables }>(
        `SELECT m.key::text, m.variables FROM engine_messages m
          WHERE m.name = $1 AND m.correlation_key = $2 AND m.expires_at > $3
            AND NOT EXISTS (SELECT 1 FROM engine_message_correlations c WHERE c.message_key = m.key AND c.process_id = $4)
          ORDER BY m.key LIMIT 1`,
        [subscription.messageName, subscription.correlationKey, now, processId],
      );
      const message = rows[0];
      if (!message) continue;
      await db.query('INSERT INTO engine_message_correlations (message_key, process_id, instance_key) VALUES ($1, $2, $3)', [message.key, processId, instanceKey]);
      await this.enqueue(
        db,
        instanceKey,
        {
          kind: 'correlate',
          messageKey: message.key,
          messageName: subscription.messageName,
          elementInstanceKey: subscription.elementInstanceKey,
          elementId: subscription.elementId,
          messageRef: subscription.messageRef,
          variables: message.variables,
        },
        now,
      );
    }
  }

  /** What was still active inside an element that ended early, or in an instance that ended, ends too. */
  async #terminateInside(db: PoolClient, instanceKey: string, effects: RunEffects, now: Date): Promise<void> {
    if (effects.state !== 'ACTIVE') {
      await db.query(`UPDATE engine_element_history SET state = 'TERMINATED', ended_at = $2 WHERE instance_key = $1 AND state = 'ACTIVE'`, [instanceKey, now]);
      // An ended instance has nothing left to resolve (as in Zeebe).
      await db.query(`UPDATE engine_incidents SET state = 'RESOLVED', resolved_at = $2 WHERE instance_key = $1 AND state = 'ACTIVE'`, [instanceKey, now]);
      return;
    }
    if (!effects.terminated.size) return;
    await db.query(
      `WITH RECURSIVE inside (key) AS (
         SELECT unnest($2::text[])
         UNION
         SELECT h.element_instance_key FROM engine_element_history h JOIN inside ON h.scope_key = inside.key WHERE h.instance_key = $1)
       UPDATE engine_element_history SET state = 'TERMINATED', ended_at = $3
        WHERE instance_key = $1 AND state = 'ACTIVE' AND element_instance_key IN (SELECT key FROM inside)`,
      [instanceKey, [...effects.terminated], now],
    );
  }

  async #saveIncidents(db: PoolClient, instanceKey: string, incidents: RunEffects['incidents'], now: Date): Promise<void> {
    for (const incident of incidents) {
      await db.query(
        `INSERT INTO engine_incidents (key, instance_key, element_id, element_instance_key, job_key, error_type, error_message, state, failed_command, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8, $9)`,
        [incident.key, instanceKey, incident.elementId, incident.elementInstanceKey, incident.jobKey, incident.errorType, incident.errorMessage, incident.failedCommand ? json(incident.failedCommand) : null, now],
      );
    }
  }

  /**
   * A run that failed leaves the instance as it was; the command moves into an incident that a
   * person resolves, which replays it. The wake-up is cleared so a failing timer does not spin.
   */
  async recordFailure(
    work: PendingWork,
    incident: { key: string; errorType: string; errorMessage: string; elementId: string | null; elementInstanceKey: string | null },
    now: Date,
  ): Promise<void> {
    await withTransaction(this.pool, async (db) => {
      // Another process advanced the instance since it was loaded: its failure is not this one's.
      const updated = await db.query('UPDATE engine_instances SET next_wake_at = NULL, lock_version = lock_version + 1 WHERE key = $1 AND lock_version = $2', [
        work.snapshot.key,
        work.lockVersion,
      ]);
      if (updated.rowCount !== 1) throw new EngineConflictError(`instance ${work.snapshot.key} was advanced by another engine process`);
      if (work.commandId) await db.query('DELETE FROM engine_commands WHERE id = $1', [work.commandId]);
      await this.#saveIncidents(db, work.snapshot.key, [{ ...incident, jobKey: null, failedCommand: work.command }], now);
    });
  }

  /**
   * A command that threw for another reason than a run failure (a bug, a broken payload, the
   * database going away) is tried again after a backoff of 1 s, 2 s, 4 s ... on the engine clock;
   * after {@link COMMAND_TRIES} tries it becomes an incident holding the command, which a person
   * resolves to replay it. It holds back only its own instance's later commands.
   * Returns the incident written, if any.
   */
  async recordCommandError(
    work: { instanceKey: string; commandId: string; command: EngineCommand; attempts: number },
    incident: { key: string; errorMessage: string },
    now: Date,
  ): Promise<boolean> {
    return withTransaction(this.pool, async (db) => {
      const attempts = work.attempts + 1;
      if (attempts < COMMAND_TRIES) {
        const runAfter = new Date(now.getTime() + 1000 * 2 ** (attempts - 1));
        await db.query('UPDATE engine_commands SET attempts = $2, run_after = $3, last_error = $4 WHERE id = $1', [work.commandId, attempts, runAfter, incident.errorMessage]);
        return false;
      }
      const { rowCount } = await db.query('DELETE FROM engine_commands WHERE id = $1', [work.commandId]);
      if (rowCount !== 1) return false;
      await this.#saveIncidents(
        db,
        work.instanceKey,
        [{ key: incident.key, elementId: null, elementInstanceKey: null, jobKey: null, errorType: 'UNKNOWN', errorMessage: incident.errorMessage, failedCommand: work.command }],
        now,
      );
      return true;
    });
  }

  /** Cancels an instance without running it: its tasks, jobs, subscriptions and called children end too. */
  async terminate(work: { instanceKey: string; commandId: string | null }, now: Date): Promise<void> {
    const key = work.instanceKey;
    await withTransaction(this.pool, async (db) => {
      if (work.commandId) await db.query('DELETE FROM engine_commands WHERE id = $1', [work.commandId]);
      const updated = await db.query(
        `UPDATE engine_instances SET state = 'TERMINATED', ended_at = $2, next_wake_at = NULL, lock_version = lock_version + 1,
                lease_owner = NULL, lease_expires_at = NULL
          WHERE key = $1 AND state = 'ACTIVE'`,
        [key, now],
      );
      if (updated.rowCount !== 1) return;
      await db.query(`UPDATE engine_user_tasks SET state = 'CANCELED', completed_at = $2 WHERE instance_key = $1 AND state = 'CREATED'`, [key, now]);
      await db.query(
        `UPDATE engine_jobs SET state = 'CANCELED', ended_at = $2 WHERE instance_key = $1 AND state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'INCIDENT')`,
        [key, now],
      );
      await db.query(`UPDATE engine_incidents SET state = 'RESOLVED', resolved_at = $2 WHERE instance_key = $1 AND state = 'ACTIVE'`, [key, now]);
      await db.query('DELETE FROM engine_message_subscriptions WHERE instance_key = $1', [key]);
      await db.query(`UPDATE engine_element_history SET state = 'TERMINATED', ended_at = $2 WHERE instance_key = $1 AND state = 'ACTIVE'`, [key, now]);
      await db.query(
        `INSERT INTO engine_commands (instance_key, kind, payload, created_at)
         SELECT key, 'cancel', '{"kind":"cancel"}', $2 FROM engine_instances WHERE parent_instance_key = $1 AND state = 'ACTIVE'`,
        [key, now],
      );
    });
  }
}

/** Serialises publishers and subscribers of one (message name, correlation key). */
export async function lockMessage(db: PoolClient, name: string, correlationKey: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [name, correlationKey]);
}

/** The command to apply next: the oldest one waiting (unless it backs off), else a wake-up if a timer or retry is due. */
function nextCommand(
  row: Pick<InstanceRow, 'state' | 'next_wake_at' | 'command_id' | 'command' | 'command_created_at' | 'command_attempts' | 'command_run_after'>,
  now: Date,
): NextCommand | null {
  if (row.command_id && row.command) {
    // Later commands wait behind one that backs off: they were accepted after it.
    if (row.command_run_after && row.command_run_after.getTime() > now.getTime()) return null;
    return { commandId: row.command_id, command: row.command, acceptedAt: row.command_created_at ?? now, commandAttempts: row.command_attempts ?? 0 };
  }
  if (row.state !== 'ACTIVE' || !row.next_wake_at || row.next_wake_at.getTime() > now.getTime()) return null;
  return { commandId: null, command: { kind: 'wake' }, acceptedAt: now, commandAttempts: 0 };
}

/** A run whose writes all go to its instance's own rows, so one statement saves it. */
function touchesOnlyItsOwnRows(effects: RunEffects): boolean {
  return (
    effects.state === 'ACTIVE' &&
    !effects.subscriptionsOpened.length &&
    !effects.uncorrelated.length &&
    !effects.terminated.size &&
    !effects.incidents.length &&
    !effects.childInstances.length &&
    !effects.childrenToCancel.size
  );
}
