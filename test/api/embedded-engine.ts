import { VirtualClock } from '../../platform/engine/clock.ts';
import { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import type { TestSchema } from '../pg.ts';

/**
 * The embedded engine on a test's schema, without background polling or workers: for API tests
 * that need an engine to hand the app but drive no process (health, problem details, notifications).
 */
export function idleEngine(db: TestSchema, start = '2026-03-02T09:00:00+08:00'): { engine: EmbeddedEngine; clock: VirtualClock } {
  const clock = new VirtualClock(start);
  const engine = new EmbeddedEngine({
    pool: db.pool,
    clock,
    background: false,
    onError: (error) => {
      throw error;
    },
  });
  return { engine, clock };
}
