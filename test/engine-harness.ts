import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VirtualClock } from '../platform/engine/clock.ts';
import { EmbeddedEngine } from '../platform/engine/embedded/embedded-engine.ts';
import { readModels } from '../platform/engine/deploy-models.ts';
import type { RaisedIncident } from '../platform/engine/incident-log.ts';
import type { ProcessInstanceView, UserTask } from '../platform/engine/port.ts';
import { createWorkerRegistry, type WorkerDefinition } from '../platform/engine/worker.ts';
import type { TSchema } from '@sinclair/typebox';
import { createTestSchema, type TestSchema } from './pg.ts';

const MODELS = path.join(import.meta.dirname, 'models');

/**
 * The embedded engine on a schema of the test's own, with a virtual clock and no background
 * polling: a test moves the clock and calls `settle()`, so every run happens when it says.
 */
export interface EngineHarness {
  readonly engine: EmbeddedEngine;
  readonly clock: VirtualClock;
  readonly db: TestSchema;
  /** Deploys models from test/models (or any path) by file name. */
  deploy(...files: string[]): Promise<void>;
  /** Runs everything due now. */
  settle(): Promise<void>;
  /** Moves the clock (ms or ISO duration) and runs everything that fell due. */
  advance(by: number | string): Promise<void>;
  instance(key: string): Promise<ProcessInstanceView>;
  /** The open user tasks of an instance, optionally of one element. */
  openTasks(processInstanceKey: string, elementId?: string): Promise<UserTask[]>;
  /** Element ids in the order their instances started, e.g. to assert the path taken. */
  path(processInstanceKey: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly workers?: readonly WorkerDefinition<TSchema>[];
  readonly start?: string;
  /** Told of each new incident, as production's logger is. */
  readonly onIncident?: (incident: RaisedIncident) => void;
}

export async function createEngineHarness(options: HarnessOptions = {}): Promise<EngineHarness> {
  const db = await createTestSchema({ migrate: true });
  const clock = new VirtualClock(options.start ?? '2026-03-02T09:00:00+08:00');
  const engine = new EmbeddedEngine({
    pool: db.pool,
    clock,
    background: false,
    ...(options.onIncident ? { onIncident: options.onIncident } : {}),
    onError: (error) => {
      throw error;
    },
  });
  await engine.startWorkers(createWorkerRegistry(options.workers ?? []));
  const harness: EngineHarness = {
    engine,
    clock,
    db,
    async deploy(...files) {
      const resources = await Promise.all(
        files.map(async (file) => ({ name: path.basename(file), content: await readFile(path.isAbsolute(file) ? file : path.join(MODELS, file), 'utf8') })),
      );
      // The test forms go along, as a deployment from Modeler would carry the linked forms.
      const forms = (await readModels(path.join(MODELS, 'forms'))).filter((form) => !resources.some((r) => r.name === form.name));
      await engine.deploy([...resources, ...forms]);
    },
    settle: () => engine.runUntilIdle(),
    async advance(by) {
      clock.advance(by);
      await engine.runUntilIdle();
    },
    instance: (key) => engine.getInstance(key),
    openTasks: async (processInstanceKey, elementId) =>
      engine.searchUserTasks({ processInstanceKey, state: 'CREATED', ...(elementId ? { elementId } : {}) }),
    async path(processInstanceKey) {
      const view = await engine.getInstance(processInstanceKey);
      return view.history.map((h) => h.elementId);
    },
    async close() {
      await engine.stop();
      await db.drop();
    },
  };
  return harness;
}
