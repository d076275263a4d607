import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { loadConfig } from '../../platform/config.ts';
import { CamundaEngine } from '../../platform/engine/camunda/camunda-engine.ts';
import { request } from '../../platform/engine/camunda/request.ts';
import { createCamundaClient } from '../../platform/engine/camunda/settings.ts';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { readModels } from '../../platform/engine/deploy-models.ts';
import type { ProcessInstanceView, UserTask } from '../../platform/engine/port.ts';
import { createWorkerRegistry, type WorkerDefinition } from '../../platform/engine/worker.ts';
import { capturingLog } from './adapter-setup.ts';

const MODELS = path.join(import.meta.dirname, '..', 'models');
const QUIET_POLLS = 2;
const POLL_MS = 250;
const SETTLE_LIMIT_MS = 4500;

/** The cluster the gated suite runs against, if any. */
export const clusterAddress = process.env['CAMUNDA_REST_ADDRESS'] || process.env['ZEEBE_REST_ADDRESS'] || undefined;

/** A virtual clock whose every move is also pinned on the cluster (ZEEBE_CLOCK_CONTROLLED=true). */
class ClusterClock extends VirtualClock {
  pending: Promise<unknown> = Promise.resolve();
  constructor(
    start: string,
    private readonly pin: (at: Date) => Promise<unknown>,
  ) {
    super(start);
    this.pending = pin(this.now());
  }
  override advance(by: number | string): Date {
    const at = super.advance(by);
    this.pending = this.pending.then(() => this.pin(at));
    return at;
  }
  override set(to: Date | string): Date {
    const at = super.set(to);
    this.pending = this.pending.then(() => this.pin(at));
    return at;
  }
}

export interface HarnessOptions {
  readonly workers?: readonly WorkerDefinition<TSchema>[];
  readonly start?: string;
}

/**
 * The process tests' harness (test/engine-harness.ts) on a real Camunda 8 cluster: same shape,
 * so test/process/*.test.ts run unchanged. "Settled" means nothing the tests can see changed for
 * a few polls and no job handler is running; the clock is Zeebe's, pinned with PUT /v2/clock.
 * On close, the instances a test started are cancelled, so they cannot react to later clocks.
 */
export async function createEngineHarness(options: HarnessOptions = {}) {
  const config = loadConfig({ ...process.env, ENGINE: 'camunda', ZEEBE_REST_ADDRESS: clusterAddress });
  const client = createCamundaClient(config);
  const log = capturingLog();
  const engine = new CamundaEngine({
    client,
    log,
    address: clusterAddress ?? '',
    requestTimeoutMs: config.CAMUNDA_REQUEST_TIMEOUT_MS,
    startupAttempts: config.CAMUNDA_STARTUP_ATTEMPTS,
    maxBackoffMs: 1000,
    pollTimeoutMs: 1000,
  });
  const clock = new ClusterClock(options.start ?? '2026-03-02T09:00:00+08:00', (at) =>
    request('固定集群时钟 / pin the cluster clock', 10_000, () => client.pinClock({ timestamp: at.getTime() })),
  );
  let running = 0;
  const counted = (options.workers ?? []).map((w) => ({
    ...w,
    handler: async (job: Parameters<typeof w.handler>[0]) => {
      running += 1;
      try {
        return await w.handler(job);
      } finally {
        running -= 1;
      }
    },
  }));
  await engine.startWorkers(createWorkerRegistry(counted));
  const started = new Set<string>();
  const startInstance = engine.startInstance.bind(engine);
  engine.startInstance = async (req) => {
    const ref = await startInstance(req);
    started.add(ref.processInstanceKey);
    return ref;
  };

  async function snapshot(): Promise<string> {
    const keys = [...started];
    for (const key of keys) for (const child of await engine.searchInstances({ parentProcessInstanceKey: key })) started.add(child.processInstanceKey);
    const views = await Promise.all([...started].map((k) => engine.getInstance(k).catch(() => null)));
    const tasks = await Promise.all([...started].map((k) => engine.searchUserTasks({ processInstanceKey: k })));
    return JSON.stringify([views, tasks]);
  }

  const harness = {
    engine,
    clock: clock as VirtualClock,
    db: {
      pool: {
        query: () => Promise.reject(new Error('这个测试读取内置引擎的表，Camunda 8 上没有 / this test reads the embedded engine\'s tables, which Camunda 8 does not have')),
      },
      drop: async () => {},
    },
    async deploy(...files: string[]) {
      const resources = await Promise.all(
        files.map(async (file) => ({ name: path.basename(file), content: await readFile(path.isAbsolute(file) ? file : path.join(MODELS, file), 'utf8') })),
      );
      const forms = (await readModels(path.join(MODELS, 'forms'))).filter((form) => !resources.some((r) => r.name === form.name));
      await engine.deploy([...resources, ...forms]);
    },
    async settle() {
      await clock.pending;
      const until = Date.now() + SETTLE_LIMIT_MS;
      let last = '';
      let quiet = 0;
      while (Date.now() < until && quiet < QUIET_POLLS) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const now = await snapshot();
        quiet = now === last && running === 0 ? quiet + 1 : 0;
        last = now;
      }
    },
    async advance(by: number | string) {
      clock.advance(by);
      await harness.settle();
    },
    instance: (key: string): Promise<ProcessInstanceView> => engine.getInstance(key),
    openTasks: (processInstanceKey: string, elementId?: string): Promise<UserTask[]> =>
      engine.searchUserTasks({ processInstanceKey, state: 'CREATED', ...(elementId ? { elementId } : {}) }),
    async path(processInstanceKey: string) {
      return (await engine.getInstance(processInstanceKey)).history.map((h) => h.elementId);
    },
    async close() {
      await engine.stop();
      for (const key of started) await engine.cancelInstance(key).catch(() => undefined);
      await request('重置集群时钟 / reset the cluster clock', 10_000, () => client.resetClock()).catch(() => undefined);
    },
  };
  return harness;
}

export type EngineHarness = Awaited<ReturnType<typeof createEngineHarness>>;
