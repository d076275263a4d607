import type { Config } from '../platform/config.ts';
import type { Pool } from '../platform/db/pool.ts';
import type { EngineInfo } from './engine-info.ts';

/**
 * What every route plugin receives as its options. The caller of `buildApp` owns these and
 * closes them; the app only uses them.
 */
export interface AppDependencies {
  readonly config: Config;
  readonly engine: EngineInfo;
  /** PostgreSQL, with `search_path` set to jingpin's schema. */
  readonly pool: Pool;
}
