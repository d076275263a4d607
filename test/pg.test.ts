import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestSchema } from './pg.ts';

async function schemaExists(databaseUrl: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestSchema', () => {
  it('creates a schema of its own and drops it with everything in it', async () => {
    const db = await createTestSchema();
    expect(db.schema).toMatch(/^test_[0-9a-f]{12}$/);
    expect(db.config.DATABASE_SCHEMA).toBe(db.schema);
    await db.pool.query('create table t (id int)');
    expect(await schemaExists(db.databaseUrl, db.schema)).toBe(true);
    await db.drop();
    await db.drop();
    expect(await schemaExists(db.databaseUrl, db.schema)).toBe(false);
  });

  it('gives each call a different schema', async () => {
    const [a, b] = await Promise.all([createTestSchema(), createTestSchema()]);
    try {
      expect(a.schema).not.toBe(b.schema);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('applies the repository migrations on request', async () => {
    const db = await createTestSchema({ migrate: true });
    try {
      const { rows } = await db.pool.query('select count(*)::int as n from schema_migrations');
      expect(rows[0].n).toBeGreaterThanOrEqual(0);
    } finally {
      await db.drop();
    }
  });
});
