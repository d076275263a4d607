/**
 * A second engine process for `npm run bench:engine`: the durable engine with the benchmark's
 * step worker, polling in the background on the schema in DATABASE_SCHEMA, until SIGTERM.
 */
import { loadConfig } from '../platform/config.ts';
import { createPool } from '../platform/db/pool.ts';
import { systemClock } from '../platform/engine/clock.ts';
import { EmbeddedEngine } from '../platform/engine/embedded/embedded-engine.ts';
import { answeringWorkers } from './ten-service-tasks.ts';

const config = loadConfig();
const pool = createPool(config);
const engine = new EmbeddedEngine({ pool, clock: systemClock, schedulerIntervalMs: 20, concurrency: 4, runCommit: config.ENGINE_RUN_COMMIT, onError: (e) => console.error(e) });
await engine.startWorkers(answeringWorkers());
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void engine
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
