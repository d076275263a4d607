import path from 'node:path';
import { buildApp } from '../api/app.ts';
import { listen } from '../api/server.ts';
import type { Config } from '../platform/config.ts';
import { createPool } from '../platform/db/pool.ts';
import { systemClock } from '../platform/engine/clock.ts';
import { deployModels } from '../platform/engine/deploy-models.ts';
import { createEngine } from '../platform/engine/index.ts';
import { createLogger, type Logger } from '../platform/log.ts';
import { buildWorkerRegistry } from '../workers/registry.ts';
import { startNotifications, type RunningNotifications } from '../workers/queues/notifications.ts';
import type { DeliveryPolicy } from '../platform/queue/notification-queue.ts';
import { loadWorkingDayCalendar } from '../platform/db/calendar-years.ts';
import { CreditRecordsRegistry } from '../platform/credit/credit-records-registry.ts';
import { runCaseStartRelay } from '../platform/cycle/case-start-relay.ts';

const MODELS = path.join(import.meta.dirname, '..', 'bpmn');

/** A running jingpin: its address, and how to stop it. */
export interface RunningSystem {
  /** Where the HTTP API listens, e.g. `http://127.0.0.1:3000`. */
  readonly address: string;
  /** Stops taking requests, then stops the engine, then closes the database pool. */
  close(): Promise<void>;
}

/**
 * Wires jingpin together and starts listening: the one place that picks the engine by
 * `ENGINE` and hands it to the API (and, later, to the worker registry).
 * Expects the database to be migrated already.
 */
export async function startSystem(
  config: Config,
  { logger = createLogger(config.LOG_LEVEL), deliveryPolicy }: { logger?: Logger; /** Mail retries; tests shorten the backoff. */ deliveryPolicy?: DeliveryPolicy } = {},
): Promise<RunningSystem> {
  const pool = createPool(config, logger);
  const engine = createEngine(config, {
    pool,
    clock: systemClock,
    onError: (error) => logger.error({ err: error }, '流程引擎错误 / engine error'),
    logger,
  });
  const app = buildApp({ config, engine, clock: systemClock, logger, pool });
  let notifications: RunningNotifications | undefined;
  let caseStarts: { stop(): Promise<void> } | undefined;

  // Reverse start order: nothing new arrives while the engine drains, and both still have
  // the pool until they are done; the mail sender finishes after the engine's last notify job.
  const close = async () => {
    await app.close();
    await caseStarts?.stop();
    await engine.stop();
    await notifications?.close();
    await pool.end();
  };
  try {
    const deployment = await deployModels(engine, MODELS);
    logger.info({ processes: deployment.processes.map((p) => `${p.processDefinitionId}@${p.version}`) }, '模型已部署 / models deployed');
    // Listen before any engine work: a start that cannot serve (its port taken) must fail before
    // it fires a timer or runs a job, not after.
    const address = await listen(app, config);
    notifications = await startNotifications({
      config,
      pool,
      clock: systemClock,
      logger,
      ...(deliveryPolicy ? { policy: deliveryPolicy } : {}),
      digest: { engine, calendar: () => loadWorkingDayCalendar(pool) },
    });
    const cycle = { db: pool, clock: systemClock, calendar: () => loadWorkingDayCalendar(pool), engine, credit: new CreditRecordsRegistry(pool) };
    await engine.startWorkers(buildWorkerRegistry({ notifications: notifications.ports, cycle }));
    // Cases recorded but not started (a crash, an engine outage) start now and on each sweep.
    caseStarts = runCaseStartRelay(
      { db: pool, clock: systemClock, engine },
      ({ processId, businessKey, error }) =>
        logger.error({ err: error, processId, businessKey }, '已记录的案件未能启动，稍后再试 / a recorded case could not be started; the next sweep tries again'),
      { onError: (error) => logger.error({ err: error }, '案件启动巡检失败 / the sweep of pending case starts failed') },
    );
    return { address, close };
  } catch (error) {
    await close();
    throw error;
  }
}
