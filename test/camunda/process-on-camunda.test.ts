import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, vi } from 'vitest';
import { clusterAddress } from './camunda-harness.ts';

/**
 * The engine-neutral process tests (test/process/*.test.ts) against a real Camunda 8 cluster,
 * unchanged: the embedded harness they import is swapped for camunda-harness.ts, which drives the
 * same models through the Camunda adapter and moves Zeebe's clock with PUT /v2/clock.
 *
 * Runs only when CAMUNDA_REST_ADDRESS (or ZEEBE_REST_ADDRESS) points at a cluster started with
 * ZEEBE_CLOCK_CONTROLLED=true; README.md ("Camunda 8") says how. No cluster can run on the CI
 * machines, so there it is skipped, and says so.
 */
vi.mock('../engine-harness.ts', () => import('./camunda-harness.ts'));

// Every suite in test/process, so a new one runs here too, except those that read the embedded
// engine's own tables (they test its housekeeping, which Zeebe does inside the broker).
const EMBEDDED_ONLY = new Set(['message-housekeeping']);
const suites = readdirSync(path.join(import.meta.dirname, '..', 'process'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.test\.ts$/, ''))
  .filter((name) => !EMBEDDED_ONLY.has(name))
  .sort();

describe.runIf(clusterAddress !== undefined)(`process tests on Camunda 8 at ${clusterAddress ?? '(no cluster: set CAMUNDA_REST_ADDRESS)'}`, async () => {
  for (const suite of suites) await import(`../process/${suite}.test.ts`);
});
