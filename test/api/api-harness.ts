import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../api/app.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Config } from '../../platform/config.ts';
import { createLogger } from '../../platform/log.ts';
import { createCycleHarness, type CycleHarness } from '../cycle/cycle-harness.ts';
import { enterprise, smallDirectory } from '../cycle/directory.fixture.ts';
import { signIn, type SignedIn } from './sign-in.ts';

/**
 * The API over the yearly cycle's real models and workers on the embedded engine with a virtual
 * clock (test/cycle/cycle-harness.ts). The engine runs only when told: after a call that hands it
 * work, a test settles it, and it moves the clock to reach timers.
 */
export interface ApiHarness {
  readonly c: CycleHarness;
  readonly app: App;
  /** The app's ATTACHMENTS_DIR: a temporary folder of this harness's own, removed on close. */
  readonly attachmentsDir: string;
  /** Signs in a user of a role (and scope), created on first use. */
  as(role: Role, scope?: string | null): Promise<SignedIn>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function createApiHarness(options: { start?: string; config?: Partial<Config> } = {}): Promise<ApiHarness> {
  // Never the repository's ./data/attachments: each harness keeps its uploads in a folder of its own.
  const attachmentsDir = options.config?.ATTACHMENTS_DIR ?? (await mkdtemp(path.join(tmpdir(), 'jingpin-attachments-')));
  // The scripted enterprises' materials go to the store the API serves, so every row's file is there.
  const c = await createCycleHarness({ directory: smallDirectory(), attachmentsDir, ...(options.start ? { start: options.start } : {}) });
  const app = buildApp({ config: { ...c.h.db.config, ATTACHMENTS_DIR: attachmentsDir, ...options.config }, engine: c.h.engine, clock: c.h.clock, pool: c.h.db.pool, logger: createLogger('silent') });
  await app.ready();
  const users = new Map<string, SignedIn>();
  return {
    c,
    app,
    attachmentsDir,
    async as(role, scope = null) {
      const id = `${role}/${scope ?? ''}`;
      let user = users.get(id);
      if (!user) users.set(id, (user = await signIn(app, c.h.db.pool, role, scope)));
      return user;
    },
    settle: () => c.driver.settle(),
    async close() {
      await app.close();
      await c.close();
      if (options.config?.ATTACHMENTS_DIR === undefined) await rm(attachmentsDir, { recursive: true, force: true });
    },
  };
}

/** Smaller directory names the tests use. */
export const E1 = enterprise('320100', 1).id; // 91320100MA0000015Q: Nanjing 320100, county 320102
export const E2 = enterprise('320200', 1).id; // 91320200MA0000015X: Wuxi 320200, county 320205
export const E3 = enterprise('320100', 2).id; // 91320100MA0000023K: Nanjing 320100, county 320104
