import pg from 'pg';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

/** A PostgreSQL connection pool. */
export type Pool = pg.Pool;
/** One connection taken from a {@link Pool}. */
export type PoolClient = pg.PoolClient;

/** The part of the configuration a pool needs. */
export type DatabaseConfig = Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA'>;

const identifier = /^(?!pg_)[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pool on `DATABASE_URL` whose every connection has `search_path` set to
 * `DATABASE_SCHEMA` alone, so unqualified table names mean jingpin's tables in that schema
 * (and a test's schema never falls through to `public`).
 * @param logger told when an idle connection breaks; pg then drops it and reconnects on demand.
 */
export function createPool(config: DatabaseConfig, logger?: Pick<Logger, 'error'>): Pool {
  const { connectionString, options } = withSearchPath(config.DATABASE_URL, schemaName(config.DATABASE_SCHEMA));
  const pool = new pg.Pool({
    connectionString,
    options,
    application_name: 'jingpin',
    // An unreachable database should fail a request or a health check, not hang it.
    connectionTimeoutMillis: 5_000,
  });
  // Without a listener, an idle connection's error (a restarted server) would end the process.
  pool.on('error', (error) => logger?.error({ err: error }, '数据库空闲连接出错 / idle database connection failed'));
  return pool;
}

/**
 * Runs `work` inside BEGIN … COMMIT on one connection, rolling back if it throws.
 * The connection always goes back to the pool; one whose rollback failed is discarded.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection that breaks while checked out but between queries (the server restarted while
  // `work` awaited something else) emits 'error' on the client, not the pool: unheard, that would
  // end the process. Heard, the next query fails, the transaction with it, and the connection is discarded.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Checks a schema name before it is written into SQL or connection options unquoted. */
export function schemaName(schema: string): string {
  if (!identifier.test(schema)) {
    throw new Error(`无效的 schema 名 / invalid schema name: ${JSON.stringify(schema)}`);
  }
  return schema;
}

// pg lets options in the URL override the `options` setting, so a DATABASE_URL carrying its own
// `?options=` would silently drop our search_path; both are kept instead.
function withSearchPath(databaseUrl: string, schema: string): { connectionString: string; options: string } {
  const searchPath = `-c search_path=${schema}`;
  if (!/[?&]options=/.test(databaseUrl)) return { connectionString: databaseUrl, options: searchPath };
  const url = new URL(databaseUrl);
  const given = url.searchParams.get('options') ?? '';
  url.searchParams.delete('options');
  return { connectionString: url.toString(), options: `${given} ${searchPath}`.trim() };
}
