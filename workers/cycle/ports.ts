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
}
