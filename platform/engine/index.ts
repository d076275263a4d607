import type { Pool } from 'pg';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import { EmbeddedEngine } from './embedded/embedded-engine.ts';
import type { EnginePort } from './port.ts';

export interface EngineDependencies {
  readonly pool: Pool;
  readonly clock: Clock;
  readonly onError: (error: unknown) => void;
}

/** The one place that picks the engine by `ENGINE`. */
export function createEngine(config: Config, dependencies: EngineDependencies): EnginePort {
  switch (config.ENGINE) {
    case 'embedded':
      return new EmbeddedEngine({
        pool: dependencies.pool,
        clock: dependencies.clock,
        schedulerIntervalMs: config.ENGINE_SCHEDULER_INTERVAL_MS,
        concurrency: config.ENGINE_JOB_CONCURRENCY,
        onError: dependencies.onError,
      });
    case 'camunda':
      // The Camunda 8 adapter is its own piece of work (issue 6); until it lands, say so plainly.
      throw new Error('ENGINE=camunda 尚不可用 / the Camunda 8 adapter is not built yet: use ENGINE=embedded');
  }
}
