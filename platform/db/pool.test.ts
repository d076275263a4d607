import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { createPool, schemaName, withTransaction } from './pool.ts';

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema();
});
afterEach(() => db.drop());

describe('createPool', () => {
  it('sets search_path to DATABASE_SCHEMA on every connection', async () => {
    const clients = await Promise.all([db.pool.connect(), db.pool.connect()]);
    try {
      for (const client of clients) {
        const { rows } = await client.query<{ search_path: string }>('show search_path');
        expect(rows[0]?.search_path).toBe(db.schema);
      }
    } finally {
      for (const client of clients) client.release();
    }
  });

  it('creates unqualified tables in that schema', async () => {
    await db.pool.query('create table greeting (text text)');
    const { rows } = await db.pool.query('select table_schema from information_schema.tables where table_name = $1', [
      'greeting',
    ]);
    expect(rows).toEqual([{ table_schema: db.schema }]);
  });

  it('keeps options given in DATABASE_URL besides the search_path', async () => {
    const url = `${db.databaseUrl}?options=${encodeURIComponent('-c statement_timeout=1234')}`;
    const pool = createPool({ DATABASE_URL: url, DATABASE_SCHEMA: db.schema });
    try {
      const timeout = await pool.query('show statement_timeout');
      const path = await pool.query('show search_path');
      expect(timeout.rows[0].statement_timeout).toBe('1234ms');
      expect(path.rows[0].search_path).toBe(db.schema);
    } finally {
      await pool.end();
    }
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => schemaName('public; drop table x')).toThrow(/invalid schema name/);
    expect(() => createPool({ DATABASE_URL: db.databaseUrl, DATABASE_SCHEMA: 'Bad' })).toThrow(/invalid schema name/);
  });
});

describe('withTransaction', () => {
  beforeEach(async () => {
    await db.pool.query('create table note (text text not null)');
  });

  it('commits what the work wrote and returns its result', async () => {
    const result = await withTransaction(db.pool, async (client) => {
      await client.query(`insert into note values ('kept')`);
      return 'done';
    });
    expect(result).toBe('done');
    expect((await db.pool.query('select text from note')).rows).toEqual([{ text: 'kept' }]);
  });

  it('rolls back when the work throws, and rethrows', async () => {
    const failure = withTransaction(db.pool, async (client) => {
      await client.query(`insert into note values ('lost')`);
      throw new Error('boom');
    });
    await expect(failure).rejects.toThrow('boom');
    expect((await db.pool.query('select text from note')).rows).toEqual([]);
  });

  it('gives the connection back to the pool either way', async () => {
    await withTransaction(db.pool, async () => undefined);
    await withTransaction(db.pool, async () => {
      throw new Error('boom');
    }).catch(() => undefined);
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });

  it('survives its connection being cut between two queries (a server restart): the transaction fails, the process does not, the pool goes on', async () => {
    const uncaught: unknown[] = [];
    const listener = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', listener);
    try {
      const failed = await withTransaction(db.pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
        // Another connection ends this one while the work awaits something that is not a query.
        await db.pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await client.query('select 1');
      }).then(
        () => null,
        (error: Error) => error,
      );
      expect(failed).toBeInstanceOf(Error);
      expect(uncaught).toEqual([]);
      expect((await db.pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', listener);
    }
  });
});
