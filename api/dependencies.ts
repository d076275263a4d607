import type { Config } from '../platform/config.ts';
import type { Pool } from '../platform/db/pool.ts';
import type { Clock } from '../platform/engine/clock.ts';
import type { EnginePort } from '../platform/engine/port.ts';
import type { TaskForm } from './forms/task-forms.ts';

/**
 * What every route plugin receives as its options. The caller of `buildApp` owns these and
 * closes them; the app only uses them.
 */
export interface AppDependencies {
  readonly config: Config;
  /** The process engine: user tasks, messages, instances (platform/engine/port.ts). */
  readonly engine: EnginePort;
  /** The engine's clock: "now" for every row the API writes (a virtual one in tests). */
  readonly clock: Clock;
  /** PostgreSQL, with `search_path` set to jingpin's schema. */
  readonly pool: Pool;
  /** The form of each user task, by element id (api/forms/task-forms.ts). */
  readonly taskForms: ReadonlyMap<string, TaskForm>;
  /** The BPMN XML of each process model, by process id (api/models/process-models.ts). */
  readonly processModels: ReadonlyMap<string, string>;
}
