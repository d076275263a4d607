/**
 * An engine process for the crash test: it starts instances one after another and lets its
 * engine run them until the test kills it with SIGKILL (no clean shutdown).
 */
import { loadConfig } from '../../platform/config.ts';
import { createPool } from '../../platform/db/pool.ts';
import { systemClock } from '../../platform/engine/clock.ts';
import { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import { createWorkerRegistry } from '../../platform/engine/worker.ts';
import { durableStepWorker } from './durable-step-worker.ts';

const config = loadConfig();
const pool = createPool(config);
// A short lease, so the test's second process may take over soon after the kill.
const engine = new EmbeddedEngine({ pool, clock: systemClock, schedulerIntervalMs: 20, concurrency: 4, leaseMs: 2000, onError: (e) => console.error(e) });
await engine.startWorkers(createWorkerRegistry([durableStepWorker(pool)]));
for (let i = 0; ; i++) {
  await engine.startInstance({ processDefinitionId: 'durability', businessKey: `C-${i}`, variables: { orderId: `O-${i}` } });
  // Only what the engine acknowledged counts as started.
  process.stdout.write(`started C-${i}\n`);
  await new Promise((resolve) => setTimeout(resolve, 3));
}
