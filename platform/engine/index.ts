import type { Pool } from 'pg';
import type { Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { createCamundaEngine } from './camunda/create.ts';
import type { Clock } from './clock.ts';
import { EmbeddedEngine } from './embedded/embedded-engine.ts';
import { logIncident } from './incident-log.ts';
import type { EnginePort } from './port.ts';

export interface EngineDependencies {
  readonly pool: Pool;
  readonly clock: Clock;
  readonly onError: (error: unknown) => void;
  /** Where the engine reports new incidents, and the Camunda adapter that it is waiting for the cluster, reconnecting, ...; a new logger at LOG_LEVEL if absent. */
  readonly logger?: Logger;
}

/**
 * The one place that picks the engine by `ENGINE`. Both engines receive the same worker registry
 * object later, through `startWorkers` (bin/start.ts).
 */
export function createEngine(config: Config, dependencies: EngineDependencies): EnginePort {
  const logger = dependencies.logger ?? createLogger(config.LOG_LEVEL);
  switch (config.ENGINE) {
    case 'embedded': {
      const log = logger.child({ part: 'engine' });
      return new EmbeddedEngine({
        pool: dependencies.pool,
        clock: dependencies.clock,
        schedulerIntervalMs: config.ENGINE_SCHEDULER_INTERVAL_MS,
        concurrency: config.ENGINE_INSTANCE_CONCURRENCY,
        jobConcurrency: config.ENGINE_JOB_CONCURRENCY,
        leaseMs: config.ENGINE_LEASE_MS,
        hotInstances: config.ENGINE_HOT_INSTANCES,
        runCommit: config.ENGINE_RUN_COMMIT,
        onError: dependencies.onError,
        onIncident: (incident) => logIncident(log, incident),
      });
    }
    case 'camunda':
      // Engine state lives in Zeebe; the pool and clock serve jingpin's own tables, not the engine.
      return createCamundaEngine(config, logger.child({ part: 'camunda' }));
  }
}
