import { CaseStartPending, startCase, type CaseStartDependencies, type CaseStartTiming } from './case-starts.ts';

/** A pending case start the sweep could not start this time; it tries again next sweep. */
export interface FailedCaseStart {
  readonly processId: string;
  readonly businessKey: string;
  readonly error: unknown;
}

/** How often the running relay looks for pending starts after the first look at start-up. */
export const CASE_START_SWEEP_MS = 60_000;
const BATCH = 100;

/**
 * Starts the recorded cases that are still pending and that nobody holds: those a crash, an
 * engine outage or a failed request left behind (a claim that ran out counts as nobody's).
 * Cases another process is starting right now are left to it.
 * @returns how many cases it started.
 */
export async function startPendingCases(
  deps: CaseStartDependencies,
  onFailure: (failure: FailedCaseStart) => void,
  timing: Omit<CaseStartTiming, 'waitMs'> = {},
): Promise<number> {
  const { rows } = await deps.db.query<{ process_id: string; business_key: string }>(
    `SELECT process_id, business_key FROM case_starts
      WHERE process_instance_key IS NULL AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
      ORDER BY requested_at LIMIT $1`,
    [BATCH],
  );
  let started = 0;
  for (const row of rows) {
    try {
      await startCase(deps, row.process_id, row.business_key, { ...timing, waitMs: 0 });
      started++;
    } catch (error) {
      if (!(error instanceof CaseStartPending)) onFailure({ processId: row.process_id, businessKey: row.business_key, error });
    }
  }
  return started;
}

/**
 * Sweeps at once (a start left pending by a crash is taken up when jingpin starts again), then
 * every {@link CASE_START_SWEEP_MS}. stop() waits for a sweep in progress.
 */
export function runCaseStartRelay(
  deps: CaseStartDependencies,
  onFailure: (failure: FailedCaseStart) => void,
  options: { intervalMs?: number; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  let sweeping: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const sweep = () => {
    sweeping = startPendingCases(deps, onFailure)
      .catch(options.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(sweep, options.intervalMs ?? CASE_START_SWEEP_MS).unref();
      });
  };
  sweep();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sweeping;
    },
  };
}
