import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { TSchema } from '@sinclair/typebox';
import { loadConfig } from '../../platform/config.ts';
import { createPool } from '../../platform/db/pool.ts';
import { createLogger } from '../../platform/log.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import type { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import { createEngine } from '../../platform/engine/index.ts';
import { createWorkerRegistry, type WorkerDefinition } from '../../platform/engine/worker.ts';
import type { TestSchema } from '../pg.ts';

const MODELS = path.join(import.meta.dirname, '..', 'models');

/** An embedded engine built as `jingpin start` builds it, with the log lines it writes. */
export interface ProductionEngine {
  readonly engine: EmbeddedEngine;
  readonly logs: Record<string, unknown>[];
  /** What the engine reported through onError. */
  readonly errors: unknown[];
  /** Starts its workers and its background scheduler, as start-up does. */
  start(workers?: readonly WorkerDefinition<TSchema>[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The production configuration (every ENGINE_* default, background polling, the production FEEL
 * mode), on a test schema and clock. Only the poll interval is shortened, so tests wait less; it
 * changes when work is looked for, not how it is done. Each engine gets a pool of its own, as a
 * second process would.
 */
export async function productionEngine(db: TestSchema, clock: Clock, env: Record<string, string> = {}): Promise<ProductionEngine> {
  const config = loadConfig({ ...process.env, DATABASE_SCHEMA: db.schema, ENGINE_SCHEDULER_INTERVAL_MS: '50', LOG_LEVEL: 'info', ...env });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const pool = createPool(config);
  const errors: unknown[] = [];
  const engine = createEngine(config, { pool, clock, onError: (error) => errors.push(error), logger: createLogger('info', sink) }) as EmbeddedEngine;
  return {
    engine,
    logs,
    errors,
    start: (workers = []) => engine.startWorkers(createWorkerRegistry(workers)),
    async stop() {
      await engine.stop();
      await pool.end();
    },
  };
}

/** Deploys test models by file name (test/models/...), with the test forms. */
export async function deployModels(engine: EmbeddedEngine, ...files: string[]): Promise<void> {
  const resources = await Promise.all(
    [...files, 'forms/review.form'].map(async (file) => ({ name: path.basename(file), content: await readFile(path.join(MODELS, file), 'utf8') })),
  );
  await engine.deploy(resources);
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`等待超时 / timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
