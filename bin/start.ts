import { buildApp, type EngineInfo } from '../api/app.ts';
import { listen } from '../api/server.ts';
import type { Config } from '../platform/config.ts';
import { createPool, type Pool } from '../platform/db/pool.ts';
import { createLogger, type Logger } from '../platform/log.ts';

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
  { logger = createLogger(config.LOG_LEVEL) }: { logger?: Logger } = {},
): Promise<RunningSystem> {
  const pool = createPool(config, logger);
  const engine = createEngine(config, { pool, logger });
  const app = buildApp({ config, engine, logger, pool });

  // Reverse start order: nothing new arrives while the engine drains, and both still have
  // the pool until they are done.
  const close = async () => {
    await app.close();
    await engine.close();
    await pool.end();
  };
  try {
    return { address: await listen(app, config), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The engine as start-up sees it: what the API reads, and how to stop it. */
interface StartedEngine extends EngineInfo {
  close(): Promise<void>;
}

// Placeholder until platform/engine offers its factory: this is where `ENGINE` picks the
// embedded engine or the Camunda 8 adapter, deploys the models and registers the workers
// (workers/registry.ts). For now the API only learns which kind runs.
function createEngine(config: Config, _dependencies: { pool: Pool; logger: Logger }): StartedEngine {
  return { kind: config.ENGINE, close: async () => undefined };
}
