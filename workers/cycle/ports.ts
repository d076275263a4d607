import { randomInt } from 'node:crypto';
import type { Pool } from 'pg';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import type { EnginePort } from '../../platform/engine/port.ts';
import type { CreditRegistry } from '../../platform/credit/credit-registry.ts';

/**
 * What the yearly cycle's workers need from the outside, handed in by the start-up code:
 * the database, the engine clock, the working-day calendar, the engine (to publish the
 * messages the models wait for and start the cases they open), and the credit registry.
 */
export interface CyclePorts {
  readonly db: Pool;
  readonly clock: Clock;
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly engine: Pick<EnginePort, 'publishMessage' | 'startInstance' | 'searchInstances'>;
  readonly credit: CreditRegistry;
  /**
   * The seed of a new expert-panel draw. Random at drawing time by default ({@link randomDrawSeed}),
   * so nobody can foretell a panel; `jingpin demo` passes its own seeded source so its scripted
   * year replays the same.
   */
  readonly drawSeed?: () => number;
}

/** A 32-bit seed from the operating system's random source. */
export const randomDrawSeed = (): number => randomInt(0, 2 ** 32);
