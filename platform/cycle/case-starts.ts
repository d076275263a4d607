import { setTimeout as sleep } from 'node:timers/promises';
import { processIds } from '../../bpmn/contract.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import type { Clock } from '../engine/clock.ts';
import type { Variables } from '../engine/outcome.ts';
import { EngineInputError, EngineNotFoundError, type EnginePort } from '../engine/port.ts';

/**
 * Start once per business key, on both engines.
 *
 * A case is started in two steps. First the caller records that it must exist (recordCaseStart),
 * in the same transaction as its own rows: a declaration and its case start commit together or
 * not at all. Then, after the commit, startCase asks the engine and writes the instance key
 * down. A start a crash left pending is taken up again by the relay (case-start-relay.ts).
 *
 * Why not hand the engine our transaction instead: that works only on the embedded engine. On
 * Camunda no transaction spans PostgreSQL and Zeebe, so the instance would be created either
 * before our commit (a rollback leaves a case without its declaration) or after it (a crash
 * leaves a declaration without its case). The recorded start is the same code on both engines.
 *
 * Why not search-then-start: two callers both find nothing and both start, and Camunda's search
 * lags behind the engine by seconds besides. Here one row per case, locked in PostgreSQL, decides:
 * - concurrent callers: the first claims the row (a lease, in database time) and calls the
 *   engine; the others wait until the key is written, and all answer the same instance;
 * - a call whose answer was lost (a timeout, a crash): the row stays claimed until its lease
 *   runs out, longer than a Camunda request may take plus the search lag, so the next claimant's
 *   search sees the instance that call may have made, and adopts it instead of starting another;
 * - the embedded engine also refuses a second root instance for a key itself (business-keys.ts).
 *
 * A business key is held for good, also after its case ended: a withdrawn declaration's number,
 * a year's campaign and a certificate's number each name one case. Zeebe has no such rule.
 */
export interface CaseStartRequest {
  readonly processDefinitionId: string;
  readonly businessKey: string;
  readonly variables: Variables;
}

export interface RecordedCaseStart {
  /** True when this call recorded the start; false when it was recorded before. */
  readonly created: boolean;
  /** True when the earlier record asked for the same variables: a repeat of the same request. */
  readonly sameRequest: boolean;
}

/** The case could not be started in time because another caller is still starting it; try again shortly. */
export class CaseStartPending extends Error {
  override readonly name = 'CaseStartPending';
}

/** No start was ever recorded for this case (a case from before case starts existed, or a wrong key). */
export class NoCaseStart extends Error {
  override readonly name = 'NoCaseStart';
}

export interface CaseStartDependencies {
  readonly db: Pool;
  readonly clock: Clock;
  readonly engine: Pick<EnginePort, 'startInstance' | 'searchInstances'>;
}

export interface CaseStartTiming {
  /** How long a claimant holds a case it is starting (database time). */
  readonly leaseMs?: number;
  /** How long a caller waits for another caller's start before giving up with CaseStartPending. */
  readonly waitMs?: number;
}

/**
 * A claim outlives the slowest engine call (CAMUNDA_REQUEST_TIMEOUT_MS, 30 s by default) plus
 * the seconds by which Camunda's search trails the engine, so that once it runs out a search
 * finds whatever the unanswered call created. Raise it with the request timeout.
 */
export const CASE_START_LEASE_MS = 90_000;
const WAIT_MS = 15_000;

/**
 * Rows that keep their case's instance key, written in the transaction that records it:
 * a declaration's process_instance_key (read by withdrawal and the case views).
 */
const KEEPS_INSTANCE_KEY: Readonly<Record<string, string>> = {
  [processIds.declaration]: 'UPDATE declarations SET process_instance_key = $2 WHERE number = $1 AND process_instance_key IS DISTINCT FROM $2',
};

/** Records, inside the caller's transaction, that the case must exist. A record made before stays as it was. */
export async function recordCaseStart(db: PoolClient, request: CaseStartRequest, at: Date): Promise<RecordedCaseStart> {
  const variables = JSON.stringify(request.variables);
  const inserted = await db.query(
    `INSERT INTO case_starts (process_id, business_key, variables, requested_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [request.processDefinitionId, request.businessKey, variables, at],
  );
  if (inserted.rowCount === 1) return { created: true, sameRequest: true };
  const { rows } = await db.query<{ same: boolean }>(
    'SELECT coalesce(variables = $3::jsonb, false) AS same FROM case_starts WHERE process_id = $1 AND business_key = $2',
    [request.processDefinitionId, request.businessKey, variables],
  );
  return { created: false, sameRequest: rows[0]!.same };
}

/**
 * Starts a recorded case, or answers the instance it has. Concurrent callers get the same key.
 * @throws {NoCaseStart} when nothing was recorded; {@link CaseStartPending} when another caller
 *   holds the start longer than `waitMs`; the engine's error when this caller's start failed.
 */
export async function startCase(deps: CaseStartDependencies, processDefinitionId: string, businessKey: string, timing: CaseStartTiming = {}): Promise<string> {
  const leaseMs = timing.leaseMs ?? CASE_START_LEASE_MS;
  const giveUpAt = Date.now() + (timing.waitMs ?? WAIT_MS);
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    const state = await claim(deps.db, processDefinitionId, businessKey, leaseMs);
    if (state.kind === 'started') return state.processInstanceKey;
    if (state.kind === 'claimed') return startClaimed(deps, { processDefinitionId, businessKey, variables: state.variables }, state.unansweredBefore);
    if (state.kind === 'missing') throw new NoCaseStart(`没有记录要启动的案件 / no case start recorded for ${processDefinitionId} ${businessKey}`);
    if (Date.now() >= giveUpAt) {
      throw new CaseStartPending(`案件 ${businessKey} 正在启动，请稍后重试 / the case ${businessKey} (${processDefinitionId}) is being started; try again shortly`);
    }
    await sleep(pause);
  }
}

type ClaimState =
  | { readonly kind: 'started'; readonly processInstanceKey: string }
  | { readonly kind: 'claimed'; readonly variables: Variables; readonly unansweredBefore: number }
  | { readonly kind: 'busy' }
  | { readonly kind: 'missing' };

/** Claims a pending start for this caller, or says why not. One statement each, no lock held after. */
async function claim(db: Pool, processId: string, businessKey: string, leaseMs: number): Promise<ClaimState> {
  // Counted before the call, so a call whose answer is lost (a crash, a timeout) stays counted.
  const { rows } = await db.query<{ variables: Variables | null; unanswered_before: number }>(
    `UPDATE case_starts SET claimed_until = clock_timestamp() + $3 * interval '1 millisecond', unanswered_attempts = unanswered_attempts + 1
      WHERE process_id = $1 AND business_key = $2 AND process_instance_key IS NULL AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
      RETURNING variables, unanswered_attempts - 1 AS unanswered_before`,
    [processId, businessKey, leaseMs],
  );
  if (rows[0]) return { kind: 'claimed', variables: rows[0].variables ?? {}, unansweredBefore: rows[0].unanswered_before };
  const found = await db.query<{ process_instance_key: string | null }>('SELECT process_instance_key FROM case_starts WHERE process_id = $1 AND business_key = $2', [
    processId,
    businessKey,
  ]);
  const row = found.rows[0];
  if (!row) return { kind: 'missing' };
  return row.process_instance_key ? { kind: 'started', processInstanceKey: row.process_instance_key } : { kind: 'busy' };
}

async function startClaimed(deps: CaseStartDependencies, request: CaseStartRequest, unansweredBefore: number): Promise<string> {
  let processInstanceKey: string | undefined;
  try {
    if (unansweredBefore > 0) {
      // An earlier call may have created the instance without our hearing of it. Its lease has run
      // out since, so the search (Camunda's lags) shows that instance by now; the oldest is the case.
      const found = await deps.engine.searchInstances({ processDefinitionId: request.processDefinitionId, businessKey: request.businessKey });
      processInstanceKey = found[0]?.processInstanceKey;
    }
    processInstanceKey ??= (await deps.engine.startInstance(request)).processInstanceKey;
  } catch (error) {
    // A refusal (no such process, bad variables) created nothing: the next caller may try at once.
    // Any other failure may have created the instance: the claim stays until its lease runs out.
    const refused = error instanceof EngineInputError || error instanceof EngineNotFoundError;
    await deps.db.query(
      `UPDATE case_starts SET last_error = $3,
              claimed_until = CASE WHEN $4 THEN NULL ELSE claimed_until END,
              unanswered_attempts = unanswered_attempts - CASE WHEN $4 THEN 1 ELSE 0 END
        WHERE process_id = $1 AND business_key = $2 AND process_instance_key IS NULL`,
      [request.processDefinitionId, request.businessKey, error instanceof Error ? error.message : String(error), refused],
    );
    throw error;
  }
  return recordStarted(deps, request, processInstanceKey);
}

/**
 * Writes the instance key down, with the rows that keep it. Should a claimant whose lease ran out
 * meanwhile have written one already, that one stays the case's and is the answer.
 */
async function recordStarted(deps: CaseStartDependencies, request: CaseStartRequest, processInstanceKey: string): Promise<string> {
  return withTransaction(deps.db, async (db) => {
    const { rows } = await db.query<{ process_instance_key: string }>(
      `WITH recorded AS (
         UPDATE case_starts SET process_instance_key = $3, started_at = $4, claimed_until = NULL, unanswered_attempts = 0, last_error = NULL
          WHERE process_id = $1 AND business_key = $2 AND process_instance_key IS NULL
          RETURNING process_instance_key)
       SELECT process_instance_key FROM recorded
       UNION ALL
       SELECT process_instance_key FROM case_starts WHERE process_id = $1 AND business_key = $2 AND NOT EXISTS (SELECT 1 FROM recorded)`,
      [request.processDefinitionId, request.businessKey, processInstanceKey, deps.clock.now()],
    );
    const key = rows[0]!.process_instance_key;
    const keep = KEEPS_INSTANCE_KEY[request.processDefinitionId];
    if (keep) await db.query(keep, [request.businessKey, key]);
    return key;
  });
}
