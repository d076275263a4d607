import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../platform/config.ts';
import { createPool, type Pool } from '../platform/db/pool.ts';
import { migrate } from '../platform/db/migrate.ts';
import { loadPackagedRuleSets } from '../platform/rule-sets/rule-sets.ts';

/** A PostgreSQL schema of one test's own, with a pool whose search_path is that schema. */
export interface TestSchema {
  /** A random name such as `test_3f9a0c1b2d4e`. */
  readonly schema: string;
  readonly databaseUrl: string;
  /** Connections with `search_path` set to {@link TestSchema.schema}; ended by `drop()`. */
  readonly pool: Pool;
  /** The configuration from the environment, with `DATABASE_SCHEMA` set to this schema. */
  readonly config: Config;
  /** Ends the pool and drops the schema with everything in it; safe to call twice. */
  drop(): Promise<void>;
}

/** Options for {@link createTestSchema}. */
export interface TestSchemaOptions {
  /** Apply the repository's migrations (default: false, an empty schema). */
  readonly migrate?: boolean;
}

/**
 * Creates a fresh schema in the PostgreSQL of `DATABASE_URL` (the local one by default), so a
 * test can run beside others without seeing their rows. Call `drop()` in `afterEach`/`afterAll`.
 * @example
 * let db: TestSchema;
 * beforeEach(async () => { db = await createTestSchema({ migrate: true }); });
 * afterEach(() => db.drop());
 */
export async function createTestSchema(options: TestSchemaOptions = {}): Promise<TestSchema> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({ ...process.env, DATABASE_SCHEMA: schema });
  await asAdmin(config.DATABASE_URL, `create schema ${schema}`);
  const pool = createPool(config);
  let dropped: Promise<void> | undefined;
  const drop = () => {
    dropped ??= pool.end().finally(() => asAdmin(config.DATABASE_URL, `drop schema if exists ${schema} cascade`));
    return dropped;
  };
  if (options.migrate) {
    // As `jingpin migrate` does: the migrations, then the rule sets shipped in rules/.
    await migrate({ pool, schema }).then(() => loadPackagedRuleSets(pool, new Date())).catch(async (error: unknown) => {
      await drop();
      throw error;
    });
  }
  return { schema, databaseUrl: config.DATABASE_URL, pool, config, drop };
}

// Outside the test's pool, so dropping works after that pool has ended.
async function asAdmin(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
